"""Render a `SendEmail` command into a real MIME message from the Jinja2 templates.

Templates live in `templates/email/<audience>/<event>.txt.j2` (required; its first line is
`Subject: …`) and `.html.j2` (optional alternative part). Undefined variables are errors
(StrictUndefined), so a template can never silently drop a field.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    select_autoescape,
)

from channels.email.compose import compose
from workflows.commands import SendEmail

LOCAL = ZoneInfo("Europe/London")
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def when(moment: datetime | str) -> str:
    """`5:00pm on Tuesday 24 November 2026` in UK time."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    local = moment.astimezone(LOCAL)
    clock = local.strftime("%I:%M%p").lstrip("0").lower()
    return f"{clock} on {local.strftime('%A')} {local.day} {local.strftime('%B %Y')}"


def day(value: date | str | None) -> str:
    """`Tuesday 1 December 2026`, or `not given`."""
    if value is None:
        return "not given"
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return f"{value.strftime('%A')} {value.day} {value.strftime('%B %Y')}"


def duration_words(delta: timedelta) -> str:
    """`2 hours`, `24 hours`, `5 days`, `90 seconds`: how long a window is, in words."""
    seconds = int(delta.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size and (seconds % size == 0 or unit == "minute"):
            count = seconds // size
            if unit == "day" and count == 1:
                return "24 hours"
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


def money(value: Decimal | float | int | None) -> str:
    if value is None:
        return "not given"
    return f"£{Decimal(str(value)):,.2f}".replace(".00", "")


@dataclass(frozen=True)
class RenderedEmail:
    message_id: str
    subject: str
    raw: bytes


class EmailRenderer:
    """Turns commands into messages. One per service; thread-safe (Jinja2 environments are)."""

    def __init__(self, mail_domain: str, from_address: str, template_dirs: list[Path]) -> None:
        self.mail_domain = mail_domain
        self.from_address = from_address
        self.env = Environment(
            loader=FileSystemLoader([str(p) for p in template_dirs]),
            undefined=StrictUndefined,
            autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(when=when, day=day, duration_words=duration_words, money=money)

    def message_id_for(self, key: str) -> str:
        """Stable per command key, so a re-render of the same email keeps its identity."""
        return f"<{hashlib.sha256(key.encode()).hexdigest()[:24]}@{self.mail_domain}>"

    def render(self, command: SendEmail, sent_at: datetime) -> RenderedEmail:
        context = {**command.context, "mail_domain": self.mail_domain}
        subject, text = self._text(command.template, context)
        message_id = self.message_id_for(command.key)
        headers = [("From", self.from_address), ("To", command.to), ("Subject", subject),
                   ("Date", format_datetime(sent_at)), ("Message-ID", message_id),
                   ("Auto-Submitted", "auto-generated")]  # RFC 3834: no auto-replies to us
        if command.reply_to:
            headers.append(("Reply-To", command.reply_to))
        if command.in_reply_to:
            headers.append(("In-Reply-To", command.in_reply_to))
        references = [r for r in command.references if r]
        if references:
            headers.append(("References", "\n ".join(references)))
        raw = compose(headers, text, self._html(command.template, context))
        return RenderedEmail(message_id, subject, raw)

    def _text(self, template: str, context: dict) -> tuple[str, str]:
        rendered = self.env.get_template(f"email/{template}.txt.j2").render(context)
        first, _, body = rendered.partition("\n")
        if not first.startswith("Subject:"):
            raise ValueError(f"email/{template}.txt.j2 must start with a 'Subject:' line")
        return " ".join(first[len("Subject:"):].split()), body.lstrip("\n")

    def _html(self, template: str, context: dict) -> str | None:
        try:
            tpl = self.env.get_template(f"email/{template}.html.j2")
        except TemplateNotFound:
            return None
        return tpl.render(context)
