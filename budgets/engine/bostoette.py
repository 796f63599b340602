"""Bostøtte § 85: visiterede against leverede hours per month (issue 17).

The budget prices a bostøtte placement by its visiterede hours per week
(tariffs.engine.bostoette_pr_doegn, through Prisliste.servicetakst). This
module is the follow-up: per borger, tilbud and month the visiterede hours

    visiteret = Σ over the days the borger lives in the tilbud that month of
                timer pr. uge in force that day ÷ 7

(a whole month at 3 hours a week: 3 × 31 ÷ 7 = 13.2857… hours in March), set
against the hours the planning system says were delivered. The days are the
stay's [tilgang, afgang) (DOMAIN.md §8), not the financed run-off after an
afgang: no support is delivered then. Nothing is rounded here; pages, API and
export show hours with 2 decimals and the percent with 1.
"""

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

UGE = Decimal(7)
HUNDREDE = Decimal(100)


@dataclass(frozen=True)
class Visitation:
    """Visiterede hours per week from ``fra`` up to (not including) ``til``
    (None: open) for one borger in one tilbud."""

    borger_id: int
    tilbud_id: int
    fra: date
    til: date | None
    timer_pr_uge: Decimal


@dataclass(frozen=True)
class Bostoettelinje:
    """One borger (or, ``borger_id`` None, the tilbud in total) in one month."""

    tilbud_id: int
    borger_id: int | None
    aar: int
    maaned: int
    visiteret: Decimal
    leveret: Decimal | None  # None: no hours imported for the month

    @property
    def forskel(self) -> Decimal | None:
        """Leveret − visiteret: negative when less was delivered."""
        return None if self.leveret is None else self.leveret - self.visiteret

    @property
    def procent(self) -> Decimal | None:
        """The difference in % of the visiterede hours (None without either)."""
        if self.forskel is None or not self.visiteret:
            return None
        return self.forskel / self.visiteret * HUNDREDE


def visitationer(
    borger_id: int,
    tilbud_id: int,
    tilgang: date,
    afgang: date | None,
    niveauer: Sequence[tuple[date, Decimal | None]],
) -> list[Visitation]:
    """One stay's decisions (gyldig_fra, timer pr. uge; sorted, the later of two
    on one date wins) as periods inside [tilgang, afgang). A level without
    hours (decided before the tilbud was bostøtte) visits nothing."""
    result = []
    for i, (fra, timer) in enumerate(niveauer):
        til = niveauer[i + 1][0] if i + 1 < len(niveauer) else afgang
        if afgang is not None and (til is None or til > afgang):
            til = afgang
        start = max(fra, tilgang)
        if timer is None or (til is not None and til <= start):
            continue
        result.append(Visitation(borger_id, tilbud_id, start, til, timer))
    return result


def _dage(v: Visitation, foerste: date, sidste: date) -> int:
    """The days of the month [foerste, sidste] in the visitation's period."""
    slut = sidste if v.til is None else min(sidste, v.til - timedelta(days=1))
    return max(0, (slut - max(v.fra, foerste)).days + 1)


def visiterede_timer(v: Visitation, aar: int, maaned: int) -> Decimal:
    """Issue 17: timer pr. uge × days in the month ÷ 7. Unrounded."""
    foerste = date(aar, maaned, 1)
    sidste = date(aar, maaned, calendar.monthrange(aar, maaned)[1])
    return v.timer_pr_uge * _dage(v, foerste, sidste) / UGE


Noegle = tuple[int, int, int]  # tilbud_id, borger_id, maaned


def opfoelgning(
    visitationer_: Iterable[Visitation],
    leveret: Mapping[Noegle, Decimal],
    aar: int,
    maaneder: Sequence[int],
) -> list[Bostoettelinje]:
    """Per tilbud, borger and month of ``maaneder``: visiteret and leveret, a
    row wherever either is not nothing; sorted by tilbud, month and borger."""
    visiteret: dict[Noegle, Decimal] = {}
    for v in visitationer_:
        for m in maaneder:
            timer = visiterede_timer(v, aar, m)
            if timer:
                n = (v.tilbud_id, v.borger_id, m)
                visiteret[n] = visiteret.get(n, Decimal(0)) + timer
    noegler = {n for n in leveret if n[2] in maaneder} | set(visiteret)
    return [
        Bostoettelinje(
            t, b, aar, m, visiteret.get((t, b, m), Decimal(0)), leveret.get((t, b, m))
        )
        for t, b, m in sorted(noegler, key=lambda n: (n[0], n[2], n[1]))
    ]


def totaler(linjer: Iterable[Bostoettelinje]) -> list[Bostoettelinje]:
    """Per tilbud and month the sum of its borgere (borger_id None); leveret is
    None only when no borger of the month has imported hours."""
    summer: dict[tuple[int, int, int], list] = {}
    for linje in linjer:
        n = (linje.tilbud_id, linje.aar, linje.maaned)
        s = summer.setdefault(n, [Decimal(0), None])
        s[0] += linje.visiteret
        if linje.leveret is not None:
            s[1] = (s[1] or Decimal(0)) + linje.leveret
    return [
        Bostoettelinje(t, None, a, m, v, lev)
        for (t, a, m), (v, lev) in sorted(summer.items())
    ]
