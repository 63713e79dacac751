"""One typed settings object, built once from `BROKER_*` variables (and `.env`), failing loudly.

Every setting is documented in `config/example.env` and the README, under the
names operators use.
"""

from __future__ import annotations

import os
import re
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from broker.tokens import Secret
from broker.working_time import (
    WorkingHours,
    parse_closure_days,
    parse_region,
    parse_working_hours,
)

_DURATION = re.compile(r"^\s*(\d+)\s*([smhd])\s*$", re.ASCII)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LONGEST = timedelta(days=365)  # no window or link lasts longer; far beyond it dates overflow


def parse_duration(text: str) -> timedelta:
    """`90s`, `30m`, `2h`, `5d` → timedelta, at most `LONGEST` (365d); anything else is an
    error naming the value (and the limit, when that is what it breaks)."""
    match = _DURATION.match(text)
    digits = match.group(1).lstrip("0") if match else ""
    if not match or not digits:
        raise ValueError(f"{text[:40]!r} is not a duration such as 90s, 30m, 2h or 5d")
    seconds = int(digits[:12]) * _UNIT_SECONDS[match.group(2)]
    if len(digits) > 12 or seconds > LONGEST.total_seconds():
        raise ValueError(f"{text.strip()[:40]!r} is longer than the longest duration "
                         "allowed, 365d")
    return timedelta(seconds=seconds)


# The shortest signing key accepted once the relay sends real mail (rule
# secret-key-long-enough): `secrets.token_urlsafe(32)` makes 43 characters.
MIN_SECRET_KEY = 32


class Settings(BaseSettings):
    """All of the service's settings. Environment variables are `BROKER_<NAME>`."""

    model_config = SettingsConfigDict(
        env_prefix="BROKER_", env_file=".env", extra="ignore", hide_input_in_errors=True
    )

    config_dir: Path = Path("config")
    var_dir: Path = Path("var")
    database_url: str = ""  # "": SQLite at <var_dir>/broker.db (`_database_in_var_dir`)
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 2525
    smtp_max_connections: int = Field(default=200, ge=1)  # open at once; past it: 421
    smtp_max_per_client: int = Field(default=50, ge=1)  # from one IP address; past it: 421
    web_host: str = "127.0.0.1"
    web_port: int = 8080
    # The web port faces the internet: connections open at once, in all and from one client
    # (past either: 503 and closed at accept), and how long one may take to send a request's
    # headers, or sit idle between requests, before it is closed (and its body, after them,
    # before it is answered 408 and closed).
    web_max_connections: int = Field(default=512, ge=1)
    web_max_per_client: int = Field(default=64, ge=1)
    web_idle_timeout: str = "15s"
    # Reverse proxies whose X-Forwarded-For names the client (IPs/networks); "" = none.
    trusted_proxies: str = ""
    public_url: str = ""
    mail_domain: str = "broker.localhost"
    relay: str = "mailbox"
    relay_connections: int = Field(default=8, ge=1, le=64)
    # How often a process looks for work another process queued (`serve --role`, split only).
    split_poll_ms: int = Field(default=100, ge=10, le=60_000)
    # Where the worker reads a batch of mail ahead of deciding on it: a child process of its
    # own (the second core's work), or a thread of this one. auto: a child on two cores or more.
    reader_process: Literal["auto", "on", "off"] = "auto"
    secret_key: str = ""
    # Keys `secret_key` replaced, comma-separated: still accepted when verifying what they
    # signed and looking up what they keyed, never used to sign (broker/tokens.py `keys`).
    previous_secret_keys: str = ""
    max_message_bytes: int = Field(default=10 * 1024 * 1024, ge=10_000)
    window_emergency: str = "2h"
    window_urgent: str = "24h"
    window_planned: str = "5d"
    # A planned window counts working days within working hours (broker/working_time.py):
    # Monday to Friday, in UK time, but for the region's bank holidays and closure days.
    working_hours: str = "09:00-17:00"
    bank_holidays: str = "england"  # england | wales | scotland | northern-ireland | none
    closure_days: str = ""  # e.g. 2026-12-24,2026-12-31: days the consortium is closed
    # At each working period's start, each placements team is told what happened out of
    # hours (workflows/handover.py, rule morning-handover).
    morning_handover: Literal["on", "off"] = "on"
    delivery_max_attempts: int = Field(default=8, ge=1)
    chasers: str = "50%,1h"
    approvals_needed: int = Field(default=2, ge=1, le=10)
    approval_expires: str = "48h"
    papers_link_expires: str = "14d"
    shortlist_link_expires: str = "7d"
    slack_bot_token: str = ""
    slack_signing_secret: str = ""
    slack_app_token: str = ""
    slack_api_url: str = ""
    slack_channel: str = ""
    slack_team_channel: str = ""  # placements team announcements; empty = slack_channel
    slack_applications_channel: str = ""  # providers' applications; empty = slack_channel
    vacancy_return_schedule: str = "0 9 * * 1"  # cron, UK time; empty = no weekly return
    reopening: bool = True  # plan lists' windows and email their mailing lists
    log_level: str = "INFO"
    # Running it for a council (README): who proves a sender, how long links and data live.
    trusted_authserv_id: str = ""  # the council MTA's authserv-id in Authentication-Results
    trusted_relays: str = ""  # IPs/networks of that MTA: only its headers are believed
    # How a provider's mail to providers@ proves its From when it answers none of our emails
    # (required | preferred | off, as an authority's sender_auth).
    provider_sender_auth: Literal["required", "preferred", "off"] = "required"
    ipa_link_expires: str = "14d"
    health_relay_grace: str = "15m"  # undelivered this long while the relay fails: degraded
    health_dead_letters: int = Field(default=0, ge=0)  # more unreplayed than this: degraded
    answers_per_hour: int = Field(default=60, ge=0)  # to mail it cannot use, in all
    unlinked_retention: str = "30d"  # mail that never became part of a referral: bytes kept
    unsent_lapse: str = "28d"  # a referral incomplete or held this long, untouched: withdrawn

    # The staff console (channels/web/console): sign-in links and sessions, optional OIDC.
    console_link_expires: str = "15m"
    console_session_expires: str = "8h"
    oidc_issuer: str = ""  # e.g. https://login.council.example/ ; "" = emailed links only
    oidc_client_id: str = ""
    oidc_client_secret: str = ""
    oidc_label: str = "your council account"
    oidc_domains: str = ""  # the email domains the provider speaks for; needed with an issuer

    @property
    def reads_in_a_child(self) -> bool:
        """Whether the worker reads mail ahead in a child process (`reader_process`)."""
        if self.reader_process == "auto":
            return (os.cpu_count() or 1) >= 2
        return self.reader_process == "on"

    @field_validator("window_emergency", "window_urgent", "window_planned", "approval_expires",
                     "papers_link_expires", "shortlist_link_expires", "ipa_link_expires",
                     "health_relay_grace", "console_link_expires", "console_session_expires",
                     "unlinked_retention", "unsent_lapse", "web_idle_timeout")
    @classmethod
    def _window_is_a_duration(cls, value: str) -> str:
        parse_duration(value)
        return value

    @field_validator("working_hours")
    @classmethod
    def _working_hours_are_readable(cls, value: str) -> str:
        parse_working_hours(value)
        return value

    @field_validator("bank_holidays")
    @classmethod
    def _region_is_known(cls, value: str) -> str:
        return parse_region(value)

    @field_validator("closure_days")
    @classmethod
    def _closure_days_are_days(cls, value: str) -> str:
        parse_closure_days(value)
        return value

    def working_calendar(self) -> WorkingHours:
        """The working days and hours a planned referral's window counts."""
        opens, closes = parse_working_hours(self.working_hours)
        return WorkingHours(opens, closes, self.bank_holidays,
                            parse_closure_days(self.closure_days))

    @field_validator("chasers")
    @classmethod
    def _chasers_are_readable(cls, value: str) -> str:
        for spec in filter(None, (part.strip() for part in value.split(","))):
            if spec.endswith("%"):
                if not re.fullmatch(r"\d{1,2}(\.\d+)?%", spec):
                    raise ValueError(f"{spec!r}: a chaser is a percentage of the window "
                                     "(50%) or a time before its end (1h)")
            else:
                parse_duration(spec)
        return value

    @field_validator("trusted_relays", "trusted_proxies")
    @classmethod
    def _relays_are_networks(cls, value: str) -> str:
        import ipaddress

        for part in filter(None, (p.strip() for p in value.split(","))):
            try:
                ipaddress.ip_network(part, strict=False)
            except ValueError as error:
                raise ValueError(f"{part!r} is not an IP address or network") from error
        return value

    @property
    def relay_networks(self) -> tuple[str, ...]:
        return tuple(p.strip() for p in self.trusted_relays.split(",") if p.strip())

    @property
    def chaser_specs(self) -> list[str]:
        return [part.strip() for part in self.chasers.split(",") if part.strip()]

    @field_validator("vacancy_return_schedule")
    @classmethod
    def _schedule_is_cron(cls, value: str) -> str:
        if value.strip():
            from broker.cron import cron_trigger

            cron_trigger(value.strip())  # ValueError names what is wrong
        return value.strip()

    @property
    def providers_address(self) -> str:
        return f"providers@{self.mail_domain}"

    @field_validator("relay")
    @classmethod
    def _relay_is_known(cls, value: str) -> str:
        if value == "mailbox":
            return value
        parts = urlsplit(value)
        if parts.scheme not in ("smtp", "smtps", "smtp+starttls") or not parts.hostname:
            raise ValueError(
                f"{value!r}: BROKER_RELAY is 'mailbox' or smtp://host:port "
                "(smtps://… or smtp+starttls://user:pass@host:port)"
            )
        return value

    @model_validator(mode="after")
    def _database_in_var_dir(self) -> Settings:
        """Unset, the database is SQLite in `var_dir`, so BROKER_VAR_DIR moves it too."""
        if not self.database_url.strip():
            self.database_url = f"sqlite+aiosqlite:///{self.var_dir / 'broker.db'}"
        return self

    @field_validator("secret_key")
    @classmethod
    def _key_can_be_listed_later(cls, value: str) -> str:
        """A key that could never be listed in BROKER_PREVIOUS_SECRET_KEYS after a change
        (split on commas, each stripped) is refused now, never silently lost then; the
        key is never repeated in the message. A generated key (hex) is always fine."""
        if "," in value or value != value.strip():
            raise ValueError(
                "must contain no comma and no space at its start or end, so that it can be "
                "listed in BROKER_PREVIOUS_SECRET_KEYS when it is changed; use a long random "
                "value of letters and digits (python3 -c 'import secrets; "
                "print(secrets.token_hex(32))'), and see \"Changing the secret\" in the README "
                "for what a new key means for live searches")
        return value

    @field_validator("secret_key", "previous_secret_keys")
    @classmethod
    def _keys_are_long_with_a_real_relay(cls, value: str, info: ValidationInfo) -> str:
        """Rule `secret-key-long-enough`: once BROKER_RELAY sends real mail (not `mailbox`,
        the development relay, with which `make run`, `broker demo` and the tests start), the
        signing key, and every previous key still accepted for what it signed, is at least
        `MIN_SECRET_KEY` characters: it signs reply addresses and the papers' and agreement's
        links, and a short or dictionary key ("changeme") can be guessed. Refused at start,
        saying how to make one; the key is never repeated in the message."""
        relay = info.data.get("relay")
        if relay in (None, "mailbox"):  # None: the relay is refused itself
            return value
        keys = [k.strip() for k in value.split(",") if k.strip()] \
            if info.field_name == "previous_secret_keys" else [value] if value else []
        short = [n for n, key in enumerate(keys, start=1) if len(key) < MIN_SECRET_KEY]
        if not short:
            return value
        which = ("the signing key is" if info.field_name == "secret_key" else
                 f"key {short[0]} of the list is" if len(short) == 1 else
                 f"keys {', '.join(map(str, short))} of the list are")
        raise ValueError(
            f"{which} shorter than {MIN_SECRET_KEY} characters, and BROKER_RELAY sends "
            "real mail: the key signs reply addresses and the papers' and agreement's links, "
            "so a short one can be guessed. Make one with: python -c \"import secrets; "
            "print(secrets.token_urlsafe(32))\""
            + (" (a previous key that short must be dropped: what it signed then stops "
               "working; see \"Changing the secret\" in the README)"
               if info.field_name == "previous_secret_keys" else ""))

    @field_validator("log_level")
    @classmethod
    def _level_is_known(cls, value: str) -> str:
        if value.strip().upper() not in LOG_LEVELS:
            raise ValueError(f"{value[:40]!r} is not a log level: one of "
                             f"{', '.join(LOG_LEVELS)}")
        return value.strip().upper()

    @model_validator(mode="after")
    def _oidc_names_its_domains(self) -> Settings:
        if self.oidc_issuer and not self.oidc_domain_set:
            raise ValueError(
                "BROKER_OIDC_DOMAINS: name the email domains your identity provider speaks "
                "for (its council's, e.g. northby.gov.example): it may vouch for no others")
        return self

    @property
    def oidc_domain_set(self) -> frozenset[str]:
        return frozenset(d.strip().lower().rstrip(".") for d in self.oidc_domains.split(",")
                         if d.strip())

    @field_validator("mail_domain")
    @classmethod
    def _domain_is_plain(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9.-]+", value):
            raise ValueError(f"{value!r} is not a mail domain")
        return value.lower()

    def window_for(self, urgency: str) -> timedelta:
        """The response window for a referral of this urgency."""
        return parse_duration(
            {"emergency": self.window_emergency, "urgent": self.window_urgent}.get(
                urgency, self.window_planned
            )
        )

    @property
    def referrals_address(self) -> str:
        return f"referrals@{self.mail_domain}"

    @property
    def web_base_url(self) -> str:
        return self.public_url.rstrip("/") or f"http://{self.web_host}:{self.web_port}"

    @property
    def previous_secrets(self) -> tuple[bytes, ...]:
        """`BROKER_PREVIOUS_SECRET_KEYS`, each as bytes, blanks dropped, in the order given."""
        return tuple(key.strip().encode() for key in self.previous_secret_keys.split(",")
                     if key.strip())

    def secret(self) -> Secret:
        """The signing key: the setting, else one generated into `var/secret_key` on first run;
        carrying the previous keys, accepted only to verify and look up (`Secret`)."""
        if self.secret_key:
            return Secret(self.secret_key.encode(), self.previous_secrets)
        path = self.var_dir / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_hex(32))
            path.chmod(0o600)
        return Secret(path.read_text().strip().encode(), self.previous_secrets)
