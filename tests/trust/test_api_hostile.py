"""Regression tests for the server errors found by fuzzing the API (test_schemathesis).

Huge figures: each input is valid on its own; the figures computed from it used
to be longer than an output serializer's max_digits, and DRF's DecimalField
raised decimal.InvalidOperation while rendering: a 500 instead of the answer.

A NUL byte in a VUM tema code reached a PostgreSQL lookup, which raises
DataError (a 500 on PostgreSQL only; SQLite answered 400 all along).
"""

import datetime
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from offers import services as offer_services
from offers.models import Doegnskema
from tariffs.services import takstmodel_save, timeprismodel_save

AAR = 2027
STOR_AARSLOEN = "9999999999.99"  # the largest the API accepts (max_digits=12)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def dyr_takstmodel(oekonomichef):
    """Årsløn at its maximum and årsnorm at its minimum: a timepris of 10^12 kr."""
    timepris = timeprismodel_save(
        acting_user=oekonomichef,
        aar=AAR,
        navn="Dyr",
        aarsloen=Decimal(STOR_AARSLOEN),
        aarsnorm_timer=Decimal("0.01"),
        fravaer=[],
        tidsanvendelse=[],
    )
    niveauer = [
        {"kode": "1", "navn": "Niveau 1", "nedre": Decimal("0"), "oevre": Decimal("4")},
    ]
    return takstmodel_save(
        acting_user=oekonomichef,
        aar=AAR,
        navn="Dyr",
        enhed="timer_pr_doegn",
        timeprismodel=timepris,
        niveauer=niveauer,
    )


@pytest.fixture
def borger_i_dyrt_aar(raadgiver, tilbud_a, dyr_takstmodel):
    borger = offer_services.borger_create(
        cpr="010190-1234", navn="Anna", acting_user=raadgiver
    )
    offer_services.borger_tilgang(
        borger=borger,
        tilbud=tilbud_a,
        dato=datetime.date(AAR, 1, 1),
        takstniveau=dyr_takstmodel.niveauer.get(),
        acting_user=raadgiver,
    )
    return borger


def test_hvis_with_a_timepris_over_ten_billion_is_answered(oekonomichef, niveau):
    model = niveau["1"].takstmodel.timeprismodel
    response = _api(oekonomichef).post(
        f"/api/v1/timeprismodeller/{model.pk}/hvis/",
        {"aarsloen": STOR_AARSLOEN, "aarsnorm_timer": "1.00"},
        format="json",
    )
    assert response.status_code == 200
    assert Decimal(response.data["efter"]["timepris_direkte"]) > Decimal("1e10")


def test_takstblad_of_a_year_with_a_huge_timepris_is_answered(
    oekonomichef, tilbud_a, dyr_takstmodel
):
    response = _api(oekonomichef).get(
        f"/api/v1/tilbud/{tilbud_a.pk}/takstblad/", {"aar": AAR}
    )
    assert response.status_code == 200


def test_budget_of_a_year_with_a_huge_timepris_is_answered(
    oekonomichef, tilbud_a, borger_i_dyrt_aar
):
    response = _api(oekonomichef).get(
        f"/api/v1/budgetter/{AAR}/tilbud/{tilbud_a.pk}/", {"idag": f"{AAR}-06-30"}
    )
    assert response.status_code == 200
    assert Decimal(response.data["aktivitetsbudget_oprindeligt"]) > Decimal("1e14")


def test_doegnskema_with_a_nul_byte_in_a_tema_is_refused(raadgiver):
    borger = offer_services.borger_create(
        cpr="010190-1234", navn="Anna", acting_user=raadgiver
    )
    poster = [{"tidsrum": "morgen", "tema": "a\x00", "minutter": 60}]
    response = _api(raadgiver).post(
        f"/api/v1/borgere/{borger.pk}/doegnskemaer/",
        {"dato": "2026-03-01", "poster": poster},
        format="json",
    )
    assert response.status_code == 400
    assert "tema" in response.data["poster"][0]
    assert not Doegnskema.objects.exists()
