"""Dry runs on a file, with no service running: anonymise, match, parse a provider's reply.

These are what `broker anonymise`, `broker match` and `broker parse-response` print. They use
exactly the functions the service uses, so a dry run shows what providers would receive.

Each reads an email (`.eml`, or text that starts with mail headers) or a plain-text form.
Anything else (a directory, an empty file, a PDF or other binary file, text in which no form
label can be found) raises `NotAForm`, whose message is the one line the command prints.
"""

from __future__ import annotations

import email
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from broker.anonymise import anonymise
from broker.cascade import cascade_for, dry_run, waves_for, with_tiers
from broker.clock import UK_TIME
from broker.eligibility import MatchRequest, match
from broker.forms.extract import fields_from_text
from broker.forms.html_items import html_items
from broker.forms.items import render_items
from broker.forms.message import MAX_MESSAGE_BYTES, read_message
from broker.forms.mime import collect_parts, decode_text
from broker.forms.referral import check_referral
from broker.forms.reply_headers import home_greeted
from broker.forms.response import read_response, response_to_json
from broker.forms.spec import FormSpec, load_referral_spec, load_response_spec
from broker.referral import ReferralForm
from broker.settings import Settings
from broker.tokens import Secret, read_token

_HEADER = re.compile(rb"^(From|Received|Return-Path|Message-ID|MIME-Version|Date):", re.I | re.M)
_SIGNATURES = (  # what a file that is not text most often is
    (b"%PDF", "a PDF"), (b"PK\x03\x04", "a zip archive or Word document"),
    (b"\xd0\xcf\x11\xe0", "an Office document"), (b"\x89PNG", "an image"),
    (b"\xff\xd8\xff", "an image"), (b"GIF8", "an image"), (b"{\\rtf", "a rich-text document"),
)
_SAMPLE_BYTES = 8192
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_MOSTLY_TEXT = 0.02  # more control bytes than this share, and it is not text
_TOKEN_ADDRESS = re.compile(r"\br\+([0-9a-z.\-_]+)@", re.IGNORECASE)


class NotAForm(ValueError):
    """Input that is neither an email nor a text form; the message is one line for a person."""


class NoFormInTheEmail(NotAForm):
    """An email that holds no form we can read (it is in a PDF, an attached email, or
    nowhere): a referral refused, which `--json` reports as `{"errors": [...]}`."""


def read_input(path: Path) -> bytes:
    """The file's bytes, if it could be an email or a text form; NotAForm otherwise."""
    if path.is_dir():
        raise NotAForm(f"{path} is a directory, not an email or a text form")
    raw = path.read_bytes()
    if not raw.strip():
        raise NotAForm(f"{path} is empty")
    head = raw[:_SAMPLE_BYTES]
    for magic, kind in _SIGNATURES:
        if head.lstrip().startswith(magic):
            raise NotAForm(f"{path} is {kind}, not an email or a text form; save the email as "
                           ".eml or paste the form into a text file")
    if len(_CONTROL.findall(head)) > _MOSTLY_TEXT * len(head):
        raise NotAForm(f"{path} is binary data, not an email or a text form")
    return raw


def _no_form(path: Path, spec: FormSpec) -> NotAForm:
    example = spec.fields[0].label
    return NotAForm(f"{path} holds no {spec.name} form: no line starts with a label such as "
                    f"'{example}:'")


def today() -> date:
    return datetime.now(UK_TIME).date()


def is_email(path: Path, raw: bytes) -> bool:
    """An .eml file, or text whose first block carries mail headers."""
    head = raw.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    return path.suffix.lower() == ".eml" or len(_HEADER.findall(head)) >= 2


def read_referral_file(
    settings: Settings, path: Path
) -> tuple[ReferralForm, list[Any], str, date]:
    """The form, its problems, the sender (or '') and the date it was sent."""
    raw = read_input(path)
    spec = load_referral_spec(settings.config_dir)
    if is_email(path, raw):
        message = read_message(raw, spec)
        fields, conflicts, sender = dict(message.fields), message.conflicts, message.sender
        conflicting, set_aside = message.conflicting, message.set_aside
        sent_on = message.sent_on or today()
        if not fields and message.problems:  # e.g. the form is in a PDF attachment
            raise NoFormInTheEmail(" ".join(message.problems[0].split()))
        if not fields:
            raise NoFormInTheEmail(str(_no_form(path, spec)))
    else:
        extracted = fields_from_text(decode_text(raw, None), spec)
        fields, conflicts = dict(extracted.values), extracted.conflicts
        conflicting, set_aside = extracted.conflicting, extracted.set_aside
        sender, sent_on = "", today()
    if not fields:
        raise _no_form(path, spec)
    form, problems = check_referral(fields, spec, message_date=sent_on, conflicts=conflicts,
                                    conflicting=conflicting, set_aside=set_aside)
    return form, problems, sender, sent_on


def _errors(problems: list[Any]) -> dict[str, Any]:
    return {"errors": [{"field": p.field, "problem": p.problem, "example": p.example}
                       for p in problems]}


def anonymise_file(settings: Settings, path: Path, directory: Any,
                   authority_key: str | None = None) -> dict[str, Any]:
    """What providers would be sent; the referring authority is the one `authority_key`
    names (as for `match`), else the sender's."""
    form, problems, sender, _ = read_referral_file(settings, path)
    if problems:
        return _errors(problems)
    if authority_key and directory.authority(authority_key) is None:
        return _unknown_authority(directory, authority_key)
    authority = (directory.authority(authority_key) if authority_key
                 else directory.authority_for_sender(sender) if sender else None)
    return anonymise(form, authority=authority.name if authority else None,
                     today=today()).to_json()


def _unknown_authority(directory: Any, key: str) -> dict[str, Any]:
    known = ", ".join(a.key for a in directory.authorities.values())
    return {"errors": [{"field": "authority", "problem": f"no authority {key!r} in the "
                        "directory", "example": f"one of {known}"}]}


def match_file(
    settings: Settings, path: Path, directory: Any, authority_key: str | None
) -> dict[str, Any]:
    form, problems, sender, _ = read_referral_file(settings, path)
    if problems:
        return _errors(problems)
    if authority_key and directory.authority(authority_key) is None:
        return _unknown_authority(directory, authority_key)
    authority = (directory.authority(authority_key) if authority_key
                 else directory.authority_for_sender(sender) if sender else None)
    if authority is None:
        return {"errors": [{"field": "sender", "problem": "the referring authority is unknown",
                            "example": "an email from a member authority, or --authority KEY"}]}
    request = MatchRequest.from_referral(form, authority.key, today())
    result = match(directory, request)
    cascade = cascade_for(directory.cascades, authority.key, form.placement_type or "")
    waves = waves_for(cascade, form.urgency or "planned", settings.window_for)
    tier = {p.eligible.establishment_key: p.tier for p in with_tiers(directory,
                                                                     result.eligible)}
    planned = dry_run(directory, result.eligible, waves)
    wave_of = {name: plan["number"] for plan in planned for name in plan["establishments"]}
    document = result.to_json()
    for row in document["eligible"]:
        row["tier"] = tier.get(row["establishment_key"], "")
        row["wave"] = wave_of.get(row["establishment"])
    return {**document, "cascade": cascade.name if cascade else None, "waves": planned}


def parse_response_file(
    settings: Settings, path: Path, directory: Any = None
) -> dict[str, Any]:
    """The reply's response fields. An email is always read (its prose may be the answer);
    plain text must hold a form line or words that answer the referral."""
    raw = read_input(path)
    spec = load_response_spec(settings.config_dir)
    email_shaped = is_email(path, raw)
    if not email_shaped:  # its first lines would otherwise be read as mail headers
        raw = b"Content-Type: text/plain\n\n" + raw
    message = read_message(raw, spec, new_text_only=True)
    if message.auto_submitted:  # an out-of-office answers nothing; a referral system's form does
        return dict(response_to_json(read_response(
            dict(message.fields), "", spec, message_date=message.sent_on or today(),
            conflicts=message.conflicts)))
    if not email_shaped and not message.fields and spec.prose_meaning(message.body_text) is None:
        raise _no_form(path, spec)
    sent_on = message.sent_on or today()
    parsed = read_response(dict(message.fields), message.body_text, spec, message_date=sent_on,
                           known_service_name=_home_from_token(settings, raw, directory)
                           or _home_we_wrote_to(raw, spec),
                           conflicts=message.conflicts, subject=message.subject)
    return dict(response_to_json(parsed))


def _home_we_wrote_to(raw: bytes, spec: FormSpec) -> str | None:
    """The home our referral, quoted below the reply, greets ("Dear Elm Court placements
    team,"). The service knows the home from the reply address; a dry run on a file whose
    address it cannot check takes it from there: from the message as read, or else from each
    of its bodies whole, below the signature too (an HTML reply's quoted referral is not in
    the text read as the form)."""
    if home := home_greeted(read_message(raw, spec, new_text_only=False).body_text):
        return home
    try:
        parts = collect_parts(email.message_from_bytes(raw[:MAX_MESSAGE_BYTES]))
    except Exception:  # noqa: BLE001 - unreadable MIME: no home greeted
        return None
    bodies = [*parts.plain, *(render_items(html_items(body)) for body in parts.html)]
    return next((home for body in bodies if (home := home_greeted(body))), None)


def _home_from_token(settings: Settings, raw: bytes, directory: Any) -> str | None:
    """The home the reply's signed `r+<token>@` address names, when the token checks out
    against this installation's key (never generating one) and the directory knows it."""
    if directory is None:
        return None
    current = settings.secret_key.encode() if settings.secret_key else None
    key_file = settings.var_dir / "secret_key"
    if current is None and key_file.is_file():
        current = key_file.read_text().strip().encode()
    secret = Secret(current, settings.previous_secrets) if current else None  # or an old key's
    head = decode_text(raw.split(b"\n\n", 1)[0][:_SAMPLE_BYTES], None)
    for found in _TOKEN_ADDRESS.finditer(head) if secret else ():
        token = read_token(secret or b"", found.group(1))
        establishment = directory.establishment(token.establishment) if token else None
        if establishment is not None:
            return str(establishment.name)
    return None
