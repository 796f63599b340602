from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from budgets.audit import HANDLING, HISTORIK_MODELLER, aendringer, historik_for
from config.lib.roles import OEKONOMI, har_rolle
from config.requestlog.forms import ForespoergselFilterForm
from config.requestlog.selectors import forespoergsel_list

FORESPOERGSLER_PR_SIDE = 50


def _kun_oekonomi(request: HttpRequest) -> None:
    if not har_rolle(request.user, OEKONOMI):
        raise PermissionDenied


def historik_list(request: HttpRequest) -> HttpResponse:
    """Who changed what and when, for Økonomi (DEVELOPERS.md: history of changes)."""
    _kun_oekonomi(request)
    noegle = request.GET.get("model", "ophold")
    if noegle not in HISTORIK_MODELLER:
        raise Http404
    side = Paginator(historik_for(noegle), 50).get_page(request.GET.get("side"))
    rows = [
        (r, HANDLING.get(r.history_type, r.history_type), aendringer(r)) for r in side
    ]
    context = {
        "modeller": [
            (k, m._meta.verbose_name_plural) for k, m in HISTORIK_MODELLER.items()
        ],
        "valgt": noegle,
        "side": side,
        "rows": rows,
        "fane": "aendringer",
    }
    return render(request, "historik/list.html", context)


def forespoergsel_list_view(request: HttpRequest) -> HttpResponse:
    """The request log (config.requestlog) for Økonomi, by user and date."""
    _kun_oekonomi(request)
    form = ForespoergselFilterForm(request.GET)
    filtre = form.cleaned_data if form.is_valid() else {}
    qs = forespoergsel_list(
        brugernavn=filtre.get("bruger") or "",
        fra=filtre.get("fra"),
        til=filtre.get("til"),
    )
    side = Paginator(qs, FORESPOERGSLER_PR_SIDE).get_page(request.GET.get("side"))
    context = {"form": form, "side": side, "fane": "forespoergsler"}
    return render(request, "historik/forespoergsler.html", context)
