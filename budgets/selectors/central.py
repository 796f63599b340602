"""The central budgetmodel (DOMAIN.md §7) over the tilbud a user may see: every
tilbud's row from the stored rows (budgets.forberegning), memoised."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection

from budgets import engine, forberegning
from budgets.selectors.grundlag import BudgetGrundlagMangler
from budgets.selectors.memo import _MEMO, _MEMO_SIZE, _memo, data_fingerprint, memoised
from budgets.selectors.resultater import tilbud_resultater
from offers.models import Tilbud
from offers.selectors import ser_alle_tilbud, tilbud_visible_to
from tariffs.selectors import takstmodel_for_aar


def synlige_tilbud(user: AbstractBaseUser | None) -> frozenset[int] | None:
    """The ids of the tilbud the user may see; None means every tilbud (no user,
    or a role that sees all: no need to list 1,500 ids on every request)."""
    if user is None or ser_alle_tilbud(user):
        return None
    return frozenset(tilbud_visible_to(user).values_list("pk", flat=True))


def central_for(
    user: AbstractBaseUser | None, aar: int, idag: datetime.date
) -> engine.Central:
    """DOMAIN.md §7 over the tilbud the user may see (a tilbudsleder: their own).

    `user=None` is for commands run by the operator: every tilbud.
    """
    synlige = synlige_tilbud(user)

    def beregn() -> engine.Central:
        raekker = _synlige_raekker(alle_central_raekker(aar, idag), synlige)
        sidste_aar = _sidste_aars_raekker(aar, idag, synlige)
        return engine.central_budget(raekker, aar=aar, sidste_aar=sidste_aar)

    return memoised(("central", aar, idag, synlige), beregn)


def _synlige_raekker(
    raekker: list[engine.CentralRaekke], synlige: frozenset[int] | None
) -> list[engine.CentralRaekke]:
    return raekker if synlige is None else [r for r in raekker if r[0].id in synlige]


def _sidste_aars_raekker(
    aar: int, idag: datetime.date, synlige: frozenset[int] | None
) -> list[engine.CentralRaekke] | None:
    """Last year's central rows (stored like this year's), for the forbrugsprocent
    of the same period last year; None when that year cannot be budgeted."""
    try:
        return _synlige_raekker(alle_central_raekker(aar - 1, idag), synlige)
    except BudgetGrundlagMangler:
        return None


def _central_raekker(aar: int, idag: datetime.date) -> list[engine.CentralRaekke]:
    """Every tilbud's central row in navn order: the stored row where it is
    current (budgets.forberegning), else computed now and stored."""
    versioner = forberegning.versioner()  # before the inputs: see forberegning
    if takstmodel_for_aar(aar) is None:
        raise BudgetGrundlagMangler(f"Der er ingen takstmodel for {aar}.")
    ids = list(Tilbud.objects.order_by("navn").values_list("pk", flat=True))
    raekker = forberegning.gemte(aar, idag, versioner)
    mangler = [pk for pk in ids if pk not in raekker]
    if mangler:
        beregnet = {
            r.tilbud.pk: (r.grundlag, r.noegletal)
            for r in tilbud_resultater(
                Tilbud.objects.filter(pk__in=mangler), aar, idag, med_ledger=False
            )
        }
        nye = {pk: beregnet.get(pk) for pk in mangler}  # None: deleted meanwhile
        forberegning.gem(aar, idag, versioner, nye)
        raekker.update(nye)
    return [r for r in (raekker[pk] for pk in ids) if r is not None]


def alle_central_raekker(aar: int, idag: datetime.date) -> list[engine.CentralRaekke]:
    """Every tilbud's central row for the year, memoised by the data fingerprint."""
    key = (connection.alias, aar, idag, data_fingerprint())
    return _memo(_MEMO, _MEMO_SIZE, key, lambda: _central_raekker(aar, idag))
