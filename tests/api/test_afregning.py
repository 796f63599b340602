"""GET /api/v1/afregning/{aar}/{maaned}/ (issue 18 #5). Figures as in
tests/afregning_data.py: Bent (730) in May 2026 has two lines."""

import pytest

from tests.afregning_data import solgte_pladser
from tests.api.conftest import client_for

URL = "/api/v1/afregning/{aar}/{maaned}/"


@pytest.fixture
def solgt(tilbud_a, faste_a, niveau, raadgiver):
    return solgte_pladser(tilbud_a, niveau, raadgiver)


def test_may_2026_per_kommune_with_lines_and_totals(oekonomi_api, solgt):
    data = oekonomi_api.get(URL.format(aar=2026, maaned=5)).json()
    assert data["afloeb"] == "maaned_plus_1"
    # 730: 15 × 1,515.94 = 22,739.10 + 16 × 2,500.08 = 40,001.28 → 62,740.38;
    # 751: 31 × 2,500.08 = 77,502.48; in all 140,242.86 kr.
    kommuner = {k["kommunekode"]: k for k in data["kommuner"]}
    assert kommuner["730"]["beloeb"] == "62740.38"
    assert [li["beloeb"] for li in kommuner["730"]["linjer"]] == [
        "22739.10",
        "40001.28",
    ]
    assert kommuner["730"]["linjer"][1]["doegntakst"] == "2500.08"
    assert kommuner["751"]["beloeb"] == "77502.48"
    assert data["beloeb"] == "140242.86"
    assert kommuner["751"]["faktureret"] is False


def test_month_13_is_a_400_with_a_field_error(oekonomi_api, solgt):
    svar = oekonomi_api.get(URL.format(aar=2026, maaned=13))
    assert svar.status_code == 400
    assert "maaned" in svar.json()


def test_month_0_is_a_400(oekonomi_api, niveau):
    assert oekonomi_api.get(URL.format(aar=2026, maaned=0)).status_code == 400


def test_a_year_without_takstmodel_is_a_404(oekonomi_api, niveau):
    assert oekonomi_api.get(URL.format(aar=2031, maaned=1)).status_code == 404


def test_a_tilbudsleder_is_refused(leder_a, solgt):
    svar = client_for(leder_a).get(URL.format(aar=2026, maaned=5))
    assert svar.status_code == 403


def test_the_route_is_in_the_openapi_schema(oekonomi_api):
    schema = oekonomi_api.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/v1/afregning/{aar}/{maaned}/" in schema["paths"]
