"""A tilbud's settings for one budget year, as its budget reads them (issue 13 #1)."""

from dataclasses import dataclass
from decimal import Decimal

from budgets.models import Budgetaar, Budgetstatus, TilbudAar
from budgets.selectors.grundlag import (
    BudgetGrundlagMangler,
    _aarsindstillinger,
    _grundlag,
)
from offers.models import Tilbud
from tariffs.models import Takstmodel, Timeprismodel

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
    # Issue 17: the tilbud's own timeprismodel for the year (None: the
    # takstmodel's), and the name of the one its takster use.
    timeprismodel: int | None = None
    timeprismodel_navn: str = ""


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
        timeprismodel=grundlag.timeprismodel,
        timeprismodel_navn=_timeprismodel_navn(grundlag.timeprismodel, aar),
    )


def _timeprismodel_navn(timeprismodel: int | None, aar: int) -> str:
    if timeprismodel is not None:
        return Timeprismodel.objects.get(pk=timeprismodel).navn
    return Takstmodel.objects.get(aar=aar).timeprismodel.navn


def timeprismodeller_i_aaret(aar: int) -> list[Timeprismodel]:
    """The year's timeprismodeller a tilbud may name (issue 17), by name."""
    return list(Timeprismodel.objects.filter(aar=aar).order_by("navn"))


def timeprisvalg_pr_aar(tilbud: Tilbud | None) -> dict[int, tuple[list, object]]:
    """Issue 17, for the tilbud form: each budget year with a takstmodel that is
    not lukket -> (its timeprismodeller, the tilbud's own for it or None)."""
    lukkede = set(
        Budgetaar.objects.filter(status=Budgetstatus.LUKKET).values_list(
            "aar", flat=True
        )
    )
    aarene = set(Takstmodel.objects.values_list("aar", flat=True)) - lukkede
    modeller: dict[int, list] = {aar: [] for aar in aarene}
    for m in Timeprismodel.objects.filter(aar__in=aarene).order_by("navn"):
        modeller[m.aar].append(m)
    egne = {}
    if tilbud is not None and tilbud.pk is not None:
        rows = TilbudAar.objects.filter(
            tilbud=tilbud, budgetaar__aar__in=aarene, timeprismodel__isnull=False
        ).select_related("timeprismodel", "budgetaar")
        egne = {r.budgetaar.aar: r.timeprismodel for r in rows}
    return {aar: (modeller[aar], egne.get(aar)) for aar in aarene}
