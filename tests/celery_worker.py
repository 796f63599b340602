"""Real Celery worker processes for the tests that need one (CI: Redis + PostgreSQL).

The worker is a separate process, so it is pointed at the test database, and each
test gets a queue of its own so no other worker on the broker takes its tasks.
tests/conftest.py registers this module as a plugin, so its fixtures are everywhere.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import override_settings

from config.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    """The URL of the test database this process uses, for the worker process."""
    s = connection.settings_dict
    bruger = quote(s["USER"] or "")
    if s.get("PASSWORD"):
        bruger += ":" + quote(s["PASSWORD"])
    host = f"{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    return f"postgres://{bruger}@{host}/{s['NAME']}"


@pytest.fixture
def koe():
    """A queue of this test only; tasks are sent to it, not run eagerly."""
    navn = f"test-worker-{uuid.uuid4().hex[:8]}"
    gammel = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = navn
    with override_settings(CELERY_TASK_ALWAYS_EAGER=False):
        yield navn
    celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = gammel


def _stop(proces: subprocess.Popen) -> None:
    if proces.poll() is None:
        proces.terminate()
        try:
            proces.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()


@pytest.fixture
def start_worker(koe, tmp_path):
    """Starts workers on the test's queue; stops any still running afterwards."""
    env = {
        **os.environ,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DATABASE_URL": database_url(),
    }
    processer: list[subprocess.Popen] = []

    def _start(**miljoe: str) -> subprocess.Popen:
        """``miljoe``: more environment for this worker (e.g. a short
        CELERY_VISIBILITY_TIMEOUT)."""
        log = (tmp_path / f"worker{len(processer)}.log").open("w")
        proces = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "-c",
                "1",
                "-Q",
                koe,
                "--without-gossip",
                "--without-mingle",
                "-l",
                "info",
            ],
            cwd=ROOT,
            env={**env, **miljoe},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        processer.append(proces)
        return proces

    yield _start
    for proces in processer:
        _stop(proces)


# The marks of a test module that needs a real worker on a Redis broker (CI).
KRAEVER_WORKER = [
    pytest.mark.worker,
    pytest.mark.skipif(
        not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"),
        reason="needs CELERY_BROKER_URL=redis://… and a real Celery worker",
    ),
]


@pytest.fixture
def worker(start_worker):
    """A started worker; skipped where it cannot reach the test database."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker process cannot reach an in-memory SQLite test database")
    return start_worker()
