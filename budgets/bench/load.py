"""A small HTTP load generator (issue 16 #4): the benchmark's concurrent clients.

Standard library only, so ``make benchmark`` needs nothing installed by hand (it
replaced ApacheBench). Each client thread sends GET requests one after another,
a new connection per request as ApacheBench did without ``-k``, until the
shared request count is used up. Pure: no Django.
"""

import http.client
import math
import threading
import time
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Belastning:
    """The outcome of one load run: every request's latency and the failures."""

    latenser_s: tuple[float, ...]  # seconds, in the order the requests ended
    fejl: int  # a status outside 2xx, or no answer at all
    varighed_s: float  # wall time from the first request to the last answer

    @property
    def antal(self) -> int:
        return len(self.latenser_s)

    @property
    def pr_sekund(self) -> float:
        return self.antal / self.varighed_s if self.varighed_s else 0.0

    def percentil_ms(self, p: float) -> float:
        return percentil(self.latenser_s, p) * 1000


def percentil(vaerdier: Sequence[float], p: float) -> float:
    """Nearest rank: the smallest value that at least p % of the values do not
    exceed (ApacheBench's table reads the same way)."""
    if not vaerdier:
        return math.nan
    ordnet = sorted(vaerdier)
    rang = max(1, math.ceil(p / 100 * len(ordnet)))
    return ordnet[rang - 1]


def _en_forespoergsel(url: urllib.parse.SplitResult, headers, timeout) -> bool:
    """One GET on a new connection, the body read; True for a 2xx answer."""
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        path = url.path + (f"?{url.query}" if url.query else "")
        conn.request("GET", path or "/", headers=dict(headers))
        svar = conn.getresponse()
        svar.read()
        return 200 <= svar.status < 300
    except OSError:
        return False
    finally:
        conn.close()


def belast(
    url: str,
    requests: int,
    clients: int,
    headers: Mapping[str, str] | None = None,
    timeout: float = 300,
) -> Belastning:
    """``requests`` GETs of ``url`` from ``clients`` concurrent threads."""
    if url.startswith("https:"):
        raise ValueError("Kun http:// (benchmarken kører mod 127.0.0.1).")
    adresse = urllib.parse.urlsplit(url)
    laas = threading.Lock()
    tilbage = [requests]
    latenser: list[float] = []
    fejl = [0]

    def klient() -> None:
        while True:
            with laas:
                if tilbage[0] <= 0:
                    return
                tilbage[0] -= 1
            start = time.perf_counter()
            ok = _en_forespoergsel(adresse, headers or {}, timeout)
            sekunder = time.perf_counter() - start
            with laas:
                latenser.append(sekunder)
                fejl[0] += not ok

    traade = [threading.Thread(target=klient, daemon=True) for _ in range(clients)]
    start = time.perf_counter()
    for t in traade:
        t.start()
    for t in traade:
        t.join()
    return Belastning(tuple(latenser), fejl[0], time.perf_counter() - start)
