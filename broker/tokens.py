"""Signed reply tokens: `r+<token>@domain` names a referral and an establishment, unforgeably.

The token is lower-case only (local parts are often case-folded by mail systems):
`<referral id base36>.<establishment key>.<signature>`, where the signature is the first
20 hex digits (80 bits) of HMAC-SHA256 over the two names. Establishment keys are
lower-case slugs in the directory.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import string
from dataclasses import dataclass

_TOKEN = re.compile(r"^([0-9a-z]{1,12})\.([a-z0-9][a-z0-9_-]{0,80})\.([0-9a-f]{20})$")


@dataclass(frozen=True)
class ReplyToken:
    referral_id: int
    establishment: str


def base36(number: int) -> str:
    digits = string.digits + string.ascii_lowercase
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if number == 0:
            return out


def _signature(secret: bytes, body: str) -> str:
    return hmac.new(secret, b"reply:" + body.encode(), hashlib.sha256).hexdigest()[:20]


def make_token(secret: bytes, referral_id: int, establishment: str) -> str:
    body = f"{base36(referral_id)}.{establishment}"
    return f"{body}.{_signature(secret, body)}"


def read_token(secret: bytes, token: str) -> ReplyToken | None:
    """The token's names if its signature is valid, else None (forged, altered or garbled)."""
    match = _TOKEN.match(token.lower())
    if not match:
        return None
    body = f"{match.group(1)}.{match.group(2)}"
    if not hmac.compare_digest(_signature(secret, body), match.group(3)):
        return None
    return ReplyToken(int(match.group(1), 36), match.group(2))


def reply_address(secret: bytes, referral_id: int, establishment: str, domain: str) -> str:
    return f"r+{make_token(secret, referral_id, establishment)}@{domain}"
