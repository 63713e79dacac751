"""The provider emails a decision sends, rendered as the home reads them: one renderer and two
helpers the provider-email tests share."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from broker.tokens import subject_code
from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import NOW
from workflows.commands import SendEmail

RENDERER = EmailRenderer("broker.localhost", "Placement referrals <referrals@broker.localhost>",
                         [TEMPLATES], secret=b"test-secret")


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
