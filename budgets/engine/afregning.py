"""The monthly settlement with the buying municipalities (issue 18 #1).

A sold place (DOMAIN.md §9) is billed to the betalingskommune in force on each
financed day, at the døgntakst (basistakst + servicetakst of the level in force,
a særtakst from its own hours; a closed year's efterregulering line in the
basistakst part, issue 18 #3) of that day. The days and prices are the sales
income's own (noegletal.indtaegt_salg): the same segments (bidrag.segmenter), the
same price periods (Prisliste.perioder) and the same interval
(noegletal.solgt_interval), so with the default run-off a tilbud's settlement
summed over the year is its indtaegt_salg to the øre.

A line is one borger × one kommune × one stretch of days with one level and one
set of takster: a level or takst change within the month makes two lines. Money
is never rounded here: each døgntakst is already rounded to øre (DOMAIN.md §4),
and a line's amount is døgntakst × whole days, so it is exact in øre.

Pure: the standard library and other engines only.
"""

import dataclasses
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from budgets.engine.bidrag import Segment, segmenter, tillaeg_perioder
from budgets.engine.grundlag import Ophold, Periode, Prisliste, Tillaeg
from budgets.engine.maanedstal import i_maaneden
from budgets.engine.noegletal import sidste_dag_i_tilbud, solgt_interval
from budgets.engine.perioder import (
    NUL,
    hverdage,
    maaned_perioder,
    perioder_hvor,
    sidste_dag,
)


class Afloeb:
    """The run-off rule for sold places after an afgang (a setting).

    ``MAANED_PLUS_1`` is the activity budget's (DOMAIN.md §6, bidrag.
    finansieret_slut): billed through the last day of the month after the afgang
    month. ``AFGANG`` bills the days lived there only: through the day before the
    afgang.
    """

    MAANED_PLUS_1 = "maaned_plus_1"
    AFGANG = "afgang"
    TEKST = {
        MAANED_PLUS_1: (
            "Efter en afgang afregnes pladsen resten af afgangsmåneden og den "
            "følgende måned (som aktivitetsbudgettet)."
        ),
        AFGANG: "Pladsen afregnes til og med dagen før afgangen.",
    }
    ALLE = tuple(TEKST)


@dataclass(frozen=True)
class Salgsophold:
    """One stay and the periods each other municipality pays for the borger.

    ``kommuner`` maps a kommunekode to its inclusive periods (``til`` None:
    open); see ``kommuneperioder``. ``ophold`` has its genindflytning set
    (bidrag.med_genindflytning), as the sales income's has.
    """

    ophold: Ophold
    tilbud_id: int
    tilbud: str
    kommuner: Mapping[str, tuple[Periode, ...]]


@dataclass(frozen=True)
class Afregningslinje:
    kommunekode: str
    tilbud_id: int
    tilbud: str
    ophold_id: int
    borger: str  # already masked
    fra: date
    til: date
    niveau_kode: str
    saertakst_timer: Decimal | None
    basistakst: Decimal
    servicetakst: Decimal
    # A tillægstakst's own line (issue 17): its reason; basistakst 0 and the
    # tillæg per døgn as the servicetakst, so the amount is tillæg × days.
    tillaeg: str | None = None
    # A dagtilbud's place is paid for its weekdays (issue 17, engine.dagspris).
    hverdage: bool = False
    # Issue 18 #3: a closed year's resultat carried into this year's takst, per
    # døgn (Prisliste.efterregulering): part of the døgntakst, so the buyer
    # pays it (negative: an overskud is paid back). Its own column, as its own
    # line on the takstblad; 0 on a tillæg's line.
    efterregulering_pr_doegn: Decimal = NUL

    @property
    def dage(self) -> int:
        if self.hverdage:
            return hverdage(self.fra, self.til)
        return (self.til - self.fra).days + 1

    @property
    def doegntakst(self) -> Decimal:
        """DOMAIN.md §4: basistakst + servicetakst (each rounded to øre), with
        the efterregulering line in the basistakst part."""
        return self.basistakst + self.efterregulering_pr_doegn + self.servicetakst

    @property
    def beloeb(self) -> Decimal:
        return self.doegntakst * self.dage


@dataclass(frozen=True)
class Efterreguleringslinje:
    """The difference of an invoiced month (``aar``, ``maaned``) for one borger:
    what the month's lines come to now, less what was invoiced for it and what
    earlier efterreguleringer of it already invoiced. Exact in øre (a sum of
    exact line amounts)."""

    kommunekode: str
    tilbud_id: int
    tilbud: str
    ophold_id: int
    borger: str  # already masked
    aar: int
    maaned: int
    beloeb: Decimal


@dataclass(frozen=True)
class Kommuneafregning:
    """One kommune's statement for a month. ``faktureret``: the lines are the
    stored ones of the invoice, not a computation."""

    kommunekode: str
    linjer: tuple[Afregningslinje, ...]
    efterreguleringer: tuple[Efterreguleringslinje, ...] = ()
    faktureret: bool = False

    @property
    def dage(self) -> int:
        return sum(linje.dage for linje in self.linjer)

    @property
    def beloeb_linjer(self) -> Decimal:
        return sum((linje.beloeb for linje in self.linjer), NUL)

    @property
    def beloeb_efterregulering(self) -> Decimal:
        return sum((e.beloeb for e in self.efterreguleringer), NUL)

    @property
    def beloeb(self) -> Decimal:
        """What the kommune is invoiced: the lines plus the efterreguleringer."""
        return self.beloeb_linjer + self.beloeb_efterregulering

    @property
    def borgere(self) -> int:
        return len({linje.ophold_id for linje in self.linjer})


@dataclass(frozen=True)
class Afregning:
    aar: int
    maaned: int
    afloeb: str
    kommuner: tuple[Kommuneafregning, ...]

    @property
    def beloeb(self) -> Decimal:
        return sum((k.beloeb for k in self.kommuner), NUL)

    @property
    def dage(self) -> int:
        return sum(k.dage for k in self.kommuner)

    def kommune(self, kommunekode: str) -> Kommuneafregning:
        """The kommune's statement; one without lines if it buys nothing."""
        for k in self.kommuner:
            if k.kommunekode == kommunekode:
                return k
        return Kommuneafregning(kommunekode, ())


def kommuneperioder(
    skift: Sequence[tuple[date, str]], egne: Collection[str]
) -> dict[str, tuple[Periode, ...]]:
    """Per other municipality, the periods its code is the betalingskommune.

    ``skift`` holds (gyldig_fra, kommunekode) sorted by date, one per date (the
    Betalingskommune rows); a code in ``egne`` is the own municipality. Each
    code's periods are perioder.perioder_hvor of "this code is in force", so
    together they are the sales income's ekstern periods, split by buyer.
    """
    koder = sorted({kode for _, kode in skift if kode not in egne})
    return {
        kode: perioder_hvor([(dato, k == kode) for dato, k in skift]) for kode in koder
    }


def afloebssegmenter(ophold: Ophold, afloeb: str) -> tuple[Segment, ...]:
    """The level segments billed under the run-off rule.

    MAANED_PLUS_1: the financed segments themselves (bidrag.segmenter). AFGANG:
    the same, cut at the last day lived there (the day before the afgang).
    """
    if afloeb not in Afloeb.ALLE:
        raise ValueError(f"Ukendt afløbsregel '{afloeb}'.")
    segmenter_ = segmenter(ophold)
    sidste = sidste_dag_i_tilbud(ophold)
    if afloeb == Afloeb.MAANED_PLUS_1 or sidste is None:
        return segmenter_
    return tuple(
        dataclasses.replace(s, slut=sidste if s.slut is None else min(s.slut, sidste))
        for s in segmenter_
        if s.start <= sidste
    )


def _linjer(
    s: Salgsophold, prisliste: Prisliste, aar: int, maaned: int, afloeb: str
) -> Iterable[Afregningslinje]:
    """The stay's lines in the month: segments × price periods × kommune
    periods, then each tillægstakst's days likewise (its own lines)."""
    foerste, sidste = maaned_perioder(aar)[maaned - 1]
    segmenter_ = afloebssegmenter(s.ophold, afloeb)
    tillaeg = _afloebstillaeg(s.ophold, afloeb)
    for kode, perioder in s.kommuner.items():
        for periode in i_maaneden(perioder, foerste, sidste):
            for priser in prisliste.perioder:
                for segment in segmenter_:
                    interval = solgt_interval(
                        segment.start, segment.slut, periode, aar, priser
                    )
                    if interval is not None:
                        yield _linje(s, kode, interval, segment, priser.priser)
                for t, start, slut in tillaeg:
                    interval = solgt_interval(start, slut, periode, aar, priser)
                    if interval is not None:
                        yield _tillaegslinje(s, kode, interval, t, priser.priser)


def _afloebstillaeg(ophold: Ophold, afloeb: str) -> list[tuple[Tillaeg, date, date]]:
    """bidrag.tillaeg_perioder under the run-off rule (as afloebssegmenter)."""
    perioder = list(tillaeg_perioder(ophold))
    sidste = sidste_dag_i_tilbud(ophold)
    if afloeb == Afloeb.MAANED_PLUS_1 or sidste is None:
        return perioder
    return [
        (t, start, sidste if slut is None else min(slut, sidste))
        for t, start, slut in perioder
        if start <= sidste
    ]


def _tillaegslinje(
    s: Salgsophold,
    kode: str,
    interval: tuple[date, date],
    tillaeg: Tillaeg,
    priser: Prisliste,
) -> Afregningslinje:
    return Afregningslinje(
        kommunekode=kode,
        tilbud_id=s.tilbud_id,
        tilbud=s.tilbud,
        ophold_id=s.ophold.id,
        borger=s.ophold.borger,
        fra=interval[0],
        til=interval[1],
        niveau_kode="",
        saertakst_timer=tillaeg.timer_pr_doegn,
        basistakst=NUL,
        servicetakst=priser.tillaeg_pr_doegn(tillaeg),
        tillaeg=tillaeg.begrundelse or "Tillægstakst",
    )


def _linje(
    s: Salgsophold,
    kode: str,
    interval: tuple[date, date],
    segment: Segment,
    priser: Prisliste,
) -> Afregningslinje:
    indplacering = segment.indplacering
    return Afregningslinje(
        kommunekode=kode,
        tilbud_id=s.tilbud_id,
        tilbud=s.tilbud,
        ophold_id=s.ophold.id,
        borger=s.ophold.borger,
        fra=interval[0],
        til=interval[1],
        niveau_kode=indplacering.niveau_kode,
        saertakst_timer=indplacering.saertakst_timer,
        basistakst=priser.basistakst,
        servicetakst=priser.servicetakst(indplacering),
        hverdage=priser.hverdage,
        efterregulering_pr_doegn=priser.efterregulering,
    )


def afregning(
    salg: Iterable[tuple[Salgsophold, Prisliste]],
    aar: int,
    maaned: int,
    afloeb: str = Afloeb.MAANED_PLUS_1,
) -> Afregning:
    """Issue 18 #1: every buying municipality's lines and totals in the month.

    ``salg`` pairs each stay with its tilbud's price list for the year. Lines
    are ordered by tilbud, borger and date; kommuner by code.
    """
    if maaned not in range(1, 13):
        raise ValueError("Måneden skal være 1-12.")
    pr_kommune: dict[str, list[Afregningslinje]] = {}
    for s, prisliste in salg:
        for linje in _linjer(s, prisliste, aar, maaned, afloeb):
            pr_kommune.setdefault(linje.kommunekode, []).append(linje)
    return Afregning(
        aar=aar,
        maaned=maaned,
        afloeb=afloeb,
        kommuner=tuple(
            Kommuneafregning(
                kode,
                tuple(sorted(linjer, key=lambda li: (li.tilbud, li.borger, li.fra))),
            )
            for kode, linjer in sorted(pr_kommune.items())
        ),
    )


# ------------------------------------------------------------ invoiced months


def efterregulering(
    kommunekode: str,
    aar: int,
    maaned: int,
    genberegnet: Iterable[Afregningslinje],
    faktureret: Iterable[Afregningslinje],
    reguleret: Iterable[Efterreguleringslinje] = (),
) -> tuple[Efterreguleringslinje, ...]:
    """An invoiced month's outstanding difference per borger (issue 18, "an
    invoiced month never moves").

    ``genberegnet``: the kommune's lines of the month as computed now;
    ``faktureret``: the lines stored when the month was invoiced; ``reguleret``:
    efterreguleringer of the month invoiced since. Per stay: now − invoiced −
    already regulated; a stay whose difference is zero gives no line. Ordered
    by tilbud and borger.
    """
    rest: dict[int, Decimal] = {}
    navne: dict[int, tuple[int, str, str]] = {}
    for fortegn, linjer in ((1, genberegnet), (-1, faktureret), (-1, reguleret)):
        for li in linjer:
            rest[li.ophold_id] = rest.get(li.ophold_id, NUL) + fortegn * li.beloeb
            navne.setdefault(li.ophold_id, (li.tilbud_id, li.tilbud, li.borger))
    ud = []
    for ophold_id, beloeb in rest.items():
        if beloeb:
            tilbud_id, tilbud, borger = navne[ophold_id]
            ud.append(
                Efterreguleringslinje(
                    kommunekode,
                    tilbud_id,
                    tilbud,
                    ophold_id,
                    borger,
                    aar,
                    maaned,
                    beloeb,
                )
            )
    return tuple(sorted(ud, key=lambda e: (e.tilbud, e.borger, e.ophold_id)))


def foregaaende_maaned(aar: int, maaned: int) -> tuple[int, int]:
    return _maaned_plus(aar, maaned, -1)


# ------------------------------------------------------------ the claim deadline


def _maaned_plus(aar: int, maaned: int, antal: int) -> tuple[int, int]:
    nr = aar * 12 + maaned - 1 + antal
    return nr // 12, nr % 12 + 1


def kravfrist(aar: int, maaned: int, frist_maaneder: int) -> date:
    """The last day to invoice the month: the end of the month ``frist_maaneder``
    months later (12: March 2026 must be invoiced by 31 March 2027)."""
    return sidste_dag(*_maaned_plus(aar, maaned, frist_maaneder))


# The warning starts this many months before the deadline.
VARSEL_MAANEDER = 3


def frist_naermer_sig(aar: int, maaned: int, frist_maaneder: int, idag: date) -> bool:
    """Whether an uninvoiced month warrants a warning on ``idag``: after the end
    of the month VARSEL_MAANEDER months before its deadline (March 2026, 12
    months: from 1 January 2027), and after the deadline too."""
    frist = frist_maaneder - VARSEL_MAANEDER
    return idag > sidste_dag(*_maaned_plus(aar, maaned, frist))


def maaneder_med_varsel(
    idag: date, frist_maaneder: int, tilbage: int = 12
) -> tuple[tuple[int, int], ...]:
    """The (year, month)s whose warning has started on ``idag`` and whose
    deadline passed at most ``tilbage`` months ago, oldest first."""
    seneste = _maaned_plus(idag.year, idag.month, VARSEL_MAANEDER - frist_maaneder)
    ud = []
    for n in range(tilbage + VARSEL_MAANEDER, -1, -1):
        aar, maaned = _maaned_plus(*seneste, -n)
        if frist_naermer_sig(aar, maaned, frist_maaneder, idag):
            ud.append((aar, maaned))
    return tuple(ud)
