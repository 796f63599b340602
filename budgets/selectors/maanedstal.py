"""The stored monthly figures (budgets.models.Maanedstal): read, and computed
from their inputs for a write or where the stored rows are missing or old."""

import dataclasses
import datetime
import itertools
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from operator import itemgetter

import numpy as np
from django.db import connection
from django.db.models import BigIntegerField, F, QuerySet, Sum
from django.db.models.functions import Cast

from budgets import engine
from budgets.engine import vektor_raa
from budgets.engine.maanedstal import (
    KOLONNER,
    Idagtal,
    Maaneder,
    maaneder_af,
    nul_maaneder,
)
from budgets.engine.perioder import Maanedsbeloeb
from budgets.engine.vektor import (
    IkkeFaelles,
    IkkeOere,
    Tilbudsdata,
    maaneder_for_aaret,
)
from budgets.models import Budgetstatus, Forbrug, Maanedstal, MaanedstalAar
from budgets.selectors.budgetaar import budgetaar_status
from budgets.selectors.grundlag import (
    _beregningsophold,
    _engine_ophold,
    _prisliste,
    _vedtagne,
    aarsgrundlag_for,
    grundlagene,
)
from budgets.selectors.raa import ophold_som_raekker
from budgets.selectors.resultater import _kraev_priser, tilbud_resultater
from config.lib import gcpause
from config.lib.money import kroner_af_oere
from config.lib.sql import heltal_kolonner, i_liste
from config.lib.sql import raekker as sql_raekker
from offers.models import Tilbud


def maaneder_beregnet(tilbud_ids: Collection[int], aar: int) -> dict[int, Maaneder]:
    """Each tilbud's months computed now from its inputs (one set of reads).

    A tilbud that no longer exists is left out. Raises BudgetGrundlagMangler
    (no takstmodel) or TakstniveauUdenPris (a code in force has no price).
    """
    if not tilbud_ids:
        return {}
    tilbud_list = Tilbud.objects.filter(i_liste("pk", tilbud_ids)).order_by("pk")
    # The day only moves figures that are not stored (head counts on the day).
    resultater = tilbud_resultater(
        tilbud_list, aar, datetime.date(aar, 12, 31), med_ledger=False
    )
    return {
        r.tilbud.pk: maaneder_af(r.budget, r.noegletal, r.opholdene, r.prisliste)
        for r in resultater
    }


def maaneder_vektor(tilbud_ids: Collection[int], aar: int) -> dict[int, Maaneder]:
    """maaneder_beregnet by the vectorised engine (budgets.engine.vektor): the
    same figures to the øre from the same reads, every tilbud at once.

    The plain ophold go to the engine as arrays (selectors.raa), the others as
    engine.Ophold. Tilbud whose takster differ in their periods get every ophold
    as engine.Ophold; a takst that is not whole øre (never from
    tariffs.services) falls back to the reference engine.
    """
    return maaneder_og_idagtal(tilbud_ids, aar, None)[0]


def maaneder_og_idagtal(
    tilbud_ids: Collection[int],
    aar: int,
    idag: datetime.date | None,
    grundlag: Sequence[engine.TilbudGrundlag] | None = None,
) -> tuple[dict[int, Maaneder], dict[int, Idagtal]]:
    """maaneder_vektor, and with ``idag`` the central model's figures of the day
    (engine.maanedstal.Idagtal) of the tilbud whose ophold it read as arrays,
    counted from those arrays (vektor_raa.idagtal) rather than read again in
    SQL; a tilbud priced by the reference engine is not among them.

    ``grundlag``: the tilbud's settings for the year (selectors.grundlag.
    grundlagene) where the caller has read them already."""
    if not tilbud_ids:
        return {}, {}
    with gcpause.paused():  # every tilbud's rows and Decimals: no cycles among them
        return _maaneder_og_idagtal(tilbud_ids, aar, idag, grundlag)


def _maaneder_og_idagtal(
    tilbud_ids: Collection[int],
    aar: int,
    idag: datetime.date | None,
    grundlag: Sequence[engine.TilbudGrundlag] | None,
) -> tuple[dict[int, Maaneder], dict[int, Idagtal]]:
    if grundlag is None:
        grundlag = grundlagene(aar, tilbud_ids)
    grundaar = aarsgrundlag_for(aar)
    alle_ids = [g.id for g in grundlag]
    vedtagne = _vedtagne(alle_ids, aar) if grundaar.vedtaget else {}
    # Issue 17: a tilbud priced by a dagspris or its own timeprismodel goes to
    # the reference engine (vektor.kun_reference); its ophold are not read as
    # arrays.
    saerlige = [g.id for g in grundlag if _saerlig(g, grundaar)]
    vektorens = [g for g in grundlag if not _saerlig(g, grundaar)]
    ids = [g.id for g in vektorens]
    fra_reference = maaneder_beregnet(saerlige, aar) if saerlige else {}
    if not ids:
        return fra_reference, {}
    raa, andre = ophold_som_raekker(ids, aar, grundaar.kendt_pr)
    dagens = {} if idag is None else vektor_raa.idagtal(raa, ids, idag)
    if not raa.faste_koder().issubset(grundaar.servicetakster):
        # The refusal names the borgere: read them with their labels.
        _kraev_priser(_engine_ophold(ids, aar).values(), grundaar)

    def data(opholdene: Mapping[int, Sequence[engine.Ophold]]) -> list[Tilbudsdata]:
        return [
            Tilbudsdata(
                g,
                tuple(opholdene.get(g.id, ())),
                _prisliste(g, grundaar),
                vedtagne.get(g.id),
            )
            for g in vektorens
        ]

    try:
        try:
            maaneder = maaneder_for_aaret(data(andre), aar, grundaar.kendt_pr, raa)
        except IkkeFaelles:
            opholdene = _beregningsophold(ids, aar)
            maaneder = maaneder_for_aaret(data(opholdene), aar, grundaar.kendt_pr)
    except IkkeOere:
        return maaneder_beregnet(ids, aar) | fra_reference, dagens
    return dict(zip(ids, maaneder, strict=True)) | fra_reference, dagens


def _saerlig(g: engine.TilbudGrundlag, grundaar) -> bool:
    return g.dagspris is not None or grundaar.egen_timeprismodel(g.timeprismodel)


def aar_er_lukket(aar: int) -> bool:
    return budgetaar_status(aar) == Budgetstatus.LUKKET


def maanedstal_aar(aar: int) -> MaanedstalAar:
    """The year's state; an unsaved one at version 0 for a year never changed."""
    return MaanedstalAar.objects.filter(aar=aar).first() or MaanedstalAar(aar=aar)


def gaeldende_raekker(
    aar: int, version: int, synlige: Collection[int] | None = None
) -> QuerySet[Maanedstal]:
    """The year's rows computed by this engine from the year's shared inputs
    as they are now (``version``); only the tilbud in ``synlige`` if given.

    A lukket year's rows are its closed figures, whichever engine computed
    them: a deploy that changes a calculation never moves a closed year.
    """
    if aar_er_lukket(aar):
        raekker = Maanedstal.objects.filter(aar=aar)
    else:
        raekker = Maanedstal.objects.filter(
            aar=aar, version=version, motorversion=engine.MOTORVERSION
        )
    if synlige is not None:
        raekker = raekker.filter(tilbud_id__in=synlige)
    return raekker


def gemte_maaneder(
    raekker: QuerySet[Maanedstal],
    aar: int,
    kolonner: Sequence[str] = KOLONNER,
    synlige: Collection[int] | None = None,
) -> tuple[dict[int, Maaneder], dict[int, dict[int, Decimal]]]:
    """The stored months per tilbud (only tilbud with all 12), from
    ``gaeldende_raekker``, and every (visible) tilbud's forbrug (month 1-12 to
    actuals), also of tilbud without stored months: the caller computes those
    and reads their forbrug from here, not a second time. The columns not in
    ``kolonner`` are not read (0). ``synlige`` only narrows the forbrug read
    (the rows are already narrowed).

    The forbrug is one SUM … GROUP BY tilbud, month joined here, not a
    subquery per stored row (36,000 of them at national scale)."""
    rows = sql_raekker(
        raekker.order_by("tilbud_id", "maaned"), "tilbud_id", "maaned", *kolonner
    )
    nul = nul_maaneder()
    ulaeste = {k: getattr(nul, k) for k in KOLONNER if k not in kolonner}
    maaneder: dict[int, Maaneder] = {}
    for tilbud_id, gruppe in itertools.groupby(rows, key=itemgetter(0)):
        _, maanederne, *kolonnerne = zip(*gruppe, strict=True)
        if len(maanederne) != 12:
            continue  # written twelve at a time: never, but then not current
        maaneder[tilbud_id] = Maaneder(
            **ulaeste, **dict(zip(kolonner, kolonnerne, strict=True))
        )
    return maaneder, forbrug_pr_maaned(aar, synlige)


def korrigeret_pr_maaned(raekker: QuerySet[Maanedstal]) -> dict[int, Maanedsbeloeb]:
    """Each tilbud's korrigeret budget (fast + aktivitet + overkapacitet) by
    month, added in SQL (only tilbud with all 12 rows); on PostgreSQL read as
    whole øre (two decimals each: × 100 is exact) into arrays."""
    korrigeret = F("fast") + F("aktivitet_korrigeret") + F("overkapacitet_korrigeret")
    if connection.vendor == "postgresql":
        tilbud, maaned, oere = heltal_kolonner(
            raekker.order_by(),
            "tilbud_id",
            "maaned",
            Cast(korrigeret * 100, BigIntegerField()),
        )
        return _tolv_i_kroner(tilbud, maaned, oere)
    rows = sql_raekker(
        raekker.order_by("tilbud_id", "maaned").annotate(korrigeret=korrigeret),
        "tilbud_id",
        "korrigeret",
    )
    resultat = {}
    for tilbud_id, gruppe in itertools.groupby(rows, key=itemgetter(0)):
        maaneder = tuple(k for _, k in gruppe)
        if len(maaneder) == 12:
            resultat[tilbud_id] = maaneder
    return resultat


def _tolv_i_kroner(
    tilbud: np.ndarray, maaned: np.ndarray, oere: np.ndarray
) -> dict[int, Maanedsbeloeb]:
    """Per tilbud with 12 rows, the øre of months 1-12 as kroner."""
    orden = np.lexsort((maaned, tilbud))
    tilbud, oere = tilbud[orden], oere[orden]
    ids, start, antal = np.unique(tilbud, return_index=True, return_counts=True)
    hele = antal == 12
    kroner = kroner_af_oere(oere.tolist())
    return {
        i: tuple(kroner[s : s + 12])
        for i, s in zip(ids[hele].tolist(), start[hele].tolist(), strict=True)
    }


def forbrug_pr_maaned(
    aar: int, synlige: Collection[int] | None = None
) -> dict[int, dict[int, Decimal]]:
    """Each tilbud's actuals of the year, month 1-12 to the sum of its arts."""
    rows = Forbrug.objects.filter(budgetaar__aar=aar)
    if synlige is not None:
        rows = rows.filter(tilbud_id__in=synlige)
    rows = rows.order_by()  # Meta.ordering by tilbud would join offers_tilbud
    if connection.vendor == "postgresql":
        return _forbrug_i_oere(rows)
    forbrug: dict[int, dict[int, Decimal]] = defaultdict(dict)
    summer = rows.values("tilbud_id", "maaned").annotate(sum=Sum("beloeb"))
    for tilbud_id, maaned, beloeb in sql_raekker(summer, "tilbud_id", "maaned", "sum"):
        forbrug[tilbud_id][maaned] = beloeb
    return forbrug


def _forbrug_i_oere(rows: QuerySet[Forbrug]) -> dict[int, dict[int, Decimal]]:
    """forbrug_pr_maaned's sums added up in whole øre by numpy from the rows
    (beløb has two decimals: × 100 is exact), not by PostgreSQL's SUM of
    numeric per group, which was most of the read (22 of 26 ms a year)."""
    tilbud, maaned, oere = heltal_kolonner(
        rows, "tilbud_id", "maaned", Cast(F("beloeb") * 100, BigIntegerField())
    )
    noegle = tilbud * 13 + maaned
    grupper, hvor = np.unique(noegle, return_inverse=True)
    summer = np.zeros(len(grupper), dtype=np.int64)
    np.add.at(summer, hvor.reshape(-1), oere)
    forbrug: dict[int, dict[int, Decimal]] = defaultdict(dict)
    kroner = kroner_af_oere(summer.tolist())
    for gruppe, beloeb in zip(grupper.tolist(), kroner, strict=True):
        forbrug[gruppe // 13][gruppe % 13] = beloeb
    return forbrug


def maanedssummer(
    raekker: QuerySet[Maanedstal], kolonner: Sequence[str] = KOLONNER
) -> Maaneder:
    """SUM … GROUP BY month of the rows' columns (those not in ``kolonner``: 0)."""
    summer = {
        r["maaned"]: r
        for r in raekker.order_by()
        .values("maaned")
        .annotate(**{f"sum_{k}": Sum(k) for k in kolonner})
    }
    return dataclasses.replace(
        nul_maaneder(),
        **{
            k: tuple((summer.get(m) or {}).get(f"sum_{k}") or 0 for m in range(1, 13))
            for k in kolonner
        },
    )
