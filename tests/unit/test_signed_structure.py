"""A signature that leaves the Content-Type or the Content-Transfer-Encoding unsigned (Gmail
signs neither, Microsoft 365 no Content-Transfer-Encoding) proves a message only when the
structure its headers give is the one its signed body shows (`mailauth.unsigned_structure`):
anyone holding a copy may write another Content-Type over the same signed bytes, and the
service would read other text (a forward's quoted older email as its writer's words, a
quoted `+AAo-` as a line break under UTF-7). Ordinary signed mail, as Gmail, Microsoft 365,
Apple Mail and Thunderbird shape it, still proves."""

from __future__ import annotations

import email
import re

import dkim
import pytest

from broker.forms.message import read_message
from broker.forms.spec import load_referral_spec
from broker.mailauth import unsigned_structure, verify
from tests.e2e.test_trust import Signer
from tests.factories import CONFIG, referral_email
from workflows.instructions import read_instruction

SIGNER = Signer()
DOMAIN = "northby.gov.example"
GMAIL = [b"mime-version", b"from", b"date", b"message-id", b"subject", b"to", b"in-reply-to",
         b"references"]  # no Content-Type, no Content-Transfer-Encoding
M365 = [b"from", b"date", b"subject", b"message-id", b"content-type", b"mime-version"]
HEAD = (b"MIME-Version: 1.0\r\nFrom: Sam Taylor <sam.taylor@northby.gov.example>\r\n"
        b"Date: Mon, 7 Dec 2026 09:00:00 +0000\r\nMessage-ID: <CAx1@mail.gmail.com>\r\n"
        b"Subject: Re: REF-2026-000001\r\nTo: referrals@broker.localhost\r\n")
FORWARD = (b"Jo's suggestion below - I am not shortlisting until I have spoken to mum.\r\n\r\n"
           b"Sam\r\n\r\n---------- Forwarded message ---------\r\n"
           b"From: Jo Colleague <jo.colleague@northby.gov.example>\r\n"
           b"Date: Mon, 7 Dec 2026 at 08:00\r\nSubject: REF-2026-000001\r\n"
           b"To: Sam Taylor <sam.taylor@northby.gov.example>\r\n\r\n"
           b"SHORTLIST A, B\r\nParents' views: Mum agrees.\r\n"
           b"Child's views: not sought - unwell\r\n")
RETYPED = b'multipart/mixed; boundary="-------- Forwarded message ---------"'
BOUNDARY = b"000000000000a1b2c3"
ALTERNATIVE = (b"--" + BOUNDARY + b"\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\n\r\n"
               b"Not yet - I want to see the care plan first.\r\n\r\nOn Mon, 7 Dec 2026 Jo "
               b"wrote:\r\n> APPROVE REF-2026-000001\r\n\r\n--" + BOUNDARY + b"\r\n"
               b"Content-Type: text/html; charset=\"UTF-8\"\r\n"
               b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
               b"<div dir=3D\"ltr\">Not yet - I want to see the care plan first.</div>\r\n"
               b"<blockquote>APPROVE REF-2026-000001</blockquote>\r\n--" + BOUNDARY + b"--\r\n")
GMAIL_ALTERNATIVE = b'multipart/alternative; boundary="' + BOUNDARY + b'"'


def signed(content_type: bytes | None, body: bytes, encoding: bytes | None = None,
           headers: list[bytes] = GMAIL, preamble: bytes = b"") -> bytes:
    """`body` under these MIME headers, signed relaxed/relaxed with `headers` in h=."""
    mime = (b"Content-Type: " + content_type + b"\r\n" if content_type else b"") + (
        b"Content-Transfer-Encoding: " + encoding + b"\r\n" if encoding else b"")
    raw = HEAD + mime + b"\r\n" + preamble + body
    return dkim.sign(raw, b"s1", DOMAIN.encode(), SIGNER.pem,
                     canonicalize=(b"relaxed", b"relaxed"), include_headers=headers) + raw


def retyped(raw: bytes, content_type: bytes | None = None, encoding: bytes | None = None) -> bytes:
    """`raw` with its (unsigned) Content-Type and Content-Transfer-Encoding written anew."""
    head, _, body = raw.partition(b"\r\n\r\n")
    head = re.sub(rb"(?m)^Content-(Type|Transfer-Encoding): .*\r\n", b"", head + b"\r\n")
    if content_type:
        head += b"Content-Type: " + content_type + b"\r\n"
    if encoding:
        head += b"Content-Transfer-Encoding: " + encoding + b"\r\n"
    return head + b"\r\n" + body


def result(raw: bytes) -> str:
    assert dkim.verify(raw, dnsfunc=SIGNER.dns)  # the signature holds whatever the headers
    return verify(raw, DOMAIN, dnsfunc=SIGNER.dns).result


def instruction_read(raw: bytes) -> str:
    read = read_message(raw, load_referral_spec(CONFIG), new_text_only=True)
    found = read_instruction(read.body_text)
    return found.verb if found else ""


def test_a_forward_retyped_multipart_proves_nothing() -> None:
    """Her note over a colleague's suggestion; re-typed, the suggestion is read as hers."""
    original = signed(b'text/plain; charset="UTF-8"', FORWARD)
    assert (result(original), instruction_read(original)) == ("pass", "")
    attacked = retyped(original, RETYPED)
    assert instruction_read(attacked) == "shortlist"  # what the service would obey
    assert result(attacked) == "none"


@pytest.mark.parametrize("content_type", [
    b'multipart/mixed; boundary="' + BOUNDARY[:-1] + b'"',  # another boundary
    b'multipart/digest; boundary="' + BOUNDARY + b'"',  # parts read as attached emails
    b'text/plain; charset="UTF-8"',  # the raw parts, the HTML's quoted history, as text
    b'text/html; charset="UTF-8"',
])
def test_a_multipart_retyped_proves_nothing(content_type: bytes) -> None:
    original = signed(GMAIL_ALTERNATIVE, ALTERNATIVE)
    assert result(original) == "pass"
    assert result(retyped(original, content_type)) == "none"


def test_a_multipart_of_another_kind_read_alike_still_proves() -> None:
    """mixed, alternative and related are read part by part alike: nothing read changes."""
    original = signed(GMAIL_ALTERNATIVE, ALTERNATIVE)
    assert result(retyped(original, b'multipart/mixed; boundary="' + BOUNDARY + b'"')) == "pass"


def test_a_quoted_line_break_under_utf7_proves_nothing() -> None:
    """`+AAo-` is a line break in UTF-7: the quoted approval would open her reply."""
    body = b"+AAo-APPROVE REF-2026-000001\r\n\r\nSam\r\n"
    original = signed(b'text/plain; charset="UTF-8"', body)
    assert (result(original), instruction_read(original)) == ("pass", "")
    attacked = retyped(original, b'text/plain; charset="utf-7"')
    assert instruction_read(attacked) == "approve"
    assert result(attacked) == "none"
    for charset in (b"utf-16", b"utf-32-le", b"iso-2022-jp"):
        assert result(retyped(original, b"text/plain; charset=" + charset)) == "none"
    for charset in (b"us-ascii", b"iso-8859-1", b"windows-1252"):  # read ASCII as ASCII
        assert result(retyped(original, b"text/plain; charset=" + charset)) == "pass"


def test_a_charset_that_breaks_a_line_where_the_signed_one_did_not_proves_nothing() -> None:
    """Windows-1252's ellipsis (0x85) is NEL, a line break, in ISO-8859-2."""
    body = b"Thanks\x85 will look.\r\n\r\n> Weekly fee\x85Weekly fee: 9,000\r\n"
    original = signed(b'text/plain; charset="windows-1252"', body, b"8bit")
    assert result(original) == "pass"
    assert result(retyped(original, b'text/plain; charset="iso-8859-2"', b"8bit")) == "none"


def test_an_encoding_written_over_a_signed_body_proves_nothing() -> None:
    """Quoted-printable over a 7bit body turns a quoted `=0A` into a line break; 7bit over
    a quoted-printable one splits its soft-broken lines; base64 over either reads noise."""
    quoting = b"Not yet.\r\n\r\n> x=0AAPPROVE REF-2026-000001\r\n"
    plain = signed(b'text/plain; charset="UTF-8"', quoting, b"7bit")
    assert result(plain) == "pass"
    assert result(retyped(plain, b'text/plain; charset="UTF-8"', b"quoted-printable")) == "none"
    assert result(retyped(plain, b'text/plain; charset="UTF-8"', b"base64")) == "none"
    referral = SIGNER.sign(referral_email())  # quoted-printable, soft breaks and all
    assert b"=\r\n" in referral and result(referral) == "pass"
    for encoding in (b"7bit", b"8bit", None, b"base64", b"x-uuencode"):
        assert result(retyped(referral, b'text/plain; charset="utf-8"', encoding)) == "none"


def test_an_unsigned_encoding_under_a_signed_content_type_is_checked_too() -> None:
    """Microsoft 365 signs the Content-Type, not the Content-Transfer-Encoding."""
    body = b"Not yet.=\r\n\r\n> x=0AAPPROVE REF-2026-000001\r\n"
    m365 = signed(b'text/plain; charset="us-ascii"', b"Not yet.\r\n", b"7bit", M365)
    assert result(m365) == "pass"
    quoting = signed(b'text/plain; charset="us-ascii"', body, b"quoted-printable", M365)
    assert result(quoting) == "none"  # =0A: a line break the body does not show
    both = [*M365, b"content-transfer-encoding"]
    assert result(signed(b'text/plain; charset="us-ascii"', body, b"quoted-printable",
                         both)) == "pass"  # what its signer sent, as signed


def test_html_is_read_as_html_and_text_as_text() -> None:
    html = b"<div dir=\"ltr\">Not yet.</div>\r\n<blockquote>Weekly fee: 9,000</blockquote>\r\n"
    original = signed(b'text/html; charset="UTF-8"', html)
    assert result(original) == "pass"
    assert result(retyped(original, b'text/plain; charset="UTF-8"')) == "none"
    assert result(retyped(original, None)) == "none"  # no Content-Type: text/plain
    text = signed(None, b"Not yet.\r\n")
    assert result(text) == "pass"
    assert result(retyped(text, b'text/html; charset="UTF-8"')) == "none"
    assert result(retyped(text, b"message/rfc822")) == "none"  # hidden as an attached email


def test_ordinary_mail_of_each_client_proves() -> None:
    """Gmail's alternative, Thunderbird's preamble, Apple Mail's boundary, a blank line after
    the close delimiter, Gmail's plain text with and without non-ASCII."""
    assert result(signed(GMAIL_ALTERNATIVE, ALTERNATIVE + b"\r\n")) == "pass"
    thunderbird = signed(GMAIL_ALTERNATIVE, ALTERNATIVE,
                         preamble=b"This is a multi-part message in MIME format.\r\n")
    assert result(thunderbird) == "pass"
    apple = b"Apple-Mail=_6C5E4A1B-2D3F-4E5A-8B9C-0D1E2F3A4B5C"
    assert result(signed(b'multipart/alternative; boundary="' + apple + b'"',
                         ALTERNATIVE.replace(BOUNDARY, apple))) == "pass"
    assert result(signed(b'text/plain; charset="UTF-8"', "Fee £4,000 agreed.\r\n".encode(),
                         b"8bit")) == "pass"
    assert result(signed(b'text/plain; charset="UTF-8"', b"Fee =C2=A34,000 agreed.\r\n",
                         b"quoted-printable")) == "pass"
    assert result(signed(b'text/plain; charset="UTF-8"', b"wVNHcmVlZC4=\r\n",
                         b"base64")) == "pass"


def test_the_rule_speaks_only_of_what_the_signature_leaves_out() -> None:
    raw = HEAD + b"Content-Type: text/html\r\n\r\nNot yet.=\r\n"
    headers = email.message_from_bytes(raw)
    assert unsigned_structure(raw, headers, ["content-type", "content-transfer-encoding"]) == ""
    assert unsigned_structure(raw, headers, ["content-type"]) != ""  # the soft break
    assert unsigned_structure(raw, headers, ["content-transfer-encoding"]) != ""  # not HTML
