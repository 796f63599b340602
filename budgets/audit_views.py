from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from budgets.audit import (
    HANDLING,
    HISTORIK_MODELLER,
    aendringer,
    borgere_for,
    historik_for,
    importjob_id,
    importjobs_for,
)
from budgets.forms import HistorikFilterForm
from config.lib.roles import OEKONOMI, har_rolle
from config.requestlog.forms import ForespoergselFilterForm
from config.requestlog.selectors import forespoergsel_list

FORESPOERGSLER_PR_SIDE = 50


def _kun_oekonomi(request: HttpRequest) -> None:
    if not har_rolle(request.user, OEKONOMI):
        raise PermissionDenied


def historik_list(request: HttpRequest) -> HttpResponse:
    """Who changed what and when, for Økonomi (DEVELOPERS.md: history of changes):
    by model, day and user; each row names its borger and its import job."""
    _kun_oekonomi(request)
    modeller = [
        (k, str(m._meta.verbose_name_plural).capitalize())
        for k, m in HISTORIK_MODELLER.items()
    ]
    data = request.GET.copy()
    data.setdefault("model", "ophold")
    form = HistorikFilterForm(data, modeller=modeller)
    if not form.is_valid() and "model" in form.errors:
        raise Http404
    filtre = {k: form.cleaned_data.get(k) for k in ("fra", "til", "bruger")}
    noegle = data["model"]
    side = Paginator(historik_for(noegle, **filtre), 50).get_page(data.get("side"))
    borgere, jobs = borgere_for(side), importjobs_for(side)
    rows = [
        {
            "record": r,
            "handling": HANDLING.get(r.history_type, r.history_type),
            "aendringer": aendringer(r),
            "borger": borgere.get(r.history_id),
            "job": jobs.get(importjob_id(r)),
        }
        for r in side
    ]
    context = {"form": form, "side": side, "rows": rows, "fane": "aendringer"}
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
