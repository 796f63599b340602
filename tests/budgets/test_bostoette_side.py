"""Issue 17: the bostøtte follow-up page, its Excel and its API.

Anna lives in Bostøtten Hyld (leder_a's) from 1 March 2026 with 3 visiterede
timer pr. uge; 11 hours delivered in March. March: visiteret 3 × 31 ÷ 7 =
13.2857… → 13,29; forskel 11 − 93/7 = −16/7 → −2,29; −16/93 = −17.2 %.
April (30 days, nothing imported): 3 × 30 ÷ 7 = 90/7 = 12.857… → 12,86.
Bo lives in Bostøtten Rønne (no test leder's) with 7 hours a week.
"""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from budgets import services as budget_services
from offers import services

D = datetime.date
MINUS = "\u2212"


@pytest.fixture
def hyld(anna, bostoette_a, bostoette_b, niveau, raadgiver, oekonomichef):
    services.borger_tilgang(
        borger=anna,
        tilbud=bostoette_a,
        dato=D(2026, 3, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
        visiterede_timer_pr_uge=Decimal(3),
    )
    bo = services.borger_create(cpr="020290-1235", navn="Bo", acting_user=raadgiver)
    services.borger_tilgang(
        borger=bo,
        tilbud=bostoette_b,
        dato=D(2026, 1, 1),
        takstniveau=niveau["1"],
        acting_user=raadgiver,
        visiterede_timer_pr_uge=Decimal(7),
    )
    budget_services.leveret_tid_save(
        borger_id=anna.pk,
        tilbud_id=bostoette_a.pk,
        aar=2026,
        maaned=3,
        timer=Decimal(11),
        acting_user=oekonomichef,
    )


URL = "/budget/bostoette/?aar=2026"


def test_the_page_shows_the_worked_example(client, hyld, oekonomichef):
    client.force_login(oekonomichef)
    side = client.get(URL + "&maaned=3").content.decode()
    assert "Anna (010190-xxxx)" in side and "010190-1234" not in side
    assert "13,29" in side and "11,00" in side
    assert f"{MINUS}2,29" in side and f"{MINUS}17,2 %" in side
    assert "Bostøtten Rønne" in side


def test_a_month_without_imported_hours_shows_a_dash(client, hyld, oekonomichef):
    client.force_login(oekonomichef)
    side = client.get(URL + "&maaned=4").content.decode()
    assert "12,86" in side  # 3 × 30 ÷ 7


def test_a_tilbudsleder_sees_only_their_own_bostoette(client, hyld, leder_a):
    client.force_login(leder_a)
    side = client.get(URL).content.decode()
    assert "Bostøtten Hyld" in side and "Bostøtten Rønne" not in side
    assert "Bo (" not in side


def test_another_tilbudsleder_sees_no_bostoette(client, hyld, leder_b):
    client.force_login(leder_b)
    side = client.get(URL).content.decode()
    assert "Anna" not in side and "Bostøtten" not in side
    assert "Der er ingen bostøttetilbud" in side


def test_anonymous_is_sent_to_login(client, hyld):
    assert "/login/" in client.get(URL)["Location"]


def test_a_bad_month_shows_the_whole_year(client, hyld, oekonomichef):
    client.force_login(oekonomichef)
    assert client.get(URL + "&maaned=13x").status_code == 200


def test_the_excel_export_holds_the_figures(client, hyld, leder_a):
    client.force_login(leder_a)
    response = client.get(URL + "&maaned=3&format=xlsx")
    bog = openpyxl.load_workbook(io.BytesIO(response.content))
    borgere = list(bog["Borgere"].iter_rows(values_only=True))
    assert borgere[0][:4] == ("Tilbud", "Borger", "Måned", "Visiteret (timer)")
    (anna,) = borgere[1:]
    assert anna[:3] == ("Bostøtten Hyld", "Anna (010190-xxxx)", "Marts 2026")
    assert round(anna[3], 2) == 13.29 and anna[4] == 11
    assert round(anna[6], 3) == -0.172  # −17.2 % as Excel's fraction


def test_the_api_gives_the_same_figures(client, hyld, leder_a, bostoette_a):
    client.force_login(leder_a)
    data = client.get("/api/v1/bostoette/2026/?maaned=3").json()
    (tilbud,) = data["tilbud"]
    assert tilbud["tilbud"] == bostoette_a.pk
    (anna,) = tilbud["borgere"]
    assert anna["borger_navn"] == "Anna (010190-xxxx)"
    assert (anna["visiteret"], anna["leveret"], anna["forskel"], anna["procent"]) == (
        "13.29",
        "11.00",
        "-2.29",
        "-17.2",
    )
    assert tilbud["totaler"][0]["forskel"] == "-2.29"


def test_the_api_refuses_a_bad_month_with_a_field_error(client, hyld, oekonomichef):
    client.force_login(oekonomichef)
    response = client.get("/api/v1/bostoette/2026/?maaned=13")
    assert response.status_code == 400
    assert "maaned" in response.json()


def test_the_api_refuses_an_impossible_year(client, hyld, oekonomichef):
    client.force_login(oekonomichef)
    response = client.get("/api/v1/bostoette/99999/")
    assert response.status_code == 400
    assert response.json() == {"aar": ["Budgetåret skal ligge mellem 2000 og 2100."]}


def test_the_api_is_in_the_openapi_schema(client, oekonomichef):
    client.force_login(oekonomichef)
    schema = client.get("/api/schema/?format=json").json()
    assert "/api/v1/bostoette/{aar}/" in schema["paths"]


def test_the_takstblad_of_a_bostoette_tilbud_explains_the_weekly_price(
    client, hyld, oekonomichef, bostoette_a
):
    client.force_login(oekonomichef)
    url = f"/budget/tilbud/{bostoette_a.pk}/takstblad/?aar=2026"
    side = client.get(url).content.decode()
    assert "visiterede timer pr. uge × timeprisen for direkte tid" in side
