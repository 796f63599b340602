"""Create a budget year, empty or rolled over from another (issue 13 #4)."""

from collections.abc import Mapping
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from budgets.models import Budgetaar
from budgets.services import AAR_UGYLDIGT
from config.lib.history import with_history_user

BUDGETAAR_FINDES = "Budgetåret {aar} findes allerede."


@transaction.atomic
def opret_budgetaar(
    *,
    aar: int,
    acting_user: AbstractBaseUser,
    kopier_fra: int | None = None,
    fremskrivning_loen_pct: Decimal = Decimal(0),
    fremskrivning_oevrige_pct: Decimal = Decimal(0),
    nye_koder: Mapping[int, str] | None = None,
) -> Budgetaar:
    """Create budget year ``aar`` in state forslag.

    Without ``kopier_fra`` the year is empty. With it, the year's timeprismodel,
    takstmodel, faste udgifter, rammer and per-year tilbud settings are copied
    from ``kopier_fra`` with the wage % applied to årsløn and the other % to
    fixed costs and frames; ``nye_koder`` maps a borger id to the new level code
    for each borger on a code the new year's takstmodel lacks.
    """
    if not 2000 <= aar <= 2100:
        raise ValidationError({"aar": AAR_UGYLDIGT})
    if Budgetaar.objects.filter(aar=aar).exists():
        raise ValidationError({"aar": BUDGETAAR_FINDES.format(aar=aar)})
    budgetaar = Budgetaar(aar=aar)
    with_history_user(budgetaar, acting_user).save()
    if kopier_fra is not None:
        raise NotImplementedError("Rollover is being built (issue 13 #4).")
    return budgetaar
