"""The cyclic garbage collector paused for a bulk computation.

The central model of the whole area allocates millions of short-lived objects
(rows, Decimals, tuples) that reference counting frees; none of them form
cycles. Python's cyclic collector still walks every live object each time the
allocations pass its thresholds: at ten municipalities in one database that was
1.2 s of a 13 s computation (nine full collections), and it grows faster than
the data. Paused, the cycles made meanwhile (if any) are collected once after.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic collector for the block (a no-op where it is already
    paused: the outermost block resumes it). Process-wide: another thread's
    garbage waits for the resume, which costs memory for the moment, never
    correctness."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
