"""A provider's reply on one referral's email that names another referral and says nothing of
this one is recorded for neither; the home is told where to answer (ux47 R3, rule
`reply-names-another-referral`, workflows/wrong_thread.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email import message_from_bytes, policy

import pytest

from broker.forms.other_referrals import only_another_named, references_named
from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import LARCH, actor, snapshot
from workflows.commands import RecordResponse, SendEmail
from workflows.events import Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.states import State

OWN, NORTHBY = "REF-2026-000001", "REF-2026-937430"
WRONG_ONE = ("Sorry wrong one earlier - for the Northby girl REF-2026-937430 we can offer "
             "Larch House after all, £5,300 pw.")
ITS_SUBJECT = ("Reply by 6:19am Mon 7 Dec | Northby: urgent residential, F14, SE15 | for Larch "
               "House | REF-2026-937430")


def _reply(text: str, named: dict[str, str] | None = None,
           establishment: str = "larch-house", sender: str = LARCH) -> ReplyReceived:
    reply = Reply(sender=sender, subject=f"RE: Referral {OWN}",
                  message_id="<wrong@larchcare.example>", fields={}, body_text=text,
                  sent_on=date(2026, 11, 24))
    return ReplyReceived(actor=actor(sender), key="in:7", establishment=establishment,
                         reply=reply, named=named or {})


def _told(decision) -> str:  # type: ignore[no-untyped-def]
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    emails = [c for c in decision.commands if isinstance(c, SendEmail)]
    assert [e.template for e in emails] == ["provider/another_referral"]
    assert emails[0].to == LARCH
    raw = renderer.render(emails[0], datetime(2026, 11, 25, 9, tzinfo=UTC)).raw
    return str(message_from_bytes(raw, policy=policy.default).get_body(("plain",))
               .get_content())


def test_an_offer_for_a_referral_sent_to_the_home_too_is_recorded_for_neither() -> None:
    before = snapshot(State.OPEN)
    decision = decide(before, _reply(WRONG_ONE, {NORTHBY: ITS_SUBJECT}))
    assert decision.answer.outcome == "reply-names-another-referral"
    assert not [c for c in decision.commands if isinstance(c, RecordResponse)]
    assert decision.snapshot.responses == before.responses
    told = " ".join(_told(decision).split())
    assert (f"Your reply names {NORTHBY} but came on the email for {OWN} (Northby); nothing "
            "was recorded for either.") in told
    assert (f"To answer {NORTHBY}, reply to the email we sent Larch House about it (subject: "
            f"{ITS_SUBJECT}).") in told


def test_a_reference_not_sent_to_the_home_is_only_said_to_be_so() -> None:
    decision = decide(snapshot(State.OPEN), _reply(WRONG_ONE, {NORTHBY: ""}))
    assert decision.answer.outcome == "reply-names-another-referral"
    told = " ".join(_told(decision).split())
    assert f"{NORTHBY} is not a referral we sent to Larch House." in told
    assert "subject:" not in told and "Northby girl" not in told


def test_the_chosen_homes_reply_naming_another_referral_is_no_fee_answer() -> None:
    negotiating = snapshot(State.NEGOTIATING)
    decision = decide(negotiating, _reply(WRONG_ONE, {NORTHBY: ""}, "kestrel-house",
                                          "referrals@kestrelhomes.example"))
    assert decision.answer.outcome == "reply-names-another-referral"
    assert decision.snapshot.fee_rounds == negotiating.fee_rounds


@pytest.mark.parametrize("text", [
    f"{NORTHBY}: offer, £4,900 pw.\n{OWN}: sorry, no vacancy for this one.",
    f"No vacancy for this one, sorry. For {NORTHBY} we'll reply on its own email.",
    "Sorry, no vacancy.",
])
def test_a_reply_speaking_of_this_referral_is_read_for_it(text: str) -> None:
    decision = decide(snapshot(State.OPEN), _reply(text, {NORTHBY: ITS_SUBJECT}))
    assert decision.answer.outcome != "reply-names-another-referral"
    assert decision.snapshot.responses["larch-house"].decision == "decline"


def test_which_reply_names_only_another() -> None:
    assert only_another_named(WRONG_ONE, OWN) == NORTHBY
    assert only_another_named(WRONG_ONE.replace("REF-", "ref-"), OWN.lower()) == NORTHBY
    assert only_another_named(f"{OWN} and {NORTHBY}: both offered", OWN) is None
    assert only_another_named("We can offer, £5,300 pw.", OWN) is None
    assert only_another_named("Our ref: PRV-2026-001234. We can offer.", OWN) is None
    # another reference named only to compare: this one is answered (r59 a17)
    for compared in (f"As with {NORTHBY}, we can offer at £5,300 pw.",
                     f"Like we did for {NORTHBY} we can offer at £5,300 pw.",
                     f"Unlike {NORTHBY}, we can offer.", f"Same as {NORTHBY}: £5,300 pw."):
        assert only_another_named(compared, OWN) is None, compared
    # what a call was about, the answer saying whose: this one's, or stays the other's
    assert only_another_named(f"Further to our call about {NORTHBY} last week – we can offer "
                              "this young lady a place at £4,900 pw.", OWN) is None
    assert only_another_named(f"Further to our call about {NORTHBY} last week – we can offer "
                              "at £4,900 pw.", OWN) == NORTHBY
    assert only_another_named(f"{NORTHBY}: we can offer at £4,900 pw, like we did for "
                              "REF-2026-000777.", OWN) == NORTHBY
    # a contrast turning from the other child to an offer answers this one (r61 a14)
    assert only_another_named(f"Further to our call about {NORTHBY}, we can't offer for that "
                              "young man, but we can offer Maddie a place at £4,900 pw.",
                              OWN) is None
    assert only_another_named(f"{NORTHBY}: no vacancy now, but we can offer from January.",
                              OWN) == NORTHBY
    assert references_named(f"{NORTHBY}; again {NORTHBY.lower()} and {OWN}") == (NORTHBY, OWN)


def _sent_texts(decision) -> dict[str, str]:  # type: ignore[no-untyped-def]
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    return {c.template: " ".join(str(message_from_bytes(
        renderer.render(c, datetime(2026, 11, 25, 9, tzinfo=UTC)).raw, policy=policy.default)
        .get_body(("plain",)).get_content()).split())
        for c in decision.commands if isinstance(c, SendEmail)}


@pytest.mark.parametrize(("text", "template"), [
    # round 62 t01: this one's answer read, the other's dropped: the home had not been told
    (f"{OWN}: we can offer at £4,900 a week from 14/12/2026.\n{NORTHBY}: sorry, no vacancy "
     "for this young person.", "provider/response_ack"),
    (f"{OWN}: we can offer from 14/12/2026.\n{NORTHBY}: sorry, no vacancy.",
     "provider/missing_fields"),
    (f"{OWN}: sorry, no vacancy.\n{NORTHBY}: we can offer at £5,000 pw from 04/01/2027.",
     "provider/response_ack"),
    # t05: one sentence for both is read for this one, and the other is still told
    (f"Neither I'm afraid – we're full ({OWN}, {NORTHBY}).", "provider/response_ack"),
])
def test_the_other_referral_answered_here_is_to_be_answered_on_its_own_email(
        text: str, template: str) -> None:
    decision = decide(snapshot(State.OPEN), _reply(text, {NORTHBY: ITS_SUBJECT}))
    told = _sent_texts(decision)[template]
    assert (f"Your reply also answered referral {NORTHBY}. Only {OWN} was read from it: to "
            f"answer for {NORTHBY}, please reply to our email about it (\"{ITS_SUBJECT}\"), "
            "or that answer will not be recorded.") in told


def test_a_reference_not_sent_to_the_home_or_not_answered_here_is_not_named_back() -> None:
    both = f"{OWN}: sorry, no vacancy.\n{NORTHBY}: we can offer at £5,000 pw from 04/01/2027."
    told = _sent_texts(decide(snapshot(State.OPEN), _reply(both, {NORTHBY: ""})))
    assert NORTHBY not in told["provider/response_ack"]
    told = _sent_texts(decide(snapshot(State.OPEN), _reply("Sorry, no vacancy.", {})))
    assert "also answered referral" not in told["provider/response_ack"]
