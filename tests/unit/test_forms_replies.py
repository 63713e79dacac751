"""Replies on a thread: only the new text is read.

The fixtures are shaped like replies from Outlook (desktop and web), Gmail, Apple Mail and
Thunderbird. Each quotes the referral broadcast, whose labels ("Needed from", "Start date",
"Date of birth", "Decision: offer / interested / decline", "Weekly fee: £4,500") would change
the answer if they were read.
"""

from __future__ import annotations

import base64
import email
from datetime import date
from pathlib import Path

import pytest

from broker.forms import (
    load_referral_spec,
    load_response_spec,
    read_message,
    read_response,
    response_to_json,
)

CONFIG = Path(__file__).resolve().parents[2] / "config"
FIXTURES = Path(__file__).resolve().parent / "fixtures_forms"
REFERRAL = load_referral_spec(CONFIG)
RESPONSE = load_response_spec(CONFIG)


def only_part(raw: bytes, subtype: str) -> bytes:
    """The message with one body: its text/plain or its text/html part alone."""
    message = email.message_from_bytes(raw)
    part = next(p for p in message.walk() if p.get_content_type() == f"text/{subtype}")
    headers = b"".join(
        f"{name}: {value}\n".encode()
        for name, value in message.items()
        if name.lower() not in ("content-type", "content-transfer-encoding")
    )
    body = base64.encodebytes(part.get_payload(decode=True))
    content_type = part["Content-Type"].replace("\n", " ").encode()
    return (
        headers + b"Content-Type: " + content_type + b"\n"
        b"Content-Transfer-Encoding: base64\n\n" + body
    )


def fixture(name: str, part: str) -> bytes:
    raw = (FIXTURES / f"{name}.eml").read_bytes()
    return raw if part == "both" else only_part(raw, part)


EXPECTED = {
    "outlook_desktop_reply": {
        "decision": "offer", "service_name": "Oakfield House", "urn": "SC654321",
        "ofsted_rating": "good", "location": "ZZ99", "weekly_fee": 4950.0,
        "additional_costs": "2:1 staffing in the community at £25 per hour if needed",
        "available_from": "2026-12-01",
        "proposal": "Oakfield House is a three-bed home with a stable staff team trained in "
        "trauma-informed care.\n\nWe have one young person in placement at present and the "
        "match looks good.",
        "decline_reason": None, "contact": "Priya Testwell, 0113 496 0999", "missing": [],
    },
    "outlook_web_reply": {"decision": "decline", "decline_reason": "no-vacancy", "missing": []},
    "gmail_reply": {
        "decision": "offer", "service_name": "Hillcrest Lodge", "weekly_fee": 5200.0,
        "available_from": "2026-12-07", "ofsted_rating": "outstanding", "missing": [],
    },
    "apple_mail_reply": {"decision": "interested", "missing": []},
    "thunderbird_reply": {
        "decision": "decline", "decline_reason": "cannot-meet-needs", "missing": [],
    },
}
CASES = [
    (name, part)
    for name in EXPECTED
    for part in (["both"] if name == "outlook_web_reply" else ["both", "plain", "html"])
]


@pytest.mark.parametrize(("name", "part"), CASES)
def test_a_reply_is_read_from_its_new_text_only(name, part) -> None:
    read = read_message(fixture(name, part), RESPONSE, new_text_only=True)
    parsed = read_response(read.fields, read.body_text, RESPONSE, message_date=date(2026, 11, 20))
    printed = response_to_json(parsed)
    expected = {key: None for key in printed} | EXPECTED[name]
    assert printed == expected
    assert read.conflicts == []
    assert read.has_content


@pytest.mark.parametrize(("name", "part"), CASES)
def test_quoted_referral_labels_are_never_read(name, part) -> None:
    read = read_message(fixture(name, part), REFERRAL, new_text_only=True)
    assert not {"needed_from", "date_of_birth", "placement_type", "urgency"} & set(read.fields)
    assert "14/03/2012" not in read.body_text
    assert "Needed from" not in read.body_text


@pytest.mark.parametrize(("name", "part"), CASES)
def test_signatures_are_not_read(name, part) -> None:
    read = read_message(fixture(name, part), RESPONSE, new_text_only=True)
    assert "Riverside House" not in read.fields.values()  # Thunderbird's "Service:" signature
    assert "Sent from my iPhone" not in read.body_text
    assert "Example Road" not in read.body_text


def test_without_new_text_only_the_quoted_history_is_read() -> None:
    # The control for the tests above: the quoted labels are there to be found.
    read = read_message(fixture("thunderbird_reply", "plain"), REFERRAL)
    assert read.fields["date_of_birth"].startswith("14/03/2012")
    assert read.fields["needed_from"].startswith("01/12/2026")


def test_reply_headers_and_threading() -> None:
    read = read_message(fixture("outlook_desktop_reply", "both"), RESPONSE, new_text_only=True)
    assert read.sender == "placements@oakfield-care.example"
    assert read.subject == "RE: Referral BR-2026-0042: residential, urgent"
    assert read.in_reply_to == "<BR-2026-0042.oakfield@broker.localhost>"
    assert read.references == [
        "<BR-2026-0042@broker.localhost>", "<BR-2026-0042.oakfield@broker.localhost>"
    ]
    assert read.message_id.startswith("<DB9PR01MB1234ABCD@")
    assert read.date is not None and read.date.utcoffset() is not None


def plain_reply(body: str) -> bytes:
    return (
        "From: a@provider.example\nSubject: Re: referral\nDate: Fri, 20 Nov 2026 12:00 +0000\n"
        "Content-Type: text/plain; charset=utf-8\n\n" + body
    ).encode()


QUOTED_REFERRAL = "Needed from: 01/12/2026\nStart date: 01/12/2026\nWeekly fee: £4,500\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Decision: decline\nReason: no vacancy\n\n-----Original Message-----\n"
            "From: Broker\n" + QUOTED_REFERRAL,
            {"decision": "decline", "decline_reason": "no vacancy"},
        ),
        (
            "Decision: interested\n\n________________________________\nFrom: Broker "
            "<r+x@broker.localhost>\nSent: Friday, November 20, 2026 10:15 AM\n"
            "To: Provider <a@provider.example>\nSubject: Referral\n\n" + QUOTED_REFERRAL,
            {"decision": "interested"},
        ),
        (
            "Decision: interested\n\n*From:* Broker <r+x@broker.localhost>\n*Sent:* 20 Nov\n"
            "*To:* a@provider.example\n*Subject:* Referral\n" + QUOTED_REFERRAL,
            {"decision": "interested"},
        ),
        (
            "Decision: interested\nOn Fri, 20 Nov 2026 at 10:15, Broker <r+x@broker.localhost> "
            "wrote:\n" + QUOTED_REFERRAL,
            {"decision": "interested"},
        ),
        (
            "Decision: interested\n\n> " + QUOTED_REFERRAL.replace("\n", "\n> "),
            {"decision": "interested"},
        ),
        (
            "Decision: offer\nWeekly fee: £4,100\n\nSent from my iPhone\n\nWeekly fee: £4,500",
            {"decision": "offer", "weekly_fee": "£4,100"},
        ),
        (
            "Decision: offer\nHome or carer: Elm House\n\nMany thanks,\nSam\nService: Pine Lodge\n",
            {"decision": "offer", "service_name": "Elm House"},
        ),
        (
            "Decision: offer\nHome or carer: Elm House\n-- \nSam Example\nContact: reception",
            {"decision": "offer", "service_name": "Elm House"},
        ),
        ("On Fri, 20 Nov 2026, Broker wrote:\n" + QUOTED_REFERRAL, {}),
        (  # HCL Notes puts the date after "wrote"
            "Decision: interested\n\nBroker <r+x@broker.localhost> wrote on 20/11/2026 "
            "10:15:\n\n" + QUOTED_REFERRAL,
            {"decision": "interested"},
        ),
        (  # Gmail set to French, and to German
            "Decision: interested\n\nLe ven. 20 nov. 2026 à 10:15, Broker "
            "<r+x@broker.localhost> a écrit :\n" + QUOTED_REFERRAL,
            {"decision": "interested"},
        ),
        (
            "Decision: interested\n\nAm Fr., 20. Nov. 2026 um 10:15 Uhr schrieb Broker "
            "<r+x@broker.localhost>:\n" + QUOTED_REFERRAL,
            {"decision": "interested"},
        ),
    ],
)
def test_plain_text_quoting_styles(body, expected) -> None:
    read = read_message(plain_reply(body), RESPONSE, new_text_only=True)
    assert read.fields == expected
    assert "4,500" not in read.body_text and not read.body_text.endswith("_")


def test_a_from_line_giving_the_start_is_no_header_of_the_quote_below() -> None:
    """"From: 14/12" under the fee is when the place is free; the Outlook block a few lines
    below it is where the quoted referral starts."""
    body = ("Offer.\nFee: £4,100 pw\nFrom: 14/12\n\nSam\n\nFrom: Broker <r+x@broker.localhost>\n"
            "Sent: Friday, November 20, 2026 10:15 AM\nTo: Provider <a@provider.example>\n"
            "Subject: Referral\n\n" + QUOTED_REFERRAL)
    read = read_message(plain_reply(body), RESPONSE, new_text_only=True)
    assert "From: 14/12" in read.body_text and "4,500" not in read.body_text


def test_answers_typed_under_the_lines_of_the_quoted_form_are_read() -> None:
    body = ("See my answers below.\n\nOn Fri, 20 Nov 2026 at 10:15, Broker "
            "<r+x@broker.localhost> wrote:\n> Needed from: 01/12/2026\n"
            "> Decision: (offer / interested / decline)\nOffer\n> Home or carer:\nAsh Lodge\n"
            "> Weekly fee:\n£4,650\n> Available from:\n\n> Contact:\n> Thank you\n")
    read = read_message(plain_reply(body), RESPONSE, new_text_only=True)
    assert read.fields == {"decision": "Offer", "service_name": "Ash Lodge",
                           "weekly_fee": "£4,650"}


def test_gmail_inline_answers_set_apart_by_blank_lines_are_read() -> None:
    body = ("Hi, answers inline below.\n\nOn Mon, 23 Nov 2026 at 16:05, Broker "
            "<r+x@broker.localhost> wrote:\n> RESPONSE FORM\n"
            "> Decision: (offer / interested / decline)\n\nOffer\n\n> Home or carer: Ash Lodge\n"
            "> Weekly fee:\n\n£4,700\n\n> Additional costs:\n> Contact:\n")
    read = read_message(plain_reply(body), RESPONSE, new_text_only=True)
    assert read.fields == {"decision": "Offer", "weekly_fee": "£4,700"}


def test_a_reply_written_below_the_whole_quote_is_not_an_answer_to_its_last_label() -> None:
    body = ("On Mon, 23 Nov 2026 at 16:05, Broker <r+x@broker.localhost> wrote:\n"
            "> Weekly fee:\n> Contact:\n\nWe can offer from Monday at £4,700 a week.\n")
    read = read_message(plain_reply(body), RESPONSE, new_text_only=True)
    assert read.fields == {}
    assert "We can offer from Monday" in read.body_text


OUR_FORM_QUOTED = (
    "From: Placement Referrals <providers@placements.northby.example>\nSent: 23 November 2026 "
    "16:05\nTo: Ash Lodge Referrals <referrals@ashlodge.example>\nSubject: Referral "
    "REF-2026-000412: residential, age 14, SE15 - reply by 5:00pm on Thursday\n\n"
    "Dear Ash Lodge placements team,\n\nRESPONSE FORM\n"
    "Decision: (offer / interested / decline) {decision}\nHome or carer: Ash Lodge\n"
    "Weekly fee: {fee}\nAvailable from:\nDecline reason: (if declining: no-vacancy / "
    "cannot-meet-needs / location / matching / price / other) {reason}\nContact:\n\n"
    + "-" * 70 + "\nREFERRAL REF-2026-000412\nNeeded from: Tuesday 1 December 2026\n")


@pytest.mark.parametrize(("own", "filled", "expected"), [
    ("Please see responses below in red.\n\nThanks\nKaren\n\n",
     {"decision": "OFFER", "fee": "£4,800", "reason": ""},
     {"decision": "offer", "weekly_fee": 4800, "decline_reason": None}),
    ("- see below\n\n", {"decision": "Decline", "fee": "", "reason": "No vacancy - full"},
     {"decision": "decline", "weekly_fee": None, "decline_reason": "no-vacancy"}),
    # Without a pointer to it, or with answers of its own, the quoted form is not read.
    ("Thanks, will come back to you.\n\n", {"decision": "OFFER", "fee": "£4,800", "reason": ""},
     {"decision": None, "weekly_fee": None, "decline_reason": None}),
    ("Decision: decline\nSee below for why.\n\n",
     {"decision": "OFFER", "fee": "£4,800", "reason": ""},
     {"decision": "decline", "weekly_fee": None, "decline_reason": None}),
])
def test_answers_typed_into_our_quoted_form_are_read_when_the_reply_points_to_them(
        own, filled, expected) -> None:
    read = read_message(plain_reply(own + OUR_FORM_QUOTED.format(**filled)), RESPONSE,
                        new_text_only=True)
    parsed = read_response(dict(read.fields), read.body_text, RESPONSE,
                           message_date=date(2026, 11, 23), conflicts=read.conflicts)
    assert {key: getattr(parsed, key) for key in expected} == expected


def test_answers_typed_into_our_form_quoted_with_marks_are_read_when_pointed_to() -> None:
    """iOS, Apple Mail, Thunderbird and Gmail quote with `>`: the answers typed on the form's
    own lines are read as Outlook's are."""
    quoted = "\n".join("> " + line for line in OUR_FORM_QUOTED.format(
        decision="OFFER", fee="£4,800", reason="").split("\n"))
    body = ("See answers in the form below.\n\nOn 23 Nov 2026, at 16:05, Placement Referrals "
            "<providers@placements.northby.example> wrote:\n\n" + quoted)
    read = read_message(plain_reply(body), RESPONSE, new_text_only=True)
    parsed = read_response(dict(read.fields), read.body_text, RESPONSE,
                           message_date=date(2026, 11, 23), conflicts=read.conflicts)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", 4800)


def test_a_remark_under_a_quoted_line_that_is_not_a_blank_label_is_not_a_field() -> None:
    body = ("Interested.\n\nOn Fri, 20 Nov 2026 at 10:15, Broker <r+x@broker.localhost> "
            "wrote:\n> Weekly fee: £4,500\nthat is your budget, not our fee\n"
            "> Location: SE15\nToo far for us?\n")
    read = read_message(plain_reply(body), RESPONSE, new_text_only=True)
    assert read.fields == {}


def test_a_signature_block_without_a_sign_off_is_not_read() -> None:
    body = ("Decision: offer\nWeekly fee: £4,000\n\nDana Okafor | Placements\nBirch Care Ltd\n"
            "M: 07700 900456\nService: Head Office\n")
    read = read_message(plain_reply(body), RESPONSE, new_text_only=True)
    assert read.fields == {"decision": "offer", "weekly_fee": "£4,000"}


def test_a_reply_that_only_quotes_has_no_content() -> None:
    read = read_message(plain_reply("\n> Needed from: 01/12/2026\n> Weekly fee: £4,500\n"),
                        RESPONSE, new_text_only=True)
    assert read.fields == {}
    assert not read.has_content


def test_a_greeting_thanks_is_not_taken_for_a_signature() -> None:
    body = "Hi Jo,\n\nThanks,\n\nDecision: offer\nWeekly fee: £4,000\n\nKind regards\nSam"
    read = read_message(plain_reply(body), RESPONSE, new_text_only=True)
    assert read.fields == {"decision": "offer", "weekly_fee": "£4,000"}


def test_a_form_pasted_below_a_sign_off_is_read() -> None:
    body = (
        "Hi Jo,\nPlease see our response below.\n\nMany thanks\nSam\n\n"
        "Decision: offer\nHome or carer: Elm House\nWeekly fee: £4,000\n"
        "Available from: 01/12/2026\n"
    )
    read = read_message(plain_reply(body), RESPONSE, new_text_only=True)
    assert read.fields == {
        "decision": "offer", "service_name": "Elm House", "weekly_fee": "£4,000",
        "available_from": "01/12/2026",
    }


def test_a_prose_reply_s_signature_is_not_read() -> None:
    body = (
        "Sorry, no vacancies at the moment.\n\nKind regards\nSam\nPlacements team\n"
        "Our offer: outstanding care since 1990, we can meet complex needs\n"
    )
    read = read_message(plain_reply(body), RESPONSE, new_text_only=True)
    assert read.fields == {}
    assert read.body_text == "Sorry, no vacancies at the moment."


def test_html_reply_with_a_form_table_above_a_quoted_table() -> None:
    html = (
        "<table><tr><td>Decision</td><td>decline</td></tr>"
        "<tr><td>Decline reason</td><td>Price</td></tr></table>"
        "<div id=divRplyFwdMsg><b>From:</b> Broker<br><b>Sent:</b> today</div>"
        "<table><tr><td>Weekly fee</td><td>£4,500</td></tr>"
        "<tr><td>Decision</td><td>offer</td></tr></table>"
    )
    raw = ("From: a@provider.example\nContent-Type: text/html\n\n" + html).encode()
    read = read_message(raw, RESPONSE, new_text_only=True)
    assert read.fields == {"decision": "decline", "decline_reason": "Price"}
    assert read.conflicts == []


@pytest.mark.parametrize(
    "quote",
    [
        "<blockquote type=cite>{}</blockquote>",
        '<blockquote class="gmail_quote">{}</blockquote>',
        '<div class="gmail_quote"><div>{}</div></div>',
        '<div class="yahoo_quoted"><div><div>{}</div></div></div>',
    ],
)
def test_html_quote_containers_are_skipped_in_a_reply(quote) -> None:
    quoted = "Weekly fee: £4,500<br>Start date: 01/12/2026"
    html = "<div>Decision: interested</div>" + quote.format(quoted) + "<div>Contact: Sam</div>"
    raw = ("From: a@provider.example\nContent-Type: text/html\n\n" + html).encode()
    assert read_message(raw, RESPONSE, new_text_only=True).fields == {
        "decision": "interested", "contact": "Sam"
    }
    assert read_message(raw, RESPONSE).fields["weekly_fee"] == "£4,500"  # the control


@pytest.mark.parametrize("header", [
    # Outlook for Mac and for iOS
    '<div id="mail-editor-reference-message-container"><div class="ms-outlook-mobile-reference-'
    'message"><b>From: </b>Broker &lt;r+x@broker.localhost&gt;<br><b>Date: </b>Friday, 20 '
    'November 2026 at 10:15<br><b>To: </b>a@provider.example<br><b>Subject: </b>Referral</div>',
    # Zimbra
    '<hr id="zwchr"><div><b>From: </b>"Broker" &lt;r+x@broker.localhost&gt;<br><b>To: </b>'
    'a@provider.example<br><b>Sent: </b>Friday, 20 November, 2026 10:15:00<br><b>Subject: </b>'
    'Referral<br></div>',
    # Proton Mail
    '<div class="protonmail_quote">------- Original Message -------<br>On Friday, November '
    '20th, 2026 at 10:15, Broker &lt;r+x@broker.localhost&gt; wrote:<br>',
])
def test_html_reply_headers_of_other_clients_end_the_new_text(header: str) -> None:
    html = ("<div>Sorry, we are full.</div>" + header
            + "<div><p>Decision: offer</p><p>Weekly fee: £4,500</p></div></div>")
    raw = ("From: a@provider.example\nContent-Type: text/html\n\n" + html).encode()
    read = read_message(raw, RESPONSE, new_text_only=True)
    assert read.fields == {} and "4,500" not in read.body_text


def test_two_header_lines_are_enough_for_mail_parser_reply() -> None:
    # Neither "Sent:" nor "To:"/"Subject:" follow this "From:", so only the package's looser
    # pattern (any two consecutive header lines) finds where the history begins.
    body = "Decision: interested\n\nFrom: Broker\nDate: 20/11/2026\n\nWeekly fee: £4,500\n"
    read = read_message(plain_reply(body), RESPONSE, new_text_only=True)
    assert read.fields == {"decision": "interested"}


def test_an_enormous_reply_is_read_quickly() -> None:
    from tests.growth import LINEAR, growth

    def reply(n: int) -> bytes:
        return plain_reply("Decision: offer\n" + ("> Weekly fee: £4,500\n" * n)
                           + ("On x wrote:\n" * (n // 2)))

    read = read_message(reply(100_000), RESPONSE, new_text_only=True)
    assert read.fields == {"decision": "offer"}
    # Twice the quoted history costs about twice the time, not four times.
    assert growth(reply, lambda raw: read_message(raw, RESPONSE, new_text_only=True),
                  10_000) < LINEAR
