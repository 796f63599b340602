"""Progression pages (issue 19 item 4): a tilbud's level movement and length of
stay, and moving a level's next follow-up. The borger page's chart and the
start page's due-list are drawn in offers.views from the same selectors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from config.lib.formatting import format_dato
from config.lib.forms import add_service_errors
from offers.forms import OpfoelgningForm
from offers.selectors import (
    borger_indplaceringer,
    borgere_visible_to,
    tilbud_visible_to,
)
from offers.selectors_progression import tilbud_progression
from offers.services.opfoelgning import indplacering_opfoelgning_set
from offers.views import _kraev_myndighed


def tilbud_progression_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A tilbudsleder sees their own tilbud only (404 for another)."""
    tilbud = get_object_or_404(tilbud_visible_to(request.user), pk=pk)
    idag = timezone.localdate()
    progression = tilbud_progression(tilbud, idag)
    context = {
        "tilbud": tilbud,
        "bevaegelse": progression.bevaegelse,
        "laengde": progression.laengde,
    }
    return render(request, "offers/tilbud_progression.html", context)


def opfoelgning_update_view(
    request: HttpRequest, pk: int, indplacering_pk: int
) -> HttpResponse:
    _kraev_myndighed(request)
    borger = get_object_or_404(borgere_visible_to(request.user), pk=pk)
    indplacering = get_object_or_404(
        borger_indplaceringer(borger, request.user).select_related("ophold__tilbud"),
        pk=indplacering_pk,
    )
    form = OpfoelgningForm(
        request.POST or None,
        initial={"naeste_opfoelgning": indplacering.naeste_opfoelgning},
    )
    if request.method == "POST" and form.is_valid():
        try:
            indplacering = indplacering_opfoelgning_set(
                indplacering=indplacering,
                acting_user=request.user,
                **form.cleaned_data,
            )
        except ValidationError as err:
            add_service_errors(form, err, {})
        else:
            messages.success(
                request,
                f"Næste opfølgning er {format_dato(indplacering.naeste_opfoelgning)}.",
            )
            return redirect(borger)
    context = {"borger": borger, "indplacering": indplacering, "form": form}
    return render(request, "offers/opfoelgning_form.html", context)
