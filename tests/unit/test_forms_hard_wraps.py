"""Replies whose prose a mail client hard-wrapped (round 54): read as the lines typed.

Outlook's plain-text mode wraps at 76, Thunderbird without format=flowed at 72, Notes and
Gmail's quoting alike. A sentence split across the wrap was read as two: "we are not⏎able to
offer her a place" as an offer, "happy to offer … but not⏎before 4 January as we are full" as
a decline, "from Monday 14⏎December 2026" as no date.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from broker.forms import load_response_spec, read_message, read_response
from broker.forms.hard_wraps import unwrapped

CONFIG = Path(__file__).resolve().parents[2] / "config"
RESPONSE = load_response_spec(CONFIG)

QUOTE = (
    "On Mon, 7 Dec 2026 at 09:00, Northby Council via Placement referrals <\n"
    "referrals@broker.localhost> wrote:\n\n"
    "> Dear Larch House placements team,\n"
    ">\n"
    "> Northby Council is looking for a residential placement, needed from Monday\n"
    "> 14 December 2026.\n"
    ">\n"
    "> RESPONSE FORM\n"
    "> Decision: (offer / interested / decline)\n"
    "> Home or carer: Larch House\n"
    "> Location:\n"
    "> Weekly fee:\n"
    "> Available from:\n"
    "> Decline reason: (if declining: no-vacancy / cannot-meet-needs / location /\n"
    "> matching / price / other)\n"
    "> Contact:\n"
)


def reply(body: str, quote: str = QUOTE) -> bytes:
    return (
        "From: Jo Price <larch.house@larchcare.example>\n"
        "To: r+abc@broker.localhost\n"
        "Subject: Re: Referral REF-2026-101351\n"
        "Date: Mon, 7 Dec 2026 14:12:31 +0000\n"
        "Message-ID: <1@larchcare.example>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        f"{body}\n\n{quote}"
    ).encode()


def read(body: str, quote: str = QUOTE) -> dict[str, object]:
    message = read_message(reply(body, quote), RESPONSE, new_text_only=True)
    parsed = read_response(dict(message.fields), message.body_text, RESPONSE,
                           message_date=date(2026, 12, 7), known_service_name="Larch House")
    return {"decision": parsed.decision, "weekly_fee": parsed.weekly_fee,
            "available_from": parsed.available_from, "decline_reason": parsed.decline_reason,
            "location": parsed.location, "body": message.body_text}


@pytest.mark.parametrize(("body", "decision", "reason"), [
    # Outlook at 76: a decline whose "not" was left on the line above
    ("Thank you for the referral for this young lady. Unfortunately we are not\n"
     "able to offer her a place as our only vacancy was filled yesterday by an\n"
     "emergency admission.\n\nJo", "decline", "no-vacancy"),
    ("Thanks for the referral, I have discussed it with the manager and we won't\n"
     "be able to offer a place for her.\n\nJo", "decline", None),
    # Thunderbird at 72
    ("Thank you for thinking of us. Having looked at the risks we would not\n"
     "be able to offer a placement to this young person at this time.\n\nKim",
     "decline", None),
])
def test_a_decline_wrapped_after_its_not_is_a_decline(body: str, decision: str,
                                                       reason: str | None) -> None:
    got = read(body)
    assert got["decision"] == decision
    assert got["decline_reason"] == reason


def test_an_offer_wrapped_before_its_not_yet_is_an_offer_from_that_day() -> None:
    got = read("Thank you for sending this through. We are happy to offer a place but not\n"
               "before 4 January as we are full until then.\n\nJo")
    assert got["decision"] == "offer"
    assert got["available_from"] == date(2027, 1, 4)


def test_a_date_split_across_the_wrap_is_read() -> None:
    got = read("We can offer a place at Larch House at £4,850 per week from Monday 14\n"
               "December 2026, with a pre-placement visit this week if that can be\n"
               "arranged.\n\nMany thanks\nRuth")
    assert (got["decision"], got["weekly_fee"], got["available_from"]) == (
        "offer", 4850.0, date(2026, 12, 14))


def test_an_answer_under_a_quoted_label_whose_hint_wrapped_is_that_labels() -> None:
    quote = QUOTE.replace("> Decision: (offer / interested / decline)\n",
                          "> Decision: (offer / interested / decline)\n\nDecline\n\n").replace(
        "> matching / price / other)\n", "> matching / price / other)\n\n"
        "location - we're in Cumbria\n\n")
    got = read("Answers inline.\n\nTom", quote)
    assert got["decision"] == "decline"
    assert got["decline_reason"] == "location"
    assert got["location"] is None  # "location - we're in Cumbria" is no home's location


def test_lines_the_writer_broke_stay_apart() -> None:
    items = ["Yes", "£4,800 per week from 14/12", "", "Many thanks", "Ruth Lane",
             "Registered Manager | Larch House | 01632 960000"]
    assert unwrapped(items, RESPONSE) == items


@pytest.mark.parametrize("lines", [
    # a long last line without its full stop, then the sign-off or the name
    ["Please let me know if you need anything else from us for the panel on Friday",
     "Kind regards", "Jo"],
    ["Please let me know if you need anything else from us for the panel on Friday",
     "Jo Price", ""],
    # a new sentence its writer began on a new line
    ["We have no vacancy at the moment as both of our beds are taken at present",
     "We may have one in the new year"],
    # the form's own lines, quoted lines and list items
    ["Weekly fee: £4,800 per week including education and the therapy sessions",
     "plus 1:1 at £25 an hour"],
    ["> Northby Council is looking for a residential placement, needed from Monday",
     "> 14 December 2026."],
    ["We could offer from the 14th if the following can be agreed with you first",
     "- a visit", "- the EHCP"],
    # a rule of dashes over our referral's summary, and Outlook's over its header block
    ["-" * 70, "REFERRAL REF-2026-000123"],
    ["We are not able to offer her a place as our only vacancy has just been filled",
     "_" * 32],
    # a line short of any wrap: the writer broke it
    ["We are not", "able to offer a place."],
])
def test_what_is_not_a_wrap_is_not_joined(lines: list[str]) -> None:
    assert unwrapped(list(lines), RESPONSE) == lines


def test_a_run_of_wrapped_lines_is_one_line() -> None:
    items = ["Thank you for the referral for this young lady. Unfortunately we are not",
             "able to offer her a place as our only vacancy was filled yesterday by an",
             "emergency admission.", "", "Jo"]
    assert unwrapped(items, RESPONSE) == [
        "Thank you for the referral for this young lady. Unfortunately we are not able to "
        "offer her a place as our only vacancy was filled yesterday by an emergency "
        "admission.", "", "Jo"]


def test_a_word_broken_at_its_hyphen_is_one_word_again() -> None:
    assert unwrapped(["We do not feel we could keep her safe given the level of risk of self-",
                      "harm described in the referral."], RESPONSE) == [
        "We do not feel we could keep her safe given the level of risk of self-harm described "
        "in the referral."]


@pytest.mark.parametrize("lines", [
    # a capitalised word the writer began a line with, under one long line and no other
    ["Thanks for the referral, we've checked across our homes in south London",
     "Larch House can offer from 14/12 at £4,850 per week", "Birch Lodge is full until March"],
    ["Hi Sam thanks for sending this one over for the young lady from Northby",
     "Offer from 14/12 at £4,850 pw", "Jo"],
    ["Thanks for the referral, we have looked at this one with the manager today",
     "Bed available from 14/12 at £4,850 per week"],
    # a line longer than any client wraps at: the client does not wrap
    ["Thank you for the referral for this young lady, we have discussed her with the team and "
     "the manager today", "we are not", "able to offer."],
])
def test_lines_a_writer_began_with_a_capital_or_never_wrapped_stay_apart(
        lines: list[str]) -> None:
    """Round 55's w02, w22: "… in south London⏎Larch House can offer …" was one line, read
    with "Birch Lodge is full" as a decline."""
    assert unwrapped(list(lines), RESPONSE) == lines


def test_a_capitalised_word_goes_on_where_the_text_shows_its_wrap_width() -> None:
    """Where the writer's other lines show the client wrapped at 76, a name that would not
    have fitted on the line above is more of it."""
    items = ["Thank you for the referral. We have looked at this with the team and can",
             "offer a place at our home from Monday 14 December 2026 at £4,850 per week, at",
             "Larch House in south London, with a visit beforehand if that can be arranged."]
    assert unwrapped(items, RESPONSE) == [" ".join(items)]


def _multipart(text: str, html: str) -> bytes:
    return (
        "From: Jo Price <larch.house@larchcare.example>\nTo: r+abc@broker.localhost\n"
        "Subject: Re: Referral REF-2026-101351\nDate: Mon, 7 Dec 2026 14:12:31 +0000\n"
        "MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=b\n\n"
        "--b\nContent-Type: text/plain; charset=utf-8\n\n" + text + "\n"
        "--b\nContent-Type: text/html; charset=utf-8\n\n" + html + "\n--b--\n").encode()


def test_a_text_part_beside_html_is_not_joined() -> None:
    """The text part an HTML reply carries was made from its paragraphs, not wrapped (round
    55's w30: the lines, each its own <p>, were joined and read as a decline)."""
    lines = ["Thanks for the referral, we've checked across our homes in south London",
             "larch House can offer from 14/12 at £4,850 per week",
             "Birch Lodge is full until March"]
    message = read_message(_multipart("\n".join(lines) + "\n\nJo", "".join(
        f"<p>{line}</p>" for line in [*lines, "Jo"])), RESPONSE, new_text_only=True)
    assert lines[0] + "\n" in message.body_text
