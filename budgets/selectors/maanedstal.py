"""The stored monthly figures (budgets.models.Maanedstal): read, and computed
from their inputs for a write or where the stored rows are missing or old."""

import datetime
from collections import defaultdict
from collections.abc import Collection
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum

from budgets import engine
from budgets.engine.maanedstal import KOLONNER, Maaneder, maaneder_af
from budgets.models import Forbrug, Maanedstal, MaanedstalAar
from budgets.selectors.resultater import tilbud_resultater
from offers.models import Tilbud

BELOEB_FELT = DecimalField(max_digits=14, decimal_places=2)


def maaneder_beregnet(tilbud_ids: Collection[int], aar: int) -> dict[int, Maaneder]:
    """Each tilbud's months computed now from its inputs (one set of reads).

    A tilbud that no longer exists is left out. Raises BudgetGrundlagMangler
    (no takstmodel) or TakstniveauUdenPris (a code in force has no price).
    """
    if not tilbud_ids:
        return {}
    tilbud_list = Tilbud.objects.filter(pk__in=list(tilbud_ids)).order_by("pk")
    # The day only moves figures that are not stored (head counts on the day).
    resultater = tilbud_resultater(
        tilbud_list, aar, datetime.date(aar, 12, 31), med_ledger=False
    )
    return {
        r.tilbud.pk: maaneder_af(r.budget, r.noegletal, r.opholdene, r.prisliste)
        for r in resultater
    }


def maanedstal_aar(aar: int) -> MaanedstalAar:
    """The year's state; an unsaved one at version 0 for a year never changed."""
    return MaanedstalAar.objects.filter(aar=aar).first() or MaanedstalAar(aar=aar)


def gaeldende_raekker(
    aar: int, version: int, synlige: Collection[int] | None = None
) -> QuerySet[Maanedstal]:
    """The year's rows computed by this engine from the year's shared inputs as
    they are now, with each month's forbrug (None: no actuals) as ``forbrug``."""
    forbrug = (
        Forbrug.objects.filter(
            tilbud_id=OuterRef("tilbud_id"),
            maaned=OuterRef("maaned"),
            budgetaar__aar=aar,
        )
        .order_by()
        .values("tilbud_id")
        .annotate(sum=Sum("beloeb"))
        .values("sum")
    )
    raekker = Maanedstal.objects.filter(
        aar=aar, version=version, motorversion=engine.MOTORVERSION
    )
    if synlige is not None:
        raekker = raekker.filter(tilbud_id__in=synlige)
    return raekker.annotate(forbrug=Subquery(forbrug, output_field=BELOEB_FELT))


def gemte_maaneder(
    raekker: QuerySet[Maanedstal],
) -> tuple[dict[int, Maaneder], dict[int, dict[int, Decimal]]]:
    """The stored months per tilbud (only tilbud with all 12) and their forbrug
    (month 1-12 to actuals), from ``gaeldende_raekker``."""
    pr_tilbud: dict[int, list[tuple]] = defaultdict(list)
    forbrug: dict[int, dict[int, Decimal]] = defaultdict(dict)
    felter = ("tilbud_id", "maaned", "forbrug", *KOLONNER)
    for tilbud_id, maaned, beloeb, *vaerdier in raekker.order_by(
        "tilbud_id", "maaned"
    ).values_list(*felter):
        pr_tilbud[tilbud_id].append(vaerdier)
        if beloeb is not None:
            forbrug[tilbud_id][maaned] = beloeb
    maaneder = {
        tilbud_id: Maaneder(*zip(*maanederne, strict=True))
        for tilbud_id, maanederne in pr_tilbud.items()
        if len(maanederne) == 12
    }
    return maaneder, forbrug
