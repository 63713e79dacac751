"""Signed, expiring links for people outside the service: full papers for a shortlisted
provider, the shortlist page for a social worker, and the IPA document for the chosen
provider and the authority.

A token is `<purpose>.<masked referral id base36>.<subject>.<expiry unix seconds base36>.<sig>`,
lower-case, with a 96-bit HMAC-SHA256 signature over everything before it. The id is masked
as reply addresses' are (broker/tokens.py), so a link does not tell its holder how many
referrals the service has handled; links made before masking are still read. It proves who it
was issued to and until when; revocation is a database matter (a papers link also needs its
grant to be unrevoked), so a token alone never outlives a decision to withdraw access.

The subject is a home's establishment key as it is, but never a person's or a team's address:
a URL is kept in proxy logs, browser histories and screenshots, and the parents' summary link
is meant to be forwarded. An address is carried as its keyed digest (`subject_digest`), which
the page resolves against the few people the link can be for (`resolve_subject`); links made
before, with the address in plain text, are still read until they expire.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from broker.tokens import MASKED_IDS, base36, keys, mask_id, unmask_id

# "summary": the parents' plain summary of a shortlist's options, a link of its own that
# opens nothing else (a shortlist link, with "/summary" cut off, would let its holder shortlist)
PURPOSES = ("papers", "shortlist", "ipa", "summary")
_TOKEN = re.compile(r"(papers|shortlist|ipa|summary)\.([0-9a-z]{1,12})\."
                    r"([a-z0-9][a-z0-9_@.+-]{0,120})\.([0-9a-z]{1,10})\.([0-9a-f]{24})")


@dataclass(frozen=True)
class LinkToken:
    purpose: str
    referral_id: int
    subject: str  # establishment key, or an address's digest (or, in old links, the address)
    expires_at: datetime


def subject_digest(secret: bytes, address: str) -> str:
    """What a link carries for an address: 20 lower-case hex of its keyed HMAC, so the link
    names the person to us and to no one else."""
    key = address.strip().lower().encode()
    return hmac.new(secret, b"link-subject:" + key, hashlib.sha256).hexdigest()[:20]


def _subject(secret: bytes, subject: str) -> str:
    """Rule: no address in a link; an establishment key is not personal and stays."""
    return subject_digest(secret, subject) if "@" in subject else subject.lower()


def resolve_subject(secret: bytes, subject: str, candidates: Iterable[str]) -> str | None:
    """The candidate (as written) a token's subject names, or None: by its digest, or by the
    plain subject itself (establishment keys, and addresses in links made before digests)."""
    for candidate in candidates:
        plain = candidate.strip().lower()
        if candidate and (subject == plain or any(hmac.compare_digest(
                subject, subject_digest(key, candidate)) for key in keys(secret))):
            return candidate
    return None


def _sign(secret: bytes, body: str, kind: bytes = b"link2:") -> str:
    return hmac.new(secret, kind + body.encode(), hashlib.sha256).hexdigest()[:24]


def make_link_token(secret: bytes, purpose: str, referral_id: int, subject: str,
                    expires_at: datetime) -> str:
    if purpose not in PURPOSES:
        raise ValueError(f"unknown link purpose {purpose!r}")
    body = (f"{purpose}.{base36(mask_id(secret, referral_id))}.{_subject(secret, subject)}."
            f"{base36(int(expires_at.timestamp()))}")
    return f"{body}.{_sign(secret, body)}"


def read_link_token(secret: bytes, token: str) -> LinkToken | None:
    """The token's claims if its signature is valid (expiry is the caller's to check)."""
    match = _TOKEN.fullmatch(token)  # nothing after it, not even a newline
    if not match:
        return None
    body, number = token.rsplit(".", 1)[0], int(match.group(2), 36)
    for key in keys(secret):  # the current key, then each previous one
        if hmac.compare_digest(_sign(key, body), match.group(5)) and number < MASKED_IDS:
            referral_id = unmask_id(key, number)
        elif hmac.compare_digest(_sign(key, body, b"link:"), match.group(5)):
            referral_id = number  # made before ids were masked
        else:
            continue
        return LinkToken(match.group(1), referral_id, match.group(3),
                         datetime.fromtimestamp(int(match.group(4), 36), UTC))
    return None


def link_url(base_url: str, purpose: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/{purpose}/{token}"


def mailbox_key(secret: bytes) -> str:
    """The dev mailbox's key (`/mailbox?key=…`): without it even a browser on the service's
    own machine is refused, since a reverse proxy there makes a stranger's request look
    local. Stable for one secret, so a bookmarked link keeps working across restarts."""
    return hmac.new(secret, b"dev-mailbox", hashlib.sha256).hexdigest()[:32]


def mailbox_keys(secret: bytes) -> tuple[str, ...]:
    """The dev mailbox keys accepted: the current key's, then each previous key's."""
    return tuple(mailbox_key(key) for key in keys(secret))


# Why a link does not open, as its holder is told (channels/web/guard.py `refused`).
UNKNOWN = "unknown"  # not ours (no signature, a wrong one), or ours but for someone else
EXPIRED = "expired"  # ours, and its time (or its grant's) is up while the search goes on
WITHDRAWN = "withdrawn"  # ours, and its access was withdrawn while the search goes on
SEARCH_OVER = "search-over"  # ours, for a search that has ended (placed, unmet, withdrawn)
# The parents' summary is sent by their social worker: they do not know the placements team.
_ASK_TEAM = "Ask the placements team for a new one."
_ASK_SOCIAL_WORKER = "Please ask your social worker for a new one."
_REFUSALS = {
    (UNKNOWN, ""): "This link has expired or is no longer valid. " + _ASK_TEAM,
    (UNKNOWN, "summary"): "This link has expired or is no longer valid. " + _ASK_SOCIAL_WORKER,
    (EXPIRED, ""): "This link has expired. " + _ASK_TEAM,
    (EXPIRED, "summary"): "This link has expired. " + _ASK_SOCIAL_WORKER,
    (WITHDRAWN, ""): ("Access through this link has been withdrawn. Questions: ask the "
                      "placements team."),
    (SEARCH_OVER, ""): "The search on this referral has finished, so this link no longer opens.",
    (SEARCH_OVER, "papers"): "This search has closed and the papers are no longer available.",
    (SEARCH_OVER, "summary"): ("The search for a home has finished. Your social worker will "
                               "tell you what happens next."),
    (SEARCH_OVER, "shortlist"): ("The search for a home on this referral has finished, so "
                                 "its shortlist page is closed."),
}


def why_refused(*, ours: bool, search_over: bool, withdrawn: bool = False) -> str:
    """Rule: why a link that does not open is refused, in three kinds its holder can act on.
    A link that is not ours, or is ours but names no one it may be for, is UNKNOWN, whatever
    it names and whatever has become of any referral: a stranger must learn nothing from
    the answer, not even that a referral exists. Only a link we signed for its holder, whose
    signature no stranger can make, says more: that the search has ended (there is nothing
    to ask for), that its access was withdrawn, or that it has simply expired (a new one
    can be had)."""
    if not ours:
        return UNKNOWN
    if search_over:
        return SEARCH_OVER
    return WITHDRAWN if withdrawn else EXPIRED


def refusal_words(purpose: str, why: str) -> str:
    """What the refusal page says for a link of `purpose` refused for `why`."""
    return _REFUSALS.get((why, purpose)) or _REFUSALS[(why, "")]
