"""Rule `questions-per-day` holds every provider's words the service passes on (review 42).

An offer at another of the provider's homes, an offer for some of a sibling group, and an
offer of another kind of placement each email the reply's own words to the placements team
(and the social worker). Only the fingerprint of the same words stopped a second email: anyone
holding a home's reply address could send a reply a minute, each in new words, and each went
to both inboxes, past the day's limit that holds a home's questions. Past it, now, the words
are held, recorded as questions held, and the home is told to write to the team itself.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from broker.forms.extract import fields_from_text
from tests.snapshots import KESTREL, PROFILE, RESPONSE_SPEC, actor, snapshot
from tests.unit.test_offer_kind import Y03
from tests.unit.test_offers_apart import G05, H01, HARBOUR, _siblings
from tests.unit.test_offers_apart import _text as rendered
from workflows.commands import RecordEvent, SendEmail
from workflows.events import Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.responses import QUESTIONS_PER_DAY
from workflows.states import State

CASES = [  # the reply, who sends it for which home, the emails its words go in
    (H01, HARBOUR, "harbour-house", "offer_apart", {}),
    (G05, KESTREL, "kestrel-house", "offer_apart", {"siblings": 2}),
    (Y03, KESTREL, "kestrel-house", "offer_of_another_kind", {}),
]


def _decide(
    text: str, sender: str, key: str, profile: dict[str, Any], sent_today: int
) -> tuple[Any, dict[str, SendEmail]]:
    base = snapshot(State.OPEN)
    referral = (
        _siblings(profile["siblings"])
        if profile
        else replace(base.referral, anonymised={**base.referral.anonymised, "profile": {**PROFILE}})
    )
    reply = Reply(
        sender=sender,
        subject="Re: referral",
        message_id="<w1@example>",
        fields=dict(fields_from_text(text, RESPONSE_SPEC).values),
        body_text=text,
        sent_on=date(2026, 12, 7),
    )
    decision = decide(
        replace(base, referral=referral, questions_emails_today=sent_today),
        ReplyReceived(actor=actor(sender), key="in:1", establishment=key, reply=reply),
    )
    return decision, {c.template: c for c in decision.commands if isinstance(c, SendEmail)}


@pytest.mark.parametrize(("text", "sender", "key", "template", "profile"), CASES)
def test_under_the_days_limit_the_words_go(
    text: str, sender: str, key: str, template: str, profile: dict[str, Any]
) -> None:
    _, emails = _decide(text, sender, key, profile, QUESTIONS_PER_DAY - 1)
    assert f"placements_team/{template}" in emails


@pytest.mark.parametrize(("text", "sender", "key", "template", "profile"), CASES)
def test_past_the_days_limit_the_words_are_held_and_the_home_told(
    text: str, sender: str, key: str, template: str, profile: dict[str, Any]
) -> None:
    decision, emails = _decide(text, sender, key, profile, QUESTIONS_PER_DAY)
    assert not any(name.endswith(f"/{template}") for name in emails)
    held = [
        c for c in decision.commands if isinstance(c, RecordEvent) and c.kind == "questions-held"
    ]
    assert held and held[0].data["establishment"] == key
    ack = rendered(emails["provider/response_ack"])
    assert "not passed on" in ack and "have been passed to" not in ack
