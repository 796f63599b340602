"""Issue 12 item 8 in the API: forbrugsprocent_periode, forbrugsprocent_aar and
forbrugsprocent_periode_sidste_aar on the tilbud budget and the central model.

Figures as in tests/ui/test_forbrugsprocent_pages.py (tilbud A, hybrid, no borgere):
  2026 period: 1,150,000 / 1,199,726.02 × 100 = 95.855… → "95.86"
  2026 year:   1,150,000 / 2,900,000 × 100 = 39.655… → "39.66"
  2025 period: 1,500,000 / 1,510,000 × 100 = 99.337… → "99.34"
"""

from decimal import Decimal

import pytest

from budgets import services as budget_services
from tests.conftest import make_takstmodel
from tests.factories import BudgetaarFactory, FastUdgiftFactory

IDAG = {"idag": "2026-06-30"}
FELTER = (
    "forbrugsprocent_periode",
    "forbrugsprocent_aar",
    "forbrugsprocent_periode_sidste_aar",
)


def _forbrug(tilbud, aar: int, beloeb: str, user) -> None:
    budgetaar = BudgetaarFactory(aar=aar)
    for maaned in range(1, 6):
        budget_services.forbrug_save(
            tilbud_id=tilbud.pk, budgetaar=budgetaar, maaned=maaned, art="loen",
            beloeb=Decimal(beloeb), acting_user=user,
        )  # fmt: skip


@pytest.fixture
def forbrug_2026(tilbud_a, faste_a, oekonomichef):
    _forbrug(tilbud_a, 2026, "230000", oekonomichef)


@pytest.fixture
def sidste_aar_2025(tilbud_a, oekonomichef):
    make_takstmodel(2025, oekonomichef)
    FastUdgiftFactory(
        tilbud=tilbud_a, budgetaar=BudgetaarFactory(aar=2025), beloeb=Decimal("3650000")
    )
    _forbrug(tilbud_a, 2025, "300000", oekonomichef)


def test_tilbud_budget_has_the_three_forbrugsprocenter(
    oekonomi_api, tilbud_a, forbrug_2026, sidste_aar_2025
):
    data = oekonomi_api.get(f"/api/v1/budgetter/2026/tilbud/{tilbud_a.pk}/", IDAG)
    assert [data.json()[f] for f in FELTER] == ["95.86", "39.66", "99.34"]


def test_tilbud_budget_without_last_year_sends_null(
    oekonomi_api, tilbud_a, forbrug_2026
):
    data = oekonomi_api.get(f"/api/v1/budgetter/2026/tilbud/{tilbud_a.pk}/", IDAG)
    assert data.json()["forbrugsprocent_periode_sidste_aar"] is None


def test_central_row_has_the_three_forbrugsprocenter(
    oekonomi_api, tilbud_a, forbrug_2026, sidste_aar_2025
):
    data = oekonomi_api.get("/api/v1/budgetter/2026/central/", IDAG).json()
    (raekke,) = data["tilbud"]
    assert [raekke[f] for f in FELTER] == ["95.86", "39.66", "99.34"]


def test_central_total_has_the_three_forbrugsprocenter(
    oekonomi_api, tilbud_a, forbrug_2026, sidste_aar_2025
):
    data = oekonomi_api.get("/api/v1/budgetter/2026/central/", IDAG).json()
    assert [data["total"][f] for f in FELTER] == ["95.86", "39.66", "99.34"]


def test_the_former_forbrugsprocent_field_still_sends_the_year_figure(
    oekonomi_api, tilbud_a, forbrug_2026
):
    # Clients of the earlier API read "forbrugsprocent": 1,150,000 / 2,900,000.
    data = oekonomi_api.get(f"/api/v1/budgetter/2026/tilbud/{tilbud_a.pk}/", IDAG)
    assert data.json()["forbrugsprocent"] == "39.66"
