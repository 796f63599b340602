"""DOMAIN.md §7, issue 12 item 8: forbrugsprocent against the budget of the same
period, against the whole year, and the same period last year.

No borgere: a hybrid tilbud's budget is then its faste udgifter spread over the
months by days, each month to øre (fordel_efter_dage), which keeps the hand
arithmetic short.
"""

from datetime import date
from decimal import Decimal

from budgets.engine import (
    Prisliste,
    TilbudGrundlag,
    central_budget,
    noegletal,
    tilbud_budget,
)
from budgets.engine.noegletal import forbrugsprocent_samme_periode
from config.lib.money import round_half_up


def _noegletal(aar: int, faste: str, forbrug: dict[int, Decimal], id: int = 1):
    t = TilbudGrundlag(
        id=id,
        navn=f"Tilbud {id}",
        pladser=8,
        tildelingsprincip="hybrid",
        forudsat_belaegning=Decimal("97"),
        reguleringsandel=Decimal("50"),
        faste_udgifter=Decimal(faste),
    )
    prisliste = Prisliste(aar, Decimal("492.07"), {}, Decimal("0"))
    budget = tilbud_budget(t, [], prisliste, aar)
    return t, noegletal(t, [], prisliste, budget, forbrug, aar, date(aar, 11, 15))


# 2025: 1,000,000 kr. spread by days; 83,000 kr. forbrug in each of January-October.
JAN_OKT_2025 = {m: Decimal("83000") for m in range(1, 11)}
# 2024 (leap year): 366,000 kr. is 1,000 kr. a day; 30,000 kr. in each month.
JAN_OKT_2024 = {m: Decimal("30000") for m in range(1, 11)}


def test_forbrugsprocent_aar_is_forbrug_over_the_whole_years_budget():
    _, tal = _noegletal(2025, "1000000", JAN_OKT_2025)
    # 10 × 83,000 = 830,000 / 1,000,000 × 100 = 83.0
    assert tal.forbrugsprocent_aar == Decimal("83")


def test_forbrugsprocent_periode_is_forbrug_over_the_budget_of_the_same_months():
    _, tal = _noegletal(2025, "1000000", JAN_OKT_2025)
    # Budget per month = 1,000,000 × days / 365, to øre:
    #   31 days: 84,931.506… → 84,931.51 (Jan Mar May Jul Aug Oct: × 6 = 509,589.06)
    #   30 days: 82,191.780… → 82,191.78 (Apr, Jun, Sep: × 3 = 246,575.34)
    #   28 days: 76,712.328… → 76,712.33 (Feb)
    # January-October = 509,589.06 + 246,575.34 + 76,712.33 = 832,876.73
    # 830,000 / 832,876.73 × 100 = 99.6546… → 99.65
    assert round_half_up(tal.forbrugsprocent_periode, 2) == Decimal("99.65")


def test_forbrugsprocent_periode_without_actuals_is_none():
    _, tal = _noegletal(2025, "1000000", {})
    assert tal.forbrugsprocent_periode is None


def test_forbrugsprocent_periode_without_budget_is_none():
    _, tal = _noegletal(2025, "0", JAN_OKT_2025)
    assert tal.forbrugsprocent_periode is None


def test_same_period_last_year_uses_this_years_months():
    _, nu = _noegletal(2025, "1000000", JAN_OKT_2025)
    _, sidste = _noegletal(2024, "366000", {**JAN_OKT_2024, 11: Decimal("90000")})
    # January-October 2024: 305 days × 1,000 = 305,000 kr. of budget (November's
    # 90,000 kr. is outside the period); 10 × 30,000 = 300,000 kr. of forbrug.
    # 300,000 / 305,000 × 100 = 98.3606… → 98.36
    procent = forbrugsprocent_samme_periode(nu, sidste)
    assert round_half_up(procent, 2) == Decimal("98.36")


def test_same_period_last_year_without_last_years_budget_is_none():
    _, nu = _noegletal(2025, "1000000", JAN_OKT_2025)
    assert forbrugsprocent_samme_periode(nu, None) is None


def test_same_period_last_year_with_a_month_missing_last_year_is_none():
    _, nu = _noegletal(2025, "1000000", JAN_OKT_2025)
    uden_oktober = {m: b for m, b in JAN_OKT_2024.items() if m != 10}
    _, sidste = _noegletal(2024, "366000", uden_oktober)
    assert forbrugsprocent_samme_periode(nu, sidste) is None


def test_central_gives_each_row_and_the_total_last_years_figure():
    nu = [
        _noegletal(2025, "1000000", JAN_OKT_2025, id=1),
        _noegletal(2025, "1000000", JAN_OKT_2025, id=2),
    ]
    sidste = [_noegletal(2024, "366000", JAN_OKT_2024, id=1)]  # tilbud 2 is new
    central = central_budget(nu, aar=2025, sidste_aar=sidste)
    # Tilbud 1 as above: 300,000 / 305,000 = 98.36 %; the total of last year is
    # tilbud 1's alone, so the same; tilbud 2 had no budget last year.
    figures = (central.sidste_aar[1], central.sidste_aar[2], central.sidste_aar_total)
    assert [None if f is None else round_half_up(f, 2) for f in figures] == [
        Decimal("98.36"),
        None,
        Decimal("98.36"),
    ]
