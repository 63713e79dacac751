"""A subject naming the child by initials that are not the form's child's (round R31, X06):
the referral is sent, and the acknowledgement says so, giving the subject's letters only,
never the form's child's name (rule `subject-initials`)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.snapshots import SW, actor, snapshot
from tests.unit.test_lifecycle import FORM
from workflows.commands import SendEmail
from workflows.events import FormReceived
from workflows.lifecycle import decide
from workflows.states import State
from workflows.subject_initials import initials_differ, subject_initials


@pytest.mark.parametrize(("subject", "letters"), [
    ("Referral - KB - urgent resi", "KB"), ("RESEND: Referral – K.B.", "KB"),
    ("Referral for JMD", "JMD"), ("Referral - urgent", ""), ("Referral for residential", ""),
    ("Referral - EDT", ""), ("New referral", ""),
])
def test_the_initials_a_subject_gives(subject: str, letters: str) -> None:
    assert subject_initials(subject) == letters


@pytest.mark.parametrize(("subject", "fields", "differ"), [
    ("Referral - KB - urgent resi", {"child_name": "Jordan Doe"}, "KB"),
    ("Referral - JD", {"child_name": "Jordan Doe"}, ""),
    ("Referral - JMD", {"child_name": "Jordan Mae Doe"}, ""),
    ("Referral - KD", {"child_name": "Jordan Doe", "known_as": "Kit"}, ""),
    ("Referral - JS", {"child_name": "Jordan Doe-Smith"}, ""),
    ("Referral - KB", {}, ""),  # no name on the form: nothing to compare
])
def test_initials_that_are_not_the_form_s_child_s(subject: str, fields: dict[str, str],
                                                   differ: str) -> None:
    assert initials_differ(subject, fields) == differ


def test_the_acknowledgement_says_so_and_the_referral_goes() -> None:
    from datetime import UTC, datetime
    from email import message_from_bytes
    from email.policy import default

    from channels.email.render import TEMPLATES, EmailRenderer

    child = FORM.fields["child_name"]
    wrong = "".join(sorted({"Q", "Z"} - {child[0]}))[:1] + "X"
    form = replace(FORM, subject=f"Referral - {wrong} - urgent resi")
    decision = decide(snapshot(State.NEW), FormReceived(actor=actor(SW), key="k", form=form))
    assert decision.snapshot.state == State.OPEN
    [ack] = [c for c in decision.commands if isinstance(c, SendEmail)
             and c.template == "social_worker/acknowledgement"]
    raw = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                        secret=b"test-secret").render(ack, datetime(2026, 12, 7, tzinfo=UTC)).raw
    text = message_from_bytes(raw, policy=default).get_body(
        ("plain",)).get_content()  # type: ignore[union-attr]
    assert f"your subject gives the initials {wrong}" in text
    assert child not in text
    right = replace(FORM, subject=f"Referral - {child.split()[0][0]}{child.split()[-1][0]}")
    decision = decide(snapshot(State.NEW), FormReceived(actor=actor(SW), key="k", form=right))
    [ack] = [c for c in decision.commands if isinstance(c, SendEmail)
             and c.template == "social_worker/acknowledgement"]
    assert not ack.context["initials_differ"]
