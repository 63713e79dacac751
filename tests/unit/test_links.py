"""Signed links: they carry who and until when, and cannot be forged, altered or repurposed."""

import hashlib
import hmac
from datetime import UTC, datetime

import pytest

from broker.links import make_link_token, read_link_token
from broker.tokens import base36

SECRET = b"test-secret"
EXPIRES = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("purpose,subject", [("papers", "larch-house"),
                                             ("shortlist", "sam.taylor@northby.gov.example")])
def test_a_link_reads_back_its_claims(purpose: str, subject: str) -> None:
    claims = read_link_token(SECRET, make_link_token(SECRET, purpose, 42, subject, EXPIRES))
    assert claims is not None
    assert (claims.purpose, claims.referral_id, claims.subject, claims.expires_at) == (
        purpose, 42, subject, EXPIRES)


@pytest.mark.parametrize("tamper", [
    lambda t: t.replace("papers.", "shortlist.", 1),   # repurposed
    lambda t: t.replace("larch-house", "oak-lodge"),    # another provider
    lambda t: t[:-1] + ("0" if t[-1] != "0" else "1"),  # altered signature
    lambda t: t.replace(t.split(".")[3], "zzzzzz"),     # later expiry
    lambda t: "papers.x",
    lambda t: t + "\n",                                 # anything after it, a newline too
])
def test_an_altered_link_is_refused(tamper) -> None:  # type: ignore[no-untyped-def]
    token = make_link_token(SECRET, "papers", 42, "larch-house", EXPIRES)
    assert read_link_token(SECRET, tamper(token)) is None


def test_another_key_is_refused() -> None:
    token = make_link_token(b"other", "papers", 42, "larch-house", EXPIRES)
    assert read_link_token(SECRET, token) is None


def test_a_link_does_not_show_the_referrals_sequential_number() -> None:
    first, second = (make_link_token(SECRET, "papers", n, "larch-house", EXPIRES).split(".")[1]
                     for n in (41, 42))
    assert {first, second}.isdisjoint({base36(41), base36(42)})


def test_a_link_made_before_ids_were_masked_is_still_read() -> None:
    body = f"papers.{base36(42)}.larch-house.{base36(int(EXPIRES.timestamp()))}"
    old = f"{body}.{hmac.new(SECRET, b'link:' + body.encode(), hashlib.sha256).hexdigest()[:24]}"
    claims = read_link_token(SECRET, old)
    assert claims is not None and (claims.referral_id, claims.subject) == (42, "larch-house")
