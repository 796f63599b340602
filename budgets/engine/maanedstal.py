"""One tilbud's central-model figures split by month, as they are stored (§7).

The stored table (budgets.models.Maanedstal) keeps, per tilbud, year and month,
every figure of Noegletal that does not depend on the day it is read, split so
that the year's figure is the sum of its months (SUM … GROUP BY). What depends
on "today" (head counts on the day, realised tilgange and afgange, forbrug and
forventet regnskab) is read with the rows and added here (``noegletal_af``).

Nothing is computed in another way than the engine does: the budget's months are
TilbudBudget's own; a borger's days and a sold day's income are split by the
month they fall in, so the months sum exactly to Noegletal's year figures.
"""

import dataclasses
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from operator import add

from budgets.engine.bidrag import med_genindflytning
from budgets.engine.grundlag import Ophold, Periode, Prisliste, TilbudGrundlag
from budgets.engine.noegletal import Noegletal, indtaegt_salg, sidste_dag_i_tilbud
from budgets.engine.perioder import (
    NUL,
    Maanedsbeloeb,
    Maanedstal,
    dage_pr_maaned,
    maaned_perioder,
)
from budgets.engine.tilbud import TilbudBudget

NUL_TAL: Maanedstal = (0,) * 12


@dataclass(frozen=True)
class Maaneder:
    """One tilbud's stored figures for a year, 12 months each (index 0 = January).

    Amounts are TilbudBudget's fields (``overkapacitet_korrigeret`` is its
    ``overkapacitet``) and the income of the month's sold days. ``borgere_nye``:
    the borgere whose first day in the tilbud in the year lies in the month.
    """

    fast: Maanedsbeloeb
    fast_oprindeligt: Maanedsbeloeb
    aktivitet_oprindeligt: Maanedsbeloeb
    aktivitet_korrigeret: Maanedsbeloeb
    overkapacitet_oprindeligt: Maanedsbeloeb
    overkapacitet_korrigeret: Maanedsbeloeb
    forudsat_aktivitet: Maanedsbeloeb
    faktisk_aktivitet: Maanedsbeloeb
    service_korrigeret: Maanedsbeloeb
    indtaegt_salg: Maanedsbeloeb
    borgere_nye: Maanedstal
    borgerdage: Maanedstal
    borgere_ultimo: Maanedstal
    tilgange: Maanedstal
    afgange: Maanedstal

    # TilbudBudget's sums; kept once computed (1,500 tilbud are read at a time).
    @functools.cached_property
    def total_oprindeligt(self) -> Maanedsbeloeb:
        """fast + aktivitet + overkapacitet, oprindeligt, per month (a vedtaget
        year's fast as adopted: TilbudBudget.fast_oprindeligt)."""
        aktivitet = map(add, self.aktivitet_oprindeligt, self.overkapacitet_oprindeligt)
        return tuple(map(add, self.fast_oprindeligt, aktivitet))

    @functools.cached_property
    def total_korrigeret(self) -> Maanedsbeloeb:
        """fast + aktivitet + overkapacitet, korrigeret, per month."""
        aktivitet = map(add, self.aktivitet_korrigeret, self.overkapacitet_korrigeret)
        return tuple(map(add, self.fast, aktivitet))


KOLONNER = tuple(f.name for f in dataclasses.fields(Maaneder))
BELOEB = KOLONNER[:10]
ANTAL = KOLONNER[10:]


def _i_tilbud_pr_maaned(ophold: Ophold, aar: int) -> Maanedstal | None:
    """Days lived in the tilbud ([tilgang, afgang)) per month; None: none."""
    if ophold.annulleret is not None:
        return None
    return dage_pr_maaned(ophold.tilgang, sidste_dag_i_tilbud(ophold), aar)


def _borgere(opholdene: Sequence[Ophold], aar: int) -> tuple[Maanedstal, Maanedstal]:
    """(borgere_nye, borgerdage) per month: Noegletal's borgere and borgerdage
    split by the month of each stay's first day in the year and by each day."""
    nye, dage = [0] * 12, [0] * 12
    for ophold in opholdene:
        pr_maaned = _i_tilbud_pr_maaned(ophold, aar)
        if pr_maaned is None:
            continue
        nye[max(ophold.tilgang, date(aar, 1, 1)).month - 1] += 1
        for m, d in enumerate(pr_maaned):
            dage[m] += d
    return tuple(nye), tuple(dage)


def i_maaneden(perioder: Sequence[Periode], foerste: date, sidste: date) -> tuple:
    """The periods cut to one month."""
    skaaret = []
    for fra, til in perioder:
        start, slut = max(fra, foerste), sidste if til is None else min(til, sidste)
        if start <= slut:
            skaaret.append((start, slut))
    return tuple(skaaret)


def _indtaegt(
    opholdene: Sequence[Ophold], prisliste: Prisliste, aar: int
) -> Maanedsbeloeb:
    """Noegletal's indtaegt_salg by the month of each sold day: the engine's own
    rule with the sold periods cut to the month (a day is in one month only)."""
    pr_maaned = [NUL] * 12
    for ophold in opholdene:
        if not ophold.eksterne:
            continue
        for m, (foerste, sidste) in enumerate(maaned_perioder(aar)):
            eksterne = i_maaneden(ophold.eksterne, foerste, sidste)
            if eksterne:
                skaaret = dataclasses.replace(ophold, eksterne=eksterne)
                pr_maaned[m] += indtaegt_salg(skaaret, prisliste, aar)
    return tuple(pr_maaned)


def maaneder_af(
    budget: TilbudBudget,
    noegletal: Noegletal,
    opholdene: Sequence[Ophold],
    prisliste: Prisliste,
) -> Maaneder:
    """The stored months of a tilbud's year, from the engine's results for it.

    ``noegletal``'s monthly head counts do not depend on its day.
    """
    opholdene = med_genindflytning(opholdene)
    nye, dage = _borgere(opholdene, budget.aar)
    return Maaneder(
        fast=budget.fast,
        fast_oprindeligt=budget.fast_oprindeligt,
        aktivitet_oprindeligt=budget.aktivitet_oprindeligt,
        aktivitet_korrigeret=budget.aktivitet_korrigeret,
        overkapacitet_oprindeligt=budget.overkapacitet_oprindeligt,
        overkapacitet_korrigeret=budget.overkapacitet,
        forudsat_aktivitet=budget.forudsat_aktivitet,
        faktisk_aktivitet=budget.faktisk_aktivitet,
        service_korrigeret=budget.service_korrigeret,
        indtaegt_salg=_indtaegt(opholdene, prisliste, budget.aar),
        borgere_nye=nye,
        borgerdage=dage,
        borgere_ultimo=noegletal.borgere_ultimo,
        tilgange=noegletal.tilgange,
        afgange=noegletal.afgange,
    )


@dataclass(frozen=True)
class Idagtal:
    """The figures that depend on the day they are read (read in SQL).

    Head counts on the day (clamped into the year) and the tilgange and afgange
    of the year up to and including the day.
    """

    borgere_pr_niveau: Mapping[str, int] = field(default_factory=dict)
    solgte_pladser: int = 0
    tilgange_realiseret: int = 0
    afgange_realiseret: int = 0


def _forventet(
    forbrug: Sequence[Decimal | None], korrigeret: Maanedsbeloeb
) -> Maanedsbeloeb:
    """DOMAIN.md §8: forbrug where there are actuals, else korrigeret budget."""
    return tuple(
        k if f is None else f for f, k in zip(forbrug, korrigeret, strict=True)
    )


def noegletal_af(
    aar: int,
    pladser: int,
    belaegning_forudsat: Decimal | None,
    maaneder: Maaneder,
    forbrug: tuple[Decimal | None, ...],
    idag: Idagtal,
    forventet: Maanedsbeloeb | None = None,
) -> Noegletal:
    """Noegletal (§7) from the stored months and the figures read at request time.

    ``forventet``: the forventet regnskab per month when summed over several
    tilbud already (each tilbud's forbrug or budget, then summed); else it is
    this tilbud's.
    """
    korrigeret = maaneder.total_korrigeret
    return Noegletal(
        aar=aar,
        pladser=pladser,
        borgere=sum(maaneder.borgere_nye),
        borgerdage=sum(maaneder.borgerdage),
        belaegning_forudsat=belaegning_forudsat,
        borgere_pr_niveau=dict(idag.borgere_pr_niveau),
        fast=maaneder.fast,
        aktivitet_oprindeligt=maaneder.aktivitet_oprindeligt,
        aktivitet_korrigeret=maaneder.aktivitet_korrigeret,
        total_oprindeligt=maaneder.total_oprindeligt,
        total_korrigeret=korrigeret,
        forbrug=forbrug,
        forventet_regnskab_maaneder=(
            _forventet(forbrug, korrigeret) if forventet is None else forventet
        ),
        solgte_pladser=idag.solgte_pladser,
        indtaegt_salg=sum(maaneder.indtaegt_salg, NUL),
        tilgange_realiseret=idag.tilgange_realiseret,
        tilgange_forventet=sum(maaneder.tilgange) - idag.tilgange_realiseret,
        afgange_realiseret=idag.afgange_realiseret,
        afgange_forventet=sum(maaneder.afgange) - idag.afgange_realiseret,
        borgere_ultimo=maaneder.borgere_ultimo,
        tilgange=maaneder.tilgange,
        afgange=maaneder.afgange,
    )


def tilbud_noegletal(
    grundlag: TilbudGrundlag,
    aar: int,
    maaneder: Maaneder,
    forbrug: Mapping[int, Decimal],
    idag: Idagtal,
) -> Noegletal:
    """One tilbud's Noegletal; ``forbrug`` maps month 1-12 to its actuals."""
    pr_maaned = tuple(forbrug.get(m) for m in range(1, 13))
    return noegletal_af(
        aar, grundlag.pladser, grundlag.forudsat_belaegning, maaneder, pr_maaned, idag
    )


def nul_maaneder() -> Maaneder:
    """The months of no tilbud (a sum's start)."""
    return Maaneder(**{k: (NUL,) * 12 for k in BELOEB}, **{k: NUL_TAL for k in ANTAL})


def summer(maaneder: Sequence[Maaneder]) -> Maaneder:
    """Month by month sums of several tilbud's months."""
    felter = {
        k: tuple(sum(v) for v in zip(*(getattr(m, k) for m in maaneder), strict=True))
        for k in KOLONNER
    }
    return dataclasses.replace(nul_maaneder(), **felter) if maaneder else nul_maaneder()
