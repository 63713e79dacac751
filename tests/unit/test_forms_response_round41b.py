"""Replies as round 41's outside tester wrote them, second pass: answers typed into the quoted
copy of our response form with nothing above but a greeting and a name."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from broker.forms import quotes
from tests.factories import parsed_reply, reply_read_as_mail
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday

_OUR_FORM = (
    "RESPONSE FORM\n"
    "Decision: {decision}\n"
    "Home or carer: Birchwood House\n"
    "Weekly fee: {fee}\n"
    "Available from: {start}\n"
    "Decline reason: {reason}(if declining: no-vacancy / cannot-meet-needs / location / "
    "matching / price / other)\n"
    "Contact:\n"
    "\n"
    "----------------------------------------------------------------------\n"
    "REFERRAL REF-2026-000123\n"
    "Needed from: 07/12/2026\n"
    "Weekly budget: £5,000\n"
    "----------------------------------------------------------------------\n")


def _outlook_reply(top: str, **typed: str) -> str:
    return (top + "\n\nFrom: Northby Council Placements <r+ab12cd@broker.example>\n"
            "Sent: 01 December 2026 10:02\nTo: Birchwood House <referrals@birchwood.example>\n"
            "Subject: Referral REF-2026-000123\n\nDear Birchwood House placements team,\n\n"
            + _OUR_FORM.format(**typed))


def test_answers_typed_into_the_quoted_form_under_a_greeting_are_read() -> None:
    parsed = reply_read_as_mail(_outlook_reply(
        "Hi,\n\nMegan", decision="OFFER", fee="4,900", start="14/12/2026", reason=""), on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4900), date(2026, 12, 14))


def test_a_decline_typed_into_a_quoted_form_under_an_empty_reply_is_read() -> None:
    quoted = "\n".join("> " + line for line in _OUR_FORM.format(
        decision="(offer / interested / decline) decline", fee="", start="",
        reason="no vacancy ").splitlines())
    parsed = reply_read_as_mail("Sent from my iPhone\n\n> On 1 Dec 2026, at 10:02, Northby "
                                "Council Placements <r+ab12cd@broker.example> wrote:\n>\n"
                                + quoted + "\n", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")


def test_the_quoted_form_is_not_read_under_an_answer_of_the_replys_own() -> None:
    parsed = reply_read_as_mail(_outlook_reply(
        "Hi,\n\nSorry, we're full.\n\nMegan", decision="OFFER", fee="4,900",
        start="14/12/2026", reason=""), on=_DEC2)
    assert parsed.decision == "decline"


def test_a_blank_quoted_form_under_a_greeting_answers_nothing() -> None:
    parsed = reply_read_as_mail(_outlook_reply(
        "Hi,\n\nMegan", decision="(offer / interested / decline)", fee="", start="",
        reason=""), on=_DEC2)
    assert parsed.decision is None


def test_sorry_no_bed_is_a_decline_for_no_vacancy() -> None:
    parsed = parsed_reply("declne sorry no bed", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")


def test_no_bed_for_a_girl_is_a_decline_for_no_vacancy() -> None:
    parsed = parsed_reply("No, sorry \u2013 no bed for a girl", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")


def test_our_answer_is_the_decision_label() -> None:
    parsed = parsed_reply("Our answer: DECLINE (location)\n\nKind regards,\nPriya", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "location")


def test_not_at_the_moment_but_we_may_is_a_decline_for_now() -> None:
    parsed = parsed_reply("Not at the moment, but we may have a bed from 15/01 if a planned move "
                          "goes ahead. Happy to be contacted again then.", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")


def test_a_trial_with_a_view_to_a_full_placement_is_an_offer() -> None:
    parsed = parsed_reply("We'd be willing to do a trial weekend (12\u201313 Dec) with a view to "
                          "a full placement from 4 January at £4,900 pw.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4900), date(2027, 1, 4))


def test_a_decline_after_a_dash_in_a_forwarded_note_is_the_decision() -> None:
    parsed = reply_read_as_mail(
        "As below.\n\nSophie\n\n---------- Forwarded message ---------\n"
        "From: Jo Benham <jo.benham@ashdene.example>\nDate: Wed, 2 Dec 2026 at 09:12\n"
        "Subject: Fwd: Referral REF-2026-000123\nTo: Sophie Tait <sophie.tait@ashdene.example>"
        "\n\nAgree with Kim \u2013 decline.\n\nJo\n\nOn Tue, 1 Dec 2026 at 16:05, Kim Osei "
        "<kim.osei@ashdene.example> wrote:\n> I think we have to decline this one.\n> Kim\n",
        on=_DEC2)
    assert parsed.decision == "decline"


def test_a_red_vacancy_in_a_rag_table_is_a_decline_for_no_vacancy() -> None:
    parsed = parsed_reply("Vacancy: RED \u2013 none until Feb\nMeet needs: GREEN\nLocation: GREEN",
                          on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")


@pytest.mark.parametrize("text", [
    "Mae'n flin gennym, ond nid oes gennym wely ar hyn o bryd.",
    "Prynhawn da,\n\nMae'n flin gennym. (Sorry \u2013 no bed at present.)\n\nElin",
])
def test_no_bed_said_in_welsh_or_its_english_gloss_is_a_decline(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")


def test_a_place_for_her_said_in_welsh_is_an_offer() -> None:
    parsed = parsed_reply("Mae gennym le iddi o ddydd Llun 21 Rhagfyr. Y ffi fyddai £4,950 yr "
                          "wythnos.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", Decimal(4950))


def test_a_yes_to_a_day_with_a_fee_is_an_offer_from_that_day() -> None:
    parsed = parsed_reply("Yes to the 14th, no to the 2:1 at weekends (we'd need extra funding for "
                          "that). Fee £4,900.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4900), date(2026, 12, 14))


def test_a_yes_to_a_numbered_visit_offers_nothing() -> None:
    assert parsed_reply("Yes to the 14th visit.", on=_DEC2).decision is None


def test_a_managers_reasons_forwarded_under_the_writers_no_give_the_reason() -> None:
    parsed = reply_read_as_mail(
        "Forwarding the RM's decision \u2013 I'd hoped we could help but it's a no.\n\nSophie\n\n"
        "-----Original Message-----\nFrom: Gareth Pryce <gareth.pryce@ashdene.example>\n"
        "Sent: 02 December 2026 08:40\nTo: Sophie Tait <sophie.tait@ashdene.example>\n"
        "Subject: RE: Referral REF-2026-000123\n\nSophie \u2013 not this one. We can't safely "
        "manage the CSE risk alongside the two girls we have now.\n\nG\n", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "matching")


def test_a_risk_managed_alongside_the_group_is_no_reason_to_decline() -> None:
    parsed = parsed_reply("We can safely manage the CSE risk alongside the two girls we have "
                          "now.", on=_DEC2)
    assert parsed.decision is None


@pytest.mark.parametrize(("text", "fee", "day"), [
    ("we cn offer frm mon 4.9k pw", Decimal(4900), date(2026, 12, 7)),
    ("Yes from Monday, same fee as we charged for Kayden.", None, date(2026, 12, 7)),
    ("Can offer Mon 14th @ £4,800", Decimal(4800), date(2026, 12, 14)),
])
def test_a_weekday_before_a_fee_or_a_word_on_the_fee_is_the_start(
        text: str, fee: Decimal | None, day: date) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, day)


@pytest.mark.parametrize("unit", ["frm mon 4.9k ", "from Monday, same ", "Can offer Mon 14th @ ",
                                  "can offer tues ", "from 4.9", "Agree \u2013 ", ". - \t ",
                                  "Yes to the 14th ", "yes to to the "])
def test_text_made_to_slow_the_round_41b_dates_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


@pytest.mark.parametrize(("pattern", "unit", "tail"), [
    ("_A_GREETING_OR_NAME", "Hi Jo ", "!x"),
    ("_A_GREETING_OR_NAME", "Ab", " Cd Ef,x"),
    ("_A_DECISION_TYPED", "Decision: (( ", ") offer"),
    ("_FORWARDS_A_DECISION", "forwarding the ", " rm"),
    ("_FORWARDS_A_DECISION", "forwarding manager ", " x"),
])
def test_text_made_to_slow_the_round_41b_patterns_is_read_in_linear_time(
        pattern: str, unit: str, tail: str) -> None:
    compiled = getattr(quotes, pattern)
    assert growth(lambda size: repeated(unit)(size) + tail,
                  lambda text: compiled.search(text), 5_000, repeats=3) < LINEAR
