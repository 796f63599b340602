"""Each tilbud's budget model (the tilbudsspecifik budgetmodel) from one set of
reads, and the check that every code in force in the year has a price."""

import datetime
import itertools
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal

from budgets import engine
from budgets.engine.niveaukoder import koder_uden_pris
from budgets.selectors.grundlag import (
    INGEN_REGULERING,
    Aarsgrundlag,
    BudgetGrundlagMangler,
    _aarsindstillinger,
    _efterreguleringer,
    _engine_ophold,
    _faste_udgifter,
    _forbrug,
    _grundlag,
    _prisliste,
    _rammer,
    _vedtagne,
    aarsgrundlag_for,
)
from offers.models import Tilbud

TAKSTNIVEAU_UDEN_PRIS = (
    "Budgettet for {aar} kan ikke beregnes: takstniveau {koder} gælder for {antal} "
    "i {aar}, men takstmodellen for {aar} har ingen fast servicetakst for det. "
    "Økonomi retter takstmodellen for {aar} under Timepris og takster."
)


class TakstniveauUdenPris(BudgetGrundlagMangler):
    """A code in force in the year has no price in the year's takstmodel: data
    from before tariffs.services refused such a model, or written around it."""


@dataclass(frozen=True)
class TilbudResultat:
    tilbud: Tilbud
    grundlag: engine.TilbudGrundlag
    prisliste: engine.Prisliste
    opholdene: tuple[engine.Ophold, ...]
    budget: engine.TilbudBudget
    noegletal: engine.Noegletal


def tilbud_resultater(
    tilbud_list: Iterable[Tilbud],
    aar: int,
    idag: datetime.date,
    *,
    med_ledger: bool = True,
) -> list[TilbudResultat]:
    """The tilbudsspecifik budgetmodel of each tilbud, from one set of reads."""
    return tilbud_resultater_med(tilbud_list, aarsgrundlag_for(aar), idag, med_ledger)


def tilbud_resultat(tilbud: Tilbud, aar: int, idag: datetime.date) -> TilbudResultat:
    (resultat,) = tilbud_resultater([tilbud], aar, idag)
    return resultat


def koder_uden_pris_i_aaret(
    aar: int, prissatte: Collection[str]
) -> dict[str, tuple[str, ...]]:
    """The codes in force on a financed day of ``aar`` in any tilbud that
    ``prissatte`` lacks, with the masked borgere on them (tariffs.services
    refuses a takstmodel that would leave one)."""
    ids = list(Tilbud.objects.values_list("pk", flat=True))
    opholdene = _engine_ophold(ids, aar).values()
    return koder_uden_pris(itertools.chain(*opholdene), prissatte, aar)


def _kraev_priser(
    opholdene: Iterable[list[engine.Ophold]], grundaar: Aarsgrundlag
) -> None:
    """Refuse in Danish, naming the codes, before the engine meets a code it
    cannot price. Only a count of borgere: the user may not see every tilbud."""
    mangler = koder_uden_pris(
        itertools.chain(*opholdene), grundaar.servicetakster, grundaar.aar
    )
    if mangler:
        antal = len({borger for borgere in mangler.values() for borger in borgere})
        raise TakstniveauUdenPris(
            TAKSTNIVEAU_UDEN_PRIS.format(
                aar=grundaar.aar,
                koder=", ".join(mangler),
                antal=f"{antal} borger" if antal == 1 else f"{antal} borgere",
            )
        )


def tilbud_resultater_med(
    tilbud_list: Iterable[Tilbud],
    grundaar: Aarsgrundlag,
    idag: datetime.date,
    med_ledger: bool = True,
) -> list[TilbudResultat]:
    """Each tilbud's budget model from one set of reads, priced with `grundaar`
    (the year's own prices, or a what-if's); without ledger when not needed.

    A vedtaget or lukket year (issue 13 #2) is computed from what was known on
    its day of vedtagelse, against its stored oprindeligt budget."""
    tilbud_list = list(tilbud_list)
    ids, aar = [t.pk for t in tilbud_list], grundaar.aar
    faste, rammer = _faste_udgifter(ids, aar), _rammer(ids, aar)
    forbrug, opholdene = _forbrug(ids, aar), _engine_ophold(ids, aar)
    aarene = _aarsindstillinger(ids, aar)
    reguleringer = _efterreguleringer(ids, aar)
    vedtagne = _vedtagne(ids, aar) if grundaar.vedtaget else {}
    _kraev_priser(opholdene.values(), grundaar)
    resultater = []
    for tilbud in tilbud_list:  # every tilbud, a missing frame too (advarsler)
        grundlag = _grundlag(
            tilbud,
            faste.get(tilbud.pk, Decimal(0)),
            rammer.get(tilbud.pk),
            aarene.get(tilbud.pk),
            reguleringer.get(tilbud.pk, INGEN_REGULERING),
        )
        prisliste = _prisliste(grundlag, grundaar)
        ophold = tuple(opholdene.get(tilbud.pk, ()))
        budget = engine.tilbud_budget(
            grundlag,
            ophold,
            prisliste,
            aar,
            med_ledger=med_ledger,
            kendt_pr=grundaar.kendt_pr,
            vedtaget=vedtagne.get(tilbud.pk),
        )
        tal = engine.noegletal(
            grundlag, ophold, prisliste, budget, forbrug.get(tilbud.pk, {}), aar, idag
        )
        resultater.append(
            TilbudResultat(tilbud, grundlag, prisliste, ophold, budget, tal)
        )
    return resultater
