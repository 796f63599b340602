"""One import through a real Celery worker on Redis (not eager mode).

Runs only with CELERY_BROKER_URL=redis://… and a PostgreSQL database, as in CI:
the worker is a separate process, so it must reach the same test database.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import override_settings

from budgets import services
from budgets.models import Forbrug, Importjob, Importstatus
from config.celery import app as celery_app
from tests.imports.conftest import csv_bytes

BROKER = os.environ.get("CELERY_BROKER_URL", "")
VENT_HOEJST = 60  # seconds

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(
        not BROKER.startswith("redis://"),
        reason="needs CELERY_BROKER_URL=redis://… and a real Celery worker",
    ),
]


def _database_url() -> str:
    s = connection.settings_dict
    bruger = quote(s["USER"] or "")
    if s.get("PASSWORD"):
        bruger += ":" + quote(s["PASSWORD"])
    host = f"{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    return f"postgres://{bruger}@{host}/{s['NAME']}"


@pytest.fixture
def koe():
    """A queue of this test only, so no other worker on the broker takes the task."""
    navn = f"test-import-{uuid.uuid4().hex[:8]}"
    gammel = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = navn
    with override_settings(CELERY_TASK_ALWAYS_EAGER=False):
        yield navn
    celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = gammel


@pytest.fixture
def worker(koe, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process cannot reach an in-memory SQLite test database")
    env = {
        **os.environ,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DATABASE_URL": _database_url(),
    }
    log = (tmp_path / "worker.log").open("w")
    proces = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
         "-c", "1", "-Q", koe, "--without-gossip", "--without-mingle", "-l", "info"],
        cwd=Path(__file__).resolve().parents[2], env=env, stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        yield proces
    finally:
        proces.terminate()
        try:
            proces.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()
        log.close()


def _vent_paa(job: Importjob) -> Importjob:
    slut = time.monotonic() + VENT_HOEJST
    while time.monotonic() < slut:
        job.refresh_from_db()
        if job.afsluttet:
            return job
        time.sleep(0.5)
    pytest.fail(f"the worker did not finish the import in {VENT_HOEJST} s")


@pytest.mark.django_db(transaction=True)
def test_real_worker_runs_an_import(worker, oekonomichef, tilbud_a):
    raekker = [f"{tilbud_a.navn};2026-{m:02d};løn;1.000,00" for m in range(1, 13)]
    job = services.importjob_create(
        type="forbrug", filnavn="forbrug.csv", acting_user=oekonomichef,
        indhold=csv_bytes("tilbud;måned;art;beløb", raekker),
    )  # fmt: skip
    job = _vent_paa(job)
    assert (job.status, job.rows_done) == (Importstatus.FAERDIG, 12)
    assert Forbrug.objects.filter(tilbud=tilbud_a).count() == 12
