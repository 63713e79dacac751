"""The chosen home's unread reply is described by what it looks like (ux47 R8): "ok fine" to
the fee proposal was rightly asked again, but the social worker was told "It may be saying
that it can no longer offer the placement". An assent-like reply is "probably agreeing, but
it did not say Agreed"; only a negative-looking one may be a no; any other says neither."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.provider_mail import emails_of, rendered
from tests.snapshots import KESTREL, SW, actor, snapshot
from workflows.events import Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.reply_looks import ASSENT, NEITHER, REFUSAL, reply_looks
from workflows.states import State

PROPOSED = ((1, "provider", "4900.00"), (2, "authority", "3800.00"))
MAY_BE_NO = "It may be saying that it can no longer offer the placement."


@pytest.mark.parametrize(("body", "looks"), [
    ("ok fine", ASSENT), ("Fine", ASSENT), ("sounds good", ASSENT),
    ("OK, that's fine for us, thanks\n\nJo\nLarch Care", ASSENT), ("yes ok", ASSENT),
    ("Sorry, we can no longer offer the placement at that fee.", REFUSAL),
    ("ok but not at that fee", REFUSAL), ("Fine - we'll have to think again", REFUSAL),
    ("Thanks, our manager will come back to you on this next week.", NEITHER),
    ("Hmm, we need to check that with our director.", NEITHER), ("", NEITHER),
])
def test_what_the_reply_looks_like(body: str, looks: str) -> None:
    assert reply_looks(body) == looks


def _told(body: str) -> str:
    reply = Reply(KESTREL, "RE: Kestrel House | REF-2026-000001",
                  f"<{abs(hash(body))}@example.org>", {}, body, date(2026, 11, 25))
    event = ReplyReceived(actor=actor(KESTREL), key=f"k-{abs(hash(body))}",
                          establishment="kestrel-house", reply=reply)
    result = decide(replace(snapshot(State.NEGOTIATING), fee_rounds=PROPOSED), event)
    assert result.rule == "chosen-reply-unread"  # still asked, and nothing agreed
    [to_sw] = [m for m in emails_of(result, "social_worker/chosen_reply_unread") if m.to == SW]
    return " ".join(rendered(to_sw).get_content().split())


def test_an_assent_like_reply_is_probably_agreeing_never_a_no() -> None:
    text = _told("ok fine")
    assert 'It is probably agreeing, but it did not plainly say "Agreed" to the fee' in text
    assert MAY_BE_NO not in text and "may have said no" not in text


def test_a_negative_looking_reply_may_be_a_no() -> None:
    text = _told("Sorry, we can no longer offer the placement at that fee.")
    assert MAY_BE_NO in text and "probably agreeing" not in text


def test_a_reply_that_looks_like_neither_says_neither() -> None:
    text = _told("Thanks, our manager will come back to you on this next week.")
    assert "It does not say whether it agrees the fee or still offers the placement." in text
    assert MAY_BE_NO not in text and "probably agreeing" not in text


@pytest.mark.parametrize(("body", "looks"), [
    # r59: says it agrees, with more than the fee: probably agreeing, not "neither"
    ("Agreed at £3,800 but from 21/12 now", ASSENT), ("We accept, subject to panel", ASSENT),
    # r59 n04: a "can't" beside the home's own fee is a counter, not a no
    ("Not this one – we can't go down to £3,800. Our best is £4,700.", NEITHER),
    ("Agreed with our director that we need to think", NEITHER),
])
def test_agreeing_words_and_a_counter_beside_a_no(body: str, looks: str) -> None:
    assert reply_looks(body) == looks
