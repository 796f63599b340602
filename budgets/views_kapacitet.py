"""Capacity pages (issue 19 #3): ledige pladser today and by month, the
belægning against the forudsat one, and the waiting list's length.

Per tilbud for anyone who sees the tilbud (a tilbudsleder their own); across
tilbud for økonomi and myndighed (where is there a free place?).
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from budgets.selectors.kapacitet import kapacitet_for, kapacitet_oversigt
from offers.selectors import ser_alle_tilbud, tilbud_visible_to

KUN_OVERSIGT = "Oversigten over alle tilbud er for økonomi og myndighed."


def kapacitet(request: HttpRequest, pk: int) -> HttpResponse:
    tilbud = get_object_or_404(tilbud_visible_to(request.user), pk=pk)
    k = kapacitet_for(tilbud, timezone.localdate())
    return render(request, "budgets/kapacitet.html", {"k": k, "tilbud": tilbud})


def kapacitet_oversigt_view(request: HttpRequest) -> HttpResponse:
    if not ser_alle_tilbud(request.user):
        raise PermissionDenied(KUN_OVERSIGT)
    idag = timezone.localdate()
    kapaciteter = kapacitet_oversigt(tilbud_visible_to(request.user), idag)
    context = {
        "kapaciteter": kapaciteter,
        "idag": idag,
        "maaneder": kapaciteter[0].fremad if kapaciteter else (),
        "ledige_i_alt": sum(max(k.ledige, 0) for k in kapaciteter),
        "venteliste_i_alt": sum(k.venteliste for k in kapaciteter),
        "under_forudsat": sum(1 for k in kapaciteter if k.under_forudsat),
    }
    return render(request, "budgets/kapacitet_oversigt.html", context)
