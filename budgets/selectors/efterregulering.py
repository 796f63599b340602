"""Reads of the efterregulering of a closed year (issue 18 #3).

The takst basis is the tilbud's korrigeret budget of the year from the budget
model itself (tilbud_resultat), the realised costs its imported forbrug; the
pure calculation is budgets.engine.efterregulering.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from budgets.engine import efterregulering as beregning
from budgets.engine.perioder import aarstotal
from budgets.models import Budgetaar, Budgetstatus
from budgets.selectors.grundlag import BudgetGrundlagMangler, _aarets_grundlag
from budgets.selectors.resultater import tilbud_resultat
from config.lib.money import round_to_oere
from offers.models import Tilbud

IKKE_LUKKET = (
    "Året {aar} er ikke lukket: efterreguleringen opgøres, når regnskabet er lukket."
)


def efterreguleringsregel() -> beregning.Efterreguleringsregel:
    """The settings EFTERREGULERING_BAAND_PROCENT and _TAKST_AAR_SENERE."""
    return beregning.Efterreguleringsregel(
        baand_procent=Decimal(settings.EFTERREGULERING_BAAND_PROCENT),
        takst_aar_senere=settings.EFTERREGULERING_TAKST_AAR_SENERE,
    )


def aaret_er_lukket(aar: int) -> bool:
    return Budgetaar.objects.filter(aar=aar, status=Budgetstatus.LUKKET).exists()


@dataclass(frozen=True)
class Efterreguleringsopgoerelse:
    """A tilbud's efterregulering of ``beregning.aar`` and its takst line.

    ``pr_doegn``: the line on the takstblad of ``takst_aar`` (negative lowers
    the takst); None when that year has no forudsatte days. ``pladser`` and
    ``forudsat_belaegning`` are the takst year's, the divisor's inputs."""

    tilbud: Tilbud
    beregning: beregning.Efterregulering
    pladser: int
    forudsat_belaegning: Decimal
    pr_doegn: Decimal | None


def efterregulering_for(tilbud: Tilbud, aar: int) -> Efterreguleringsopgoerelse:
    """The closed year's efterregulering of the tilbud (visibility is the
    caller's: fetch the tilbud through tilbud_visible_to). Raises
    BudgetGrundlagMangler when ``aar`` is not lukket or cannot be computed."""
    if not aaret_er_lukket(aar):
        raise BudgetGrundlagMangler(IKKE_LUKKET.format(aar=aar))
    noegletal = tilbud_resultat(tilbud, aar, datetime.date(aar, 12, 31)).noegletal
    realiseret = sum((f for f in noegletal.forbrug if f is not None), Decimal(0))
    # The year's budget is a sum of unrounded monthly shares (a frame spread by
    # days); as the total the budget model shows, it is rounded to øre once here.
    takstfinansieret = round_to_oere(aarstotal(noegletal.total_korrigeret))
    b = beregning.efterregulering(
        aar, takstfinansieret, realiseret, efterreguleringsregel()
    )
    senere = _aarets_grundlag(tilbud, b.takst_aar)
    pr_doegn = beregning.efterregulering_pr_doegn(
        b.til_takst, senere.pladser, b.takst_aar, senere.forudsat_belaegning
    )
    return Efterreguleringsopgoerelse(
        tilbud, b, senere.pladser, senere.forudsat_belaegning, pr_doegn
    )


def efterregulering_i_takst(
    tilbud: Tilbud, takst_aar: int
) -> Efterreguleringsopgoerelse | None:
    """The efterregulering carried into ``takst_aar``'s takst: that of the year
    EFTERREGULERING_TAKST_AAR_SENERE before, if it is lukket and has a part
    outside the band; else None."""
    aar = takst_aar - settings.EFTERREGULERING_TAKST_AAR_SENERE
    if not aaret_er_lukket(aar):
        return None
    try:
        opg = efterregulering_for(tilbud, aar)
    except BudgetGrundlagMangler:
        return None
    return opg if opg.beregning.til_takst else None
