"""Issue 17: visiteret vs. leveret bostøtte hours, worked by hand (no database)."""

from datetime import date
from decimal import Decimal

from budgets.engine.bostoette import (
    Bostoettelinje,
    Visitation,
    opfoelgning,
    totaler,
    visitationer,
    visiterede_timer,
)
from config.lib.money import round_half_up

MARTS = 3


def _hele_aaret(timer: str, borger: int = 1) -> Visitation:
    return Visitation(borger, 10, date(2025, 1, 1), None, Decimal(timer))


def test_3_hours_a_week_in_march_are_13_29_hours():
    # 3 × 31 ÷ 7 = 93 ÷ 7 = 13.2857… → shown 13,29.
    timer = visiterede_timer(_hele_aaret("3"), 2026, MARTS)
    assert round_half_up(timer, 2) == Decimal("13.29")


def test_11_delivered_against_13_29_is_minus_2_29_hours_and_minus_17_2_pct():
    # Forskel = 11 − 93/7 = (77 − 93)/7 = −16/7 = −2.2857… → −2,29 timer.
    # Procent = (−16/7) ÷ (93/7) × 100 = −16/93 × 100 = −17.204… → −17,2 %.
    (linje,) = opfoelgning([_hele_aaret("3")], {(10, 1, MARTS): Decimal(11)}, 2026, [3])
    assert round_half_up(linje.visiteret, 2) == Decimal("13.29")
    assert linje.leveret == Decimal(11)
    assert round_half_up(linje.forskel, 2) == Decimal("-2.29")
    assert round_half_up(linje.procent, 1) == Decimal("-17.2")


def test_a_month_without_imported_hours_has_no_difference():
    (linje,) = opfoelgning([_hele_aaret("3")], {}, 2026, [MARTS])
    assert linje.leveret is None
    assert linje.forskel is None
    assert linje.procent is None


def test_only_the_days_lived_there_count_and_a_new_decision_from_its_date():
    """Tilgang 10 March, 3 h/week; from 20 March 7 h/week; afgang 25 March (the
    afgang day is not lived there). 10–19 March: 10 days × 3 ÷ 7 = 30/7;
    20–24 March: 5 days × 7 ÷ 7 = 5. Total 30/7 + 5 = 65/7 = 9.2857… → 9,29.
    April: nothing (the stay is over; no run-off for delivered support)."""
    perioder = visitationer(
        1,
        10,
        date(2026, 3, 10),
        date(2026, 3, 25),
        [(date(2026, 3, 10), Decimal(3)), (date(2026, 3, 20), Decimal(7))],
    )
    linjer = opfoelgning(perioder, {}, 2026, [3, 4])
    assert [(linje.maaned, linje.visiteret) for linje in linjer] == [
        (3, Decimal(65) / 7)
    ]


def test_the_tilbud_total_sums_its_borgere():
    """Borger 1: 3 h/week (93/7), leveret 11; borger 2: 7 h/week (31), leveret
    30. Total visiteret 93/7 + 31 = 310/7 = 44.2857… → 44,29; leveret 41;
    forskel 41 − 310/7 = (287 − 310)/7 = −23/7 = −3.2857… → −3,29;
    procent −23/310 × 100 = −7.419… → −7,4 %."""
    linjer = opfoelgning(
        [_hele_aaret("3", 1), _hele_aaret("7", 2)],
        {(10, 1, MARTS): Decimal(11), (10, 2, MARTS): Decimal(30)},
        2026,
        [MARTS],
    )
    (total,) = totaler(linjer)
    assert total == Bostoettelinje(10, None, 2026, MARTS, Decimal(310) / 7, Decimal(41))
    assert round_half_up(total.visiteret, 2) == Decimal("44.29")
    assert round_half_up(total.forskel, 2) == Decimal("-3.29")
    assert round_half_up(total.procent, 1) == Decimal("-7.4")


def test_hours_delivered_without_a_visitation_are_shown_too():
    (linje,) = opfoelgning([], {(10, 5, MARTS): Decimal(4)}, 2026, [MARTS])
    assert (linje.borger_id, linje.visiteret, linje.forskel) == (5, 0, Decimal(4))
    assert linje.procent is None
