"""Key figures of one tilbud for the central budgetmodel (DOMAIN.md §7).

Ratios (helårspersoner, belægning, forbrugsprocent) are kept unrounded: they are
not money, so round_to_oere does not apply, and display rounds them.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from budgets.engine.bidrag import (
    indplacering_paa,
    med_genindflytning,
    segmenter,
    tillaeg_perioder,
)
from budgets.engine.grundlag import (
    Ophold,
    Periode,
    Prisliste,
    Prisperiode,
    TilbudGrundlag,
)
from budgets.engine.perioder import (
    MAANEDER,
    NUL,
    Aarstotaler,
    Maanedsbeloeb,
    Maanedstal,
    aarstotal,
    dagen_foer,
    hverdage,
    i_aaret,
    indenfor,
    overlap_days,
    sidste_dag,
)
from budgets.engine.tilbud import TilbudBudget
from tariffs.engine import HUNDREDE, dage_i_aaret


@dataclass(frozen=True)
class Noegletal(Aarstotaler):
    """DOMAIN.md §7 for one tilbud in a year, or the sum of several (Central).

    Per month: index 0 = January. ``forbrug`` is None for a month without actuals.
    ``forventet_regnskab_maaneder`` is the month's forbrug if it has actuals,
    otherwise its korrigeret budget (DOMAIN.md §8).
    """

    aar: int
    pladser: int
    borgere: int
    borgerdage: int
    belaegning_forudsat: Decimal | None
    borgere_pr_niveau: Mapping[str, int]
    fast: Maanedsbeloeb
    aktivitet_oprindeligt: Maanedsbeloeb
    aktivitet_korrigeret: Maanedsbeloeb
    total_oprindeligt: Maanedsbeloeb
    total_korrigeret: Maanedsbeloeb
    forbrug: tuple[Decimal | None, ...]
    forventet_regnskab_maaneder: Maanedsbeloeb
    solgte_pladser: int
    indtaegt_salg: Decimal
    tilgange_realiseret: int
    tilgange_forventet: int
    afgange_realiseret: int
    afgange_forventet: int
    borgere_ultimo: Maanedstal
    tilgange: Maanedstal
    afgange: Maanedstal

    @property
    def helaarspersoner(self) -> Decimal:
        """Borger-days in the tilbud / days in the year."""
        return Decimal(self.borgerdage) / dage_i_aaret(self.aar)

    @property
    def belaegning_realiseret(self) -> Decimal | None:
        """Helårspersoner / pladser × 100; None without pladser."""
        if not self.pladser:
            return None
        return self.helaarspersoner / self.pladser * HUNDREDE

    @property
    def forbrug_til_dato(self) -> Decimal:
        return sum((f for f in self.forbrug if f is not None), NUL)

    @property
    def maaneder_med_forbrug(self) -> tuple[int, ...]:
        """The months with actuals (0 = January): the period forbrug covers."""
        return tuple(m for m, f in enumerate(self.forbrug) if f is not None)

    def forbrugsprocent_for(self, maaneder: Iterable[int]) -> Decimal | None:
        """Forbrug / korrigeret budget of the months × 100; None if that is 0."""
        maaneder = tuple(maaneder)
        budget = sum((self.total_korrigeret[m] for m in maaneder), NUL)
        if not budget:
            return None
        forbrug = sum((self.forbrug[m] or NUL for m in maaneder), NUL)
        return forbrug / budget * HUNDREDE

    @property
    def forbrugsprocent_periode(self) -> Decimal | None:
        """DOMAIN.md §7 as the sources define it: forbrug to date / the korrigeret
        budget of the same months (those with actuals) × 100; None if that is 0."""
        return self.forbrugsprocent_for(self.maaneder_med_forbrug)

    @property
    def forbrugsprocent_aar(self) -> Decimal | None:
        """Forbrug to date / korrigeret budget of the whole year × 100; None if 0."""
        if not self.total_korrigeret_aar:
            return None
        return self.forbrug_til_dato / self.total_korrigeret_aar * HUNDREDE

    @property
    def forventet_regnskab(self) -> Decimal:
        return aarstotal(self.forventet_regnskab_maaneder)

    @property
    def afvigelse(self) -> Decimal:
        """Korrigeret budget − forventet regnskab; positive means money left."""
        return self.total_korrigeret_aar - self.forventet_regnskab


def sidste_dag_i_tilbud(ophold: Ophold) -> date | None:
    """A stay is [tilgang, afgang): the last day lived there is the day before.

    The afgang day belongs to the next stay, so an omplacering day counts once.
    """
    return None if ophold.afgang is None else dagen_foer(ophold.afgang)


def i_tilbud(ophold: Ophold, dato: date) -> bool:
    """Living in the tilbud on the date: [tilgang, afgang), not the run-off."""
    if ophold.annulleret is not None:
        return False
    return indenfor(dato, ophold.tilgang, sidste_dag_i_tilbud(ophold))


def _dage_i_tilbud(ophold: Ophold, aar: int) -> int:
    if ophold.annulleret is not None:
        return 0
    return overlap_days(
        ophold.tilgang, sidste_dag_i_tilbud(ophold), date(aar, 1, 1), date(aar, 12, 31)
    )


def borgere_pr_niveau(opholdene: Iterable[Ophold], dato: date) -> dict[str, int]:
    """Borgere in the tilbud on the date by the level in force (none: left out)."""
    antal: Counter[str] = Counter()
    for ophold in opholdene:
        indplacering = indplacering_paa(ophold, dato)
        if i_tilbud(ophold, dato) and indplacering is not None:
            antal[indplacering.niveau_kode] += 1
    return dict(antal)


def _bevaegelser(
    datoer: Iterable[date], aar: int, idag: date
) -> tuple[int, int, Maanedstal]:
    """(realised ≤ idag, expected > idag, per month) of tilgange or afgange."""
    i_aaret_ = [d for d in datoer if d.year == aar]
    pr_maaned = tuple(sum(1 for d in i_aaret_ if d.month == m) for m in MAANEDER)
    realiseret = sum(1 for d in i_aaret_ if d <= idag)
    return realiseret, len(i_aaret_) - realiseret, pr_maaned


def _forbrug_pr_maaned(forbrug: Mapping[int, Decimal]) -> tuple[Decimal | None, ...]:
    if any(m not in MAANEDER for m in forbrug):
        raise ValueError("Forbrug skal angives for måned 1-12.")
    return tuple(forbrug.get(m) for m in MAANEDER)


def _forventet(
    forbrug: Sequence[Decimal | None], korrigeret: Maanedsbeloeb
) -> Maanedsbeloeb:
    """DOMAIN.md §8: forbrug where there are actuals, else korrigeret budget."""
    return tuple(
        k if f is None else f for f, k in zip(forbrug, korrigeret, strict=True)
    )


def solgt_interval(
    start: date, slut: date | None, periode: Periode, aar: int, priser: Prisperiode
) -> tuple[date, date] | None:
    """The inclusive days of the year in the financed stretch [start, slut], the
    ekstern period and the price period; None if they share none. The
    settlement with the buying municipalities (engine.afregning) prints them as
    a line's dates."""
    fra, til = periode
    start = max(d for d in (start, fra, priser.fra, date(aar, 1, 1)) if d)
    slutter = (slut, til, priser.til, date(aar, 12, 31))
    slut = min(d for d in slutter if d is not None)
    return (start, slut) if start <= slut else None


def _solgte_dage(
    start: date,
    slut: date | None,
    periode: Periode,
    aar: int,
    priser: Prisperiode,
    hverdage_: bool = False,
) -> int:
    """Days of the year in the financed stretch [start, slut], the ekstern
    period and the price period; with ``hverdage_`` (issue 17: a dagtilbud's
    place sells weekdays) only Monday to Friday."""
    interval = solgt_interval(start, slut, periode, aar, priser)
    if interval is None:
        return 0
    if hverdage_:
        return hverdage(*interval)
    return (interval[1] - interval[0]).days + 1


def indtaegt_salg(ophold: Ophold, prisliste: Prisliste, aar: int) -> Decimal:
    """DOMAIN.md §7, §9: døgntakst × the financed days in the year that are sold.

    A financed day is sold when the betalingskommune in force that day is
    another municipality; run-off days after an afgang too, by the code in force
    on each of them, at the takster in force that day (issue 13 #3). Work is
    segments × periods, never a loop over days. A tillægstakst (issue 17) is
    part of the døgntakst the buyer pays on its days.
    """
    total = NUL
    if not ophold.eksterne:
        return total
    for segment in segmenter(ophold):
        for priser in prisliste.perioder:
            dage = sum(
                _solgte_dage(
                    segment.start, segment.slut, p, aar, priser, priser.priser.hverdage
                )
                for p in ophold.eksterne
            )
            if dage:  # an old level code need not be priced in this year
                total += priser.priser.doegntakst(segment.indplacering) * dage
    for tillaeg, fra, til in tillaeg_perioder(ophold):
        for priser in prisliste.perioder:
            dage = sum(_solgte_dage(fra, til, p, aar, priser) for p in ophold.eksterne)
            if dage:
                total += priser.priser.tillaeg_pr_doegn(tillaeg) * dage
    return total


def _salg(
    opholdene: Sequence[Ophold], prisliste: Prisliste, aar: int, dag: date
) -> tuple[int, Decimal]:
    """Sold places on the day and income (døgntakst × sold financed days)."""
    solgte = sum(1 for o in opholdene if i_tilbud(o, dag) and o.ekstern_paa(dag))
    indtaegt = sum((indtaegt_salg(o, prisliste, aar) for o in opholdene), NUL)
    return solgte, indtaegt


def _borgerfelter(opholdene: Sequence[Ophold], aar: int, idag: date) -> dict:
    """The head-count figures of Noegletal: borgere, days, movements."""
    dag = i_aaret(idag, aar)
    gaeldende = [o for o in opholdene if o.annulleret is None]
    tilgange = _bevaegelser((o.tilgang for o in gaeldende), aar, idag)
    afgange = _bevaegelser((o.afgang for o in gaeldende if o.afgang), aar, idag)
    return {
        "borgere": sum(1 for o in opholdene if _dage_i_tilbud(o, aar)),
        "borgerdage": sum(_dage_i_tilbud(o, aar) for o in opholdene),
        "borgere_pr_niveau": borgere_pr_niveau(opholdene, dag),
        "tilgange_realiseret": tilgange[0],
        "tilgange_forventet": tilgange[1],
        "tilgange": tilgange[2],
        "afgange_realiseret": afgange[0],
        "afgange_forventet": afgange[1],
        "afgange": afgange[2],
        "borgere_ultimo": tuple(
            sum(1 for o in opholdene if i_tilbud(o, ultimo))
            for ultimo in (sidste_dag(aar, m) for m in MAANEDER)
        ),
    }


def _budgetfelter(budget: TilbudBudget, forbrug: Mapping[int, Decimal]) -> dict:
    """The money figures of Noegletal, taken from the tilbud's budget."""
    pr_maaned = _forbrug_pr_maaned(forbrug)
    return {
        "fast": budget.fast,
        "aktivitet_oprindeligt": budget.aktivitet_oprindeligt,
        "aktivitet_korrigeret": budget.aktivitet_korrigeret,
        "total_oprindeligt": budget.total_oprindeligt,
        "total_korrigeret": budget.total_korrigeret,
        "forbrug": pr_maaned,
        "forventet_regnskab_maaneder": _forventet(pr_maaned, budget.total_korrigeret),
    }


def noegletal(
    tilbud: TilbudGrundlag,
    opholdene: Sequence[Ophold],
    prisliste: Prisliste,
    budget: TilbudBudget,
    forbrug: Mapping[int, Decimal],
    aar: int,
    idag: date,
) -> Noegletal:
    """DOMAIN.md §7: one tilbud's key figures in the year, as seen on ``idag``.

    ``forbrug`` maps month 1-12 to actuals; a month without an entry has none.
    Counts "on idag" use idag clamped into the year.
    """
    opholdene = med_genindflytning(opholdene)
    solgte, indtaegt = _salg(opholdene, prisliste, aar, i_aaret(idag, aar))
    return Noegletal(
        aar=aar,
        pladser=tilbud.pladser,
        belaegning_forudsat=tilbud.forudsat_belaegning,
        solgte_pladser=solgte,
        indtaegt_salg=indtaegt,
        **_borgerfelter(opholdene, aar, idag),
        **_budgetfelter(budget, forbrug),
    )


@dataclass(frozen=True)
class Periodetal:
    """Of last year, what the forbrugsprocent of the same period (§7) reads:
    the korrigeret budget and the forbrug by month (None: no actuals)."""

    total_korrigeret: Maanedsbeloeb
    forbrug: tuple[Decimal | None, ...]

    forbrugsprocent_for = Noegletal.forbrugsprocent_for  # the same rule


def forbrugsprocent_samme_periode(
    nu: Noegletal, sidste_aar: Noegletal | Periodetal | None
) -> Decimal | None:
    """DOMAIN.md §7: last year's forbrugsprocent for the months ``nu`` has actuals.

    None without last year's figures (no takstmodel or budget), without actuals
    this year, when a month of the period has no actuals last year (then it is
    not the same period), or when last year's budget of the period is 0.
    """
    maaneder = nu.maaneder_med_forbrug
    if sidste_aar is None or not maaneder:
        return None
    if any(sidste_aar.forbrug[m] is None for m in maaneder):
        return None
    return sidste_aar.forbrugsprocent_for(maaneder)
