"""Peak memory of the benchmark's processes (issue 16 #3). Linux's /proc is read
where it exists; elsewhere only the process's own peak (getrusage) is known.
"""

import resource
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROC = Path("/proc")


def peak_mb() -> float:
    """This process's peak resident memory since it started (MB)."""
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # KiB on Linux, bytes on macOS.
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def vmhwm_mb(pid: int | str = "self") -> float | None:
    """A process's peak resident memory (VmHWM) in MB; None without /proc."""
    try:
        status = (PROC / str(pid) / "status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return None


def nulstil_peak() -> bool:
    """Start this process's VmHWM over (Linux ≥ 4.0), so the next reading is one
    phase's peak rather than the whole run's; False where it cannot."""
    try:
        (PROC / "self" / "clear_refs").write_text("5")
    except OSError:
        return False
    return True


def fasens_peak_mb() -> float | None:
    """The peak since ``nulstil_peak`` (None without /proc)."""
    return vmhwm_mb("self")


def boern(pid: int) -> list[int]:
    """The direct children of a process (gunicorn's workers), from /proc."""
    result = []
    for entry in PROC.glob("[0-9]*/stat"):
        try:
            stat = entry.read_text()
        except OSError:
            continue  # it ended while we looked
        # The name (field 2) is in parentheses and may hold spaces.
        felter = stat[stat.rfind(")") + 2 :].split()
        if int(felter[1]) == pid:
            result.append(int(entry.parent.name))
    return sorted(result)


def maskinens_mb() -> float | None:
    """The machine's memory (MemTotal) in MB; None without /proc."""
    try:
        meminfo = (PROC / "meminfo").read_text()
    except OSError:
        return None
    for line in meminfo.splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024  # kB
    return None


class Faser:
    """Peak memory after each phase of the benchmark: the phase's own peak
    (VmHWM started over before it) and the process's peak so far (getrusage)."""

    def __init__(self) -> None:
        self.maalt: list[dict] = []

    @contextmanager
    def fase(self, navn: str) -> Iterator[None]:
        nulstillet = nulstil_peak()
        start = fasens_peak_mb() if nulstillet else None
        yield
        self.maalt.append(
            {
                "fase": navn,
                "start_mb": start,  # resident when it began: the peak's floor
                "fase_peak_mb": fasens_peak_mb() if nulstillet else None,
                "proces_peak_mb": peak_mb(),
            }
        )
