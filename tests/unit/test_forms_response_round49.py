"""Replies as round 49's outside tester wrote them: a form's offer taken back "after all",
weekly parts with no total, an HTML-only answer behind a placeholder text part, interest
expressed or registered, answers typed at the start of the subject, an immediate vacancy and
a writer's leave beside the start, and declines whose reason is said in other words."""

from __future__ import annotations

from datetime import date

import pytest

from broker.forms.message import read_message
from broker.forms.response import ParsedResponse, read_response
from tests.factories import RESPONSE_SPEC, parsed_reply, reply_read_as_mail
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday


@pytest.mark.parametrize("text", [
    "Decision: Offer\n\nHaving read the referral properly we're not able to offer after all - "
    "we have no vacancy until February.\n\nDana\n",
    "Decision: Offer\n\nSorry, we can't offer after all: no vacancy until February.\n",
])
def test_a_forms_offer_taken_back_after_all_is_a_decline(text: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")


def test_a_day_not_managed_after_all_beside_another_day_keeps_the_offer() -> None:
    parsed = parsed_reply("Decision: Offer\nWeekly fee: £4,900\n\nWe can't take her on the 7th "
                          "after all, but can from 14/12.", on=_DEC2)
    assert parsed.decision == "offer"


@pytest.mark.parametrize("unit", ["we can't offer her ", "cannot take " + "x " * 20])
def test_reading_after_all_grows_linearly(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(
        f"Decision: Offer\n\n{text} after all", on=_DEC2), 5_000, repeats=3) < LINEAR


@pytest.mark.parametrize("text", [
    "We can offer at £3,600 per week care plus £1,200 per week education, from 14/12/2026.",
    "We can offer at £3,600 pw care + £1,200 pw education, from 14/12/2026.",
])
def test_weekly_parts_named_after_their_fees_with_no_total_are_asked(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", None, date(2026, 12, 14))
    assert "weekly_fee" in parsed.missing


def test_weekly_parts_with_their_total_after_are_the_total() -> None:
    parsed = parsed_reply("We can offer at £3,600 per week care plus £1,200 per week education, "
                          "so £4,800 per week in total, from 14/12/2026.", on=_DEC2)
    assert parsed.weekly_fee == 4800


def _alternative(plain: str, html: str) -> ParsedResponse:
    raw = ("From: Nina <placements@willowmere.example>\nTo: r+ab12cd@broker.example\n"
           "Subject: RE: Referral REF-2026-000123\nDate: Wed, 02 Dec 2026 10:15:00 +0000\n"
           'MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="b"\n\n'
           f"--b\nContent-Type: text/plain; charset=utf-8\n\n{plain}\n"
           f"--b\nContent-Type: text/html; charset=utf-8\n\n{html}\n--b--\n").encode()
    read = read_message(raw, RESPONSE_SPEC, new_text_only=True)
    return read_response(dict(read.fields), read.body_text, RESPONSE_SPEC, message_date=_DEC2,
                         conflicts=read.conflicts)


_HTML_ANSWER = ("<html><body><p>Hello,</p><p>We can offer from 14/12/2026 at &pound;4,800 per "
                "week.</p><p>Nina Shah<br>Willowmere</p></body></html>")


@pytest.mark.parametrize("placeholder", [
    "This is an HTML message. Please use an HTML-capable mail client to view it.",
    "Your email client does not support HTML messages.\n",
])
def test_a_placeholder_text_part_gives_way_to_the_html(placeholder: str) -> None:
    parsed = _alternative(placeholder, _HTML_ANSWER)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", 4800, date(2026, 12, 14))


def test_a_text_part_that_only_mentions_html_is_still_read() -> None:
    """Not a placeholder: the text part is read (its HTML says the same; had the HTML offered,
    the two parts' decisions would differ, and the decision be asked: round 54)."""
    parsed = _alternative("This is an HTML message, sorry. We have to decline: no vacancy.\n"
                          "Dana", "<p>This is an HTML message, sorry. We have to decline: no "
                          "vacancy.</p><p>Dana</p>")
    assert (parsed.decision, parsed.decline_reason) == ("decline", "no-vacancy")
    assert _alternative("This is an HTML message, sorry. We have to decline: no vacancy.\n"
                        "Dana", _HTML_ANSWER).missing == ["decision"]


@pytest.mark.parametrize("text", [
    "Hi Northby team,\n\nWe'd like to express an interest. Our fee would be £5,150 per week.\n",
    "We would like to express interest in this young person - our fee would be £5,150 per week.",
    "Please register an interest from us. Our fee would be £5,150 per week.",
])
def test_interest_expressed_or_registered_is_interest_with_its_fee(text: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("interested", 5150)


def _with_subject(subject: str, body: str) -> ParsedResponse:
    return read_response({}, body, RESPONSE_SPEC, message_date=_DEC2, subject=subject,
                         reference="REF-2026-000123")


@pytest.mark.parametrize(("subject", "body", "read"), [
    ("Re: DECLINE - no vacancy - REF-2026-000123", "\n\nSent from my iPhone\n",
     ("decline", "no-vacancy", None, None)),
    ("Interested - REF-2026-000123", "", ("interested", None, None, None)),
    ("OFFER - REF-2026-000123", "£4,800 a week, from Mon 14th.\n\nDana\n",
     ("offer", None, 4800, date(2026, 12, 14))),
    ("OFFER \u2013 Ref: REF-2026-000123", "£4,800 a week, from Mon 14th.",
     ("offer", None, 4800, date(2026, 12, 14))),
])
def test_an_answer_at_the_start_of_the_subject_is_read(subject: str, body: str,
                                                       read: tuple[object, ...]) -> None:
    parsed = _with_subject(subject, body)
    assert (parsed.decision, parsed.decline_reason, parsed.weekly_fee,
            parsed.available_from) == read


@pytest.mark.parametrize("subject", ["RE: Referral - REF-2026-000123",
                                     "Re: Referral REF-2026-000123 - female, 14 - reply by Fri"])
def test_our_own_subject_before_the_reference_answers_nothing(subject: str) -> None:
    assert _with_subject(subject, "").decision is None


def test_an_immediate_vacancy_starts_on_the_replys_day() -> None:
    parsed = parsed_reply("We have an immediate vacancy and can offer at £4,800 per week.",
                          on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", 4800, _DEC2)


def test_no_immediate_vacancy_is_no_start() -> None:
    parsed = parsed_reply("There's no immediate vacancy, but we are interested in her.",
                          on=_DEC2)
    assert (parsed.decision, parsed.available_from) == ("interested", None)


def test_the_writers_leave_is_set_aside_and_the_places_start_read() -> None:
    parsed = reply_read_as_mail("I'm on leave from tomorrow until 4 Jan, but yes we can offer - "
                                "£4,900pw, from 14/12. Jo is covering.\n", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", 4900, date(2026, 12, 14))


def test_the_writers_leave_alone_is_still_no_start() -> None:
    parsed = parsed_reply("We can offer at £4,900pw. I'm on leave from 14/12.", on=_DEC2)
    assert parsed.available_from is None


@pytest.mark.parametrize(("text", "reason"), [
    ("Decline: we don't accept young people with active CSE risk.", "cannot-meet-needs"),
    ("Sorry, we'll have to decline - the mix with our current girls wouldn't work.", "matching"),
    ("Unfortunatly our fees are above your budgit - £6,100 pw - so we will have to declne.",
     "price"),
])
def test_a_declines_reason_said_in_other_words(text: str, reason: str) -> None:
    parsed = reply_read_as_mail(text + "\n\nOwen\n", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


def test_a_fee_the_text_and_html_parts_give_differently_is_asked() -> None:
    parsed = _alternative("Decision: Offer\nWeekly fee: £4,900\nAvailable from: 14/12/2026\n",
                          "<p>Decision: Offer<br>Weekly fee: &pound;4,700<br>Available from: "
                          "14/12/2026</p>")
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", None, date(2026, 12, 14))
    assert "weekly_fee" in parsed.missing


def test_a_fee_the_parts_give_alike_is_the_fee() -> None:
    parsed = _alternative("Decision: Offer\nWeekly fee: £4,900\n",
                          "<p>Decision: Offer<br>Weekly fee: &pound;4,900.00</p>")
    assert parsed.weekly_fee == 4900
