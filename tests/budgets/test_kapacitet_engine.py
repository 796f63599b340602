"""Capacity by hand (issue 19 #3; budgets.engine.kapacitet). No database.

A tilbud of 4 places with five stays ([tilgang, afgang)):

    A 10.11.2025 –            (open)
    B 01.12.2025 – 16.01.2026 (C takes B's place the same day)
    C 16.01.2026 –            (open)
    D 10.02.2026 – 01.03.2026
    E 20.02.2026 –            (open)
"""

import datetime
from decimal import Decimal

from budgets.engine.kapacitet import (
    Ophold,
    belagte_pladser,
    kapacitet_pr_maaned,
    overbelaegning,
    plus_maaneder,
    under_forudsat_belaegning,
)

D = datetime.date
HISTORIK = [
    Ophold(D(2025, 11, 10)),
    Ophold(D(2025, 12, 1), D(2026, 1, 16)),
    Ophold(D(2026, 1, 16)),
    Ophold(D(2026, 2, 10), D(2026, 3, 1)),
    Ophold(D(2026, 2, 20)),
]
PLADSER = {2025: 4, 2026: 4}
FORUDSAT = {2025: Decimal(75), 2026: Decimal(75)}


def _maaneder(fra, antal, forudsat=FORUDSAT):
    return kapacitet_pr_maaned(HISTORIK, fra, antal, PLADSER, forudsat)


def test_ledige_pladser_by_month_by_hand():
    jan, feb, mar = _maaneder(D(2026, 1, 1), 3)
    # January: A all month, B 1.–15., C 16.–31.: two every day → 4 − 2 = 2 free.
    assert (jan.hoejeste_belaegning, jan.ledige) == (2, 2)
    # February: A, C, D (10.–28.) and E (20.–28.): four from the 20th → 0 free.
    assert (feb.hoejeste_belaegning, feb.ledige) == (4, 0)
    # March: D left on the 1st (its afgang day is free): A, C, E → 1 free.
    assert (mar.hoejeste_belaegning, mar.ledige) == (3, 1)


def test_belaegning_by_month_by_hand():
    jan, feb, mar = _maaneder(D(2026, 1, 1), 3)
    # January: 31 + 15 + 16 = 62 døgn / 31 dage = 2 → 2 / 4 = 50 %.
    assert (jan.belaegningsdoegn, jan.belaegning) == (62, Decimal(50))
    # February: 28 + 28 + 19 + 9 = 84 døgn / 28 = 3 → 75 %.
    assert (feb.belaegningsdoegn, feb.belaegning) == (84, Decimal(75))
    # March: 3 × 31 = 93 døgn / 31 = 3 → 75 %.
    assert (mar.belaegningsdoegn, mar.belaegning) == (93, Decimal(75))


def test_belagte_pladser_today_counts_the_afgang_day_as_free():
    # 16.01.2026: B's afgang day and C's tilgang day: A and C.
    assert belagte_pladser(HISTORIK, D(2026, 1, 16)) == 2
    # 15.01.2026: A and B.
    assert belagte_pladser(HISTORIK, D(2026, 1, 15)) == 2
    # 20.02.2026: A, C, D and E.
    assert belagte_pladser(HISTORIK, D(2026, 2, 20)) == 4


def test_one_month_under_forudsat_is_not_a_run():
    # January 50 % < 75 %; February and March exactly 75 %: not under.
    assert under_forudsat_belaegning(_maaneder(D(2026, 1, 1), 3)) == []


def test_two_consecutive_months_under_forudsat_are_a_run():
    # December 2025: A and B all month, 62 døgn / 31 = 2 → 50 %; January 50 %.
    dec, jan, feb, mar = _maaneder(D(2025, 12, 1), 4)
    assert under_forudsat_belaegning([dec, jan, feb, mar]) == [(dec, jan)]


def test_exactly_forudsat_is_not_under_but_a_hair_above_is():
    forudsat = {2026: Decimal("75.01")}
    jan, feb, mar = _maaneder(D(2026, 1, 1), 3, forudsat)
    # 50 %, 75 %, 75 % are all under 75,01 %: one run of three.
    assert under_forudsat_belaegning([jan, feb, mar]) == [(jan, feb, mar)]


def test_tilgang_over_pladser_is_found_on_its_day():
    nyt = Ophold(D(2026, 2, 25))
    # 25.02.2026: A, C, D, E and the new one = 5 > 4.
    fundet = overbelaegning([*HISTORIK, nyt], nyt, PLADSER.__getitem__)
    assert (fundet.dato, fundet.belagt, fundet.pladser) == (D(2026, 2, 25), 5, 4)


def test_tilgang_on_a_free_day_is_no_overbelaegning():
    nyt = Ophold(D(2026, 3, 1))  # D's afgang day: A, C, E and the new one = 4
    assert overbelaegning([*HISTORIK, nyt], nyt, PLADSER.__getitem__) is None


def test_overbelaegning_later_in_the_first_months_is_found():
    nyt = Ophold(D(2026, 1, 20))
    # 20.01: A, C, new = 3; 10.02: + D = 4; 20.02: + E = 5 > 4.
    fundet = overbelaegning([*HISTORIK, nyt], nyt, PLADSER.__getitem__)
    assert (fundet.dato, fundet.belagt) == (D(2026, 2, 20), 5)


def test_overbelaegning_after_the_first_three_months_is_not_checked():
    nyt = Ophold(D(2025, 11, 20))
    # Checked 20.11.2025 to 19.02.2026: at most A, B/C, D and the new one = 4.
    # From 20.02.2026 (E) there would be 5, but that is the fourth month.
    assert overbelaegning([*HISTORIK, nyt], nyt, PLADSER.__getitem__) is None
    fire = overbelaegning([*HISTORIK, nyt], nyt, PLADSER.__getitem__, maaneder=4)
    assert fire.dato == D(2026, 2, 20)


def test_a_stay_ending_before_the_crowded_day_is_no_overbelaegning():
    nyt = Ophold(D(2026, 1, 20), D(2026, 2, 15))
    # Up to 14.02: A, C, D (from 10.02) and the new one = 4, not over.
    assert overbelaegning([*HISTORIK, nyt], nyt, PLADSER.__getitem__) is None


def test_plus_maaneder_crosses_the_year():
    assert plus_maaneder(D(2026, 11, 15), 2) == D(2027, 1, 1)
    assert plus_maaneder(D(2026, 1, 31), 0) == D(2026, 1, 1)
