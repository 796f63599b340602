"""The benchmark's load generator and memory readings (issue 16 #3-4), against a
tiny local HTTP server in a thread."""

import http.server
import math
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from budgets.bench import hukommelse, load

LINUX = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="/proc")


class _Handler(http.server.BaseHTTPRequestHandler):
    """/trin: the n-th request moves the fake clock 100 ms × n; /samtidig: waits
    until 4 requests are in at once (500 if they never are); /fejl: 500."""

    wbufsize = 64 * 1024  # headers and body in one write: no Nagle/delayed-ACK wait

    def do_GET(self) -> None:
        server = self.server
        with server.laas:
            server.cookies.append(self.headers.get("Cookie"))
            server.antal += 1
            n = server.antal
        status = 500 if self.path == "/fejl" else 200
        if self.path == "/trin":
            server.ur.nu += 0.1 * n
        elif self.path == "/samtidig":
            try:
                server.fire.wait()
            except threading.BrokenBarrierError:
                status = 500
        body = b"ok"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


class _Ur:
    """A clock that moves only when the server says a request took time."""

    def __init__(self) -> None:
        self.nu = 1000.0

    def perf_counter(self) -> float:
        return self.nu


@pytest.fixture
def server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.laas, srv.cookies, srv.antal = threading.Lock(), [], 0
    srv.ur = _Ur()
    srv.fire = threading.Barrier(4, timeout=5)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv, f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_percentil_is_the_nearest_rank():
    vaerdier = [5.0, 1.0, 4.0, 2.0, 3.0]
    # sorted 1..5; rank = ceil(p/100 × 5): p50 → ceil(2.5) = 3rd = 3,
    # p95 → ceil(4.75) = 5th = 5, p20 → ceil(1.0) = 1st = 1, p0 → at least the 1st.
    assert load.percentil(vaerdier, 50) == 3.0
    assert load.percentil(vaerdier, 95) == 5.0
    assert load.percentil(vaerdier, 20) == 1.0
    assert load.percentil(vaerdier, 0) == 1.0
    assert math.isnan(load.percentil([], 50))


def test_one_client_counts_and_percentiles_of_known_delays(server, monkeypatch):
    srv, base = server
    monkeypatch.setattr(load, "time", srv.ur)  # only the load generator's clock
    b = load.belast(f"{base}/trin", 5, 1, headers={"Cookie": "sessionid=abc"})
    # One client: request n takes 100 ms × n, n = 1..5, so the latencies are
    # 0.1, 0.2, 0.3, 0.4, 0.5 s. Nearest rank of 5: p50 → ceil(2.5) = 3rd = 0.3 s;
    # p20 → ceil(1.0) = 1st = 0.1 s; p95 and p99 → ceil(4.75) = 5th = 0.5 s.
    assert b.antal == 5 and b.fejl == 0 and srv.antal == 5
    assert srv.cookies == ["sessionid=abc"] * 5
    assert sorted(b.latenser_s) == pytest.approx([0.1, 0.2, 0.3, 0.4, 0.5])
    assert load.percentil(b.latenser_s, 50) == pytest.approx(0.3)
    assert load.percentil(b.latenser_s, 20) == pytest.approx(0.1)
    assert b.percentil_ms(95) == pytest.approx(500)
    assert b.percentil_ms(99) == pytest.approx(500)
    # The run took 0.1 × (1 + 2 + 3 + 4 + 5) = 1.5 s: 5 / 1.5 = 3.33 requests/s.
    assert b.varighed_s == pytest.approx(1.5)
    assert b.pr_sekund == pytest.approx(5 / 1.5)


def test_clients_run_concurrently(server):
    srv, base = server
    # Each request waits for four to be in the server at once: two rounds of 4.
    b = load.belast(f"{base}/samtidig", 8, 4)
    assert b.antal == 8 and srv.antal == 8 and b.fejl == 0


def test_non_2xx_and_no_answer_are_errors(server):
    _, base = server
    assert load.belast(f"{base}/fejl", 3, 2).fejl == 3
    lukket = http.server.HTTPServer(("127.0.0.1", 0), _Handler)
    port = lukket.server_address[1]
    lukket.server_close()  # nothing listens on the port now
    b = load.belast(f"http://127.0.0.1:{port}/", 2, 1)
    assert b.antal == 2 and b.fejl == 2


@LINUX
def test_children_and_their_peak_memory_are_read_from_proc():
    barn = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(10)"])
    try:
        time.sleep(0.2)
        assert barn.pid in hukommelse.boern(os.getpid())
        assert hukommelse.vmhwm_mb(barn.pid) > 0
    finally:
        barn.kill()
        barn.wait()


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@LINUX
def test_a_phase_peak_counts_what_the_phase_allocated():
    faser = hukommelse.Faser()
    foer = _rss_mb()
    with faser.fase("stor"):
        blok = bytearray(64 * 1024 * 1024)  # 64 MB, every page written (zeroed)
        blok[::4096] = b"x" * len(blok[::4096])
        del blok
    (maalt,) = faser.maalt
    assert maalt["fase"] == "stor"
    # Started over at the phase's start: the peak then is what was resident.
    assert abs(maalt["start_mb"] - foer) < 5
    # The peak holds the 64 MB on top of what the process held before it.
    assert maalt["fase_peak_mb"] >= maalt["start_mb"] + 60
    assert maalt["proces_peak_mb"] >= maalt["fase_peak_mb"] - 5
