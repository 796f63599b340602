"""The økonomichef's tariff pages: timeprismodel and takstmodel per year (issue 5).

Every derived figure is shown from the engine; "Beregn" shows the figures of what
was typed without saving, "Gem" saves through the service.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from offers.forms import add_service_errors
from offers.roles import OEKONOMI, har_rolle
from tariffs import engine
from tariffs.forms import (
    TakstniveauFormSet,
    TimeprismodelForm,
    takstniveauer_initial,
    timeprismodel_initial,
)
from tariffs.models import FravaerKategori, Takstmodel, TidsanvendelseKategori
from tariffs.selectors import servicetakster_for, timepriser_for
from tariffs.services import NiveauFejl, takstmodel_save, timeprismodel_save


def _kraev_oekonomi(request: HttpRequest) -> None:
    if not har_rolle(request.user, OEKONOMI):
        raise PermissionDenied("Kun økonomi kan ændre timepris og takster.")


def takstmodel_list(request: HttpRequest) -> HttpResponse:
    modeller = Takstmodel.objects.select_related("timeprismodel").prefetch_related(
        "niveauer", "timeprismodel__fravaer", "timeprismodel__tidsanvendelse"
    )
    raekker = [
        (m, timepriser_for(m.timeprismodel), servicetakster_for(m)) for m in modeller
    ]
    context = {"raekker": raekker, "kan_rette": har_rolle(request.user, OEKONOMI)}
    return render(request, "tariffs/takstmodel_list.html", context)


def _grundlag(form: TimeprismodelForm) -> engine.Timeprisgrundlag:
    def linjer(prefix, kategorier):
        return tuple(engine.Linje(**li) for li in form.linjer(prefix, kategorier))

    return engine.Timeprisgrundlag(
        aarsloen=form.cleaned_data["aarsloen"],
        aarsnorm_timer=form.cleaned_data["aarsnorm_timer"],
        fravaer=linjer("fravaer", FravaerKategori),
        tidsanvendelse=linjer("tidsanvendelse", TidsanvendelseKategori),
    )


def _gem_timepris(request, model, form) -> bool:
    try:
        timeprismodel_save(
            acting_user=request.user, timeprismodel=model, aar=model.aar,
            navn=form.cleaned_data["navn"], aarsloen=form.cleaned_data["aarsloen"],
            aarsnorm_timer=form.cleaned_data["aarsnorm_timer"],
            fravaer=form.linjer("fravaer", FravaerKategori),
            tidsanvendelse=form.linjer("tidsanvendelse", TidsanvendelseKategori),
        )  # fmt: skip
    except ValidationError as err:
        add_service_errors(form, err, {})  # e.g. "aar" (lukket): above the form
        return False
    return True


def timeprismodel_update(request: HttpRequest, pk: int) -> HttpResponse:
    takstmodel = get_object_or_404(Takstmodel.objects.select_related("timeprismodel"),
                                   pk=pk)  # fmt: skip
    model = takstmodel.timeprismodel
    if request.method == "POST":
        _kraev_oekonomi(request)
    form = TimeprismodelForm(request.POST or None, initial=timeprismodel_initial(model))
    beregnet = timepriser_for(model)
    if request.method == "POST" and form.is_valid():
        try:
            beregnet = engine.timepriser(_grundlag(form))
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            if "gem" in request.POST and _gem_timepris(request, model, form):
                messages.success(request, "Timeprismodellen er gemt.")
                return redirect("tariffs:timepris-update", pk=takstmodel.pk)
    context = {
        "takstmodel": takstmodel, "model": model, "form": form,
        "foer": timepriser_for(model), "beregnet": beregnet,
        "grupper": [
            ("Fravær", form.rows("fravaer", FravaerKategori),
             "Procent er af årsnormen."),
            ("Tidsanvendelse væk fra borgeren", form.rows("tidsanvendelse",
             TidsanvendelseKategori), "Procent er af fremmødetimerne."),
        ],
        "kan_rette": har_rolle(request.user, OEKONOMI),
    }  # fmt: skip
    return render(request, "tariffs/timeprismodel_form.html", context)


def takstmodel_update(request: HttpRequest, pk: int) -> HttpResponse:
    takstmodel = get_object_or_404(Takstmodel, pk=pk)
    if request.method == "POST":
        _kraev_oekonomi(request)
    formset = TakstniveauFormSet(
        request.POST or None, initial=takstniveauer_initial(takstmodel)
    )
    if request.method == "POST" and formset.is_valid():
        forms = [f for f in formset.forms
                 if f.cleaned_data and not f.cleaned_data.get("DELETE")]  # fmt: skip
        niveauer = [
            {k: v for k, v in f.cleaned_data.items() if k != "DELETE"} for f in forms
        ]
        try:
            takstmodel_save(
                acting_user=request.user, takstmodel=takstmodel, aar=takstmodel.aar,
                navn=takstmodel.navn, enhed=takstmodel.enhed,
                timeprismodel=takstmodel.timeprismodel, niveauer=niveauer,
            )  # fmt: skip
        except NiveauFejl as err:
            for i, felt, besked in err.fejl:
                forms[i].add_error(felt, besked)
        except ValidationError as err:
            formset._non_form_errors = formset.error_class(err.messages)
        else:
            messages.success(request, "Takstmodellen er gemt.")
            return redirect("tariffs:takstmodel-update", pk=takstmodel.pk)
    context = {
        "takstmodel": takstmodel, "formset": formset,
        "timepriser": timepriser_for(takstmodel.timeprismodel),
        "servicetakster": servicetakster_for(takstmodel),
        "kan_rette": har_rolle(request.user, OEKONOMI),
    }  # fmt: skip
    return render(request, "tariffs/takstmodel_form.html", context)
