"""Pre-computed rows of the central budgetmodel, kept in step with their inputs.

Computing every tilbud of a national setting from its events takes seconds (the
engine is exact, pure Python over Decimals); reading each tilbud's stored row
(grundlag and nøgletal) takes less than reading the events themselves. So a row
is stored with the versions of the inputs it was computed from:

* every save or delete of a budget input records a change of the tilbud it
  belongs to (budgets.signals: services, imports and the admin alike); a change
  to the takstmodel or timepris, which every tilbud shares, records a change of
  FAELLES. A tilbud's version is its number of changes (Budgetaendring);
* a stored row is used only while both versions are unchanged and only for the
  day it was computed for (nøgletal count borgere "on idag").

The versions are read *before* the inputs. A change committed while a row is
being computed has then raised a version past the one the row is stored with,
so the row is recomputed next time rather than trusted: no stale row is ever
used, at worst one is computed twice. Changes are inserted, never updated, so a
long import does not make placements in its tilbud wait, and writers cannot
deadlock on them.
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import DatabaseError, transaction
from django.db.models import Sum

from budgets import engine
from budgets.kodning import dekoder, til_json
from budgets.models import Budgetaendring, ForberegnetCentralraekke

logger = logging.getLogger(__name__)

FAELLES = 0  # the version of the inputs every tilbud shares

_RAEKKE = dekoder(engine.CentralRaekke)


@dataclass(frozen=True)
class Versioner:
    """The input versions read before a computation."""

    pr_tilbud: Mapping[int, int]

    @property
    def faelles(self) -> int:
        return self.pr_tilbud.get(FAELLES, 0)

    def af(self, tilbud_id: int) -> int:
        return self.pr_tilbud.get(tilbud_id, 0)


def versioner(using: str = "default") -> Versioner:
    rows = (
        Budgetaendring.objects.using(using)
        .values("tilbud_id")
        .annotate(version=Sum("antal"))
        .values_list("tilbud_id", "version")
    )
    return Versioner(dict(rows))


def aendret(tilbud_ids: Iterable[int], using: str = "default") -> None:
    """Record a change of each tilbud's inputs (in the caller's transaction)."""
    Budgetaendring.objects.using(using).bulk_create(
        [Budgetaendring(tilbud_id=i) for i in sorted(set(tilbud_ids))]
    )


def saml_aendringer() -> int:
    """Sum each tilbud's change rows into one; the versions stay the same.

    Only the rows this transaction sees are replaced, so a change committed
    meanwhile keeps its own row and still counts. Returns the rows removed.
    """
    with transaction.atomic():
        rows = list(Budgetaendring.objects.select_for_update().values_list(
            "pk", "tilbud_id", "antal"))  # fmt: skip
        summer: dict[int, int] = defaultdict(int)
        for _, tilbud_id, antal in rows:
            summer[tilbud_id] += antal
        Budgetaendring.objects.filter(pk__in=[pk for pk, _, _ in rows]).delete()
        Budgetaendring.objects.bulk_create(
            [Budgetaendring(tilbud_id=t, antal=a) for t, a in sorted(summer.items())]
        )
    return len(rows) - len(summer)


def gemte(
    aar: int, idag: datetime.date, v: Versioner
) -> dict[int, engine.CentralRaekke | None]:
    """The stored rows still valid under ``v``.

    A row stored without data is from before every tilbud was budgeted (a ramme
    tilbud without its frame was left out, issue 12 #5): it is computed again.
    """
    rows = ForberegnetCentralraekke.objects.filter(
        aar=aar,
        idag=idag,
        faelles_version=v.faelles,
        motorversion=engine.MOTORVERSION,
        data__isnull=False,
    ).values_list("tilbud_id", "version", "data")
    return {
        tilbud_id: _RAEKKE(data)
        for tilbud_id, version, data in rows
        if version == v.af(tilbud_id)
    }


def gem(
    aar: int,
    idag: datetime.date,
    v: Versioner,
    raekker: Mapping[int, engine.CentralRaekke | None],
) -> None:
    """Store computed rows under the versions read before computing them.

    Storing is an optimisation: if it fails (a tilbud deleted meanwhile, a
    read-only database), the rows are still returned and computed again later.
    """
    objs = [
        ForberegnetCentralraekke(
            tilbud_id=tilbud_id,
            aar=aar,
            idag=idag,
            version=v.af(tilbud_id),
            faelles_version=v.faelles,
            motorversion=engine.MOTORVERSION,
            data=None if r is None else til_json(r),
        )  # fmt: skip
        for tilbud_id, r in sorted(raekker.items())
    ]
    try:
        with transaction.atomic():
            ForberegnetCentralraekke.objects.bulk_create(
                objs, batch_size=500, update_conflicts=True,
                unique_fields=["tilbud", "aar", "idag"],
                update_fields=[
                    "version", "faelles_version", "motorversion", "data", "beregnet"
                ],
            )  # fmt: skip
    except DatabaseError:
        logger.warning("Forberegnede rækker for %s blev ikke gemt", aar, exc_info=True)


def ryd_op(nu: datetime.datetime) -> int:
    """Drop rows not computed for two days (days no one asks for any more)."""
    gamle = ForberegnetCentralraekke.objects.filter(
        beregnet__lt=nu - datetime.timedelta(days=2)
    )
    return gamle.delete()[0]


def glem() -> None:
    """Drop every stored row (after writes that bypass the signals, e.g. bulk loads)."""
    ForberegnetCentralraekke.objects.all().delete()
