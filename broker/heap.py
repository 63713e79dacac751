"""Keep the garbage collector's full passes off the heap the service builds at start-up.

A started service holds a few hundred thousand objects that live as long as it does: the
directory, the templates, the database's metadata, the anonymiser's word lists. CPython's
collector walks every one of them in each full (oldest-generation) pass, and a broadcast
allocates enough to set one off: a pause of 150–250 ms in the middle of the sending, or of
a deadline firing. `settle()` freezes whatever is alive (`gc.freeze`): those objects are
never walked again, and full passes cost a few milliseconds. It collects only the young
generations first: a full collection there would itself hold the event loop for 120 ms or
more, to find some fifty unreachable objects left by start-up, which are kept instead.
Objects freed later by reference counting are freed as before; only a cycle of them would
stay, and the start-up heap makes none that it lets go.
"""

from __future__ import annotations

import gc


def settle() -> int:
    """Collect the young generations and freeze the rest; returns how many were frozen."""
    gc.collect(1)
    gc.freeze()
    return gc.get_freeze_count()
