"""Replies as round 47's outside tester wrote them: answers typed into Outlook's quoted form
under a "Response form" heading, tables of terms, dates as people say them, fees with a
choice in them, and declines' reasons in plain words."""

from __future__ import annotations

from datetime import date

import pytest

from broker.forms.answer_rows import answer_rows_as_fields
from broker.forms.message import read_message
from broker.forms.response import read_response
from tests.factories import RESPONSE_SPEC, parsed_reply, reply_read_as_mail
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday

_OUTLOOK_QUOTE = (
    "Hi Sam,\n\nPlease see our responses below in red.\n\nKind regards\n\nDana Whitfield\n\n"
    "________________________________\n"
    "From: Northby Placements <r+ab12cd@broker.example>\n"
    "Sent: 02 December 2026 09:14\nTo: Rosewood Lodge Placements <placements@rosewood.example>\n"
    "Subject: Referral REF-2026-000123\n\nDear Rosewood Lodge placements team,\n\n"
    "Referral: REF-2026-000123\nNeeded from: 07/12/2026\nBudget: up to £5,200 per week\n\n"
    "Response form\nDecision: (offer / interested / decline) OFFER\nHome or carer:\n"
    "Weekly fee: £4,875\nAdditional costs:\nAvailable from: 21/12/2026\n"
    "Decline reason: (if declining: no-vacancy / location / matching / other)\nContact:\n\n"
    "Northby Council Placements Team (via the placement referral broker)\n")


def test_answers_typed_into_our_quoted_form_under_a_heading_in_any_case_are_read() -> None:
    parsed = reply_read_as_mail(_OUTLOOK_QUOTE, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", 4875, date(2026, 12, 21))


def test_our_quoted_form_left_blank_under_a_pointer_answers_nothing() -> None:
    blank = _OUTLOOK_QUOTE.replace(" OFFER", "").replace("£4,875", "").replace("21/12/2026", "")
    parsed = reply_read_as_mail(blank, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (None, None, None)


def test_a_row_of_labels_over_one_row_of_values_in_outlooks_plain_text_is_read() -> None:
    parsed = reply_read_as_mail(
        "Hi Sam, our response:\n\nFee\tStart\tDecision\n£4,800 pw\t14/12/2026\tOffer\n\n"
        "Kind regards\n\nDana\n", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", 4800, date(2026, 12, 14))


def test_an_html_table_of_labels_over_one_row_of_values_is_read() -> None:
    html = ("<p>Please see our response:</p><table><thead><tr><th>Decision</th>"
            "<th>Weekly fee</th><th>Available from</th></tr></thead><tbody><tr><td>Offer</td>"
            "<td>&pound;5,020</td><td>Mon 21 Dec 2026</td></tr></tbody></table>"
            "<p>Regards,<br>Oakfield Referrals Team</p>")
    raw = ("From: Jo <referrals@oakfield.example>\nTo: r+ab12cd@broker.example\n"
           "Subject: RE: Referral REF-2026-000123\nDate: Wed, 02 Dec 2026 14:00:00 +0000\n"
           "Content-Type: text/html; charset=utf-8\n\n" + html).encode()
    read = read_message(raw, RESPONSE_SPEC, new_text_only=True)
    parsed = read_response(dict(read.fields), read.body_text, RESPONSE_SPEC, message_date=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", 5020, date(2026, 12, 21))


@pytest.mark.parametrize("rows", [
    ["Decision\tFee\tStart", "Offer\t£4,800 pw\t14/12/2026", "Decline\tn/a\tn/a"],
    ["Home\tDecision\tFee", "Cedar House\tOffer\t£4,800 pw"],
    ["Decision\tFee\tStart", "Offer\tFee\tStart"],
])
def test_a_table_for_several_answers_or_homes_is_not_made_one_answer(rows: list[str]) -> None:
    assert answer_rows_as_fields(["Our answers:", *rows], RESPONSE_SPEC) == ["Our answers:", *rows]


@pytest.mark.parametrize(("text", "start"), [
    ("We could offer from next Monday week, at £4,850 per week.", date(2026, 12, 14)),
    ("We can offer in a fortnight's time, £4,900 per week.", date(2026, 12, 16)),
    ("We can offer in two weeks, £4,900 per week.", date(2026, 12, 16)),
])
def test_days_said_rather_than_written_after_an_offer_are_the_start(text: str,
                                                                     start: date) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.available_from) == ("offer", start)


def test_weeks_counted_to_a_weekday_after_an_offer_name_no_day_of_their_own() -> None:
    assert parsed_reply("We can offer in two weeks on Monday, £4,900 pw.",
                        on=_DEC2).available_from is None


@pytest.mark.parametrize("unit", [
    "can offer in a fortnight ", "offer in two weeks in two weeks ", "next monday next ",
    "from next monday week ", "£4,800 pw or £4,900 or £5,000 or ", "£1 or £2 or £3 if ",
])
def test_text_made_to_slow_the_round_47_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


@pytest.mark.parametrize("text", [
    "We can offer from 14/12/2026. Fee would be £4,800 per week at 1:1, or £6,200 per week if "
    "2:1 staffing is assessed as needed.",
    "We can offer from Monday 14th. Our fee is £4,850 per week, or £4,600 per week if she "
    "attends the local school rather than our on-site education.",
])
def test_a_second_fee_on_a_condition_leaves_the_fee_asked(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", None)
    assert "weekly_fee" in parsed.missing


def test_one_fee_with_a_condition_of_its_own_is_still_the_fee() -> None:
    assert parsed_reply("We can offer from 14/12 at £4,850 per week if the papers are OK.",
                        on=_DEC2).weekly_fee == 4850


@pytest.mark.parametrize(("text", "decision", "reason"), [
    ("Thanks for sending this through. We won't be putting ourselves forward for this one, "
     "sorry.", "decline", None),
    ("We have to decline this one - the distance from her school is too great.", "decline",
     "location"),
    ("Unfortunately we are going to decline. We have a young person with a similar CSE "
     "profile and it wouldn't be safe for either of them.", "decline", "matching"),
    ("We would like to put ourselves forward for her.", "interested", None),
])
def test_declines_and_their_reasons_in_plain_words(text: str, decision: str,
                                                   reason: str | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == (decision, reason)
