"""Reading whole messages: MIME structure, charsets, headers; never raising on any bytes."""

from __future__ import annotations

import base64
import quopri
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from broker.forms import ReadMessage, load_referral_spec, read_message
from broker.forms.message import MAX_PARTS, TOO_COSTLY, read_headers
from broker.forms.referral import IN_THE_HTML_PART, check_referral
from tests.factories import RESPONSE_SPEC

CONFIG = Path(__file__).resolve().parents[2] / "config"
FIXTURES = Path(__file__).resolve().parent / "fixtures_forms"
REFERRAL = load_referral_spec(CONFIG)


def message(body: bytes, content_type: str = "text/plain; charset=utf-8",
            encoding: str | None = None, headers: str = "") -> bytes:
    head = "From: Jo <jo@northby.example>\nSubject: Referral\n"
    head += f"{headers}Content-Type: {content_type}\n"
    if encoding:
        head += f"Content-Transfer-Encoding: {encoding}\n"
    return head.encode() + b"\n" + body


def multipart(subtype: str, *parts: bytes, headers: str = "") -> bytes:
    boundary = b"==BOUNDARY=="
    body = b"".join(b"--" + boundary + b"\n" + part + b"\n" for part in parts)
    head = f"From: jo@northby.example\n{headers}MIME-Version: 1.0\n"
    head += f'Content-Type: multipart/{subtype}; boundary="==BOUNDARY=="\n\n'
    return head.encode() + body + b"--" + boundary + b"--\n"


def part(body: bytes, content_type: str, extra: str = "") -> bytes:
    return f"Content-Type: {content_type}\n{extra}\n".encode() + body


FORM = "Child's name: Zoë Example\nWeekly budget: £4,250\n"
EXPECTED = {"child_name": "Zoë Example", "budget_weekly": "£4,250"}


@pytest.mark.parametrize(
    "raw",
    [
        message(FORM.encode("utf-8")),
        message(FORM.encode("utf-8"), "text/plain; charset=iso-8859-1"),  # label lies: UTF-8
        message(FORM.encode("cp1252"), "text/plain; charset=utf-8"),  # label lies: Windows-1252
        message(FORM.encode("cp1252"), "text/plain; charset=x-no-such-charset"),
        message(FORM.encode("cp1252"), "text/plain; charset=rot13"),  # not a text encoding
        message(FORM.encode("latin-1"), "text/plain"),  # no charset at all
        message(FORM.encode("cp1252"), "text/plain; charset=windows-1252"),
        message(base64.encodebytes(FORM.encode("utf-16")), "text/plain; charset=utf-16", "base64"),
        message(base64.encodebytes(FORM.encode()), "text/plain; charset=utf-8", "base64"),
        message(quopri.encodestring(FORM.encode()), "text/plain", "quoted-printable"),
        message(FORM.encode(), "text/plain; charset=utf-8", "x-unknown-encoding"),
        FORM.encode(),  # no headers at all: the whole thing is the body
    ],
)
def test_bodies_are_decoded_whatever_the_labels_say(raw) -> None:
    assert read_message(raw, REFERRAL).fields == EXPECTED


@pytest.mark.parametrize(("body", "label", "read_as"), [
    # A Latin-1 label on Windows-1252 text, as mail clients write it: the curly apostrophe
    # (0x92) must survive, or "wouldn’t offer" loses its negative.
    ("We wouldn’t be able to offer, sorry.", "iso-8859-1", "cp1252"),
    ("We don’t have a vacancy.", "us-ascii", "cp1252"),
    # 7-bit charsets that shift by escapes are also valid UTF-8: their label decides.
    ("Her mother 東京 visits.", "ISO-2022-JP", "iso-2022-jp"),
    ("Zoë’s mother", "utf-7", "utf-7"),
    ("Her mother 東京 visits.", "iso-8859-1", "iso-2022-jp"),  # its escapes say what it is
])
def test_the_label_is_read_as_mail_clients_mean_it(body: str, label: str, read_as: str) -> None:
    raw = message(body.encode(read_as), f"text/plain; charset={label}")
    assert read_message(raw, REFERRAL).body_text.strip() == body


def test_undecodable_bytes_are_replaced_not_raised() -> None:
    raw = message(b"Child's name: Ann \x81\x8d Example\n", "text/plain; charset=utf-8")
    assert read_message(raw, REFERRAL).fields["child_name"].startswith("Ann")


def test_alternative_prefers_the_plain_text_part() -> None:
    raw = multipart(
        "alternative",
        part(b"Gender: female\n", "text/plain; charset=utf-8"),
        part(b"<p>Gender: male</p><p>Urgency: urgent</p>", "text/html; charset=utf-8"),
    )
    read = read_message(raw, REFERRAL)
    assert read.fields == {"gender": "female", "urgency": "urgent"}  # HTML fills what text lacked
    # …but a field the two parts give differently is asked about, naming both (round R23's
    # B04: "Foster care" in the text, "Residential children's home" in the HTML)
    assert (read.conflicts, read.conflicting) == (
        ["gender"], {"gender": ["female", f"{IN_THE_HTML_PART}male"]})
    assert read.body_text == "Gender: female"


def test_alternative_uses_the_html_when_the_text_part_has_no_fields() -> None:
    # Outlook's text rendering of a table has no "Label:" lines; the HTML has the table.
    raw = multipart(
        "alternative",
        part(b"Child's name\n\nAnn Example\n", "text/plain; charset=utf-8"),
        part(b"<table><tr><td>Child's name</td><td>Ann Example</td></tr></table>",
             "text/html; charset=utf-8"),
    )
    read = read_message(raw, REFERRAL)
    assert read.fields == {"child_name": "Ann Example"}
    assert read.body_text == "Child's name: Ann Example"


def test_html_only_message() -> None:
    raw = message(b"<html><body><p>Gender:&nbsp;female</p></body></html>", "text/html")
    read = read_message(raw, REFERRAL)
    assert read.fields == {"gender": "female"}
    assert read.body_text == "Gender: female"


def test_mixed_with_an_alternative_inside_and_an_image() -> None:
    raw = multipart(
        "mixed",
        b'Content-Type: multipart/alternative; boundary="inner"\n\n--inner\n'
        b"Content-Type: text/plain\n\nGender: female\n--inner--\n",
        part(b"iVBORw0KGgo=", "image/png; name=logo.png",
             "Content-Disposition: attachment; filename=logo.png\n"
             "Content-Transfer-Encoding: base64\n"),
    )
    assert read_message(raw, REFERRAL).fields == {"gender": "female"}


def test_an_attached_message_is_not_read() -> None:
    raw = multipart(
        "mixed",
        part(b"Gender: female\n", "text/plain"),
        part(b"From: someone@else.example\nContent-Type: text/plain\n\nUrgency: emergency\n",
             "message/rfc822"),
    )
    read = read_message(raw, REFERRAL)
    assert read.fields == {"gender": "female"} and read.problems == []


def test_a_form_only_in_an_attached_email_is_explained_to_its_sender() -> None:
    """Outlook's "Forward as attachment" sends the referral inside an attached email."""
    raw = multipart(
        "mixed", part(b"Please see the referral attached.\n", "text/plain"),
        part(b"From: someone@else.example\nContent-Type: text/plain\n\nUrgency: emergency\n",
             "message/rfc822"))
    [problem] = read_message(raw, REFERRAL).problems
    assert "attached to yours" in problem and "Forward, not Forward as attachment" in problem


def test_a_text_attachment_is_not_the_body() -> None:
    raw = multipart(
        "mixed",
        part(b"Gender: female\n", "text/plain"),
        part(b"Urgency: emergency\n", "text/plain; name=notes.txt",
             "Content-Disposition: attachment; filename=notes.txt\n"),
    )
    assert read_message(raw, REFERRAL).fields == {"gender": "female"}


def test_conflicting_duplicates_are_reported() -> None:
    read = read_message(message(b"Gender: female\nUrgency: urgent\nGender: male\n"), REFERRAL)
    assert read.conflicts == ["gender"]


def test_flowed_text_is_joined_again() -> None:
    raw = message(b"Background and risks: one long \nsentence here.\n",
                  "text/plain; charset=utf-8; format=flowed")
    assert read_message(raw, REFERRAL).fields == {"background": "one long sentence here."}


@pytest.mark.parametrize(
    ("headers", "field", "expected"),
    [
        ("From: \"Jo F\" <Jo.Fieldworker@Northby.Gov.Example>\n", "sender",
         "jo.fieldworker@northby.gov.example"),
        ("From: jo@northby.example (Jo)\n", "sender", "jo@northby.example"),
        ("From: not an address\n", "sender", ""),
        ("Reply-To: Team <Team@Northby.Example>\n", "reply_to", "team@northby.example"),
        ("Subject: =?utf-8?q?Referral_for_Zo=C3=AB?=\n", "subject", "Referral for Zoë"),
        ("Subject: Referral\n  folded in two\n", "subject", "Referral folded in two"),
        ("Subject: =?x-unknown?q?abc?=\n", "subject", "=?x-unknown?q?abc?="),
        ("Date: Fri, 20 Nov 2026 10:15:00 +0100\n", "date",
         datetime(2026, 11, 20, 10, 15, tzinfo=timezone(timedelta(hours=1)))),
        ("Date: Fri, 20 Nov 2026 10:15:00 -0000\n", "date",
         datetime(2026, 11, 20, 10, 15, tzinfo=UTC)),
        ("Date: yesterday-ish\n", "date", None),
        ("Message-ID:   <abc.123@northby.example>  \n", "message_id",
         "<abc.123@northby.example>"),
        ("In-Reply-To: <ref-1@broker.localhost> (comment)\n", "in_reply_to",
         "<ref-1@broker.localhost>"),
        ("References: <a@x> <b@y>\n\t<c@z>\n", "references", ["<a@x>", "<b@y>", "<c@z>"]),
    ],
)
def test_headers(headers, field, expected) -> None:
    raw = (headers + "Content-Type: text/plain\n\nhello\n").encode()
    assert getattr(read_message(raw, REFERRAL), field) == expected


def test_eight_bit_headers_are_read_as_utf8() -> None:
    raw = "From: Zoë <zoe@northby.example>\nSubject: Zoë’s referral\n\nhi\n".encode()
    read = read_message(raw, REFERRAL)
    assert (read.sender, read.subject) == ("zoe@northby.example", "Zoë’s referral")


def test_missing_headers_are_empty() -> None:
    read = read_message(b"\nGender: female\n", REFERRAL)
    assert (read.sender, read.reply_to, read.subject, read.date, read.message_id) == (
        "", "", "", None, "")
    assert read.references == [] and read.auto_submitted is False


@pytest.mark.parametrize(
    ("headers", "automatic"),
    [
        ("", False),
        ("Auto-Submitted: no\n", False),
        ("Auto-Submitted: No; comment\n", False),
        ("Auto-Submitted: auto-replied\n", True),
        ("Auto-Submitted: auto-generated\n", True),
        ("Precedence: bulk\n", True),
        ("Precedence: junk\n", True),
        ("Precedence: list\n", True),
        ("Precedence: first-class\n", False),
        ("Return-Path: <>\n", True),
        ("X-Autoreply: yes\n", True),
        ("Subject: Automatic reply: REF-2026-000123\n", True),  # Outlook rules: no header
        ("Subject: Out of Office: Referral REF-2026-000123\n", True),
        ("Subject: AutoReply - Referral\n", True),
        ("Subject: Abwesenheitsnotiz: Referral\n", True),
        ("Subject: [Auto-Reply] Referral REF-2026-000123\n", True),
        ("Subject: AW: Abwesend: Referral\n", True),
        ("Subject: Autosvar: Referral\n", True),
        ("Subject: Fuera de la oficina: Referral\n", True),
        ("Subject: Re: Out of office hours support for her\n", False),
        ("Subject: Automatic enrolment at the new school\n", False),
        # An Outlook rule's own subject, no header at all: only the absence.
        ("Subject: Annual leave\n", True),
        ("Subject: Out of Office\n", True),
        ("Subject: Re: Annual leave cover for the home\n", False),
        ("Subject: Out of office until Monday\n", True),
        ("Subject: Maternity leave\n", True),
        ("Subject: OOO\n", True),
        ("Subject: On leave - returning 7/12\n", True),
        ("Subject: Holiday club referral\n", False),
    ],
)
def test_automatic_replies_are_recognised(headers, automatic) -> None:
    raw = (f"From: jo@northby.example\n{headers}\nI am out of the office.\n").encode()
    assert read_message(raw, REFERRAL).auto_submitted is automatic


@pytest.mark.parametrize(
    "sender", ["MAILER-DAEMON@mx.northby.example", "postmaster@northby.example"]
)
def test_bounces_are_automatic(sender) -> None:
    raw = f"From: {sender}\n\nDelivery failed.\n".encode()
    assert read_message(raw, REFERRAL).auto_submitted is True


_AWAY_QUOTED = ("\n\nFrom: Harriet Oduya <harriet@quillan.example>\nSent: 02 December 2026 08:01\n"
                "To: Placements <r+ab12cd@broker.example>\nSubject: Automatic reply: Referral "
                "REF-2026-000123\n\nThank you for your email. I am out of the office until "
                "Thursday 10 December.\n")


@pytest.mark.parametrize(("subject", "own", "headers", "automatic"), [
    # Round 42: a colleague answering on top of the away notice is a person, not the notice.
    ("RE: Automatic reply: Referral REF-2026-000123",
     "Harriet's away – I've checked with the manager and it's a no from us.", "", False),
    ("Re: Out of Office: Referral REF-2026-000123",
     "Fiona is on leave – this is Carla.\n\nDecline – we can't meet her needs.", "", False),
    # The notice itself, whatever prefix its subject has, or a header saying a program sent it.
    ("Automatic reply: Referral REF-2026-000123", "Harriet's away – it's a no.", "", True),
    ("RE: Automatic reply: Referral REF-2026-000123",
     "Thank you for your email. I am out of the office until Thursday.", "", True),
    ("RE: Automatic reply: Referral REF-2026-000123", "Harriet's away – it's a no.",
     "Auto-Submitted: auto-replied\n", True),
])
def test_a_person_answering_on_an_auto_replys_thread_is_read(subject: str, own: str,
                                                              headers: str,
                                                              automatic: bool) -> None:
    raw = (f"From: sam@quillan.example\nTo: r+ab12cd@broker.example\nSubject: {subject}\n"
           f"{headers}Content-Type: text/plain; charset=utf-8\n\n{own}{_AWAY_QUOTED}").encode()
    assert read_message(raw, RESPONSE_SPEC, new_text_only=True).auto_submitted is automatic


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\n\n\n",
        b"Subject: nothing\n\n",
        message(b"   \n\n", "text/plain"),
        message(b"<html><body><img src=x></body></html>", "text/html"),
        multipart("mixed", part(b"iVBORw0KGgo=", "image/png; name=a.png")),
    ],
)
def test_messages_with_nothing_to_read_have_no_content(raw) -> None:
    read = read_message(raw, REFERRAL)
    assert read.has_content is False
    assert read.fields == {}


@pytest.mark.parametrize(
    "raw",
    [
        b"Content-Type: multipart/mixed\n\nGender: female\n",  # no boundary
        b'Content-Type: multipart/mixed; boundary="x"\n\n--x\nContent-Type: text/plain\n\n'
        b"Gender: female\n",  # never closed
        b"Content-Type: text/plain; charset=\"\n\nGender: female\n",
        b"Content-Type: \n\nGender: female\n",
        b"Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\nR2VuZGVyOiBmZW1hbGUK!!!\n",
    ],
)
def test_malformed_mime_is_still_read(raw) -> None:
    assert read_message(raw, REFERRAL).fields == {"gender": "female"}


def test_deeply_nested_multiparts_do_not_raise() -> None:
    raw = b"Content-Type: text/plain\n\nGender: female\n"
    for depth in range(200):
        raw = (f'Content-Type: multipart/mixed; boundary="b{depth}"\n\n--b{depth}\n'.encode()
               + raw + f"\n--b{depth}--\n".encode())
    assert isinstance(read_message(raw, REFERRAL), ReadMessage)


def test_a_message_of_more_parts_than_any_email_is_answered_from_its_headers() -> None:
    """Thousands of parts cost seconds to parse and walk; past MAX_PARTS (the message itself
    included) it is not read, and its sender is told what to send instead."""
    def of_parts(count: int) -> bytes:
        blank = part(b"", "text/plain")
        return multipart("mixed", part(FORM.encode(), "text/plain; charset=utf-8"),
                         *[blank] * (count - 2), headers="Subject: Referral\n")

    within = read_message(of_parts(MAX_PARTS), REFERRAL)
    assert within.fields["budget_weekly"] == "£4,250" and TOO_COSTLY not in within.problems
    beyond = read_message(of_parts(MAX_PARTS + 1), REFERRAL)
    assert beyond.problems == [TOO_COSTLY]
    assert (beyond.sender, beyond.subject) == ("jo@northby.example", "Referral")
    assert beyond.fields == {} and not beyond.has_content


def test_a_complete_referral_email() -> None:
    read = read_message((FIXTURES / "referral_plain.eml").read_bytes(), REFERRAL)
    assert read.sender == "jo.fieldworker@northby.gov.example"
    assert read.conflicts == [] and read.problems == []
    assert read.fields["home_address"] == "12 Sample Street\nExampleton"
    assert read.fields["background"] == (
        "Ann has been in foster care since 2024.\n\n"
        "There have been three missing episodes since September."
    )
    assert read.fields["budget_weekly"] == "£5,000 per week"  # the signature's Address is not read
    assert len(read.fields) == 26


def test_a_signature_without_a_sign_off_gives_no_fields() -> None:
    """A social worker's signature straight after the form, with its own "Address:" and
    "Location:" lines, is neither a second home address nor the location requirements."""
    body = ("Home address: 5 Wren Row, Northby\nGender: male\nBackground and risks: Settled.\n\n"
            "Sam Taylor\nSocial Worker | Children in Care\nAddress: Civic Centre, Northby\n"
            "Tel: 01632 960000\nLocation: Floor 2\n")
    read = read_message(message(body.encode()), REFERRAL)
    assert read.fields == {"home_address": "5 Wren Row, Northby", "gender": "male",
                           "background": "Settled."}
    assert read.conflicts == []


def test_a_sentence_before_a_phone_number_is_not_a_signature() -> None:
    body = "Gender: male\n\nBackground and risks:\nHe has asked to call his nan on\n01632 960111\n"
    assert "01632 960111" in read_message(message(body.encode()), REFERRAL).fields["background"]


@pytest.mark.parametrize("signature", [
    "<p><b>Sam Taylor</b><br>Social Worker<br>Address: Civic Centre, Northby<br>"
    "Tel: 01632 960000</p>",
    "<table><tr><td><img src='cid:logo'></td><td><b>Sam Taylor</b><br>Social Worker<br>"
    "Address: Civic Centre, Northby<br>Tel: 01632 960000</td></tr></table>",
])
def test_an_html_signature_after_a_form_table_gives_no_fields(signature: str) -> None:
    html = ("<table><tr><td>Home address</td><td>5 Wren Row, Northby</td></tr>"
            "<tr><td>Gender</td><td>male</td></tr></table><p>&nbsp;</p>" + signature)
    read = read_message(message(html.encode(), "text/html; charset=utf-8"), REFERRAL)
    assert read.fields == {"home_address": "5 Wren Row, Northby", "gender": "male"}
    assert read.conflicts == []


def test_a_contact_row_inside_the_form_does_not_end_it() -> None:
    html = ("<table><tr><td>Gender</td><td>male</td></tr>"
            "<tr><td>Social worker</td><td>Sam Taylor<br>Tel: 01632 960000</td></tr>"
            "<tr><td>Child's wishes</td><td>To stay local</td></tr></table>")
    read = read_message(message(html.encode(), "text/html; charset=utf-8"), REFERRAL)
    assert read.fields == {"gender": "male", "wishes": "To stay local"}


@pytest.mark.parametrize(("header", "sender"), [
    # Display names in the shapes mail clients give them are passed over.
    ("Zoë Smith <zoe@northby.gov.example>".encode(), "zoe@northby.gov.example"),  # raw 8-bit
    ("Zoë Smith <zoe@northby.gov.example>".encode("latin-1"), "zoe@northby.gov.example"),
    (b'"=?utf-8?q?Zo=C3=AB?=" <Zoe@Northby.gov.example>', "zoe@northby.gov.example"),
    (b"Smith, Jo <jo@northby.gov.example>", "jo@northby.gov.example"),  # an unquoted comma
    (b"Jo Smith [Northby] <jo@northby.gov.example>;", "jo@northby.gov.example"),
    (b"jo@northby.gov.example (Jo Smith)", "jo@northby.gov.example"),
    (b"Jo Smith\r\n <jo@northby.gov.example>", "jo@northby.gov.example"),  # folded
    # The mailbox is the address in angle brackets, never one dressed as a display name.
    (b"=?utf-8?q?sam.taylor=40northby.gov.example?= <mallory@elsewhere.example>",
     "mallory@elsewhere.example"),
    (b"sam.taylor@northby.gov.example <mallory@elsewhere.example>", "mallory@elsewhere.example"),
    (b'"Sam <sam.taylor@northby.gov.example>" <mallory@elsewhere.example>',
     "mallory@elsewhere.example"),
    (b"mallory@elsewhere.example (<sam.taylor@northby.gov.example>)",
     "mallory@elsewhere.example"),
    # Nobody clearly: two addresses, or a character that folds to ASCII (U+212A, a K).
    (b"sam.taylor@northby.gov.example, mallory@elsewhere.example", ""),
    (b"<sam.taylor@northby.gov.example>, <mallory@elsewhere.example>", ""),
    ("Kim <\u212aim.walsh@northby.gov.example>".encode(), ""),
])
def test_the_sender_is_the_froms_one_mailbox(header: bytes, sender: str) -> None:
    raw = b"From: " + header + b"\r\nSubject: Hello\r\n\r\nText\r\n"
    read = read_headers(raw)
    assert (read.sender, read.from_given) == (sender, True)


@pytest.mark.parametrize(("header", "addresses"), [
    # A display name that decodes to (or is quoted as) the service's address, with a comma,
    # is no address: only the mailbox in angle brackets outside quotes and comments is.
    (b"=?utf-8?B?TMOkcmNoIEhvdXNlLCByZWZlcnJhbHNAYnJva2VyLmxvY2FsaG9zdCw=?= "
     b"<larch.house@larchcare.example>", ["larch.house@larchcare.example"]),
    (b"=?utf-8?q?Larch_House=2C_referrals=40broker.localhost?= <h@larchcare.example>",
     ["h@larchcare.example"]),
    (b'"Larch House, referrals@broker.localhost," <h@larchcare.example>',
     ["h@larchcare.example"]),
    ("Lärch, referrals@broker.localhost <h@larchcare.example>".encode(),
     ["h@larchcare.example"]),  # raw 8-bit, an unquoted comma
    (b"h@larchcare.example (referrals@broker.localhost)", ["h@larchcare.example"]),
    (b"=?utf-8?q?referrals=40broker.localhost?=", []),
    # Real lists: several entries, bare ones, a group, a folded line.
    (b"Sam <sam@northby.gov.example>, referrals@broker.localhost",
     ["sam@northby.gov.example", "referrals@broker.localhost"]),
    (b"Team: a@northby.gov.example, B <b@northby.gov.example>;, \r\n <Referrals@Broker.localhost>",
     ["a@northby.gov.example", "b@northby.gov.example", "referrals@broker.localhost"]),
    (b"undisclosed-recipients:;", []),
    (b"x <a@northby.gov.example> <referrals@broker.localhost>", []),  # names nobody clearly
])
def test_to_and_cc_name_only_the_mailboxes_as_written(header: bytes,
                                                       addresses: list[str]) -> None:
    raw = b"From: sam@northby.gov.example\r\nTo: " + header + b"\r\nCc: " + header + (
        b"\r\nSubject: Hello\r\n\r\nText\r\n")
    read = read_headers(raw)
    assert (read.to, read.cc) == (addresses, addresses)


def test_two_from_headers_name_nobody_and_no_from_is_told_apart() -> None:
    two = read_headers(b"From: sam.taylor@northby.gov.example\r\n"
                       b"From: mallory@elsewhere.example\r\n\r\nText\r\n")
    assert (two.sender, two.from_given) == ("", True)
    none = read_headers(b"Subject: Hello\r\n\r\nText\r\n")
    assert (none.sender, none.from_given) == ("", False)


@pytest.mark.parametrize(("header", "expected"), [
    ("<a1@northby.example>", "<a1@northby.example>"),
    ("old-client-1@northby.example", "<old-client-1@northby.example>"),
    ("=?utf-8?q?hello=0D=0ABcc=3A_victim=40evil.example_injected?=", ""),
    ("whatever the sender likes to write here", ""),
])
def test_a_message_id_is_an_id_or_nothing(header: str, expected: str) -> None:
    """It is echoed in the In-Reply-To of our answers, so nothing else the sender wrote in
    the header is kept."""
    raw = (f"From: a@northby.example\nMessage-ID: {header}\nIn-Reply-To: {header}\n\nhi\n")
    read = read_message(raw.encode(), REFERRAL)
    assert (read.message_id, read.in_reply_to) == (expected, expected)


BACKGROUND = "Child's name: Zoë Example\nBackground: Zoë lives with her nan.\n"


@pytest.mark.parametrize("after", [
    # An older email quoted after the form's last field, with no sign-off before it.
    "\nFrom: Gaskell, Lorna <lorna@example.net>\nSent: 29 November 2026 21:03\nTo: Tom Barker\n"
    "Subject: Zoe\n\nZoe can stay with me till you find somewhere.\n",
    "\nOn Mon, 30 Nov 2026 at 17:02, tasha wellbeloved <tasha@example.net> wrote:\n\n"
    "> shes at mine, dont tell her mum\n",
    # Outlook's signature, "Name | Role | Team", straight under the last line.
    "Kim Walsh | Social Worker | Eastmere Children's Trust\n"
    "M: 07700 900834 | E: kim.walsh@eastmere.example\n",
])
def test_what_follows_the_forms_last_field_is_not_part_of_it(after) -> None:
    read = read_message(message((BACKGROUND + after).encode()), REFERRAL)
    assert read.fields["background"] == "Zoë lives with her nan."


def test_a_second_text_part_is_not_more_of_the_forms_last_field() -> None:
    raw = multipart("mixed", part(BACKGROUND.encode(), "text/plain; charset=utf-8"),
                    part(b"CHRONOLOGY\n03/11/2026 missing overnight, found with Jay Rowe (22).\n",
                         "text/plain; charset=utf-8", "Content-Disposition: inline\n"))
    assert read_message(raw, REFERRAL).fields["background"] == "Zoë lives with her nan."


def test_a_note_for_a_colleague_below_the_form_is_not_part_of_it() -> None:
    body = (BACKGROUND + "\nRuth - FYI mum has a new partner, Jay Rowe, who is a risk to her. "
            "Ring me on 07700 900123.\n\nAngela\n")
    assert read_message(message(body.encode()), REFERRAL).fields["background"] == (
        "Zoë lives with her nan.")


@pytest.mark.parametrize("note", [
    "PS mum's new partner Jay Rowe is a risk to her.", "Note for panel: dad is in prison.",
    "Ruth, see above - call me on 07700 900123.", "For info: mum has moved to Leeds.",
])
def test_other_notes_for_a_colleague_below_the_form_are_not_part_of_it(note: str) -> None:
    read = read_message(message((BACKGROUND + "\n" + note + "\n").encode()), REFERRAL)
    assert read.fields["background"] == "Zoë lives with her nan."


def test_a_further_paragraph_of_the_last_field_is_kept() -> None:
    body = BACKGROUND + "\nPsychology input is ongoing and she engages well.\n"
    assert read_message(message(body.encode()), REFERRAL).fields["background"] == (
        "Zoë lives with her nan.\n\nPsychology input is ongoing and she engages well.")


def _two_parts(text: str, html: str) -> bytes:
    return multipart("alternative", part(text.encode(), "text/plain; charset=utf-8"),
                     part(html.encode(), "text/html; charset=utf-8"))


def test_parts_that_agree_in_meaning_are_no_conflict() -> None:
    read = read_message(_two_parts(
        "Placement type: Foster care\nNeeded from: 14/12/2026\nNeeds: SEMH, ADHD\n",
        "<p>Placement type: Fostering</p><p>Needed from: 14 December 2026</p>"
        "<p>Needs: ADHD and SEMH</p>"), REFERRAL)
    assert read.conflicts == []


def test_a_date_struck_through_in_the_html_is_not_the_value() -> None:
    # round R23's B08: Outlook's "<s>21/12/2026</s> 14/12/2026", whose text part keeps both
    read = read_message(_two_parts(
        "Needed from: 21/12/2026 14/12/2026\n",
        '<p>Needed from: <s>21/12/2026</s> <span style="color:red">14/12/2026</span></p>'),
        REFERRAL)
    assert (read.fields["needed_from"], read.conflicts) == ("14/12/2026", [])
    styled = read_message(_two_parts(
        "Needed from: 21/12/2026 14/12/2026\n",
        '<p>Needed from: <span style="text-decoration: line-through">21/12/2026</span> '
        "14/12/2026</p>"), REFERRAL)
    assert (styled.fields["needed_from"], styled.conflicts) == ("14/12/2026", [])


def test_parts_giving_a_date_differently_are_asked() -> None:
    read = read_message(_two_parts("Needed from: 21/12/2026\n",
                                   "<p>Needed from: 14/12/2026</p>"), REFERRAL)
    assert read.conflicting == {"needed_from": ["21/12/2026", f"{IN_THE_HTML_PART}14/12/2026"]}


def test_parts_that_disagree_are_asked_as_the_emails_two_versions() -> None:
    read = read_message(_two_parts("Placement type: Foster care\n",
                                   "<p>Placement type: Residential children's home</p>"),
                        REFERRAL)
    _, problems = check_referral(read.fields, REFERRAL, message_date=date(2026, 12, 7),
                                 conflicts=read.conflicts, conflicting=read.conflicting)
    [problem] = [problem for problem in problems if problem.field == "placement_type"]
    assert problem.problem.startswith(
        "your email's plain-text and formatted versions give it differently ('Foster care' in "
        "one, 'Residential children's home' in the other)")

