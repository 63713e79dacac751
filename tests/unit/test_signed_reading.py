"""What is read from a signed message is what its signature covers (attacker review 28).

A social worker's signed "SHORTLIST A", quoting the comparison, held by a colleague on Cc:
a second Content-Type put above the signed one (DKIM covers the last, Python reads the
first), spaces added at the ends of lines (relaxed body canonicalisation does not sign
them) and format=flowed must not widen it to "SHORTLIST A, B, C". Nor may a run of spaces
inside her line, widened after signing (relaxed canonicalisation reads any run as one space,
attacker review 29), make "SHORTLIST A" as long as a line her client wrapped, and join her
next line onto it. Signed with generated keys, verified through an injected DNS answer.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import dkim
import pytest

from broker.forms import load_form_spec
from broker.forms.message import read_message
from broker.forms.mime import as_proved, unflow
from broker.mailauth import verify
from tests.e2e.test_trust import Signer
from workflows.instructions import read_instruction

SIGNER = Signer()
DOMAIN = "northby.gov.example"
RESPONSE = load_form_spec(Path(__file__).parents[2] / "config/forms/response.yaml")
# What Gmail and Microsoft 365 sign, relaxed/relaxed (M365 also Content-Type).
SIGNS = [b"from", b"to", b"cc", b"subject", b"date", b"message-id", b"content-type",
         b"mime-version"]
QUOTED = ("On Mon, 7 Dec 2026, Placement broker wrote:\n"
          "> A  Elm Court, weekly fee 4,000\n"
          "> B  Harbour House, weekly fee 6,900\n"
          "> C  Larch Lodge, weekly fee 7,200\n")


def signed(body: str, *, flowed: bool = False, names: list[bytes] = SIGNS,
           canon: bytes = b"relaxed", reply_to: str = "") -> bytes:
    m = EmailMessage()
    m["From"] = f"Sam Taylor <sam.taylor@{DOMAIN}>"
    m["To"] = "r+abc@broker.localhost"
    m["Cc"] = f"jo.colleague@{DOMAIN}"
    m["Subject"] = "Re: Comparison REF-2026-000001"
    m["Date"] = "Mon, 07 Dec 2026 09:00:00 +0000"
    m["Message-ID"] = f"<s1@{DOMAIN}>"
    if reply_to:
        m["Reply-To"] = reply_to
    m.set_content(body)
    if flowed:
        m.set_param("format", "flowed")
    raw = m.as_bytes(policy=SMTP)
    return dkim.sign(raw, b"s1", DOMAIN.encode(), SIGNER.pem, canonicalize=(canon, canon),
                     include_headers=names) + raw


def spaces_at_line_ends(raw: bytes) -> bytes:
    """Every body line given a trailing space: relaxed canonicalisation does not see it."""
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = body.split(b"\r\n")
    return head + b"\r\n\r\n" + b"\r\n".join([line + b" " for line in lines[:-1]] + lines[-1:])


def proves(raw: bytes) -> str:
    return verify(raw, DOMAIN, dnsfunc=SIGNER.dns).result


def labels(raw: bytes) -> tuple[str, ...]:
    found = read_instruction(read_message(raw, RESPONSE, new_text_only=True).body_text)
    assert found is not None
    return found.labels


# The header-count rule -------------------------------------------------------------------

def test_a_content_type_put_above_the_signed_one_proves_nothing() -> None:
    raw = signed("SHORTLIST A\n\n" + QUOTED)
    assert proves(raw) == "pass"
    above = b"Content-Type: text/plain; charset=utf-8; format=flowed\r\n" + raw
    assert dkim.verify(above, dnsfunc=SIGNER.dns)  # dkimpy still verifies it
    assert proves(above) == "none"
    for name in (b"Content-Transfer-Encoding: 8bit", b"MIME-Version: 1.0"):
        assert proves(name + b"\r\n" + raw) == "none", name


def test_a_signed_header_carried_more_often_than_signed_proves_nothing() -> None:
    """Reply-To is not a once-only header, but the signature lists it once: one put above
    the signed one is unsigned, and the service reads the first."""
    raw = signed("SHORTLIST A\n", names=[*SIGNS, b"reply-to"],
                 reply_to=f"team@{DOMAIN}")
    assert proves(raw) == "pass"
    above = b"Reply-To: someone@elsewhere.example\r\n" + raw
    assert dkim.verify(above, dnsfunc=SIGNER.dns)
    assert proves(above) == "none"
    twice = signed("SHORTLIST A\n", names=[*SIGNS, b"reply-to", b"reply-to"],
                   reply_to=f"team@{DOMAIN}")
    assert proves(twice) == "pass"  # over-signed: the one it carries is covered


# Format=flowed across quote depth ---------------------------------------------------------

def test_a_soft_break_never_joins_a_quoted_line() -> None:
    assert unflow("SHORTLIST A \n> B  Harbour House\n", delsp=False).splitlines() == [
        "SHORTLIST A ", "> B  Harbour House"]
    assert unflow("> quoted \nmine\n", delsp=False).splitlines() == ["> quoted ", "mine"]
    assert unflow("> one \n>> two \n> three\n", delsp=True).splitlines() == [
        "> one", ">> two", "> three"]
    # within one depth, soft breaks still join
    assert unflow("one \ntwo\n> three \n> four\n", delsp=False).splitlines() == [
        "one two", "> three four"]


def test_a_quoted_blank_line_is_no_soft_break() -> None:
    assert unflow("> one\n>\n> two\n", delsp=False).splitlines() == ["> one", "> ", "> two"]


# Trailing whitespace is not signed ----------------------------------------------------------

def test_spaces_added_at_line_ends_leave_a_flowed_shortlist_as_signed() -> None:
    """Thunderbird and Apple Mail send format=flowed themselves: spaces added at the ends
    of her lines still verify, and must not join her next line onto her instruction."""
    body = "SHORTLIST A\nB and C are too far from school.\n\n" + QUOTED
    raw = signed(body, flowed=True)
    attacked = spaces_at_line_ends(raw)
    assert proves(raw) == proves(attacked) == "pass"
    assert labels(raw) == labels(attacked) == ("A",)


def test_the_review_28_attack_is_read_as_signed_and_proves_nothing() -> None:
    raw = signed("SHORTLIST A\n\n" + QUOTED)
    attacked = (b"Content-Type: text/plain; charset=utf-8; format=flowed\r\n"
                + spaces_at_line_ends(raw))
    assert proves(attacked) == "none"
    assert labels(raw) == labels(attacked) == ("A",)


def test_a_message_read_the_same_with_and_without_unsigned_spaces() -> None:
    body = "Hello,\nSHORTLIST A\nParents' views: they favour Elm Court\n\n" + QUOTED
    raw = signed(body, flowed=True)
    as_read = read_message(raw, RESPONSE, new_text_only=True).body_text
    assert read_message(spaces_at_line_ends(raw), RESPONSE,
                        new_text_only=True).body_text == as_read


def test_spaces_are_removed_only_where_a_proof_leaves_them_unsigned() -> None:
    body = b"Subject: x\r\n\r\nsoft \r\nbreak\r\n"
    assert as_proved(body) == body  # no proof rides on it: the sender's own spaces
    simple = signed("soft \nbreak\n", flowed=True, canon=b"simple")
    assert as_proved(simple) == simple  # every byte of the body signed, and its format
    unsigned_format = signed("soft \nbreak\n", flowed=True, canon=b"simple",
                             names=[n for n in SIGNS if n != b"content-type"])
    assert b"soft \r\n" not in as_proved(unsigned_format)  # format=flowed anyone could add
    relaxed = signed("soft \nbreak\n", flowed=True)
    assert b"soft \r\n" in relaxed and b"soft \r\n" not in as_proved(relaxed)
    verdict = b"Authentication-Results: mx.northby.gov.example; dmarc=pass\r\n" + body
    assert as_proved(verdict).endswith(b"\r\n\r\nsoft\r\nbreak\r\n")


# Runs of spaces inside a line are not signed either (attacker review 29) ------------------

def widened(raw: bytes, line: bytes, width: int = 79) -> bytes:
    """`line` of the body spread to `width` characters by spaces after its first word:
    relaxed canonicalisation reads the run as one space, so the signature still holds."""
    head, _, body = raw.partition(b"\r\n\r\n")
    verb, _, rest = line.partition(b" ")
    spread = verb + b" " * (width - len(verb) - len(rest)) + rest
    assert line + b"\r\n" in body
    return head + b"\r\n\r\n" + body.replace(line + b"\r\n", spread + b"\r\n", 1)


@pytest.mark.parametrize(("body", "line"), [
    ("SHORTLIST A\n(C and D are too far from her school)\nParents' views: Mum agrees.\n"
     "Child's views: not sought - unwell\n\nSam\n", "SHORTLIST A"),
    ("CHOOSE B\n(A and C were too far)\n\nSam\n", "CHOOSE B"),
    ("PROPOSE 4,000\n(4,500 would need a budget holder)\n\nSam\n", "PROPOSE 4,000"),
])
@pytest.mark.parametrize("names", [SIGNS, [n for n in SIGNS if n != b"content-type"]],
                         ids=["m365", "gmail"])
def test_a_line_widened_after_signing_is_read_as_signed(body: str, line: str,
                                                        names: list[bytes]) -> None:
    """Widened to 79 characters her instruction line read as one her client wrapped, and
    her next line was joined onto it: SHORTLIST A, C, D; CHOOSE B, A, C."""
    raw = signed(body, names=names)
    attacked = widened(raw, line.encode())
    assert proves(raw) == proves(attacked) == "pass"
    as_signed = read_message(raw, RESPONSE, new_text_only=True).body_text
    assert as_signed.splitlines()[0] == line
    assert read_message(attacked, RESPONSE, new_text_only=True).body_text == as_signed


def test_tabs_and_spaces_inside_a_line_are_one_space_only_where_unsigned() -> None:
    body = "SHORTLIST A\tC   and  D\n"
    relaxed = signed(body)
    assert b"SHORTLIST A C and D\r\n" in as_proved(relaxed)
    simple = signed(body, canon=b"simple")
    assert as_proved(simple) == simple  # c=simple signs every space: read as written
    assert proves(widened(simple, b"SHORTLIST A\tC   and  D")) == "fail"
    half = signed(body, canon=b"simple").replace(b"c=simple/simple", b"c=relaxed/simple")
    assert b"SHORTLIST A\tC" in as_proved(half)  # c=relaxed/simple: the body's simple
    verdict = (b"Authentication-Results: mx.northby.gov.example; dmarc=pass\r\n"
               b"Subject: x\r\n\r\nA  B\tC\r\n")
    assert as_proved(verdict).endswith(b"\r\n\r\nA B C\r\n")  # a verdict says nothing of it
    unproved = b"Subject: x\r\n\r\nA  B\tC\r\n"
    assert as_proved(unproved) == unproved


@pytest.mark.parametrize("canon", [b"relaxed", b"simple"])
def test_empty_lines_added_at_the_end_of_a_signed_body_are_not_read(canon: bytes) -> None:
    """No canonicalisation signs the empty lines at a body's end (RFC 6376 3.4.3-3.4.4)."""
    raw = signed("SHORTLIST A\n", canon=canon)
    added = raw + b"\r\n\r\n\r\n"
    assert proves(added) == "pass"
    assert as_proved(added) == as_proved(raw)
    assert as_proved(added).endswith(b"\r\n\r\nSHORTLIST A\r\n")
