from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from budgets.audit import HANDLING, HISTORIK_MODELLER, aendringer, historik_for
from offers.roles import OEKONOMI, har_rolle


def historik_list(request: HttpRequest) -> HttpResponse:
    """Who changed what and when, for Økonomi (DEVELOPERS.md: history of changes)."""
    if not har_rolle(request.user, OEKONOMI):
        raise PermissionDenied
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
    }
    return render(request, "historik/list.html", context)
