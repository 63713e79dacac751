"""Signed reply tokens: `r+<token>@domain` names a referral and an establishment, unforgeably.

The token is lower-case only (local parts are often case-folded by mail systems):
`<masked referral id base36>.<establishment key>.<signature>`, where the signature is the
first 20 hex digits (80 bits) of HMAC-SHA256 over the two names. Establishment keys are
lower-case slugs in the directory.

The referral's id is the database's sequential number, so written out plainly it would tell
a home that two referrals came one after the other (a sibling group, the same child again)
and how many the consortium handles. It is masked (`mask_id`: a keyed permutation of the
numbers below 2**48, four Feistel rounds of HMAC-SHA256 under the secret), so only the
service can read it. Tokens made before masking (signed as "reply:", the id plain) are
still read, so replies to referrals that went out before an upgrade still arrive.

The subject code (`subject_code`, `[#k7q2p9ab]` at the end of every subject the service
sends one person, a council's or a provider's, about a referral, an application or a home)
is the same keyed signature, bound to the recipient's address and what the email is about
(`about`): a referral's or an application's reference (`REF-…`, `APP-…`, which the subject
also names), one home (`home_scope`) or all the homes the address speaks for (`HOMES`). It
shows that a message whose signature covers its Subject answers the service's email to that
person about that, when its signature leaves out the To (workflows/senders.py). Stable, so
nothing is stored.

Changing the key (`Secret`, `keys`): the secret handed round is the current key, carrying the
keys it replaced (`BROKER_PREVIOUS_SECRET_KEYS`). Rule (`keys`): everything new is signed and
keyed with the current key only; anything signed or keyed is verified, and a digest looked
up, under the current key and then each previous one, so a reply address, link, Subject code
or session made before the change still works while its old key is listed.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"^([0-9a-z]{1,12})\.([a-z0-9][a-z0-9_-]{0,80})\.([0-9a-f]{20})$")


@dataclass(frozen=True)
class ReplyToken:
    referral_id: int
    establishment: str


class _Hidden(bytes):
    """A key that never prints itself: `str`, `repr`, f-strings and `%s` show `<hidden>`
    (bytes' own would print the key in a log line or a traceback's locals)."""

    def __repr__(self) -> str:
        return "<hidden>"

    def __str__(self) -> str:
        return self.__repr__()

    def __format__(self, spec: str) -> str:
        return self.__str__()


class Secret(_Hidden):
    """The current signing key (as bytes: what signs), with the keys it replaced, oldest
    last (`previous`: accepted when verifying and looking up, never used to sign). Neither
    it nor a previous key prints itself (`_Hidden`)."""

    previous: tuple[bytes, ...]

    def __new__(cls, current: bytes, previous: Iterable[bytes] = ()) -> Secret:
        made = super().__new__(cls, current)
        made.previous = tuple(_Hidden(key) for key in previous if key and key != current)
        return made

    def __getnewargs__(self) -> tuple[bytes, tuple[bytes, ...]]:  # type: ignore[override]
        # pickled whole (the reader's child process), as plain keys
        return bytes(self), tuple(bytes(key) for key in self.previous)

    def __repr__(self) -> str:
        return f"Secret(<hidden>, {len(self.previous)} previous)"  # never the keys in a log


def keys(secret: bytes) -> tuple[bytes, ...]:
    """Rule: the keys to verify or look up under: the current one first, then each previous
    one (a plain `bytes` secret is just itself). Sign with `secret` alone."""
    return (bytes(secret), *getattr(secret, "previous", ()))


def keys_in_use(secret: bytes) -> str:
    """What the log says at start about the keys (how many, never the keys)."""
    previous = len(keys(secret)) - 1
    if not previous:
        return "secret key: the current one only (no BROKER_PREVIOUS_SECRET_KEYS)"
    return (f"secret key: signing with the current one; {previous} previous "
            f"key{'s' if previous > 1 else ''} (BROKER_PREVIOUS_SECRET_KEYS) still accepted "
            "for reply and bounce addresses, links, Subject codes, console sessions and "
            "duplicate look-ups")


def base36(number: int) -> str:
    digits = string.digits + string.ascii_lowercase
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if number == 0:
            return out


_HALF_BITS = 24
_HALF = (1 << _HALF_BITS) - 1
MASKED_IDS = 1 << (2 * _HALF_BITS)  # ids below this can be masked
_ROUNDS = 4


def _round(secret: bytes, number: int, half: int) -> int:
    digest = hmac.new(secret, b"id:%d:%d" % (number, half), hashlib.sha256).digest()
    return int.from_bytes(digest[:3], "big")


def mask_id(secret: bytes, number: int) -> int:
    """`number` under a permutation of 0 … 2**48 - 1 that only the secret's holder can undo."""
    if not 0 <= number < MASKED_IDS:
        raise ValueError("an id to mask must be below 2**48")
    left, right = number >> _HALF_BITS, number & _HALF
    for n in range(_ROUNDS):
        left, right = right, left ^ _round(secret, n, right)
    return (left << _HALF_BITS) | right


def unmask_id(secret: bytes, masked: int) -> int:
    """The number `mask_id` made `masked` from."""
    left, right = masked >> _HALF_BITS, masked & _HALF
    for n in reversed(range(_ROUNDS)):
        left, right = right ^ _round(secret, n, left), left
    return (left << _HALF_BITS) | right


def _signature(secret: bytes, body: str, kind: bytes = b"reply2:") -> str:
    return hmac.new(secret, kind + body.encode(), hashlib.sha256).hexdigest()[:20]


def make_token(secret: bytes, referral_id: int, establishment: str) -> str:
    body = f"{base36(mask_id(secret, referral_id))}.{establishment}"
    return f"{body}.{_signature(secret, body)}"


def read_token(secret: bytes, token: str) -> ReplyToken | None:
    """The token's names if its signature is valid, else None (forged, altered or garbled)."""
    match = _TOKEN.match(token.lower())
    if not match:
        return None
    body, number = f"{match.group(1)}.{match.group(2)}", int(match.group(1), 36)
    for key in keys(secret):
        if hmac.compare_digest(_signature(key, body), match.group(3)) and number < MASKED_IDS:
            return ReplyToken(unmask_id(key, number), match.group(2))
        if hmac.compare_digest(_signature(key, body, b"reply:"), match.group(3)):
            return ReplyToken(number, match.group(2))  # made before ids were masked
    return None


# The subject code: 8 lower-case base-36 characters (41 bits) of the keyed signature over
# the address and what the email is about, between "[#" and "]"; read in any case.
SUBJECT_CODE = re.compile(r"\[#([0-9a-z]{8})\]", re.IGNORECASE)
_SUBJECT_REFERENCE = re.compile(r"\b(?:REF|APP)-\d{4}-\d{6}\b", re.IGNORECASE)
HOMES = "HOMES"  # an email about every home the address speaks for (the vacancy return)


def home_scope(establishment: str) -> str:
    """What an email about one home, and no referral, is about (its code's `about`)."""
    return f"HOME:{establishment}".upper()


def subject_code(secret: bytes, address: str, about: str) -> str:
    """The code the service's emails to `address` about `about` (a reference, `home_scope`
    or `HOMES`) carry in their subject."""
    body = f"{address.strip().lower()}|{about.strip().upper()}"
    number = int(_signature(secret, body, b"subject-code:"), 16)
    return base36(number).rjust(8, "0")[-8:]


def coded_reference(secret: bytes, subject: str, address: str,
                    scopes: tuple[str, ...] = ()) -> str:
    """What `subject` carries the code for `address` of: a reference the subject names
    (`REF-…`, `APP-…`), else one of `scopes` (homes: the subject need not name them), or ''.
    A code issued to one address never counts for another."""
    codes = {code.lower() for code in SUBJECT_CODE.findall(subject or "")}
    if not codes:
        return ""
    named = [found.upper() for found in _SUBJECT_REFERENCE.findall(subject)]
    for about in (*named, *scopes):
        for key in keys(secret):
            expected = subject_code(key, address, about)
            if any(hmac.compare_digest(expected, code) for code in codes):
                return about.upper()
    return ""


def reply_address(secret: bytes, referral_id: int, establishment: str, domain: str) -> str:
    return f"r+{make_token(secret, referral_id, establishment)}@{domain}"


# The service's own addresses at its mail domain (the README's "The service's addresses"):
# these names, and the shapes of its reply and bounce addresses.
SERVICE_MAILBOXES = frozenset({"referrals", "providers", "postmaster", "bounces"})
_SERVICE_SHAPES = ("r+", "bounces+")


def is_service_address(address: str, domain: str) -> bool:
    """Whether `address` is one of the service's own at its mail `domain`: `referrals@`,
    `providers@`, `postmaster@`, `bounces@`, or in the shape of a reply (`r+…@`) or bounce
    (`bounces+…@`) address. Any other address at the domain is not the service's (the
    domain may be shared with a council's own mail)."""
    local, at, host = address.strip().lower().rpartition("@")
    if not at or not domain or host != domain.lower():
        return False
    return local in SERVICE_MAILBOXES or (local.startswith(_SERVICE_SHAPES)
                                          and local.partition("+")[2] != "")


def our_recipient(rcpt_to: str, domain: str) -> str:
    """The one of our addresses a message is routed by: a reply address when it has one (a
    provider's answer sent to referrals@ with its reply address in Cc is still its
    answer), else the first of ours."""
    ours = [address for address in (a.strip().lower() for a in rcpt_to.split(","))
            if address.endswith("@" + domain)]
    return next((a for a in ours if a.startswith("r+")), ours[0] if ours else "")


# The envelope sender of each email we send (VERP): `bounces+<token>@domain`, where the token
# names the outbox row, masked and signed, so a bounce says which email failed and nobody
# can make one up for an email of ours they never saw the envelope of.
_BOUNCE_TOKEN = re.compile(r"^([0-9a-z]{1,12})\.([0-9a-f]{20})$")


def bounce_address(secret: bytes, outbox_id: int, domain: str) -> str:
    body = base36(mask_id(secret, outbox_id))
    return f"bounces+{body}.{_signature(secret, body, b'bounce:')}@{domain}"


def read_bounce_token(secret: bytes, token: str) -> int | None:
    """The outbox row a bounce address's token names, if its signature holds."""
    match = _BOUNCE_TOKEN.match(token.lower())
    if not match or int(match.group(1), 36) >= MASKED_IDS:
        return None
    for key in keys(secret):
        if hmac.compare_digest(_signature(key, match.group(1), b"bounce:"), match.group(2)):
            return unmask_id(key, int(match.group(1), 36))
    return None
