"""Budget years, their states and the vedtaget budget (issue 13 #2). Reads only."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from budgets.models import (
    Budgetaar,
    Budgetstatus,
    FastUdgift,
    Forbrug,
    Rammeforudsaetning,
    TilbudAar,
    VedtagetBudget,
)
from budgets.selectors.resultater import tilbud_resultater
from config.lib.money import round_to_oere
from offers.models import Tilbud
from tariffs.models import Takstmodel

NUL = Decimal(0)


def lukkede_aar() -> list[int]:
    """The lukket years (read by tariffs.lukkede_aar for every app's writes)."""
    return list(
        Budgetaar.objects.filter(status=Budgetstatus.LUKKET).values_list(
            "aar", flat=True
        )
    )


def tilbuddets_aar(tilbud_id: int) -> set[int]:
    """The years in which the tilbud has rows of its own here: deleting the
    tilbud would delete them (or, for the vedtaget budget, is refused)."""
    aarene: set[int] = set()
    for model in (FastUdgift, Rammeforudsaetning, TilbudAar, Forbrug, VedtagetBudget):
        aarene.update(
            model.objects.filter(tilbud_id=tilbud_id).values_list(
                "budgetaar__aar", flat=True
            )
        )
    return aarene


def budgetaar_liste() -> list[Budgetaar]:
    """Every budget year, newest first: those with a row of their own, and the
    years with a takstmodel but no row yet (shown as forslag, unsaved: the row
    is created when the year is first written to, as budgetaar_aabent does)."""
    gemte = {b.aar: b for b in Budgetaar.objects.all()}
    for aar in Takstmodel.objects.values_list("aar", flat=True):
        gemte.setdefault(aar, Budgetaar(aar=aar))
    return sorted(gemte.values(), key=lambda b: -b.aar)


def budgetaar_for(aar: int) -> Budgetaar | None:
    """The budget year (unsaved forslag for a takstmodel year without a row);
    None when the year is not a budget year at all."""
    gemt = Budgetaar.objects.filter(aar=aar).first()
    if gemt is None and Takstmodel.objects.filter(aar=aar).exists():
        return Budgetaar(aar=aar)
    return gemt


def budgetaar_status(aar: int) -> str:
    """forslag, vedtaget or lukket; a year without a row is a forslag."""
    status = Budgetaar.objects.filter(aar=aar).values_list("status", flat=True)
    return status.first() or Budgetstatus.FORSLAG


@dataclass(frozen=True)
class VedtagetSum:
    """A tilbud's vedtaget (oprindeligt) budget for the year, as stored."""

    fast: Decimal = NUL
    aktivitet: Decimal = NUL
    overkapacitet: Decimal = NUL

    @property
    def total(self) -> Decimal:
        return self.fast + self.aktivitet + self.overkapacitet


def vedtaget_budget_for(aar: int) -> dict[int, VedtagetSum] | None:
    """The stored oprindeligt budget of each tilbud for the year, summed over
    the months; None when the year's oprindeligt is not stored (a forslag, or
    a year lukket before budget states existed: its figures are computed).

    A tilbud missing from the dict was not in the adopted budget (created
    after the vedtagelse): its oprindeligt is 0, VedtagetSum().
    """
    raekker = (
        VedtagetBudget.objects.filter(budgetaar__aar=aar)
        .values("tilbud_id")
        .annotate(f=Sum("fast"), a=Sum("aktivitet"), o=Sum("overkapacitet"))
        .order_by("tilbud_id")
    )
    summer = {r["tilbud_id"]: VedtagetSum(r["f"], r["a"], r["o"]) for r in raekker}
    return summer or None


# One month of a tilbud's oprindeligt budget: (fast, aktivitet, overkapacitet).
Maanedsrad = tuple[Decimal, Decimal, Decimal]


def oprindeligt_til_vedtagelse(
    aar: int, idag: datetime.date
) -> dict[int, tuple[Maanedsrad, ...]]:
    """Each tilbud's oprindeligt budget for the 12 months as it would be stored
    if the year were vedtaget now: the figures the økonomichef is shown before
    confirming, and the ones budgets.services.budgetaar.vedtag stores.

    Each month's figure is rounded to øre (the storage rule, see VedtagetBudget:
    an adopted figure is kroner and øre). Raises BudgetGrundlagMangler when the
    year has no takstmodel or a code in force has no price.
    """
    resultater = tilbud_resultater(
        Tilbud.objects.order_by("pk"), aar, idag, med_ledger=False
    )
    return {
        r.tilbud.pk: tuple(
            (round_to_oere(f), round_to_oere(a), round_to_oere(o))
            for f, a, o in zip(
                r.budget.fast,
                r.budget.aktivitet_oprindeligt,
                r.budget.overkapacitet_oprindeligt,
                strict=True,
            )
        )
        for r in resultater
    }


def total_af(maaneder: dict[int, tuple[Maanedsrad, ...]]) -> VedtagetSum:
    """The sum over every tilbud and month of oprindeligt_til_vedtagelse."""
    fast = aktivitet = overkapacitet = NUL
    for raekker in maaneder.values():
        for f, a, o in raekker:
            fast, aktivitet, overkapacitet = fast + f, aktivitet + a, overkapacitet + o
    return VedtagetSum(fast, aktivitet, overkapacitet)


@dataclass(frozen=True)
class Aarsstatus:
    """A year's state and, once vedtaget, its stored oprindeligt budget."""

    status: str
    vedtaget: dict[int, VedtagetSum] | None

    def oprindeligt(self, tilbud_ids: Iterable[int]) -> VedtagetSum | None:
        """The stored oprindeligt budget of these tilbud together; None when the
        year's oprindeligt is computed (a forslag)."""
        if self.vedtaget is None:
            return None
        summer = [self.vedtaget.get(pk, VedtagetSum()) for pk in tilbud_ids]
        return VedtagetSum(
            sum((s.fast for s in summer), NUL),
            sum((s.aktivitet for s in summer), NUL),
            sum((s.overkapacitet for s in summer), NUL),
        )


def aarsstatus_for(aar: int) -> Aarsstatus:
    status = budgetaar_status(aar)
    if status == Budgetstatus.FORSLAG:
        return Aarsstatus(status, None)
    return Aarsstatus(status, vedtaget_budget_for(aar))
