"""Reads for the role pages (issue 5): budget years, staffing, an event's budget
effect, residents, comments, fixed costs, forbrugsprocent and the takstblad."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from budgets import engine
from budgets.engine.noegletal import forbrugsprocent_samme_periode
from budgets.models import FastUdgift, Kommentar
from budgets.selectors.efterregulering import (
    Efterreguleringsopgoerelse,
    efterregulering_i_takst,
)
from budgets.selectors.grundlag import (
    Aarsgrundlag,
    BudgetGrundlagMangler,
    _aarets_grundlag,
    _prisliste,
    aarsgrundlag_for,
)
from budgets.selectors.resultater import (
    TilbudResultat,
    tilbud_resultat,
    tilbud_resultater,
)
from offers.doegntakst import Doegntakst
from offers.models import Ophold, Tilbud
from offers.selectors import ophold_visible_to
from tariffs import engine as tariff_engine
from tariffs.models import Takstmodel
from tariffs.selectors import Timepristrin, timepristrin_for


def bemanding_for(resultat: TilbudResultat, grundaar: Aarsgrundlag) -> engine.Bemanding:
    """The staffing the budget's support part buys (per principle, see
    engine.bemanding), against the hours the levels require (§6)."""
    # Issue 17: a tilbud with its own timeprismodel buys its hours at its salary.
    valg = grundaar.timeprisvalg(resultat.grundlag.timeprismodel)
    paakraevet = engine.paakraevede_timer(
        resultat.opholdene, grundaar.timer_pr_kode, grundaar.aar
    )
    return engine.bemanding(
        engine.stoettebudget_aar(resultat.grundlag, resultat.budget),
        valg.aarsloen,
        valg.timepriser.direkte_timer,
        paakraevet,
    )


def budgetaar_valg() -> list[int]:
    """The years that can be budgeted: those with a takstmodel, newest first."""
    return list(Takstmodel.objects.order_by("-aar").values_list("aar", flat=True))


def standard_budgetaar(
    idag: datetime.date, valg: list[int] | None = None
) -> int | None:
    """The current year if it has a takstmodel, else the latest year that has one.

    ``valg``: budgetaar_valg() when the caller has already read it."""
    valg = budgetaar_valg() if valg is None else valg
    if idag.year in valg:
        return idag.year
    return valg[0] if valg else None


_EFFEKT_ARTER = {
    "tilgang": (engine.Haendelsesart.TILGANG, engine.Haendelsesart.OMPLACERING_TILGANG),
    "afgang": (engine.Haendelsesart.AFGANG, engine.Haendelsesart.OMPLACERING_AFGANG),
    "indplacering": (engine.Haendelsesart.INDPLACERING,),
    "tillaeg": (engine.Haendelsesart.TILLAEG,),
    "tillaeg_slut": (engine.Haendelsesart.TILLAEG_SLUT,),
}


@dataclass(frozen=True)
class Budgeteffekt:
    """One tilbud's entry for an event; ``naeste_aar``: an afgang's change of the
    next year when its run-off leaves its own year unchanged (DOMAIN.md §6)."""

    tilbud: str
    regulering: engine.Regulering
    naeste_aar: engine.Regulering | None = None
    falder_fra: datetime.date | None = None  # the day after an afgang's run-off


def budgeteffekter_for(
    user: AbstractBaseUser,
    ophold: Ophold,
    haendelse: str,
    virkning_fra: datetime.date,
    idag: datetime.date,
) -> list[Budgeteffekt]:
    """The event's entries, [] when the year cannot be priced. An omplacering
    (a tilgang moved from another stay) gives both tilbud: the leaving one's
    reduction first, when the user may see that tilbud."""
    fra = ophold.omplaceret_fra if haendelse == "tilgang" else None
    effekter = []
    if fra is not None and ophold_visible_to(user).filter(pk=fra.pk).exists():
        effekter.append(_effekt(fra, "afgang", virkning_fra, idag))
    effekter.append(_effekt(ophold, haendelse, virkning_fra, idag))
    return [e for e in effekter if e is not None]


def _effekt(
    ophold: Ophold, haendelse: str, virkning_fra: datetime.date, idag: datetime.date
) -> Budgeteffekt | None:
    try:
        resultat = tilbud_resultat(ophold.tilbud, virkning_fra.year, idag)
    except BudgetGrundlagMangler:
        return None
    arter = _EFFEKT_ARTER.get(haendelse, ())
    for r in resultat.budget.ledger:
        if (
            r.ophold_id == ophold.pk
            and r.haendelse in arter
            and (r.virkning_fra == virkning_fra)
        ):
            if haendelse != "afgang" or r.fra_maaned is not None:
                return Budgeteffekt(str(ophold.tilbud), r)
            naeste = _afgang_naeste_aar(resultat, ophold.pk, idag)
            slut = engine.finansieret_til(virkning_fra)
            dag = datetime.timedelta(days=1)
            falder_fra = slut + dag if slut and slut < datetime.date.max else None
            return Budgeteffekt(str(ophold.tilbud), r, naeste, falder_fra)
    return None


def _afgang_naeste_aar(
    resultat: TilbudResultat, ophold_id: int, idag: datetime.date
) -> engine.Regulering | None:
    """The afgang's change of the year after (engine.afgang_i_aaret); None if
    that year cannot be priced."""
    ophold = next(o for o in resultat.opholdene if o.id == ophold_id)
    try:
        naeste = tilbud_resultat(resultat.tilbud, resultat.budget.aar + 1, idag)
    except BudgetGrundlagMangler:
        return None
    try:
        return engine.afgang_i_aaret(
            naeste.grundlag,
            naeste.opholdene,
            ophold,
            naeste.prisliste,
            naeste.budget.aar,
        )
    except ValueError:  # the level has no price in the next year's takstmodel
        return None


@dataclass(frozen=True)
class Beboer:
    """A resident row of the tilbudsspecifik model (masked label, level, takster).

    ``doegntakst`` includes the borger's tillægstakster that day (issue 17)."""

    borger: str
    tilgang: datetime.date
    afgang: datetime.date | None
    niveau_kode: str | None
    servicetakst: Decimal | None
    doegntakst: Decimal | None
    ekstern: bool


def beboere_for(resultat: TilbudResultat, dag: datetime.date) -> list[Beboer]:
    """The borgere in the tilbud on ``dag`` with the level in force and its takster."""
    raekker = []
    for o in resultat.opholdene:
        if not engine.i_tilbud(o, dag):  # [tilgang, afgang)
            continue
        gaeldende = engine.indplacering_paa(o, dag)
        priser = resultat.prisliste.paa(dag)  # the takster in force that day
        service = priser.servicetakst(gaeldende) if gaeldende else None
        doegn = None
        if service:
            tillaeg = _tillaeg_paa(o, dag, priser)
            doegn = resultat.prisliste.basisdel + service + tillaeg
        raekker.append(
            Beboer(
                borger=o.borger,
                tilgang=o.tilgang,
                afgang=o.afgang,
                niveau_kode=gaeldende.niveau_kode if gaeldende else None,
                servicetakst=service,
                doegntakst=doegn,
                ekstern=o.ekstern_paa(dag),
            )
        )
    return sorted(raekker, key=lambda b: b.borger)


def _tillaeg_paa(o: engine.Ophold, dag: datetime.date, priser) -> Decimal:
    """The borger's tillægstakster paid on the day, per døgn (issue 17)."""
    return sum(
        (priser.tillaeg_pr_doegn(t) for t in engine.tillaeg_paa(o, dag)), Decimal(0)
    )


def doegntakst_for(ophold: Ophold, dag: datetime.date) -> Doegntakst | None:
    """The stay's døgntakst on ``dag`` (offers.doegntakst asks): the tilbud's
    basistakst plus the servicetakst of the level in force, særtakst hours
    included, at the takster in force that day, as beboere_for prices them;
    an earlier year's efterregulering line is in the basistakst part (issue
    18 #3, Prisliste.basisdel)."""
    try:
        resultat = tilbud_resultat(ophold.tilbud, dag.year, dag)
    except BudgetGrundlagMangler:
        return None
    o = next((o for o in resultat.opholdene if o.id == ophold.pk), None)
    gaeldende = engine.indplacering_paa(o, dag) if o else None
    if gaeldende is None:
        return None
    priser = resultat.prisliste.paa(dag)
    service = priser.servicetakst(gaeldende)
    basis = resultat.prisliste.basistakst
    linje = resultat.prisliste.efterregulering
    tillaeg = _tillaeg_paa(o, dag, priser)
    return Doegntakst(
        gaeldende.niveau_kode,
        basis,
        service,
        tariff_engine.doegntakst(basis, service) + linje + tillaeg,
        tillaeg,
        linje,
    )


def kommentarer_for(tilbud: Tilbud, aar: int) -> dict[int, list]:
    """Month -> the tilbud's comments in the year, newest first, with their author."""
    result: dict[int, list] = defaultdict(list)
    rows = Kommentar.objects.filter(tilbud=tilbud, budgetaar__aar=aar).select_related(
        "forfatter"
    )
    for kommentar in rows.order_by("-oprettet"):
        result[kommentar.maaned].append(kommentar)
    return dict(result)


def faste_udgifter_for(tilbud: Tilbud, aar: int) -> QuerySet[FastUdgift]:
    """The fixed-cost lines behind the basistakst (DOMAIN.md §4)."""
    return FastUdgift.objects.filter(tilbud=tilbud, budgetaar__aar=aar).order_by(
        "kategori"
    )


def basistakst_for(tilbud: Tilbud, aar: int) -> Decimal | None:
    """DOMAIN.md §4: the year's basistakst from the saved fixed costs; None when
    the tilbud has no places or assumed belægning to spread them over."""
    aaret = _aarets_grundlag(tilbud, aar)
    try:
        return tariff_engine.basistakst_pr_doegn(
            aaret.faste_udgifter,
            aaret.pladser,
            tariff_engine.dage_i_aaret(aar),
            aaret.forudsat_belaegning,
        )
    except ValueError:
        return None


def forbrugsprocent_sidste_aar_for(resultat: TilbudResultat) -> Decimal | None:
    """The tilbud's forbrugsprocent of the same period last year (DOMAIN.md §7);
    None when last year has no budget for it or no actuals for the period.

    Budget and forbrug do not depend on the day they are seen from (only head
    counts do), so last year is read as of its last day."""
    aar = resultat.noegletal.aar - 1
    try:
        forrige = tilbud_resultater(
            [resultat.tilbud], aar, datetime.date(aar, 12, 31), med_ledger=False
        )
    except BudgetGrundlagMangler:
        forrige = []
    sidste_aar = forrige[0].noegletal if forrige else None
    return forbrugsprocent_samme_periode(resultat.noegletal, sidste_aar)


@dataclass(frozen=True)
class Takstbladlinje:
    """One level of a takstblad; a særtakst has no fixed takst (set per placement).

    Issue 17: ``fast_pris`` marks a level whose servicetakst is a published
    amount, not hours × timepris; ``implicitte_timer`` is then that amount ÷ the
    timepris (what it buys), and ``minutter_pr_doegn`` the published minutes.
    Under a gennemsnitstakst every level, a særtakst too, costs that takst.
    """

    kode: str
    navn: str
    saertakst: bool
    servicetakst_pr_doegn: Decimal | None
    doegntakst: Decimal | None
    takstgivende_timer_pr_doegn: Decimal | None = None
    fast_pris: bool = False
    implicitte_timer_pr_doegn: Decimal | None = None
    minutter_pr_doegn: Decimal | None = None


@dataclass(frozen=True)
class Takstblad:
    """One tilbud's prices in a year (DOMAIN.md §4), as Tilbudsportalen shows them.

    ``gennemsnitstakst_pr_doegn`` (issue 17): the tilbud's one service part,
    None when the takst follows the level."""

    tilbud: Tilbud
    aar: int
    forudsat_belaegning: Decimal
    timepris_direkte: Decimal
    basistakst_pr_doegn: Decimal
    niveauer: tuple[Takstbladlinje, ...]
    gennemsnitstakst_pr_doegn: Decimal | None = None
    # Issue 17: each tier's timepris and the levels priced with it.
    timeprisgrupper: tuple[Timepristrin, ...] = ()
    # Issue 17 (engine.dagspris): the price per day of a full and a half place,
    # the days paid, and a STU frame dimensioned for N.
    dagspris_pr_dag: Decimal | None = None
    halv_plads_pr_dag: Decimal | None = None
    dagsgrundlag: str = ""
    dimensioneret_til: int | None = None
    rammebeloeb: Decimal | None = None
    # Issue 18 #3: the efterregulering of a closed year carried into this takst.
    efterregulering: Efterreguleringsopgoerelse | None = None
    # Issue 17: the timepris of ekstratimer (a tillægstakst in hours) and its
    # share of fremmøde; None: they cost timepris_direkte.
    timepris_ekstratimer: Decimal | None = None
    ekstratimer_direkte_procent: Decimal | None = None
    # Issue 17: the timeprismodel the takster use; egen: the tilbud's own.
    timeprismodel_navn: str = ""
    egen_timeprismodel: bool = False
    timeprismodel_id: int | None = None


def _takstbladlinje(niveau, grundaar, prisliste: engine.Prisliste) -> Takstbladlinje:
    service = prisliste.dagspris  # a full place's price per day (issue 17)
    if service is None:
        service = prisliste.gennemsnitstakst
    if service is None:  # the tilbud's own timeprismodel's, if it has one
        service = prisliste.servicetakster.get(niveau.kode)
    doegn = None
    if service is not None:
        doegn = tariff_engine.doegntakst(prisliste.basisdel, service)
    implicitte = None
    if niveau.fast_pris is not None:
        implicitte = tariff_engine.implicitte_timer_pr_doegn(
            niveau.fast_pris, prisliste.timepris_direkte
        )
    return Takstbladlinje(
        kode=niveau.kode,
        navn=niveau.navn,
        saertakst=niveau.saertakst,
        servicetakst_pr_doegn=service,
        doegntakst=doegn,
        takstgivende_timer_pr_doegn=grundaar.timer_pr_kode.get(niveau.kode),
        fast_pris=niveau.fast_pris is not None,
        implicitte_timer_pr_doegn=implicitte,
        minutter_pr_doegn=niveau.minutter_pr_doegn,
    )


def takstbladlinjer(
    grundaar: Aarsgrundlag, prisliste: engine.Prisliste
) -> tuple[Takstbladlinje, ...]:
    """Each level's takster as the tilbud's budget prices them (its price list):
    the page, the Excel export and the API show the same lines."""
    return tuple(
        _takstbladlinje(niveau, grundaar, prisliste)
        for niveau in grundaar.takstmodel.niveauer.all()
    )


def takstblad_for(tilbud: Tilbud, aar: int) -> Takstblad:
    """Basistakst and each level's servicetakst and døgntakst; raises
    BudgetGrundlagMangler when the year has no takstmodel."""
    grundaar = aarsgrundlag_for(aar)
    aaret = _aarets_grundlag(tilbud, aar)
    prisliste = _prisliste(aaret, grundaar)
    valg = grundaar.timeprisvalg(aaret.timeprismodel)
    return Takstblad(
        tilbud=tilbud,
        aar=aar,
        forudsat_belaegning=aaret.forudsat_belaegning,
        timepris_direkte=prisliste.timepris_direkte,
        basistakst_pr_doegn=prisliste.basistakst,
        niveauer=takstbladlinjer(grundaar, prisliste),
        gennemsnitstakst_pr_doegn=prisliste.gennemsnitstakst,
        timeprisgrupper=tuple(timepristrin_for(grundaar.takstmodel, valg.model)),
        timeprismodel_navn=valg.navn,
        timeprismodel_id=valg.id,
        egen_timeprismodel=prisliste.egen_timeprismodel,
        **dagspris_visning(aaret, prisliste, aar),
        efterregulering=efterregulering_i_takst(tilbud, aar),
        timepris_ekstratimer=grundaar.timepriser.timepris_ekstratimer,
        ekstratimer_direkte_procent=(
            grundaar.takstmodel.timeprismodel.ekstratimer_direkte_procent
        ),
    )


def dagspris_visning(
    grundlag: engine.TilbudGrundlag, prisliste: engine.Prisliste, aar: int
) -> dict:
    """The takstblad's dagspris fields (issue 17); {} without a dagspris."""
    if prisliste.dagspris is None:
        return {}
    ramme = grundlag.rammen(aar) if grundlag.dimensioneret_til else None
    return {
        "dagspris_pr_dag": prisliste.dagspris,
        "halv_plads_pr_dag": engine.pladspris(prisliste.dagspris, Decimal("0.5")),
        "dagsgrundlag": grundlag.dagsgrundlag,
        "dimensioneret_til": grundlag.dimensioneret_til,
        "rammebeloeb": ramme.rammebeloeb if ramme else None,
    }
