"""HTTP latency under concurrent clients.

Gunicorn serves this database and budgets.bench.load is the load tool. Traffic goes to
127.0.0.1 only, bounded by a request count.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from rest_framework.authtoken.models import Token

from budgets.bench import hukommelse, load
from config.lib.money import naermeste_heltal


@dataclass(frozen=True)
class Latens:
    url: str
    p50_ms: int
    p95_ms: int
    p99_ms: int
    pr_sekund: float
    fejl: int
    requests: int


@dataclass(frozen=True)
class Http:
    latenser: list[Latens]
    workers_peak_mb: list[float]  # each gunicorn worker's VmHWM; empty without /proc


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _session_cookie(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _wait_until_up(base: str, proc: subprocess.Popen) -> None:
    for _ in range(120):
        if proc.poll() is not None:
            raise RuntimeError("gunicorn stoppede under opstart")
        try:
            urllib.request.urlopen(f"{base}/health/", timeout=1)
            return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError("gunicorn svarede ikke inden for 30 sekunder")


def _belast(url: str, header: tuple[str, str], requests: int, clients: int) -> Latens:
    b = load.belast(url, requests, clients, headers=dict([header]))
    return Latens(
        url=url,
        p50_ms=naermeste_heltal(b.percentil_ms(50)),
        p95_ms=naermeste_heltal(b.percentil_ms(95)),
        p99_ms=naermeste_heltal(b.percentil_ms(99)),
        pr_sekund=naermeste_heltal(b.pr_sekund * 10) / 10,  # one decimal, half up
        fejl=b.fejl,
        requests=b.antal,
    )


def _workers_peak_mb(master: int) -> list[float]:
    """Each gunicorn worker's peak resident memory (MB), read before they stop."""
    peaks = (hukommelse.vmhwm_mb(pid) for pid in hukommelse.boern(master))
    return [p for p in peaks if p is not None]


def measure(user, paths: list[str], clients: int, requests: int, workers: int) -> Http:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    proc = subprocess.Popen(
        [
            gunicorn,
            "config.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        # The workers share the cache as production's do (Redis; CACHE_URL).
        env={
            **os.environ,
            "DEBUG": "true",
            "CONN_MAX_AGE": "60",
            "CACHE_URL": os.environ.get("CACHE_URL", "locmemcache://"),
        },
    )
    try:
        _wait_until_up(base, proc)
        cookie = _session_cookie(user)
        token, _ = Token.objects.get_or_create(user=user)
        results = []
        for path in paths:
            header = (
                ("Authorization", f"Token {token.key}")
                if path.startswith("/api/")
                else ("Cookie", cookie)
            )
            # Warm-up, one at a time, so each worker has its connection and
            # templates loaded (and the model is in the shared cache).
            _belast(f"{base}{path}", header, 4 * workers, 1)
            # then concurrently, so every worker process has been reached (the
            # sequential ones may all land on one).
            _belast(f"{base}{path}", header, 2 * clients, clients)
            results.append(_belast(f"{base}{path}", header, requests, clients))
        return Http(results, _workers_peak_mb(proc.pid))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
