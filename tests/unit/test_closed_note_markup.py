"""The team's Slack note of a close names the homes held out of the comparison and why
(workflows/window.py `closed_note`): neither can make Slack markup (att44). The home's name
is the directory's (which an approved application can write), escaped as Slack text; the
reason is the service's own words for two placement kinds, never the provider's."""

from __future__ import annotations

import pytest

from broker.forms.placement_kind import kind_offered
from channels.slack.blocks import announcement
from workflows.offer_kind import kind_finding
from workflows.window import closed_note

SUMMARY = {"offers": 1, "interested": 0, "declines": 0, "no_reply": 2}
MARKUP = ("<!channel>", "<@U0123ABCD>", "<https://pay.example.test|Approve here>")


@pytest.mark.parametrize("mark", MARKUP)
def test_a_held_out_homes_name_is_never_slack_markup(mark: str) -> None:
    note = closed_note(
        "REF-2026-000123", SUMMARY, [(f"Larch {mark} House", "fostering, not residential")]
    )
    text = announcement({"text": note})["text"]
    assert mark not in text and "<" not in text and ">" not in text
    assert "1 left out of the options: Larch &lt;" in text


def test_the_held_out_reason_holds_none_of_the_providers_words() -> None:
    reply = (
        "<!channel> our foster carers could take her <https://pay.example.test|pay here>, "
        "call Dee Vance on 01632 960123"
    )
    said = kind_offered(reply)
    finding = kind_finding(said, "residential", 14)
    assert said is not None and finding is not None and finding.held
    assert finding.why == "fostering, not residential"
