"""The prognose pages (issue 19 #1): the year's prognose in total and per tilbud
beside budget and forbrug, and one tilbud's prognose with what it rests on.
Also as Excel (``?format=xlsx``). A tilbudsleder sees their own tilbud."""

import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from budgets import tabeller_prognose
from budgets.forklaring import regulering_tekst
from budgets.selectors import (
    BudgetGrundlagMangler,
    TakstniveauUdenPris,
    TilbudResultat,
    tilbud_resultat,
)
from budgets.selectors.prognose import (
    Centralprognose,
    prognose_for,
    tilbageblik_for,
    tilbageblik_i_alt_for,
)
from budgets.views import _aar, _kan_ikke_beregnes, _kontekst, _vil_have_xlsx
from config.lib.excel import xlsx_response
from config.lib.formatting import MAANEDSNAVNE
from offers.selectors import tilbud_visible_to


def _prognose(request: HttpRequest, aar: int) -> Centralprognose:
    try:
        return prognose_for(request.user, aar, timezone.localdate())
    except TakstniveauUdenPris:
        raise  # the page names the code (_kan_ikke_beregnes)
    except BudgetGrundlagMangler as exc:
        raise Http404(str(exc)) from exc


@_kan_ikke_beregnes
def prognose(request: HttpRequest) -> HttpResponse:
    aar = _aar(request)
    p = _prognose(request, aar)
    maaneder, tilbud = (
        tabeller_prognose.central_maaned_tabel(p),
        tabeller_prognose.tilbud_tabel(p),
    )
    tilbage = tabeller_prognose.tilbageblik_tabel(
        "alle tilbud i alt",
        tilbageblik_i_alt_for(request.user, aar, timezone.localdate()),
    )
    if _vil_have_xlsx(request):
        return xlsx_response(f"prognose_{aar}", [maaneder, tilbud, tilbage])
    context = {
        **_kontekst(request, aar),
        "p": p,
        "maaned_tabel": maaneder,
        "tilbud_tabel": tilbud,
        "tilbageblik": tilbage,
        "graf": tabeller_prognose.graf(
            p.total.total_korrigeret, p.total.forbrug, p.pr_maaned
        ),
    }
    return render(request, "budgets/prognose.html", context)


@_kan_ikke_beregnes
def prognose_tilbud(request: HttpRequest, pk: int) -> HttpResponse:
    aar = _aar(request)
    tilbud = get_object_or_404(tilbud_visible_to(request.user), pk=pk)
    p = _prognose(request, aar)
    r = next((r for r in p.raekker if r.grundlag.id == tilbud.pk), None)
    if r is None:
        raise Http404("Tilbuddet har ingen tal for året.")
    tabel = tabeller_prognose.tilbud_maaned_tabel(r)
    resultat = tilbud_resultat(tilbud, aar, timezone.localdate())
    tilbage = tabeller_prognose.tilbageblik_tabel(
        tilbud.navn, tilbageblik_for(resultat, timezone.localdate())
    )
    if _vil_have_xlsx(request):
        return xlsx_response(f"prognose_{tilbud.pk}_{aar}", [tabel, tilbage])
    context = {
        **_kontekst(request, aar),
        "p": p,
        "r": r,
        "tilbud": tilbud,
        "tabel": tabel,
        "tilbageblik": tilbage,
        "graf": tabeller_prognose.graf(
            r.noegletal.total_korrigeret, r.noegletal.forbrug, r.prognose.pr_maaned
        ),
        "profil": _profil(r.sidste_aars_forbrug),
        "haendelser": _haendelser_forude(resultat, aar, p.dag),
    }
    return render(request, "budgets/prognose_tilbud.html", context)


def _profil(sidste_aar) -> list[tuple[str, object]]:
    return [(navn.capitalize(), sidste_aar[m]) for m, navn in enumerate(MAANEDSNAVNE)]


def _haendelser_forude(
    r: TilbudResultat, aar: int, dag: datetime.date
) -> list[tuple[datetime.date, str]]:
    """The registered events that take effect after the day: in the korrigeret
    budget already, so in the prognose's known part (the tilbud's ledger)."""
    return [
        (x.virkning_fra, regulering_tekst(x, aar))
        for x in r.budget.ledger
        if x.virkning_fra > dag
    ]
