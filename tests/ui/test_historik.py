"""Issue 15: the history names the borger (CPR masked), filters by day and user,
and links a change to the import job behind it (tests/imports/test_historik)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from budgets.audit import historik_som
from offers import services
from offers.models import Ophold
from tests.factories import UserFactory

D = datetime.date


@pytest.fixture
def anna_hansen(raadgiver):
    return services.borger_create(
        cpr="010190-1234", navn="Anna Hansen", acting_user=raadgiver
    )


@pytest.fixture
def bo(raadgiver):
    return services.borger_create(
        cpr="020285-4321", navn="Bo Berg", acting_user=raadgiver
    )


def _side(client, user, **params) -> str:
    client.force_login(user)
    return client.get(reverse("historik"), params).content.decode()


def _tilgang(borger, tilbud, niveau, user) -> Ophold:
    return services.borger_tilgang(
        borger=borger,
        tilbud=tilbud,
        dato=D(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=user,
    )


def test_a_row_names_its_borger_with_the_cpr_masked(
    client, oekonomichef, raadgiver, anna_hansen, tilbud_a, niveau
):
    _tilgang(anna_hansen, tilbud_a, niveau, raadgiver)
    side = _side(client, oekonomichef, model="ophold")
    assert "<td>Anna Hansen (010190-xxxx)</td>" in side
    assert "1234" not in side


def test_an_indplacering_row_names_the_borger_of_its_ophold(
    client, oekonomichef, raadgiver, anna_hansen, tilbud_a, niveau
):
    _tilgang(anna_hansen, tilbud_a, niveau, raadgiver)
    side = _side(client, oekonomichef, model="indplacering")
    assert "<td>Anna Hansen (010190-xxxx)</td>" in side


def test_the_history_is_filtered_by_day(
    client, oekonomichef, raadgiver, anna_hansen, bo, tilbud_a, niveau
):
    with historik_som(dato=D(2026, 2, 3)):
        _tilgang(anna_hansen, tilbud_a, niveau, raadgiver)
    with historik_som(dato=D(2026, 3, 4)):
        _tilgang(bo, tilbud_a, niveau, raadgiver)
    side = _side(
        client, oekonomichef, model="ophold", fra="01.03.2026", til="31.03.2026"
    )
    # Only Bo's tilgang was recorded in March.
    assert "Bo Berg (020285-xxxx)" in side and "Anna Hansen" not in side
    side = _side(client, oekonomichef, model="ophold", til="28.02.2026")
    assert "Anna Hansen (010190-xxxx)" in side and "Bo Berg" not in side


def test_the_history_is_filtered_by_user(
    client, oekonomichef, raadgiver, anna_hansen, bo, tilbud_a, niveau
):
    anden = UserFactory(username="raadgiver2", first_name="Rie", last_name="Rask")
    _tilgang(anna_hansen, tilbud_a, niveau, raadgiver)
    _tilgang(bo, tilbud_a, niveau, anden)
    side = _side(client, oekonomichef, model="ophold", bruger=anden.pk)
    assert "Bo Berg (020285-xxxx)" in side and "Anna Hansen" not in side
    assert f'<option value="{anden.pk}" selected>Rie Rask</option>' in side


def test_a_bad_date_is_a_danish_field_error_and_no_filter(
    client, oekonomichef, raadgiver, anna_hansen, tilbud_a, niveau
):
    _tilgang(anna_hansen, tilbud_a, niveau, raadgiver)
    side = _side(client, oekonomichef, model="ophold", fra="32.13.2026")
    assert "Skriv datoen som dd.mm.åååå, fx 30.06.2026." in side
    assert "Anna Hansen (010190-xxxx)" in side


def test_historik_som_dates_the_rows_it_writes(
    raadgiver, anna_hansen, tilbud_a, niveau
):
    with historik_som(dato=D(2025, 5, 6)):
        ophold = _tilgang(anna_hansen, tilbud_a, niveau, raadgiver)
    (raekke,) = ophold.history.all()
    assert timezone.localtime(raekke.history_date).date() == D(2025, 5, 6)
