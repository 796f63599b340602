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
