"""Mail from a provider's inbox that is no answer to the referral, though it comes back on
the referral's thread: a read receipt ("Read: …", "Not read: …"), a delivery report
("Delivered: …", "Undeliverable: …"), an Outlook recall ("Recall: …", "Dana would like to
recall the message"), a calendar response ("Accepted: Pre-placement visit", "Declined:
Matching meeting", "Tentative: …", "New Time Proposed: …") or a notification forwarded by
mistake ("FW: You have 1 new message").

Such a message is stored, but never answered: asking its sender for a decision would write
to a mail server, or to a colleague's diary, about a referral its message never spoke of.
Only the subject's opening words (and a recall's own sentence) say so, and only a message
whose reading gives no decision and no form is one (a reply titled "Declined: Referral …"
that declines in its text is read as the decline it is).
"""

from __future__ import annotations

import re

__all__ = ["is_a_side_message"]

_SIDE_SUBJECT = re.compile(
    r"[ \t]{0,5}(?:(?:fw|fwd)[ \t]?:[ \t]{0,5})?(?:read|not[ \t]+read|delivered|undeliverable"
    r"|delivery[ \t]+status[ \t]+notification|recall|accepted|declined|tentative"
    r"|new[ \t]+time[ \t]+proposed|canceled|cancelled)[ \t]?:"
    r"|[ \t]{0,5}(?:(?:fw|fwd)[ \t]?:[ \t]{0,5})?you[ \t]+have[ \t]+\d{1,3}[ \t]+new[ \t]+"
    r"(?:message|notification)s?\b",
    re.IGNORECASE)
_RECALL = re.compile(r"\bwould[ \t]+like[ \t]+to[ \t]+recall[ \t]+the[ \t]+message\b",
                     re.IGNORECASE)


def is_a_side_message(subject: str, body: str) -> bool:
    """Whether a message is a receipt, a report, a recall, a calendar response or a
    notification, by its subject's opening words or a recall's sentence."""
    return bool(_SIDE_SUBJECT.match(subject[:300]) or _RECALL.search(body[:2_000]))
