"""Signed links: they carry who and until when, and cannot be forged, altered or repurposed."""

import hashlib
import hmac
import re
from datetime import UTC, datetime

import pytest

from broker.links import PURPOSES, make_link_token, read_link_token, resolve_subject
from broker.tokens import base36, mask_id

SECRET = b"test-secret"
EXPIRES = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("purpose,subject", [("papers", "larch-house"),
                                             ("shortlist", "Sam.Taylor@northby.gov.example")])
def test_a_link_reads_back_its_claims(purpose: str, subject: str) -> None:
    claims = read_link_token(SECRET, make_link_token(SECRET, purpose, 42, subject, EXPIRES))
    assert claims is not None
    assert (claims.purpose, claims.referral_id, claims.expires_at) == (purpose, 42, EXPIRES)
    people = ["placements@northby.gov.example", subject, "oak-lodge"]
    assert resolve_subject(SECRET, claims.subject, people) == subject  # as written


@pytest.mark.parametrize("purpose", PURPOSES)
def test_no_link_carries_an_address(purpose: str) -> None:
    """A URL is kept in proxy logs, histories and screenshots, and the summary's is forwarded
    to a family: a person's or a team's address goes in as a keyed digest, the same for any
    spelling of it; a home's establishment key, which is not personal, as it is."""
    token = make_link_token(SECRET, purpose, 42, "Sam.Taylor@northby.gov.example", EXPIRES)
    assert "@" not in token and "sam" not in token and "northby" not in token
    subject = token.split(".")[2]
    assert re.fullmatch(r"[0-9a-f]{20}", subject)
    assert subject == make_link_token(SECRET, purpose, 42, " sam.taylor@NORTHBY.gov.example",
                                      EXPIRES).split(".")[2]
    assert make_link_token(SECRET, purpose, 42, "larch-house", EXPIRES).split(".")[2] == \
        "larch-house"


def test_a_digest_names_no_one_else_and_nothing_under_another_key() -> None:
    token = make_link_token(SECRET, "shortlist", 42, "sam.taylor@northby.gov.example", EXPIRES)
    claims = read_link_token(SECRET, token)
    assert claims is not None
    assert resolve_subject(SECRET, claims.subject, ["alex.morgan@northby.gov.example"]) is None
    assert resolve_subject(b"other", claims.subject, ["sam.taylor@northby.gov.example"]) is None


def test_a_link_sent_before_with_the_address_in_it_still_names_its_person() -> None:
    body = (f"shortlist.{base36(mask_id(SECRET, 42))}.sam.taylor@northby.gov.example."
            f"{base36(int(EXPIRES.timestamp()))}")
    old = f"{body}.{hmac.new(SECRET, b'link2:' + body.encode(), hashlib.sha256).hexdigest()[:24]}"
    claims = read_link_token(SECRET, old)
    assert claims is not None and claims.referral_id == 42
    written = "Sam.Taylor@northby.gov.example"
    assert resolve_subject(SECRET, claims.subject, ["placements@x.example", written]) == written


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


def test_only_a_link_of_ours_says_why_it_does_not_open() -> None:
    """A stranger's link is UNKNOWN whatever became of the search; one of ours says the
    search has ended before anything else (there is nothing to ask for then)."""
    from broker.links import EXPIRED, SEARCH_OVER, UNKNOWN, WITHDRAWN, why_refused

    for over in (True, False):
        for withdrawn in (True, False):
            assert why_refused(ours=False, search_over=over, withdrawn=withdrawn) == UNKNOWN
            assert why_refused(ours=True, search_over=True, withdrawn=withdrawn) == SEARCH_OVER
    assert why_refused(ours=True, search_over=False, withdrawn=True) == WITHDRAWN
    assert why_refused(ours=True, search_over=False) == EXPIRED


def test_each_refusal_is_worded_for_whoever_holds_the_link() -> None:
    from broker.links import EXPIRED, SEARCH_OVER, UNKNOWN, WITHDRAWN, refusal_words

    unknown = "This link has expired or is no longer valid. Ask the placements team for a new one."
    assert refusal_words("papers", UNKNOWN) == refusal_words("shortlist", UNKNOWN) == unknown
    assert refusal_words("summary", UNKNOWN) == ("This link has expired or is no longer "
                                                 "valid. Please ask your social worker for a "
                                                 "new one.")
    assert refusal_words("papers", SEARCH_OVER) == ("This search has closed and the papers "
                                                    "are no longer available.")
    assert refusal_words("summary", SEARCH_OVER) == ("The search for a home has finished. "
                                                     "Your social worker will tell you what "
                                                     "happens next.")
    # the four kinds are told apart, for each link
    for purpose in ("papers", "summary", "shortlist", "ipa"):
        said = {refusal_words(purpose, why) for why in (UNKNOWN, EXPIRED, SEARCH_OVER)}
        assert len(said) == 3, purpose
    assert "new one" not in refusal_words("papers", WITHDRAWN)
    assert "social worker" in refusal_words("summary", EXPIRED)
