"""Keep the stored monthly figures (budgets.models.Maanedstal) in step (issue 13 #5).

Every write that changes a tilbud's budget inputs recomputes that tilbud's rows
in its own transaction (``opdater``): the services of budgets call it, those of
offers and tariffs reach it through config.lib.derived (they may not import
budgets; budgets.apps registers ``haandter``). A change of the inputs every
tilbud shares in a year (takstmodel, takstniveauer, timepris) raises the year's
version in its transaction, which makes every row of the year old at once, and
recomputes every tilbud in a Celery job with progress (``genberegn``).

Concurrency: a recompute locks its tilbud rows (FOR NO KEY UPDATE, in id order,
so two never wait for each other in a circle) before it reads the year's
version and then the inputs. Two writers of one tilbud are therefore
serialised, and the one that locks last reads what the other committed. The
version is read before the inputs: a shared change that commits in between
leaves the rows marked old (and its job recomputes them), never marked current
with old inputs.
"""

import logging
from collections.abc import Iterable, Mapping, Sequence

from celery import current_app
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from budgets import engine
from budgets.engine.maanedstal import KOLONNER, Maaneder
from budgets.models import Maanedstal, MaanedstalAar
from budgets.selectors.central import GENBEREGNING_STAAR_STILLE
from budgets.selectors.grundlag import BudgetGrundlagMangler
from budgets.selectors.maanedstal import (
    aar_er_lukket,
    maaneder_vektor,
    maanedstal_aar,
)
from config.celery import task as task_by_name
from config.lib.derived import Changes
from offers.models import Tilbud
from tariffs.models import Takstmodel

logger = logging.getLogger(__name__)

# Tilbud per transaction of the recompute job. Each batch reads, computes and
# writes its tilbud at once (the vectorised engine), so its fixed cost (the
# year's takstmodel, a dozen reads) is paid once per batch; a writer to a tilbud
# of the batch waits for at most one batch (under a second at national scale).
BATCH = 500


def haandter(changes: Changes) -> None:
    """config.lib.derived's handler: what a write changed, before it commits.

    A tilbud is recomputed in the years from the first one the write changed
    (an event changes no year before its own). A year whose shared inputs
    changed is recomputed whole by its job, so not here.
    """
    if changes.aar:
        genberegn_start(changes.aar)
    if changes.tilbud:
        aarene = [a for a in budgetaarene() if a not in changes.aar]
        _opdater(changes.tilbud, aarene)


def budgetaarene() -> list[int]:
    """The years the table is kept for: those with a takstmodel."""
    return sorted(set(Takstmodel.objects.values_list("aar", flat=True)))


def _laas(tilbud_ids: Iterable[int]) -> list[int]:
    """Lock the tilbud rows in id order; returns those that still exist.

    FOR NO KEY UPDATE: it serialises the recomputes of a tilbud, but not the
    inserts that merely point at it (an ophold's foreign key takes FOR KEY
    SHARE), which a stronger lock would make wait for, or deadlock with, a
    recompute of two tilbud.
    """
    return list(
        Tilbud.objects.select_for_update(no_key=True)
        .filter(pk__in=sorted(set(tilbud_ids)))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def opdater(tilbud_ids: Iterable[int], aar: int | None = None) -> None:
    """Recompute the tilbud's rows of ``aar`` (None: every year with a
    takstmodel) in the caller's transaction. Deleted tilbud lose theirs by
    cascade; rows of a year without takstmodel are dropped."""
    _opdater(dict.fromkeys(tilbud_ids), budgetaarene() if aar is None else [aar])


@transaction.atomic
def _opdater(fra_aar: Mapping[int, int | None], aarene: Sequence[int]) -> None:
    """``fra_aar``: each tilbud and the first year to recompute (None: all)."""
    ids = _laas(fra_aar)
    if not ids:
        return
    uden_takster = Maanedstal.objects.filter(tilbud_id__in=ids).exclude(
        aar__in=budgetaarene()
    )
    uden_takster.delete()
    for aar in aarene:
        beroerte = [i for i in ids if fra_aar[i] is None or fra_aar[i] <= aar]
        if beroerte:
            _gem(aar, beroerte)


def _gem(aar: int, ids: Sequence[int]) -> int:
    """Compute and store the year's rows of the (locked) tilbud; returns the
    year's version they were stored under.

    In a lukket year only a tilbud without its 12 rows is computed: the rows
    there are the closed figures, never rewritten (not by a newer engine).
    """
    version = maanedstal_aar(aar).version  # before the inputs (module docstring)
    if aar_er_lukket(aar):
        ids = [i for i in ids if i not in _med_alle_maaneder(aar, ids)]
    beregnet = _beregn(ids, aar)
    uden = [i for i in ids if i not in beregnet]
    if uden:  # cannot be priced now: read computes them, and names the code
        Maanedstal.objects.filter(aar=aar, tilbud_id__in=uden).delete()
    if connection.vendor == "postgresql":
        _gem_med_copy(aar, version, beregnet)
    else:
        Maanedstal.objects.bulk_create(
            [
                _raekke(t, aar, m, version, maaneder)
                for t, maaneder in beregnet.items()
                for m in range(12)
            ],
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["tilbud", "aar", "maaned"],
            update_fields=[*KOLONNER, "version", "motorversion", "beregnet"],
        )
    return version


TAB = "\t"
_GEMTE = ("tilbud_id", "aar", "maaned", "version", "motorversion", *KOLONNER)


def _gem_med_copy(aar: int, version: int, beregnet: Mapping[int, Maaneder]) -> None:
    """bulk_create's upsert in two statements on PostgreSQL: the rows COPYed
    into a temporary table, then one INSERT … ON CONFLICT from it. Preparing
    every value of 12 × tilbud model instances was most of the time it took.

    Only inside a transaction (every caller's): the table is dropped on commit.
    """
    kolonner = ", ".join(_GEMTE)
    opdateres = ", ".join(f"{k} = EXCLUDED.{k}" for k in (*_GEMTE[3:], "beregnet"))
    nu, motor = timezone.now(), engine.MOTORVERSION
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS budgets_maanedstal_ny ON COMMIT DROP AS "
            f"SELECT {kolonner} FROM budgets_maanedstal WITH NO DATA"
        )
        with cursor.copy(f"COPY budgets_maanedstal_ny ({kolonner}) FROM STDIN") as copy:
            # COPY's text format written directly: every value is a number, so
            # str() is its text; write_row's per-value adaptation cost more.
            for tilbud_id, maaneder in beregnet.items():
                foran = f"{tilbud_id}\t{aar}\t"
                bagved = f"\t{version}\t{motor}\t"
                maanedene = zip(*(getattr(maaneder, k) for k in KOLONNER), strict=True)
                copy.write(
                    "".join(
                        f"{foran}{m}{bagved}{TAB.join(map(str, tal))}\n"
                        for m, tal in enumerate(maanedene, start=1)
                    )
                )
        cursor.execute(
            f"INSERT INTO budgets_maanedstal ({kolonner}, beregnet) "
            f"SELECT {kolonner}, %s FROM budgets_maanedstal_ny "
            "ON CONFLICT (tilbud_id, aar, maaned) DO UPDATE SET " + opdateres,
            [nu],
        )
        cursor.execute("TRUNCATE budgets_maanedstal_ny")


def _med_alle_maaneder(aar: int, ids: Sequence[int]) -> set[int]:
    rows = Maanedstal.objects.filter(aar=aar, tilbud_id__in=ids)
    return set(
        rows.values("tilbud_id")
        .annotate(n=Count("pk"))
        .filter(n=12)
        .values_list("tilbud_id", flat=True)
    )


def _beregn(ids: Sequence[int], aar: int) -> dict[int, Maaneder]:
    """The tilbud's months; a tilbud that cannot be priced is left out.

    Computed by the vectorised engine (budgets.engine.vektor, every tilbud at
    once; equal to the reference engine's figures to the øre, a test holds it).
    The engine refuses a set of tilbud when one has a code without price in the
    year (TakstniveauUdenPris); then each is tried alone, so the others count.
    """
    try:
        return maaneder_vektor(ids, aar)
    except BudgetGrundlagMangler:
        if len(ids) == 1:
            return {}
    beregnet: dict[int, Maaneder] = {}
    for i in ids:
        beregnet.update(_beregn([i], aar))
    return beregnet


def _raekke(
    tilbud_id: int, aar: int, m: int, version: int, maaneder: Maaneder
) -> Maanedstal:
    return Maanedstal(
        tilbud_id=tilbud_id,
        aar=aar,
        maaned=m + 1,
        version=version,
        motorversion=engine.MOTORVERSION,
        **{k: getattr(maaneder, k)[m] for k in KOLONNER},
    )


@transaction.atomic
def genberegn_start(aarene: Iterable[int]) -> dict[int, int]:
    """Mark every stored row of the years old and queue the job that recomputes
    them; returns each year's new version.

    Eager Celery (the embedded default, the tests): the job runs at once, in
    this transaction, so the figures are in step when it commits. With a worker
    it is queued on commit, for it must see the change.
    """
    # budgets.tasks imports this module: its task is found by name, not imported.
    genberegn_task = task_by_name("budgets.tasks.maanedstal_genberegn_task")
    versioner = {}
    for aar in sorted(set(aarene)):
        MaanedstalAar.objects.bulk_create(
            [MaanedstalAar(aar=aar)], ignore_conflicts=True
        )
        # The row lock this update takes serialises two changes of one year.
        MaanedstalAar.objects.filter(aar=aar).update(
            version=F("version") + 1,
            i_alt=Tilbud.objects.count(),
            beregnet=0,
            opdateret=timezone.now(),
        )
        versioner[aar] = version = MaanedstalAar.objects.get(aar=aar).version
        if current_app.conf.task_always_eager:
            genberegn_task.delay(aar, version)
        else:
            transaction.on_commit(lambda a=aar, v=version: genberegn_task.delay(a, v))
    return versioner


def genberegn(*, aar: int, version: int) -> bool:
    """Recompute every tilbud's rows of the year, BATCH tilbud per transaction,
    counting progress. Stops when a newer change of the year has superseded
    ``version`` (its own job does the rest). Safe to run twice. Returns whether
    this job finished the year."""
    ids = list(Tilbud.objects.order_by("pk").values_list("pk", flat=True))
    denne = MaanedstalAar.objects.filter(aar=aar, version=version)
    denne.update(i_alt=len(ids), beregnet=0, opdateret=timezone.now())
    if not Takstmodel.objects.filter(aar=aar).exists():
        Maanedstal.objects.filter(aar=aar).delete()
        ids = []
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        with transaction.atomic():
            if _gem(aar, _laas(batch)) != version:
                return False
            denne.update(beregnet=F("beregnet") + len(batch), opdateret=timezone.now())
    return bool(denne.update(faerdig_version=version, opdateret=timezone.now()))


def foraeldede_aar() -> list[int]:
    """The years whose stored rows are not all current: a tilbud without 12
    rows of the year's version, or rows of another engine (a deploy)."""
    aarene = []
    antal_tilbud = Tilbud.objects.count()
    for aar in budgetaarene():
        tilstand = maanedstal_aar(aar)
        rows = Maanedstal.objects.filter(aar=aar)
        gamle = not aar_er_lukket(aar) and (
            rows.filter(
                ~Q(version=tilstand.version) | ~Q(motorversion=engine.MOTORVERSION)
            ).exists()
        )
        gode = rows.values("tilbud_id").annotate(n=Count("pk")).filter(n=12).count()
        if gamle or gode != antal_tilbud:
            aarene.append(aar)
    return aarene


@transaction.atomic
def opdater_foraeldede() -> list[int]:
    """Queue a recompute of each year whose rows are not all current (run by
    deploy after a migration, and nightly); rows of years without takstmodel are
    dropped. Returns the years queued."""
    Maanedstal.objects.exclude(aar__in=budgetaarene()).delete()
    aarene = [aar for aar in foraeldede_aar() if not _koerer(maanedstal_aar(aar))]
    if aarene:
        genberegn_start(aarene)
    return aarene


def _koerer(tilstand: MaanedstalAar) -> bool:
    alder = timezone.now() - (tilstand.opdateret or timezone.now())
    return tilstand.genberegnes and alder < GENBEREGNING_STAAR_STILLE
