"""The placed home's reply after placement, answered (provider/referral_closed): its subject
says what happened to its message, as its body does, and the body names the home placed
with, not "your home" (ux49 W3: a safety report's answer was headed "placed, write to the
placements team" while its body said it was passed to the team and the social worker)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from broker.forms.extract import fields_from_text
from tests.provider_mail import rendered
from tests.snapshots import KESTREL, RESPONSE_SPEC, actor, snapshot
from workflows.commands import SendEmail
from workflows.events import Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.responses import QUESTIONS_PER_DAY
from workflows.states import State


def _told(text: str, **placed_with: int) -> tuple[str, str]:
    reply = Reply(sender=KESTREL, subject="Re: referral", message_id="<p1@example>",
                  fields=dict(fields_from_text(text, RESPONSE_SPEC).values), body_text=text,
                  sent_on=date(2026, 12, 16))
    decision = decide(replace(snapshot(State.PLACED), **placed_with), ReplyReceived(
        actor=actor(KESTREL), key="in:p1", establishment="kestrel-house", reply=reply))
    [told] = [c for c in decision.commands if isinstance(c, SendEmail)
              and c.template == "provider/referral_closed"]
    message = rendered(told)
    return str(message["Subject"]), " ".join(
        message.get_body(("plain",)).get_content().split())


def test_a_safety_report_is_said_passed_on_in_the_subject_too() -> None:
    subject, body = _told("Cee didn't come back last night. We reported her missing to police "
                          "at 11pm; she was brought back by police at 3am, unharmed.")
    assert subject == ("Northby, for Kestrel House | your safety message passed to the "
                       "placements team and social worker | REF-2026-000001")
    assert "Referral REF-2026-000001 is placed with Kestrel House, and as your message is " \
        "about the young person's safety" in body
    assert "your home" not in body


def test_other_words_passed_on_are_said_so_in_the_subject() -> None:
    subject, body = _told("Could you send us her health passport please?")
    assert subject == ("Northby, for Kestrel House | your message passed to the "
                       "placements team | REF-2026-000001")
    assert "is placed with Kestrel House, and your message has been passed to the " \
        "placements team" in body


def test_words_held_keep_the_subject_that_points_to_the_team() -> None:
    subject, body = _told("Could you send us her health passport please?",
                          questions_emails_today=QUESTIONS_PER_DAY)
    assert "placed, write to the placements team" in subject
    assert "passed" not in subject
