"""Keep the garbage collector's full passes off the heap the service builds at start-up.

A started service holds a few hundred thousand objects that live as long as it does: the
directory, the templates, the database's metadata, the anonymiser's word lists. CPython's
collector walks every one of them in each full (oldest-generation) pass, and a broadcast
allocates enough to set one off: a pause of 150–250 ms in the middle of the sending, or of
a deadline firing. `settle()` collects once, then freezes whatever is still alive
(`gc.freeze`): those objects are never walked again, and full passes cost a few
milliseconds. Objects freed later by reference counting are freed as before; only a cycle
of them would stay, and the start-up heap makes none that it lets go.
"""

from __future__ import annotations

import gc


def settle() -> int:
    """Collect the start-up's garbage and freeze the rest; returns how many were frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
