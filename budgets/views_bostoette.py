"""The bostøtte § 85 follow-up page: visiteret vs. leveret hours (issue 17).

Økonomi and myndighed see every bostøtte tilbud, a tilbudsleder their own
(tilbud_visible_to). Also as Excel (``?format=xlsx``).
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from budgets import tabeller_bostoette
from budgets.selectors.bostoette import bostoette_opfoelgning_for
from budgets.views import _aar, _kontekst, _vil_have_xlsx
from config.lib.excel import xlsx_response
from config.lib.formatting import MAANEDSNAVNE


def _maaned(request: HttpRequest) -> int | None:
    """``?maaned=`` 1-12, else every month (anything else is ignored)."""
    raw = request.GET.get("maaned", "")
    return int(raw) if raw.isdigit() and 1 <= int(raw) <= 12 else None


def bostoette_opfoelgning(request: HttpRequest) -> HttpResponse:
    aar, maaned = _aar(request), _maaned(request)
    opf = bostoette_opfoelgning_for(request.user, aar, maaned)
    if _vil_have_xlsx(request):
        tabeller = tabeller_bostoette.eksport_tabeller(opf)
        return xlsx_response(f"bostoette_{aar}", tabeller)
    tilbud = [
        (
            t,
            tabeller_bostoette.borger_tabel(opf, t),
            tabeller_bostoette.total_tabel(t),
        )
        for t in opf.tilbud
    ]
    context = {
        **_kontekst(request, aar),
        "maaned": maaned,
        "maaneder": [(i, navn.capitalize()) for i, navn in enumerate(MAANEDSNAVNE, 1)],
        "tilbud": tilbud,
    }
    return render(request, "budgets/bostoette.html", context)
