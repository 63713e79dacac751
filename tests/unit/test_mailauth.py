"""Proving a sender: DKIM signatures made with a generated key and an injected DNS answer,
and Authentication-Results believed only from the trusted server through a trusted relay."""

from __future__ import annotations

from broker.mailauth import SenderCheck, aligned, received_line, verify
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
