"""The stored monthly figures against a computation from nothing (issue 13 #5).

``tabel()`` is what the table holds; ``fra_bunden()`` is every tilbud of every
year with a takstmodel computed now from its inputs by the engine, into memory.
``central_fra_bunden()`` is the central model read with no stored row at all
(every tilbud computed on read), rolled back so the table stays as it was.
"""

import datetime

from django.db import transaction

from budgets import engine
from budgets.engine.maanedstal import KOLONNER, Maaneder
from budgets.models import Maanedstal, MaanedstalAar
from budgets.selectors import central_for, maaneder_beregnet
from offers.models import Tilbud
from tariffs.models import Takstmodel

Tabel = dict[tuple[int, int], Maaneder]


def tabel() -> Tabel:
    """The stored rows, per (tilbud, år); only current ones (version, engine)."""
    versioner = dict(MaanedstalAar.objects.values_list("aar", "version"))
    pr_noegle: dict[tuple[int, int], list] = {}
    raekker = Maanedstal.objects.order_by("tilbud_id", "aar", "maaned")
    for r in raekker.values("tilbud_id", "aar", "version", "motorversion", *KOLONNER):
        current = (r["version"], r["motorversion"]) == (
            versioner.get(r["aar"], 0),
            engine.MOTORVERSION,
        )
        noegle = (r["tilbud_id"], r["aar"])
        pr_noegle.setdefault(noegle, []).append(
            tuple(r[k] for k in KOLONNER) if current else None
        )
    return {
        noegle: Maaneder(*zip(*maaneder, strict=True))
        for noegle, maaneder in pr_noegle.items()
        if len(maaneder) == 12 and None not in maaneder
    }


def fra_bunden() -> Tabel:
    """Every tilbud of every year with a takstmodel, computed now."""
    ids = list(Tilbud.objects.values_list("pk", flat=True))
    resultat: Tabel = {}
    for aar in set(Takstmodel.objects.values_list("aar", flat=True)):
        for tilbud_id, maaneder in maaneder_beregnet(ids, aar).items():
            resultat[(tilbud_id, aar)] = maaneder
    return resultat


def central_fra_bunden(user, aar: int, idag: datetime.date) -> engine.Central:
    """The central model with no stored row: every tilbud computed on read."""
    with transaction.atomic():
        Maanedstal.objects.all().delete()
        central = central_for(user, aar, idag)
        transaction.set_rollback(True)
    return central
