"""HTTP latency under concurrent clients.

Gunicorn serves this database and ApacheBench is the load tool. Traffic goes to
127.0.0.1 only, bounded by a request count.
"""

import os
import re
import shutil
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


@dataclass(frozen=True)
class Latens:
    url: str
    p50_ms: int
    p95_ms: int
    fejl: int
    requests: int


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


def _ab(url: str, header: str, requests: int, clients: int) -> Latens:
    out = subprocess.run(
        [
            "ab",
            "-q",
            "-s",
            "300",
            "-n",
            str(requests),
            "-c",
            str(clients),
            "-H",
            header,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    ).stdout
    pct = {int(p): int(ms) for p, ms in re.findall(r"^\s+(\d+)%\s+(\d+)", out, re.M)}
    failed = re.search(r"Failed requests:\s+(\d+)", out)
    non2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)
    fejl = int(failed.group(1)) + (int(non2xx.group(1)) if non2xx else 0)
    return Latens(url, pct.get(50, -1), pct.get(95, -1), fejl, requests)


def measure(
    user, paths: list[str], clients: int, requests: int, workers: int
) -> list[Latens]:
    if shutil.which("ab") is None:
        raise RuntimeError("ApacheBench (ab) mangler: apt-get install apache2-utils")
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
                f"Authorization: Token {token.key}"
                if path.startswith("/api/")
                else f"Cookie: {cookie}"
            )
            # Warm-up, one at a time, so each worker has its connection and
            # templates loaded (and the model is in the shared cache).
            _ab(f"{base}{path}", header, 4 * workers, 1)
            # then concurrently, so every worker process has been reached (the
            # sequential ones may all land on one).
            _ab(f"{base}{path}", header, 2 * clients, clients)
            results.append(_ab(f"{base}{path}", header, requests, clients))
        return results
    finally:
        proc.terminate()
        proc.wait(timeout=30)
