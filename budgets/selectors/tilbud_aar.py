"""A tilbud's settings for one budget year, as its budget reads them (issue 13 #1)."""

from dataclasses import dataclass
from decimal import Decimal

from budgets.models import Budgetaar, Budgetstatus
from budgets.selectors.grundlag import (
    BudgetGrundlagMangler,
    _aarsindstillinger,
    _grundlag,
)
from offers.models import Tilbud
from tariffs.models import Takstmodel

INGEN_TAKSTMODEL = "Der er ingen takstmodel for {aar}."


@dataclass(frozen=True)
class TilbudAarsindstillinger:
    """``egne_indstillinger`` False: the year has no row (TilbudAar) of its own
    and uses the tilbud's settings, those a new year gets."""

    tilbud_id: int
    aar: int
    pladser: int
    tildelingsprincip: str
    forudsat_belaegning: Decimal
    reguleringsandel: Decimal
    gennemsnitstakst: Decimal | None
    egne_indstillinger: bool
    laast: bool
    # Issue 17 (budgets.engine.dagspris).
    dagspris: Decimal | None = None
    dagspris_enhed: str = "dag"
    dagsgrundlag: str = "kalenderdage"
    dimensioneret_til: int | None = None
    pris_pr_dag: Decimal | None = None  # the dagspris per day in the year


def tilbud_aar_for(tilbud: Tilbud, aar: int) -> TilbudAarsindstillinger:
    """The settings the year's budget is computed with; raises
    BudgetGrundlagMangler when the year has no takstmodel (no budget year)."""
    if not Takstmodel.objects.filter(aar=aar).exists():
        raise BudgetGrundlagMangler(INGEN_TAKSTMODEL.format(aar=aar))
    egne = _aarsindstillinger([tilbud.pk], aar).get(tilbud.pk)
    grundlag = _grundlag(tilbud, Decimal(0), None, egne)
    return TilbudAarsindstillinger(
        tilbud_id=tilbud.pk,
        aar=aar,
        pladser=grundlag.pladser,
        tildelingsprincip=grundlag.tildelingsprincip,
        forudsat_belaegning=grundlag.forudsat_belaegning,
        reguleringsandel=grundlag.reguleringsandel,
        gennemsnitstakst=grundlag.gennemsnitstakst,
        dagspris=grundlag.dagspris,
        dagspris_enhed=grundlag.dagspris_enhed,
        dagsgrundlag=grundlag.dagsgrundlag,
        dimensioneret_til=grundlag.dimensioneret_til,
        pris_pr_dag=grundlag.pris_pr_dag(aar),
        egne_indstillinger=egne is not None,
        laast=Budgetaar.objects.filter(aar=aar, status=Budgetstatus.LUKKET).exists(),
    )
