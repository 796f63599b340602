"""/api/v1/budgetaar/: budget years, vedtag and luk (issue 13 #2).

Anna (tests/api/conftest.py) lives in tilbud A from 1 February 2026 at niveau 2:
servicetakst 3 timer × 492,07 kr. = 1.476,21 kr. pr. døgn.
"""

import datetime
from decimal import Decimal

import pytest

from budgets.models import Budgetaar, FastUdgift, VedtagetBudget
from budgets.serializers import BORGER_ID_FEJL
from budgets.services.budgetaar import ALLEREDE, LUK_KRAEVER_VEDTAGET, luk, vedtag
from budgets.services.rollover import (
    BUDGETAAR_FINDES,
    KILDE_FINDES_IKKE,
    PROCENT_UDEN_FOR,
)
from offers import services
from tariffs.models import Takstmodel
from tests.conftest import make_takstmodel

D = datetime.date
URL = "/api/v1/budgetaar/"


def _aar(aar: int, handling: str = "") -> str:
    return f"{URL}{aar}/{handling + '/' if handling else ''}"


# --- Reading -------------------------------------------------------------------


def test_the_list_gives_each_year_with_its_state(oekonomi_api, lukket_2025):
    # 2025 is lukket (the fixture), 2026 has a takstmodel and no row: a forslag.
    assert oekonomi_api.get(URL).json() == [
        {"aar": 2026, "status": "forslag", "vedtaget": None, "lukket": None},
        {
            "aar": 2025,
            "status": "lukket",
            "vedtaget": "2024-12-10",
            "lukket": "2026-03-15",
        },
    ]


def test_a_year_gives_aar_and_status(leder_a_api, takstmodel_2026):
    svar = leder_a_api.get(_aar(2026)).json()
    assert svar == {"aar": 2026, "status": "forslag", "vedtaget": None, "lukket": None}


def test_an_unknown_year_is_404(oekonomi_api, takstmodel_2026):
    assert oekonomi_api.get(_aar(2031)).status_code == 404


def test_anonymous_may_not_list_the_years(anonym, db):
    assert anonym.get(URL).status_code == 401


# --- Creating --------------------------------------------------------------------


def test_post_creates_an_empty_year_as_forslag(oekonomi_api, db):
    response = oekonomi_api.post(URL, {"aar": 2027}, format="json")
    assert response.status_code == 201
    assert response.json() == {
        "aar": 2027,
        "status": "forslag",
        "vedtaget": None,
        "lukket": None,
    }
    assert Budgetaar.objects.get().aar == 2027


def test_post_of_an_existing_year_is_400_and_writes_nothing(oekonomi_api, db):
    Budgetaar.objects.create(aar=2027)
    response = oekonomi_api.post(URL, {"aar": 2027}, format="json")
    assert response.status_code == 400
    assert response.json() == {"aar": [BUDGETAAR_FINDES.format(aar=2027)]}
    assert Budgetaar.objects.count() == 1


def test_post_with_a_borger_key_that_is_no_id_is_400(oekonomi_api, db):
    body = {"aar": 2027, "nye_koder": {"Anna": "3"}}
    response = oekonomi_api.post(URL, body, format="json")
    assert response.json() == {"nye_koder": [BORGER_ID_FEJL]}
    assert not Budgetaar.objects.exists()


def test_post_rolls_2027_over_from_2026_with_the_wage_percentage(
    oekonomi_api, takstmodel_2026
):
    # 2026 has a takstmodel but no Budgetaar row: the list shows it as a forslag,
    # so it is a year to copy from. Årsløn 480.000,00 kr. (tests/conftest.py)
    # × 1,025 = 480.000 + 12.000 = 492.000,00 kr., already whole øre.
    body = {
        "aar": 2027,
        "kopier_fra": 2026,
        "fremskrivning_loen_pct": "2.5",
        "fremskrivning_oevrige_pct": "2.0",
    }
    response = oekonomi_api.post(URL, body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json() == {
        "aar": 2027,
        "status": "forslag",
        "vedtaget": None,
        "lukket": None,
    }
    ny = Takstmodel.objects.get(aar=2027).timeprismodel
    assert (ny.aar, ny.aarsloen) == (2027, Decimal("492000.00"))
    gammel = Takstmodel.objects.get(aar=2026).timeprismodel
    assert gammel.aarsloen == Decimal("480000")  # the source is left as it was
    assert [r["aar"] for r in oekonomi_api.get(URL).json()] == [2027, 2026]


def test_post_rollover_applies_the_other_percentage_to_faste_udgifter(
    oekonomi_api, faste_a
):
    # faste_a: 2.900.000,00 kr. in 2026 × 1,02 = 2.900.000 + 58.000 = 2.958.000,00
    body = {
        "aar": 2027,
        "kopier_fra": 2026,
        "fremskrivning_loen_pct": "2.5",
        "fremskrivning_oevrige_pct": "2.0",
    }
    assert oekonomi_api.post(URL, body, format="json").status_code == 201
    kopi = FastUdgift.objects.get(budgetaar__aar=2027)
    assert (kopi.tilbud_id, kopi.beloeb) == (faste_a.tilbud_id, Decimal("2958000.00"))


def test_post_rollover_from_a_year_that_is_no_budget_year_is_400(
    oekonomi_api, takstmodel_2026
):
    body = {"aar": 2028, "kopier_fra": 2025}
    response = oekonomi_api.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"kopier_fra": [KILDE_FINDES_IKKE.format(aar=2025)]}
    assert not Budgetaar.objects.exists()


@pytest.mark.parametrize("procent", ["-50.01", "100.01"])
def test_the_api_takes_the_pages_range_of_fremskrivning(oekonomi_api, faste_a, procent):
    # The page's range, −50 to 100 % (the service's), with its message.
    body = {"aar": 2027, "kopier_fra": 2026, "fremskrivning_oevrige_pct": procent}
    response = oekonomi_api.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"fremskrivning_oevrige_pct": [PROCENT_UDEN_FOR]}
    assert not Budgetaar.objects.filter(aar=2027).exists()


def test_a_leder_may_not_create_a_year(leder_a_api, db):
    assert leder_a_api.post(URL, {"aar": 2027}, format="json").status_code == 403


# --- vedtag and luk --------------------------------------------------------------


def test_vedtag_gives_200_with_the_year_vedtaget_today(oekonomi_api, anna, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2025, 12, 10))
    response = oekonomi_api.post(_aar(2026, "vedtag"))
    assert response.status_code == 200
    assert response.json() == {
        "aar": 2026,
        "status": "vedtaget",
        "vedtaget": "2025-12-10",
        "lukket": None,
    }
    assert VedtagetBudget.objects.count() == 12


def test_a_second_vedtag_is_409_with_a_field_error(oekonomi_api, anna, oekonomichef):
    vedtag(aar=2026, acting_user=oekonomichef)
    response = oekonomi_api.post(_aar(2026, "vedtag"))
    assert response.status_code == 409
    assert response.json() == {"status": [ALLEREDE.format(aar=2026, status="vedtaget")]}


def test_luk_gives_200_with_the_year_lukket(oekonomi_api, anna, oekonomichef):
    vedtag(aar=2026, acting_user=oekonomichef)
    response = oekonomi_api.post(_aar(2026, "luk"))
    assert response.status_code == 200
    assert response.json()["status"] == "lukket"
    assert Budgetaar.objects.get(aar=2026).status == "lukket"


def test_luk_of_a_forslag_is_409_and_changes_nothing(oekonomi_api, anna):
    response = oekonomi_api.post(_aar(2026, "luk"))
    assert response.status_code == 409
    assert response.json() == {"status": [LUK_KRAEVER_VEDTAGET.format(aar=2026)]}
    assert not Budgetaar.objects.filter(aar=2026).exclude(status="forslag").exists()


def test_vedtag_of_an_unknown_year_is_404(oekonomi_api, anna):
    assert oekonomi_api.post(_aar(2031, "vedtag")).status_code == 404
    assert not Budgetaar.objects.filter(aar=2031).exists()


@pytest.mark.parametrize("handling", ["vedtag", "luk"])
def test_a_leder_may_not_vedtage_or_lukke(leder_a_api, anna, handling):
    assert leder_a_api.post(_aar(2026, handling)).status_code == 403
    assert not VedtagetBudget.objects.exists()


@pytest.mark.parametrize("handling", ["vedtag", "luk"])
def test_a_raadgiver_may_not_vedtage_or_lukke(raadgiver_api, anna, handling):
    assert raadgiver_api.post(_aar(2026, handling)).status_code == 403


def test_anonymous_may_not_vedtage(anonym, anna):
    assert anonym.post(_aar(2026, "vedtag")).status_code == 401


# --- The budget responses --------------------------------------------------------


def _tilbud_budget(api, tilbud) -> dict:
    return api.get(
        f"/api/v1/budgetter/2026/tilbud/{tilbud.pk}/", {"idag": "2026-06-30"}
    ).json()


def _central(api) -> dict:
    return api.get("/api/v1/budgetter/2026/central/", {"idag": "2026-06-30"}).json()


def test_the_budget_responses_give_the_years_status(oekonomi_api, anna, tilbud_a):
    assert _tilbud_budget(oekonomi_api, tilbud_a)["status"] == "forslag"
    assert _central(oekonomi_api)["status"] == "forslag"


def _tilgang_2025(navn: str, cpr: str, dato: datetime.date, tilbud, model, user):
    borger = services.borger_create(cpr=cpr, navn=navn, acting_user=user)
    services.borger_tilgang(
        borger=borger,
        tilbud=tilbud,
        dato=dato,
        takstniveau=model.niveauer.get(kode="2"),
        acting_user=user,
        registreret=D(2026, 2, 15),
    )


@pytest.fixture
def vedtaget_2026_med_bo(anna, tilbud_a, niveau, raadgiver, oekonomichef):
    """Carl lives in tilbud A from 1 June 2025; 2026 is vedtaget on 10 December
    2025. Then Bo's tilgang on 15 December 2025 is registered, after it."""
    model_2025 = make_takstmodel(2025, oekonomichef)
    _tilgang_2025("Carl", "040470-1234", D(2025, 6, 1), tilbud_a, model_2025, raadgiver)
    vedtag(aar=2026, acting_user=oekonomichef, idag=D(2025, 12, 10))
    _tilgang_2025("Bo", "020290-1234", D(2025, 12, 15), tilbud_a, model_2025, raadgiver)


# Stored at vedtagelse: Carl is the one resident on 1 January 2026 (Anna comes
# 1 February): 365 × 1.476,21 = 538.816,65. Bo, registered later with an
# effective date before the year, would make a live oprindeligt twice that.
# The korrigeret: Carl and Bo all year + Anna 1 February–31 December (334 days):
# 2 × 538.816,65 + 334 × 1.476,21 = 1.077.633,30 + 493.054,14 = 1.570.687,44.


def test_a_later_tilgang_leaves_the_tilbud_budgets_oprindeligt(
    oekonomi_api, tilbud_a, vedtaget_2026_med_bo
):
    svar = _tilbud_budget(oekonomi_api, tilbud_a)
    assert (svar["status"], svar["aktivitetsbudget_oprindeligt"]) == (
        "vedtaget",
        "538816.65",
    )
    assert svar["aktivitetsbudget_korrigeret"] == "1570687.44"


def test_a_later_tilgang_leaves_the_central_oprindeligt(
    oekonomi_api, tilbud_a, vedtaget_2026_med_bo
):
    svar = _central(oekonomi_api)
    (raekke,) = svar["tilbud"]
    assert (svar["status"], raekke["aktivitetsbudget_oprindeligt"]) == (
        "vedtaget",
        "538816.65",
    )
    assert svar["total"]["aktivitetsbudget_oprindeligt"] == "538816.65"
    assert svar["total"]["aktivitetsbudget_korrigeret"] == "1570687.44"


def test_the_central_status_follows_a_vedtag_after_it_was_read(
    oekonomi_api, anna, oekonomichef
):
    # Read before the vedtagelse, then after: nothing read earlier is reused.
    assert _central(oekonomi_api)["status"] == "forslag"
    vedtag(aar=2026, acting_user=oekonomichef)
    assert _central(oekonomi_api)["status"] == "vedtaget"


def test_a_lukket_year_reports_its_stored_oprindeligt_too(
    oekonomi_api, tilbud_a, vedtaget_2026_med_bo, oekonomichef
):
    luk(aar=2026, acting_user=oekonomichef)
    svar = _tilbud_budget(oekonomi_api, tilbud_a)
    assert (svar["status"], svar["aktivitetsbudget_oprindeligt"]) == (
        "lukket",
        "538816.65",
    )
