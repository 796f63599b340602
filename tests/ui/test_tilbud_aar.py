"""Økonomi sets a tilbud's pladser and principles for one year (issue 13 #1).

Tilbud A: 8 pladser, 97 %, faste udgifter 2.900.000 kr. in 2026 (låst) and 2027.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import Budgetaar, TilbudAar
from budgets.services import AAR_LAAST
from tests.conftest import make_takstmodel
from tests.factories import BudgetaarFactory, FastUdgiftFactory

INDSTILLINGER = {
    "pladser": "10",
    "tildelingsprincip": "hybrid",
    "forudsat_belaegning": "97,00",
    "reguleringsandel": "100",
}


@pytest.fixture
def to_aar(tilbud_a, faste_a, takstmodel_2026, oekonomichef):
    make_takstmodel(2027, oekonomichef)
    FastUdgiftFactory(
        tilbud=tilbud_a, budgetaar=BudgetaarFactory(aar=2027), beloeb=Decimal("2900000")
    )
    Budgetaar.objects.filter(aar=2026).update(status="lukket")


def _url(tilbud, aar: int) -> str:
    return reverse("budgets:tilbud-aar", args=[tilbud.pk]) + f"?aar={aar}"


def _tekst(response) -> str:
    return response.content.decode()


def test_the_form_shows_the_years_settings_the_danish_way(
    client, oekonomichef, tilbud_a, to_aar
):
    client.force_login(oekonomichef)
    tekst = _tekst(client.get(_url(tilbud_a, 2027)))
    assert 'name="pladser" value="8"' in tekst
    assert 'value="97,00"' in tekst


def test_saving_10_pladser_for_2027_gives_2027s_basistakst(
    client, oekonomichef, tilbud_a, to_aar
):
    client.force_login(oekonomichef)
    response = client.post(_url(tilbud_a, 2027), INDSTILLINGER, follow=True)
    assert "Indstillingerne for 2027 er gemt." in _tekst(response)
    faste = reverse("budgets:faste-udgifter", args=[tilbud_a.pk])
    # 2.900.000 / (10 × 365 × 97 %) = 819,093… → 819,09 kr.; 2026 still has 8
    # pladser: 2.900.000 / (8 × 365 × 97 %) = 1.023,866… → 1.023,87 kr.
    assert 'id="basistakst">819,09 kr.<' in _tekst(client.get(f"{faste}?aar=2027"))
    assert 'id="basistakst">1.023,87 kr.<' in _tekst(client.get(f"{faste}?aar=2026"))


def test_a_locked_year_is_refused_in_danish_and_nothing_is_written(
    client, oekonomichef, tilbud_a, to_aar
):
    client.force_login(oekonomichef)
    response = client.post(_url(tilbud_a, 2026), INDSTILLINGER)
    assert AAR_LAAST.format(aar=2026) in _tekst(response)
    assert not TilbudAar.objects.exists()


def test_a_locked_year_is_shown_without_a_save_button(
    client, oekonomichef, tilbud_a, to_aar
):
    client.force_login(oekonomichef)
    tekst = _tekst(client.get(_url(tilbud_a, 2026)))
    assert 'id="aar-laast"' in tekst
    assert "Gem indstillinger" not in tekst


def test_zero_pladser_is_a_danish_error_and_writes_nothing(
    client, oekonomichef, tilbud_a, to_aar
):
    client.force_login(oekonomichef)
    response = client.post(_url(tilbud_a, 2027), {**INDSTILLINGER, "pladser": "0"})
    assert "Denne værdi skal være større end eller lig 1." in _tekst(response)
    assert not TilbudAar.objects.exists()


def test_belaegning_over_100_is_a_danish_error_and_writes_nothing(
    client, oekonomichef, tilbud_a, to_aar
):
    client.force_login(oekonomichef)
    body = {**INDSTILLINGER, "forudsat_belaegning": "101"}
    response = client.post(_url(tilbud_a, 2027), body)
    assert "Denne værdi skal være mindre end eller lig 100." in _tekst(response)
    assert not TilbudAar.objects.exists()


def test_tilbudsleder_cannot_save(client, leder_a, tilbud_a, to_aar):
    client.force_login(leder_a)
    assert client.post(_url(tilbud_a, 2027), INDSTILLINGER).status_code == 403
    assert not TilbudAar.objects.exists()


def test_tilbud_page_links_to_the_years_settings_for_oekonomi(
    client, oekonomichef, tilbud_a, to_aar
):
    client.force_login(oekonomichef)
    side = reverse("budgets:tilbud-detail", args=[tilbud_a.pk]) + "?aar=2027"
    assert 'id="ret-indstillinger"' in _tekst(client.get(side))
