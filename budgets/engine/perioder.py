"""Date intervals for the budget engine (DOMAIN.md §6, §8).

Everything is interval arithmetic on inclusive dates; nothing loops over days.
An end of None means an open interval.
"""

import calendar
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

MAANEDER = range(1, 13)
# 12 values per year, index 0 = January.
Maanedsbeloeb = tuple[Decimal, ...]
Maanedstal = tuple[int, ...]
NUL = Decimal(0)
NUL_MAANEDER: Maanedsbeloeb = (NUL,) * 12


def sidste_dag(aar: int, maaned: int) -> date:
    """The last day of a month."""
    return date(aar, maaned, calendar.monthrange(aar, maaned)[1])


@lru_cache(maxsize=64)
def maaned_perioder(aar: int) -> tuple[tuple[date, date], ...]:
    """The 12 months of a year as inclusive (first, last) pairs (cached: it is hot)."""
    return tuple((date(aar, m, 1), sidste_dag(aar, m)) for m in MAANEDER)


@lru_cache(maxsize=64)
def dage_i_maaned(aar: int) -> tuple[int, ...]:
    """The number of days in each month of the year."""
    return tuple(calendar.monthrange(aar, m)[1] for m in MAANEDER)


def overlap_days(
    a_start: date, a_end: date | None, b_start: date, b_end: date | None
) -> int:
    """Days common to two inclusive intervals; an end of None is open."""
    start = max(a_start, b_start)
    ends = [end for end in (a_end, b_end) if end is not None]
    if not ends:
        raise ValueError("Mindst ét af intervallerne skal have en slutdato.")
    return max(0, (min(ends) - start).days + 1)


def dage_pr_maaned(start: date, slut: date | None, aar: int) -> Maanedstal | None:
    """Days of the inclusive interval in each month of the year; None if none.

    Only the months the interval spans are visited: work per segment is bounded by
    its months, not by the twelve of the year or its days.
    """
    fra = max(start, date(aar, 1, 1))
    til = date(aar, 12, 31) if slut is None else min(slut, date(aar, 12, 31))
    if fra > til:
        return None
    dage = [0] * 12
    perioder = maaned_perioder(aar)
    for m in range(fra.month - 1, til.month):
        foerste, sidste = perioder[m]
        dage[m] = (min(til, sidste) - max(fra, foerste)).days + 1
    return tuple(dage)


def dage_over(
    skift: Mapping[date, int],
    graense: int,
    aar: int,
    taeller: Callable[[date, date], int] | None = None,
) -> Maanedstal:
    """Days × head count above ``graense`` in each month of the year.

    ``skift`` holds head-count changes by day (+1 arrives, −1 gone from that day);
    between two change days the count is constant, so work is per change, not
    per day. ``taeller`` (e.g. ``hverdage``) counts the days of an inclusive
    interval; by default every calendar day.
    """
    dage = [0] * 12
    antal = 0
    datoer = sorted(skift)
    for dato, naeste in zip(datoer, datoer[1:], strict=False):
        antal += skift[dato]
        if antal > graense:
            pr_maaned = dage_pr_maaned(dato, dagen_foer(naeste), aar)
            if taeller is not None and pr_maaned is not None:
                pr_maaned = _tael_pr_maaned(dato, dagen_foer(naeste), aar, taeller)
            for m, d in enumerate(pr_maaned or ()):
                dage[m] += (antal - graense) * d
    return tuple(dage)


def perioder_hvor(
    skift: Sequence[tuple[date, bool]],
) -> tuple[tuple[date, date | None], ...]:
    """The inclusive periods in which a dated flag holds (``til`` None: open).

    ``skift`` holds (from-date, flag) sorted by date, one per date; before the
    first the flag is False. Example: [(1.7, True), (1.10, False)] gives
    ((1.7, 30.9),). Used for the betalingskommune (issue 13).
    """
    perioder: list[tuple[date, date | None]] = []
    start: date | None = None
    for dato, flag in skift:
        if flag and start is None:
            start = dato
        elif not flag and start is not None:
            perioder.append((start, dagen_foer(dato)))
            start = None
    if start is not None:
        perioder.append((start, None))
    return tuple(perioder)


def finansieret_til(afgang: date | None) -> date | None:
    """DOMAIN.md §6: financed through the last day of the month after afgang.

    Saturates at date.max: the forms refuse such dates, but stored data must
    never make the engine raise (an afgang in December 9999 is financed to the
    last representable day).
    """
    if afgang is None:
        return None
    if afgang.month == 12:
        if afgang.year == date.max.year:
            return date.max
        return date(afgang.year + 1, 1, 31)
    return sidste_dag(afgang.year, afgang.month + 1)


def dagen_foer(dato: date) -> date:
    """The day before (a segment ends the day before the next one starts);
    saturates at date.min."""
    return dato if dato == date.min else dato - timedelta(days=1)


def dagen_efter(dato: date) -> date:
    """The day after; saturates at date.max (the end of an open-ended count)."""
    return dato if dato == date.max else dato + timedelta(days=1)


def indenfor(dato: date, start: date, slut: date | None) -> bool:
    """Whether an inclusive interval holds the date."""
    return start <= dato and (slut is None or dato <= slut)


def i_aaret(dato: date, aar: int) -> date:
    """The date clamped into the year (for "today" outside the budget year)."""
    return min(max(dato, date(aar, 1, 1)), date(aar, 12, 31))


def maaned_sum(a: Maanedsbeloeb, b: Maanedsbeloeb) -> Maanedsbeloeb:
    """Month by month a + b."""
    return tuple(x + y for x, y in zip(a, b, strict=True))


def maaned_forskel(a: Maanedsbeloeb, b: Maanedsbeloeb) -> Maanedsbeloeb:
    """Month by month a − b."""
    return tuple(x - y for x, y in zip(a, b, strict=True))


def aarstotal(maaneder: Maanedsbeloeb) -> Decimal:
    """The year total of 12 monthly amounts."""
    return sum(maaneder, NUL)


class Aarstotaler:
    """Year totals of the monthly amounts that a budget and its key figures share.

    Needs the 12-month fields fast, aktivitet_oprindeligt, aktivitet_korrigeret,
    total_oprindeligt and total_korrigeret (fields or properties).
    """

    @property
    def fast_aar(self) -> Decimal:
        return aarstotal(self.fast)

    @property
    def aktivitet_oprindeligt_aar(self) -> Decimal:
        return aarstotal(self.aktivitet_oprindeligt)

    @property
    def aktivitet_korrigeret_aar(self) -> Decimal:
        return aarstotal(self.aktivitet_korrigeret)

    @property
    def total_oprindeligt_aar(self) -> Decimal:
        return aarstotal(self.total_oprindeligt)

    @property
    def total_korrigeret_aar(self) -> Decimal:
        return aarstotal(self.total_korrigeret)


def hverdage(start: date, slut: date) -> int:
    """Monday–Friday days in the inclusive interval (0 if empty), in O(1).

    Issue 17: a dagtilbud is paid per fremmødedag, taken as the weekdays of the
    financed period (public holidays are not subtracted). Example: June 2026
    (1 June a Monday) has 22 weekdays; 1–30 September 2025 has 22.
    """
    if slut < start:
        return 0
    dage = (slut - start).days + 1
    uger, rest = divmod(dage, 7)
    ugedag = start.weekday()  # 0 = Monday
    ekstra = sum(1 for k in range(rest) if (ugedag + k) % 7 < 5)
    return uger * 5 + ekstra


def hverdage_pr_maaned(start: date, slut: date | None, aar: int) -> Maanedstal | None:
    """dage_pr_maaned counting only Monday–Friday (issue 17, dagtilbud)."""
    return _tael_pr_maaned(start, slut, aar, hverdage)


def _tael_pr_maaned(
    start: date, slut: date | None, aar: int, taeller: Callable[[date, date], int]
) -> Maanedstal | None:
    """dage_pr_maaned with ``taeller`` counting each month's part."""
    fra = max(start, date(aar, 1, 1))
    til = date(aar, 12, 31) if slut is None else min(slut, date(aar, 12, 31))
    if fra > til:
        return None
    dage = [0] * 12
    perioder = maaned_perioder(aar)
    for m in range(fra.month - 1, til.month):
        foerste, sidste = perioder[m]
        dage[m] = taeller(max(fra, foerste), min(til, sidste))
    return tuple(dage)
