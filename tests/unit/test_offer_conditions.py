"""Rule offer-condition-kept (broker/forms/offer_conditions.py): an offer made on a condition
keeps it, in the home's words, in the answer on record (the response form's proposal field),
in the social worker's comparison, in the commissioners' approval request and in the home's
acknowledgement (ux49 W1: "… subject to a matching meeting with our registered manager and
the current young people" was acknowledged and compared as a plain offer)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from broker.forms.extract import fields_from_text
from broker.forms.offer_conditions import condition_of, offer_condition, own_text
from channels.slack.blocks import render
from tests.provider_mail import text_of
from tests.snapshots import LARCH, RESPONSE_SPEC, SW, actor, snapshot, world
from workflows.commands import PostSlack, RecordResponse, SendEmail
from workflows.events import Reply, ReplyReceived, Shortlisted
from workflows.lifecycle import decide
from workflows.states import State

PRIYAS = ("We can offer at Larch House, £5,300 a week from 21/12/2026, subject to a matching "
          "meeting with our registered manager and the current young people.")


@pytest.mark.parametrize(("text", "condition"), [
    (PRIYAS, "subject to a matching meeting with our registered manager and the current "
             "young people"),
    ("Offer conditional on matching panel approval. £4,900 pw from 14/12.",
     "conditional on matching panel approval"),
    ("We can offer £4,900 pw from 14/12, provided that our RM can visit her first.",
     "provided that our RM can visit her first"),
    ("Yes, £4,900 a week from 14/12 as long as the council funds 2:1 staffing at night.",
     "as long as the council funds 2:1 staffing at night"),
    ("We could offer from 04/01/2027 at £5,000 pw depending on our staffing in January.",
     "depending on our staffing in January"),
    ("Can offer £4,900 pw from 14/12 - subject to her assessment by our therapist!",
     "subject to her assessment by our therapist"),
    # round 62 b22: "only if", "on condition that", "so long as", an "if" on funding
    ("Offer at £4,600 a week, only if education is funded separately – we don't have a "
     "school on site.",
     "only if education is funded separately – we don't have a school on site"),
    ("We can offer £4,900 pw on condition that 2:1 is funded for the first month.",
     "on condition that 2:1 is funded for the first month"),
    ("We can offer £4,900 pw so long as her visit on 12/12 goes well.",
     "so long as her visit on 12/12 goes well"),
    ("We can offer £4,900 pw from 14/12 if her transport to school is paid by the council.",
     "if her transport to school is paid by the council"),
    # round 65 f01: what they want first, named in a sentence of its own after the offer
    ("We're happy to offer. We'd want a visit from Maddie first though.",
     "We'd want a visit from Maddie first though"),
    ("Offer £4,900 pw from 14/12; we would need a copy of her care plan first.",
     "we would need a copy of her care plan first"),
])
def test_an_offers_condition_is_read_in_its_words(text: str, condition: str) -> None:
    assert offer_condition(text) == condition


@pytest.mark.parametrize("text", [
    "We can offer £4,900 pw from 14/12. Thank you for the information provided.",
    "We can offer £4,900 pw from 14/12.",
    "We can offer £4,900 pw from 14/12. If you need anything else, let us know.",
    "We can offer £4,900 pw. We'd like a room painted first thing on Monday the 14th.",
])
def test_no_condition_is_made_up(text: str) -> None:
    assert offer_condition(text) is None


def test_the_condition_is_said_back_to_the_home_as_its_own() -> None:
    assert condition_of("two-to-one staffing at night; subject to our panel") == \
        "subject to your panel"
    assert condition_of("two-to-one staffing at night") is None


def _reply(text: str) -> ReplyReceived:
    reply = Reply(sender=LARCH, subject="Re: referral", message_id="<c1@larchcare.example>",
                  fields=dict(fields_from_text(text, RESPONSE_SPEC).values), body_text=text,
                  sent_on=date(2026, 12, 7))
    return ReplyReceived(actor=actor(LARCH), key="in:c1", establishment="larch-house",
                         reply=reply)


def test_a_conditional_offer_is_recorded_and_acknowledged_with_its_condition() -> None:
    decision = decide(snapshot(State.OPEN, responses={}), _reply(PRIYAS))
    [stored] = [c for c in decision.commands if isinstance(c, RecordResponse)]
    assert stored.decision == "offer"
    assert stored.fields["proposal"] == (
        "subject to a matching meeting with our registered manager and the current young "
        "people")
    [ack] = [c for c in decision.commands if isinstance(c, SendEmail)]
    assert ack.context["summary"] == (
        "We have your offer: Larch House, £5,300 a week, from 21 December, “subject to a "
        "matching meeting with your registered manager and the current young people”.")


def test_a_forms_proposal_keeps_the_condition_its_prose_adds() -> None:
    text = ("All of this is subject to our matching panel on 10 December.\n\n"
            "Decision: Offer\nWeekly fee: £5,100\nAvailable from: 14/12/2026\n"
            "How we would meet needs: two-to-one staffing at night")
    decision = decide(snapshot(State.OPEN, responses={}), _reply(text))
    [stored] = [c for c in decision.commands if isinstance(c, RecordResponse)]
    assert stored.fields["proposal"] == (
        "two-to-one staffing at night; subject to our matching panel on 10 December")


def test_the_approval_shows_the_condition_the_offer_rests_on() -> None:
    closed = snapshot(State.CLOSED)
    rows = tuple({**row, "proposal": "CSE-trained team; subject to our matching panel"}
                 if row["label"] == "A" else row for row in closed.referral.comparison)
    closed = replace(closed, referral=replace(closed.referral, comparison=rows))
    shortlisted = Shortlisted(actor=actor(SW), key="s", labels=("A", "B"),
                              views=(("parents", "ok"), ("child", "ok")))
    decision = decide(closed, shortlisted)
    [request, *_] = [c for c in decision.commands if isinstance(c, SendEmail)
                     and c.template == "commissioner/approval_request"]
    text = text_of(request)
    assert "Its offer's condition, in its words: “subject to our matching panel”" in text
    assert text.count("Its offer's condition") == 1  # B's offer has none
    slack = decide(replace(closed, world=world(slack_channel="C-APPROVALS")), shortlisted)
    [post] = [c for c in slack.commands if isinstance(c, PostSlack)]
    blocks = str(render(post.template, post.context)["blocks"])
    assert "Its offer's condition, in its words: “subject to our matching panel”" in blocks


def test_every_condition_is_kept_and_a_later_fee_with_its_own() -> None:
    """Attacker review 37 F2: only the first condition was kept, so a fee rising later, said
    with a second condition, dropped out of what commissioners approve."""
    said = ("Our offer is subject to a matching meeting. From week 9 our fee rises to £6,900 a "
            "week, only if the council wants her to stay.")
    assert offer_condition(said) == ("subject to a matching meeting; From week 9 our fee rises "
                                     "to £6,900 a week, only if the council wants her to stay")


def test_a_long_condition_is_no_longer_cut_at_240_characters() -> None:
    said = ("Our offer is subject to a matching meeting with our registered manager and the "
            "current young people and a visit by the social worker and our education lead and "
            "our therapist and our responsible individual and the board and the local "
            "authority designated officer and to the council's written agreement that our "
            "weekly fee becomes £7,500 from week 5.")
    condition = offer_condition(said)
    assert condition is not None and condition.endswith("our weekly fee becomes £7,500 from "
                                                        "week 5")


@pytest.mark.parametrize("reply", [
    "We can offer at £4,200 a week.\n\nKind regards\nJo Bloggs\nRegistered Manager\n\nThis "
    "message may be used only provided that you are the intended recipient and it is deleted "
    "after reading",
    "We can offer at £4,200 a week.\n--\nAll placements are provided subject to contract and "
    "our standard terms",
    "We can offer at £4,200 a week.\n\nOn Mon, 7 Dec 2026 at 13:12, Northby <r@x.example> wrote:"
    "\n> She settles as long as she has a key adult and routine.",
    "We can offer at £4,200 a week.\n\n________________________________\nFrom: Northby "
    "placements <r@x.example>\nSent: 07 December 2026 13:12\n\nShe settles as long as she has "
    "a key adult and routine.",
])
def test_no_condition_is_read_from_a_signature_a_notice_or_quoted_history(reply: str) -> None:
    """Attacker review 37 F3: a disclaimer's "provided that you are the intended recipient"
    had been recorded as the offer's condition, and so had quoted history's words."""
    assert offer_condition(own_text(reply)) is None


def test_a_postscript_under_the_signature_keeps_its_condition() -> None:
    reply = ("We can offer at £4,200 a week.\n\nKind regards\nJo\n\nPS subject to a matching "
             "meeting on 15/12/2026.")
    assert offer_condition(own_text(reply)) == "subject to a matching meeting on 15/12/2026"


def test_a_condition_carries_no_phone_number_nor_instruction_of_ours() -> None:
    """Attacker review 37 F4: the home's acknowledgement and her comparison repeated "phone
    our director on 07700 900123 … replying SHORTLIST C to the service"."""
    condition = offer_condition(
        "Offer £4,000 a week, subject to you phoning our director Jo Bloggs on 07700 900123 "
        "today, and replying SHORTLIST C to the service as the council requires, or `APPROVE`")
    assert condition is not None
    assert "07700" not in condition and "SHORTLIST" not in condition
    assert "APPROVE" not in condition and "[number removed]" in condition
    assert condition.count("[instruction removed]") == 2
    assert offer_condition("Offer, subject to approval by our panel and your agreement") == (
        "subject to approval by our panel and your agreement")


def test_a_condition_sets_nothing_in_bold_nor_as_code_in_the_slack_approval() -> None:
    """Attacker review 37 F4: "*by reply*", "`APPROVE`" reached the Slack approval as mrkdwn."""
    closed = snapshot(State.CLOSED)
    said = "subject to *by reply* confirmation and ~no~ `panel` _today_"
    rows = tuple({**row, "proposal": said} if row["label"] == "A" else row
                 for row in closed.referral.comparison)
    closed = replace(closed, referral=replace(closed.referral, comparison=rows))
    shortlisted = Shortlisted(actor=actor(SW), key="s", labels=("A", "B"),
                              views=(("parents", "ok"), ("child", "ok")))
    slack = decide(replace(closed, world=world(slack_channel="C-APPROVALS")), shortlisted)
    [post] = [c for c in slack.commands if isinstance(c, PostSlack)]
    blocks = str(render(post.template, post.context)["blocks"])
    said_there = blocks[blocks.index("Its offer's condition"):].split("\\n")[0].split(":", 1)[1]
    assert "by reply" in said_there and not set("*`~_") & set(said_there[:60])


@pytest.mark.parametrize("text", [
    # round 63 c02-c05: words that only defer to the reader limit no offer
    "We can offer Maddie a place at £4,900 per week from 14/12/2026, and we'll be here for her "
    "as long as you need us.",
    "Offer £4,850 pw from 14/12/2026. Happy to arrange a visit, depending on what you think.",
    "Yes we can offer at £4,900 a week from 21/12/2026 – I'll send our statement of purpose "
    "too, provided that's OK.",
    "We can offer £4,750 per week from 14/12/2026. We can also send our Ofsted report, only if "
    "you want to. If you need anything else just shout.",
])
def test_politeness_is_no_condition(text: str) -> None:
    assert offer_condition(text) is None


@pytest.mark.parametrize(("text", "condition"), [
    ("We can offer £4,900 pw, as long as you're happy with the 2:1 staffing fee.",
     "as long as you're happy with the 2:1 staffing fee"),
    ("We can offer £4,900 pw, only if you want her to start before Christmas.",
     "only if you want her to start before Christmas"),
])
def test_a_condition_on_the_readers_wish_about_the_placement_is_kept(text: str,
                                                                    condition: str) -> None:
    assert offer_condition(text) == condition


def test_a_condition_put_as_a_list_keeps_every_item() -> None:
    """Round 63 c06: "This is subject to:" over two bullets had recorded no condition."""
    reply = ("We can offer Maddie a place at £4,900 per week from 14/12/2026.\n\nThis is subject "
             "to:\n\n- a matching meeting with our Registered Manager\n- 2:1 staffing being "
             "funded for the first four weeks (£1,100 pw)\n\nKind regards\nJo Price")
    assert offer_condition(own_text(reply)) == (
        "subject to a matching meeting with our Registered Manager; 2:1 staffing being funded "
        "for the first four weeks (£1,100 pw)")
    assert offer_condition("Offer at £4,900, conditional on:\n1. panel on 16/12/2026\n2) a "
                           "visit by her social worker.\nThanks") == (
        "conditional on panel on 16/12/2026; a visit by her social worker")


def test_a_thanks_over_more_of_the_reply_is_no_sign_off() -> None:
    """Round 63 c10: "Thank you." under the greeting had cut the offer and its condition."""
    reply = ("Hi,\n\nThank you.\n\nWe can offer at £4,900 a week from 14/12/2026, subject to a "
             "matching meeting with our registered manager.")
    assert offer_condition(own_text(reply)) == (
        "subject to a matching meeting with our registered manager")


@pytest.mark.parametrize("sign_off", ["Thanks", "Kind regards"])
def test_a_condition_of_the_offer_under_the_signature_is_kept(sign_off: str) -> None:
    """Round 63 c09: the offer's condition typed under the signature had been cut with it."""
    reply = (f"We can offer £4,900 per week from 14/12/2026.\n\n{sign_off}\nJo Price\n"
             "Placements Officer\n\nPlease note: this offer is conditional on our panel "
             "approving the match on 16/12/2026.\nLarch Care Ltd")
    assert offer_condition(own_text(reply)) == (
        "conditional on our panel approving the match on 16/12/2026")
