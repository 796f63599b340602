"""Issue 13 #3: a change of a running year's takster takes gyldig_fra, stores the
takster before it, and ?proev=1 answers its effect without saving.

The year is conftest's 2026 (DOMAIN.md §2's worked timepris): årsløn 480.000 kr.,
direkte timer 975,468, timepris_direkte 480.000 / 975,468 = 492,07 kr.; levels
1, 2, 3 with takstgivende 1, 3 and 5 timer pr. døgn, so servicetakster
492,07, 3 × 492,07 = 1.476,21 and 5 × 492,07 = 2.460,35 kr. An årsløn of
500.000 kr. gives 500.000 / 975,468 = 512,574… → 512,57 kr. and niveau 2
3 × 512,57 = 1.537,71 kr.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from budgets.models import Budgetstatus, Maanedstal, MaanedstalAar
from budgets.services import AAR_LAAST
from tariffs.models import (
    Fravaerslinje,
    Takstmodel,
    Takstniveau,
    Takstskift,
    Timeprismodel,
)
from tariffs.selectors import takstskift_for_aar
from tariffs.services import (
    GYLDIG_FRA_FOER_SENESTE,
    GYLDIG_FRA_KRAEVES,
    GYLDIG_FRA_UDEN_FOR_AARET,
)
from tests.factories import BudgetaarFactory

D = datetime.date
URL = "/api/v1/timeprismodeller/{}/"
TAKST_URL = "/api/v1/takstmodeller/{}/"


def _timepris_body(aarsloen: str = "500000", **extra) -> dict:
    """conftest's timeprismodel for 2026 with another årsløn."""
    return {
        "aar": 2026,
        "navn": "Timepris 2026",
        "aarsloen": aarsloen,
        "aarsnorm_timer": "1924",
        "fravaer": [
            {"kategori": "ferie", "procent": "17"},
            {"kategori": "egen_sygdom", "procent": "5"},
        ],
        "tidsanvendelse": [{"kategori": "pauser", "procent": "35"}],
        **extra,
    }


def _takst_body(model: Takstmodel, takstgivende_2: str = "3", **extra) -> dict:
    niveauer = [
        {"kode": "1", "navn": "Niveau 1", "nedre": "0", "oevre": "2"},
        {
            "kode": "2",
            "navn": "Niveau 2",
            "nedre": "2",
            "oevre": "4",
            "takstgivende": takstgivende_2,
        },
        {"kode": "3", "navn": "Niveau 3", "nedre": "4", "oevre": "6"},
        {"kode": "S1", "navn": "Særtakst 1", "nedre": "6", "saertakst": True},
    ]
    return {
        "aar": 2026,
        "navn": "Takstmodel 2026",
        "enhed": "timer_pr_doegn",
        "timeprismodel": model.timeprismodel_id,
        "niveauer": niveauer,
        **extra,
    }


def _put(api, model: Takstmodel, body: dict, proev: bool = False):
    url = URL.format(model.timeprismodel_id) + ("?proev=1" if proev else "")
    return api.put(url, body, format="json")


@pytest.fixture
def vedtaget_2026(db):
    return BudgetaarFactory(aar=2026, status=Budgetstatus.VEDTAGET)


@pytest.fixture
def lukket_2026(db):
    return BudgetaarFactory(aar=2026, status=Budgetstatus.LUKKET)


# --- Storage: the takster before the change ----------------------------------------


def test_a_dated_timepris_change_stores_the_takster_before_it(
    oekonomi_api, takstmodel_2026
):
    body = _timepris_body(gyldig_fra="2026-07-01")
    assert _put(oekonomi_api, takstmodel_2026, body).status_code == 200
    (skift,) = takstskift_for_aar(2026)
    assert (skift.gyldig_fra, skift.timepris_direkte, dict(skift.servicetakster)) == (
        D(2026, 7, 1),
        Decimal("492.07"),
        # 1 × 492,07; 3 × 492,07; 5 × 492,07. S1 is a særtakst: no fixed price.
        {"1": Decimal("492.07"), "2": Decimal("1476.21"), "3": Decimal("2460.35")},
    )


def test_the_stored_change_names_who_and_when(
    oekonomi_api, oekonomichef, takstmodel_2026
):
    _put(oekonomi_api, takstmodel_2026, _timepris_body(gyldig_fra="2026-07-01"))
    skift = Takstskift.objects.get()
    assert (skift.registreret, skift.registreret_af) == (
        timezone.localdate(),
        oekonomichef,
    )


def test_the_new_timepris_is_saved_from_the_date(oekonomi_api, takstmodel_2026):
    body = _timepris_body(gyldig_fra="2026-07-01")
    data = _put(oekonomi_api, takstmodel_2026, body).json()
    assert data["timepris_direkte"] == "512.57"  # 500.000 / 975,468


def test_a_change_without_date_in_a_forslag_stores_no_takstaendring(
    oekonomi_api, takstmodel_2026
):
    assert _put(oekonomi_api, takstmodel_2026, _timepris_body()).status_code == 200
    assert not Takstskift.objects.exists()


def test_a_dated_change_that_moves_no_takst_stores_nothing(
    oekonomi_api, takstmodel_2026
):
    body = _timepris_body("480000", navn="Nyt navn", gyldig_fra="2026-07-01")
    assert _put(oekonomi_api, takstmodel_2026, body).status_code == 200
    assert not Takstskift.objects.exists()


def test_a_dated_takstniveau_change_stores_the_old_servicetakst(
    oekonomi_api, takstmodel_2026
):
    body = _takst_body(takstmodel_2026, "3.5", gyldig_fra="2026-05-01")
    response = oekonomi_api.put(
        TAKST_URL.format(takstmodel_2026.pk), body, format="json"
    )
    niveau_2 = next(n for n in response.json()["niveauer"] if n["kode"] == "2")
    assert niveau_2["servicetakst_pr_doegn"] == "1722.25"  # 3,5 × 492,07 = 1.722,245
    (skift,) = takstskift_for_aar(2026)
    assert skift.servicetakster["2"] == Decimal("1476.21")  # 3 × 492,07


def test_two_changes_each_keep_the_takster_before_their_own_date(
    oekonomi_api, takstmodel_2026
):
    _put(oekonomi_api, takstmodel_2026, _timepris_body(gyldig_fra="2026-04-01"))
    _put(
        oekonomi_api,
        takstmodel_2026,
        _timepris_body("520000", gyldig_fra="2026-10-01"),
    )
    foerste, anden = takstskift_for_aar(2026)
    # Before 1 April: 492,07. From 1 April to 30 September: 512,57, niveau 2
    # 3 × 512,57 = 1.537,71. From 1 October the model's 520.000 / 975,468 = 533,08.
    assert [
        (s.gyldig_fra, s.timepris_direkte, s.servicetakster["2"])
        for s in (foerste, anden)
    ] == [
        (D(2026, 4, 1), Decimal("492.07"), Decimal("1476.21")),
        (D(2026, 10, 1), Decimal("512.57"), Decimal("1537.71")),
    ]


def test_a_change_dated_before_the_newest_change_is_400(oekonomi_api, takstmodel_2026):
    _put(oekonomi_api, takstmodel_2026, _timepris_body(gyldig_fra="2026-10-01"))
    body = _timepris_body("520000", gyldig_fra="2026-09-30")
    response = _put(oekonomi_api, takstmodel_2026, body)
    assert (response.status_code, response.json()) == (
        400,
        {"gyldig_fra": [GYLDIG_FRA_FOER_SENESTE.format(aar=2026, dato="01.10.2026")]},
    )
    assert Timeprismodel.objects.get().aarsloen == Decimal("500000")


def test_gyldig_fra_outside_the_models_year_is_a_danish_field_error(
    oekonomi_api, takstmodel_2026
):
    response = _put(
        oekonomi_api, takstmodel_2026, _timepris_body(gyldig_fra="2027-01-01")
    )
    assert (response.status_code, response.json()) == (
        400,
        {"gyldig_fra": [GYLDIG_FRA_UDEN_FOR_AARET.format(aar=2026)]},
    )


def test_gyldig_fra_outside_the_year_writes_nothing(oekonomi_api, takstmodel_2026):
    _put(oekonomi_api, takstmodel_2026, _timepris_body(gyldig_fra="2025-12-31"))
    assert Timeprismodel.objects.get().aarsloen == Decimal("480000")
    assert not Takstskift.objects.exists()


def test_takstmodel_gyldig_fra_outside_the_year_is_400(oekonomi_api, takstmodel_2026):
    body = _takst_body(takstmodel_2026, "3.5", gyldig_fra="2025-06-01")
    response = oekonomi_api.put(
        TAKST_URL.format(takstmodel_2026.pk), body, format="json"
    )
    assert response.json() == {
        "gyldig_fra": [GYLDIG_FRA_UDEN_FOR_AARET.format(aar=2026)]
    }
    assert Takstniveau.objects.get(kode="2").takstgivende == 3


def test_a_vedtaget_year_requires_gyldig_fra(
    oekonomi_api, takstmodel_2026, vedtaget_2026
):
    response = _put(oekonomi_api, takstmodel_2026, _timepris_body())
    assert (response.status_code, response.json()) == (
        400,
        {"gyldig_fra": [GYLDIG_FRA_KRAEVES.format(aar=2026)]},
    )
    assert Timeprismodel.objects.get().aarsloen == Decimal("480000")


def test_a_vedtaget_takstmodel_requires_gyldig_fra(
    oekonomi_api, takstmodel_2026, vedtaget_2026
):
    response = oekonomi_api.put(
        TAKST_URL.format(takstmodel_2026.pk),
        _takst_body(takstmodel_2026, "3.5"),
        format="json",
    )
    assert response.json() == {"gyldig_fra": [GYLDIG_FRA_KRAEVES.format(aar=2026)]}


def test_a_vedtaget_year_takes_a_dated_change(
    oekonomi_api, takstmodel_2026, vedtaget_2026
):
    body = _timepris_body(gyldig_fra="2026-07-01")
    assert _put(oekonomi_api, takstmodel_2026, body).status_code == 200
    assert Takstskift.objects.filter(aar=2026, gyldig_fra=D(2026, 7, 1)).exists()


def test_a_lukket_year_refuses_the_change_with_409(
    oekonomi_api, takstmodel_2026, lukket_2026
):
    body = _timepris_body(gyldig_fra="2026-07-01")
    response = _put(oekonomi_api, takstmodel_2026, body)
    assert (response.status_code, response.json()) == (
        409,
        {"aar": [AAR_LAAST.format(aar=2026)]},
    )
    assert Timeprismodel.objects.get().aarsloen == Decimal("480000")


def test_a_lukket_year_refuses_a_takstmodel_change(
    oekonomi_api, takstmodel_2026, lukket_2026
):
    body = _takst_body(takstmodel_2026, "3.5", gyldig_fra="2026-07-01")
    response = oekonomi_api.put(
        TAKST_URL.format(takstmodel_2026.pk), body, format="json"
    )
    assert response.status_code == 409
    assert Takstniveau.objects.get(kode="2").takstgivende == 3


def test_patch_changes_only_the_given_fields(oekonomi_api, takstmodel_2026):
    body = {"aarsloen": "500000", "gyldig_fra": "2026-07-01"}
    response = oekonomi_api.patch(
        URL.format(takstmodel_2026.timeprismodel_id), body, format="json"
    )
    data = response.json()
    assert (data["timepris_direkte"], len(data["fravaer"])) == ("512.57", 2)


def test_patch_takstmodel_keeps_the_levels_not_given(oekonomi_api, takstmodel_2026):
    response = oekonomi_api.patch(
        TAKST_URL.format(takstmodel_2026.pk), {"navn": "Takster"}, format="json"
    )
    assert [n["kode"] for n in response.json()["niveauer"]] == ["1", "2", "3", "S1"]


def test_patch_in_a_vedtaget_year_requires_gyldig_fra(
    oekonomi_api, takstmodel_2026, vedtaget_2026
):
    response = oekonomi_api.patch(
        URL.format(takstmodel_2026.timeprismodel_id),
        {"aarsloen": "500000"},
        format="json",
    )
    assert response.json() == {"gyldig_fra": [GYLDIG_FRA_KRAEVES.format(aar=2026)]}


def test_raadgiver_may_not_change_the_timepris(raadgiver_api, takstmodel_2026):
    response = raadgiver_api.put(
        URL.format(takstmodel_2026.timeprismodel_id) + "?proev=1",
        _timepris_body(),
        format="json",
    )
    assert response.status_code == 403


# --- ?proev=1: the effect, nothing saved ---------------------------------------------


def _antal_raekker() -> tuple:
    return (
        Takstskift.objects.count(),
        Timeprismodel.history.count(),
        Fravaerslinje.history.count(),
        Takstniveau.history.count(),
        # the stored monthly figures: no year's version raised, no row rewritten
        tuple(MaanedstalAar.objects.order_by("aar").values_list("aar", "version")),
        tuple(Maanedstal.objects.order_by("pk").values_list("pk", "beregnet")),
    )


def test_proev_answers_each_tilbuds_aktivitetsbudget_before_and_after(
    oekonomi_api, takstmodel_2026, anna, tilbud_a
):
    # Anna is on niveau 2 in tilbud A (hybrid) from 1 February 2026: 334 financed
    # days (365 − 31). Before: 334 × 1.476,21 = 493.054,14 kr. From 1 January at
    # 1.537,71: 334 × 1.537,71 = 513.595,14 kr., 334 × 61,50 = 20.541,00 more.
    body = _timepris_body(gyldig_fra="2026-01-01")
    data = _put(oekonomi_api, takstmodel_2026, body, proev=True).json()
    assert data == {
        "aar": 2026,
        "gyldig_fra": "2026-01-01",
        "tilbud": [
            {
                "id": tilbud_a.pk,
                "navn": tilbud_a.navn,
                "foer": "493054.14",
                "efter": "513595.14",
                "forskel": "20541.00",
            }
        ],
        "i_alt": {"foer": "493054.14", "efter": "513595.14", "forskel": "20541.00"},
    }


def test_proev_sums_every_tilbud(oekonomi_api, takstmodel_2026, anna, tilbud_b):
    # Tilbud B has no borger: 0 before and after; the total is A's alone.
    body = _timepris_body(gyldig_fra="2026-01-01")
    data = _put(oekonomi_api, takstmodel_2026, body, proev=True).json()
    assert [t["forskel"] for t in data["tilbud"]] == ["20541.00", "0.00"]
    assert data["i_alt"]["forskel"] == "20541.00"


def test_proev_prices_the_days_before_gyldig_fra_at_the_old_takster(
    oekonomi_api, takstmodel_2026, anna
):
    # 1 February – 30 June: 28 + 31 + 30 + 31 + 30 = 150 days × 1.476,21 =
    # 221.431,50; 1 July – 31 December: 184 days × 1.537,71 = 282.938,64.
    # 221.431,50 + 282.938,64 = 504.370,14 kr.
    body = _timepris_body(gyldig_fra="2026-07-01")
    data = _put(oekonomi_api, takstmodel_2026, body, proev=True).json()
    assert data["i_alt"]["efter"] == "504370.14"


def test_proev_saves_nothing(oekonomi_api, takstmodel_2026, anna):
    foer = _antal_raekker()
    body = _timepris_body(gyldig_fra="2026-07-01")
    assert _put(oekonomi_api, takstmodel_2026, body, proev=True).status_code == 200
    assert _antal_raekker() == foer
    assert Timeprismodel.objects.get().aarsloen == Decimal("480000")


def test_proev_of_a_takstmodel_saves_nothing(oekonomi_api, takstmodel_2026, anna):
    foer = _antal_raekker()
    body = _takst_body(takstmodel_2026, "3.5", gyldig_fra="2026-01-01")
    response = oekonomi_api.put(
        TAKST_URL.format(takstmodel_2026.pk) + "?proev=1", body, format="json"
    )
    # 334 days × (1.722,25 − 1.476,21 = 246,04) = 82.177,36 kr.
    assert response.json()["i_alt"]["forskel"] == "82177.36"
    assert _antal_raekker() == foer
    assert Takstniveau.objects.get(kode="2").takstgivende == 3


def test_proev_with_gyldig_fra_outside_the_year_is_400(
    oekonomi_api, takstmodel_2026, anna
):
    body = _timepris_body(gyldig_fra="2027-03-01")
    response = _put(oekonomi_api, takstmodel_2026, body, proev=True)
    assert response.json() == {
        "gyldig_fra": [GYLDIG_FRA_UDEN_FOR_AARET.format(aar=2026)]
    }


def test_proev_in_a_vedtaget_year_requires_gyldig_fra(
    oekonomi_api, takstmodel_2026, vedtaget_2026
):
    response = _put(oekonomi_api, takstmodel_2026, _timepris_body(), proev=True)
    assert response.json() == {"gyldig_fra": [GYLDIG_FRA_KRAEVES.format(aar=2026)]}


def test_proev_in_a_lukket_year_is_409(oekonomi_api, takstmodel_2026, lukket_2026):
    body = _timepris_body(gyldig_fra="2026-07-01")
    response = _put(oekonomi_api, takstmodel_2026, body, proev=True)
    assert response.status_code == 409


def test_proev_with_a_bad_flag_is_400(oekonomi_api, takstmodel_2026):
    url = URL.format(takstmodel_2026.timeprismodel_id) + "?proev=kanske"
    response = oekonomi_api.put(url, _timepris_body(), format="json")
    assert response.status_code == 400 and "proev" in response.json()
