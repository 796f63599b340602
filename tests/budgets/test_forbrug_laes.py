"""selectors.maanedstal.forbrug_pr_maaned: each tilbud's actuals of a year by
month, the arts added up (on PostgreSQL in whole øre by numpy, on SQLite by
SUM); worked by hand."""

from decimal import Decimal

import pytest

from budgets.models import Forbrug, Forbrugsart
from budgets.selectors.maanedstal import forbrug_pr_maaned
from tests.factories import BudgetaarFactory, TilbudFactory


def _forbrug(tilbud, budgetaar, maaned: int, art: str, beloeb: str) -> None:
    Forbrug.objects.create(
        tilbud=tilbud, budgetaar=budgetaar, maaned=maaned, art=art, beloeb=beloeb
    )


@pytest.mark.django_db
def test_the_arts_of_a_month_are_added_to_the_oere():
    a, b, c = TilbudFactory(), TilbudFactory(), TilbudFactory()
    aar, forrige = BudgetaarFactory(aar=2026), BudgetaarFactory(aar=2025)
    _forbrug(a, aar, 1, Forbrugsart.LOEN, "100000.10")
    _forbrug(a, aar, 1, Forbrugsart.DRIFT, "2500.05")
    _forbrug(a, aar, 1, Forbrugsart.INDTAEGT, "-12000.99")
    _forbrug(a, aar, 12, Forbrugsart.LOEN, "0.01")
    _forbrug(b, aar, 3, Forbrugsart.LOEN, "5.00")
    _forbrug(b, aar, 3, Forbrugsart.INDTAEGT, "-5.00")  # a month of 0 has actuals
    _forbrug(c, forrige, 1, Forbrugsart.LOEN, "7")  # another year

    forbrug = forbrug_pr_maaned(2026)

    # a, January: 100,000.10 + 2,500.05 - 12,000.99 = 90,499.16.
    assert forbrug == {
        a.pk: {1: Decimal("90499.16"), 12: Decimal("0.01")},
        b.pk: {3: Decimal("0.00")},
    }
    assert forbrug_pr_maaned(2026, [b.pk]) == {b.pk: {3: Decimal("0.00")}}
    assert forbrug_pr_maaned(2025) == {c.pk: {1: Decimal("7.00")}}
    assert forbrug_pr_maaned(2024) == {}
    assert forbrug_pr_maaned(2026)[c.pk] == {}  # every tilbud has its months


def _maanedstal(tilbud, maaned: int, fast: str, akt: str, over: str, **andre):
    from budgets.engine.maanedstal import ANTAL, BELOEB
    from budgets.models import Maanedstal

    nul = {k: 0 for k in BELOEB + ANTAL}
    Maanedstal.objects.create(
        **{
            **nul,
            "fast": fast,
            "aktivitet_korrigeret": akt,
            "overkapacitet_korrigeret": over,
            "aktivitet_oprindeligt": "999.99",  # not korrigeret
            **andre,
        },
        tilbud=tilbud,
        aar=2025,
        maaned=maaned,
        version=1,
        motorversion=1,
    )


@pytest.mark.django_db
def test_last_years_korrigeret_by_month_only_of_tilbud_with_twelve():
    from budgets.models import Maanedstal
    from budgets.selectors.maanedstal import korrigeret_pr_maaned

    a, b = TilbudFactory(), TilbudFactory()
    for maaned in (12, 3, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11):  # out of order
        # a: fast 100.10 + aktivitet m × 1.01 + overkapacitet -0.05.
        _maanedstal(a, maaned, "100.10", str(maaned * Decimal("1.01")), "-0.05")
    for maaned in range(1, 12):  # b: eleven months, not current
        _maanedstal(b, maaned, "1", "1", "1")

    korrigeret = korrigeret_pr_maaned(Maanedstal.objects.filter(aar=2025))

    # January: 100.10 + 1.01 - 0.05 = 101.06; December: 100.10 + 12.12 - 0.05.
    assert list(korrigeret) == [a.pk]
    assert korrigeret[a.pk][0] == Decimal("101.06")
    assert korrigeret[a.pk][11] == Decimal("112.17")
    assert korrigeret[a.pk] == tuple(
        Decimal("100.05") + m * Decimal("1.01") for m in range(1, 13)
    )
