"""ophold_i_aaret asks for a long list of tilbud by its shortest test (every
tilbud: no condition; all but a few: "not those few"), and reads the same
ophold whichever test it sends."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budgets.selectors import grundlag
from offers import services
from tests.factories import TilbudFactory

D = datetime.date


@pytest.fixture
def tre_tilbud(anna, tilbud_a, tilbud_b, niveau, raadgiver):
    tilbud_c = TilbudFactory(navn="Cedertræet", pladser=4)
    for cpr, navn, tilbud in (
        ("020290-1234", "Bo", tilbud_a),
        ("030390-1234", "Cy", tilbud_b),
        ("040490-1234", "Dora", tilbud_c),
    ):
        borger = services.borger_create(cpr=cpr, navn=navn, acting_user=raadgiver)
        services.borger_tilgang(
            borger=borger,
            tilbud=tilbud,
            dato=D(2026, 3, 1),
            takstniveau=niveau["1"],
            acting_user=raadgiver,
        )
    return tilbud_a, tilbud_b, tilbud_c


def _laest(ids):
    with CaptureQueriesContext(connection) as queries:
        navne = sorted(
            grundlag.ophold_i_aaret(ids, 2026).values_list("borger__navn", flat=True)
        )
    return navne, queries[-1]["sql"]


@pytest.mark.parametrize("mange", [100, 2])
def test_the_same_ophold_whichever_test_is_sent(tre_tilbud, monkeypatch, mange):
    monkeypatch.setattr(grundlag, "MANGE_TILBUD", mange)
    a, b, c = (t.pk for t in tre_tilbud)
    assert _laest([a, b])[0] == ["Bo", "Cy"]
    assert _laest([a, b, c])[0] == ["Bo", "Cy", "Dora"]
    assert _laest([c])[0] == ["Dora"]


def test_every_tilbud_is_read_without_a_condition_on_tilbud(tre_tilbud, monkeypatch):
    monkeypatch.setattr(grundlag, "MANGE_TILBUD", 2)
    a, b, c = (t.pk for t in tre_tilbud)
    assert "tilbud_id" not in _laest([a, b, c])[1].split("WHERE")[1]
    assert "NOT" in _laest([a, b])[1]  # all but one: "not that one"
