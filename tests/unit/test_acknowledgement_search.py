"""ux49s U14: the social worker's acknowledgement names which search it is about, as the
providers' subjects profile it (nothing identifying), and suggests an EXTEND in proportion
to the window (rule `extend-fits-the-window`): an emergency's 2 hours is not extended by 2
days."""

from __future__ import annotations

from datetime import date, timedelta

from tests.snapshots import SW, actor, snapshot
from tests.unit.test_lifecycle import FORM
from workflows.commands import SendEmail
from workflows.events import FormReceived
from workflows.intake import search_words
from workflows.lifecycle import decide
from workflows.states import State
from workflows.window import extension_fitting


def test_the_extension_suggested_fits_the_window() -> None:
    assert extension_fitting(timedelta(hours=2)) == "EXTEND 1h"
    assert extension_fitting(timedelta(minutes=45)) == "EXTEND 30m"
    assert extension_fitting(timedelta(hours=8)) == "EXTEND 12h"
    assert extension_fitting(timedelta(hours=24)) == "EXTEND 2d"
    assert extension_fitting(None) == "EXTEND 2d"


def test_the_search_is_named_by_its_profile_alone() -> None:
    profile = {"gender": "female", "age": 14, "placement_type": "residential",
               "needed_from": "2026-12-14"}
    assert search_words(profile, date(2026, 12, 7)) == "F14, residential, from Mon 14 Dec"
    assert search_words({**profile, "needed_from": "2026-12-07"}, date(2026, 12, 7)) == \
        "F14, residential, needed now"
    assert search_words({"placement_type": "fostering"}, date(2026, 12, 7)) == "fostering"


def test_the_acknowledgement_carries_them() -> None:
    decision = decide(snapshot(State.NEW), FormReceived(actor=actor(SW), key="k", form=FORM))
    [ack] = [c for c in decision.commands if isinstance(c, SendEmail)
             and c.template == "social_worker/acknowledgement"]
    from datetime import UTC, datetime

    from channels.email.render import TEMPLATES, EmailRenderer

    rendered = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret").render(ack, datetime(2026, 12, 7, tzinfo=UTC))
    search = ack.context["search"]
    assert search and f"your referral ({search}) has gone to" in rendered.subject
    assert "residential" in search and "Casey" not in search
    assert ack.context["how"]["EXTEND"] == extension_fitting(
        decision.snapshot.waves[0].window)
