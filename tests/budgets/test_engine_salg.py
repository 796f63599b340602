"""Sold places follow the betalingskommune by day (DOMAIN.md §7, §9; issue 13 #1).

Døgntakst 1,000 kr. throughout: basistakst 100 + servicetakst 900 (level 1);
level 2 has servicetakst 1,400 (døgntakst 1,500). Budget year 2026 (365 days).
"""

from datetime import date
from decimal import Decimal

from budgets.engine import (
    Indplacering,
    Ophold,
    Prisliste,
    TilbudGrundlag,
    indtaegt_salg,
    noegletal,
    perioder_hvor,
    tilbud_budget,
)

AAR = 2026
PRISLISTE = Prisliste(
    AAR, Decimal("492.07"), {"1": Decimal("900"), "2": Decimal("1400")}, Decimal("100")
)
TILBUD = TilbudGrundlag(
    1, "Tilbud", 8, "hybrid", Decimal(97), Decimal(100), Decimal("292000")
)


def stay(
    eksterne=(),
    tilgang=date(2025, 6, 1),
    afgang=None,
    niveauer=((date(2025, 6, 1), "1"),),
) -> Ophold:
    indplaceringer = tuple(Indplacering(fra, kode) for fra, kode in niveauer)
    return Ophold(
        1, "Anna", tilgang, afgang, indplaceringer, eksterne=eksterne, borger_id=7
    )


def noegle(opholdene, idag=date(2026, 6, 15), aar=AAR):
    budget = tilbud_budget(TILBUD, opholdene, PRISLISTE, aar)
    return noegletal(TILBUD, opholdene, PRISLISTE, budget, {}, aar, idag)


SOLGT_FRA_1_JULI = ((date(2026, 7, 1), None),)
SOLGT_1_JULI_TIL_30_SEPTEMBER = ((date(2026, 7, 1), date(2026, 9, 30)),)


def test_sold_from_1_july_earns_184_days_of_doegntakst():
    # July-December: 31 + 31 + 30 + 31 + 30 + 31 = 184 days × 1,000 = 184,000 kr.
    assert noegle([stay(SOLGT_FRA_1_JULI)]).indtaegt_salg == Decimal("184000")


def test_own_municipality_again_from_1_october_earns_92_days():
    # July-September: 31 + 31 + 30 = 92 days × 1,000 = 92,000 kr.
    o = stay(SOLGT_1_JULI_TIL_30_SEPTEMBER)
    assert noegle([o]).indtaegt_salg == Decimal("92000")


def test_a_change_in_2026_never_moves_the_income_of_2025():
    # Sold since 2000; own municipality from 1 October 2026. 2025: tilgang 1 June,
    # June-December = 30 + 31 + 31 + 30 + 31 + 30 + 31 = 214 days × 1,000.
    foer = stay(((date(2000, 1, 1), None),))
    efter = stay(((date(2000, 1, 1), date(2026, 9, 30)),))
    assert indtaegt_salg(foer, PRISLISTE, 2025) == Decimal("214000")
    assert indtaegt_salg(efter, PRISLISTE, 2025) == Decimal("214000")


def test_never_sold_earns_nothing():
    assert noegle([stay()]).indtaegt_salg == 0


def test_a_sold_place_is_counted_from_its_first_sold_day():
    assert noegle([stay(SOLGT_FRA_1_JULI)], idag=date(2026, 6, 30)).solgte_pladser == 0
    assert noegle([stay(SOLGT_FRA_1_JULI)], idag=date(2026, 7, 1)).solgte_pladser == 1


def test_a_sold_place_is_no_longer_counted_from_the_own_municipality_day():
    o = stay(SOLGT_1_JULI_TIL_30_SEPTEMBER)
    assert noegle([o], idag=date(2026, 9, 30)).solgte_pladser == 1
    assert noegle([o], idag=date(2026, 10, 1)).solgte_pladser == 0


def test_run_off_days_follow_the_betalingskommune_in_force_on_each_day():
    # Afgang 10 March: financed through 30 April. Sold until 31 March, own from
    # 1 April: January-March = 31 + 28 + 31 = 90 days × 1,000 = 90,000 kr.;
    # the 30 run-off days of April are not sold.
    o = stay(((date(2000, 1, 1), date(2026, 3, 31)),), afgang=date(2026, 3, 10))
    assert noegle([o]).indtaegt_salg == Decimal("90000")


def test_run_off_days_sold_after_the_afgang_earn_but_count_no_place():
    # Sold from 1 April: only the 30 run-off days of April, 30 × 1,000 = 30,000 kr.;
    # on 15 April the borger does not live there, so no sold place.
    o = stay(((date(2026, 4, 1), None),), afgang=date(2026, 3, 10))
    tal = noegle([o], idag=date(2026, 4, 15))
    assert (tal.indtaegt_salg, tal.solgte_pladser) == (Decimal("30000"), 0)


def test_a_level_change_inside_a_sold_period_prices_each_part_at_its_level():
    # Sold from 1 July; level 2 from 1 September. July-August 62 × 1,000 = 62,000;
    # September-December 30 + 31 + 30 + 31 = 122 × 1,500 = 183,000; 245,000 kr.
    o = stay(
        SOLGT_FRA_1_JULI,
        niveauer=((date(2025, 6, 1), "1"), (date(2026, 9, 1), "2")),
    )
    assert noegle([o]).indtaegt_salg == Decimal("245000")


def test_two_sold_periods_are_added():
    # 1 Feb-31 Mar = 28 + 31 = 59 days; from 1 Nov = 30 + 31 = 61 days;
    # 120 × 1,000 = 120,000 kr.
    perioder = ((date(2026, 2, 1), date(2026, 3, 31)), (date(2026, 11, 1), None))
    assert noegle([stay(perioder)]).indtaegt_salg == Decimal("120000")


def test_a_level_only_priced_in_an_earlier_year_is_not_looked_up():
    # Level "X" (not in 2026's takstmodel) ended 31 December 2025; sold all along:
    # 365 × 1,000 = 365,000 kr. in 2026 without a price for "X".
    o = stay(
        ((date(2000, 1, 1), None),),
        niveauer=((date(2025, 6, 1), "X"), (date(2026, 1, 1), "1")),
    )
    assert indtaegt_salg(o, PRISLISTE, AAR) == Decimal("365000")


def test_perioder_hvor_turns_dated_codes_into_sold_periods():
    # Sold from 1 July, own from 1 October, sold again from 1 December (twice
    # registered: adjacent sold rows make one period).
    skift = [
        (date(2026, 7, 1), True),
        (date(2026, 10, 1), False),
        (date(2026, 12, 1), True),
        (date(2027, 2, 1), True),
    ]
    assert perioder_hvor(skift) == (
        (date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 12, 1), None),
    )


def test_perioder_hvor_without_a_sold_row_is_empty():
    assert perioder_hvor([(date(2026, 7, 1), False)]) == ()
