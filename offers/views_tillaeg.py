"""The tillægstakst pages (issue 17): register one, end it; annulled on the
annul page (views_annullering). Thin views over offers.services.tillaeg; after
a write the budget effect is shown on the borger page (budgets:effekt), as
after a level change.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from config.lib.formatting import format_dato
from config.lib.forms import add_service_errors
from offers.forms import TillaegForm, TillaegSlutForm
from offers.models import Ophold
from offers.selectors import (
    aktuelt_ophold,
    borger_tillaeg,
    borgere_visible_to,
)
from offers.services.tillaeg import tillaeg_create, tillaeg_update
from offers.views import _effekt_url, _kraev_myndighed


def tillaeg_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    _kraev_myndighed(request)
    borger = get_object_or_404(borgere_visible_to(request.user), pk=pk)
    idag = timezone.localdate()
    opholdene = Ophold.objects.filter(borger=borger).select_related("tilbud")
    aktuelt = aktuelt_ophold(borger, idag)
    form = TillaegForm(
        request.POST or None,
        initial={"fra": idag, "ophold": aktuelt.pk if aktuelt else None},
        ophold_qs=opholdene.order_by("-tilgang"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            tillaeg = tillaeg_create(
                borger=borger, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as err:
            add_service_errors(form, err, {})
        else:
            messages.success(
                request, f"Tillægstaksten er gemt fra {format_dato(tillaeg.fra)}."
            )
            return redirect(_effekt_url(tillaeg.ophold, "tillaeg", tillaeg.fra))
    context = {"borger": borger, "form": form, "titel": "Ny tillægstakst"}
    return render(request, "offers/tillaeg_form.html", context)


def tillaeg_slut_view(request: HttpRequest, pk: int, tillaeg_pk: int) -> HttpResponse:
    _kraev_myndighed(request)
    borger = get_object_or_404(borgere_visible_to(request.user), pk=pk)
    tillaeg = get_object_or_404(borger_tillaeg(borger, request.user), pk=tillaeg_pk)
    form = TillaegSlutForm(
        request.POST or None, initial={"til": tillaeg.til or timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            tillaeg = tillaeg_update(
                borger=borger,
                tillaeg=tillaeg,
                acting_user=request.user,
                til=form.cleaned_data["til"],
            )
        except ValidationError as err:
            add_service_errors(form, err, {})
        else:
            if tillaeg.til is None:
                messages.success(request, "Tillægstaksten gælder indtil videre.")
                return redirect(_effekt_url(tillaeg.ophold, "tillaeg", tillaeg.fra))
            messages.success(
                request, f"Tillægstaksten slutter {format_dato(tillaeg.til)}."
            )
            return redirect(_effekt_url(tillaeg.ophold, "tillaeg_slut", tillaeg.til))
    context = {
        "borger": borger,
        "form": form,
        "tillaeg": tillaeg,
        "titel": "Afslut tillægstakst",
    }
    return render(request, "offers/tillaeg_form.html", context)
