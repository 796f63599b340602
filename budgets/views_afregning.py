"""The økonomichef's settlement with the buying municipalities (issue 18 #1-#2).

Thin views: parse the month, call one selector, render, or export the same
tables as .xlsx (``?format=xlsx``) or the debitor lines as CSV.
"""

import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from budgets import tabeller_afregning as tabeller
from budgets.engine.afregning import Afregning, kravfrist
from budgets.selectors import BudgetGrundlagMangler, TakstniveauUdenPris
from budgets.selectors.afregning import (
    afloeb,
    faktureret_for,
    faktureret_historik,
    kravfrist_maaneder,
    varsler_for,
)
from budgets.selectors.faktureret import efterregulering_af, opgoerelse_for
from budgets.selectors.koebsbeskrivelse import koebsbeskrivelse_for
from budgets.selectors.visning import budgetaar_valg, standard_budgetaar
from budgets.services import afregning as services
from config.lib.excel import xlsx_response
from config.lib.formatting import MAANEDSNAVNE
from config.lib.roles import OEKONOMI, TILBUDSLEDER, har_rolle
from offers.selectors import ophold_visible_to

KUN_OEKONOMI = "Kun økonomi kan se afregningen med betalingskommunerne."
KUN_OEKONOMI_OG_LEDER = "Kun økonomi og tilbudslederen kan se, hvad køberen køber."
UGYLDIG_MAANED = "Vælg en måned fra 1 til 12 i et budgetår med takstmodel."
UGYLDIG_KOMMUNE = "Kommunekoden skal være tre cifre."
MARKERET = "Kommune {kode} er markeret faktureret for {periode}."
FJERNET = "Markeringen af kommune {kode} for {periode} er fjernet."


def _kun_oekonomi(request: HttpRequest) -> None:
    if not har_rolle(request.user, OEKONOMI):
        raise PermissionDenied(KUN_OEKONOMI)


def _maaneden(request: HttpRequest, aar: int, maaned: int) -> Afregning:
    """The month's settlement, or a Danish 404 for a month that is none."""
    if maaned not in range(1, 13):
        raise Http404(UGYLDIG_MAANED)
    try:
        return opgoerelse_for(aar, maaned, request.user)
    except TakstniveauUdenPris:
        raise
    except BudgetGrundlagMangler as exc:
        raise Http404(str(exc)) from exc


def _kan_ikke(request: HttpRequest, exc: Exception) -> HttpResponse:
    context = {"besked": str(exc), "aar_valg": [], "aar": None}
    return render(request, "budgets/kan_ikke_beregnes.html", context, status=409)


def _tal(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def afregning(request: HttpRequest) -> HttpResponse:
    """The month picker: ``?aar=&maaned=`` opens that month, else this month."""
    _kun_oekonomi(request)
    valg = budgetaar_valg()
    aar, maaned = _tal(request.GET.get("aar")), _tal(request.GET.get("maaned"))
    if aar in valg and maaned in range(1, 13):
        return redirect("budgets:afregning-maaned", aar=aar, maaned=maaned)
    if "aar" in request.GET or "maaned" in request.GET:
        messages.error(request, UGYLDIG_MAANED)
    idag = timezone.localdate()
    aar = standard_budgetaar(idag, valg)
    if aar is None:
        raise Http404("Der er endnu ingen takstmodel at afregne med.")
    maaned = idag.month if aar == idag.year else 1
    return redirect("budgets:afregning-maaned", aar=aar, maaned=maaned)


def afregning_maaned(request: HttpRequest, aar: int, maaned: int) -> HttpResponse:
    """Every buying municipality's statement for the month."""
    _kun_oekonomi(request)
    try:
        afr = _maaneden(request, aar, maaned)
    except TakstniveauUdenPris as exc:
        return _kan_ikke(request, exc)
    faktureret = faktureret_for(aar, maaned)
    oversigt = tabeller.oversigt_tabel(afr, faktureret)
    kommuner = [
        (k, tabeller.kommune_tabel(afr, k.kommunekode), faktureret.get(k.kommunekode))
        for k in afr.kommuner
    ]
    if request.GET.get("format") == "xlsx":
        filnavn = f"afregning_{aar}_{maaned:02d}"
        return xlsx_response(filnavn, [oversigt, *(t for _, t, _ in kommuner)])
    context = {
        **_maanedskontekst(aar, maaned, afr),
        "oversigt": oversigt,
        "kommuner": kommuner,
        "historik": faktureret_historik(aar, maaned),
        "varsler": varsler_for(timezone.localdate(), request.user),
    }
    return render(request, "budgets/afregning.html", context)


def _maanedskontekst(aar: int, maaned: int, afr: Afregning) -> dict:
    frist = kravfrist_maaneder()
    return {
        "afr": afr,
        "aar": aar,
        "maaned": maaned,
        "periode": tabeller.periode_tekst(aar, maaned),
        "afloeb_tekst": tabeller.afloeb_tekst(afloeb()),
        "frist_maaneder": frist,
        "kravfrist": kravfrist(aar, maaned, frist),
        "aar_valg": budgetaar_valg(),
        "maaneder": list(enumerate(MAANEDSNAVNE, start=1)),
    }


def afregning_kommune(
    request: HttpRequest, aar: int, maaned: int, kommunekode: str
) -> HttpResponse:
    """One municipality's printable statement for the month."""
    _kun_oekonomi(request)
    if not re.fullmatch(r"\d{3}", kommunekode):
        raise Http404(UGYLDIG_KOMMUNE)
    try:
        afr = _maaneden(request, aar, maaned)
    except TakstniveauUdenPris as exc:
        return _kan_ikke(request, exc)
    context = {
        **_maanedskontekst(aar, maaned, afr),
        "k": afr.kommune(kommunekode),
        "tabel": tabeller.kommune_tabel(afr, kommunekode),
        "faktureret": faktureret_for(aar, maaned).get(kommunekode),
        "afvigelse": efterregulering_af(kommunekode, aar, maaned, request.user),
        "udskrevet": timezone.localdate(),
        "egen_kommunenavn": settings.EGEN_KOMMUNENAVN,
    }
    return render(request, "budgets/afregning_kommune.html", context)


def afregning_csv(request: HttpRequest, aar: int, maaned: int) -> HttpResponse:
    """The month's debitor lines as CSV (docs/regler.md §10.2)."""
    _kun_oekonomi(request)
    try:
        afr = _maaneden(request, aar, maaned)
    except TakstniveauUdenPris as exc:
        return _kan_ikke(request, exc)
    svar = HttpResponse(tabeller.debitor_csv(afr), content_type="text/csv")
    navn = f"debitorlinjer_{aar}_{maaned:02d}.csv"
    svar["Content-Disposition"] = f'attachment; filename="{navn}"'
    return svar


@require_POST
def afregning_faktureret(request: HttpRequest, aar: int, maaned: int) -> HttpResponse:
    """Mark (or take back) a kommune's month as invoiced; a Danish message."""
    _kun_oekonomi(request)
    if maaned not in range(1, 13):
        raise Http404(UGYLDIG_MAANED)
    kode = request.POST.get("kommunekode", "")
    fjern = request.POST.get("handling") == "fjern"
    periode = tabeller.periode_tekst(aar, maaned)
    service = (
        services.afregning_faktureret_fjern
        if fjern
        else services.afregning_faktureret_marker
    )
    try:
        service(kommunekode=kode, aar=aar, maaned=maaned, acting_user=request.user)
    except ValidationError as err:
        for besked in err.messages:
            messages.error(request, besked)
    else:
        besked = FJERNET if fjern else MARKERET
        messages.success(request, besked.format(kode=kode, periode=periode))
    return redirect("budgets:afregning-maaned", aar=aar, maaned=maaned)


def koebsbeskrivelse(request: HttpRequest, pk: int) -> HttpResponse:
    """What the buyer buys (issue 18 #2): one stay's place, printable."""
    user = request.user
    if not (har_rolle(user, OEKONOMI) or har_rolle(user, TILBUDSLEDER)):
        raise PermissionDenied(KUN_OEKONOMI_OG_LEDER)
    ophold = get_object_or_404(ophold_visible_to(user), pk=pk)
    context = {
        "b": koebsbeskrivelse_for(ophold),
        "udskrevet": timezone.localdate(),
    }
    return render(request, "budgets/koebsbeskrivelse.html", context)
