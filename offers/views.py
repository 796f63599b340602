"""Pages of the myndighedsrådgiver (issue 5): thin views over selectors and services.

A CPR number is only ever sent by POST and never shown back; URLs carry pks.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from config.lib.formatting import format_dato
from config.lib.forms import add_service_errors
from config.lib.roles import MYNDIGHED, OEKONOMI, TILBUDSLEDER, har_rolle, roller_for
from offers import cpr as cpr_lib
from offers import engine, kapacitet, services
from offers.doegntakst import doegntakst_paa
from offers.forms import (
    AfgangForm,
    BetalingskommuneForm,
    BorgerForm,
    BorgerSoegForm,
    CprSoegForm,
    DoegnskemaForm,
    IndplaceringForm,
    OmplaceringForm,
    TilgangForm,
    doegnskema_initial,
)
from offers.models import Borger, Doegnskema, Ophold
from offers.selectors import (
    aabent_ophold,
    aktuelt_ophold,
    borger_annulleringer,
    borger_betalingskommuner,
    borger_doegnskemaer,
    borger_ophold,
    borgere_med_betalingskommune,
    borgere_search,
    borgere_visible_to,
    doegnskema_raekker,
    gaeldende_niveaukode,
    loebende_ophold,
    niveauer_for_aar,
    takstniveau_paa,
    tilbud_visible_to,
)
from offers.selectors_progression import (
    borger_progression,
    opfoelgninger_due,
    progression_graf,
)
from offers.services.betalingskommune import betalingskommune_set

PR_SIDE = 25
CPR_IKKE_FUNDET = "Der er ingen borger med dette CPR-nummer, som du har adgang til."
CPR_I_ADRESSEN = (
    "Et CPR-nummer søges i feltet »Søg på CPR-nummer«, så det ikke kommer i "
    "adresselinjen. Der er ikke søgt."
)
NIVEAU_FELTER = {"takstniveau": "niveau", "gyldig_fra": "gyldig_fra"}


def start(request: HttpRequest) -> HttpResponse:
    """The start page: what each role does first."""
    roller = roller_for(request.user)
    idag = timezone.localdate()
    context = {
        # Issue 19 item 4: the rådgiver's follow-ups due by today + 30 days.
        "opfoelgninger": (
            opfoelgninger_due(request.user, idag) if MYNDIGHED in roller else []
        ),
        "idag": idag,
        "opfoelgning_graense": idag
        + datetime.timedelta(days=engine.OPFOELGNING_HORISONT_DAGE),
        "er_myndighed": MYNDIGHED in roller,
        "er_leder": TILBUDSLEDER in roller,
        "er_oekonomi": OEKONOMI in roller or request.user.is_superuser,
        "tilbud_list": tilbud_visible_to(request.user).order_by("navn"),
    }
    return render(request, "offers/start.html", context)


@login_not_required
def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def _kraev_myndighed(request: HttpRequest) -> None:
    if not har_rolle(request.user, MYNDIGHED):
        raise PermissionDenied("Kun myndighedsrådgivere kan registrere placeringer.")


def _side(request: HttpRequest, qs, pr_side: int = PR_SIDE):
    return Paginator(qs, pr_side).get_page(request.GET.get("side"))


def borger_list(request: HttpRequest) -> HttpResponse:
    """The name search; sent by POST, so what is typed reaches a URL (and the
    access log) only once it is known not to look like a CPR number."""
    if request.method == "POST":
        return _navnesoegning(request)
    soeg = BorgerSoegForm(request.GET or None)
    navn = soeg.cleaned_data["navn"] if soeg.is_valid() else ""
    if cpr_lib.ligner_cpr(navn):  # put in the address by hand: not searched or shown
        return _borger_liste(request, BorgerSoegForm(), "", CPR_I_ADRESSEN)
    return _borger_liste(request, soeg, navn)


def _borger_liste(
    request: HttpRequest, soeg: BorgerSoegForm, navn: str, cpr_fejl: str = ""
) -> HttpResponse:
    side = _side(request, borgere_search(request.user, navn))
    context = {
        "soeg": soeg,
        "cpr_form": CprSoegForm(),  # never bound: the CPR is not shown back
        "cpr_fejl": cpr_fejl,
        "side": side,
        "borgere": borgere_med_betalingskommune(list(side), request.user),
        "query": urlencode({"navn": navn}) if navn else "",
        "kan_oprette": har_rolle(request.user, MYNDIGHED),
    }
    return render(request, "offers/borger_list.html", context)


def _navnesoegning(request: HttpRequest) -> HttpResponse:
    """Anything CPR-shaped typed as a name is a CPR search; a name is redirected
    to the bookmarkable GET list."""
    soeg = BorgerSoegForm(request.POST)
    navn = soeg.cleaned_data["navn"].strip() if soeg.is_valid() else ""
    if cpr_lib.ligner_cpr(request.POST.get("navn", "")):
        return _cpr_soegning(request, CprSoegForm({"cpr": request.POST["navn"]}))
    url = reverse("offers:borger-list")
    return redirect(f"{url}?{urlencode({'navn': navn})}" if navn else url)


@require_POST
def borger_cpr_search(request: HttpRequest) -> HttpResponse:
    """Find a borger by CPR through the keyed hash; the CPR is never echoed back."""
    return _cpr_soegning(request, CprSoegForm(request.POST))


def _cpr_soegning(request: HttpRequest, form: CprSoegForm) -> HttpResponse:
    if form.is_valid():
        borger = services.borger_find_by_cpr(form.cleaned_data["cpr"])
        if borger and borgere_visible_to(request.user).filter(pk=borger.pk).exists():
            return redirect(borger)
        fejl = CPR_IKKE_FUNDET
    else:
        fejl = form.errors["cpr"][0]
    return _borger_liste(request, BorgerSoegForm(), "", cpr_fejl=fejl)


def borger_create(request: HttpRequest) -> HttpResponse:
    _kraev_myndighed(request)
    form = BorgerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            borger = services.borger_create(
                **form.cleaned_data, acting_user=request.user
            )
        except ValidationError as err:
            add_service_errors(form, err, {})
        else:
            messages.success(request, f"{borger.navn} er oprettet.")
            return redirect(borger)
    return render(request, "offers/borger_form.html", {"form": form})


def borger_detail(request: HttpRequest, pk: int) -> HttpResponse:
    borger = get_object_or_404(borgere_visible_to(request.user), pk=pk)
    skemaer = [
        (skema, services.doegnskema_timer_pr_doegn(skema))
        for skema in borger_doegnskemaer(borger, request.user)
    ]
    # A tilbudsleder sees the period in their own tilbud only (issue 14).
    ophold = list(borger_ophold(borger, request.user))
    betalingskommuner = list(borger_betalingskommuner(borger, request.user))
    idag = timezone.localdate()
    # A registered afgang in the future leaves the borger living there until its day.
    aktuelt = engine.aktuelt_ophold(ophold, idag)
    progression = borger_progression(borger, idag, request.user)
    context = {
        "idag": idag,
        "progression": progression,
        "progression_graf": progression_graf(progression, idag),
        "borger": borger,
        "ophold_list": ophold,
        "aktuelt": aktuelt,
        "kommende": engine.kommende_ophold(ophold, idag),
        "aabent": next((o for o in ophold if o.afgang is None), None),
        "niveau": _gaeldende(aktuelt, idag),
        "doegntakst": doegntakst_paa(aktuelt, idag),
        "skemaer": skemaer,
        "kan_registrere": har_rolle(request.user, MYNDIGHED),
        # An afgang that is an omplacering is annulled with the omplacering.
        "flyttet_videre": {o.omplaceret_fra_id for o in ophold},
        "annulleringer": borger_annulleringer(borger, request.user),
        "betalingskommuner": betalingskommuner,
        "betalingskommune_i_dag": _i_kraft(betalingskommuner, idag),
    }
    return render(request, "offers/borger_detail.html", context)


def _i_kraft(betalingskommuner, idag) -> str:
    """The code in force today (blank: own), from the rows oldest first."""
    gaeldende = [b for b in betalingskommuner if b.gyldig_fra <= idag]
    return gaeldende[-1].kommunekode if gaeldende else ""


def _gaeldende(ophold, idag):
    """The indplacering in force today in the current stay (it begins at tilgang)."""
    if ophold is None:
        return None
    gaeldende = [i for i in ophold.indplaceringer.all() if i.gyldig_fra <= idag]
    return gaeldende[-1] if gaeldende else None


def _niveauer_data(aar_list: list[int]) -> dict:
    data = {
        aar: [
            {
                "kode": n.kode,
                "navn": n.navn,
                "nedre": str(n.nedre),
                "oevre": str(n.oevre) if n.oevre is not None else None,
                "saertakst": n.saertakst,
                "enhed": n.takstmodel.enhed,
            }
            for n in niveauer_for_aar(aar)
        ]
        for aar in aar_list
    }
    return data


def doegnskema_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A saved døgnskema, read-only (issue 15 #3), with a copy link for myndighed."""
    synlige = Doegnskema.objects.filter(borger__in=borgere_visible_to(request.user))
    skema = get_object_or_404(synlige.select_related("borger"), pk=pk)
    # A tilbudsleder sees only the døgnskemaer of their stays (as on the borger page).
    skema = get_object_or_404(borger_doegnskemaer(skema.borger, request.user), pk=pk)
    context = {
        "borger": skema.borger,
        "skema": skema,
        "tidsrum": DoegnskemaForm.tidsrum(),
        "raekker": doegnskema_raekker(skema),
        "timer": services.doegnskema_timer_pr_doegn(skema),
        "kan_registrere": har_rolle(request.user, MYNDIGHED),
    }
    return render(request, "offers/doegnskema_detail.html", context)


def _kopi_initial(request: HttpRequest, borger: Borger) -> dict:
    """?kopi=<id>: a døgnskema of the same borger prefills the new one; another
    borger's (or an unknown) id is a 404."""
    kopi = request.GET.get("kopi")
    if kopi is None or request.method != "GET":
        return {}
    if not kopi.isdigit():
        raise Http404("Ukendt døgnskema.")
    skema = get_object_or_404(borger_doegnskemaer(borger, request.user), pk=kopi)
    messages.info(
        request,
        f"Kopi af døgnskemaet fra {format_dato(skema.dato)}: ret det, der er "
        "ændret, og gem det som et nyt døgnskema.",
    )
    return doegnskema_initial(skema)


def doegnskema_create(request: HttpRequest, pk: int) -> HttpResponse:
    _kraev_myndighed(request)
    borger = get_object_or_404(borgere_visible_to(request.user), pk=pk)
    idag = timezone.localdate()
    initial = {**_kopi_initial(request, borger), "dato": idag}
    form = DoegnskemaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            skema = services.doegnskema_create(
                borger=borger,
                dato=form.cleaned_data["dato"],
                poster=form.poster(),
                ugeposter=form.ugeposter(),
                bemaerkning=form.cleaned_data["bemaerkning"],
                acting_user=request.user,
            )
        except ValidationError as err:
            add_service_errors(form, err, {})
        else:
            messages.success(
                request, f"Døgnskemaet er gemt ({format_dato(skema.dato)})."
            )
            loebende = loebende_ophold(borger, idag)
            naeste = "indplacering" if loebende else "tilgang"
            url = reverse(f"offers:{naeste}-create", args=[borger.pk])
            return redirect(f"{url}?doegnskema={skema.pk}")
    aar = [idag.year - 1, idag.year, idag.year + 1]
    context = {"borger": borger, "form": form, "niveauer_data": _niveauer_data(aar)}
    return render(request, "offers/doegnskema_form.html", context)


def _forslag(borger: Borger, skema_pk: str | None, dato) -> dict:
    """The døgnskema's total and suggested level, shown beside the level choice."""
    skema = (
        Doegnskema.objects.filter(borger=borger, pk=skema_pk).first()
        if (skema_pk and skema_pk.isdigit())
        else None
    )
    if skema is None:
        return {"skema": None}
    return {
        "skema": skema,
        "timer": services.doegnskema_timer_pr_doegn(skema),
        "forslag": services.foreslaaet_takstniveau(skema, dato.year),
        "aar": dato.year,
    }


def _placering_initial(request: HttpRequest, borger: Borger, datofelt: str) -> dict:
    idag = timezone.localdate()
    forslag = _forslag(borger, request.GET.get("doegnskema"), idag)
    initial = {datofelt: idag, "doegnskema": forslag["skema"]}
    if forslag.get("forslag"):
        initial["niveau"] = forslag["forslag"].kode
    return {"initial": initial, "forslag": forslag}


def _effekt_url(ophold, haendelse: str, dato) -> str:
    url = reverse("budgets:effekt", args=[ophold.pk])
    return f"{url}?{urlencode({'haendelse': haendelse, 'dato': dato.isoformat()})}"


def indplacering_create(request: HttpRequest, pk: int) -> HttpResponse:
    _kraev_myndighed(request)
    borger = get_object_or_404(borgere_visible_to(request.user), pk=pk)
    start = _placering_initial(request, borger, "gyldig_fra")
    form = IndplaceringForm(
        request.POST or None, initial=start["initial"], borger=borger
    )
    if request.method == "POST" and form.is_valid():
        try:
            indplacering = services.indplacering_create(
                borger=borger,
                gyldig_fra=form.cleaned_data["gyldig_fra"],
                acting_user=request.user,
                **form.service_kwargs(),
            )
        except ValidationError as err:
            add_service_errors(form, err, NIVEAU_FELTER)
        else:
            messages.success(request, f"Indplaceringen er gemt: {indplacering}.")
            return redirect(
                _effekt_url(
                    indplacering.ophold, "indplacering", indplacering.gyldig_fra
                )
            )
    context = {
        "borger": borger,
        "form": form,
        **start["forslag"],
        "titel": "Indplacering",
    }
    return render(request, "offers/placering_form.html", context)


@dataclass(frozen=True)
class _Flytning:
    """What the tilgang and omplacering pages do differently; the level
    suggestion, errors and redirect to the budget effect are the same."""

    titel: str
    form_class: type[TilgangForm]
    registrer: Callable[..., Ophold]  # the service, given the chosen tilbud
    besked: Callable[[Ophold], str]
    viser_bor_nu: bool = False  # the stay the borger is moved from


_TILGANG = _Flytning(
    titel="Tilgang",
    form_class=TilgangForm,
    registrer=lambda *, tilbud, **kw: services.borger_tilgang(tilbud=tilbud, **kw),
    besked=lambda o: f"Tilgang til {o.tilbud} {format_dato(o.tilgang)}.",
)
_OMPLACERING = _Flytning(
    titel="Omplacering",
    form_class=OmplaceringForm,
    registrer=lambda *, tilbud, **kw: services.omplacering(til_tilbud=tilbud, **kw),
    besked=lambda o: (
        f"Omplacering fra {o.omplaceret_fra.tilbud} til {o.tilbud} "
        f"{format_dato(o.tilgang)}."
    ),
    viser_bor_nu=True,
)


def tilgang_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _flytning_create(request, pk, _TILGANG)


def _flyttes_fra(borger: Borger, initial: dict, tilbud_qs):
    """An omplacering: the tilbud the borger lives in is no target, and the level
    they have there is preselected if this year's takstmodel has it (a level
    suggested by a chosen døgnskema comes first)."""
    ophold = loebende_ophold(borger, initial["dato"])
    if ophold is None:
        return tilbud_qs
    kode = gaeldende_niveaukode(ophold, initial["dato"])
    if "niveau" not in initial and kode and takstniveau_paa(kode, initial["dato"]):
        initial["niveau"] = kode
    return tilbud_qs.exclude(pk=ophold.tilbud_id)


def _flytning_create(
    request: HttpRequest, pk: int, flytning: _Flytning
) -> HttpResponse:
    _kraev_myndighed(request)
    borger = get_object_or_404(borgere_visible_to(request.user), pk=pk)
    start = _placering_initial(request, borger, "dato")
    tilbud_qs = tilbud_visible_to(request.user).order_by("navn")
    if flytning.viser_bor_nu:
        tilbud_qs = _flyttes_fra(borger, start["initial"], tilbud_qs)
    form = flytning.form_class(
        request.POST or None,
        initial=start["initial"],
        borger=borger,
        tilbud_qs=tilbud_qs,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            ophold = flytning.registrer(
                borger=borger,
                tilbud=d["tilbud"],
                dato=d["dato"],
                acting_user=request.user,
                **form.service_kwargs(),
            )
        except ValidationError as err:
            add_service_errors(form, err, NIVEAU_FELTER)
        else:
            messages.success(request, flytning.besked(ophold))
            # Issue 19 #3: over the tilbud's pladser is allowed, and said.
            for advarsel in kapacitet.tilgang_advarsler(ophold):
                messages.warning(request, advarsel)
            return redirect(_effekt_url(ophold, "tilgang", ophold.tilgang))
    context = {
        "borger": borger,
        "form": form,
        **start["forslag"],
        "titel": flytning.titel,
    }
    if flytning.viser_bor_nu:
        context["aabent"] = aktuelt_ophold(borger, timezone.localdate())
    return render(request, "offers/placering_form.html", context)


def afgang_create(request: HttpRequest, pk: int) -> HttpResponse:
    _kraev_myndighed(request)
    borger = get_object_or_404(borgere_visible_to(request.user), pk=pk)
    idag = timezone.localdate()
    form = AfgangForm(request.POST or None, initial={"dato": idag}, idag=idag)
    if request.method == "POST" and form.is_valid():
        try:
            ophold = services.borger_afgang(
                borger=borger,
                dato=form.cleaned_data["dato"],
                acting_user=request.user,
                **form.service_kwargs(),
            )
        except ValidationError as err:
            add_service_errors(form, err, {})
        else:
            messages.success(
                request, f"Afgang fra {ophold.tilbud} {format_dato(ophold.afgang)}."
            )
            return redirect(_effekt_url(ophold, "afgang", ophold.afgang))
    context = {
        "borger": borger,
        "form": form,
        "aabent": aabent_ophold(borger),
        "loebende": loebende_ophold(borger, idag),
    }
    return render(request, "offers/afgang_form.html", context)


def betalingskommune_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A change of betalingskommune from a date (issue 13 #1)."""
    _kraev_myndighed(request)
    borger = get_object_or_404(borgere_visible_to(request.user), pk=pk)
    form = BetalingskommuneForm(
        request.POST or None, initial={"gyldig_fra": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            raekke = betalingskommune_set(
                borger=borger, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as err:
            add_service_errors(form, err, {})
        else:
            hvem = raekke.kommunekode or "Egen kommune"
            messages.success(
                request,
                f"Betalingskommune {hvem} fra {format_dato(raekke.gyldig_fra)}.",
            )
            return redirect(borger)
    context = {
        "borger": borger,
        "form": form,
        "betalingskommuner": borger_betalingskommuner(borger),
    }
    return render(request, "offers/betalingskommune_form.html", context)


def omplacering_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _flytning_create(request, pk, _OMPLACERING)


def tilbud_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A tilbud's page is its tilbudsspecifik budgetmodel."""
    tilbud = get_object_or_404(tilbud_visible_to(request.user), pk=pk)
    return redirect("budgets:tilbud-detail", pk=tilbud.pk)
