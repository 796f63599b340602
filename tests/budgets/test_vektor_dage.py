"""vektor.dage_gange_vaerdi: Σ days of a row's interval in each month × its
value per day, per row index (issue 16 #3: the vectorised engine's monthly sums
without a rows × 12 array). Checked on rows worked by hand and against a count
day by day over random rows."""

from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from budgets.engine.vektor import dage_gange_vaerdi


def _dag(d: date) -> int:
    return d.toordinal()


def _summer(raekker: list[tuple[int, date, date, int, int]], antal: int, aar: int):
    a = np.array(
        [(r, _dag(s), _dag(e), v, w) for r, s, e, v, w in raekker], dtype=np.int64
    ).reshape(-1, 5)
    return dage_gange_vaerdi(a[:, 0], a[:, 1], a[:, 2], a[:, 3:], antal, aar)


def test_rows_worked_by_hand():
    ud = _summer(
        [
            # Row 0: 10 January to 5 February 2026 at 100 øre and 7 øre a day:
            # January 10-31 = 22 days, February 1-5 = 5 days.
            (0, date(2026, 1, 10), date(2026, 2, 5), 100, 7),
            # Row 0 again: 20 December 2025 to 2 January 2026 at 1,000 øre:
            # only 1-2 January count (2 days).
            (0, date(2025, 12, 20), date(2026, 1, 2), 1000, 0),
            # Row 1: 28 December 2026 to 10 January 2027 (open past the year):
            # December 28-31 = 4 days at 50 øre.
            (1, date(2026, 12, 28), date(2027, 1, 10), 50, 1),
            # Row 1: the whole of February 2026 (28 days) at -3 øre.
            (1, date(2026, 2, 1), date(2026, 2, 28), -3, 0),
            # Row 1: ends before it starts: no day.
            (1, date(2026, 3, 5), date(2026, 3, 4), 999, 999),
            # Row 2: wholly in 2025: no day of 2026.
            (2, date(2025, 3, 1), date(2025, 11, 30), 5, 5),
        ],
        antal=3,
        aar=2026,
    )
    assert ud.shape == (3, 12, 2)
    # January: 22 × 100 + 2 × 1,000 = 4,200; second value 22 × 7 = 154.
    assert ud[0, 0].tolist() == [4200, 154]
    # February: 5 × 100 = 500; 5 × 7 = 35.
    assert ud[0, 1].tolist() == [500, 35]
    assert ud[0, 2:].sum() == 0
    # February 28 × -3 = -84; December 4 × 50 = 200 and 4 × 1 = 4.
    assert ud[1, 1].tolist() == [-84, 0]
    assert ud[1, 11].tolist() == [200, 4]
    assert ud[1].sum() == -84 + 200 + 4
    assert not ud[2].any()


def test_a_leap_year_february_and_a_whole_year():
    # 2024: February has 29 days; the whole year 366 days at 1 øre.
    ud = _summer([(0, date(2023, 6, 1), date(2025, 6, 1), 1, 2)], antal=1, aar=2024)
    assert ud[0, :, 0].tolist() == [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    assert ud[0, :, 0].sum() == 366
    assert ud[0, :, 1].sum() == 2 * 366


def test_no_rows():
    tom = np.empty(0, dtype=np.int64)
    ud = dage_gange_vaerdi(tom, tom, tom, np.empty((0, 1), np.int64), 2, 2026)
    assert ud.shape == (2, 12, 1)
    assert not ud.any()


AAR = 2024  # a leap year: February's 29th is a boundary too
NYTAAR = date(AAR, 1, 1)

raekke = st.tuples(
    st.integers(0, 2),  # row index
    st.integers(-40, 400),  # first day, from 1 January
    st.integers(-5, 400),  # days to the last day (negative: no day)
    st.integers(-(10**9), 10**9),  # value per day
)


@settings(max_examples=200, deadline=None)
@given(st.lists(raekke, max_size=12))
def test_equals_a_count_day_by_day(raekker):
    forventet = np.zeros((3, 12, 1), dtype=np.int64)
    for r, fra, laengde, v in raekker:
        for i in range(laengde + 1):
            d = NYTAAR + timedelta(days=fra + i)
            if d.year == AAR:
                forventet[r, d.month - 1, 0] += v
    ud = _summer(
        [
            (r, NYTAAR + timedelta(fra), NYTAAR + timedelta(fra + laengde), v, 0)
            for r, fra, laengde, v in raekker
        ],
        antal=3,
        aar=AAR,
    )
    assert ud[:, :, :1].tolist() == forventet.tolist()
