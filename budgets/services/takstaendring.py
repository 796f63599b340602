"""Each tilbud's aktivitetsbudget of a year, for the effect of a change of
takster before it is saved (issue 13 #3).

The trial save lives in tariffs (tariffs.budgetvirkning), which may not import
budgets: it asks through the reader budgets registers (budgets.apps), this one.
Computed with tilbud_resultater directly, never from the stored monthly figures:
inside the trial save those are not brought in step with the change.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError

from budgets.selectors.grundlag import BudgetGrundlagMangler
from budgets.selectors.resultater import TakstniveauUdenPris, tilbud_resultater
from offers.models import Tilbud


def tilbuddenes_aktivitet(
    aar: int, idag: datetime.date
) -> dict[int, tuple[str, Decimal]]:
    """Each tilbud's aktivitetsbudget (korrigeret) of the year, by id."""
    try:
        resultater = tilbud_resultater(
            Tilbud.objects.order_by("navn"), aar, idag, med_ledger=False
        )
    except TakstniveauUdenPris as exc:
        raise ValidationError(str(exc)) from exc
    except BudgetGrundlagMangler:
        return {}  # the year has no takstmodel: no budget to move
    return {
        r.tilbud.pk: (r.tilbud.navn, r.noegletal.aktivitet_korrigeret_aar)
        for r in resultater
    }
