"""Issue 12 item 8: forbrugsprocent against the budget of the same period, of the
whole year, and the same period last year, on the pages and in Excel.

Tilbud A, hybrid, no borgere: its budget is the faste udgifter spread by days.
2026: 2,900,000 kr.; forbrug 230,000 kr. in each of January-May.
  Budget per month to øre: 31 days 246,301.37; 30 days 238,356.16; 28 days 222,465.75.
  January-May = 3 × 246,301.37 + 222,465.75 + 238,356.16 = 1,199,726.02 kr.
  Period: 1,150,000 / 1,199,726.02 × 100 = 95.855… → 95,9 %
  Year:   1,150,000 / 2,900,000 × 100 = 39.655… → 39,7 % (the old figure)
2025: 3,650,000 kr. = 10,000 kr. a day; forbrug 300,000 kr. in each of January-May.
  January-May = 151 days × 10,000 = 1,510,000; 1,500,000 / 1,510,000 = 99.337… → 99,3 %
"""

import io

import openpyxl
import pytest
from django.urls import reverse


def _tilbud_side(client, user, tilbud) -> str:
    client.force_login(user)
    url = reverse("budgets:tilbud-detail", args=[tilbud.pk])
    return client.get(url, {"aar": 2026}).content.decode()


def test_tilbud_page_shows_forbrugsprocent_of_the_period(
    client, leder_a, tilbud_a, forbrug_2026, idag_2026
):
    side = _tilbud_side(client, leder_a, tilbud_a)
    assert 'id="forbrugsprocent-periode">95,9 %<' in side


def test_tilbud_page_shows_forbrugsprocent_of_the_year(
    client, leder_a, tilbud_a, forbrug_2026, idag_2026
):
    side = _tilbud_side(client, leder_a, tilbud_a)
    assert 'id="forbrugsprocent-aar">39,7 %<' in side


def test_tilbud_page_shows_the_same_period_last_year(
    client, leder_a, tilbud_a, forbrug_2026, sidste_aar_2025, idag_2026
):
    side = _tilbud_side(client, leder_a, tilbud_a)
    assert 'id="forbrugsprocent-sidste-aar">99,3 %<' in side


def test_tilbud_page_without_last_years_budget_shows_a_dash(
    client, leder_a, tilbud_a, forbrug_2026, idag_2026
):
    side = _tilbud_side(client, leder_a, tilbud_a)
    assert 'id="forbrugsprocent-sidste-aar">–<' in side


def test_central_page_shows_the_totals_three_forbrugsprocenter(
    client, oekonomichef, tilbud_a, forbrug_2026, sidste_aar_2025, idag_2026
):
    client.force_login(oekonomichef)
    side = client.get(reverse("budgets:central"), {"aar": 2026}).content.decode()
    assert 'id="forbrugsprocent-periode">95,9 %<' in side
    assert 'id="forbrugsprocent-aar">39,7 %<' in side
    assert 'id="forbrugsprocent-sidste-aar">99,3 %<' in side


def test_central_excel_exports_the_three_forbrugsprocenter(
    client, oekonomichef, tilbud_a, forbrug_2026, sidste_aar_2025, idag_2026
):
    client.force_login(oekonomichef)
    response = client.get(reverse("budgets:central"), {"aar": 2026, "format": "xlsx"})
    ark = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    kolonner = [c.value for c in ark[1]]
    raekke = dict(zip(kolonner, [c.value for c in ark[2]], strict=True))
    assert [
        raekke["Forbrug i % af budget for perioden"],
        raekke["Forbrug i % af årsbudget"],
        raekke["Samme periode sidste år, %"],
    ] == pytest.approx([0.958552, 0.396552, 0.993377], abs=1e-6)  # as fractions
