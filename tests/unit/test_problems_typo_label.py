"""ux49s U11: a referral's 'please correct' email offers a line whose label is a near miss
of a field it asks for ("Needed form: 14/12/2026" beside a missing "Needed from") back under
the label it was like, ready to send; and it never gives a whole example birth date she
could paste as the child's."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from email import message_from_bytes, policy

from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import SW, actor, snapshot
from tests.unit.test_lifecycle import FORM
from workflows.commands import SendEmail
from workflows.events import FormReceived
from workflows.lifecycle import decide
from workflows.states import State


def _asked() -> str:
    fields = {k: v for k, v in FORM.fields.items() if k not in ("needed_from", "date_of_birth")}
    form = replace(FORM, fields=fields, unread_lines=("Needed form: 14/12/2026",))
    decision = decide(snapshot(State.NEW), FormReceived(actor=actor(SW), key="k", form=form))
    assert decision.snapshot.state == State.INCOMPLETE
    [asked] = [c for c in decision.commands if isinstance(c, SendEmail)]
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    raw = renderer.render(asked, datetime(2026, 12, 7, 9, tzinfo=UTC)).raw
    return str(message_from_bytes(raw, policy=policy.default).get_body(("plain",))
               .get_content())


def test_a_mistyped_label_of_a_field_asked_for_is_offered_back_ready_to_send() -> None:
    text = _asked()
    assert 'Did you mean "Needed from"? If so, reply with:\n\n    Needed from: 14/12/2026\n' \
        in text
    assert '(for example "Needed from: 14/12/2026")' in text
    assert '  - "Needed form: 14/12/2026"' not in text  # not listed again as unread


def test_no_whole_birth_date_is_given_as_an_example() -> None:
    from tests.snapshots import REFERRAL_SPEC

    [birth] = [f for f in REFERRAL_SPEC.fields if f.key == "date_of_birth"]
    assert "dd/mm/yyyy" in birth.example
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{4}", birth.example)
