"""Issue 14 item 5: numbers no column can hold, and hours a døgn cannot hold.

The timepris form answered 500 on aarsloen or aarsnorm_timer = 1e9999 (a finite
Decimal that reached the arithmetic and the database); særtakst hours up to
9,999.99 per døgn were accepted although a døgn has 24.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from offers import services
from offers.forms import TilgangForm
from offers.models import SAERTAKST_TIMER_MAKS, Indplacering, Tilbud
from tariffs.forms import TAL_FEJL, TAL_FOR_STORT

D = datetime.date


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _timepris_post(aarsloen: str, aarsnorm: str) -> dict:
    return {
        "navn": "Timepris 2026",
        "aarsloen": aarsloen,
        "aarsnorm_timer": aarsnorm,
        "gem": "1",
    }


@pytest.mark.parametrize(
    ("aarsloen", "aarsnorm", "felt", "fejl"),
    [
        ("1e9999", "1924", "aarsloen", TAL_FOR_STORT.format(cifre=10)),
        ("480000", "1e9999", "aarsnorm_timer", TAL_FOR_STORT.format(cifre=6)),
        ("NaN", "1924", "aarsloen", TAL_FEJL),
        ("480000", "inf", "aarsnorm_timer", TAL_FEJL),
        ("-Infinity", "1924", "aarsloen", TAL_FEJL),
    ],
)
def test_timepris_form_refuses_numbers_no_column_holds(
    client, oekonomichef, takstmodel_2026, aarsloen, aarsnorm, felt, fejl
):
    # aarsloen is max_digits=12, decimal_places=2: 10 digits before the comma;
    # aarsnorm_timer is 8, 2: 6 digits.
    client.force_login(oekonomichef)
    url = reverse("tariffs:timepris-update", args=[takstmodel_2026.pk])
    response = client.post(url, _timepris_post(aarsloen, aarsnorm))
    assert response.status_code == 200
    assert response.context["form"].errors[felt] == [fejl]
    takstmodel_2026.timeprismodel.refresh_from_db()
    assert takstmodel_2026.timeprismodel.aarsloen == Decimal("480000")


@pytest.mark.parametrize("tal", ["1e9999", "NaN", "Infinity", "-inf"])
def test_timepris_api_refuses_the_same_numbers(oekonomichef, takstmodel_2026, tal):
    model = takstmodel_2026.timeprismodel
    api = _api(oekonomichef)
    for felt in ("aarsloen", "aarsnorm_timer"):
        response = api.patch(
            f"/api/v1/timeprismodeller/{model.pk}/", {felt: tal}, format="json"
        )
        assert response.status_code == 400, (felt, tal)
        assert felt in response.data
        response = api.post(
            f"/api/v1/timeprismodeller/{model.pk}/hvis/", {felt: tal}, format="json"
        )
        assert response.status_code == 400, (felt, tal)


# --- Særtakst: at most 24 hours per døgn ---


def test_the_model_refuses_more_than_24_hours(anna, tilbud_a, niveau, raadgiver):
    with pytest.raises(ValidationError) as err:
        services.borger_tilgang(
            borger=anna,
            tilbud=tilbud_a,
            dato=D(2026, 2, 1),
            takstniveau=niveau["S1"],
            saertakst_timer=Decimal("24.01"),
            acting_user=raadgiver,
        )
    assert err.value.message_dict["saertakst_timer"] == [SAERTAKST_TIMER_MAKS]
    assert not Indplacering.objects.exists()
    # 24 hours (constant care around the clock) is a døgn.
    services.borger_tilgang(
        borger=anna,
        tilbud=tilbud_a,
        dato=D(2026, 2, 1),
        takstniveau=niveau["S1"],
        saertakst_timer=Decimal("24"),
        acting_user=raadgiver,
    )
    assert Indplacering.objects.get().saertakst_timer == Decimal("24")


def test_the_form_refuses_more_than_24_hours(anna, tilbud_a, niveau):
    form = TilgangForm(
        {
            "tilbud": tilbud_a.pk,
            "dato": "2026-02-01",
            "niveau": "S1",
            "saertakst_timer": "9.999,99",
        },
        tilbud_qs=Tilbud.objects.all(),
        borger=anna,
    )
    assert not form.is_valid()
    assert form.errors["saertakst_timer"] == [SAERTAKST_TIMER_MAKS]


def test_the_api_refuses_more_than_24_hours(anna, tilbud_a, niveau, raadgiver):
    response = _api(raadgiver).post(
        f"/api/v1/borgere/{anna.pk}/tilgang/",
        {
            "tilbud": tilbud_a.pk,
            "dato": "2026-02-01",
            "takstniveau": niveau["S1"].pk,
            "takstgivende_timer": "9999.99",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.data["takstgivende_timer"] == [SAERTAKST_TIMER_MAKS]
    assert not Indplacering.objects.exists()
