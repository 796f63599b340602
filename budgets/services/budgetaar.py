"""A budget year's states: forslag → vedtaget → lukket (issue 13 #2; DOMAIN.md §8).

The økonomichef adopts (vedtager) a year's budget once: every tilbud's
oprindeligt budget is then stored month by month (VedtagetBudget) and never
recomputed. After the accounts the year is lukket, and from then on every write
that would change its figures is refused (tariffs.lukkede_aar). A state only
moves forward: a wrong step is a Konflikt (409 in the API).
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from budgets.models import Budgetaar, Budgetstatus, VedtagetBudget
from budgets.selectors.budgetaar import oprindeligt_til_vedtagelse
from budgets.selectors.grundlag import BudgetGrundlagMangler
from budgets.services import AAR_UGYLDIGT
from budgets.services.efterregulering import efterregulering_bogfoer
from config.lib import derived
from config.lib.history import save_with_history as _gem
from config.lib.konflikt import Konflikt

ALLEREDE = "Budgetåret {aar} er allerede {status}."
LUK_KRAEVER_VEDTAGET = (
    "Budgetåret {aar} er et forslag: det skal vedtages, før det kan lukkes."
)
KAN_IKKE_VEDTAGES = "Budgetåret {aar} kan ikke vedtages: {grund}"
KAN_IKKE_LUKKES = (
    "Budgetåret {aar} kan ikke lukkes: efterreguleringen kan ikke opgøres: {grund}"
)


def _aaret(aar: int) -> Budgetaar:
    """The year's row, locked: two clicks on "Vedtag" are one vedtagelse. A year
    with a takstmodel but no row yet gets one (rolled back if refused)."""
    if not 2000 <= aar <= 2100:
        raise ValidationError({"aar": AAR_UGYLDIGT})
    budgetaar, _ = Budgetaar.objects.select_for_update().get_or_create(aar=aar)
    return budgetaar


@derived.writes
def vedtag(
    *, aar: int, acting_user: AbstractBaseUser, idag: datetime.date | None = None
) -> Budgetaar:
    """Adopt the year's budget: store every tilbud's oprindeligt budget, 12 months
    each (oprindeligt_til_vedtagelse), and move forslag → vedtaget on ``idag``.

    Refused (Konflikt) when the year is not a forslag, has no takstmodel, or a
    code in force has no price. Nothing is written then.
    """
    idag = idag or timezone.localdate()
    budgetaar = _aaret(aar)
    if budgetaar.status != Budgetstatus.FORSLAG:
        raise Konflikt({"status": ALLEREDE.format(aar=aar, status=budgetaar.status)})
    try:
        maaneder = oprindeligt_til_vedtagelse(aar, idag)
    except BudgetGrundlagMangler as exc:
        raise Konflikt({"aar": KAN_IKKE_VEDTAGES.format(aar=aar, grund=exc)}) from exc
    VedtagetBudget.objects.bulk_create(
        VedtagetBudget(
            tilbud_id=tilbud_id,
            budgetaar=budgetaar,
            maaned=maaned,
            fast=fast,
            aktivitet=aktivitet,
            overkapacitet=overkapacitet,
        )
        for tilbud_id, raekker in maaneder.items()
        for maaned, (fast, aktivitet, overkapacitet) in enumerate(raekker, start=1)
    )
    budgetaar.status, budgetaar.vedtaget = Budgetstatus.VEDTAGET, idag
    # From now every tilbud of the year is computed against its stored
    # oprindeligt budget and what was known today: the year's stored monthly
    # figures are recomputed (their oprindeligt is then the VedtagetBudget one).
    derived.changed(aar={aar})
    return _gem(budgetaar, acting_user)


@derived.writes
def luk(
    *, aar: int, acting_user: AbstractBaseUser, idag: datetime.date | None = None
) -> Budgetaar:
    """Close the year after the accounts: vedtaget → lukket on ``idag``. From then
    on nothing that changes its figures is accepted (tariffs.lukkede_aar).

    In the same transaction every tilbud's efterregulering of the year is booked
    into the frame of the next year and the takst of a later one (issue 18 #3,
    budgets.services.efterregulering), and the stored figures it moves are
    recomputed. Refused (Konflikt, nothing written) when the year cannot be
    computed."""
    budgetaar = _aaret(aar)
    if budgetaar.status == Budgetstatus.FORSLAG:
        raise Konflikt({"status": LUK_KRAEVER_VEDTAGET.format(aar=aar)})
    if budgetaar.status != Budgetstatus.VEDTAGET:
        raise Konflikt({"status": ALLEREDE.format(aar=aar, status=budgetaar.status)})
    budgetaar.status = Budgetstatus.LUKKET
    budgetaar.lukket = idag or timezone.localdate()
    # A lukket year is computed as a vedtaget one (budgets.selectors.grundlag
    # ._vedtagelse): its stored monthly figures stay as they are.
    _gem(budgetaar, acting_user)
    try:
        efterregulering_bogfoer(aar=aar, acting_user=acting_user)
    except BudgetGrundlagMangler as exc:
        raise Konflikt({"aar": KAN_IKKE_LUKKES.format(aar=aar, grund=exc)}) from exc
    return budgetaar
