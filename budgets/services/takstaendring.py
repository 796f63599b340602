"""The effect of a change of a year's takster before it is saved (issue 13 #3).

The økonomichef sees what a new timepris or takstmodel does to every tilbud's
aktivitetsbudget, then confirms. The change is written exactly as the real save
would write it (the same service, the same checks), the budgets are computed
from the database inside that transaction, and the transaction is rolled back:
no second implementation of "what the save would do" can drift from the save.

Computed with tilbud_resultater directly, never from the stored monthly
figures, and the trial save's changes are not handed to them
(config.lib.derived.discarded): a write that is rolled back recomputes nothing.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from budgets.selectors.grundlag import BudgetGrundlagMangler
from budgets.selectors.resultater import TakstniveauUdenPris, tilbud_resultater
from config.lib import derived
from offers.models import Tilbud


@dataclass(frozen=True)
class Virkning:
    """An aktivitetsbudget (korrigeret, for the year) before and after."""

    foer: Decimal
    efter: Decimal

    @property
    def forskel(self) -> Decimal:
        return self.efter - self.foer


@dataclass(frozen=True)
class TilbudVirkning(Virkning):
    id: int
    navn: str


@dataclass(frozen=True)
class Takstvirkning:
    aar: int
    gyldig_fra: datetime.date | None
    tilbud: tuple[TilbudVirkning, ...]

    @property
    def i_alt(self) -> Virkning:
        return Virkning(
            foer=sum((t.foer for t in self.tilbud), Decimal(0)),
            efter=sum((t.efter for t in self.tilbud), Decimal(0)),
        )


class _Proeve(Exception):
    """Raised to roll the trial save back, carrying what was computed in it."""


def _aktivitet(aar: int, idag: datetime.date) -> dict[int, tuple[str, Decimal]]:
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


def takstaendring_virkning(
    *,
    aar: int,
    gyldig_fra: datetime.date | None,
    gem: Callable[[], object],
    idag: datetime.date,
) -> Takstvirkning:
    """What ``gem`` (a tariffs service call, as the save would make it) does to
    each tilbud's aktivitetsbudget in ``aar``. Nothing is saved: ``gem`` runs in
    a transaction that is always rolled back. Its ValidationError (or AarLaast)
    comes through as the save's would.
    """
    try:
        with transaction.atomic(), derived.discarded():
            foer = _aktivitet(aar, idag)
            gem()
            raise _Proeve(foer, _aktivitet(aar, idag))
    except _Proeve as proeve:
        foer, efter = proeve.args
    tilbud = tuple(
        TilbudVirkning(
            id=pk,
            navn=navn,
            foer=foer.get(pk, (navn, Decimal(0)))[1],
            efter=efter.get(pk, (navn, Decimal(0)))[1],
        )
        for pk, (navn, _) in {**foer, **efter}.items()
    )
    return Takstvirkning(aar=aar, gyldig_fra=gyldig_fra, tilbud=tilbud)
