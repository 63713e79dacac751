"""A provider's reply as a pure decision: store, merge, supersede, ask, acknowledge, forward."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from broker.forms import read_message
from broker.forms.extract import fields_from_text
from tests.provider_mail import rendered
from tests.snapshots import LARCH, NOW, RESPONSE_SPEC, SW, actor, shortlist_round, snapshot
from workflows.classify import Facts, classify
from workflows.commands import RecordResponse, SendEmail
from workflows.events import Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.snapshot import ResponseRecord, Snapshot
from workflows.states import State

OFFER = ("Decision: offer\nHome or carer: Larch House\nWeekly fee: £4,250\n"
         "Available from: 01/12/2026")


def _reply(text: str, sender: str = LARCH) -> ReplyReceived:
    reply = Reply(sender=sender, subject="Re: referral",
                  message_id=f"<{abs(hash(text))}@larchcare.example>",
                  fields=dict(fields_from_text(text, RESPONSE_SPEC).values), body_text=text,
                  sent_on=date(2026, 11, 23))
    return ReplyReceived(actor=actor(sender), key=f"in:{abs(hash(text)) % 1000}",
                         establishment="larch-house", reply=reply)


def _open(earlier: ResponseRecord | None = None, state: State = State.OPEN) -> Snapshot:
    return snapshot(state, responses={"larch-house": earlier} if earlier else {})


def _emails(decision) -> list[SendEmail]:  # type: ignore[no-untyped-def]
    return [c for c in decision.commands if isinstance(c, SendEmail)]


def _stored(decision) -> RecordResponse:  # type: ignore[no-untyped-def]
    [stored] = [c for c in decision.commands if isinstance(c, RecordResponse)]
    return stored


def _as_earlier(decision) -> ResponseRecord:  # type: ignore[no-untyped-def]
    return decision.snapshot.responses["larch-house"]


def test_a_complete_offer_is_stored_and_acknowledged_with_what_was_understood() -> None:
    decision = decide(_open(), _reply(OFFER))
    assert decision.answer.outcome == "response"
    stored = _stored(decision)
    assert stored.decision == "offer" and stored.missing == ()
    assert stored.fields["weekly_fee"] == 4250
    [ack] = _emails(decision)
    assert ack.template == "provider/response_ack" and ack.reply_to.startswith("r+1.larch")
    assert ack.context["summary"] == (
        "We have your offer: Larch House, £4,250 a week, from 1 December.")


def test_an_offer_missing_its_fee_asks_for_exactly_that() -> None:
    decision = decide(_open(), _reply(OFFER.replace("Weekly fee: £4,250\n", "")))
    assert decision.answer.outcome == "response-incomplete"
    [ask] = _emails(decision)
    assert ask.template == "provider/missing_fields"
    assert [w["label"] for w in ask.context["wanted"]] == ["Weekly fee"]


def test_the_answer_completes_the_earlier_incomplete_reply() -> None:
    first = decide(_open(), _reply(OFFER.replace("Weekly fee: £4,250\n", "")))
    second = decide(_open(_as_earlier(first)), _reply("Weekly fee: £4,100 per week"))
    assert second.answer.outcome == "response"
    stored = _stored(second)
    assert stored.decision == "offer" and stored.fields["weekly_fee"] == 4100
    assert stored.fields["service_name"] == "Larch House"


def test_a_later_reply_with_its_own_decision_supersedes_rather_than_merges() -> None:
    first = decide(_open(), _reply(OFFER))
    second = decide(_open(_as_earlier(first)), _reply("Sorry, we no longer have a vacancy."))
    assert _stored(second).decision == "decline"
    assert _stored(second).fields["weekly_fee"] is None  # nothing carried over
    # Only the second has a current response to supersede (the first goes straight in).
    assert (_stored(first).supersedes, _stored(second).supersedes) == (False, True)


@pytest.mark.parametrize(("update", "fee", "start"), [
    ("Further to my email, our fee is now £4,100 pw.", 4100, date(2026, 12, 1)),
    ("Just to let you know the start has moved to the 7th – everything else as before.", 4250,
     date(2026, 12, 7)),
])
def test_a_later_email_that_updates_the_fee_or_start_amends_the_offer(
    update: str, fee: int, start: date,
) -> None:
    """A second email changing one thing, in words, amends the earlier form's value (it had
    kept the form's £4,250 as if nothing had been said)."""
    first = decide(_open(), _reply(OFFER))
    second = decide(_open(_as_earlier(first)), _reply(update))
    stored = _stored(second)
    assert stored.decision == "offer" and stored.missing == ()
    assert (stored.fields["weekly_fee"], stored.fields["available_from"]) == (
        fee, start.isoformat())


def test_a_provider_can_withdraw() -> None:
    earlier = ResponseRecord("larch-house", "offer", {"decision": "offer"})
    decision = decide(_open(earlier), _reply("We have to withdraw our offer, sorry."))
    assert _stored(decision).decision == "withdrawn"
    assert "withdrawal" in _emails(decision)[0].context["summary"]


def test_a_prose_decline_is_read_and_acknowledged() -> None:
    decision = decide(_open(), _reply("Sorry, we have no vacancies at the moment."))
    stored = _stored(decision)
    assert (stored.decision, stored.fields["decline_reason"]) == ("decline", "no-vacancy")
    assert _emails(decision)[0].context["summary"] == "We have your decline (reason: no vacancy)."


@pytest.mark.parametrize("text", ["Decision: decline", "Not this one, thanks", "No thanks",
                                  "Pass on this one."])
def test_a_decline_without_a_reason_is_recorded_whole_and_never_chased_for_one(
        text: str) -> None:
    """ux47: each short decline got "decline reason needed by …", though the referral email
    says a sentence is fine if the home is declining."""
    decision = decide(_open(), _reply(text))
    assert decision.answer.outcome == "response"
    stored = _stored(decision)
    assert (stored.decision, stored.missing, stored.fields["decline_reason"]) == (
        "decline", (), None)
    [ack] = _emails(decision)
    assert ack.template == "provider/response_ack"
    assert ack.context["summary"] == "We have your decline."


def test_what_a_reply_says_of_another_referral_is_not_stored_for_this_one() -> None:
    """The subject names neither; the thread's own referral (REF-2026-000001) decides."""
    decision = decide(_open(), _reply("REF-2026-000412: we can offer from 14/12 at £4,900 pw.\n"
                                      "REF-2026-000001: sorry, no vacancy for this one."))
    stored = _stored(decision)
    assert (stored.decision, stored.fields.get("weekly_fee")) == ("decline", None)


@pytest.mark.parametrize("state", [State.CLOSED, State.AWAITING_APPROVAL])
def test_a_reply_after_the_window_closed_is_late_and_forwarded(state: State) -> None:
    decision = decide(_open(state=state), _reply(OFFER))
    assert decision.answer.outcome == "response-late" and _stored(decision).late is True
    assert {e.template for e in _emails(decision)} == {"provider/response_ack",
                                                       "social_worker/late_response"}
    forwarded = next(e for e in _emails(decision)
                     if e.template == "social_worker/late_response")
    assert forwarded.to == SW


@pytest.mark.parametrize("text", ["Sorry, we have no vacancies at the moment.",
                                  "Not this one, thanks"])
def test_a_late_no_from_a_home_that_was_no_option_is_recorded_not_forwarded(text: str) -> None:
    """ux47 R4: a late decline reached the social worker as "late response from Larch Lodge":
    it changes nothing for her, the home never having been an option."""
    decision = decide(_open(state=State.CLOSED), _reply(text))
    assert decision.answer.outcome == "response-late"
    stored = _stored(decision)
    assert (stored.decision, stored.late) == ("decline", True)
    [ack] = _emails(decision)
    assert ack.template == "provider/response_ack" and ack.context["forwarded"] is False
    text_sent = " ".join(rendered(ack).get_content().split())
    assert "has been recorded as late. Nothing more is needed from Larch House." in text_sent
    assert "forwarded" not in text_sent and "social worker" not in text_sent


def test_a_late_no_that_takes_back_an_offer_she_could_choose_is_forwarded() -> None:
    offered = _as_earlier(decide(_open(state=State.CLOSED), _reply(OFFER)))
    decision = decide(_open(offered, state=State.CLOSED),
                      _reply("Sorry, we have no vacancies now after all."))
    assert _stored(decision).decision == "decline"
    assert "social_worker/late_response" in {e.template for e in _emails(decision)}


@pytest.mark.parametrize(("state", "text"), [
    (State.UNMATCHED, OFFER), (State.PLACED, OFFER), (State.WITHDRAWN, OFFER),
    # once approved (a home chosen or not), a home not on the shortlist is heard only when
    # it offers (rule `late-offer-fallback`, tests/unit/test_late_offer_fallback.py)
    (State.APPROVED, "Sorry, no vacancy."), (State.NEGOTIATING, "Sorry, no vacancy.")])
def test_a_reply_to_a_referral_finished_for_it_gets_a_closed_note_and_is_not_stored(
        state: State, text: str) -> None:
    shortlist = (shortlist_round(labels=("A",), outcome="approved"),) \
        if state in (State.APPROVED, State.NEGOTIATING) else ()
    decision = decide(replace(_open(state=state), rounds=shortlist) if shortlist
                      else _open(state=state), _reply(text))
    assert not [c for c in decision.commands if isinstance(c, RecordResponse)]
    assert [e.template for e in _emails(decision)] == ["provider/referral_closed"]


def test_the_summary_says_when_the_reply_could_not_be_read() -> None:
    decision = decide(_open(), _reply("Thanks!"))
    assert decision.answer.outcome == "response-incomplete"
    assert "could not tell" in _emails(decision)[0].context["summary"]


def test_two_replies_of_the_same_wording_are_each_answered() -> None:
    """Answers are keyed by the inbound message, not by what it says."""
    first = _reply("Sorry, we have no vacancies.")
    again = ReplyReceived(actor=first.actor, key="in:9999", establishment=first.establishment,
                          reply=first.reply)
    keys = {_emails(decide(_open(), event))[0].key for event in (first, again)}
    assert len(keys) == 2


def test_an_offer_to_the_homes_own_reply_address_is_not_asked_which_home() -> None:
    """The signed reply address already names the home."""
    decision = decide(_open(), _reply("Yes, we'd be glad to offer a place at £4,390 a week "
                                      "from 07/12/2026."))
    assert decision.answer.outcome == "response"
    stored = _stored(decision)
    assert stored.decision == "offer" and stored.missing == ()
    assert stored.fields["service_name"] == "Larch House"


def test_a_pasted_blank_form_is_not_stored_as_an_option_and_the_decision_is_asked() -> None:
    text = ("We'll take this to Friday's matching meeting and come back to you.\n\n"
            "Decision: (offer / interested / decline)\nHome or carer: Larch House\n"
            "Decline reason: (if declining: no-vacancy / cannot-meet-needs / location / "
            "matching / price / other)\n")
    decision = decide(_open(), _reply(text))
    assert decision.answer.outcome == "response-incomplete"
    stored = _stored(decision)
    assert stored.decision == "" and stored.missing == ("decision",)
    assert stored.fields["decline_reason"] is None
    [ask] = _emails(decision)
    assert ask.template == "provider/missing_fields"
    assert [w["label"] for w in ask.context["wanted"]] == ["Decision"]


TWO_HOMES = ("Please see below for both homes.\n\n"
             "Home or carer: Ashdown House\nDecision: Decline\nDecline reason: No vacancy\n\n"
             "Home or carer: Larch House\nDecision: Offer\nWeekly fee: £5,150\n"
             "Available from: 07/12/2026\n")


def test_a_reply_for_two_homes_is_not_mixed_into_one_record_and_the_decision_is_asked() -> None:
    """One home's decline with the other's fee and date was stored as this home's answer."""
    event = _reply(TWO_HOMES)
    conflicts = tuple(fields_from_text(TWO_HOMES, RESPONSE_SPEC).conflicts)
    event = replace(event, reply=replace(event.reply, conflicts=conflicts))
    decision = decide(_open(), event)
    stored = _stored(decision)
    assert stored.decision == "" and stored.missing == ("decision",)
    assert stored.fields["weekly_fee"] is None and stored.fields["decline_reason"] is None
    [ask] = _emails(decision)
    assert ask.template == "provider/missing_fields"


def test_the_reply_read_from_mail_carries_its_conflicts_to_the_decision() -> None:
    raw = (f"From: {LARCH}\nSubject: Re: referral\nDate: Mon, 23 Nov 2026 09:00 +0000\n"
           f"Content-Type: text/plain; charset=utf-8\n\n{TWO_HOMES}").encode()
    message = read_message(raw, RESPONSE_SPEC, new_text_only=True)
    routed = classify(message, Facts("reply", LARCH, reply_to=(1, "larch-house")), "in:1",
                      date(2026, 11, 23))
    assert isinstance(routed.event, ReplyReceived)
    assert {"decision", "service_name"} <= set(routed.event.reply.conflicts)


def _automatic(text: str) -> ReplyReceived:
    event = _reply(text)
    return replace(event, reply=replace(event.reply, auto_submitted=True))


def test_a_referral_systems_automatic_answer_is_read_from_its_form_and_not_answered() -> None:
    """A provider's system may mark its answer auto-generated: its form is the answer, but an
    automatic sender is never written to (RFC 3834)."""
    decision = decide(_open(), _automatic(OFFER + "\n\nThis is an automated message."))
    assert _stored(decision).decision == "offer"
    assert _emails(decision) == []


@pytest.mark.parametrize("text", [
    # An out-of-office's prose answers nothing, whatever it says or has a label for.
    "I am on leave and unable to offer a response until Monday.\nContact: duty line 01632 960500",
    "We can offer from Monday at £4,250.\nContact: duty line 01632 960500",
])
def test_automatic_mail_without_a_decision_in_its_form_is_ignored(text: str) -> None:
    decision = decide(_open(), _automatic(text))
    assert decision.answer.outcome == "ignored-automatic"
    assert decision.commands == ()


@pytest.mark.parametrize(("body", "routed_as"), [
    ("Outcome: Offer\nWeekly cost: 4850.00 GBP\n", ReplyReceived),
    ("I am out of the office until Monday.\n", type(None)),
])
def test_automatic_mail_on_a_reply_address_is_routed_only_with_a_form(body, routed_as) -> None:
    raw = ("From: caredesk@larchcare.example\nAuto-Submitted: auto-generated\n"
           f"Subject: Placement response\n\n{body}").encode()
    message = read_message(raw, RESPONSE_SPEC, new_text_only=True)
    routed = classify(message, Facts("reply", LARCH, reply_to=(1, "larch-house")), "in:1",
                      date(2026, 11, 23))
    assert isinstance(routed.event, routed_as)


def _written(text: str, at: datetime | None) -> ReplyReceived:
    event = _reply(text)
    return replace(event, reply=replace(event.reply, sent_at=at))


def test_an_answer_written_before_the_current_one_arrives_as_history_not_as_the_answer() -> None:
    """Mail can arrive out of order: the offer written at 10:00 and held by a relay reaches
    us after the decline written at 10:05. The decline stays the answer; the offer is kept,
    superseded from the start, and the sender is told which answer stands."""
    decline = decide(_open(), _written("Sorry, we no longer have a vacancy.",
                                       NOW - timedelta(minutes=55)))
    offer = decide(_open(_as_earlier(decline)), _written(OFFER, NOW - timedelta(hours=1)))
    stored = _stored(offer)
    assert (stored.current, stored.decision) == (False, "offer")
    assert offer.snapshot.responses["larch-house"].decision == "decline"
    assert offer.answer.outcome == "response-written-earlier"
    [told] = _emails(offer)
    assert told.template == "provider/written_earlier"
    assert told.context["current_summary"].startswith("We have your decline")
    assert told.context["this_summary"].startswith("We have your offer")
    assert told.reply_to.startswith("r+1.larch")  # a reply to it is an answer, as any


@pytest.mark.parametrize("first_written", [
    None,  # the current answer's reply had no Date: arrival order is all there is
    NOW + timedelta(days=3),  # its sender's clock ran ahead: not believed
    NOW + timedelta(minutes=55),  # an office PC 55 minutes fast: not believed either
])
def test_arrival_order_stands_where_the_written_order_is_unknown(
    first_written: datetime | None,
) -> None:
    decline = decide(_open(), _written("Sorry, we no longer have a vacancy.", first_written))
    offer = decide(_open(_as_earlier(decline)), _written(OFFER, NOW - timedelta(hours=1)))
    assert _stored(offer).current and offer.snapshot.responses["larch-house"].decision == "offer"


def test_an_answer_written_after_the_current_one_replaces_it_and_keeps_its_time() -> None:
    offer = decide(_open(), _written(OFFER, NOW - timedelta(hours=1)))
    decline = decide(_open(_as_earlier(offer)), _written("Sorry, we no longer have a vacancy.",
                                                         NOW - timedelta(minutes=5)))
    assert _stored(decline).current and _stored(decline).sent_at == NOW - timedelta(minutes=5)
    assert decline.snapshot.responses["larch-house"].decision == "decline"


def test_a_request_for_what_is_missing_says_the_other_homes_answers_were_not_read() -> None:
    """ux47 R2: the note was in the acknowledgement only; the request said nothing of it."""
    decision = decide(_open(), _reply("Larch House: offer at £5,100 pw\n"
                                      "Larch Lodge: offer at £5,400 pw from 14/12/2026"))
    stored = _stored(decision)
    assert (stored.decision, stored.fields["weekly_fee"], stored.missing) == (
        "offer", 5100, ("available_from",))
    [ask] = [e for e in _emails(decision) if e.template.startswith("provider/")]
    assert ask.template == "provider/missing_fields" and ask.context["for_other_homes"]
    text = " ".join(rendered(ask).get_content().split())
    assert ("Your reply also answered for other homes. Only Larch House's answer was read "
            "from it") in text
    # rule other-home-offer-passed-on: Larch Lodge's offer reaches the placements team
    [team] = [e for e in _emails(decision) if e.template == "placements_team/offer_apart"]
    assert "£5,400" in team.context["words"] and "passed, in your words" in text
