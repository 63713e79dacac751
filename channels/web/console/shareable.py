"""The audit pack's copy of a referral's records: what may leave the council.

A pack is handed to an inspector or to a provider challenging a procurement decision, so
it carries no identifying detail of the child, as it promises. The form's own text is
already anonymised; the words staff wrote later are not, and are anonymised here the same
way, with the form's identifying values and anything shaped like an identifier removed:
the shortlist's parents' and child's views (and why either was not sought), the reasons
given with approvals and with instructions on the timeline (WITHDRAW, UNMET, NEXT WAVE …),
and the reason the referral ended; and what providers wrote in their answers' free text
(how they would meet the needs, additional costs): a shortlisted home knows the child's name
once the papers are released, and an answer sent after that (during the fee negotiation,
say) may write it. A papers access names an attachment by number and content,
never by its file's name. Everything else is as recorded.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from types import SimpleNamespace
from typing import Any

from broker.anonymise import anonymise_texts
from broker.forms import check_referral

_VIEWS = ("parents", "child", "parents_reason", "child_reason")
_EVENT_TEXT = ("reason",)  # the timeline's free text: a reason given with an instruction
_RESPONSE_TEXT = ("proposal", "additional_costs")  # a provider's answer's free text


def shareable_records(records: Any, spec: Any, today: date) -> Any:
    """`records` (a ReferralRecordSet) with the free text staff wrote anonymised."""
    referral = records.referral
    form, _ = check_referral(dict(referral.raw_fields or {}), spec, message_date=today)
    written = [*(text for r in records.rounds for k in _VIEWS
                 if (text := (r.views or {}).get(k))),
               *(a.reason for a in records.approvals if a.reason),
               *(text for e in records.events for k in _EVENT_TEXT
                 if isinstance(text := (e.data or {}).get(k), str) and text),
               *(text for r in records.responses for k in _RESPONSE_TEXT
                 if isinstance(text := (r.fields or {}).get(k), str) and text),
               *([referral.outcome_reason] if referral.outcome_reason else [])]
    said = dict(zip(written, anonymise_texts(form, written), strict=True))

    def plain(text: Any) -> Any:
        return said.get(text, text) if isinstance(text, str) else text

    return replace(
        records,
        referral=_copy(referral, outcome_reason=plain(referral.outcome_reason)),
        rounds=[_copy(r, views={k: plain(v) for k, v in (r.views or {}).items()})
                for r in records.rounds],
        approvals=[_copy(a, reason=plain(a.reason)) for a in records.approvals],
        accesses=[_copy(a, what=_unnamed(a.what)) for a in records.accesses],
        responses=[_copy(r, fields={k: plain(v) if k in _RESPONSE_TEXT else v
                                    for k, v in (r.fields or {}).items()})
                   for r in records.responses],
        events=[_copy(e, data={k: plain(v) if k in _EVENT_TEXT else v
                               for k, v in (e.data or {}).items()})
                for e in records.events])


def _unnamed(what: str) -> str:
    """A papers access as the pack gives it: an attachment by number and content, as it is
    recorded now, or "attachment" where an older record named the file (social workers name
    files after the child)."""
    if what.startswith("attachment:") and not what.startswith("attachment:#"):
        return "attachment"
    return what


def _copy(row: Any, **changed: Any) -> SimpleNamespace:
    """A detached copy of a stored row, every column as an attribute, some changed."""
    return SimpleNamespace(**{**row.model_dump(), **changed})
