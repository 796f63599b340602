"""Issue 17: the sick-leave what-if moves every timeprismodel of the year, a
tilbud's own too (+N points of egen sygdom on each).

Worked example, 2026, +1 point (tests.budgets.test_egen_timeprismodel's
models): fravær 17 % ferie + 5 % egen sygdom becomes 17 % + 6 % = 23 %:
    fremmøde = 1.924 × 0,77 = 1.481,48 timer
Tilbud A, the takstmodel's "Timepris 2026" (35 % away from the borger):
    direkte = 1.481,48 × 0,65 = 962,962 timer
    timepris = 480.000 / 962,962 = 498,462… → 498,46 kr.
    niveau 2: 3 × 498,46 = 1.495,38 kr.; 334 døgn (1 Feb–31 Dec) = 499.456,92 kr.
    (before: 334 × 1.476,21 = 493.054,14 kr.)
Tilbud B, its own "Bostøtte 2026" (41 % away, transport 6 %):
    direkte = 1.481,48 × 0,59 = 874,0732 timer
    timepris = 480.000 / 874,0732 = 549,153… → 549,15 kr.
    niveau 2: 3 × 549,15 = 1.647,45 kr.; 334 døgn = 550.248,30 kr.
    (before: 334 × 1.626,33 = 543.194,22 kr.)
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.selectors import hvis_sygefravaer
from tests.budgets.test_egen_timeprismodel import _borger, _bostoette, _vaelg

D = datetime.date
K = Decimal
IDAG = D(2026, 6, 30)


@pytest.fixture
def to_tilbud(tilbud_a, tilbud_b, takstmodel_2026, niveau, raadgiver, oekonomichef):
    _vaelg(tilbud_b, _bostoette(2026, oekonomichef), oekonomichef)
    _borger(tilbud_a, niveau, raadgiver, "010190-1234", D(2026, 2, 1))
    _borger(tilbud_b, niveau, raadgiver, "020290-1234", D(2026, 2, 1))
    return tilbud_a, tilbud_b


def test_every_timeprismodel_moves_by_the_points(to_tilbud, oekonomichef):
    hvis = hvis_sygefravaer(oekonomichef, 2026, K(1), IDAG)
    assert hvis.timepriser.efter.timepris_direkte == K("498.46")
    ((navn, egen),) = hvis.egne
    assert navn == "Bostøtte 2026"
    assert (egen.foer.timepris_direkte, egen.efter.timepris_direkte) == (
        K("542.11"),
        K("549.15"),
    )
    assert egen.efter.direkte_timer == K("874.0732")


def test_a_tilbud_on_its_own_model_is_repriced_by_it(to_tilbud, oekonomichef):
    hvis = hvis_sygefravaer(oekonomichef, 2026, K(1), IDAG)
    par = {
        g.navn: (f.aktivitet_korrigeret_aar, e.aktivitet_korrigeret_aar)
        for (g, f), (_, e) in hvis.tilbud
    }
    assert par["Bofællesskabet Ahorn"] == (K("493054.14"), K("499456.92"))
    assert par["Botilbuddet Birk"] == (K("543194.22"), K("550248.30"))


def test_the_page_shows_the_own_models_timepris(to_tilbud, client, oekonomichef):
    client.force_login(oekonomichef)
    side = client.get(reverse("budgets:hvis"), {"sygefravaer": "1", "aar": "2026"})
    html = side.content.decode()
    assert 'id="hvis-egne"' in html
    assert "Bostøtte 2026" in html and "549,15" in html and "542,11" in html
