"""Rule `offer-confirmed` (ux47): a shortlisted home's "Confirmed." in answer to the papers
changes nothing recorded, yet is what the papers email asked for. It is recorded once, the
home thanked with what it confirmed, and the social worker told it confirmed its offer at the
same fee and start; before the approval, or from a home with no offer, it stays what it was."""

from __future__ import annotations

from dataclasses import replace
from email import message_from_bytes, policy

import pytest

from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import NOW, SW, snapshot
from tests.unit.test_responses import _reply
from workflows.commands import RecordEvent, SendEmail
from workflows.confirmed import confirms
from workflows.lifecycle import decide
from workflows.snapshot import ResponseRecord
from workflows.states import State

RENDERER = EmailRenderer("broker.localhost", "Referrals <referrals@broker.localhost>",
                         [TEMPLATES], secret=b"test-secret")
OFFER_TEXT = "Decision: Offer\nWeekly fee: £4,250\nAvailable from: 01/12/2026\n"
OFFER = decide(snapshot(State.APPROVED), _reply(OFFER_TEXT)).snapshot.responses["larch-house"]


def _text(email: SendEmail) -> tuple[str, str]:
    message = message_from_bytes(RENDERER.render(email, NOW).raw, policy=policy.default)
    return str(message["Subject"]), " ".join(
        str(message.get_body(("plain",)).get_content()).split())


def _answer(text: str, state: State = State.APPROVED, earlier: ResponseRecord = OFFER,
            **changes: object):  # type: ignore[no-untyped-def]
    base = snapshot(state)
    return decide(replace(base, responses={**base.responses, "larch-house": earlier},
                          **changes), _reply(text))


def _sent(decision) -> dict[str, SendEmail]:  # type: ignore[no-untyped-def]
    return {c.template: c for c in decision.commands if isinstance(c, SendEmail)}


@pytest.mark.parametrize("text", [
    "Confirmed.", "Yes", "Yes, still offering, fee as before.",
    "Having read the full papers we're happy to confirm our offer.\n\nKind regards\nPriya Nair",
    "We confirm. Thanks",
])
def test_a_bare_confirmation_after_the_papers_is_recorded_and_heard(text: str) -> None:
    decision = _answer(text)
    assert (decision.answer.outcome, decision.rule) == ("offer-confirmed", "offer-confirmed")
    assert [c.data for c in decision.commands if isinstance(c, RecordEvent)
            and c.kind == "offer-confirmed"] == [{"establishment": "larch-house"}]
    emails = _sent(decision)
    subject, text_sent = _text(emails["provider/response_ack"])
    assert subject.startswith("Northby, for Larch House | offer confirmed | REF-2026-000001")
    assert text_sent.startswith(
        "Thank you. We have your confirmation: Larch House, £4,250 a week, from 1 December. "
        "The social worker has been told and will choose a home shortly.")
    assert "who will read it" not in text_sent  # ux48 U10: never only "passed on"
    told = emails["social_worker/late_response"]
    assert told.to == SW and told.context["confirmed"] is True and told.context["changes"] == []
    subject, text_sent = _text(told)
    assert subject.startswith("REF-2026-000001: Larch House confirmed its offer [#")
    assert "has confirmed its offer: the same fee and start as before" in text_sent


def test_a_second_confirmation_is_stored_and_not_answered_again() -> None:
    decision = _answer("Confirmed.", offer_confirmed_before=True)
    assert (decision.answer.outcome, decision.rule, _sent(decision)) == (
        "response-unchanged", "reply-changes-nothing", {})


@pytest.mark.parametrize(("state", "earlier"), [
    (State.OPEN, OFFER),  # before the approval there are no papers to confirm against
    (State.APPROVED, decide(snapshot(State.APPROVED), _reply(
        "Decision: Interested")).snapshot.responses["larch-house"]),  # nothing to confirm
])
def test_before_the_approval_or_without_an_offer_it_is_no_confirmation(
        state: State, earlier: ResponseRecord) -> None:
    decision = _answer("Confirmed.", state, earlier)
    assert decision.rule != "offer-confirmed"
    assert not [c for c in decision.commands if isinstance(c, RecordEvent)
                and c.kind == "offer-confirmed"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Confirmed.", True), ("yes", True), ("Our offer stands.", True),
    ("Thanks for confirming.", False),  # a thanks for ours
    ("Thanks, received.", False),  # an acknowledgement, no confirmation
    ("Confirmed, subject to our matching panel on 16 December.", False),  # more is said
    ("", False),
])
def test_what_confirms(text: str, expected: bool) -> None:
    assert confirms(text) is expected


@pytest.mark.parametrize("text", [
    "Yes confirmed\nSubject To Panel Approval\nSharing With Another Child",  # att30 F3
    "Yes confirmed\nPending",
    "Confirmed.\n\nKind regards\nJo Smith\n\nPS not before our matching panel.",
])
def test_a_confirmation_with_conditions_on_its_closing_lines_is_no_confirmation(
        text: str) -> None:
    assert not confirms(text)
    decision = _answer(text)
    assert decision.rule != "offer-confirmed"
    assert "social_worker/late_response" not in _sent(decision) or not _sent(decision)[
        "social_worker/late_response"].context.get("confirmed")


def test_a_confirmation_signed_with_a_name_alone_still_confirms() -> None:
    assert confirms("Yes confirmed\nPriya Nair")


DISCLAIMER = ("This email and any files transmitted with it are confidential and intended "
              "solely for the use of the individual or entity to whom they are addressed. If "
              "you have received this email in error please notify the sender and delete it.")


@pytest.mark.parametrize("text", [
    # r59 q01: a signature with a job title, the home and a phone line under the name
    "Confirmed.\n\nJo Price\nRegistered Manager\nLarch House\n"
    "Tel: 01632 960 123 | Mob: 07700 900 123",
    # r59 q11: a one-line signature, its pieces between "|"s
    "Confirmed.\n\nJo Price | Registered Manager | Larch House | 01632 960 123 | "
    "larch.house@larchcare.example",
    "Confirmed.\n\nPriya Nair | Registered Manager | 0113 496 0999",
    "Confirmed.\n\nThanks\n\nJo Price\n12 Mill Lane, Leeds LS1 4AB\nwww.larchcare.example",
    # r59 q03: a legal notice closing the reply
    f"Yes confirmed.\n\n{DISCLAIMER}",
    # r59 q15: the start said again as it stands (the start on record is 01/12/2026)
    "Confirmed. Start as planned 01/12.", "Confirmed, start date as agreed.",
])
def test_a_confirmation_under_a_signature_or_saying_the_start_as_it_stands_confirms(
        text: str) -> None:
    decision = _answer(text)
    assert (decision.answer.outcome, decision.rule) == ("offer-confirmed", "offer-confirmed")
    assert "social_worker/provider_words" not in _sent(decision)


@pytest.mark.parametrize("text", [
    # r59 q05: "Thanks" alone on its line, and then more of the reply: no signature
    "Confirmed – still offering, fee as before.\n\nThanks\n\nOne thing: you would need to do "
    "the school run for the first two weeks as we are short of drivers.",
    "Confirmed. Start as planned 14/12.",  # not the start on record (01/12): said
    "Confirmed.\n\nJo Price\nRegistered Manager\nCall me on 01632 960 123 about her dog",
])
def test_words_after_a_thanks_or_another_start_are_passed_on_not_a_confirmation(
        text: str) -> None:
    decision = _answer(text)
    assert decision.rule != "offer-confirmed"
    words = _sent(decision)["social_worker/provider_words"].context["words"]
    assert ("school run" in words or "14/12" in words or "dog" in words)


@pytest.mark.parametrize("text", [
    # round 60 p16/p03/p18: a confirmation that says again the start or the fee on record
    # (01/12/2026, £4,250) was lost as changing nothing, or passed on as words
    "Confirmed – we've read everything and can still offer from 01/12.",
    "Read them. Still offering.",
    "Confirmed. Our fee remains £4,250 per week.",
    "Confirmed, still offering £4,250 pw from 1st December.",
])
def test_a_confirmation_saying_the_terms_on_record_again_confirms(text: str) -> None:
    decision = _answer(text)
    assert (decision.answer.outcome, decision.rule) == ("offer-confirmed", "offer-confirmed")
    assert "social_worker/provider_words" not in _sent(decision)


@pytest.mark.parametrize("text", [
    "Confirmed. Our fee is now £4,500 per week.",  # another fee: said
    "Confirmed – we've read everything and can still offer from 14/12.",  # another start
])
def test_a_confirmation_naming_other_terms_is_no_bare_confirmation(text: str) -> None:
    assert not confirms(text, "2026-12-01", 4250.0)
    assert _answer(text).rule != "offer-confirmed"


# ux48 W4: the home says how it came to confirm, and signs with a name that is also a word
PAT = "\n\nMany thanks,\nPat Greaves\nReferrals Coordinator | Larch Care Group\nTel: 020 7946 0321"


@pytest.mark.parametrize("text", [
    "Thanks for the papers. We have reviewed them with our registered manager and can "
    "confirm our offer." + PAT,
    "I can confirm we are still able to offer." + PAT,
    "Happy to confirm." + PAT,
    "Happy to confirm.\n\nPat Greaves\nReferrals Coordinator\nTel: 020 7946 0321",
    # the fee and start on record said again (£4,250, 01/12/2026), as Larch House wrote
    "Hi, we've read the papers and completed our assessment. We can confirm our offer for "
    "this young person at £4,250 per week from 01/12/2026.\n\nKind regards\nJo Penrose\n"
    "Placements Officer, Larch House",
])
def test_a_confirmation_saying_how_the_home_came_to_it_confirms(text: str) -> None:
    assert confirms(text, "2026-12-01", 4250.0)
    decision = _answer(text)
    assert (decision.answer.outcome, decision.rule) == ("offer-confirmed", "offer-confirmed")
    emails = _sent(decision)
    assert "social_worker/provider_words" not in emails
    _, text_sent = _text(emails["provider/response_ack"])
    assert "We have your confirmation: Larch House, £4,250 a week, from 1 December." \
        in text_sent


@pytest.mark.parametrize("text", [
    "We have reviewed them with our registered manager, who has concerns about the school.",
    "We have completed our assessment and are not able to confirm our offer.",
    "Happy to confirm.\n\nPat Greaves\nSubject To Panel Approval",
    "We can confirm our offer at £4,400 per week.",  # another fee than on record
])
def test_more_than_how_it_came_to_confirm_is_no_confirmation(text: str) -> None:
    assert not confirms(text, "2026-12-01", 4250.0)


def test_a_confirmation_once_a_home_is_chosen_does_not_promise_a_choice() -> None:
    decision = _answer("Happy to confirm." + PAT, State.NEGOTIATING)
    _, text_sent = _text(_sent(decision)["provider/response_ack"])
    assert "We have your confirmation" in text_sent
    assert "The social worker has been told." in text_sent
    assert "choose a home" not in text_sent


def test_words_passed_on_after_the_approval_are_said_passed_on_once() -> None:
    """ux48 U10: a shortlisted home's words passed on were acknowledged twice over, "your
    answer has been passed to the social worker, who will read it before a home is chosen"
    and "Your message has been passed to the social worker, who will read it"."""
    decision = _answer("Confirmed, subject to our matching panel on 16 December.")
    _, text_sent = _text(_sent(decision)["provider/response_ack"])
    assert text_sent.count("passed to the social worker") == 1
    assert "Your message has been passed to the social worker" in text_sent
    # round 62 x07: a shortlisted home is not told the window is still to close
    assert "when the window closes" not in text_sent
    assert "If Larch House is shortlisted" not in text_sent


def test_a_confirmation_on_a_condition_about_the_school_being_full_is_no_withdrawal() -> None:
    """Round 62 x07: "our school is full" after "Confirmed" was read as the home full, the
    offer recorded as declined, its papers link stopped and the social worker told it
    withdrew. The offer stands and the condition reaches the social worker in its words."""
    decision = _answer("Confirmed – but only if education is funded separately, as our "
                       "school is full until Easter.")
    assert decision.snapshot.responses["larch-house"].decision == "offer"
    assert not [c for c in decision.commands if isinstance(c, RecordEvent)
                and c.kind == "papers-revoked"]
    told = _sent(decision)["social_worker/provider_words"]
    assert "only if education is funded separately" in told.context["words"]
    subject, _ = _text(told)
    assert "withdrawn" not in subject


FORM_AGAIN = "Decision: Offer\nWeekly fee: £4,250\nAvailable from: 01/12/2026"


@pytest.mark.parametrize("text", [
    f"Our confirmed response below.\n\n{FORM_AGAIN}",  # round 62 x11 (an Outlook table)
    f"We confirm our offer as follows:\n{FORM_AGAIN}\n\nKind regards\nJo Price",
])
def test_the_form_sent_again_under_a_line_that_confirms_is_a_confirmation(text: str) -> None:
    decision = _answer(text)
    assert (decision.answer.outcome, decision.rule) == ("offer-confirmed", "offer-confirmed")
    assert _sent(decision)["social_worker/late_response"].context["confirmed"] is True


@pytest.mark.parametrize("text", [
    FORM_AGAIN,  # a ticketing system's copy of the form it holds: no loop kept going
    f"We will confirm once our manager is back.\n\n{FORM_AGAIN}",
    f"Thanks for confirming.\n\n{FORM_AGAIN}",
])
def test_the_form_sent_again_without_confirming_is_stored_and_not_answered(text: str) -> None:
    decision = _answer(text)
    assert decision.rule != "offer-confirmed"
    assert "social_worker/late_response" not in _sent(decision)


@pytest.mark.parametrize("text", [  # round 63 p02-p04: "confirm" asked, awaited, someone else's
    f"Can you confirm she's had her jabs? Our response below.\n\n{FORM_AGAIN}",
    f"Awaiting confirmation from our RM – current response below.\n\n{FORM_AGAIN}",
    f"Our RM needs to confirm once she has read the papers. Response as before:\n{FORM_AGAIN}",
    f"Please confirm the start date is still 01/12 – our response is below.\n\n{FORM_AGAIN}",
])
def test_the_form_sent_again_under_a_confirm_it_does_not_say_is_no_confirmation(
        text: str) -> None:
    decision = _answer(text)
    assert decision.rule != "offer-confirmed"
    assert "social_worker/late_response" not in _sent(decision)


def test_the_form_sent_again_under_a_request_passes_the_request_on() -> None:
    """Round 63 p01: "Please confirm the start date …" over the form restated reached nobody:
    it asks us something, with no "?"."""
    decision = _answer("Please confirm the start date is still 01/12 – our response is "
                       f"below.\n\n{FORM_AGAIN}")
    told = _sent(decision)["social_worker/provider_words"]
    assert "Please confirm the start date is still 01/12" in told.context["words"]


def test_a_confirmation_beside_a_question_of_its_own_still_confirms() -> None:
    decision = _answer("Confirmed. Could you confirm the date of her dentist appointment?"
                       f"\n\n{FORM_AGAIN}")
    assert decision.rule == "offer-confirmed"
