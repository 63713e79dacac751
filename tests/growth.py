"""How a cost grows with its input, for tests that must not assert a wall-clock figure.

A test asserting `elapsed < 3` fails on a loaded machine for reasons unrelated to the code.
The ratio of the time at 2n to the time at n does not depend on how fast the machine is:
about 2 for linear work, 4 for quadratic. Each size is timed several times and the best
(the run least disturbed by anything else) is kept; CPU time of this process is measured, so
other processes on the machine do not count at all. Work too quick to time reliably is
repeated within each timing until it takes a measurable while.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

LINEAR = 3.0  # generous: linear work gives about 2, quadratic about 4
MEASURABLE = 0.05  # seconds of CPU per timing, at least


def growth(make: Callable[[int], Any], work: Callable[[Any], Any], n: int, *,
           repeats: int = 5) -> float:
    """Best CPU time of `work(make(2n))` over best CPU time of `work(make(n))`; the input is
    made before the clock starts."""

    def timed(given: Any, loops: int) -> float:
        started = time.process_time()
        for _ in range(loops):
            work(given)
        return time.process_time() - started

    def best(size: int, loops: int) -> float:
        given = make(size)
        return min(timed(given, loops) for _ in range(repeats)) / loops

    once = timed(make(n), 1)  # also warms caches and compiled patterns
    loops = min(max(int(MEASURABLE / max(once, 1e-6)), 1), 1000)
    return best(2 * n, loops) / max(best(n, loops), 1e-9)
