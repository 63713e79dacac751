"""How a cost grows with its input, for tests that must not assert a wall-clock figure.

A test asserting `elapsed < 3` fails on a loaded machine for reasons unrelated to the code.
The ratio of the time at 2n to the time at n does not depend on how fast the machine is:
about 2 for linear work, 4 for quadratic. The two sizes are timed back to back several times
and the best ratio is kept (a busy machine slows a pair, it rarely makes 2n look cheap); CPU
time of this process is measured, so other processes on the machine count even less. Work
too quick to time reliably is repeated within each timing until it takes a measurable
while. The cyclic garbage collector is paused while timing, and what was alive before is
frozen out of its sight: when its sweeps fall, and what they cost, depends on everything
allocated before, not on the work measured.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

LINEAR = 3.0  # generous: linear work gives about 2, quadratic about 4
MEASURABLE = 0.05  # seconds of CPU per timing, at least

# The size of text the anonymiser's growth tests start from (they time it and twice it).
# A hidden quadratic search is caught (ratio over LINEAR) once what it costs at the smaller
# size is as much as the anonymiser's own linear work on that text: 2(B + 2Q) / (B + Q) >= 3
# exactly when Q >= B. At 5,000 characters that catches a search that scans to the end of
# the text from every word at the speed `re` scans ("(?:.|\n)*" ahead of each word: ratio
# 3.2), and misses one several times cheaper (a bare "[^Q]*" ahead of each word: 2.15),
# which 10,000 characters missed as well (2.43). Over seven hundred of these tests run:
# 10,000 made them nearly half of the suite's time.
ANONYMISED_SIZE = 5_000


def growth(make: Callable[[int], Any], work: Callable[[Any], Any], n: int, *,
           repeats: int = 5) -> float:
    """The time `work(make(2n))` takes over the time `work(make(n))` takes: the best of up
    to `repeats` pairs, each timed back to back so that both see the machine alike. Inputs
    are made before the clock starts.

    The pairs stop at the first whose ratio is under LINEAR: tests ask whether the best is
    under LINEAR, and the first pair under it already says yes, so the verdict is the
    best-of-all's at a fraction of the time (nearly 900 of these run in the suite). Work
    that is not linear never gets under it and is timed all `repeats` times."""
    small, large = make(n), make(2 * n)
    # Everything alive before is moved out of the collector's sight, uncollected: in a full
    # test run the heap holds millions of objects, and one collection of them costs ~0.5 s,
    # which over the suite's two hundred growth tests was a fifth of its time.
    gc.freeze()
    try:
        # A quarter of the small input warms caches and compiled patterns (every word of
        # the inputs is in it: they repeat one unit) and says how many loops make a
        # measurable timing, at a quarter of the cost of warming up on the small input;
        # over the suite's 1,400 growth tests that was a tenth of its time.
        quarter = _timed(work, make(max(n // 4, 1)), 1)
        loops = min(max(int(MEASURABLE / max(4 * quarter, 1e-6)), 1), 1000)
        best = float("inf")
        for _ in range(repeats):
            best = min(best, _timed(work, large, loops) / max(_timed(work, small, loops), 1e-9))
            if best < LINEAR:
                break
        return best
    finally:
        gc.unfreeze()


def _timed(work: Callable[[Any], Any], given: Any, loops: int) -> float:
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        for _ in range(loops):
            work(given)
        return time.process_time() - started
    finally:
        gc.enable()


def repeated(unit: str) -> Callable[[int], str]:
    """A maker of text of a given size, all of it `unit` over and over (a growth test's
    input made to make a pattern backtrack)."""
    def make(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]
    return make
