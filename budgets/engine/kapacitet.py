"""Capacity: occupied and free places by day and by month (issue 19 #3).

A stay occupies one place on each day of [tilgang, afgang) (DOMAIN.md §8): on
the afgang day the place is free again, and a registered future tilgang or
afgang counts from its day. Every stay is one place, whatever its pladsandel
(a half dagtilbud place still takes a chair).

Choices, documented here once:

* **Ledige pladser in a month** are the places free on *every* day of it:
  pladser − the highest occupancy on any day of the month. A place that is
  taken for a week in the middle of the month is not free to promise; a
  negative figure means the month is over-occupied.
* **Belægning of a month** is the average occupancy (the sum of the occupied
  places of each day ÷ the month's days) ÷ pladser × 100, as the budget's
  forudsat belægning means it (DOMAIN.md §4: belægningsdøgn).
* **Under forudsat belægning** is a run of at least two consecutive months whose
  belægning is strictly below the year's forudsat belægning.
* **Overbelægning at a tilgang**: some day in the stay's first
  ``OVERBELAEGNING_MAANEDER`` months (from the tilgang day to the day before the
  same date that many months later) with more stays than pladser.

Pure (STYLE.md 2.1): dates in, numbers out; the year's pladser and forudsat
belægning are given per year, "today" is an argument.
"""

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

# "The stay's first months" that a tilgang is checked against the pladser in.
OVERBELAEGNING_MAANEDER = 3
# Consecutive months under forudsat belægning before it is said.
MAANEDER_UNDER = 2


class Periode(Protocol):
    tilgang: datetime.date
    afgang: datetime.date | None


@dataclass(frozen=True)
class Ophold:
    tilgang: datetime.date
    afgang: datetime.date | None = None


@dataclass(frozen=True)
class Maanedskapacitet:
    """One month of a tilbud: ``maaned`` is its first day."""

    maaned: datetime.date
    pladser: int
    hoejeste_belaegning: int
    belaegningsdoegn: int
    dage: int
    forudsat_belaegning: Decimal

    @property
    def ledige(self) -> int:
        """Places free on every day of the month (negative: over-occupied)."""
        return self.pladser - self.hoejeste_belaegning

    @property
    def gennemsnit(self) -> Decimal:
        """Average occupied places (unrounded)."""
        return Decimal(self.belaegningsdoegn) / Decimal(self.dage)

    @property
    def belaegning(self) -> Decimal:
        """Belægning in per cent of pladser (unrounded)."""
        return self.gennemsnit / Decimal(self.pladser) * 100

    @property
    def under_forudsat(self) -> bool:
        return self.belaegning < self.forudsat_belaegning


@dataclass(frozen=True)
class Overbelaegning:
    """The first day a tilgang would put more borgere in the tilbud than pladser."""

    dato: datetime.date
    belagt: int
    pladser: int


def plus_maaneder(dato: datetime.date, antal: int) -> datetime.date:
    """The first of the month ``antal`` months after ``dato``'s month."""
    indeks = dato.year * 12 + dato.month - 1 + antal
    return datetime.date(indeks // 12, indeks % 12 + 1, 1)


def daglig_belaegning(
    ophold: Iterable[Periode], fra: datetime.date, til: datetime.date
) -> list[int]:
    """Occupied places on each day of [fra, til), counted from each stay's
    start and end rather than day by day (a list of +1/−1 per day)."""
    dage = (til - fra).days
    skift = [0] * (dage + 1)
    for o in ophold:
        start = max(o.tilgang, fra)
        slut = til if o.afgang is None else min(o.afgang, til)
        if start < slut:
            skift[(start - fra).days] += 1
            skift[(slut - fra).days] -= 1
    belagt, resultat = 0, []
    for aendring in skift[:dage]:
        belagt += aendring
        resultat.append(belagt)
    return resultat


def belagte_pladser(ophold: Iterable[Periode], dato: datetime.date) -> int:
    """Stays that occupy a place on ``dato``."""
    return daglig_belaegning(ophold, dato, dato + datetime.timedelta(days=1))[0]


def maanedens_kapacitet(
    ophold: Sequence[Periode],
    maaned: datetime.date,
    pladser: int,
    forudsat_belaegning: Decimal,
) -> Maanedskapacitet:
    dage = daglig_belaegning(ophold, maaned, plus_maaneder(maaned, 1))
    return Maanedskapacitet(
        maaned=maaned,
        pladser=pladser,
        hoejeste_belaegning=max(dage),
        belaegningsdoegn=sum(dage),
        dage=len(dage),
        forudsat_belaegning=forudsat_belaegning,
    )


def kapacitet_pr_maaned(
    ophold: Sequence[Periode],
    fra: datetime.date,
    antal: int,
    pladser: Mapping[int, int],
    forudsat_belaegning: Mapping[int, Decimal],
) -> list[Maanedskapacitet]:
    """``antal`` months from ``fra``'s month; pladser and forudsat belægning by
    year (a month lies in one year, so its year's settings apply)."""
    maaneder = [plus_maaneder(fra, i) for i in range(antal)]
    return [
        maanedens_kapacitet(ophold, m, pladser[m.year], forudsat_belaegning[m.year])
        for m in maaneder
    ]


def under_forudsat_belaegning(
    maaneder: Sequence[Maanedskapacitet], mindst: int = MAANEDER_UNDER
) -> list[tuple[Maanedskapacitet, ...]]:
    """The runs of at least ``mindst`` consecutive months under forudsat
    belægning, oldest first. ``maaneder`` are consecutive months."""
    perioder, loeb = [], []
    for m in [*maaneder, None]:
        if m is not None and m.under_forudsat:
            loeb.append(m)
            continue
        if len(loeb) >= mindst:
            perioder.append(tuple(loeb))
        loeb = []
    return perioder


def overbelaegning(
    ophold: Sequence[Periode],
    nyt: Periode,
    pladser: Callable[[int], int],
    maaneder: int = OVERBELAEGNING_MAANEDER,
) -> Overbelaegning | None:
    """The first day in ``nyt``'s first ``maaneder`` months on which the
    stays (``ophold``, which holds ``nyt``) outnumber the year's ``pladser``."""
    fra = nyt.tilgang
    til = _samme_dag_senere(fra, maaneder)
    if nyt.afgang is not None:
        til = min(til, nyt.afgang)
    for i, belagt in enumerate(daglig_belaegning(ophold, fra, til)):
        dato = fra + datetime.timedelta(days=i)
        if belagt > pladser(dato.year):
            return Overbelaegning(dato=dato, belagt=belagt, pladser=pladser(dato.year))
    return None


def _samme_dag_senere(dato: datetime.date, maaneder: int) -> datetime.date:
    """The same day ``maaneder`` months later (the month's last day if shorter)."""
    foerste = plus_maaneder(dato, maaneder)
    naeste = plus_maaneder(foerste, 1)
    sidste_dag = (naeste - datetime.timedelta(days=1)).day
    return foerste.replace(day=min(dato.day, sidste_dag))
