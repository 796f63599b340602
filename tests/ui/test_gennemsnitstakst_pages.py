"""Issue 17: the økonomichef sets a tilbud's gennemsnitstakst for a year on the
year-settings page (no admin); the budget page and the takstblad show it.

Tilbud A: 8 pladser, 97 %, faste udgifter 2.900.000 kr. in 2026 → basistakst
1.023,87 kr.; gennemsnitstakst 1.234,56 kr. → døgntakst 2.258,43 kr. on every
level.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import TilbudAar
from tests.ui.test_takstblad_fast_pris import _raekke

INDSTILLINGER = {
    "pladser": "8",
    "tildelingsprincip": "hybrid",
    "forudsat_belaegning": "97,00",
    "reguleringsandel": "100",
    "gennemsnitstakst": "1.234,56",
}


def _url(tilbud) -> str:
    return reverse("budgets:tilbud-aar", args=[tilbud.pk]) + "?aar=2026"


@pytest.fixture
def gemt(client, oekonomichef, tilbud_a, faste_a, idag_2026):
    client.force_login(oekonomichef)
    svar = client.post(_url(tilbud_a), INDSTILLINGER)
    assert svar.status_code == 302
    return tilbud_a


def test_the_form_saves_the_gennemsnitstakst_typed_the_danish_way(gemt):
    raekke = TilbudAar.objects.get(tilbud=gemt, budgetaar__aar=2026)
    assert raekke.gennemsnitstakst == Decimal("1234.56")


def test_the_form_shows_the_saved_gennemsnitstakst(client, gemt):
    tekst = client.get(_url(gemt)).content.decode()
    assert 'name="gennemsnitstakst" value="1.234,56"' in tekst


def test_a_negative_gennemsnitstakst_is_a_danish_form_error_and_writes_nothing(
    client, oekonomichef, tilbud_a, faste_a, idag_2026
):
    client.force_login(oekonomichef)
    svar = client.post(_url(tilbud_a), {**INDSTILLINGER, "gennemsnitstakst": "-5"})
    assert svar.context["form"].errors["gennemsnitstakst"] == [
        "Tallet skal være mindst 0."
    ]
    assert not TilbudAar.objects.filter(gennemsnitstakst__isnull=False).exists()


def test_the_budget_page_shows_the_gennemsnitstakst(client, gemt):
    url = reverse("budgets:tilbud-detail", args=[gemt.pk]) + "?aar=2026"
    tekst = client.get(url).content.decode()
    assert 'id="gennemsnitstakst">1.234,56 kr.<' in tekst


def test_the_takstblad_shows_the_gennemsnitstakst(client, gemt):
    url = reverse("budgets:takstblad", args=[gemt.pk]) + "?aar=2026"
    tekst = client.get(url).content.decode()
    assert 'id="takstblad-gennemsnitstakst">1.234,56 kr.<' in tekst


def test_the_takstblad_prices_every_level_at_the_gennemsnitstakst(client, gemt):
    url = reverse("budgets:takstblad", args=[gemt.pk]) + "?aar=2026"
    tekst = client.get(url).content.decode()
    for kode in ("1", "2", "3", "S1"):
        raekke = _raekke(tekst, kode)
        assert ("1.234,56 kr." in raekke, "2.258,43 kr." in raekke) == (True, True)


def test_a_tilbudsleder_may_not_set_it(client, leder_a, tilbud_a, faste_a, idag_2026):
    client.force_login(leder_a)
    svar = client.post(_url(tilbud_a), INDSTILLINGER)
    assert svar.status_code == 403
    assert not TilbudAar.objects.filter(gennemsnitstakst__isnull=False).exists()
