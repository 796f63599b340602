"""Økonomi creates a tilbud and changes its master data in the UI (issue 17).

Thin views: the form checks the input, budgets.services.tilbud_save writes
(history, validation, the stored monthly figures), as the API does.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from budgets.forms import DAGSPRIS_TYPER, TilbudForm
from budgets.selectors import timeprisvalg_pr_aar
from budgets.services import tilbud_save
from config.lib.forms import add_service_errors
from config.lib.roles import OEKONOMI, har_rolle
from offers.models import Tilbud
from offers.selectors import tilbud_visible_to

KUN_OEKONOMI = "Kun økonomi kan oprette og rette tilbud."


def tilbud_create(request: HttpRequest) -> HttpResponse:
    """The "Nyt tilbud" page."""
    if not har_rolle(request.user, OEKONOMI):
        raise PermissionDenied(KUN_OEKONOMI)
    form = TilbudForm(request.POST or None, timeprismodeller=timeprisvalg_pr_aar(None))
    if request.method == "POST" and form.is_valid():
        tilbud = _gem(request, form, None)
        if tilbud is not None:
            messages.success(request, f"Tilbuddet {tilbud.navn} er oprettet.")
            return redirect("budgets:tilbud-detail", pk=tilbud.pk)
    return render(request, "budgets/tilbud_form.html", _kontekst(form, None))


def tilbud_ret(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Ret tilbud" page: the same fields for an existing tilbud."""
    if not har_rolle(request.user, OEKONOMI):
        raise PermissionDenied(KUN_OEKONOMI)
    tilbud = get_object_or_404(tilbud_visible_to(request.user), pk=pk)
    form = TilbudForm(
        request.POST or None,
        tilbud=tilbud,
        timeprismodeller=timeprisvalg_pr_aar(tilbud),
    )
    if request.method == "POST" and form.is_valid():
        if _gem(request, form, tilbud) is not None:
            messages.success(request, f"Tilbuddet {tilbud.navn} er gemt.")
            return redirect("budgets:tilbud-detail", pk=tilbud.pk)
    return render(request, "budgets/tilbud_form.html", _kontekst(form, tilbud))


def _kontekst(form: TilbudForm, tilbud: Tilbud | None) -> dict:
    # The dagspris fieldset is shown for these tilbudstyper (static/js).
    return {"form": form, "tilbud": tilbud, "dagspris_typer": " ".join(DAGSPRIS_TYPER)}


def _gem(request: HttpRequest, form: TilbudForm, tilbud: Tilbud | None):
    """Save through the service; its field errors land on the form."""
    aendringer = form.aendringer()
    if tilbud is not None and not aendringer:
        return tilbud
    try:
        return tilbud_save(acting_user=request.user, tilbud=tilbud, **aendringer)
    except ValidationError as err:
        add_service_errors(form, err, _timeprisfelt(form))
        return None


def _timeprisfelt(form: TilbudForm) -> dict[str, str]:
    """A refused timeprismodel lands on its year's field (the first, if more)."""
    navne = list(form.timeprisaar)
    return {"timeprismodel": navne[0]} if navne else {}
