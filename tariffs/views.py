"""The økonomichef's tariff pages: timeprismodel and takstmodel per year (issue 5).

Every derived figure is shown from the engine; "Beregn" shows the figures of what
was typed without saving, "Gem" saves through the service. A change of the
year's takster takes the date it applies from, and "Vis virkning" shows its
effect on every tilbud's aktivitetsbudget before "Gem ændringen" (issue 13 #3):
through tariffs.budgetvirkning, which budgets answers, as the API does.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from config.lib.forms import add_service_errors
from config.lib.roles import OEKONOMI, har_rolle
from tariffs import engine
from tariffs.budgetvirkning import Takstvirkning, takstaendring_virkning
from tariffs.forms import (
    GyldigFraForm,
    TakstniveauFormSet,
    TimeprismodelForm,
    takstniveauer_initial,
    timeprismodel_initial,
)
from tariffs.models import (
    FravaerKategori,
    Takstmodel,
    TidsanvendelseKategori,
    Timeprismodel,
)
from tariffs.selectors import (
    TIMEPRIS_RELATIONER,
    Aarsstatus,
    budgetaar_status,
    servicetakster_for,
    timepriser_for,
    timeprisgrundlag_for,
    timepristrin_for,
)
from tariffs.services import (
    NiveauFejl,
    takstmodel_save,
    timeprismodel_kopier,
    timeprismodel_save,
    timeprismodel_slet,
)

INGEN_TAKSTMODEL = "Der er ingen takstmodel for {aar}."


def _kraev_oekonomi(request: HttpRequest) -> None:
    if not har_rolle(request.user, OEKONOMI):
        raise PermissionDenied("Kun økonomi kan ændre timepris og takster.")


def takstmodel_list(request: HttpRequest) -> HttpResponse:
    modeller = Takstmodel.objects.select_related("timeprismodel").prefetch_related(
        "niveauer", *(f"timeprismodel__{r}" for r in TIMEPRIS_RELATIONER)
    )
    # Issue 17: each year's other timeprismodeller (a tilbud's own).
    andre = Timeprismodel.objects.prefetch_related(*TIMEPRIS_RELATIONER).exclude(
        takstmodeller__isnull=False
    )
    pr_aar: dict[int, list] = {}
    for tp in andre.order_by("navn"):
        pr_aar.setdefault(tp.aar, []).append((tp, timepriser_for(tp)))
    raekker = [
        (
            m,
            timepriser_for(m.timeprismodel),
            servicetakster_for(m),
            pr_aar.get(m.aar, []),
        )
        for m in modeller
    ]
    context = {"raekker": raekker, "kan_rette": har_rolle(request.user, OEKONOMI)}
    return render(request, "tariffs/takstmodel_list.html", context)


def _grundlag(form: TimeprismodelForm) -> engine.Timeprisgrundlag:
    """What was typed as engine input; ValueError for tiers that overlap."""

    def linjer(prefix, kategorier):
        return tuple(engine.Linje(**li) for li in form.linjer(prefix, kategorier))

    grupper = tuple(engine.Timeprisgruppe(**g) for g in form.grupper())
    fejl = engine.gruppe_fejl(grupper)
    if fejl:
        raise ValueError(" ".join(fejl))
    return engine.Timeprisgrundlag(
        aarsloen=form.cleaned_data["aarsloen"],
        aarsnorm_timer=form.cleaned_data["aarsnorm_timer"],
        fravaer=linjer("fravaer", FravaerKategori),
        tidsanvendelse=linjer("tidsanvendelse", TidsanvendelseKategori),
        loenposter=tuple(engine.Loenpost(**p) for p in form.loenposter()),
        grupper=grupper,
        ekstratimer_direkte_procent=form.cleaned_data.get(
            "ekstratimer_direkte_procent"
        ),
    )


@dataclass(frozen=True)
class Trinpris:
    """A tier's timepris, saved and as typed (issue 17); None: not in that model."""

    niveauer: str
    direkte_procent: Decimal
    gemt: Decimal | None
    beregnet: Decimal | None


def _niveauer_tekst(gruppe: engine.Timeprisgruppe) -> str:
    return f"{gruppe.fra}+" if gruppe.til is None else f"{gruppe.fra}–{gruppe.til}"


def _trinpriser(
    gemt: engine.Timeprisgrundlag, beregnet: engine.Timeprisgrundlag
) -> list[Trinpris]:
    """The tiers of the typed model (else the saved), each with both timepriser."""
    grupper = beregnet.grupper or gemt.grupper
    return [
        Trinpris(
            niveauer=_niveauer_tekst(gruppe),
            direkte_procent=gruppe.direkte_procent,
            gemt=engine.timepris_gruppe(gemt, gruppe)
            if gruppe in gemt.grupper
            else None,
            beregnet=(
                engine.timepris_gruppe(beregnet, gruppe)
                if gruppe in beregnet.grupper
                else None
            ),
        )
        for gruppe in grupper
    ]


def _dato_kraeves(status: Aarsstatus) -> bool:
    """A vedtaget year's change needs its gyldig_fra. A lukket year takes no
    change at all: the form asks for no date there, so the save is refused with
    the year's own message (tariffs.lukkede_aar) instead."""
    return status.vedtaget and not status.lukket


def _virkning(
    aar: int, form: GyldigFraForm, gem: Callable[[], object]
) -> Takstvirkning:
    """The change's effect on every tilbud's aktivitetsbudget; nothing is saved.
    A ValidationError is the save's own (the change is checked as saved)."""
    return takstaendring_virkning(
        aar=aar,
        gyldig_fra=form.cleaned_data.get("gyldig_fra"),
        gem=gem,
        idag=timezone.localdate(),
    )


def _timepris_gem(request, model, form) -> Callable[[], object]:
    return lambda: timeprismodel_save(
        acting_user=request.user,
        timeprismodel=model,
        aar=model.aar,
        navn=form.cleaned_data["navn"],
        aarsloen=form.cleaned_data["aarsloen"],
        aarsnorm_timer=form.cleaned_data["aarsnorm_timer"],
        fravaer=form.linjer("fravaer", FravaerKategori),
        tidsanvendelse=form.linjer("tidsanvendelse", TidsanvendelseKategori),
        loenposter=form.loenposter(),
        grupper=form.grupper(),
        gyldig_fra=form.cleaned_data.get("gyldig_fra"),
        ekstratimer_direkte_procent=form.cleaned_data.get(
            "ekstratimer_direkte_procent"
        ),
    )


def _timepris_post(request, model, form) -> tuple[bool, Takstvirkning | None]:
    """Save ("gem") or show the effect ("vis_virkning"): (saved, virkning)."""
    gem = _timepris_gem(request, model, form)
    try:
        if "gem" in request.POST:
            gem()
            return True, None
        if "vis_virkning" in request.POST:
            return False, _virkning(model.aar, form, gem)
    except ValidationError as err:  # e.g. "aar" (lukket): above the form
        add_service_errors(form, err, {})
    return False, None


def timeprismodel_update(request: HttpRequest, pk: int) -> HttpResponse:
    """The year's takstmodel's timeprismodel (``pk``: the takstmodel)."""
    takstmodel = get_object_or_404(
        Takstmodel.objects.select_related("timeprismodel"), pk=pk
    )
    return _timeprismodel_side(request, takstmodel, takstmodel.timeprismodel)


def timeprismodel_egen_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue 17: another timeprismodel of a year (``pk``), one a tilbud may
    name as its own; its levels are its year's takstmodel's."""
    model = get_object_or_404(Timeprismodel, pk=pk)
    takstmodel = Takstmodel.objects.filter(aar=model.aar).first()
    if takstmodel is None:
        raise Http404(INGEN_TAKSTMODEL.format(aar=model.aar))
    if takstmodel.timeprismodel_id == model.pk:
        return redirect("tariffs:timepris-update", pk=takstmodel.pk)
    return _timeprismodel_side(request, takstmodel, model)


class NyTimeprismodelForm(forms.Form):
    navn = forms.CharField(label="Navn", max_length=120)
    kilde = forms.ModelChoiceField(
        queryset=Timeprismodel.objects.none(),
        label="Kopi af",
        required=False,  # not given: the takstmodel's
        empty_label=None,
        help_text="Årets timeprismodel, den nye kopierer med alle linjer.",
    )

    def __init__(self, *args, takstmodel: Takstmodel, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        felt = self.fields["kilde"]
        felt.queryset = Timeprismodel.objects.filter(aar=takstmodel.aar).order_by(
            "navn"
        )
        felt.initial = takstmodel.timeprismodel_id


def timeprismodel_ny(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue 17: a second timeprismodel for the takstmodel's year (``pk``), a
    copy of one of the year's (its timeprismodel or a tilbud's own), to change
    after (e.g. transport time)."""
    _kraev_oekonomi(request)
    takstmodel = get_object_or_404(
        Takstmodel.objects.select_related("timeprismodel"), pk=pk
    )
    form = NyTimeprismodelForm(request.POST or None, takstmodel=takstmodel)
    if request.method == "POST" and form.is_valid():
        try:
            ny = timeprismodel_kopier(
                acting_user=request.user,
                kilde=form.cleaned_data["kilde"] or takstmodel.timeprismodel,
                navn=form.cleaned_data["navn"],
            )
        except ValidationError as err:
            add_service_errors(form, err, {})
        else:
            messages.success(request, f"Timeprismodellen {ny.navn} er oprettet.")
            return redirect("tariffs:timeprismodel-egen", pk=ny.pk)
    context = {"takstmodel": takstmodel, "form": form}
    return render(request, "tariffs/timeprismodel_ny.html", context)


def timeprismodel_slet_side(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue 17: delete one of the year's own timeprismodeller (``pk``) that no
    tilbud uses; the page asks first."""
    _kraev_oekonomi(request)
    model = get_object_or_404(Timeprismodel, pk=pk)
    fejl = None
    if request.method == "POST":
        try:
            timeprismodel_slet(acting_user=request.user, model=model)
        except ValidationError as err:
            fejl = " ".join(m for ms in err.message_dict.values() for m in ms)
        else:
            messages.success(request, f"Timeprismodellen {model.navn} er slettet.")
            return redirect("tariffs:takstmodel-list")
    context = {"model": model, "fejl": fejl}
    return render(request, "tariffs/timeprismodel_slet.html", context)


def _timeprismodel_side(
    request: HttpRequest, takstmodel: Takstmodel, model: Timeprismodel
) -> HttpResponse:
    if request.method == "POST":
        _kraev_oekonomi(request)
    status = budgetaar_status(model.aar)
    egen = model.pk != takstmodel.timeprismodel_id
    form = TimeprismodelForm(
        request.POST or None,
        initial=timeprismodel_initial(model),
        aar=model.aar,
        vedtaget=_dato_kraeves(status),
    )
    gemt_grundlag = timeprisgrundlag_for(model)
    beregnet, virkning = timepriser_for(model), None
    beregnet_grundlag = gemt_grundlag
    if request.method == "POST" and form.is_valid():
        try:
            grundlag = _grundlag(form)
            beregnet = engine.timepriser(grundlag)
            beregnet_grundlag = grundlag  # only a grundlag that prices
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            gemt, virkning = _timepris_post(request, model, form)
            if gemt:
                messages.success(request, "Timeprismodellen er gemt.")
                if egen:
                    return redirect("tariffs:timeprismodel-egen", pk=model.pk)
                return redirect("tariffs:timepris-update", pk=takstmodel.pk)
    context = {
        "takstmodel": takstmodel,
        "model": model,
        "egen": egen,
        "form": form,
        "foer": timepriser_for(model),
        "beregnet": beregnet,
        "trinpriser": _trinpriser(gemt_grundlag, beregnet_grundlag),
        "virkning": virkning,
        "grupper": [
            (
                "Fravær",
                form.titler("fravaer"),
                form.rows("fravaer", FravaerKategori),
                "Procent er af årsnormen.",
            ),
            (
                "Tidsanvendelse væk fra borgeren",
                form.titler("tidsanvendelse"),
                form.rows("tidsanvendelse", TidsanvendelseKategori),
                "Angiv hver linje på én måde. Procent er af fremmødetimerne. En "
                "fremmødeuge er årsnormen / 52 timer (37 timer ved 1.924), en "
                "fremmødedag en femtedel af den; timerne regnes om til timer pr. år.",
            ),
        ],
        "status": status,
        "kan_rette": har_rolle(request.user, OEKONOMI),
    }
    return render(request, "tariffs/timeprismodel_form.html", context)


def _takst_gem(request, takstmodel, niveauer, aendring) -> Callable[[], object]:
    return lambda: takstmodel_save(
        acting_user=request.user,
        takstmodel=takstmodel,
        aar=takstmodel.aar,
        navn=takstmodel.navn,
        enhed=takstmodel.enhed,
        timeprismodel=takstmodel.timeprismodel,
        niveauer=niveauer,
        gyldig_fra=aendring.cleaned_data.get("gyldig_fra"),
    )


def _takst_post(request, takstmodel, formset, aendring):
    """Save, or with "vis_virkning" show the effect: (saved, virkning)."""
    forms_ = [
        f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]
    niveauer = [
        {k: v for k, v in f.cleaned_data.items() if k != "DELETE"} for f in forms_
    ]
    gem = _takst_gem(request, takstmodel, niveauer, aendring)
    try:
        if "vis_virkning" in request.POST:
            return False, _virkning(takstmodel.aar, aendring, gem)
        gem()
        return True, None
    except NiveauFejl as err:
        for i, felt, besked in err.fejl:
            forms_[i].add_error(felt, besked)
    except ValidationError as err:
        if set(getattr(err, "error_dict", {})) & set(aendring.fields):
            add_service_errors(aendring, err, {})
        else:
            formset._non_form_errors = formset.error_class(err.messages)
    return False, None


def takstmodel_update(request: HttpRequest, pk: int) -> HttpResponse:
    takstmodel = get_object_or_404(Takstmodel, pk=pk)
    if request.method == "POST":
        _kraev_oekonomi(request)
    status = budgetaar_status(takstmodel.aar)
    formset = TakstniveauFormSet(
        request.POST or None, initial=takstniveauer_initial(takstmodel)
    )
    aendring = GyldigFraForm(
        request.POST or None, aar=takstmodel.aar, vedtaget=_dato_kraeves(status)
    )
    virkning = None
    if request.method == "POST" and all([formset.is_valid(), aendring.is_valid()]):
        gemt, virkning = _takst_post(request, takstmodel, formset, aendring)
        if gemt:
            messages.success(request, "Takstmodellen er gemt.")
            return redirect("tariffs:takstmodel-update", pk=takstmodel.pk)
    context = {
        "takstmodel": takstmodel,
        "formset": formset,
        "aendring": aendring,
        "timepriser": timepriser_for(takstmodel.timeprismodel),
        "servicetakster": servicetakster_for(takstmodel),
        "trin": timepristrin_for(takstmodel),
        "virkning": virkning,
        "status": status,
        "kan_rette": har_rolle(request.user, OEKONOMI),
    }
    return render(request, "tariffs/takstmodel_form.html", context)
