"""The økonomichef's scenario pages (issue 16 #1): list and create, one scenario
with its changes and its result beside the base, Excel export. Thin views: a
selector to show, a service to write; økonomi only (others 403)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from budgets.engine.scenarie import ScenarieFejl
from budgets.engine.scenarie_laes import AendringFejl, Art
from budgets.forms_scenarie import FELTER, AendringForm, ScenarioForm, VedtagForm
from budgets.models_scenarie import Scenarieaendring, Scenario
from budgets.selectors.grundlag import BudgetGrundlagMangler
from budgets.selectors.scenarie import (
    scenarier_sammenlignet,
    scenarier_visible_to,
    scenario_resultat,
)
from budgets.selectors.scenarie_vedtag import naeste_aar, vedtagelsesplan
from budgets.selectors.visning import budgetaar_valg
from budgets.services import scenarie as services
from budgets.services.scenarie_vedtag import AAR_LAAST, scenario_vedtag
from budgets.tabeller_scenarie import (
    aendring_tekst,
    sammenligning_tabeller,
    scenarie_tabeller,
)
from config.lib.excel import xlsx_response
from config.lib.forms import add_service_errors
from config.lib.roles import OEKONOMI, har_rolle
from offers.models import Tilbud
from tariffs.selectors import takstmodel_for_aar

KUN_OEKONOMI = "Kun økonomi kan arbejde med scenarier."
OPRETTET = "Scenariet '{navn}' er oprettet."
SLETTET = "Scenariet '{navn}' er slettet."
KOPIERET = "Scenariet er kopieret som '{navn}'."
AENDRING_GEMT = "Ændringen er tilføjet."
AENDRING_FJERNET = "Ændringen er fjernet."
AENDRING_RETTET = "Ændringen er rettet."
VEDTAGET = "Scenariet '{navn}' er vedtaget som forslag for {aar}."


def _kun_oekonomi(request: HttpRequest) -> None:
    if not har_rolle(request.user, OEKONOMI):
        raise PermissionDenied(KUN_OEKONOMI)


def _scenario(request: HttpRequest, pk: int) -> Scenario:
    _kun_oekonomi(request)
    return get_object_or_404(scenarier_visible_to(request.user), pk=pk)


def _fejl_paa_form(form, exc: ValidationError, art: str | None = None) -> None:
    """The service's field errors on the form's fields of the same name."""
    kategori = (
        "fravaer_kategori" if art == Art.FRAVAER_LINJE else "tidsanvendelse_kategori"
    )
    for felt, beskeder in exc.message_dict.items():
        felt = kategori if felt == "kategori" else felt
        for besked in beskeder:
            form.add_error(felt if felt in form.fields else None, besked)


def scenarie_list(request: HttpRequest) -> HttpResponse:
    """Every scenario (shared by økonomi) and a form to create one."""
    _kun_oekonomi(request)
    form = ScenarioForm(request.POST or None, aar_valg=budgetaar_valg())
    if request.method == "POST" and form.is_valid():
        try:
            scenario = services.scenario_create(
                acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            _fejl_paa_form(form, exc)
        else:
            messages.success(request, OPRETTET.format(navn=scenario.navn))
            return redirect("budgets:scenarie-detail", pk=scenario.pk)
    scenarier = scenarier_visible_to(request.user)
    context = {"scenarier": scenarier, "form": form}
    return render(request, "budgets/scenarier.html", context)


def _aendring_form(scenario: Scenario, data=None) -> AendringForm:
    takstmodel = takstmodel_for_aar(scenario.aar)
    niveauer = (
        [(n.kode, f"{n.kode} {n.navn}") for n in takstmodel.niveauer.all()]
        if takstmodel
        else []
    )
    nye = [
        (a.pk, f"{a.vaerdi.get('navn', '')} (nr. {a.pk})")
        for a in scenario.aendringer.filter(art=Art.NYT_TILBUD)
    ]
    return AendringForm(data, niveauer=niveauer, nye_tilbud=nye)


def _tilfoej(request: HttpRequest, scenario: Scenario) -> AendringForm | None:
    """Add the posted change; the form with its errors, or None when saved."""
    form = _aendring_form(scenario, request.POST)
    if form.is_valid():
        try:
            services.aendring_add(
                scenario=scenario,
                art=form.cleaned_data["art"],
                vaerdi=form.vaerdi(),
                acting_user=request.user,
            )
            return None
        except ValidationError as exc:
            _fejl_paa_form(form, exc, form.cleaned_data["art"])
    return form


def _aendringer(scenario: Scenario) -> list[tuple[Scenarieaendring, str]]:
    aendringer = list(scenario.aendringer.order_by("pk"))
    navne = dict(Tilbud.objects.values_list("pk", "navn"))
    return [(a, aendring_tekst(a.vaerdi, navne)) for a in aendringer]


def scenarie_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the changes, a form for one more, and the result beside the base
    (?format=xlsx: the tables as a workbook). POST: add a change."""
    scenario = _scenario(request, pk)
    form = None
    if request.method == "POST":
        form = _tilfoej(request, scenario)
        if form is None:
            messages.success(request, AENDRING_GEMT)
            return redirect("budgets:scenarie-detail", pk=scenario.pk)
    fejl, tabeller = None, []
    try:
        sammenligning = scenario_resultat(scenario)
    except (BudgetGrundlagMangler, ScenarieFejl, ValueError) as exc:
        fejl = str(exc)
    else:
        if request.GET.get("format") == "xlsx":
            excel = scenarie_tabeller(sammenligning, excel=True)
            return xlsx_response(f"scenarie_{scenario.aar}_{scenario.pk}", excel)
        tabeller = scenarie_tabeller(sammenligning)
    context = {
        "scenario": scenario,
        "aendringer": _aendringer(scenario),
        "form": form or _aendring_form(scenario),
        "felter": FELTER,
        "tabeller": tabeller,
        "fejl": fejl,
    }
    return render(request, "budgets/scenarie.html", context)


def scenarie_aendring_update(
    request: HttpRequest, pk: int, aendring_pk: int
) -> HttpResponse:
    """GET: a saved change in the change form, its kind fixed. POST: its new
    values, checked as a new change is; it keeps its place in the order."""
    scenario = _scenario(request, pk)
    aendring = get_object_or_404(scenario.aendringer, pk=aendring_pk)
    form = _aendring_form(scenario, request.POST or None)
    form.som_rettelse(aendring.art, aendring.vaerdi)
    if request.method == "POST" and form.is_valid():
        try:
            services.aendring_update(
                aendring=aendring, vaerdi=form.vaerdi(), acting_user=request.user
            )
        except ValidationError as exc:
            _fejl_paa_form(form, exc, aendring.art)
        else:
            messages.success(request, AENDRING_RETTET)
            return redirect("budgets:scenarie-detail", pk=scenario.pk)
    context = {"scenario": scenario, "aendring": aendring, "form": form}
    return render(request, "budgets/scenarie_aendring.html", context)


@require_POST
def scenarie_aendring_delete(request: HttpRequest, pk: int, aendring_pk: int):
    scenario = _scenario(request, pk)
    aendring = get_object_or_404(scenario.aendringer, pk=aendring_pk)
    services.aendring_delete(aendring=aendring, acting_user=request.user)
    messages.success(request, AENDRING_FJERNET)
    return redirect("budgets:scenarie-detail", pk=scenario.pk)


@require_POST
def scenarie_delete(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = _scenario(request, pk)
    services.scenario_delete(scenario=scenario, acting_user=request.user)
    messages.success(request, SLETTET.format(navn=scenario.navn))
    return redirect("budgets:scenarie-list")


@require_POST
def scenarie_kopi(request: HttpRequest, pk: int) -> HttpResponse:
    """Copy the scenario as "Kopi af <navn>" with all its changes; on to the copy."""
    scenario = _scenario(request, pk)
    kopi = services.scenario_copy(scenario=scenario, acting_user=request.user)
    messages.success(request, KOPIERET.format(navn=kopi.navn))
    return redirect("budgets:scenarie-detail", pk=kopi.pk)


def scenarie_sammenlign(request: HttpRequest) -> HttpResponse:
    """?id=…&id=…: scenarios of one year and grundlag beside their base
    (?format=xlsx: as a workbook)."""
    _kun_oekonomi(request)
    ids = [int(i) for i in request.GET.getlist("id") if i.isdigit()]
    scenarier = list(scenarier_visible_to(request.user).filter(pk__in=ids))
    fejl, tabeller = None, []
    try:
        flere = scenarier_sammenlignet(scenarier)
    except (BudgetGrundlagMangler, ValueError) as exc:
        fejl = str(exc)
    else:
        if request.GET.get("format") == "xlsx":
            excel = sammenligning_tabeller(flere, excel=True)
            return xlsx_response("scenarier_sammenlignet", excel)
        tabeller = sammenligning_tabeller(flere)
    context = {"scenarier": scenarier, "tabeller": tabeller, "fejl": fejl}
    return render(request, "budgets/scenarier_sammenlign.html", context)


def scenarie_vedtag(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what adopting the scenario as next year's proposal writes and what
    it does not, and why (budgets.selectors.scenarie_vedtag). POST: do it, then
    the year beside the scenario's year (the rollover's summary page)."""
    scenario = _scenario(request, pk)
    form = VedtagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            budgetaar = scenario_vedtag(
                scenario=scenario, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc, {})
        else:
            besked = VEDTAGET.format(navn=scenario.navn, aar=budgetaar.aar)
            messages.success(request, besked)
            url = reverse("budgets:budgetaar-oprettet", args=[budgetaar.aar])
            return redirect(f"{url}?fra={scenario.aar}")
    naeste = naeste_aar(scenario)
    try:
        plan, fejl = vedtagelsesplan(scenario), None
    except AendringFejl as exc:
        plan, fejl = None, "; ".join(exc.fejl.values())
    laast = (
        "" if naeste.forslag else AAR_LAAST.format(aar=naeste.aar, status=naeste.status)
    )
    context = {
        "scenario": scenario,
        "plan": plan,
        "fejl": fejl,
        "naeste": naeste,
        "laast": laast,
        "form": form,
    }
    return render(request, "budgets/scenarie_vedtag.html", context)
