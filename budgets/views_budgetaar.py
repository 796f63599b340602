"""The økonomichef's page of budget years: vedtag and luk, each confirmed first
(issue 13 #2). Thin views: a selector to show, a service to write."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from budgets.models import Budgetaar, Budgetstatus
from budgets.selectors.budgetaar import (
    budgetaar_for,
    budgetaar_liste,
    oprindeligt_til_vedtagelse,
    total_af,
)
from budgets.selectors.grundlag import BudgetGrundlagMangler
from budgets.services import budgetaar as budgetaar_services
from config.lib.roles import OEKONOMI, har_rolle

KUN_OEKONOMI = "Kun økonomi kan vedtage og lukke budgetår."
UKENDT_AAR = "Budgetåret {aar} findes ikke."
VEDTAGET = "Budgetåret {aar} er vedtaget. Det oprindelige budget er gemt."
LUKKET = "Budgetåret {aar} er lukket."
VEDTAG_BETYDER = (
    "Når du vedtager budgetåret {aar}, gemmes hvert tilbuds oprindelige budget "
    "måned for måned, som det er beregnet nu. Det gemte budget ændres aldrig "
    "siden: det, der registreres bagefter, vises som reguleringer i det "
    "korrigerede budget. En vedtagelse kan ikke fortrydes."
)
LUK_BETYDER = (
    "Når du lukker budgetåret {aar}, kan intet, der ændrer årets tal, gemmes "
    "længere: hverken hændelser med virkning i året eller før, takster, faste "
    "udgifter, rammer, tilbuddenes indstillinger for året eller forbrug. Luk "
    "først året, når regnskabet er afsluttet. En lukning kan ikke fortrydes."
)


def _aaret(request: HttpRequest, aar: int) -> Budgetaar:
    if not har_rolle(request.user, OEKONOMI):
        raise PermissionDenied(KUN_OEKONOMI)
    budgetaar = budgetaar_for(aar)
    if budgetaar is None:
        raise Http404(UKENDT_AAR.format(aar=aar))
    return budgetaar


def budgetaar_list(request: HttpRequest) -> HttpResponse:
    """Every budget year with its state, and the step it can take next."""
    if not har_rolle(request.user, OEKONOMI):
        raise PermissionDenied(KUN_OEKONOMI)
    return render(request, "budgets/budgetaar.html", {"aarene": budgetaar_liste()})


def budgetaar_vedtag(request: HttpRequest, aar: int) -> HttpResponse:
    """GET: what vedtagelse means and the oprindeligt budget it will store;
    POST: vedtag."""
    budgetaar = _aaret(request, aar)
    fejl: list[str] = []
    if request.method == "POST":
        try:
            budgetaar_services.vedtag(aar=aar, acting_user=request.user)
        except ValidationError as err:
            fejl = err.messages
        else:
            messages.success(request, VEDTAGET.format(aar=aar))
            return redirect("budgets:budgetaar-list")
    context = {
        "budgetaar": budgetaar,
        "handling": "vedtag",
        "fejl": fejl,
        "betyder": VEDTAG_BETYDER.format(aar=aar),
    }
    if budgetaar.status == Budgetstatus.FORSLAG:
        try:
            maaneder = oprindeligt_til_vedtagelse(aar, timezone.localdate())
        except BudgetGrundlagMangler as exc:
            context["kan_ikke"] = str(exc)
        else:
            context.update(total=total_af(maaneder), antal_tilbud=len(maaneder))
    return render(request, "budgets/budgetaar_bekraeft.html", context)


def budgetaar_luk(request: HttpRequest, aar: int) -> HttpResponse:
    """GET: what closing the year means; POST: luk."""
    budgetaar = _aaret(request, aar)
    fejl: list[str] = []
    if request.method == "POST":
        try:
            budgetaar_services.luk(aar=aar, acting_user=request.user)
        except ValidationError as err:
            fejl = err.messages
        else:
            messages.success(request, LUKKET.format(aar=aar))
            return redirect("budgets:budgetaar-list")
    context = {
        "budgetaar": budgetaar,
        "handling": "luk",
        "fejl": fejl,
        "betyder": LUK_BETYDER.format(aar=aar),
    }
    return render(request, "budgets/budgetaar_bekraeft.html", context)
