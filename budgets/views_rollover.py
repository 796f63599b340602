"""The økonomichef's "Opret budgetår" (issue 13 #4): a new year rolled over from
an earlier one, a level for each borger whose code disappears, and a summary of
what was made, with links to edit it before vedtagelse.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from budgets.forms import NyeKoderForm, OpretBudgetaarForm
from budgets.selectors import (
    BudgetGrundlagMangler,
    budgetaar_valg,
    kopier_fra_valg,
    naeste_budgetaar,
    niveauskift_for,
    rollover_opsummering,
)
from budgets.services.rollover import opret_budgetaar
from config.lib.forms import add_service_errors
from config.lib.roles import OEKONOMI, har_rolle

KUN_OEKONOMI = "Kun økonomi kan oprette budgetår."
INTET_AT_KOPIERE = "Der er intet tidligere budgetår med en takstmodel at kopiere fra."
OPRETTET = "Budgetåret {aar} er oprettet ud fra {kopier_fra}."
TAKSTMODEL_BEHOLDT = (
    "Budgetåret {aar} havde allerede en takstmodel. Den er beholdt med sin "
    "timeprismodel; timepris og takster er ikke kopieret eller fremskrevet."
)
# Present in the POST once the selects of the second step have been shown.
NYE_KODER_TRIN = "nye_koder_trin"


def _kraev_oekonomi(request: HttpRequest) -> None:
    if not har_rolle(request.user, OEKONOMI):
        raise PermissionDenied(KUN_OEKONOMI)


def budgetaar_create(request: HttpRequest) -> HttpResponse:
    """Step one: the years and KL's percentages. When a level code disappears,
    step two adds a select per borger; the service decides both."""
    _kraev_oekonomi(request)
    valg = kopier_fra_valg()
    initial = {
        "aar": naeste_budgetaar(timezone.localdate()),
        "kopier_fra": valg[0] if valg else None,
    }
    form = OpretBudgetaarForm(
        request.POST or None, initial=initial, kopier_fra_valg=valg
    )
    koder_form = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        skift = niveauskift_for(aar=data["aar"], kopier_fra=data["kopier_fra"])
        koder = request.POST if NYE_KODER_TRIN in request.POST else None
        koder_form = NyeKoderForm(koder, skift=skift)
        if _opret(request, form, koder_form):
            url = reverse("budgets:budgetaar-oprettet", args=[data["aar"]])
            return redirect(f"{url}?fra={data['kopier_fra']}")
    context = {
        "form": form,
        "koder_form": koder_form,
        "nye_koder_trin": NYE_KODER_TRIN,
        "intet_at_kopiere": INTET_AT_KOPIERE if not valg else "",
    }
    return render(request, "budgets/budgetaar_opret.html", context)


def _opret(
    request: HttpRequest, form: OpretBudgetaarForm, koder_form: NyeKoderForm
) -> bool:
    """Call the service; True when the year was created (with its messages)."""
    data = form.cleaned_data
    nye_koder = koder_form.nye_koder() if koder_form.is_valid() else None
    beholdt = data["aar"] in budgetaar_valg()  # the years with a takstmodel
    try:
        opret_budgetaar(acting_user=request.user, nye_koder=nye_koder, **data)
    except ValidationError as err:
        _vis_fejl(form, koder_form, err)
        return False
    messages.success(request, OPRETTET.format(**data))
    if beholdt:
        messages.info(request, TAKSTMODEL_BEHOLDT.format(**data))
    return True


def _vis_fejl(
    form: OpretBudgetaarForm, koder_form: NyeKoderForm, err: ValidationError
) -> None:
    """The service's errors on their fields. A missing level before the second
    step was shown is no error: the step's selects ask for it."""
    if not hasattr(err, "error_dict"):
        form.add_error(None, err)
        return
    fejl = dict(err.message_dict)
    nye_koder = fejl.pop("nye_koder", None)
    if nye_koder and koder_form.is_bound:
        koder_form.add_error(None, nye_koder)
    if fejl:
        add_service_errors(form, ValidationError(fejl), {})


def budgetaar_oprettet(request: HttpRequest, aar: int) -> HttpResponse:
    """What the rollover made of ``aar`` beside the year it was copied from
    (``?fra=``), with links to edit timepris, takster and faste udgifter."""
    _kraev_oekonomi(request)
    fra = request.GET.get("fra", "")
    kopier_fra = int(fra) if fra.isdigit() else aar - 1
    try:
        opsummering = rollover_opsummering(aar=aar, kopier_fra=kopier_fra)
    except BudgetGrundlagMangler as exc:
        raise Http404(str(exc)) from exc
    context = {"o": opsummering, "aar": aar}
    return render(request, "budgets/budgetaar_oprettet.html", context)
