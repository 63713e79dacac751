"""Replies as round 47's outside tester wrote them: answers typed into Outlook's quoted form
under a "Response form" heading, tables of terms, dates as people say them, fees with a
choice in them, and declines' reasons in plain words."""

from __future__ import annotations

from datetime import date

import pytest

from broker.forms.answer_rows import answer_rows_as_fields
from broker.forms.message import read_message
from broker.forms.response import read_response
from tests.factories import RESPONSE_SPEC, reply_read_as_mail

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

