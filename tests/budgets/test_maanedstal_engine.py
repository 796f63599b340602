"""The stored months of a tilbud's year sum to its year figures (issue 13 #5).

One hybrid tilbud, level 1 at a servicetakst of 500 kr. and a basistakst of
1,000 kr. per døgn (døgntakst 1,500 kr.):
- Ane from 20 January to 5 March 2026 (afgang day excluded): days lived
  January 12 (20-31), February 28, March 4 (1-4) = 44;
- Bent from 1 November 2025, open: first day in 2026 is 1 January, every day
  of the year lived (365); Aarhus pays for him from 10 February to 20 April:
  sold days February 19 (10-28), March 31, April 20 (1-20) = 70, income
  19 × 1,500 = 28,500; 31 × 1,500 = 46,500; 20 × 1,500 = 30,000 kr.
- Cis from 15 March, her tilgang annulled: never lived there.
"""

from datetime import date
from decimal import Decimal

import pytest

from budgets import engine
from budgets.engine.maanedstal import (
    Idagtal,
    maaneder_af,
    summer,
    tilbud_noegletal,
)

GRUNDLAG = engine.TilbudGrundlag(
    1, "Tilbud", 8, "hybrid", Decimal(97), Decimal(100), Decimal("292000")
)
PRISLISTE = engine.Prisliste(
    aar=2026,
    timepris_direkte=Decimal("500"),
    servicetakster={"1": Decimal("500")},
    basistakst=Decimal("1000"),
)


def _ophold(id_, tilgang, afgang=None, **kwargs) -> engine.Ophold:
    return engine.Ophold(
        id=id_,
        borger=f"B{id_}",
        tilgang=tilgang,
        afgang=afgang,
        borger_id=id_,
        indplaceringer=(engine.Indplacering(tilgang, "1"),),
        **kwargs,
    )


OPHOLDENE = (
    _ophold(1, date(2026, 1, 20), date(2026, 3, 5)),
    _ophold(2, date(2025, 11, 1), eksterne=((date(2026, 2, 10), date(2026, 4, 20)),)),
    _ophold(3, date(2026, 3, 15), annulleret=date(2026, 3, 20)),
)


@pytest.fixture
def maaneder():
    budget = engine.tilbud_budget(GRUNDLAG, OPHOLDENE, PRISLISTE, 2026)
    tal = engine.noegletal(
        GRUNDLAG, OPHOLDENE, PRISLISTE, budget, {}, 2026, date(2026, 6, 30)
    )
    return maaneder_af(budget, tal, OPHOLDENE, PRISLISTE), tal


def test_the_days_lived_are_split_by_month(maaneder):
    m, _ = maaneder
    # Bent every day; Ane 12 + 28 + 4.
    assert m.borgerdage == (
        31 + 12,
        28 + 28,
        31 + 4,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    )


def test_the_months_of_days_lived_sum_to_the_years_borgerdage(maaneder):
    m, tal = maaneder
    assert (sum(m.borgerdage), tal.borgerdage) == (365 + 44, 365 + 44)


def test_a_borger_counts_in_the_month_of_the_first_day_in_the_year(maaneder):
    m, _ = maaneder
    # Bent on 1 January, Ane on 20 January; Cis was never there.
    assert m.borgere_nye == (2,) + (0,) * 11


def test_the_income_of_sold_days_is_split_by_month(maaneder):
    m, _ = maaneder
    assert m.indtaegt_salg[1:4] == (
        Decimal("28500"),
        Decimal("46500"),
        Decimal("30000"),
    )


def test_the_months_of_income_sum_to_the_years_indtaegt_salg(maaneder):
    m, tal = maaneder
    # 70 sold days × 1,500 kr.
    assert (sum(m.indtaegt_salg), tal.indtaegt_salg) == (
        Decimal("105000"),
        Decimal("105000"),
    )


def test_the_budget_months_are_the_engines_own(maaneder):
    m, tal = maaneder
    assert (m.fast, m.aktivitet_korrigeret, m.total_korrigeret) == (
        tal.fast,
        tal.aktivitet_korrigeret,
        tal.total_korrigeret,
    )


def test_noegletal_from_the_months_equal_the_engines(maaneder):
    m, tal = maaneder
    # The day's figures as the engine counts them on 30 June: Bent on level 1,
    # not sold that day; both tilgange of the year (Ane, Cis annulled: one) done.
    idag = Idagtal(
        borgere_pr_niveau={"1": 1},
        solgte_pladser=0,
        tilgange_realiseret=1,
        afgange_realiseret=1,
    )
    assert tilbud_noegletal(GRUNDLAG, 2026, m, {}, idag) == tal


def test_the_sum_of_two_tilbuds_months_is_taken_month_by_month(maaneder):
    m, _ = maaneder
    assert summer([m, m]).borgerdage[1] == 2 * (28 + 28)
