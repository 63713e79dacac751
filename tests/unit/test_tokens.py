"""Reply tokens: they name the referral and establishment, and cannot be forged or altered."""

import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from broker.tokens import (
    MASKED_IDS,
    base36,
    make_token,
    mask_id,
    read_token,
    reply_address,
    unmask_id,
)

SECRET = b"test-secret"


@pytest.mark.parametrize("referral_id,establishment", [(1, "larch-house"), (123456, "x"),
                                                         (36**6, "oak_lodge-2")])
def test_a_token_reads_back_to_what_it_names(referral_id: int, establishment: str) -> None:
    token = read_token(SECRET, make_token(SECRET, referral_id, establishment))
    assert token is not None
    assert (token.referral_id, token.establishment) == (referral_id, establishment)


def test_the_address_is_lower_case_and_survives_case_folding() -> None:
    address = reply_address(SECRET, 42, "larch-house", "broker.localhost")
    assert address == address.lower() and address.startswith("r+")
    token = address.split("@")[0][2:]
    assert read_token(SECRET, token.upper()) == read_token(SECRET, token)


@pytest.mark.parametrize("tamper", [
    lambda t: t.replace("larch-house", "oak-lodge"),         # another establishment
    lambda t: ("3" if t[0] == "2" else "2") + t[1:],           # another referral
    lambda t: t[:-1] + ("0" if t[-1] != "0" else "1"),       # altered signature
    lambda t: t.rsplit(".", 1)[0],                             # signature removed
    lambda t: t + "0",                                         # signature lengthened
    lambda t: "",
    lambda t: "....",
])
def test_an_altered_or_garbled_token_is_refused(tamper) -> None:  # type: ignore[no-untyped-def]
    token = make_token(SECRET, 1, "larch-house")
    assert read_token(SECRET, tamper(token)) is None


def test_a_token_signed_with_another_key_is_refused() -> None:
    assert read_token(SECRET, make_token(b"another-key", 1, "larch-house")) is None


def test_a_token_does_not_show_the_referrals_sequential_number() -> None:
    """Two referrals made one after the other must not look so to a home that gets both."""
    first, second = (make_token(SECRET, n, "larch-house").split(".")[0] for n in (1, 2))
    assert {first, second}.isdisjoint({"1", "2"})
    assert abs(int(first, 36) - int(second, 36)) > 1_000


def test_a_token_made_before_ids_were_masked_is_still_read() -> None:
    """Replies to referrals that went out before an upgrade must still arrive."""
    body = f"{base36(42)}.larch-house"
    old = f"{body}.{hmac.new(SECRET, b'reply:' + body.encode(), hashlib.sha256).hexdigest()[:20]}"
    token = read_token(SECRET, old)
    assert token is not None and (token.referral_id, token.establishment) == (42, "larch-house")


@given(st.integers(min_value=0, max_value=MASKED_IDS - 1))
def test_masking_is_undone_only_by_unmasking(number: int) -> None:
    masked = mask_id(SECRET, number)
    assert 0 <= masked < MASKED_IDS and unmask_id(SECRET, masked) == number
