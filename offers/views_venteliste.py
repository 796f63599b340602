"""The waiting list of a tilbud (issue 19 #3): thin views over selectors and
offers.services.venteliste.

Myndighed and økonomi keep the lists; a tilbudsleder reads their own tilbud's
list. A borger is shown by name and masked CPR only to a user who may see the
borger (offers.selectors.venteliste_borgere_synlige).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from config.lib.forms import add_service_errors
from offers.forms import VentelistepladsForm
from offers.models import Ventelisteplads
from offers.selectors import (
    borgere_visible_to,
    kan_redigere_venteliste,
    tilbud_visible_to,
    venteliste_borgere_synlige,
    venteliste_visible_to,
)
from offers.services.venteliste import (
    ventelisteplads_create,
    ventelisteplads_delete,
    ventelisteplads_update,
)

KUN_REDIGERING = "Kun myndighedsrådgivere og økonomi kan ændre ventelisten."


def _kraev_redigering(request: HttpRequest) -> None:
    if not kan_redigere_venteliste(request.user):
        raise PermissionDenied(KUN_REDIGERING)


def _liste_url(tilbud_pk: int) -> str:
    return reverse("offers:venteliste-list", args=[tilbud_pk])


def venteliste_list(request: HttpRequest, pk: int) -> HttpResponse:
    tilbud = get_object_or_404(tilbud_visible_to(request.user), pk=pk)
    pladser = list(venteliste_visible_to(request.user).filter(tilbud=tilbud))
    context = {
        "tilbud": tilbud,
        "pladser": pladser,
        "synlige": venteliste_borgere_synlige(pladser, request.user),
        "kan_redigere": kan_redigere_venteliste(request.user),
    }
    return render(request, "offers/venteliste.html", context)


def venteliste_create(request: HttpRequest, pk: int) -> HttpResponse:
    _kraev_redigering(request)
    tilbud = get_object_or_404(tilbud_visible_to(request.user), pk=pk)
    form = VentelistepladsForm(
        request.POST or None,
        initial={"oensket_dato": timezone.localdate(), "sandsynlighed": 50},
        borgere=borgere_visible_to(request.user).order_by("navn", "pk"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            ventelisteplads_create(
                tilbud=tilbud, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as err:
            add_service_errors(form, err, {})
        else:
            messages.success(request, f"Skrevet på ventelisten til {tilbud}.")
            return redirect(_liste_url(tilbud.pk))
    context = {"tilbud": tilbud, "form": form, "titel": "Skriv på venteliste"}
    return render(request, "offers/venteliste_form.html", context)


def _plads(request: HttpRequest, pk: int) -> Ventelisteplads:
    return get_object_or_404(venteliste_visible_to(request.user), pk=pk)


def venteliste_update(request: HttpRequest, pk: int) -> HttpResponse:
    _kraev_redigering(request)
    plads = _plads(request, pk)
    felter = ("borger", "behov", "forventet_niveau", "oensket_dato", "sandsynlighed")
    initial = {f: getattr(plads, f) for f in felter}
    initial |= {"fra_kommune": plads.fra_kommune, "bemaerkning": plads.bemaerkning}
    form = VentelistepladsForm(
        request.POST or None,
        initial=initial,
        borgere=borgere_visible_to(request.user).order_by("navn", "pk"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            ventelisteplads_update(
                plads=plads, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as err:
            add_service_errors(form, err, {})
        else:
            messages.success(request, "Pladsen på ventelisten er rettet.")
            return redirect(_liste_url(plads.tilbud_id))
    context = {"tilbud": plads.tilbud, "form": form, "titel": "Ret venteliste"}
    return render(request, "offers/venteliste_form.html", context)


def venteliste_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST takes the row off the list (history keeps it)."""
    _kraev_redigering(request)
    plads = _plads(request, pk)
    if request.method == "POST":
        ventelisteplads_delete(plads=plads, acting_user=request.user)
        messages.success(request, "Pladsen er fjernet fra ventelisten.")
        return redirect(_liste_url(plads.tilbud_id))
    context = {"plads": plads, "tilbud": plads.tilbud}
    return render(request, "offers/venteliste_slet.html", context)
