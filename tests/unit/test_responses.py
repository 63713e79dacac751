"""A provider's reply as a pure decision: store, merge, supersede, ask, acknowledge, forward."""

from datetime import UTC, date, datetime

import pytest

from broker.forms.extract import fields_from_text
from broker.forms.spec import load_response_spec
from tests.factories import CONFIG
from workflows.commands import SendEmail
from workflows.responses import Earlier, Reply, ReplyContext, decide_reply

SPEC = load_response_spec(CONFIG)


def _reply(text: str) -> Reply:
    return Reply(sender="larch.house@larchcare.example", subject="Re: referral",
                 message_id=f"<{abs(hash(text))}@larchcare.example>",
                 fields=dict(fields_from_text(text, SPEC).values), body_text=text,
                 sent_on=date(2026, 11, 23))


def _context(state: str = "open") -> ReplyContext:
    return ReplyContext(now=datetime(2026, 11, 23, 10, tzinfo=UTC), reference="REF-2026-000001",
                        state=state, establishment_key="larch-house",
                        establishment_name="Larch House", referrer="sam@northby.gov.example",
                        reply_address="r+token@broker.localhost", spec=SPEC,
                        describe_date=lambda d: f"{d.day} {d.strftime('%B')}")


def _emails(decision) -> list[SendEmail]:  # type: ignore[no-untyped-def]
    return [c for c in decision.commands if isinstance(c, SendEmail)]


OFFER = ("Decision: offer\nHome or carer: Larch House\nWeekly fee: £4,250\n"
         "Available from: 01/12/2026")


def test_a_complete_offer_is_stored_and_acknowledged_with_what_was_understood() -> None:
    decision = decide_reply(None, _reply(OFFER), _context())
    assert decision.outcome == "response"
    assert decision.store["decision"] == "offer" and decision.store["missing"] == []
    assert decision.store["fields"]["weekly_fee"] == 4250
    [ack] = _emails(decision)
    assert ack.template == "provider/response_ack" and ack.reply_to == "r+token@broker.localhost"
    assert ack.context["summary"] == (
        "We have your offer: Larch House, £4,250 a week, from 1 December.")


def test_an_offer_missing_its_fee_asks_for_exactly_that() -> None:
    decision = decide_reply(None, _reply(OFFER.replace("Weekly fee: £4,250\n", "")), _context())
    assert decision.outcome == "response-incomplete"
    [ask] = _emails(decision)
    assert ask.template == "provider/missing_fields"
    assert [w["label"] for w in ask.context["wanted"]] == ["Weekly fee"]


def test_the_answer_completes_the_earlier_incomplete_reply() -> None:
    first = decide_reply(None, _reply(OFFER.replace("Weekly fee: £4,250\n", "")), _context())
    earlier = Earlier(first.store["raw_fields"], first.store["decision"],
                      tuple(first.store["missing"]))
    second = decide_reply(earlier, _reply("Weekly fee: £4,100 per week"), _context())
    assert second.outcome == "response"
    assert second.store["decision"] == "offer"
    assert second.store["fields"]["weekly_fee"] == 4100
    assert second.store["fields"]["service_name"] == "Larch House"


def test_a_later_reply_with_its_own_decision_supersedes_rather_than_merges() -> None:
    first = decide_reply(None, _reply(OFFER), _context())
    earlier = Earlier(first.store["raw_fields"], "offer", ())
    second = decide_reply(earlier, _reply("Sorry, we no longer have a vacancy."), _context())
    assert second.store["decision"] == "decline"
    assert second.store["fields"]["weekly_fee"] is None  # nothing carried over


def test_a_provider_can_withdraw() -> None:
    earlier = Earlier({"decision": "offer"}, "offer", ())
    decision = decide_reply(earlier, _reply("We have to withdraw our offer, sorry."), _context())
    assert decision.store["decision"] == "withdrawn"
    assert "withdrawal" in _emails(decision)[0].context["summary"]


def test_a_prose_decline_is_read_and_acknowledged() -> None:
    decision = decide_reply(None, _reply("Sorry, we have no vacancies at the moment."),
                            _context())
    assert (decision.store["decision"], decision.store["fields"]["decline_reason"]) == (
        "decline", "no-vacancy")
    assert _emails(decision)[0].context["summary"] == "We have your decline (reason: no vacancy)."


def test_a_reply_after_the_window_closed_is_late_and_forwarded() -> None:
    decision = decide_reply(None, _reply(OFFER), _context(state="closed"))
    assert decision.outcome == "response-late" and decision.store["late"] is True
    assert {e.template for e in _emails(decision)} == {"provider/response_ack",
                                                       "social_worker/late_response"}
    forwarded = next(e for e in _emails(decision) if e.template == "social_worker/late_response")
    assert forwarded.to == "sam@northby.gov.example"


@pytest.mark.parametrize("state", ["unmatched", "placed", "cancelled"])
def test_a_reply_to_a_finished_referral_gets_a_polite_closed_note_and_is_not_stored(
        state: str) -> None:
    decision = decide_reply(None, _reply(OFFER), _context(state=state))
    assert decision.store is None
    assert [e.template for e in _emails(decision)] == ["provider/referral_closed"]


def test_the_summary_says_when_the_reply_could_not_be_read() -> None:
    decision = decide_reply(None, _reply("Thanks!"), _context())
    assert decision.outcome == "response-incomplete"
    assert "could not tell" in _emails(decision)[0].context["summary"]


def test_an_offer_to_the_homes_own_reply_address_is_not_asked_which_home() -> None:
    # Wiring of read_response(known_service_name=…): the token already names the home.
    decision = decide_reply(None, _reply("Yes, we'd be glad to offer a place at £4,390 a "
                                         "week from 07/12/2026."), _context())
    assert decision.outcome == "response"
    assert decision.store["decision"] == "offer" and decision.store["missing"] == []
    assert decision.store["fields"]["service_name"] == "Larch House"


def test_a_pasted_blank_form_is_not_stored_as_an_option_and_the_decision_is_asked() -> None:
    text = ("We'll take this to Friday's matching meeting and come back to you.\n\n"
            "Decision: (offer / interested / decline)\nHome or carer: Larch House\n"
            "Decline reason: (if declining: no-vacancy / cannot-meet-needs / location / "
            "matching / price / other)\n")
    decision = decide_reply(None, _reply(text), _context())
    assert decision.outcome == "response-incomplete"
    assert decision.store["decision"] == "" and decision.store["missing"] == ["decision"]
    assert decision.store["fields"]["decline_reason"] is None
    [ask] = _emails(decision)
    assert ask.template == "provider/missing_fields"
    assert [w["label"] for w in ask.context["wanted"]] == ["Decision"]
