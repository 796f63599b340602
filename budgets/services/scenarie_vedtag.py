"""Adopt a scenario of year Y as the proposal of year Y+1 (issue 16 #1).

The rule is budgets.selectors.scenarie_vedtag's docstring: rollover first when
Y+1 has no budget year, then each change written as an absolute value, amounts
fremskrevet as the rollover fremskriver them; changes about borgere and new
tilbud are not written. Every write goes through the existing services (their
checks, history rows naming the user, and derived figures: each says what it
changed, and the monthly figures are recomputed once at the end of this write,
config.lib.derived), in one transaction: all or nothing.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError

from budgets.engine.scenarie_laes import AendringFejl, Art
from budgets.models import (
    AARSFELTER,
    Budgetaar,
    Budgetstatus,
    FastUdgift,
    FastUdgiftKategori,
)
from budgets.models_scenarie import Scenario
from budgets.selectors.scenarie_vedtag import (
    NIVEAU_ARTER,
    TIMEPRIS_ARTER,
    Punkt,
    vedtagelsesplan,
)
from budgets.services import faste_udgifter_save, tilbud_aar_save
from budgets.services.rollover import (
    PROCENT_MAX,
    PROCENT_MIN,
    PROCENT_UDEN_FOR,
    fremskrevet,
    opret_budgetaar,
)
from config.lib import derived
from config.lib.konflikt import Konflikt
from config.lib.money import round_to_oere
from config.lib.roles import OEKONOMI, har_rolle
from offers.models import Tilbud
from tariffs.engine import LINJEFORMER
from tariffs.models import Takstmodel
from tariffs.selectors import takstmodel_for_aar
from tariffs.services import (
    takstmodel_save,
    timeprismodel_aarene,
    timeprismodel_save,
)

KUN_OEKONOMI = "Kun økonomi kan vedtage et scenarie som forslag."
AAR_LAAST = (
    "Budgetåret {aar} er {status}: et scenarie kan kun vedtages som forslag til "
    "et år, der stadig er et forslag."
)
INGEN_TAKSTMODEL = "Budgetåret {aar} har ingen takstmodel at skrive scenariet i."
DELT_TIMEPRIS = (
    "Timeprismodellen «{navn}» for {aar} bruges også af budgetåret {andre}: "
    "en ændring ville også flytte det år. Giv {aar} sin egen timeprismodel først."
)
UKENDT_NIVEAU = "Takstmodellen for {aar} har intet niveau {kode} (ændring nr. {nr})."
NYE_KODER = (
    "Budgetåret {aar} kan ikke oprettes automatisk, fordi borgere skal have et "
    "nyt niveau fra 1. januar: opret det på siden Opret budgetår, og vedtag "
    "derefter scenariet."
)
AENDRING_UGYLDIG = "Ændring nr. {nr} kan ikke læses: {fejl}"


def _procent(vaerdi: Any, felt: str, fejl: dict[str, str]) -> Decimal:
    try:
        procent = Decimal(str(vaerdi).replace(",", "."))
    except ArithmeticError:
        procent = None
    if vaerdi in (None, "") or procent is None or not procent.is_finite():
        fejl[felt] = PROCENT_UDEN_FOR
        return Decimal(0)
    if not PROCENT_MIN <= procent <= PROCENT_MAX:
        fejl[felt] = PROCENT_UDEN_FOR
    return procent


def _kraev_forslag(aar: int) -> None:
    budgetaar = Budgetaar.objects.select_for_update().filter(aar=aar).first()
    if budgetaar is not None and budgetaar.status != Budgetstatus.FORSLAG:
        status = budgetaar.get_status_display().lower()
        raise Konflikt({"aar": AAR_LAAST.format(aar=aar, status=status)})


def fordelt(linjer: Mapping[str, Decimal], ny_sum: Decimal) -> dict[str, Decimal]:
    """The lines scaled so their sum is ``ny_sum``, each to øre, the øre left
    over on the largest line; without lines (or all 0) the sum is Øvrige."""
    gammel = sum(linjer.values(), Decimal(0))
    if gammel == 0:
        return {**dict.fromkeys(linjer, Decimal(0)), FastUdgiftKategori.OEVRIGE: ny_sum}
    nye = {k: round_to_oere(v * ny_sum / gammel) for k, v in linjer.items()}
    stoerste = max(linjer, key=lambda k: (linjer[k], k))
    nye[stoerste] += ny_sum - sum(nye.values(), Decimal(0))
    return nye


def _linjer(model) -> list[dict[str, Any]]:
    """The saved lines in the form each is given in (issue 17: a tidsanvendelse
    line may be given per fremmødeuge/-dag or in % of the norm)."""
    return [
        {"kategori": r.kategori, **{f: getattr(r, f, None) for f in LINJEFORMER}}
        for r in model.all()
    ]


def _med_linje(linjer: list[dict], kategori: str, timer, procent) -> list[dict]:
    ny = {"kategori": kategori, "timer": timer, "procent": procent}
    if any(linje["kategori"] == kategori for linje in linjer):
        return [ny if linje["kategori"] == kategori else linje for linje in linjer]
    return [*linjer, ny]


def _skriv_timepris(
    takstmodel: Takstmodel, punkter: list[Punkt], loen: Decimal, user
) -> None:
    model = takstmodel.timeprismodel
    andre = sorted(timeprismodel_aarene(model) - {takstmodel.aar})
    if andre:
        besked = DELT_TIMEPRIS.format(
            navn=model.navn, aar=takstmodel.aar, andre=", ".join(map(str, andre))
        )
        raise Konflikt({"timeprismodel": besked})
    felter = {"aarsloen": model.aarsloen, "aarsnorm_timer": model.aarsnorm_timer}
    fravaer, tid = _linjer(model.fravaer), _linjer(model.tidsanvendelse)
    for p in punkter:
        a = p.aendring
        if a.art == Art.TIMEPRIS_FELT and a.felt == "aarsloen":
            felter["aarsloen"] = fremskrevet(a.tal, loen)
        elif a.art == Art.TIMEPRIS_FELT:
            felter["aarsnorm_timer"] = a.tal
        elif a.art == Art.FRAVAER_LINJE:
            fravaer = _med_linje(fravaer, a.kategori, a.timer, a.procent)
        else:
            tid = _med_linje(tid, a.kategori, a.timer, a.procent)
    timeprismodel_save(
        acting_user=user,
        timeprismodel=model,
        aar=takstmodel.aar,
        navn=model.navn,
        fravaer=fravaer,
        tidsanvendelse=tid,
        **felter,
    )


def _skriv_niveauer(takstmodel: Takstmodel, punkter: list[Punkt], user) -> None:
    felter = ("kode", "navn", "nedre", "oevre", "takstgivende", "saertakst")
    niveauer = [
        {f: getattr(n, f) for f in felter}
        for n in takstmodel.niveauer.order_by("raekkefoelge")
    ]
    koder = {n["kode"]: n for n in niveauer}
    for p in punkter:
        a = p.aendring
        niveau = koder.get(a.niveau)
        if niveau is None or niveau["saertakst"]:
            besked = UKENDT_NIVEAU.format(aar=takstmodel.aar, kode=a.niveau, nr=p.nr)
            raise ValidationError({"niveau": besked})
        if a.art == Art.NIVEAU_TIMER:
            niveau["takstgivende"] = a.timer
        else:
            niveau.update(nedre=a.nedre, oevre=a.oevre)
    takstmodel_save(
        acting_user=user,
        takstmodel=takstmodel,
        aar=takstmodel.aar,
        navn=takstmodel.navn,
        enhed=takstmodel.enhed,
        timeprismodel=takstmodel.timeprismodel,
        niveauer=niveauer,
    )


def _skriv_tilbud(
    tilbud: Tilbud, aar: int, punkter: list[Punkt], oevrige: Decimal, user
) -> None:
    """The tilbud's year settings and faste udgifter of Y+1, as changed."""
    egne = tilbud.aarsindstillinger.filter(budgetaar__aar=aar).first()
    indstillinger = {f: getattr(egne or tilbud, f) for f in AARSFELTER}
    faste = None
    for p in punkter:
        a = p.aendring
        match a.art:
            case Art.TILBUD_PLADSER:
                indstillinger["pladser"] = a.pladser
            case Art.TILBUD_BELAEGNING:
                indstillinger["forudsat_belaegning"] = a.belaegning
            case Art.TILBUD_PRINCIP:
                indstillinger["tildelingsprincip"] = a.princip
            case Art.TILBUD_FASTE_UDGIFTER:
                faste = fremskrevet(a.faste_udgifter, oevrige)
    if any(p.aendring.art != Art.TILBUD_FASTE_UDGIFTER for p in punkter):
        tilbud_aar_save(tilbud=tilbud, aar=aar, acting_user=user, **indstillinger)
    if faste is not None:
        linjer = dict(
            FastUdgift.objects.filter(tilbud=tilbud, budgetaar__aar=aar).values_list(
                "kategori", "beloeb"
            )
        )
        faste_udgifter_save(
            tilbud=tilbud,
            aar=aar,
            beloeb_pr_kategori=fordelt(linjer, faste),
            acting_user=user,
        )


def _opret_naeste(scenario: Scenario, aar: int, loen, oevrige, user) -> None:
    """Y+1 by the rollover from Y when it has no budget year row yet."""
    if Budgetaar.objects.filter(aar=aar).exists():
        return
    try:
        opret_budgetaar(
            aar=aar,
            kopier_fra=scenario.aar,
            fremskrivning_loen_pct=loen,
            fremskrivning_oevrige_pct=oevrige,
            acting_user=user,
        )
    except ValidationError as exc:
        if "nye_koder" in getattr(exc, "error_dict", {}):
            raise ValidationError({"aar": NYE_KODER.format(aar=aar)}) from exc
        raise


@derived.writes
def scenario_vedtag(
    *,
    scenario: Scenario,
    fremskrivning_loen_pct: Any,
    fremskrivning_oevrige_pct: Any,
    acting_user: AbstractBaseUser,
) -> Budgetaar:
    """Write the scenario into year Y+1 as its proposal (module doc).

    Refused with Danish field errors (ValidationError) for a percentage outside
    −50…100 or a change Y+1 cannot take, and with a Konflikt (409) when Y+1 is
    vedtaget or lukket or its timeprismodel prices another year too. Nothing is
    written then.
    """
    if not har_rolle(acting_user, OEKONOMI):
        raise PermissionDenied(KUN_OEKONOMI)
    fejl: dict[str, str] = {}
    loen = _procent(fremskrivning_loen_pct, "fremskrivning_loen_pct", fejl)
    oevrige = _procent(fremskrivning_oevrige_pct, "fremskrivning_oevrige_pct", fejl)
    if fejl:
        raise ValidationError(fejl)
    try:
        plan = vedtagelsesplan(scenario)
    except AendringFejl as exc:
        raise ValidationError({"aendringer": str(exc.fejl)}) from exc
    aar = plan.aar
    _kraev_forslag(aar)
    _opret_naeste(scenario, aar, loen, oevrige, acting_user)
    skrives = plan.skrives
    takstmodel = takstmodel_for_aar(aar)
    timepris = [p for p in skrives if p.art in TIMEPRIS_ARTER]
    niveau = [p for p in skrives if p.art in NIVEAU_ARTER]
    if (timepris or niveau) and takstmodel is None:
        raise ValidationError({"aar": INGEN_TAKSTMODEL.format(aar=aar)})
    if timepris:
        _skriv_timepris(takstmodel, timepris, loen, acting_user)
    if niveau:
        _skriv_niveauer(takstmodel_for_aar(aar), niveau, acting_user)
    pr_tilbud: dict[int, list[Punkt]] = {}
    for p in skrives:
        if p.art not in TIMEPRIS_ARTER | NIVEAU_ARTER:
            pr_tilbud.setdefault(p.aendring.tilbud, []).append(p)
    for tilbud in Tilbud.objects.filter(pk__in=pr_tilbud).order_by("pk"):
        _skriv_tilbud(tilbud, aar, pr_tilbud[tilbud.pk], oevrige, acting_user)
    return Budgetaar.objects.get(aar=aar)
