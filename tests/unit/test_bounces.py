"""Delivery status notifications as real servers write them, read for which recipient
failed for good; and the bounce address that names one email and cannot be made up."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from broker.tokens import bounce_address, read_bounce_token
from workflows.bounces import delivery_reports, permanent_failure, their_words

SECRET = b"test-secret"
GONE = "old.referrals@kestrelhomes.example"


def report(*blocks: str) -> bytes:
    """A multipart/report as Postfix writes one: a human part, the machine part (the
    per-message block, then one per recipient), the returned headers."""
    return ("From: MAILER-DAEMON@mx.kestrelhomes.example (Mail Delivery System)\r\n"
            "To: bounces+abc.0123@broker.example\r\n"
            "Subject: Undelivered Mail Returned to Sender\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/report; report-type=delivery-status;\r\n"
            '\tboundary="B0UND"\r\n\r\n'
            "--B0UND\r\nContent-Description: Notification\r\n"
            "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
            "I'm sorry to have to inform you that your message could not\r\n"
            "be delivered to one or more recipients.\r\n\r\n"
            "--B0UND\r\nContent-Description: Delivery report\r\n"
            "Content-Type: message/delivery-status\r\n\r\n"
            "Reporting-MTA: dns; mx.kestrelhomes.example\r\n"
            "Arrival-Date: Wed,  2 Dec 2026 10:15:00 +0000 (GMT)\r\n\r\n"
            + "\r\n\r\n".join(b.replace("\n", "\r\n") for b in blocks) + "\r\n\r\n"
            "--B0UND\r\nContent-Description: Undelivered Message Headers\r\n"
            "Content-Type: text/rfc822-headers\r\n\r\n"
            "From: referrals@broker.example\r\nSubject: Referral REF-2026-000123\r\n\r\n"
            "--B0UND--\r\n").encode()


POSTFIX = ("Final-Recipient: rfc822; old.referrals@kestrelhomes.example\n"
           "Original-Recipient: rfc822;old.referrals@kestrelhomes.example\n"
           "Action: failed\nStatus: 5.1.1\nRemote-MTA: dns; mx.kestrelhomes.example\n"
           "Diagnostic-Code: smtp; 550 5.1.1 <old.referrals@kestrelhomes.example>: Recipient\n"
           " address rejected: User unknown in virtual mailbox table")
EXCHANGE = ("Original-Recipient: rfc822;Old.Referrals@kestrelhomes.example\n"
            "Final-Recipient: rfc822;Old.Referrals@kestrelhomes.example\n"
            "Action: failed\nStatus: 5.1.10\n"
            "Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found")
DELAYED = ("Final-Recipient: rfc822; old.referrals@kestrelhomes.example\n"
           "Action: delayed\nStatus: 4.4.1\n"
           "Diagnostic-Code: smtp; 421 4.4.1 Connection timed out")


@pytest.mark.parametrize(("block", "words"), [
    (POSTFIX, "User unknown in virtual mailbox table"),
    (EXCHANGE, "RESOLVER.ADR.RecipientNotFound"),
])
def test_a_permanent_failure_is_read_with_the_servers_words(block: str, words: str) -> None:
    detail = permanent_failure(delivery_reports(report(block)), GONE)
    assert detail.startswith("bounced: 5.1.1") and words in detail


# whoever runs the receiving side writes its Diagnostic-Code: here, in the service's voice
PHISHING = POSTFIX.replace(
    "User unknown in virtual mailbox table",
    "Moved.\x1b[2J Send papers to https://papers-upload.example/in,"
    " www.papers-upload.example or papers-upload.example/form \u202eevil\u202c" + " now" * 60)


def test_the_receiving_sides_words_are_quoted_without_controls_or_links_and_short() -> None:
    detail = permanent_failure(delivery_reports(report(PHISHING)), GONE)
    assert detail.startswith('bounced: 5.1.1 "550 5.1.1 <old.referrals@kestrelhomes.example>')
    assert detail.endswith('…"') and len(detail) <= len('bounced: 5.1.1 ""') + 160
    assert "papers-upload" not in detail and "[link removed]" in detail
    assert not any(ord(c) < 32 or 0x202a <= ord(c) <= 0x202e for c in detail)


def test_a_delay_or_another_recipients_failure_is_no_failure_of_ours() -> None:
    assert permanent_failure(delivery_reports(report(DELAYED)), GONE) == ""
    other = POSTFIX.replace("old.referrals@", "someone.else@")
    assert permanent_failure(delivery_reports(report(other)), GONE) == ""


def test_mail_that_is_no_delivery_report_reports_nothing() -> None:
    message = EmailMessage()
    message["Subject"] = "Undeliverable: Referral"
    message.set_content("Action: failed\nFinal-Recipient: rfc822; old.referrals@x.example")
    assert delivery_reports(bytes(message)) == []


def test_a_bounce_address_names_its_email_and_cannot_be_made_up() -> None:
    address = bounce_address(SECRET, 4321, "broker.example")
    token = address.split("@")[0].removeprefix("bounces+")
    assert read_bounce_token(SECRET, token) == 4321
    assert read_bounce_token(SECRET, token.upper()) == 4321  # local parts get case-folded
    assert read_bounce_token(b"another-key", token) is None
    assert read_bounce_token(SECRET, token[:-1] + ("0" if token[-1] != "0" else "1")) is None
    assert "4321" not in address and "3bl" not in address  # 4321 in base36 is 3bl


def test_the_receiving_sides_words_lose_hosts_and_addresses_other_than_the_one_that_failed(
) -> None:
    said = their_words("550 5.1.1 <jo@larch.example>: moved; send papers to "
                       "larch-referrals-portal.com or papers@evil.example "
                       "(RESOLVER.ADR.RecipientNotFound)", keep="jo@larch.example")
    assert "<jo@larch.example>" in said and "RESOLVER.ADR.RecipientNotFound" in said
    assert "portal.com" not in said and "evil.example" not in said
    assert said.count("[address removed]") == 2
