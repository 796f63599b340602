"""The UI speaks Danish whatever language the browser asks for (issue 15)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tariffs.forms import DanskDecimalField

ENGELSK = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def test_an_english_browser_gets_danish_form_errors(client, raadgiver):
    client.force_login(raadgiver)
    svar = client.post("/borgere/create/", {"cpr": "", "navn": ""}, **ENGELSK)
    tekst = svar.content.decode()
    assert "Dette felt er påkrævet." in tekst
    assert "This field is required." not in tekst


def test_an_english_browser_gets_danish_month_names(client, raadgiver, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 12, 1))
    client.force_login(raadgiver)
    tekst = client.get("/", **ENGELSK).content.decode()
    assert "December" not in tekst


def test_a_lower_bound_is_written_with_a_danish_decimal_comma():
    felt = DanskDecimalField(min_value=Decimal("0.01"))
    with pytest.raises(ValidationError) as fejl:
        felt.clean("0")
    assert fejl.value.messages == ["Tallet skal være mindst 0,01."]


def test_no_amount_is_followed_by_a_second_full_stop(
    client, oekonomichef, takstmodel_2026, tilbud_a
):
    # "1.234,56 kr." ends in a full stop; a sentence must not add another.
    client.force_login(oekonomichef)
    m = takstmodel_2026.pk
    for url in (
        "/takster/",
        f"/takster/{m}/niveauer/",
        f"/budget/tilbud/{tilbud_a.pk}/forklaring/forventet_regnskab/?aar=2026",
    ):
        svar = client.get(url)
        assert svar.status_code == 200, url
        assert "kr.." not in svar.content.decode(), url
