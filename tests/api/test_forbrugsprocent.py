"""Issue 12 item 8 in the API: forbrugsprocent_periode, forbrugsprocent_aar and
forbrugsprocent_periode_sidste_aar on the tilbud budget and the central model.

Figures as in tests/ui/test_forbrugsprocent_pages.py (tilbud A, hybrid, no borgere):
  2026 period: 1,150,000 / 1,199,726.02 × 100 = 95.855… → "95.86"
  2026 year:   1,150,000 / 2,900,000 × 100 = 39.655… → "39.66"
  2025 period: 1,500,000 / 1,510,000 × 100 = 99.337… → "99.34"
"""

IDAG = {"idag": "2026-06-30"}
FELTER = (
    "forbrugsprocent_periode",
    "forbrugsprocent_aar",
    "forbrugsprocent_periode_sidste_aar",
)


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
