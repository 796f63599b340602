"""Issue 17: bostøtte § 85 priced by visiterede hours per week (no database)."""

from datetime import date
from decimal import Decimal

from budgets.engine import Indplacering, Prisliste
from tariffs.engine import bostoette_pr_doegn


def test_3_hours_a_week_at_420_kr_is_180_kr_per_doegn():
    # 3 × 420 / 7 = 1,260 / 7 = 180.00 kr. per døgn.
    assert bostoette_pr_doegn(Decimal(3), Decimal("420.00")) == Decimal("180.00")


def test_the_weekly_price_is_divided_before_rounding_once():
    # 2.5 × 492.07 / 7 = 1,230.175 / 7 = 175.739285… → 175.74 (not 2.5 / 7 =
    # 0.36 hours first: 0.36 × 492.07 = 177.15).
    assert bostoette_pr_doegn(Decimal("2.5"), Decimal("492.07")) == Decimal("175.74")


def test_a_half_oere_rounds_up():
    # 7 × 0.005 / 7 = 0.005 exactly: half up gives 0.01 (banker's would give 0.00).
    assert bostoette_pr_doegn(Decimal(7), Decimal("0.005")) == Decimal("0.01")


def test_the_price_list_prices_a_bostoette_placement_by_its_hours_not_its_code():
    # Level 1 costs 615.09 kr.; with 3 visiterede timer pr. uge at 420 kr. the
    # servicetakst is 3 × 420 / 7 = 180.00 kr., the døgntakst 100.00 + 180.00.
    pl = Prisliste(2026, Decimal("420.00"), {"1": Decimal("615.09")}, Decimal(100))
    bostoette = Indplacering(date(2026, 3, 1), "1", visiterede_timer_pr_uge=Decimal(3))
    assert pl.servicetakst(bostoette) == Decimal("180.00")
    assert pl.doegntakst(bostoette) == Decimal("280.00")
    assert pl.servicetakst(Indplacering(date(2026, 3, 1), "1")) == Decimal("615.09")
