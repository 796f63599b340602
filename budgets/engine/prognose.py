"""Prognose of the year for one tilbud (issue 19 #1), month by month.

"What will the year end at, and why?" Each month of the year is either behind
the prognose (it has actuals: its forbrug is what happened) or ahead of it. A
month ahead is the sum of three parts, each kept apart so a figure can explain
itself:

``kendt``
    The korrigeret budget as the registered events make it (afgange, tilgange,
    level changes already registered: DOMAIN.md §6), **phased by the tilbud's
    own seasonal profile** instead of by days: the months ahead share the
    budget of the months ahead in proportion to last year's forbrug of the same
    months (holiday pay in May and August, for instance). Without a usable
    profile (a month ahead with no or a non-positive forbrug last year) the
    budget stays phased by days, as the korrigeret budget is.

``tilgange``
    Expected tilgange from the waiting list: each with a probability, an
    expected date and the activity takst per døgn of its expected level, from
    that date (never before the prognose's day) to the end of the year:
    sandsynlighed × days × takst.

``afgange`` (negative)
    Expected afgange of the residents on the day with no registered afgang,
    from the tilbud's average length of stay L (days, of its ended stays): a
    constant rate per day, so by day t the expected share that has left is
    (t − dag) / L, capped at 1. The run-off rule holds for an expected afgang as
    for a registered one (financed through the month after its month), so a
    resident's month m is lost only by an afgang before the first day of month
    m − 1: expected loss = takst × days of m × share(first day of m − 1). The
    linear share is exact for a constant number of afgange per day; against the
    memoryless exponential 1 − e^(−t/L) it differs by at most (t/L)² / 2, under
    2 % for a year against stays of five years and more.

STU and dagtilbud (priced by a dagspris, engine.dagspris) are read the same
way: each resident's activity per day is the dagspris × pladsandel (a half
place counts half), and a dagtilbud paid by weekdays counts the weekdays of a
month (``hverdage``) where a botilbud counts its calendar days. An STU's
intake follows the school year (August): that is the waiting list's wanted
date, and its length of stay (the education's three years) is its own history.

Rounding (DOMAIN.md: money rounded once, at a documented place): each part of a
month is rounded to øre once, here; the phased budget's rounding remainder goes
to the last month ahead, so the months ahead sum to exactly the budget they
share.

Pure: the standard library, config.lib and other engines only.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from budgets.engine.bidrag import indplacering_paa
from budgets.engine.grundlag import (
    Indplacering,
    Ophold,
    Prisliste,
    TilbudGrundlag,
    Tildelingsprincip,
)
from budgets.engine.kendt import kendt_udgave
from budgets.engine.noegletal import i_tilbud
from budgets.engine.perioder import (
    NUL,
    Maanedsbeloeb,
    dage_pr_maaned,
    hverdage,
    hverdage_pr_maaned,
    maaned_perioder,
    sidste_dag,
)
from budgets.engine.tilbud import tilbud_budget
from config.lib.money import round_to_oere
from tariffs.engine import HUNDREDE

EN = Decimal(1)


@dataclass(frozen=True)
class ForventetTilgang:
    """One entry of the waiting list as the prognose reads it."""

    dato: date
    sandsynlighed: Decimal  # 0–1
    pr_doegn: Decimal  # the activity takst per døgn of the expected level
    tekst: str = ""


@dataclass(frozen=True)
class Prognosegrundlag:
    """One tilbud's inputs for the prognose of ``aar`` made on ``dag``.

    ``forbrug`` and ``sidste_aars_forbrug`` hold 12 values, None for a month
    without actuals; ``beboere`` the activity takst per døgn of each resident on
    the day with no registered afgang; ``gns_opholdsdage`` None without ended
    stays (then no afgange are expected)."""

    aar: int
    dag: date
    korrigeret: Maanedsbeloeb
    forbrug: Sequence[Decimal | None]
    sidste_aars_forbrug: Sequence[Decimal | None] = (None,) * 12
    tilgange: Sequence[ForventetTilgang] = ()
    beboere: Sequence[Decimal] = ()
    gns_opholdsdage: Decimal | None = None
    hverdage: bool = False  # a dagtilbud: the paid days are Monday–Friday


@dataclass(frozen=True)
class Prognosemaaned:
    """One month: ``faktisk`` (its forbrug) behind the prognose; ahead of it the
    three parts (module docstring)."""

    maaned: int
    faktisk: Decimal | None = None
    kendt: Decimal = NUL
    tilgange: Decimal = NUL
    afgange: Decimal = NUL

    @property
    def forude(self) -> bool:
        return self.faktisk is None

    @property
    def i_alt(self) -> Decimal:
        if self.faktisk is not None:
            return self.faktisk
        return self.kendt + self.tilgange + self.afgange


@dataclass(frozen=True)
class Prognose:
    maaneder: tuple[Prognosemaaned, ...]
    saesonprofil: bool  # the months ahead were phased by last year's forbrug

    @property
    def i_alt(self) -> Decimal:
        return sum((m.i_alt for m in self.maaneder), NUL)

    @property
    def pr_maaned(self) -> Maanedsbeloeb:
        return tuple(m.i_alt for m in self.maaneder)


def prognose(g: Prognosegrundlag) -> Prognose:
    forude = [m for m in range(12) if g.forbrug[m] is None]
    kendt, profil = _faset(g.korrigeret, g.sidste_aars_forbrug, forude)
    tilgange = _tilgange(g)
    afgange = _afgange(g)
    maaneder = tuple(
        Prognosemaaned(m + 1, faktisk=g.forbrug[m])
        if g.forbrug[m] is not None
        else Prognosemaaned(
            m + 1, kendt=kendt[m], tilgange=tilgange[m], afgange=afgange[m]
        )
        for m in range(12)
    )
    return Prognose(maaneder, profil)


def _faset(
    korrigeret: Maanedsbeloeb,
    sidste_aar: Sequence[Decimal | None],
    forude: Sequence[int],
) -> tuple[list[Decimal], bool]:
    """The korrigeret budget of the months ahead, shared by last year's profile."""
    kendt = [round_to_oere(k) for k in korrigeret]
    vaegte = [sidste_aar[m] for m in forude]
    if not forude or any(v is None or v <= 0 for v in vaegte):
        return kendt, False
    budget = sum((kendt[m] for m in forude), NUL)
    i_alt = sum(vaegte, NUL)
    for m, v in zip(forude[:-1], vaegte[:-1], strict=True):
        kendt[m] = round_to_oere(budget * v / i_alt)
    kendt[forude[-1]] = budget - sum((kendt[m] for m in forude[:-1]), NUL)
    return kendt, True


def _tilgange(g: Prognosegrundlag) -> list[Decimal]:
    result = [NUL] * 12
    pr_maaned = hverdage_pr_maaned if g.hverdage else dage_pr_maaned
    for t in g.tilgange:
        dage = pr_maaned(max(t.dato, g.dag), None, g.aar) or (0,) * 12
        for m, antal in enumerate(dage):
            result[m] += t.sandsynlighed * antal * t.pr_doegn
    return [round_to_oere(b) for b in result]


def _afgange(g: Prognosegrundlag) -> list[Decimal]:
    """Minus the residents' expected lost days (module docstring)."""
    if not g.gns_opholdsdage or not g.beboere:
        return [NUL] * 12
    pr_doegn = sum(g.beboere, NUL)
    perioder = maaned_perioder(g.aar)
    result = []
    for m, (foerste, sidste) in enumerate(perioder):
        # An afgang before the first day of the month before is past its run-off.
        graense = perioder[m - 1][0] if m else date(g.aar - 1, 12, 1)
        andel = min(EN, max(NUL, Decimal((graense - g.dag).days) / g.gns_opholdsdage))
        fra = max(foerste, g.dag)
        dage = hverdage(fra, sidste) if g.hverdage else (sidste - fra).days + 1
        # NUL − …: a month with nothing lost is 0.00, not −0.00.
        result.append(round_to_oere(NUL - pr_doegn * max(dage, 0) * andel))
    return result


def aktivitet_pr_doegn(
    tilbud: TilbudGrundlag, basistakst: Decimal, servicetakst: Decimal
) -> Decimal:
    """What one more or one less borger-day moves the tilbud's budget by
    (DOMAIN.md §6): hybrid the servicetakst, aktivitet the døgntakst dampened
    by the reguleringsandel, a ramme nothing (unrounded). ``basistakst`` is the
    døgntakst's fixed part (Prisliste.basisdel: with any efterregulering line)."""
    if tilbud.tildelingsprincip == Tildelingsprincip.HYBRID:
        return servicetakst
    if tilbud.tildelingsprincip == Tildelingsprincip.AKTIVITET:
        return (basistakst + servicetakst) * tilbud.reguleringsandel / HUNDREDE
    return NUL


def beboernes_aktivitet(
    tilbud: TilbudGrundlag,
    opholdene: Sequence[Ophold],
    prisliste: Prisliste,
    dag: date,
) -> list[Decimal]:
    """aktivitet_pr_doegn of each resident on ``dag`` with no registered afgang
    (a registered one is in the korrigeret budget already), at the level and
    takster in force that day. A tilbud priced by a dagspris (STU, dagtilbud):
    the dagspris × the resident's pladsandel (Prisliste.servicetakst)."""
    priser = prisliste.paa(dag)
    result = []
    for o in opholdene:
        if o.afgang is not None or not i_tilbud(o, dag):
            continue
        if (niveau := indplacering_paa(o, dag)) is not None:
            service = priser.servicetakst(niveau)
            result.append(aktivitet_pr_doegn(tilbud, priser.basisdel, service))
    return result


def prognose_som_kendt(
    tilbud: TilbudGrundlag,
    opholdene: Sequence[Ophold],
    prisliste: Prisliste,
    maaned: int,
    forbrug: Sequence[Decimal | None],
    sidste_aars_forbrug: Sequence[Decimal | None],
    gns_opholdsdage: Decimal | None,
) -> Prognose:
    """The prognose as it was made at the end of ``maaned`` (back-testing, issue
    19 #2): the ophold as registered by that day (kendt.kendt_udgave), the
    forbrug of the months up to and including it, the residents of that day.
    The waiting list of that day is not kept, so no expected tilgange."""
    aar = prisliste.aar
    dag = sidste_dag(aar, maaned)
    kendte = [k for o in opholdene if (k := kendt_udgave(o, dag)) is not None]
    budget = tilbud_budget(tilbud, kendte, prisliste, aar, med_ledger=False)
    return prognose(
        Prognosegrundlag(
            aar=aar,
            dag=dag,
            korrigeret=budget.total_korrigeret,
            forbrug=tuple(f if m < maaned else None for m, f in enumerate(forbrug)),
            sidste_aars_forbrug=sidste_aars_forbrug,
            beboere=beboernes_aktivitet(tilbud, kendte, prisliste, dag),
            gns_opholdsdage=gns_opholdsdage,
            hverdage=prisliste.hverdage,
        )
    )


@dataclass(frozen=True)
class Ventende:
    """A place on the waiting list as the prognose prices it: the wanted date,
    the probability in percent and the expected level's code (None: not
    assessed)."""

    dato: date
    sandsynlighed: int
    niveau_kode: str | None


def forventede_tilgange(
    tilbud: TilbudGrundlag,
    prisliste: Prisliste,
    ventende: Sequence[Ventende],
    beboere: Sequence[Decimal],
    dag: date,
) -> list[ForventetTilgang]:
    """The waiting list as expected tilgange: each at its probability from its
    wanted date, priced like a resident (aktivitet_pr_doegn) at the expected
    level's takster on the day it would come. A place without an assessed level
    (or with a særtakst level, whose hours are not known yet, or a code the
    year's model does not price) counts at the residents' average; with no
    residents either it is left out. A tilbud priced by a dagspris (STU,
    dagtilbud): a full place at the dagspris, whatever the level (the waiting
    list does not hold a pladsandel)."""
    gennemsnit = sum(beboere, NUL) / len(beboere) if beboere else None
    result = []
    for v in ventende:
        if v.dato.year > prisliste.aar:
            continue  # wanted after the year: no day in it
        fra = max(v.dato, dag)
        pr_doegn = _niveauets_aktivitet(tilbud, prisliste, v.niveau_kode, fra)
        if pr_doegn is None:
            pr_doegn = gennemsnit
        if pr_doegn is None:
            continue
        result.append(
            ForventetTilgang(v.dato, Decimal(v.sandsynlighed) / HUNDREDE, pr_doegn)
        )
    return result


def _niveauets_aktivitet(
    tilbud: TilbudGrundlag, prisliste: Prisliste, kode: str | None, dag: date
) -> Decimal | None:
    priser = prisliste.paa(dag)
    if priser.dagspris is not None:
        return aktivitet_pr_doegn(tilbud, priser.basisdel, priser.dagspris)
    if kode is None or kode not in priser.servicetakster:
        return None
    service = priser.servicetakst(Indplacering(dag, kode))
    return aktivitet_pr_doegn(tilbud, priser.basisdel, service)


@dataclass(frozen=True)
class Tilbageblik:
    """Back-testing one past month: what the prognose made ``foer`` months
    earlier said against what happened."""

    maaned: int
    foer: int
    sagt: Decimal
    skete: Decimal

    @property
    def afvigelse(self) -> Decimal:
        return self.skete - self.sagt

    @property
    def procent(self) -> Decimal | None:
        """The deviation in % of what happened (unrounded); None for a zero month."""
        return self.afvigelse / self.skete * 100 if self.skete else None


def tilbageblik(
    prognoser: dict[int, Maanedsbeloeb],
    forbrug: Sequence[Decimal | None],
    foer: Sequence[int] = (1, 3, 6),
) -> list[Tilbageblik]:
    """Each month with actuals against the prognose made ``k`` months earlier.

    ``prognoser`` maps the month a prognose was made in (1–12: at the end of
    that month) to its 12 months; a month m is compared for each k in ``foer``
    with a prognose made in month m − k (none before January: left out)."""
    result = []
    for m in range(1, 13):
        skete = forbrug[m - 1]
        if skete is None:
            continue
        for k in foer:
            if (lavet := prognoser.get(m - k)) is not None:
                result.append(Tilbageblik(m, k, lavet[m - 1], skete))
    return result


def tilbageblik_i_alt(
    pr_tilbud: Iterable[Sequence[Tilbageblik]],
) -> list[Tilbageblik]:
    """Back-testing in total (issue 19 #2): for each past month and lag, the
    sum over the tilbud of what their prognoses said against the sum of their
    forbrug. A tilbud counts in a (month, lag) when it has that pair itself (a
    month with its forbrug and a prognose made ``foer`` months before), so a
    total compares like with like. By month, then lag (as ``tilbageblik``)."""
    sagt: dict[tuple[int, int], Decimal] = {}
    skete: dict[tuple[int, int], Decimal] = {}
    for rows in pr_tilbud:
        for r in rows:
            k = (r.maaned, r.foer)
            sagt[k] = sagt.get(k, NUL) + r.sagt
            skete[k] = skete.get(k, NUL) + r.skete
    return [
        Tilbageblik(m, foer, sagt[(m, foer)], skete[(m, foer)])
        for m, foer in sorted(sagt)
    ]
