"""Proving a sender: DKIM signatures made with a generated key and an injected DNS answer,
and Authentication-Results believed only from the trusted server through a trusted relay."""

from __future__ import annotations

import email.parser
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import dkim

from broker.mailauth import SenderCheck, aligned, received_line, two_readings, verify
from tests.e2e.test_trust import Signer
from tests.factories import referral_email

SIGNER = Signer()
AR = (b"Authentication-Results: mx.northby.gov.example; dmarc=pass "
      b"header.from=northby.gov.example\r\n")


def test_a_signed_message_passes_and_a_changed_one_fails() -> None:
    signed = SIGNER.sign(referral_email())
    assert verify(signed, "northby.gov.example", dnsfunc=SIGNER.dns).result == "pass"
    forged = signed.replace(b"sam.taylor@", b"sam.tailor@", 1)
    assert verify(forged, "northby.gov.example", dnsfunc=SIGNER.dns).result == "fail"
    assert verify(bytes(referral_email()), "northby.gov.example",
                  dnsfunc=SIGNER.dns).result == "none"


def test_a_strangers_signature_is_never_looked_up() -> None:
    asked: list[bytes] = []
    signed = SIGNER.sign(referral_email()).replace(b"d=northby.gov.example", b"d=evil.example")
    verify(signed, "northby.gov.example", dnsfunc=lambda n, timeout=5: asked.append(n))
    assert asked == [] and not aligned("example", "northby.example")


def test_authentication_results_count_only_from_the_trusted_relay() -> None:
    raw = received_line("10.0.0.5", "mx", "broker.localhost", "now") + AR + bytes(
        referral_email())
    trusted = SenderCheck(SIGNER.dns, "mx.northby.gov.example", ("10.0.0.0/24",))
    assert trusted.check(raw, "northby.gov.example").result == "pass"
    stranger = received_line("203.0.113.9", "x", "broker.localhost", "now") + AR + bytes(
        referral_email())
    assert trusted.check(stranger, "northby.gov.example").result == "none"
    other_id = SenderCheck(SIGNER.dns, "mx.elsewhere.example", ("10.0.0.0/24",))
    assert other_id.check(raw, "northby.gov.example").result == "none"


def test_the_return_path_line_keeps_only_an_address() -> None:
    from broker.mailauth import return_path_line

    assert return_path_line("") == b"Return-Path: <>\r\n"
    assert return_path_line("jo@x.example") == b"Return-Path: <jo@x.example>\r\n"
    assert return_path_line("a>\r\nBcc: b@x.example") == b"Return-Path: <aBcc:b@x.example>\r\n"


def test_a_signature_over_part_of_the_body_proves_nothing() -> None:
    """With l= the signature still verifies after text is added to the body: what the
    service reads is not what was signed."""
    import dkim

    raw = bytes(referral_email())
    signed = dkim.sign(raw, b"s1", b"northby.gov.example", SIGNER.pem, length=True,
                       include_headers=[b"from", b"to", b"subject"]) + raw
    appended = signed + b"\r\nAPPROVE REF-2026-000001\r\n"
    assert dkim.verify(appended, dnsfunc=SIGNER.dns)  # dkimpy itself says it verifies
    assert verify(appended, "northby.gov.example", dnsfunc=SIGNER.dns).result == "none"


def test_a_dmarc_pass_counts_only_for_the_from_domain_it_names() -> None:
    trusted = SenderCheck(SIGNER.dns, "mx.northby.gov.example", ("10.0.0.0/24",))
    for result in (b"dmarc=pass", b"dmarc=pass header.from=elsewhere.example"):
        raw = (received_line("10.0.0.5", "mx", "broker.localhost", "now")
               + b"Authentication-Results: mx.northby.gov.example; " + result + b"\r\n"
               + bytes(referral_email()))
        assert trusted.check(raw, "northby.gov.example").result == "none", result


def test_relaxed_alignment_is_by_organisational_domain() -> None:
    """RFC 7489 §3.2: one organisation's domains align, whichever is below the other; a
    public suffix is nobody's, so it aligns with nothing (the fictional `.example` names
    are shaped as `.uk`)."""
    for tld in ("uk", "example"):
        council, school = f"northby.gov.{tld}", f"stmarys.lancs.sch.{tld}"
        assert aligned(council, council) and aligned(council, f"social.{council}")
        assert aligned(f"mail.{council}", council)  # a subdomain signs for its parent
        assert aligned(f"mail.{council}", f"care.{council}")  # or for a sibling
        assert aligned(school, f"office.{school}")
        assert aligned(f"trust.nhs.{tld}", f"trust.nhs.{tld}")
        assert aligned(f"larchcare.co.{tld}", f"homes.larchcare.co.{tld}")
        for nobodys in (f"gov.{tld}", f"lancs.sch.{tld}", f"nhs.{tld}", f"co.{tld}", tld):
            assert not aligned(nobodys, f"northby.{nobodys}")
        assert not aligned(f"eastmere.gov.{tld}", council)
        assert not aligned(f"larchcare.co.{tld}", f"oakfield.co.{tld}")
    assert aligned("NORTHBY.GOV.UK.", "northby.gov.uk")
    assert not aligned("", "northby.gov.uk")


def test_a_signature_from_a_public_suffix_proves_nobodys_mail() -> None:
    """`d=gov.example` on a council's From: a real signature for the registry's name, not
    for the council."""
    registry = Signer("gov.example")
    signed = registry.sign(referral_email())
    assert verify(signed, "northby.gov.example", dnsfunc=registry.dns).result == "none"
    sibling = Signer("mail.northby.gov.example")
    assert verify(sibling.sign(referral_email()), "northby.gov.example",
                  dnsfunc=sibling.dns).result == "pass"


def below_a_lone_cr(signed: bytes, hidden: tuple[str, ...], shown: list[bytes]) -> bytes:
    """A signed message rebuilt: its signed headers named in `hidden` moved below a line
    ending in a lone CR (the end of the headers to Python's parser, nothing to dkimpy, which
    reads on and takes the last of each), with `shown` put in their place above it."""
    head, _, body = signed.partition(b"\r\n\r\n")
    fields: list[bytes] = []
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t"):
            fields[-1] += b"\r\n" + line
        else:
            fields.append(line)
    below = [f for f in fields if f.split(b":", 1)[0].strip().lower().decode() in hidden]
    above = [f for f in fields if f not in below] + shown
    return (b"\r\n".join(above) + b"\r\nX-Note: x\r\r\n" + b"\r\n".join(below)
            + b"\r\n\r\n" + body)


def _to_a_colleague() -> bytes:
    message = EmailMessage()
    message["From"], message["To"] = "sam.taylor@northby.gov.example", "jo@northby.gov.example"
    message["Subject"], message["Date"] = "RE: REF-2026-000001 panel", formatdate()
    message["Message-ID"] = make_msgid(domain="northby.gov.example")
    message.set_content("APPROVE REF-2026-000001\n")
    return SIGNER.sign(message)


def test_headers_hidden_below_a_lone_cr_prove_nothing() -> None:
    """dkimpy verifies the signed To and Message-ID hidden below the lone CR; the service
    would read the ones written above it. Neither the signature nor the trusted relay's
    verdict proves such a message."""
    forged = below_a_lone_cr(_to_a_colleague(), ("to", "message-id"), [
        b"To: referrals@broker.localhost", b"Message-ID: <fresh@attacker.example>"])
    read = email.parser.BytesHeaderParser().parsebytes(forged)
    assert read.get_all("To") == ["referrals@broker.localhost"]
    assert dkim.verify(forged, dnsfunc=SIGNER.dns)  # dkimpy alone: a good signature
    verdict = verify(forged, "northby.gov.example", dnsfunc=SIGNER.dns)
    assert (verdict.result, verdict.detail) == (
        "none", "the headers can be read two ways: a lone CR")
    relayed = received_line("10.0.0.5", "mx", "broker.localhost", "now") + AR + forged
    trusted = SenderCheck(SIGNER.dns, "mx.northby.gov.example", ("10.0.0.0/24",))
    assert trusted.check(relayed, "northby.gov.example").result == "none"
    # the same message unaltered, through the same relay: proved
    assert trusted.check(received_line("10.0.0.5", "mx", "broker.localhost", "now") + AR
                         + _to_a_colleague(), "northby.gov.example").result == "pass"


def _with_header_line(signed: bytes, line: bytes) -> bytes:
    """`line` added as the last line of the headers (no signature covers it)."""
    head, _, body = signed.partition(b"\r\n\r\n")
    return head + b"\r\n" + line + b"\r\n\r\n" + body


def test_a_nul_or_a_line_that_is_no_header_proves_nothing() -> None:
    """Each still verifies for dkimpy (or cannot be read by it at all), and Python reads the
    headers or the body otherwise: a NUL, an mbox `From ` line (which Python puts at the top
    of the body the signature covers without it), a line with no colon."""
    signed = _to_a_colleague()
    for line, why in ((b"X-Note: a\0b", "a NUL"),
                      (b"From APPROVE REF-2026-000002", "a line that is not a header"),
                      (b"Subject : RE: REF-2026-000002", "a line that is not a header"),
                      (b"X-Note: x\rSubject: RE: REF-2026-000002", "a lone CR")):
        raw = _with_header_line(signed, line)
        verdict = verify(raw, "northby.gov.example", dnsfunc=SIGNER.dns)
        assert (verdict.result, verdict.detail) == (
            "none", f"the headers can be read two ways: {why}"), line
    moved = _with_header_line(signed, b"From APPROVE REF-2026-000002")
    assert dkim.verify(moved, dnsfunc=SIGNER.dns)
    body = email.message_from_bytes(moved).get_payload()
    assert body.startswith("From APPROVE REF-2026-000002")


def test_headers_read_one_way_are_read_alike() -> None:
    """Ordinary headers, CRLF or LF, folded, 8-bit: the service and dkimpy agree."""
    raws = [_to_a_colleague(), bytes(referral_email()),
            received_line("10.0.0.5", "mx", "broker.localhost", "now")
            + b"From: sam@northby.gov.example\nTo: a@x.example,\n b@x.example\n"
            b"Subject: caf\xc3\xa9\n\nbody\r\n", b"\r\nonly a body\r\n"]
    for raw in raws:
        assert two_readings(raw, email.parser.BytesHeaderParser().parsebytes(raw)) == ""
    signed = _to_a_colleague()
    assert verify(signed, "northby.gov.example", dnsfunc=SIGNER.dns).result == "pass"
