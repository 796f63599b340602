"""Writes of scenarios (issue 16 #1): create, rename, copy, delete, and add or
remove a change. Only økonomi users; a scenario's changes are checked before they
are saved (Danish field errors), and nothing here writes the real budget.
"""

from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from budgets.engine.scenarie import ScenarieFejl, anvend
from budgets.engine.scenarie_laes import AendringFejl, Art, aendring_af
from budgets.models import Budgetaar, Budgetstatus
from budgets.models_scenarie import Scenarieaendring, Scenariegrundlag, Scenario
from budgets.selectors.grundlag import BudgetGrundlagMangler
from budgets.selectors.scenarie import KATEGORIER, aendringer_for, inddata_for
from config.lib.history import save_with_history, with_history_user
from config.lib.roles import OEKONOMI, har_rolle
from offers.models import Tilbud
from tariffs import engine as tariff_engine
from tariffs.models import Takstmodel

KUN_OEKONOMI = "Kun økonomi kan arbejde med scenarier."
INGEN_TAKSTMODEL = "Der er ingen takstmodel for {aar}: opret den først."
IKKE_VEDTAGET = "Budgetåret {aar} er ikke vedtaget: vælg de aktuelle data."
UKENDT_TILBUD = "Tilbuddet findes ikke."
UKENDT_NYT_TILBUD = "Scenariet har ikke et nyt tilbud med dette nummer."
UMULIG = "Ændringen kan ikke bruges: {grund}"
KOPI_AF = "Kopi af {navn}"
TILBUD_ARTER = {
    Art.TILBUD_PLADSER,
    Art.TILBUD_BELAEGNING,
    Art.TILBUD_PRINCIP,
    Art.TILBUD_FASTE_UDGIFTER,
    Art.PLANLAGT_TILGANG,
    Art.PLANLAGT_AFGANG,
    Art.LUKKET_TILBUD,
}


def _kun_oekonomi(user: AbstractBaseUser) -> None:
    if not har_rolle(user, OEKONOMI):
        raise PermissionDenied(KUN_OEKONOMI)


def _tjek_aar(aar: int, grundlag: str) -> None:
    if not Takstmodel.objects.filter(aar=aar).exists():
        raise ValidationError({"aar": INGEN_TAKSTMODEL.format(aar=aar)})
    vedtaget = Budgetaar.objects.filter(
        aar=aar, status__in=(Budgetstatus.VEDTAGET, Budgetstatus.LUKKET)
    ).exists()
    if grundlag == Scenariegrundlag.VEDTAGET and not vedtaget:
        raise ValidationError({"grundlag": IKKE_VEDTAGET.format(aar=aar)})


@transaction.atomic
def scenario_create(
    *, navn: str, aar: int, grundlag: str, acting_user: AbstractBaseUser
) -> Scenario:
    _kun_oekonomi(acting_user)
    scenario = Scenario(navn=navn, aar=aar, grundlag=grundlag, created_by=acting_user)
    scenario.full_clean()
    _tjek_aar(aar, grundlag)
    return save_with_history(scenario, acting_user)


@transaction.atomic
def scenario_update(
    *, scenario: Scenario, navn: str, acting_user: AbstractBaseUser
) -> Scenario:
    """Rename: the year and grundlag stay (the changes were checked against them)."""
    _kun_oekonomi(acting_user)
    scenario.navn = navn
    return save_with_history(scenario, acting_user)


@transaction.atomic
def scenario_delete(*, scenario: Scenario, acting_user: AbstractBaseUser) -> None:
    _kun_oekonomi(acting_user)
    scenario._history_user = acting_user
    scenario.delete()


def _kopier_vaerdi(vaerdi: Mapping, nye_numre: Mapping[int, int]) -> dict:
    """A change's values with a reference to a new tilbud moved to its copy."""
    kopi = dict(vaerdi)
    if "nyt_tilbud" in kopi:
        kopi["nyt_tilbud"] = nye_numre[int(kopi["nyt_tilbud"])]
    return kopi


@transaction.atomic
def scenario_copy(
    *, scenario: Scenario, navn: str | None = None, acting_user: AbstractBaseUser
) -> Scenario:
    """A new scenario with the same year, grundlag and changes, in order, each
    written with history; without ``navn`` it is "Kopi af <navn>"."""
    if navn is None:
        navn = KOPI_AF.format(navn=scenario.navn)[
            : Scenario._meta.get_field("navn").max_length
        ]
    kopi = scenario_create(
        navn=navn, aar=scenario.aar, grundlag=scenario.grundlag, acting_user=acting_user
    )
    nye_numre: dict[int, int] = {}
    for a in scenario.aendringer.order_by("pk"):
        ny = Scenarieaendring(
            scenario=kopi,
            art=a.art,
            tilbud=a.tilbud,
            vaerdi=_kopier_vaerdi(a.vaerdi, nye_numre),
        )
        nye_numre[a.pk] = save_with_history(ny, acting_user).pk
    return kopi


def _tilbud_fk(scenario: Scenario, art: str, vaerdi: Mapping) -> Tilbud | None:
    """The existing tilbud the change names, or None for a new one (checked)."""
    if art not in TILBUD_ARTER:
        return None
    if vaerdi.get("nyt_tilbud") not in (None, ""):
        nr = int(vaerdi["nyt_tilbud"])
        if not scenario.aendringer.filter(pk=nr, art=Art.NYT_TILBUD).exists():
            raise ValidationError({"nyt_tilbud": UKENDT_NYT_TILBUD})
        return None
    if vaerdi.get("tilbud") in (None, ""):
        return None
    tilbud = Tilbud.objects.filter(pk=int(vaerdi["tilbud"])).first()
    if tilbud is None:
        raise ValidationError({"tilbud": UKENDT_TILBUD})
    return tilbud


def _tjek_anvendt(scenario: Scenario, ny: Scenarieaendring) -> None:
    """Apply every change with the new one last, or in its place when it is a
    saved one changed, to the year's inputs without stays: an unknown level, a
    timepris without direct time or a broken ladder of levels is refused now
    rather than when the result is read."""
    ind = inddata_for(scenario.aar, scenario.grundlag, med_ophold=False)
    gemte = list(scenario.aendringer.order_by("pk"))
    if ny.pk is None:
        gemte.append(ny)
    else:
        gemte = [ny if a.pk == ny.pk else a for a in gemte]
    aendringer = aendringer_for(gemte, scenario.aar)
    try:
        ind = anvend(ind, [(nr or 0, a) for nr, a in aendringer])
        tariff_engine.timepriser(ind.timeprisgrundlag)
    except (ScenarieFejl, ValueError) as exc:
        raise ValidationError({"vaerdi": UMULIG.format(grund=exc)}) from exc
    fejl = tariff_engine.niveau_fejl(ind.niveauer)
    if fejl:
        _, felt, besked = fejl[0]
        raise ValidationError({felt: besked})


@transaction.atomic
def aendring_add(
    *, scenario: Scenario, art: str, vaerdi: Mapping, acting_user: AbstractBaseUser
) -> Scenarieaendring:
    """Add one changed assumption; ValidationError with Danish field errors."""
    _kun_oekonomi(acting_user)
    try:
        aendring_af(art, vaerdi, scenario.aar, KATEGORIER)
    except AendringFejl as exc:
        raise ValidationError(exc.fejl) from exc
    ny = Scenarieaendring(
        scenario=scenario,
        art=art,
        tilbud=_tilbud_fk(scenario, art, vaerdi),
        vaerdi=dict(vaerdi),
    )
    try:
        _tjek_anvendt(scenario, ny)
    except BudgetGrundlagMangler as exc:
        raise ValidationError({"aar": str(exc)}) from exc
    save_with_history(ny, acting_user)
    with_history_user(scenario, acting_user).save(update_fields=["updated"])
    return ny


@transaction.atomic
def aendring_update(
    *, aendring: Scenarieaendring, vaerdi: Mapping, acting_user: AbstractBaseUser
) -> Scenarieaendring:
    """Change the values of a saved change in place (its kind and its place in
    the order stay); checked as a new one is, ValidationError in Danish."""
    _kun_oekonomi(acting_user)
    scenario = aendring.scenario
    try:
        aendring_af(aendring.art, vaerdi, scenario.aar, KATEGORIER)
    except AendringFejl as exc:
        raise ValidationError(exc.fejl) from exc
    aendring.tilbud = _tilbud_fk(scenario, aendring.art, vaerdi)
    aendring.vaerdi = dict(vaerdi)
    try:
        _tjek_anvendt(scenario, aendring)
    except BudgetGrundlagMangler as exc:
        raise ValidationError({"aar": str(exc)}) from exc
    save_with_history(aendring, acting_user)
    with_history_user(scenario, acting_user).save(update_fields=["updated"])
    return aendring


@transaction.atomic
def aendring_delete(
    *, aendring: Scenarieaendring, acting_user: AbstractBaseUser
) -> None:
    """Remove a change; removing a new tilbud removes the changes that name it."""
    _kun_oekonomi(acting_user)
    scenario = aendring.scenario
    if aendring.art == Art.NYT_TILBUD:
        for a in scenario.aendringer.exclude(pk=aendring.pk):
            if str(a.vaerdi.get("nyt_tilbud")) == str(aendring.pk):
                a._history_user = acting_user
                a.delete()
    aendring._history_user = acting_user
    aendring.delete()
    with_history_user(scenario, acting_user).save(update_fields=["updated"])
