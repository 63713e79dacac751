"""The emails a decision sends, rendered as their readers read them: one renderer and the
helpers the email tests share (`emails_of`, `rendered` for a home's email, and `text_of` for
any email's words)."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from broker.tokens import subject_code
from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import NOW
from workflows.commands import SendEmail

RENDERER = EmailRenderer("broker.localhost", "Placement referrals <referrals@broker.localhost>",
                         [TEMPLATES], secret=b"test-secret")
_CODE = re.compile(r" \[#[a-z0-9]+\]$")  # a subject's code for the referral (see `rendered`)


def emails_of(decision: Any, template: str) -> list[SendEmail]:
    """The decision's emails of one template."""
    return [c for c in decision.commands if isinstance(c, SendEmail) and c.template == template]


def rendered(command: SendEmail) -> EmailMessage:
    """The email as the home reads it, its subject without the home's code for the referral
    at its end (which it must carry: broker/tokens.py `subject_code`)."""
    message = message_from_bytes(RENDERER.render(command, NOW).raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    code = f" [#{subject_code(b'test-secret', command.to, command.context['reference'])}]"
    subject = str(message["Subject"])
    assert subject.endswith(code), subject
    message.replace_header("Subject", subject.removesuffix(code))
    return message


def text_of(command: SendEmail) -> str:
    """What the email's reader reads, as one line: its subject (without the code for the
    referral at its end) and its plain-text body, each run of spaces and line breaks one
    space, so that a test finds a sentence wherever the template wraps it."""
    message = message_from_bytes(RENDERER.render(command, NOW).raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    body = message.get_body(("plain",))
    assert body is not None, f"{command.template} has no plain-text body"
    subject = _CODE.sub("", str(message["Subject"]))
    return " ".join(f"{subject}\n{body.get_content()}".split())


def held_texts(decision: Any) -> dict[str, str]:
    """The held emails of a decision (the social worker's and the team's), each as its
    reader reads it (`text_of`), by template."""
    return {c.template: text_of(c) for c in decision.commands if isinstance(c, SendEmail)
            and c.template.startswith(("social_worker/held", "placements_team/held"))}
