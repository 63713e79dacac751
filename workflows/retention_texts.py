"""Which words in a referral's timeline entries someone wrote, and so may name the child.

A timeline entry's data is mostly codes, numbers, dates and who acted. A few of its fields
carry words a person wrote: the reasons staff typed, the social worker's own sentence from
her email, a home's words about its costs, a mail server's error. When the referral's
retention ends the purge (workflows/retention.py) anonymises exactly these fields in place,
with the form's identifying values, and leaves the rest of the entry as it was: the audit
trail (who, what, when, which rule) and the console's timeline stay whole.

`EVENT_TEXTS` names them, by event kind and path into the data. An event kind that records
free text must be listed here (tests/unit/test_retention_texts.py reads every `RecordEvent`
the service writes and fails on a field it cannot place). Pure: no database.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

Path = tuple[str, ...]

# every kind's "reason": what staff typed with an instruction, or our own words for a rule
ANY_KIND: tuple[Path, ...] = (("reason",),)

EVENT_TEXTS: Mapping[str, tuple[Path, ...]] = {
    # rule one-provider-asked: her sentence, quoted from the email ("Cee has been at Larch
    # House before, please send to Larch Care only"); the provider beside it is the directory's
    "held": (("one_provider", "sentence"),),
    # "next wave asked for by …: <the NEXT WAVE reason as typed>"
    "wave-opened": (("because",),),
    # the home's own additional costs, now and as approved, and the one-off sum among them
    "fee-changed-after-approval": (("additional_costs",), ("approved_costs",), ("one_off",)),
    # the home's few words for what a one-off sum is for
    "sign-off-requested": (("one_off_for",),),
    # a remote mail server's diagnostic, which may quote the message it refused
    "delivery-failed": (("error",),),
    # typed with UNMET, WITHDRAW, ENDED, LEVEL, REFUSE SIGN OFF, REJECT, QUESTION
    "unmet": (("reason",),),
    "withdrawn": (("reason",),),
    "placement-ended": (("reason",),),
    "levelled": (("reason",),),
    "sign-off-refused": (("reason",),),
    "approval-reject": (("reason",),),
    "approval-question": (("reason",),),
    "wave-skipped": (("reason",),),
}


def paths_of(kind: str) -> tuple[Path, ...]:
    """The data paths of `kind`'s entries that may hold words someone wrote."""
    return tuple(dict.fromkeys((*EVENT_TEXTS.get(kind, ()), *ANY_KIND)))


def texts_in(kind: str, data: Mapping[str, Any] | None) -> Iterator[tuple[Path, str]]:
    """Each (path, text) of such words the entry holds (empty and non-string values left out)."""
    for path in paths_of(kind):
        value: Any = data or {}
        for key in path:
            value = value.get(key) if isinstance(value, Mapping) else None
        if isinstance(value, str) and value:
            yield path, value


def with_texts(data: Mapping[str, Any], texts: Mapping[Path, str]) -> dict[str, Any]:
    """A copy of `data` with the text at each path of `texts` replaced (a new dict at every
    level it changes, so that the JSON column sees the change)."""
    copy = dict(data)
    for path, text in texts.items():
        *parents, last = path
        level = copy
        for key in parents:
            level[key] = dict(level[key])
            level = level[key]
        level[last] = text
    return copy
