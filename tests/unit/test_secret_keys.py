"""Changing the secret key (broker/tokens.py `Secret`, `keys`): what a previous key signed or
keyed is still verified and found, and everything new is signed with the current key only."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken
from pydantic import ValidationError

from broker.cli import UserFacingError
from broker.cli import _settings as cli_settings
from broker.links import (
    mailbox_key,
    mailbox_keys,
    make_link_token,
    read_link_token,
    resolve_subject,
    subject_digest,
)
from broker.settings import Settings
from broker.tokens import (
    Secret,
    bounce_address,
    coded_reference,
    keys,
    keys_in_use,
    make_token,
    read_bounce_token,
    read_token,
    subject_code,
)
from channels.web.console import cookie_key, cookie_keys
from workflows.duplicates import child_keys, digests_to_find
from workflows.parts import _sign

OLD, NEW, OTHER = b"fictional-old-key", b"fictional-new-key", b"fictional-other-key"
ROTATED = Secret(NEW, [OLD])
EXPIRES = datetime(2027, 1, 4, tzinfo=UTC)


def test_keys_are_the_current_one_then_each_previous_one() -> None:
    assert keys(NEW) == (NEW,)
    assert keys(Secret(NEW, [OLD, b"", NEW, OTHER])) == (NEW, OLD, OTHER)
    assert ROTATED == NEW and bytes(ROTATED) == NEW


def test_a_secret_never_shows_its_keys_and_survives_a_pickle() -> None:
    assert b"fictional" not in repr(ROTATED).encode()
    copy = pickle.loads(pickle.dumps(ROTATED))
    assert keys(copy) == (NEW, OLD)
    words = keys_in_use(ROTATED)
    assert "1 previous key " in words and "fictional" not in words
    assert "only" in keys_in_use(NEW)


def test_a_secret_printed_any_way_shows_no_key() -> None:
    """`str`, f-strings, `%s` and `format` on a secret, and its previous keys printed
    alone or as a tuple, never show a key (bytes' own `__str__` would)."""
    percent = ["%s" % ROTATED, "%s" % (ROTATED.previous,)]  # noqa: UP031 (as a log line)
    shown = [str(ROTATED), f"{ROTATED}", f"{ROTATED!r}", format(ROTATED, ""), *percent,
             str(ROTATED.previous), f"{ROTATED.previous}", str(ROTATED.previous[0]),
             f"{ROTATED.previous[0]}", repr(pickle.loads(pickle.dumps(ROTATED)).previous)]
    assert all("fictional" not in words for words in shown), shown
    assert keys(ROTATED) == (NEW, OLD)  # still the keys when used


def test_a_reply_address_made_under_the_old_key_is_read_while_it_is_listed() -> None:
    token = make_token(OLD, 42, "larch-house")
    assert read_token(NEW, token) is None
    found = read_token(ROTATED, token)
    assert found is not None and (found.referral_id, found.establishment) == (42, "larch-house")
    assert read_token(Secret(NEW, [OTHER]), token) is None


def test_new_tokens_are_signed_with_the_current_key_only() -> None:
    assert make_token(ROTATED, 42, "larch-house") == make_token(NEW, 42, "larch-house")
    assert read_token(OLD, make_token(ROTATED, 42, "larch-house")) is None
    assert bounce_address(ROTATED, 7, "broker.localhost") == bounce_address(
        NEW, 7, "broker.localhost")


def test_a_bounce_address_made_under_the_old_key_is_read() -> None:
    token = bounce_address(OLD, 7, "broker.localhost").split("+", 1)[1].split("@")[0]
    assert read_bounce_token(NEW, token) is None
    assert read_bounce_token(ROTATED, token) == 7


def test_a_link_made_under_the_old_key_opens_and_names_its_holder() -> None:
    token = make_link_token(OLD, "papers", 42, "sam.reed@larchcare.example", EXPIRES)
    assert read_link_token(NEW, token) is None
    claims = read_link_token(ROTATED, token)
    assert claims is not None and (claims.purpose, claims.referral_id) == ("papers", 42)
    assert claims.subject == subject_digest(OLD, "sam.reed@larchcare.example")
    people = ["jo.bloggs@northby.gov.example", "sam.reed@larchcare.example"]
    assert resolve_subject(NEW, claims.subject, people) is None
    assert resolve_subject(ROTATED, claims.subject, people) == "sam.reed@larchcare.example"
    assert make_link_token(ROTATED, "papers", 42, "larch-house", EXPIRES) == make_link_token(
        NEW, "papers", 42, "larch-house", EXPIRES)


def test_a_subject_code_made_under_the_old_key_still_counts() -> None:
    address = "sam.reed@larchcare.example"
    subject = f"RE: REF-2026-000123 offer [#{subject_code(OLD, address, 'REF-2026-000123')}]"
    assert coded_reference(NEW, subject, address) == ""
    assert coded_reference(ROTATED, subject, address) == "REF-2026-000123"
    assert coded_reference(ROTATED, subject, "someone@else.example") == ""


def test_a_console_session_sealed_under_the_old_key_opens_and_new_ones_use_the_new() -> None:
    import base64

    def fernet(key: bytes) -> Fernet:
        return Fernet(base64.urlsafe_b64encode(cookie_key(key)))
    old_cookie = fernet(OLD).encrypt(b"{}")
    assert cookie_keys(ROTATED).decrypt(old_cookie) == b"{}"
    new_cookie = cookie_keys(ROTATED).encrypt(b"{}")
    assert fernet(NEW).decrypt(new_cookie) == b"{}"
    try:
        cookie_keys(NEW).decrypt(old_cookie)
    except InvalidToken:
        pass
    else:
        raise AssertionError("the old key's cookie opened without the old key listed")


def test_the_dev_mailbox_takes_the_old_key_too() -> None:
    assert mailbox_keys(ROTATED) == (mailbox_key(NEW), mailbox_key(OLD))


def test_a_child_is_looked_up_under_every_key_and_recorded_under_the_current_one() -> None:
    fields = {"nhs_number": "999 000 0018", "child_name": "Casey Hollin",
              "date_of_birth": "02/03/2012"}
    today = date(2026, 12, 7)

    def sign(key: bytes):  # type: ignore[no-untyped-def]
        return lambda text: _sign(key, text)
    recorded_before = set(child_keys(fields, sign(OLD), today))
    assert recorded_before and not recorded_before & set(child_keys(fields, sign(NEW), today))
    found = digests_to_find(fields, (sign(NEW), sign(OLD)), today)
    assert recorded_before <= set(found)
    assert found[:len(recorded_before)] == child_keys(fields, sign(NEW), today)


def test_the_setting_lists_previous_keys_comma_separated(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, var_dir=tmp_path, secret_key="fictional-new-key",
                        previous_secret_keys=" fictional-old-key , ,fictional-other-key")
    assert settings.previous_secrets == (OLD, OTHER)
    assert keys(settings.secret()) == (NEW, OLD, OTHER)
    generated = Settings(_env_file=None, var_dir=tmp_path / "v",
                         previous_secret_keys="fictional-old-key").secret()
    assert keys(generated)[1:] == (OLD,) and (tmp_path / "v" / "secret_key").is_file()


# Attacker's review 35 (F3): a key that could not be listed as a previous one is refused.

GENERATED_SHAPE = "5f" * 32  # as `secrets.token_hex(32)` makes them; fixed, so that every
# pytest-xdist worker collects the same test ids


@pytest.mark.parametrize("key", ["s3cret,phrase-2025-north", " padded-old-key",
                                 "padded-old-key ", "tabbed-old-key\t", "\nnewline-key"])
def test_a_key_that_could_not_be_listed_as_previous_is_refused_at_start(
        key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValidationError, match="BROKER_PREVIOUS_SECRET_KEYS") as invalid:
        Settings(_env_file=None, secret_key=key)
    assert "s3cret" not in str(invalid.value) and key.strip() not in str(invalid.value)
    monkeypatch.setenv("BROKER_SECRET_KEY", key)
    with pytest.raises(UserFacingError) as refused:
        cli_settings()
    message = str(refused.value)
    assert message.startswith("bad setting: BROKER_SECRET_KEY: ") and "no comma" in message
    assert key.strip() not in message and "s3cret" not in message


@pytest.mark.parametrize("key", [GENERATED_SHAPE, "fictional key with inner spaces",
                                 "Ünïcode-fictional-key"])
def test_every_key_accepted_now_still_works_once_listed_as_previous(
        key: str, tmp_path: Path) -> None:
    before = Settings(_env_file=None, var_dir=tmp_path, secret_key=key).secret()
    token = make_token(before, 42, "larch-house")
    after = Settings(_env_file=None, var_dir=tmp_path, secret_key="fictional-new-key",
                     previous_secret_keys=f"{key},fictional-other-key").secret()
    assert keys(after)[1:] == (key.encode(), OTHER)
    assert read_token(after, token) == read_token(before, token) is not None


def test_the_key_generated_into_var_is_one_that_can_be_listed(tmp_path: Path) -> None:
    generated = (Settings(_env_file=None, var_dir=tmp_path).secret(),
                 (tmp_path / "secret_key").read_text())[1]
    assert Settings(_env_file=None, secret_key=generated).secret_key == generated


# Attacker's review 38 (F8): with a real relay, a short key is refused at start, the current
# one and every previous one alike, saying how to make one and never repeating it.

RELAY = "smtp://relay.example:25"
LONG = "fictional-long-key-abcdefghij-abcdef"  # 36 characters


@pytest.mark.parametrize("key", ["x", "changeme", "s3cret-fictional", "f" * 31])
def test_a_short_key_is_refused_at_start_with_a_real_relay(
        key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValidationError, match="shorter than 32 characters"):
        Settings(_env_file=None, relay=RELAY, secret_key=key)
    monkeypatch.setenv("BROKER_RELAY", RELAY)
    monkeypatch.setenv("BROKER_SECRET_KEY", key)
    with pytest.raises(UserFacingError) as refused:
        cli_settings()
    message = str(refused.value)
    assert message.startswith("bad setting: BROKER_SECRET_KEY: ")
    assert 'python -c "import secrets; print(secrets.token_urlsafe(32))"' in message
    assert key not in message.replace("secrets", "").replace("characters", "")


@pytest.mark.parametrize("previous", ["changeme", f"{LONG}2, x", f"short-one, {LONG}3"])
def test_a_short_previous_key_is_refused_too(previous: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROKER_RELAY", RELAY)
    monkeypatch.setenv("BROKER_SECRET_KEY", LONG)
    monkeypatch.setenv("BROKER_PREVIOUS_SECRET_KEYS", previous)
    with pytest.raises(UserFacingError) as refused:
        cli_settings()
    message = str(refused.value)
    assert message.startswith("bad setting: BROKER_PREVIOUS_SECRET_KEYS: ")
    assert "token_urlsafe(32)" in message and "must be dropped" in message
    assert "changeme" not in message and "short-one" not in message


def test_long_keys_with_a_real_relay_and_any_key_with_the_mailbox_are_accepted(
        tmp_path: Path) -> None:
    made = "kZ3v0Xq1fictional_t0ken-urlsafe-43-chars-a"  # as token_urlsafe(32) makes them
    real = Settings(_env_file=None, var_dir=tmp_path, relay=RELAY, secret_key=made,
                    previous_secret_keys=f"{LONG}, {GENERATED_SHAPE}")
    assert keys(real.secret()) == (made.encode(), LONG.encode(), GENERATED_SHAPE.encode())
    generated = Settings(_env_file=None, var_dir=tmp_path / "g", relay=RELAY)  # no key set
    assert len(keys(generated.secret())[0]) == 64
    # `make run`, `broker demo` and the tests: the development relay keeps no real mail
    dev = Settings(_env_file=None, var_dir=tmp_path, secret_key="x",
                   previous_secret_keys="changeme")
    assert keys(dev.secret()) == (b"x", b"changeme")
