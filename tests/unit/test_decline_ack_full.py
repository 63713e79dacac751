"""A decline's acknowledgement (provider/response_ack): a home that says it is full is told
the exact line that stops referrals to it (README "Vacancies, pauses and endings"), naming
the home; and a decline is never offered a weekly fee as its example of a correction (ux49
U4)."""

from __future__ import annotations

from datetime import date

from broker.forms.extract import fields_from_text
from tests.provider_mail import rendered
from tests.snapshots import LARCH, RESPONSE_SPEC, actor, snapshot
from workflows.commands import SendEmail
from workflows.events import Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.states import State


def _ack(text: str) -> str:
    reply = Reply(sender=LARCH, subject="Re: referral", message_id="<d1@larchcare.example>",
                  fields=dict(fields_from_text(text, RESPONSE_SPEC).values), body_text=text,
                  sent_on=date(2026, 11, 23))
    decision = decide(snapshot(State.OPEN, responses={}), ReplyReceived(
        actor=actor(LARCH), key="in:d1", establishment="larch-house", reply=reply))
    [ack] = [c for c in decision.commands if isinstance(c, SendEmail)
             and c.template == "provider/response_ack"]
    return " ".join(rendered(ack).get_body(("plain",)).get_content().split())


def test_a_home_that_is_full_is_told_how_to_stop_its_referrals() -> None:
    text = _ack("Sorry, no - Larch House is full until February.")
    assert "We have your decline (reason: no vacancy)." in text
    assert 'email providers@broker.localhost with the line "VACANCIES 0 Larch House"' in text
    assert '"PAUSE Larch House: full" (then "RESUME Larch House"' in text
    assert "Weekly fee: £4,250" not in text
    assert '(for example "Decision: offer", if you can offer after all)' in text


def test_a_decline_for_another_reason_is_not_told_about_vacancies() -> None:
    text = _ack("Decision: Decline\nDecline reason: cannot meet needs")
    assert "VACANCIES 0" not in text and "Weekly fee: £4,250" not in text


def test_an_offer_keeps_its_fee_example() -> None:
    text = _ack("Decision: Offer\nWeekly fee: £4,250\nAvailable from: 01/12/2026")
    assert '(for example "Weekly fee: £4,250")' in text and "VACANCIES" not in text
