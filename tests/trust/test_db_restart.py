"""A PostgreSQL restart between two requests: the persistent connection is dead,
and the next request must notice (CONN_HEALTH_CHECKS) and reconnect, not 500.

Restarts the local cluster with pg_ctlcluster, so it runs only on PostgreSQL
with TAKSTVAERK_DB_RESTART_TEST=1 (set in CI). PostgreSQL is left running even
when the test fails. A restart keeps the data, so the test database survives.
"""

import os
import subprocess
import time
from pathlib import Path

import pytest
from django.core.signals import request_started
from django.db import close_old_connections, connection

VENT_HOEJST = 60  # seconds

pytestmark = [
    pytest.mark.django_db(transaction=True),  # no test transaction to lose
    pytest.mark.skipif(
        connection.vendor != "postgresql"
        or os.environ.get("TAKSTVAERK_DB_RESTART_TEST") != "1",
        reason="restarts PostgreSQL: needs DATABASE_URL=postgres://… and "
        "TAKSTVAERK_DB_RESTART_TEST=1",
    ),
]


def _pg_ctlcluster(handling: str) -> None:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", handling],
        check=True,
        capture_output=True,
        timeout=VENT_HOEJST,
    )


def _klar() -> bool:
    host = connection.settings_dict["HOST"] or "127.0.0.1"
    return (
        subprocess.run(["pg_isready", "-h", host], capture_output=True).returncode == 0
    )


def _vent_til_klar() -> None:
    slut = time.monotonic() + VENT_HOEJST
    while not _klar():
        if time.monotonic() > slut:
            pytest.fail(f"PostgreSQL was not ready {VENT_HOEJST} s after the restart")
        time.sleep(0.2)


@pytest.fixture
def genstart_postgres():
    """Restarts PostgreSQL when called; afterwards starts it if it is down."""

    def _genstart() -> None:
        _pg_ctlcluster("restart")
        _vent_til_klar()

    yield _genstart
    if not _klar():
        _pg_ctlcluster("start")
        _vent_til_klar()


@pytest.fixture
def vedvarende_forbindelse():
    """CONN_MAX_AGE > 0 (the setting is read when a connection opens), and
    close_old_connections at each request start, as under a WSGI server: Django's
    test client disconnects that receiver, and it is what resets the health check.
    """

    def som_wsgi_server(**kwargs) -> None:
        close_old_connections(**kwargs)

    gammel = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = 600
    connection.close()
    request_started.connect(som_wsgi_server)
    yield
    request_started.disconnect(som_wsgi_server)
    connection.settings_dict["CONN_MAX_AGE"] = gammel
    connection.close()


def test_a_request_after_a_database_restart_succeeds(
    client, oekonomichef, vedvarende_forbindelse, genstart_postgres
):
    client.force_login(oekonomichef)
    assert client.get("/api/v1/tilbud/").status_code == 200
    forbindelse_foer = connection.connection

    genstart_postgres()

    assert client.get("/api/v1/tilbud/").status_code == 200
    assert connection.connection is not forbindelse_foer  # a new one, after a check
