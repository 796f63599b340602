import datetime
from decimal import Decimal

import pytest

from budgets.models import Budgetaar, Forbrug
from offers import services

IDAG = {"idag": "2026-06-30"}


def _url(tilbud, aar=2026):
    return f"/api/v1/budgetter/{aar}/tilbud/{tilbud.pk}/"


@pytest.fixture
def anna_afgang(anna, raadgiver):
    """DOMAIN.md §6: afgang 10 March finances niveau 2 through 30 April."""
    services.borger_afgang(
        borger=anna, dato=datetime.date(2026, 3, 10), acting_user=raadgiver
    )
    return anna


@pytest.fixture
def budget(oekonomi_api, tilbud_a, faste_a, anna_afgang):
    return oekonomi_api.get(_url(tilbud_a), IDAG).json()


def test_tilbud_budget_has_the_korrigeret_activity_of_the_worked_example(budget):
    # 1 Feb - 30 Apr = 89 days × 1,476.21 kr.
    assert budget["aktivitetsbudget_korrigeret"] == "131382.69"


def test_tilbud_budget_fast_budget_is_the_fixed_costs(budget):
    assert budget["fast_budget"] == "2900000.00"


def test_tilbud_budget_has_twelve_months(budget):
    assert [m["maaned"] for m in budget["maaneder"]] == list(range(1, 13))


def test_tilbud_budget_month_may_has_no_activity(budget):
    assert budget["maaneder"][4]["aktivitet"] == "0.00"


def test_reguleringer_sum_to_korrigeret_minus_oprindeligt(budget):
    total = sum(Decimal(r["beloeb"]) for r in budget["reguleringer"])
    assert total == Decimal(budget["aktivitetsbudget_korrigeret"]) - Decimal(
        budget["aktivitetsbudget_oprindeligt"]
    )


def test_regulering_rows_name_event_and_effective_date(budget):
    rows = [(r["haendelse"], r["virkning_fra"]) for r in budget["reguleringer"]]
    assert rows == [("tilgang", "2026-02-01"), ("afgang", "2026-03-10")]


def test_forbrug_comes_from_the_imported_actuals(oekonomi_api, tilbud_a, faste_a, anna):
    Forbrug.objects.create(
        tilbud=tilbud_a,
        budgetaar=Budgetaar.objects.get(aar=2026),
        maaned=1,
        art="loen",
        beloeb=Decimal("200000"),
    )
    data = oekonomi_api.get(_url(tilbud_a), IDAG).json()
    assert (data["forbrug"], data["maaneder"][0]["forbrug"]) == (
        "200000.00",
        "200000.00",
    )


def test_month_without_actuals_has_null_forbrug(budget):
    assert budget["maaneder"][11]["forbrug"] is None


def test_leder_reads_their_own_budget(leder_a_api, tilbud_a, faste_a, takstmodel_2026):
    assert leder_a_api.get(_url(tilbud_a), IDAG).status_code == 200


def test_leder_reaching_another_tilbuds_budget_gets_404(
    leder_b_api, tilbud_a, faste_a, takstmodel_2026
):
    assert leder_b_api.get(_url(tilbud_a), IDAG).status_code == 404


def test_anonymous_may_not_read_a_budget(anonym, tilbud_a):
    assert anonym.get(_url(tilbud_a)).status_code == 401


def test_budget_for_a_year_without_takstmodel_is_404_in_danish(oekonomi_api, tilbud_a):
    response = oekonomi_api.get(_url(tilbud_a, 2031))
    assert response.json() == {"detail": "Der er ingen takstmodel for 2031."}


def test_bad_idag_is_400(oekonomi_api, tilbud_a, takstmodel_2026):
    response = oekonomi_api.get(_url(tilbud_a), {"idag": "i går"})
    assert response.status_code == 400
    assert "idag" in response.json()


@pytest.mark.parametrize("idag", ["9999-12-31", "0001-01-01"])
def test_idag_outside_the_products_dates_is_400_in_danish(
    oekonomi_api, tilbud_a, takstmodel_2026, idag
):
    for url in (_url(tilbud_a), CENTRAL):
        response = oekonomi_api.get(url, {"idag": idag})
        assert response.status_code == 400
        assert response.json()["idag"] == [
            "Datoen skal ligge mellem 01.01.2000 og 31.12.2100."
        ]


# --- Central --------------------------------------------------------------------

CENTRAL = "/api/v1/budgetter/2026/central/"


def test_central_has_one_row_per_tilbud(
    oekonomi_api, tilbud_a, tilbud_b, faste_a, anna
):
    data = oekonomi_api.get(CENTRAL, IDAG).json()
    assert [r["navn"] for r in data["tilbud"]] == [tilbud_a.navn, tilbud_b.navn]


def test_central_total_sums_the_rows(oekonomi_api, tilbud_a, tilbud_b, faste_a, anna):
    data = oekonomi_api.get(CENTRAL, IDAG).json()
    rows = sum(Decimal(r["total_korrigeret"]) for r in data["tilbud"])
    assert Decimal(data["total"]["total_korrigeret"]) == rows


def test_leder_sees_only_their_own_tilbud_centrally(
    leder_a_api, tilbud_a, tilbud_b, takstmodel_2026
):
    data = leder_a_api.get(CENTRAL, IDAG).json()
    assert [r["tilbud"] for r in data["tilbud"]] == [tilbud_a.pk]


def test_anonymous_may_not_read_the_central_budget(anonym, db):
    assert anonym.get(CENTRAL).status_code == 401


def test_central_for_a_year_without_takstmodel_is_404(oekonomi_api, tilbud_a):
    response = oekonomi_api.get("/api/v1/budgetter/2031/central/")
    assert response.status_code == 404
