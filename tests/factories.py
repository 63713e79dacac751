"""Factories for tests: settings, migrated databases, emails as mail clients send them."""

from __future__ import annotations

import smtplib
from collections.abc import Iterable
from datetime import date, datetime, time
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

from broker.anonymise import anonymise
from broker.db.engine import make_engine, migrate, session_factory
from broker.forms import (
    ParsedResponse,
    fields_from_text,
    load_response_spec,
    read_message,
    read_response,
)
from broker.referral import FamilyMember, ReferralForm
from broker.settings import Settings
from workflows.people import name_from_address

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "config"
SAMPLE_REFERRAL = (CONFIG / "samples" / "referral.txt").read_text()
REFERRER = "sam.taylor@northby.gov.example"
SECRET = "test-secret-key-fictional-abcdefghij"  # 32 or more: a real relay needs it


def make_settings(tmp_path: Path, database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = dict(
        config_dir=CONFIG, var_dir=tmp_path / "var", database_url=database_url,
        smtp_host="127.0.0.1", smtp_port=0, web_host="127.0.0.1", web_port=0,
        mail_domain="broker.localhost", relay="mailbox", secret_key=SECRET,
        # Lists' windows, the weekly vacancy return and the morning handover follow the real
        # calendar: off unless a test is about them, so that no test's mail depends on the
        # day it runs.
        reopening=False, vacancy_return_schedule="", morning_handover="off",
    )
    values.update(overrides)
    return Settings(_env_file=None, **values)


async def migrated(url: str) -> Any:
    """(engine, sessionmaker) on a freshly migrated database."""
    engine = make_engine(url)
    await migrate(engine)
    return engine, session_factory(engine)


def referral_email(body: str = SAMPLE_REFERRAL, sender: str = REFERRER,
                   **headers: str) -> EmailMessage:
    message = EmailMessage()
    # each sender under their own name: two commissioners are two people
    name = "Sam Taylor" if sender == REFERRER else name_from_address(sender)
    message["From"] = f"{name} <{sender}>"
    message["To"] = "referrals@broker.localhost"
    message["Subject"] = headers.pop("subject", "Referral: residential placement needed")
    message["Date"] = headers.pop("date", formatdate(localtime=True))
    message["Message-ID"] = headers.pop("message_id", make_msgid(domain="northby.gov.example"))
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message


def send_smtp(port: int, message: EmailMessage | bytes, *, sender: str = REFERRER,
              to: str = "referrals@broker.localhost") -> None:
    """Send as a real mail client would, with the standard library's smtplib (blocking)."""
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
        if isinstance(message, bytes):
            smtp.sendmail(sender, [to], message)
        else:
            smtp.send_message(message, from_addr=sender, to_addrs=[to])


def leaked(values: list[str], *texts: str) -> list[str]:
    """The identifying values a reader would recognise in these texts (whole words, any case)."""
    import re

    joined = "\n".join(texts)
    return [v for v in values
            if re.search(rf"(?<![\w]){re.escape(v)}(?![\w])", joined, re.IGNORECASE)]


def everything_readable(message: Any) -> list[str]:
    """Every header value and every decoded text part of an email, as a reader sees them."""
    parts = [f"{name}: {value}" for name, value in message.items()]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            parts.append(part.get_content())
    return parts


def anonymised_background(text: str, *, today: Any, **fields: Any) -> tuple[str, dict[str, int]]:
    """The background text of a referral form with `fields`, after anonymisation on `today`,
    and the redaction counts."""
    result = anonymise(ReferralForm(background=text, **fields), authority=None, today=today)
    background = result.text["background"]
    assert background is not None
    return background, dict(result.redactions)


# The day the outside rounds' referrals are anonymised on.
ROUND_DAY = date(2026, 11, 20)


def scrubbed(text: str, **fields: Any) -> str:
    """A referral's background after anonymisation on ROUND_DAY, for a child called Tia
    Gaskell unless `fields` name another."""
    fields.setdefault("child_name", "Tia Gaskell")
    return anonymised_background(text, today=ROUND_DAY, **fields)[0]


def assert_scrubbed(text: str, gone: Iterable[str], kept: Iterable[str] = (),
                    **fields: Any) -> str:
    """`scrubbed(text, **fields)`, asserting that none of `gone` is left in it and all of
    `kept` is: the outside rounds' tables of what goes and what stays."""
    out = scrubbed(text, **fields)
    assert not [word for word in gone if word in out], out
    assert all(words in out for words in kept), out
    return out


def anonymised_beside_a_family(text: str) -> Any:
    """The text anonymised as the background of a referral that names a child, a nickname, a
    date of birth, a school and two family members: every search has something to look for."""
    form = ReferralForm(child_name="Thomas Jenson Ackerley", background=text, known_as="Bean",
                        date_of_birth=date(2011, 3, 4), school="Brightwater Academy",
                        family_names=[FamilyMember("Rebecca Ackerley", "mother"),
                                      FamilyMember("Gary Wilkins", "mother's partner")])
    return anonymise(form, authority=None, today=ROUND_DAY)


RESPONSE_SPEC = load_response_spec(CONFIG)


def parsed_reply(text: str, *, on: Any, **known: str) -> ParsedResponse:
    """A provider's reply body read with the sample response form, as if written on `on`."""
    fields = fields_from_text(text, RESPONSE_SPEC).values
    return read_response(fields, text, RESPONSE_SPEC, message_date=on, **known)


def reply_read_as_mail(body: str, *, on: Any) -> ParsedResponse:
    """A provider's reply body sent as a plain-text email on `on` and read as the service
    reads mail: its own text, not its quoted history."""
    raw = ("From: Jo <referrals@larchhall.example>\nTo: r+ab12cd@broker.example\n"
           "Subject: RE: Referral REF-2026-000123\n"
           f"Date: {formatdate(datetime.combine(on, time(10, 15)).timestamp())}\n"
           "Content-Type: text/plain; charset=utf-8\n\n" + body).encode()
    read = read_message(raw, RESPONSE_SPEC, new_text_only=True)
    return read_response(dict(read.fields), read.body_text, RESPONSE_SPEC, message_date=on)
