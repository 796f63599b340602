"""Budget pages of the tilbudsleder and the økonomichef (issue 5).

Thin views: choose the year, call one selector, render, or export the same
tables as .xlsx with ``?format=xlsx``.
"""

import datetime
import functools
from collections.abc import Callable
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from budgets import engine, tabeller
from budgets.comments import kommentar_create
from budgets.engine.perioder import i_aaret
from budgets.forklaring import (
    AFVIGELSE_FORKLARING,
    MAANEDSKOLONNER,
    advarsler,
    afvigelse_ord,
    budgeteffekt_tekst,
    forbrug_etiket,
    forklaringsblokke,
)
from budgets.forms import FasteUdgifterForm, HvisForm, KommentarForm, TilbudAarForm
from budgets.selectors import (
    Aarsgrundlag,
    BudgetGrundlagMangler,
    Genberegnes,
    TakstniveauUdenPris,
    aarsgrundlag_for,
    basistakst_for,
    beboere_for,
    bemanding_for,
    budgetaar_valg,
    budgeteffekter_for,
    central_for,
    dagspris_visning,
    faste_udgifter_for,
    forbrugslinjer_for,
    forbrugsprocent_sidste_aar_for,
    hvis_sygefravaer,
    kommentarer_for,
    standard_budgetaar,
    synlige_tilbud,
    tilbud_aar_for,
    tilbud_resultat,
)
from budgets.selectors.efterregulering import efterregulering_i_takst
from budgets.selectors.prognose import Centralprognose, prognose_for
from budgets.services import faste_udgifter_save, tilbud_aar_save
from config.lib import datastamp
from config.lib.excel import Tabel, xlsx_response
from config.lib.forms import add_service_errors
from config.lib.roles import OEKONOMI, TILBUDSLEDER, har_rolle
from offers.models import Tilbudstype, Tildelingsprincip
from offers.selectors import ophold_visible_to, tilbud_visible_to
from tariffs.selectors import timepristrin_for

FORKLARINGER = (
    "fast",
    "aktivitet_oprindeligt",
    "aktivitet_korrigeret",
    "forbrug",
    "forventet_regnskab",
    "basistakst",
    "bemanding",
)


def _aar_valg(request: HttpRequest) -> list[int]:
    """The years with a takstmodel, read once per request."""
    if not hasattr(request, "_aar_valg"):
        request._aar_valg = budgetaar_valg()
    return request._aar_valg


def _aar(request: HttpRequest) -> int:
    """``?aar=`` if it has a takstmodel, else the current or latest year."""
    valg = _aar_valg(request)
    raw = request.GET.get("aar", "")
    if raw.isdigit() and int(raw) in valg:
        return int(raw)
    aar = standard_budgetaar(timezone.localdate(), valg)
    if aar is None:
        raise Http404("Der er endnu ingen takstmodel at budgettere med.")
    return aar


def _kontekst(request: HttpRequest, aar: int) -> dict:
    return {"aar": aar, "aar_valg": _aar_valg(request), "idag": timezone.localdate()}


def _resultat(request: HttpRequest, pk: int, aar: int):
    tilbud = get_object_or_404(tilbud_visible_to(request.user), pk=pk)
    try:
        return tilbud_resultat(tilbud, aar, timezone.localdate())
    except TakstniveauUdenPris:
        raise  # the page says which code (_kan_ikke_beregnes)
    except BudgetGrundlagMangler as exc:
        raise Http404(str(exc)) from exc


def _kan_ikke_beregnes(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """A year whose takstmodel cannot price a code in force (data from before the
    rule in tariffs.services) is a Danish page naming the code, never a 500; a
    year being recomputed after a takst change says so (and reloads itself)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except TakstniveauUdenPris as exc:
            context = {**_kontekst(request, _aar(request)), "besked": str(exc)}
            side = "budgets/kan_ikke_beregnes.html"
            return render(request, side, context, status=409)
        except Genberegnes as exc:
            context = {**_kontekst(request, _aar(request)), "besked": str(exc)}
            svar = render(request, "budgets/genberegnes.html", context, status=503)
            svar["Refresh"] = "10"
            return svar

    return wrapper


def _vil_have_xlsx(request: HttpRequest) -> bool:
    return request.GET.get("format") == "xlsx"


@_kan_ikke_beregnes
def tilbud_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The tilbudsspecifik budgetmodel (DOMAIN.md §6) for the year."""
    aar = _aar(request)
    r = _resultat(request, pk, aar)
    dag = i_aaret(timezone.localdate(), aar)
    beboere = beboere_for(r, dag)
    tabel, ledger = (
        tabeller.maaned_tabel(r),
        tabeller.ledger_tabel(r.budget.ledger, aar),
    )
    beboer_tabel = tabeller.beboer_tabel(beboere)
    if _vil_have_xlsx(request):
        filnavn = f"budgetmodel_{r.tilbud.pk}_{aar}"
        return xlsx_response(filnavn, [tabel, beboer_tabel, ledger])
    side = Paginator(list(zip(ledger.raekker, r.budget.ledger, strict=True)), 20)
    context = {
        **_kontekst(request, aar),
        "r": r,
        "t": r.noegletal,
        "dag": dag,
        "tabel": tabel,
        "beboer_tabel": beboer_tabel,
        "ledger_side": side.get_page(request.GET.get("side")),
        "ledger_total": ledger.total,
        "advarsler": advarsler(r.grundlag, aar),
        "bemanding": bemanding_for(r, aarsgrundlag_for(aar)),
        "aarsvaerk_for": tabeller.AARSVAERK_FOR[r.grundlag.tildelingsprincip],
        "forbrugsprocent_sidste_aar": forbrugsprocent_sidste_aar_for(r),
        "forbrug_etiket": forbrug_etiket(r.noegletal),
        "afvigelse_forklaring": AFVIGELSE_FORKLARING,
        "graf": tabeller.maaned_graf(r),
        "graf_tabel": tabeller.maaned_graf_tabel(r),
        "kommentarer": kommentarer_for(r.tilbud, aar),
        "kommentar_form": KommentarForm(initial={"maaned": dag.month}),
        "kan_kommentere": _kan_kommentere(request),
        "kan_rette_faste": har_rolle(request.user, OEKONOMI),
        "principnavn": Tildelingsprincip(r.grundlag.tildelingsprincip).label,
        "dagspris": dagspris_visning(r.grundlag, r.prisliste, aar),
        # Issue 17: an STU's students by the school year they started.
        "skoleaar": engine.elever_pr_skoleaar(
            o.tilgang for o in r.opholdene if o.annulleret is None
        )
        if r.tilbud.tilbudstype == Tilbudstype.STU
        else (),
    }
    return render(request, "budgets/tilbud_detail.html", context)


def _kan_kommentere(request: HttpRequest) -> bool:
    return har_rolle(request.user, TILBUDSLEDER) or har_rolle(request.user, OEKONOMI)


@require_POST
def kommentar_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    tilbud = get_object_or_404(tilbud_visible_to(request.user), pk=pk)
    if not _kan_kommentere(request):
        raise PermissionDenied("Kun tilbudsledere og økonomi kan kommentere.")
    aar = _aar(request)
    form = KommentarForm(request.POST)
    if form.is_valid():
        try:
            kommentar_create(
                tilbud=tilbud, aar=aar, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as err:
            form.add_error(None, err)
    if form.errors:
        for fejl in form.errors.values():
            messages.error(request, f"Kommentaren blev ikke gemt: {fejl[0]}")
    else:
        messages.success(request, "Kommentaren er gemt.")
    url = reverse("budgets:tilbud-detail", args=[tilbud.pk])
    return redirect(f"{url}?aar={aar}#kommentarer")


def faste_udgifter(request: HttpRequest, pk: int) -> HttpResponse:
    """Økonomi sets a tilbud's fixed costs of a year and sees the basistakst (§4)."""
    if not har_rolle(request.user, OEKONOMI):
        raise PermissionDenied("Kun økonomi kan rette faste udgifter.")
    tilbud = get_object_or_404(tilbud_visible_to(request.user), pk=pk)
    aar = _aar(request)
    gemte = {f.kategori: f.beloeb for f in faste_udgifter_for(tilbud, aar)}
    form = FasteUdgifterForm(request.POST or None, gemte=gemte)
    if request.method == "POST" and form.is_valid():
        try:
            faste_udgifter_save(
                tilbud=tilbud,
                aar=aar,
                acting_user=request.user,
                beloeb_pr_kategori=form.beloeb_pr_kategori(),
            )
        except ValidationError as err:
            add_service_errors(form, err, {})
        else:
            messages.success(request, f"De faste udgifter for {aar} er gemt.")
            url = reverse("budgets:faste-udgifter", args=[tilbud.pk])
            return redirect(f"{url}?aar={aar}")
    context = {
        **_kontekst(request, aar),
        "tilbud": tilbud,
        "form": form,
        "faste_i_alt": sum(gemte.values(), Decimal(0)),
        "basistakst": basistakst_for(tilbud, aar),
        "indstillinger": tilbud_aar_for(tilbud, aar),
    }
    return render(request, "budgets/faste_udgifter.html", context)


def tilbud_aar(request: HttpRequest, pk: int) -> HttpResponse:
    """Økonomi sets a tilbud's pladser, tildelingsprincip, forudsat belægning,
    reguleringsandel and gennemsnitstakst (issue 17) for the year; other years
    keep theirs (issue 13 #1)."""
    if not har_rolle(request.user, OEKONOMI):
        raise PermissionDenied("Kun økonomi kan rette tilbuddets indstillinger.")
    tilbud = get_object_or_404(tilbud_visible_to(request.user), pk=pk)
    aar = _aar(request)
    indstillinger = tilbud_aar_for(tilbud, aar)
    form = TilbudAarForm(
        request.POST or None,
        initial=TilbudAarForm.initial_fra(indstillinger),
        aar=aar,
    )
    for felt in form.fields.values():
        felt.disabled = indstillinger.laast  # shown, not changed (the service refuses)
    if request.method == "POST" and form.is_valid():
        try:
            tilbud_aar_save(
                tilbud=tilbud, aar=aar, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as err:
            add_service_errors(form, err, {})
        else:
            messages.success(request, f"Indstillingerne for {aar} er gemt.")
            url = reverse("budgets:tilbud-aar", args=[tilbud.pk])
            return redirect(f"{url}?aar={aar}")
    context = {
        **_kontekst(request, aar),
        "tilbud": tilbud,
        "form": form,
        "indstillinger": indstillinger,
    }
    return render(request, "budgets/tilbud_aar.html", context)


@_kan_ikke_beregnes
def forklaring(request: HttpRequest, pk: int, felt: str) -> HttpResponse:
    """How a budget figure is computed: formula, inputs and the events behind it."""
    if felt not in FORKLARINGER:
        raise Http404("Ukendt tal.")
    aar = _aar(request)
    r = _resultat(request, pk, aar)
    grundaar = aarsgrundlag_for(aar)
    blokke = forklaringsblokke(felt, r.grundlag.tildelingsprincip)
    ledger = tabeller.ledger_tabel(r.budget.ledger, aar)
    context = {
        **_kontekst(request, aar),
        "r": r,
        "t": r.noegletal,
        "felt": felt,
        "blokke": blokke,
        "grundaar": grundaar,
        "bemanding": bemanding_for(r, grundaar),
        "aarsvaerk_for": tabeller.AARSVAERK_FOR[r.grundlag.tildelingsprincip],
        "ledger": ledger,
        "forbrug_etiket": forbrug_etiket(r.noegletal),
        "afvigelse_ord": afvigelse_ord(r.noegletal.afvigelse),
        "dagspris": dagspris_visning(r.grundlag, r.prisliste, aar),
        # Issue 17: the timeprismodel the tilbud's takster and staffing use.
        "timeprisvalg": grundaar.timeprisvalg(r.grundlag.timeprismodel),
    }
    if "faste" in blokke:
        context["faste"] = faste_udgifter_for(r.tilbud, aar)
    if "takstblad" in blokke:
        context["takstblad"] = tabeller.takstblad_tabel(r, grundaar)
    if "takstblad" in blokke or "faste" in blokke:
        context["efterregulering"] = efterregulering_i_takst(r.tilbud, aar)
    if "timepris" in blokke:
        context["trin"] = _trin_tabel(grundaar, r.grundlag.timeprismodel)
    if "maaneder" in blokke:
        tabel = tabeller.maaned_tabel(r)
        context["tabel"] = tabeller.udsnit(tabel, MAANEDSKOLONNER[felt])
    if "forbrug" in blokke:
        context["forbrugslinjer"] = forbrugslinjer_for(r.tilbud, aar)
    return render(request, "budgets/forklaring.html", context)


@_kan_ikke_beregnes
def takstblad(request: HttpRequest, pk: int) -> HttpResponse:
    """The takst sheet for buyer municipalities; printable and as Excel."""
    aar = _aar(request)
    r = _resultat(request, pk, aar)
    grundaar = aarsgrundlag_for(aar)
    tabel = tabeller.takstblad_tabel(r, grundaar)
    trin = _trin_tabel(grundaar, r.grundlag.timeprismodel)
    if _vil_have_xlsx(request):
        tabeller_ = [tabel, trin] if trin else [tabel]
        return xlsx_response(f"takstblad_{r.tilbud.pk}_{aar}", tabeller_)
    context = {
        **_kontekst(request, aar),
        "r": r,
        "tabel": tabel,
        "trin": trin,
        "timeprisvalg": grundaar.timeprisvalg(r.grundlag.timeprismodel),
        "dagspris": dagspris_visning(r.grundlag, r.prisliste, aar),
        "efterregulering": efterregulering_i_takst(r.tilbud, aar),
        "timepriser": grundaar.timepriser,
        "ekstratimer_procent": (
            grundaar.takstmodel.timeprismodel.ekstratimer_direkte_procent
        ),
    }
    return render(request, "budgets/takstblad.html", context)


def _trin_tabel(grundaar: Aarsgrundlag, timeprismodel: int | None) -> Tabel | None:
    """The timeprisgrupper (issue 17) of the timeprismodel a tilbud uses (its
    own, or None: the takstmodel's) as a table; None without tiers."""
    valg = grundaar.timeprisvalg(timeprismodel)
    trin = timepristrin_for(grundaar.takstmodel, valg.model)
    return tabeller.timepristrin_tabel(trin, grundaar.aar) if trin else None


CENTRAL_PR_SIDE = 50
# The central table's chosen columns, kept for the rest of the session.
SESSION_KOLONNER = "central_kolonner"


def _kolonnevalg(request: HttpRequest) -> tuple[str, ...]:
    """The central table's columns: the chooser's ``?kolonner=…`` (remembered in
    the session), else the remembered choice, else the standard (issue 15)."""
    valg = request.GET.get("kolonnevalg")
    if valg == "standard":
        request.session.pop(SESSION_KOLONNER, None)
    elif valg is not None:
        kendte = tabeller.CENTRAL_NOEGLER
        valgte = [k for k in request.GET.getlist("kolonner") if k in kendte]
        request.session[SESSION_KOLONNER] = valgte
    gemt = request.session.get(SESSION_KOLONNER)
    return tabeller.CENTRAL_STANDARD if gemt is None else tuple(gemt)


@_kan_ikke_beregnes
def central(request: HttpRequest) -> HttpResponse:
    """The central budgetmodel (DOMAIN.md §7) over the tilbud the user may see."""
    aar, idag = _aar(request), timezone.localdate()
    sort = request.GET.get("sort", "navn")
    faldende = request.GET.get("retning") == "ned"
    if _vil_have_xlsx(request):
        model = central_for(request.user, aar, idag)
        prognoser = prognose_for(request.user, aar, idag).pr_tilbud
        tabel = tabeller.central_tabel(model, prognoser, sort, faldende)
        return xlsx_response(
            f"central_budgetmodel_{aar}",
            [
                tabel,
                tabeller.central_typer_tabel(model, prognoser),
                tabeller.central_grupperet_tabel(model, prognoser),
            ],
        )
    # What this page shows of the model is small (the totals, one page of the
    # table, the charts); the model itself is not (1,500 rows). One rendering per
    # committed data, day, set of tilbud and address is kept in the shared
    # cache, so a request reads a few kB instead of unpickling the model.
    synlige = synlige_tilbud(request.user)
    valgte = _kolonnevalg(request)
    parts = (aar, idag, synlige and sorted(synlige), request.get_full_path(), valgte)
    visning = datastamp.cached(
        "central-side",
        parts,
        lambda: _central_visning(request, aar, idag, sort, faldende, valgte),
    )
    context = {
        **_kontekst(request, aar),
        **visning,
        "er_oekonomi": har_rolle(request.user, OEKONOMI),
        "ser_alle": synlige is None,
    }
    return render(request, "budgets/central.html", context)


def _central_visning(
    request,
    aar: int,
    idag: datetime.date,
    sort: str,
    faldende: bool,
    valgte: tuple[str, ...],
) -> dict:
    model = central_for(request.user, aar, idag)
    # Issue 19: the prognose beside budget and forbrug (cached as the model is).
    p = prognose_for(request.user, aar, idag)
    tabel_html, graf, paa_siden = _central_side(
        request, model, p, aar, sort, faldende, valgte
    )
    graf_maaneder, graf_belaegning = tabeller.central_graf_tabeller(
        model, p.pr_maaned, paa_siden
    )
    return {
        "graf_maaneder": graf_maaneder,
        "graf_belaegning": graf_belaegning,
        "central": {
            "total": model.total,
            "sidste_aar_total": model.sidste_aar_total,
            "antal_tilbud": len(model.raekker),
            "eneste_tilbud": model.raekker[0][0].navn
            if len(model.raekker) == 1
            else "",
            "forbrug_etiket": forbrug_etiket(model.total),
            "afvigelse_ord": afvigelse_ord(model.total.afvigelse),
        },
        "tabel_html": tabel_html,
        "typer": tabeller.central_typer_tabel(model, p.pr_tilbud),
        "graf": graf,
        "prognose_i_alt": p.i_alt,
        "niveau_raekker": sorted(model.total.borgere_pr_niveau.items()),
    }


def _central_side(
    request,
    model,
    p: Centralprognose,
    aar: int,
    sort: str,
    faldende: bool,
    valgte: tuple[str, ...],
) -> tuple[str, dict, frozenset[int]]:
    """One page of the sortable table (1,500 tilbud nationally) as HTML, the
    chart data (belægning for the tilbud on that page) and those tilbud's ids."""
    tabel = tabeller.central_tabel(model, p.pr_tilbud, sort, faldende, valgte)
    vises = tabeller.central_kolonner(valgte)
    if sort not in vises:
        sort = "navn"  # a hidden column sorts nothing the user can see
    med_advarsel = {g.id: a for g, _ in model.raekker if (a := advarsler(g, aar))}
    par = zip(tabel.links, tabel.raekker, strict=True)
    raekker = [(pk, celler, med_advarsel.get(pk, ())) for pk, celler in par]
    side = Paginator(raekker, CENTRAL_PR_SIDE).get_page(request.GET.get("side"))
    context = {
        "aar": aar,
        "tabel": tabel,
        "sort": sort,
        "faldende": faldende,
        "raekker": side.object_list,
        "side": side,
        "anker": "#centraltabel",
        # The prognose cells link to the tilbud's prognose page (issue 19).
        "prognose_kolonne": vises.index("prognose") if "prognose" in vises else -1,
        "tabel_kolonner": list(zip(vises, tabel.kolonner, strict=True)),
        "kolonnevalg": [
            (noegle, k.navn, noegle in vises)
            for noegle, k in tabeller.central_kolonner_for(model).items()
            if noegle != "navn"
        ],
        "params": {
            p: request.GET[p]
            for p in ("aar", "sort", "retning", "side")
            if p in request.GET
        },
        "request": request,
        "antal_med_advarsel": len(med_advarsel),
        "afvigelse_forklaring": AFVIGELSE_FORKLARING,
    }
    html = render_to_string("budgets/_central_tabel.html", context, request=request)
    paa_siden = frozenset(pk for pk, *_ in side.object_list)
    grafer = tabeller.central_grafer(
        model, aarsgrundlag_for(aar), paa_siden, p.pr_maaned
    )
    return html, grafer, paa_siden


@_kan_ikke_beregnes
def hvis(request: HttpRequest) -> HttpResponse:
    """What-if on sick leave: new timepris, every takst and every budget (§2)."""
    if not har_rolle(request.user, OEKONOMI):
        raise PermissionDenied("Kun økonomi kan bruge hvad-nu-hvis.")
    aar = _aar(request)
    form = HvisForm(request.GET if "sygefravaer" in request.GET else None)
    resultat = None
    if form.is_valid():
        try:
            resultat = hvis_sygefravaer(
                request.user,
                aar,
                form.cleaned_data["sygefravaer"],
                timezone.localdate(),
            )
        except ValueError as exc:
            form.add_error("sygefravaer", str(exc))
    context = {**_kontekst(request, aar), "form": form, "hvis": resultat}
    if resultat is not None:
        context["niveau_tabel"], context["tilbud_tabel"] = tabeller.hvis_tabeller(
            resultat
        )
        context["timeprismodel_takstmodel_pk"] = aarsgrundlag_for(aar).takstmodel.pk
        egne = [tabeller.hvis_egne_tabel(resultat)] if resultat.egne else []
        context["egne_tabel"] = egne[0] if egne else None
        if _vil_have_xlsx(request):
            alle = [
                tabeller.hvis_timepris_tabel(resultat),
                *egne,
                *tabeller.hvis_tabeller(resultat),
            ]
            return xlsx_response(f"hvis_{aar}", alle)
    return render(request, "budgets/hvis.html", context)


def effekt(request: HttpRequest, pk: int) -> HttpResponse:
    """After a placement event: show its budget effect on the borger page."""
    ophold = get_object_or_404(ophold_visible_to(request.user), pk=pk)
    try:
        dato = datetime.date.fromisoformat(request.GET.get("dato", ""))
    except ValueError:
        raise Http404("Ugyldig dato.") from None
    effekter = budgeteffekter_for(
        request.user,
        ophold,
        request.GET.get("haendelse", ""),
        dato,
        timezone.localdate(),
    )
    for e in effekter:  # an omplacering: the leaving tilbud, then the receiving
        tekst = budgeteffekt_tekst(e.regulering, e.tilbud, e.naeste_aar, e.falder_fra)
        messages.info(request, f"Budgeteffekt: {tekst}.")
    if not effekter:
        messages.warning(
            request,
            f"Budgeteffekten kan ikke beregnes: ingen takstmodel for {dato.year}.",
        )
    return redirect(ophold.borger)
