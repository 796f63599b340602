"""A Celery worker killed in the middle of an import, and the retry after it.

The file is all or nothing: the worker is SIGKILLed while its write transaction
is open, so PostgreSQL rolls it back and no Forbrug row is left. The job is
then stuck in "gemmer"; when the broker delivers the task again (acks_late: the
message was never acknowledged) a fresh worker must finish it exactly once.

Runs only with CELERY_BROKER_URL=redis://… and PostgreSQL, as in CI: the worker
is a separate process that must reach the test database. A task run twice in
eager mode is tests/imports/test_tasks.py's test_running_the_task_twice_imports_once.
"""

import contextlib
import os
import signal
import time
from collections.abc import Iterator

import psycopg
import pytest
from django.db import connection

from budgets import services
from budgets.imports import runner
from budgets.models import Forbrug, Importjob, Importstatus
from budgets.tasks import importjob_oprydning_task, importjob_run_task
from tests.factories import TilbudFactory
from tests.imports.conftest import csv_bytes

BROKER = os.environ.get("CELERY_BROKER_URL", "")
VENT_HOEJST = 120  # seconds
# 70 tilbud x 1 budget year x 12 months x 3 arts: 2,520 rows, each its own Forbrug
# row, so the write phase takes seconds and the kill lands inside it. One year: a
# month must lie in a year with a takstmodel (takstmodel_2026).
TILBUD, AAR, ARTER = 70, range(2026, 2027), ("løn", "drift", "indtægt")

kraever_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the run lock is a PostgreSQL advisory lock (DATABASE_URL)",
)
kraever_worker = pytest.mark.skipif(
    not BROKER.startswith("redis://") or connection.vendor != "postgresql",
    reason="needs CELERY_BROKER_URL=redis://… and PostgreSQL (DATABASE_URL): "
    "a real worker process must reach the test database",
)


def med_worker(test):
    """A test with a real worker process: it commits, so the worker sees its rows."""
    test = kraever_worker(test)
    test = pytest.mark.django_db(transaction=True)(test)
    return pytest.mark.worker(test)


def _forbrugsfil() -> tuple[bytes, int]:
    navne = [TilbudFactory(navn=f"Fejltilbud {i}").navn for i in range(TILBUD)]
    raekker = [
        f"{navn};{aar}-{maaned:02d};{art};1.234,50"
        for navn in navne
        for aar in AAR
        for maaned in range(1, 13)
        for art in ARTER
    ]
    return csv_bytes("tilbud;måned;art;beløb", raekker), len(raekker)


def _andre_forbindelser(kun_skrivende: bool = False) -> int:
    """Other sessions on the test database; or only those in a transaction that
    has written (PostgreSQL gives it a transaction id at the first write)."""
    sql = (
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        " AND pid <> pg_backend_pid()"
    )
    if kun_skrivende:
        sql += " AND backend_xid IS NOT NULL"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def _skriver() -> bool:
    return _andre_forbindelser(kun_skrivende=True) > 0


def _vent_til(betingelse, besked: str, interval: float = 0.05) -> None:
    slut = time.monotonic() + VENT_HOEJST
    while time.monotonic() < slut:
        if betingelse():
            return
        time.sleep(interval)
    pytest.fail(besked)


def _status(job: Importjob) -> str:
    job.refresh_from_db()
    return job.status


def _draeb(worker) -> float:
    """SIGKILL the worker, then wait until PostgreSQL has ended its session (and
    rolled back its transaction). Returns the moment of the kill."""
    worker.send_signal(signal.SIGKILL)
    draebt = time.monotonic()
    worker.wait(timeout=15)
    _vent_til(
        lambda: _andre_forbindelser() == 0,
        "PostgreSQL kept the killed worker's session open",
    )
    return draebt


@contextlib.contextmanager
def _levende_worker(job: Importjob) -> Iterator[None]:
    """A second session holding the job's run lock, as a live worker does."""
    s = connection.settings_dict
    with psycopg.connect(
        host=s["HOST"] or "127.0.0.1",
        port=s["PORT"] or 5432,
        user=s["USER"],
        password=s["PASSWORD"] or None,
        dbname=s["NAME"],
        autocommit=True,
    ) as forbindelse:
        forbindelse.execute(
            "SELECT pg_advisory_lock(%s, %s)", [runner.LAAS_NAVNERUM, job.pk]
        )
        yield


def _godkendt(job: Importjob) -> None:
    """Wait for the preview (nothing written yet), then confirm it as the user does."""
    _vent_til(
        lambda: _status(job) == Importstatus.AFVENTER_GODKENDELSE,
        "the worker never showed the preview",
        interval=0.5,
    )
    assert not Forbrug.objects.exists()
    services.importjob_godkend(job=job, acting_user=job.created_by)


@med_worker
def test_worker_killed_while_writing_leaves_nothing_and_a_retry_imports_once(
    start_worker, oekonomichef, takstmodel_2026
):
    indhold, antal = _forbrugsfil()
    worker = start_worker()
    job = services.importjob_create(
        type="forbrug",
        filnavn="forbrug.csv",
        indhold=indhold,
        acting_user=oekonomichef,
    )
    _godkendt(job)

    # Kill only once the write transaction has written rows: mid-write, not before.
    _vent_til(
        lambda: _status(job) == Importstatus.GEMMER and _skriver(),
        "the worker never reached the write phase",
    )
    _draeb(worker)
    assert _status(job) == Importstatus.GEMMER, "the write finished before the kill"
    assert Forbrug.objects.count() in (0, antal)  # never a part of the file

    # What the broker does once the unacknowledged message is due again.
    start_worker()
    importjob_run_task.delay(job.pk)
    _vent_til(
        lambda: _status(job) in (Importstatus.FAERDIG, Importstatus.AFVIST),
        "the retry never finished the job",
        interval=0.5,
    )
    assert (job.status, job.rows_done, job.errors) == (Importstatus.FAERDIG, antal, [])
    assert Forbrug.objects.count() == antal
    assert Forbrug.history.count() == antal  # each row written once, no duplicates


def _job(user, status: str) -> Importjob:
    """A one-row forbrug job, previewed and confirmed, then left in ``status`` as a
    worker would leave it."""
    tilbud = TilbudFactory(navn="Fejltilbud")
    indhold = csv_bytes("tilbud;måned;art;beløb", [f"{tilbud.navn};2026-01;løn;100"])
    job = Importjob.objects.create(
        type="forbrug", filnavn="f.csv", indhold=indhold, created_by=user
    )
    runner.importjob_run(job_id=job.pk)  # the preview
    services.importjob_godkend(job=job, acting_user=user)  # queued only on commit
    Importjob.objects.filter(pk=job.pk).update(status=status)
    return job


@kraever_postgres
def test_a_job_a_live_worker_holds_is_left_alone(oekonomichef, takstmodel_2026):
    job = _job(oekonomichef, Importstatus.GEMMER)
    with _levende_worker(job):
        assert importjob_run_task.delay(job.pk).get() == Importstatus.GEMMER
    assert not Forbrug.objects.exists()


@kraever_postgres
def test_a_job_left_running_by_a_dead_worker_is_run_again(
    oekonomichef, takstmodel_2026
):
    job = _job(oekonomichef, Importstatus.GEMMER)
    assert importjob_run_task.delay(job.pk).get() == Importstatus.FAERDIG
    assert Forbrug.objects.count() == 1


# --- Issue 14: a job always ends, as done or rejected, within minutes of a crash ---

# A second-long validation: 20,160 postings (the fault file eight times), so the
# kill lands mid-validation (progress is written every 500 rows).
GANGE = 8
SKUD_EFTER = 500  # rows validated before the kill


def _draebt_under_kontrol(start_worker, user, **miljoe) -> tuple[Importjob, float]:
    """A forbrug import whose worker is SIGKILLed while validating its rows.
    Returns the job (left "validerer") and the moment of the kill."""
    indhold, _ = _forbrugsfil()
    hoved, *raekker = indhold.decode().splitlines()
    indhold = csv_bytes(hoved, raekker * GANGE)
    worker = start_worker(**miljoe)
    job = services.importjob_create(
        type="forbrug", filnavn="forbrug.csv", indhold=indhold, acting_user=user
    )
    _vent_til(
        lambda: _status(job) == Importstatus.VALIDERER and job.rows_done >= SKUD_EFTER,
        "the worker never started validating",
    )
    draebt = _draeb(worker)
    assert _status(job) == Importstatus.VALIDERER, "validation ended before the kill"
    return job, draebt


@med_worker
def test_a_killed_workers_job_is_rejected_by_the_sweep_with_its_file_gone(
    start_worker, oekonomichef, takstmodel_2026
):
    job, draebt = _draebt_under_kontrol(start_worker, oekonomichef)
    start_worker()  # the default visibility timeout: no redelivery in this test
    importjob_oprydning_task.delay()  # what beat sends every minute
    _vent_til(lambda: _status(job) == Importstatus.AFVIST, "the sweep left the job")
    assert job.errors == [runner.AFBRUDT]
    assert bytes(Importjob.objects.get(pk=job.pk).indhold) == b""
    assert time.monotonic() - draebt < 120  # with beat: at most a minute more
    assert not Forbrug.objects.exists()


@med_worker
def test_a_killed_workers_task_is_delivered_again_after_the_visibility_timeout(
    start_worker, oekonomichef, takstmodel_2026
):
    """No task is sent by the test: the broker gives the unacknowledged message
    to the new worker once the visibility timeout (here 5 s) has passed."""
    kort = {"CELERY_VISIBILITY_TIMEOUT": "5"}
    job, draebt = _draebt_under_kontrol(start_worker, oekonomichef, **kort)
    start_worker(**kort)
    _vent_til(
        lambda: _status(job) == Importstatus.AFVENTER_GODKENDELSE,
        "the message was never delivered again",
        interval=0.5,
    )
    assert job.errors == []
    assert time.monotonic() - draebt < VENT_HOEJST


def test_beat_runs_the_sweep_every_minute():
    from django.conf import settings

    plan = settings.CELERY_BEAT_SCHEDULE["importjob-oprydning"]
    assert plan["task"] == "budgets.tasks.importjob_oprydning_task"
    assert plan["schedule"] <= 60
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= 600


@kraever_postgres
def test_the_sweep_leaves_a_job_a_live_worker_holds(oekonomichef, takstmodel_2026):
    job = _job(oekonomichef, Importstatus.VALIDERER)
    with _levende_worker(job):
        assert runner.afbryd_forladte() == []
    assert _status(job) == Importstatus.VALIDERER
    assert runner.afbryd_forladte() == [job.pk]  # the lock is gone with its session
    assert _status(job) == Importstatus.AFVIST
