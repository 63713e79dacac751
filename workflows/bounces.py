"""Bounces: a provider's address that no longer works must not pass for a silent home.

Each email the service sends has its own envelope sender, `bounces+<token>@` (VERP; the
token names the outbox row, masked and signed: broker/tokens.py), so the delivery status
notification a receiving server sends back after its relay accepted the email (RFC 3464,
`multipart/report; report-type=delivery-status`) says which email failed. A report whose
recipient `Action` is `failed` marks that email bounced and tells the referral's placements
team, as a refusal by our own relay does; `delayed`, `delivered`, `relayed` and `expanded`
change nothing. A bounce is never answered. The report's Diagnostic-Code is written by
whoever runs the receiving side, so it is repeated only as their words (`their_words`):
quoted and marked as theirs, without control characters or links, at most 160 characters.

Pure: the report is read from the message's bytes; the adapter (workflows/inbound.py) finds
the outbox row and carries out the commands.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from email.message import Message
from typing import Any

from broker.quoting import without_links
from workflows.commands import Command, RecordEvent, SendEmail

BOUNCES_LOCAL = "bounces"


@dataclass(frozen=True)
class RecipientReport:
    """One recipient's block of a delivery status notification."""

    recipient: str  # Final-Recipient's address, lower-case ('' when absent)
    action: str  # failed | delayed | delivered | relayed | expanded
    status: str  # e.g. 5.1.1
    diagnostic: str  # the receiving server's words, e.g. "550 5.1.1 User unknown"


def is_bounce_address(local: str) -> bool:
    """Whether the local part of one of our addresses is where bounces come."""
    return local == BOUNCES_LOCAL or local.startswith(BOUNCES_LOCAL + "+")


def delivery_reports(raw: bytes) -> list[RecipientReport]:
    """The per-recipient blocks of the message's delivery status notification; [] when it
    is none (an auto-reply or a person writing to the bounce address)."""
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    if message.get_content_type() != "multipart/report":
        return []
    reports = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        blocks = part.get_payload()
        for block in blocks[1:] if isinstance(blocks, list) else []:  # [0]: the message's own
            if isinstance(block, email.message.Message):
                reports.append(_recipient_report(block))
    return reports


def _recipient_report(block: Message) -> RecipientReport:
    def field(name: str) -> str:
        return " ".join(str(block.get(name, "")).split())[:300]
    recipient = field("Final-Recipient") or field("Original-Recipient")
    return RecipientReport(recipient.rpartition(";")[2].strip().strip("<>").lower(),
                           field("Action").lower(), field("Status"), field("Diagnostic-Code"))


DIAGNOSTIC_CHARS = 160
# control characters, and those that reorder or hide text (bidi overrides, zero widths)
_UNSEEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def their_words(text: str, keep: str = "") -> str:
    """A receiving server's diagnostic as the service repeats it: anyone who runs a
    receiving side writes it, so it loses control and reordering characters, links, and
    mail addresses and host names other than `keep` (the address the email was sent to), and
    is cut to DIAGNOSTIC_CHARS (enough for "550 5.1.1 … User unknown")."""
    text = " ".join(without_links(_UNSEEN.sub(" ", text), keep).split())
    return text if len(text) <= DIAGNOSTIC_CHARS else \
        text[:DIAGNOSTIC_CHARS - 1].rstrip() + "…"


def permanent_failure(reports: list[RecipientReport], to_addr: str) -> str:
    """What the report says went wrong delivering to `to_addr` for good ('' when it says no
    such thing): its status and the receiving side's words, quoted. A report that names no
    recipient is taken to be about the one it came back for (the token says which
    email)."""
    for report in reports:
        if report.action == "failed" and report.recipient in ("", to_addr.lower()):
            words = report.diagnostic.partition(";")[2].strip() or report.diagnostic
            status = their_words(report.status)[:12]
            words = their_words(words, keep=to_addr)
            return f"bounced: {status}" + (f' "{words}"' if words else "")
    return ""


def delivery_failed(outbox_id: int, row: Any, reference: str, team: str,
                    detail: str) -> list[Command]:
    """A permanent failure to deliver one of our emails, recorded on the referral and told
    to its placements team (unless the notice to the team is itself what failed): once for
    each address a referral's emails fail to reach, however many chasers bounce after."""
    if row.kind.startswith("placements_team/"):
        return []
    about = f"{row.referral_id}:{row.to_addr.lower()}" if row.referral_id else str(outbox_id)
    return [
        RecordEvent("delivery-failed", {"to": row.to_addr, "error": detail[:300]}),
        SendEmail(key=f"delivery-failed:{about}", template="placements_team/delivery_failed",
                  to=team, context={"reference": reference, "recipient": row.to_addr,
                                    "error": detail[:300],
                                    "to_provider": row.kind.startswith("provider/")}),
    ]
