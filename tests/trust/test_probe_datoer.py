"""Issue 14 item 5: one afgang dated 31.12.9999 broke the central budget for
everyone (finansieret_til built 31.01.10000). Dates typed anywhere now lie in
01.01.2000-31.12.2100 (config.lib.datoer), and the engine's run-off arithmetic
saturates at date.max instead of raising on a date already stored.
"""

import datetime
from datetime import date
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from budgets.engine import haendelser, noegletal, tilbud_budget
from budgets.engine.perioder import dagen_efter, dagen_foer, finansieret_til
from budgets.imports.common import dato_eller_fejl
from config.lib.datoer import DATO_UDEN_FOR_OMRAADE, valider_dato
from offers import services
from offers.forms import AfgangForm
from offers.models import Ophold
from tests.budgets.test_engine_stays import HYBRID, PRISLISTE, stay

ULTIMO = date(9999, 12, 31)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def anna(anna, tilbud_a, niveau, raadgiver):
    """Anna lives in tilbud A from 1 February 2026 at niveau 2."""
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=date(2026, 2, 1),
        takstniveau=niveau["2"],
        acting_user=raadgiver,
    )
    return anna


def _api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


# --- The engine never raises on a stored date ---


def test_run_off_of_an_afgang_in_december_9999_saturates():
    # December's run-off is the next January, which does not exist in year 9999.
    assert finansieret_til(ULTIMO) == date.max
    # November's is December of the same year: unchanged rule.
    assert finansieret_til(date(9999, 11, 15)) == date(9999, 12, 31)
    assert dagen_foer(date.min) == date.min
    assert dagen_efter(date.max) == date.max


def test_budget_of_a_stay_ending_31_12_9999_is_the_whole_year():
    # Resident all 2026 (afgang far beyond the year): 365 days × 500 kr. = 182,500.
    opholdene = [stay(1, date(2025, 6, 1), ULTIMO, afgang_registreret=date(2026, 3, 1))]
    budget = tilbud_budget(HYBRID, opholdene, PRISLISTE, 2026)
    assert budget.aktivitet_korrigeret_aar == Decimal("182500")
    tal = noegletal(HYBRID, opholdene, PRISLISTE, budget, {}, 2026, date(2026, 3, 31))
    assert tal.borgerdage == 365
    # The afgang registered in March is a step of the ledger; building it no
    # longer raises.
    assert [h.art for h in haendelser(opholdene[0], 2026)] == ["afgang"]


# --- One range everywhere a date is typed ---


def test_the_validator_holds_the_bounds():
    valider_dato(date(2000, 1, 1))
    valider_dato(date(2100, 12, 31))
    for uden_for in (date(1999, 12, 31), date(2101, 1, 1), ULTIMO):
        with pytest.raises(Exception, match="mellem 01.01.2000 og 31.12.2100"):
            valider_dato(uden_for)


def test_api_refuses_an_afgang_in_9999_and_writes_nothing(anna, raadgiver):
    response = _api(raadgiver).post(
        f"/api/v1/borgere/{anna.pk}/afgang/",
        {"dato": "9999-12-31", "bekraeft_fjern_dato": True},
        format="json",
    )
    assert response.status_code == 400
    assert response.data["dato"] == [DATO_UDEN_FOR_OMRAADE]
    assert Ophold.objects.get(borger=anna).afgang is None


def test_the_afgang_form_refuses_an_afgang_in_9999():
    form = AfgangForm(
        {"dato": "9999-12-31", "bekraeft_dato": "on"}, idag=date(2026, 6, 30)
    )
    assert not form.is_valid()
    assert form.errors["dato"] == [DATO_UDEN_FOR_OMRAADE]


def test_the_service_refuses_it_too(anna, raadgiver):
    # Model validation (full_clean in the service) holds for every caller.
    with pytest.raises(Exception, match="mellem 01.01.2000"):
        services.borger_afgang(borger=anna, dato=ULTIMO, acting_user=raadgiver)


def test_an_import_row_dated_9999_is_a_line_error():
    fejl: list[str] = []
    assert dato_eller_fejl("31.12.9999", fejl) is None
    assert fejl == [DATO_UDEN_FOR_OMRAADE]
    assert dato_eller_fejl("01.03.2026", []) == date(2026, 3, 1)


# --- Stored before the fix: every page still answers ---


def test_pages_answer_with_an_afgang_stored_in_9999(
    anna, tilbud_a, faste_a, oekonomichef, leder_a, client
):
    # Written past the validation, as the probe's data was before this fix.
    Ophold.objects.filter(borger=anna).update(
        afgang=ULTIMO, afgang_registreret=datetime.date(2026, 3, 1)
    )
    for user in (oekonomichef, leder_a):
        api = _api(user)
        client.force_login(user)
        for url in (
            "/budget/?aar=2026",
            "/budget/?aar=2026&format=xlsx",
            f"/budget/tilbud/{tilbud_a.pk}/?aar=2026",
            f"/budget/tilbud/{tilbud_a.pk}/?aar=2026&format=xlsx",
            f"/budget/tilbud/{tilbud_a.pk}/takstblad/?aar=2026",
        ):
            assert client.get(url).status_code == 200, url
        for url in (
            "/api/v1/budgetter/2026/central/",
            f"/api/v1/tilbud/{tilbud_a.pk}/takstblad/?aar=2026",
        ):
            assert api.get(url).status_code == 200, url
