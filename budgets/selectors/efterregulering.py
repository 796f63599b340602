"""Reads of the efterregulering of a closed year (issue 18 #3).

The takst basis is the tilbud's korrigeret budget of the year from the budget
model itself (tilbud_resultat), the realised costs its imported forbrug; the
pure calculation is budgets.engine.efterregulering. When the year is lukket the
split is stored (budgets.models.Efterregulering, by
budgets.services.efterregulering) and read from there: the prices of the later
years carry what was booked, and so do these reads.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from budgets.engine import efterregulering as beregning
from budgets.engine.perioder import aarstotal
from budgets.models import Budgetaar, Budgetstatus, Efterregulering
from budgets.models_efterregulering import UDEN_FORBRUG
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


UDEN_FORBRUG_BESKED = (
    "Der var intet forbrug indlæst for {aar}, da året blev lukket: "
    "efterreguleringen er ikke bogført i rammen eller taksten."
)
IKKE_BOGFOERT = (
    "{del_} for {aar} er ikke bogført: {aar} var {status}, da {lukket} blev "
    "lukket, og et vedtaget eller lukket års tal flyttes ikke. Beløbet afventer."
)


@dataclass(frozen=True)
class Efterreguleringsopgoerelse:
    """A tilbud's efterregulering of ``beregning.aar`` and its takst line.

    ``pr_doegn``: the line on the takstblad of ``takst_aar`` (negative lowers
    the takst); None when that year has no forudsatte days. ``pladser`` and
    ``forudsat_belaegning`` are the takst year's, the divisor's inputs.
    ``post``: the split as booked when the year was lukket (None for a year
    lukket before it was stored); its parts not bogført are ``afventer``."""

    tilbud: Tilbud
    beregning: beregning.Efterregulering
    pladser: int
    forudsat_belaegning: Decimal
    pr_doegn: Decimal | None
    post: Efterregulering | None = None

    @property
    def afventer(self) -> tuple[str, ...]:
        """Danish messages for the parts left pending (issue 18 #3)."""
        if self.post is None:
            return ()
        b, beskeder = self.beregning, []
        if self.post.ramme_status == UDEN_FORBRUG and (b.til_ramme or b.til_takst):
            return (UDEN_FORBRUG_BESKED.format(aar=b.aar),)
        for bogfoert, beloeb, aar, del_ in (
            (self.post.ramme_bogfoert, b.til_ramme, b.ramme_aar, "Rammedelen"),
            (self.post.takst_bogfoert, b.til_takst, b.takst_aar, "Takstdelen"),
        ):
            if beloeb and not bogfoert:
                beskeder.append(
                    IKKE_BOGFOERT.format(
                        del_=del_,
                        aar=aar,
                        status=self.post.status_ved_lukning(aar),
                        lukket=b.aar,
                    )
                )
        return tuple(beskeder)


def _opgoerelse(
    tilbud: Tilbud, b: beregning.Efterregulering, post: Efterregulering | None
) -> Efterreguleringsopgoerelse:
    senere = _aarets_grundlag(tilbud, b.takst_aar)
    pr_doegn = beregning.efterregulering_pr_doegn(
        b.til_takst, senere.pladser, b.takst_aar, senere.forudsat_belaegning
    )
    return Efterreguleringsopgoerelse(
        tilbud, b, senere.pladser, senere.forudsat_belaegning, pr_doegn, post
    )


def _fra_post(post: Efterregulering) -> beregning.Efterregulering:
    """The split as stored: its own band and years, whatever the settings now."""
    return beregning.efterregulering(
        post.aar,
        post.takstfinansieret,
        post.realiseret,
        beregning.Efterreguleringsregel(
            baand_procent=post.baand_procent,
            takst_aar_senere=post.takst_aar - post.aar,
        ),
    )


def beregnet_efterregulering(
    noegletal, aar: int, regel: beregning.Efterreguleringsregel
) -> beregning.Efterregulering:
    """The split of one tilbud's closed year from its budget model's figures:
    the korrigeret budget and the imported forbrug (engine.noegletal)."""
    realiseret = sum((f for f in noegletal.forbrug if f is not None), Decimal(0))
    # The year's budget is a sum of unrounded monthly shares (a frame spread by
    # days); as the total the budget model shows, it is rounded to øre once here.
    takstfinansieret = round_to_oere(aarstotal(noegletal.total_korrigeret))
    return beregning.efterregulering(aar, takstfinansieret, realiseret, regel)


def efterregulering_for(tilbud: Tilbud, aar: int) -> Efterreguleringsopgoerelse:
    """The closed year's efterregulering of the tilbud (visibility is the
    caller's: fetch the tilbud through tilbud_visible_to): as booked when the
    year was lukket, else computed. Raises BudgetGrundlagMangler when ``aar``
    is not lukket or cannot be computed."""
    if not aaret_er_lukket(aar):
        raise BudgetGrundlagMangler(IKKE_LUKKET.format(aar=aar))
    post = Efterregulering.objects.filter(tilbud=tilbud, aar=aar).first()
    if post is not None:
        return _opgoerelse(tilbud, _fra_post(post), post)
    noegletal = tilbud_resultat(tilbud, aar, datetime.date(aar, 12, 31)).noegletal
    b = beregnet_efterregulering(noegletal, aar, efterreguleringsregel())
    return _opgoerelse(tilbud, b, None)


def efterregulering_i_takst(
    tilbud: Tilbud, takst_aar: int
) -> Efterreguleringsopgoerelse | None:
    """The efterregulering booked into ``takst_aar``'s takst (the one the
    price list carries, budgets.selectors.grundlag._efterreguleringer): that
    of a lukket year whose part outside the band was bogført into it; else
    None."""
    post = (
        Efterregulering.objects.filter(
            tilbud=tilbud, takst_aar=takst_aar, takst_bogfoert=True
        )
        .exclude(til_takst=0)
        .order_by("aar")
        .first()
    )
    if post is None:
        return None
    return _opgoerelse(tilbud, _fra_post(post), post)
