"""The takst dossier and the efterregulering of a tilbud (issue 18 #3-#4).

Økonomi sees every tilbud; a tilbudsleder their own (tilbud_visible_to: another
tilbud is a 404); other roles are refused. Thin views: parse the year, call one
selector, render.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from budgets.selectors import BudgetGrundlagMangler, TakstniveauUdenPris
from budgets.selectors.budgetaar import lukkede_aar
from budgets.selectors.efterregulering import (
    IKKE_LUKKET,
    efterregulering_for,
    efterreguleringsregel,
)
from budgets.selectors.takstdossier import takstdossier_for
from budgets.selectors.visning import budgetaar_valg, standard_budgetaar
from config.lib.roles import OEKONOMI, TILBUDSLEDER, har_rolle
from offers.models import Tilbud
from offers.selectors import tilbud_visible_to

KUN_OEKONOMI_OG_LEDER = (
    "Kun økonomi og tilbudslederen kan se takstdossier og efterregulering."
)
INGEN_LUKKEDE = "Der er endnu intet lukket budgetår at efterregulere."


def _tilbud(request: HttpRequest, pk: int) -> Tilbud:
    user = request.user
    if not (har_rolle(user, OEKONOMI) or har_rolle(user, TILBUDSLEDER)):
        raise PermissionDenied(KUN_OEKONOMI_OG_LEDER)
    return get_object_or_404(tilbud_visible_to(user), pk=pk)


def _aar(request: HttpRequest, valg: list[int]) -> int:
    raw = request.GET.get("aar", "")
    if raw.isdigit() and int(raw) in valg:
        return int(raw)
    aar = standard_budgetaar(timezone.localdate(), valg)
    if aar is None:
        raise Http404("Der er endnu ingen takstmodel.")
    return aar


def _kan_ikke(request: HttpRequest, exc: Exception) -> HttpResponse:
    context = {"besked": str(exc), "aar_valg": [], "aar": None}
    return render(request, "budgets/kan_ikke_beregnes.html", context, status=409)


def takstdossier_list(request: HttpRequest) -> HttpResponse:
    """The navigation's entry: every visible tilbud's dossier and efterregulering."""
    user = request.user
    if not (har_rolle(user, OEKONOMI) or har_rolle(user, TILBUDSLEDER)):
        raise PermissionDenied(KUN_OEKONOMI_OG_LEDER)
    valg = budgetaar_valg()
    aar = _aar(request, valg)
    context = {
        "aar": aar,
        "aar_valg": valg,
        "tilbud_list": tilbud_visible_to(user).order_by("navn"),
        "lukkede": sorted(lukkede_aar(), reverse=True),
    }
    return render(request, "budgets/takstdossier_list.html", context)


def takstdossier(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable takst dossier of a tilbud and year (``?aar=``)."""
    tilbud = _tilbud(request, pk)
    valg = budgetaar_valg()
    aar = _aar(request, valg)
    try:
        d = takstdossier_for(tilbud, aar)
    except TakstniveauUdenPris as exc:
        return _kan_ikke(request, exc)
    except BudgetGrundlagMangler as exc:
        raise Http404(str(exc)) from exc
    context = {"d": d, "aar": aar, "aar_valg": valg, "udskrevet": timezone.localdate()}
    return render(request, "budgets/takstdossier.html", context)


def efterregulering(request: HttpRequest, pk: int) -> HttpResponse:
    """A closed year's over- or underskud and where it goes (``?aar=``, a
    lukket year; the newest by default)."""
    tilbud = _tilbud(request, pk)
    lukkede = sorted(lukkede_aar(), reverse=True)
    raw = request.GET.get("aar", "")
    aar = int(raw) if raw.isdigit() else (lukkede[0] if lukkede else None)
    context = {
        "tilbud": tilbud,
        "aar": aar,
        "lukkede": lukkede,
        "regel": efterreguleringsregel(),
        "e": None,
    }
    if aar is None:
        context["besked"] = INGEN_LUKKEDE
    elif aar not in lukkede:
        context["besked"] = IKKE_LUKKET.format(aar=aar)
    else:
        try:
            context["e"] = efterregulering_for(tilbud, aar)
        except TakstniveauUdenPris as exc:
            return _kan_ikke(request, exc)
        except BudgetGrundlagMangler as exc:
            context["besked"] = str(exc)
    return render(request, "budgets/efterregulering.html", context)
