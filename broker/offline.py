"""Dry runs on a file, with no service running: anonymise, match, parse a provider's reply.

These are what `broker anonymise`, `broker match` and `broker parse-response` print. They use
exactly the functions the service uses, so a dry run shows what providers would receive.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from broker.anonymise import anonymise
from broker.cascade import cascade_for, dry_run, waves_for, with_tiers
from broker.eligibility import MatchRequest, match
from broker.forms.extract import fields_from_text
from broker.forms.message import read_message
from broker.forms.referral import check_referral
from broker.forms.response import read_response, response_to_json
from broker.forms.spec import load_referral_spec, load_response_spec
from broker.referral import ReferralForm
from broker.settings import Settings

_HEADER = re.compile(rb"^(From|Received|Return-Path|Message-ID|MIME-Version|Date):", re.I | re.M)


def today() -> date:
    return datetime.now(ZoneInfo("Europe/London")).date()


def is_email(path: Path, raw: bytes) -> bool:
    """An .eml file, or text whose first block carries mail headers."""
    head = raw.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    return path.suffix.lower() == ".eml" or len(_HEADER.findall(head)) >= 2


def read_referral_file(
    settings: Settings, path: Path
) -> tuple[ReferralForm, list[Any], str, date]:
    """The form, its problems, the sender (or '') and the date it was sent."""
    raw = path.read_bytes()
    spec = load_referral_spec(settings.config_dir)
    if is_email(path, raw):
        message = read_message(raw, spec)
        fields, conflicts, sender = dict(message.fields), message.conflicts, message.sender
        sent_on = message.date.date() if message.date else today()
    else:
        extracted = fields_from_text(raw.decode("utf-8", "replace"), spec)
        fields, conflicts = dict(extracted.values), extracted.conflicts
        sender, sent_on = "", today()
    form, problems = check_referral(fields, spec, message_date=sent_on, conflicts=conflicts)
    return form, problems, sender, sent_on


def _errors(problems: list[Any]) -> dict[str, Any]:
    return {"errors": [{"field": p.field, "problem": p.problem, "example": p.example}
                       for p in problems]}


def anonymise_file(settings: Settings, path: Path, directory: Any) -> dict[str, Any]:
    form, problems, sender, _ = read_referral_file(settings, path)
    if problems:
        return _errors(problems)
    authority = directory.authority_for_sender(sender) if sender else None
    return anonymise(form, authority=authority.name if authority else None,
                     today=today()).to_json()


def match_file(
    settings: Settings, path: Path, directory: Any, authority_key: str | None
) -> dict[str, Any]:
    form, problems, sender, _ = read_referral_file(settings, path)
    if problems:
        return _errors(problems)
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


def parse_response_file(settings: Settings, path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    spec = load_response_spec(settings.config_dir)
    message = read_message(raw, spec, new_text_only=True)
    sent_on = message.date.date() if message.date else today()
    parsed = read_response(dict(message.fields), message.body_text, spec, message_date=sent_on)
    return dict(response_to_json(parsed))
