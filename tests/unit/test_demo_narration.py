"""The demo's narration reads as sentences for a placements team: every event the service
records is told in words (or not at all), never as the dict it is stored as, and a reminder
is named as the first or the last, never as `None`."""

from __future__ import annotations

import io
import re

from broker.demo.narrate import Narrator
from broker.demo.timeline import Timeline
from broker.directory import load_directory
from tests.factories import CONFIG, REFERRER, RESPONSE_SPEC

RAW = re.compile(r"[{}\[\]]|'\w+':|\bNone\b")


def _told(*events: tuple[str, dict]) -> str:
    out = io.StringIO()
    timeline = Timeline(out, quiet=False, window_seconds=30, identifying=[])
    narrator = Narrator(None, load_directory(CONFIG), RESPONSE_SPEC, REFERRER, timeline)
    for kind, data in events:
        narrator._tell_event(kind, data)
    return out.getvalue()


def _decision(event: str, accepted: bool = True, **more: object) -> tuple[str, dict]:
    return ("decision", {"event": event, "by": REFERRER, "channel": "email", "from": "open",
                         "to": "open", "outcome": "response", "rule": "reply-in-window",
                         "accepted": accepted, **more})


def test_accepted_decisions_are_told_by_what_they_did_not_as_data() -> None:
    told = _told(_decision("ReplyReceived"), _decision("FormReceived"),
                 _decision("Shortlisted"))

    assert told == ""


def test_a_decision_not_acted_on_is_one_sentence() -> None:
    told = _told(_decision("DeadlineDue", accepted=False, rule="deadline-no-longer-applies",
                           by="the service"))

    assert "Not acted on: a deadline from the service (deadline no longer applies)" in told
    assert not RAW.search(told), told


def test_a_refusal_for_want_of_permission_is_told_once_in_words() -> None:
    told = _told(_decision("ApprovalGiven", accepted=False, outcome="not-permitted",
                           rule="permission:approve-the-shortlist"),
                 ("refused", {"permission": "approve-the-shortlist", "by": REFERRER,
                              "channel": "email", "authenticated": True}))

    assert told.count("\n") == 1, told
    assert f"Refused: {REFERRER} may not approve the shortlist." in told


def test_each_reminder_is_named_first_or_last() -> None:
    homes = {"establishments": ["larch-house", "kestrel-house"], "wave": 1}
    told = _told(("chased", {**homes, "seq": 1, "of": 2}), ("chased", {**homes, "seq": 2, "of": 2}),
                 ("chased", {**homes, "seq": 2}))  # recorded before events said how many

    lines = told.splitlines()
    assert lines[0].endswith("Chasers sent to 2 providers that have not replied yet "
                             "(first reminder)")
    assert lines[1].endswith("(last reminder)")
    assert lines[2].endswith("(reminder 2)")


def test_any_other_event_is_told_as_the_console_tells_it() -> None:
    told = _told(("wave-opened", {"wave": 1, "name": "All eligible providers",
                                  "tiers": ["in-house", "spot"], "providers": 12,
                                  "because": "first-wave",
                                  "closes": "2026-12-07T00:11:53+00:00"}),
                 ("a-kind-nobody-tells-yet", {"establishment": "larch-house", "x": [1]}))

    assert "Wave 1 (All eligible providers) opened." in told
    assert "A kind nobody tells yet." in told
    assert not RAW.search(told), told


def test_a_shortlisted_homes_confirmed_offer_is_not_told_as_a_changed_answer() -> None:
    """The README: an answer after the approval that keeps its offer's fee and start is
    "confirmed its offer, with changes", not a changed answer; the demo's own reply is one."""
    from types import SimpleNamespace

    out = io.StringIO()
    timeline = Timeline(out, quiet=False, window_seconds=30, identifying=[])
    narrator = Narrator(None, load_directory(CONFIG), RESPONSE_SPEC, REFERRER, timeline)
    for subject in ("REF-2026-000001: Larch House confirmed its offer, with changes",
                    "REF-2026-000001: Larch House confirmed its offer",
                    "REF-2026-000001: changed answer from Larch House",
                    "REF-2026-000001: late response from Larch House, option E"):
        narrator._tell_email(SimpleNamespace(kind="social_worker/late_response",
                                             subject=subject, to_addr=REFERRER))

    lines = out.getvalue().splitlines()
    assert "Confirmed offer forwarded to the social worker: REF-2026-000001: Larch House " \
           "confirmed its offer, with changes" in lines[0]
    assert "Confirmed offer forwarded" in lines[1]
    assert "Changed answer forwarded" in lines[2]
    assert "Late response forwarded" in lines[3]
    assert narrator.facts.late_forwarded == 1
