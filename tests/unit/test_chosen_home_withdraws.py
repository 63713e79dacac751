"""A home says no once another (or it) has been chosen: the fee negotiation is read for the
home's decision before its fee (attacker's review 21). A backup on the shortlist that
declines is heard as in APPROVED; the chosen home that declines or withdraws ends the
negotiation, back to the approved shortlist; no AGREE nor sign-off places the child with a
home that has said no."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests.snapshots import BUDGET, KESTREL, LARCH, NOW, SW, TEAM, actor, snapshot
from workflows.agreement_rounds import WITHDREW, current_negotiation
from workflows.commands import (
    ChangeCapacity,
    IssueDocument,
    RecordEvent,
    RecordFeeRound,
    RecordResponse,
    RevokePapers,
    SendEmail,
)
from workflows.events import Chosen, FeeAgreed, FeeSignedOff, Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.snapshot import ResponseRecord, Snapshot
from workflows.states import State

HOMES = {"kestrel-house": KESTREL, "larch-house": LARCH}


def _reply(establishment: str, body: str, fields: dict[str, str] | None = None,
           written: timedelta = timedelta(0)) -> ReplyReceived:
    reply = Reply(HOMES[establishment], "RE: REF-2026-000001", f"<{body[:9]}@example.org>",
                  fields or {}, body, date(2026, 11, 25), sent_at=NOW + written)
    return ReplyReceived(actor=actor(HOMES[establishment]), key=f"k-{body[:12]}",
                         establishment=establishment, reply=reply)


def _sent(decision, template: str) -> list[SendEmail]:  # type: ignore[no-untyped-def]
    return [c for c in decision.commands if isinstance(c, SendEmail) and c.template == template]


def _negotiating() -> Snapshot:
    """Kestrel House (A) chosen at £4,800; Larch House (B), shortlisted too, still offers."""
    base = snapshot(State.NEGOTIATING)
    return replace(base, responses={**base.responses, "larch-house": ResponseRecord(
        "larch-house", "offer", {}, {"weekly_fee": 4250, "service_name": "Larch House"})})


@pytest.mark.parametrize("body", ["Decision: decline\nReason: the bed has gone.",
                                  "Decision: decline"])  # its reason to follow
def test_a_backup_home_that_declines_while_another_is_negotiated_is_heard(body: str) -> None:
    """Before: told "this referral is closed", its answer not recorded, its papers live."""
    result = decide(_negotiating(), _reply("larch-house", body, {"decision": "decline"}))
    assert result.answer.accepted and result.snapshot.state == State.NEGOTIATING
    assert result.snapshot.referral.chosen == "kestrel-house"
    assert result.snapshot.responses["larch-house"].decision == "decline"
    assert any(isinstance(c, RecordResponse) for c in result.commands)
    assert RevokePapers("larch-house") in result.commands
    assert RevokePapers("kestrel-house") not in result.commands
    assert not _sent(result, "provider/referral_closed")
    [told] = _sent(result, "social_worker/late_response")
    assert told.to == SW and told.context["negotiating_with"] == "Kestrel House"
    [ack] = [*_sent(result, "provider/response_ack"), *_sent(result, "provider/missing_fields")]
    assert ack.context["papers_stopped"]


@pytest.mark.parametrize("body, fields", [
    ("Decision: decline\nReason: we can no longer offer, sorry.", {"decision": "decline"}),
    ("Decision: withdrawn", {"decision": "withdrawn"}),
    ("We can no longer offer the placement. Please accept our apologies.", {}),
    ("Sorry, we have to withdraw our offer, the bed has gone to an emergency.", {}),
    ("Our manager has decided we cannot take her after all, sorry.", {}),
])
def test_the_chosen_home_that_says_no_ends_the_negotiation(body: str,
                                                           fields: dict[str, str]) -> None:
    result = decide(_negotiating(), _reply("kestrel-house", body, fields))
    assert result.answer.accepted and result.answer.outcome == "chosen-home-withdrew"
    after = result.snapshot
    assert after.state == State.APPROVED and after.referral.chosen == ""
    assert after.responses["kestrel-house"].decision in ("decline", "withdrawn")
    assert RevokePapers("kestrel-house") in result.commands
    assert RevokePapers("larch-house") not in result.commands  # the backup keeps its papers
    assert RecordFeeRound("kestrel-house", 2, WITHDREW, "", WITHDREW) in result.commands
    assert any(isinstance(c, RecordEvent) and c.kind == "chosen-home-withdrew"
               for c in result.commands)
    told = _sent(result, "social_worker/chosen_withdrew")
    assert [e.to for e in told] == [SW, TEAM]
    assert told[0].context["remaining"] == ["B: Larch House"]
    assert not _sent(result, "provider/fee_unclear")
    assert not _sent(result, "social_worker/late_response")  # one email, not two
    # acknowledged, or asked for its reason: either way told its papers link has stopped
    [ack] = [*_sent(result, "provider/response_ack"), *_sent(result, "provider/missing_fields")]
    assert ack.to == KESTREL and ack.context["papers_stopped"]
    # and the social worker may choose again
    again = decide(after, Chosen(actor=actor(SW), key="c", label="B"))
    assert again.snapshot.state == State.NEGOTIATING
    assert again.snapshot.referral.chosen == "larch-house"
    assert RecordFeeRound("larch-house", 1, "provider", "4250.00") in again.commands


@pytest.mark.parametrize("body", [
    "No, sorry, we can't agree to that fee.",
    "We must decline at £4,000. Our fee remains £4,500.",
    "We decline the fee you proposed.",
])
def test_a_no_to_the_fee_is_an_answer_on_the_fee_not_a_withdrawal(body: str) -> None:
    result = decide(_negotiating(), _reply("kestrel-house", body))
    assert result.snapshot.state == State.NEGOTIATING
    assert result.snapshot.referral.chosen == "kestrel-house"
    assert not any(isinstance(c, RevokePapers) for c in result.commands)
    assert not _sent(result, "social_worker/chosen_withdrew")


def test_a_counter_fee_is_still_a_fee_round() -> None:
    result = decide(_negotiating(), _reply("kestrel-house", "We can't do £4,600 but could "
                                                            "meet you at £4,725"))
    assert result.snapshot.state == State.NEGOTIATING
    assert result.snapshot.fee_rounds[-1] == (2, "provider", "4725.00")


def test_a_decline_written_before_the_current_offer_changes_nothing() -> None:
    """Mail a relay held: the home's later word (its offer) stands, and so does the choice."""
    base = _negotiating()
    current = replace(base.responses["kestrel-house"], sent_at=NOW)
    held = replace(base, responses={**base.responses, "kestrel-house": current})
    result = decide(held, _reply("kestrel-house", "Decision: decline", {"decision": "decline"},
                                 written=-timedelta(hours=3)))
    assert result.snapshot.state == State.NEGOTIATING
    assert result.snapshot.referral.chosen == "kestrel-house"
    assert not _sent(result, "social_worker/chosen_withdrew")


def _said_no(base: Snapshot, decision: str = "decline") -> Snapshot:
    return replace(base, responses={**base.responses, "kestrel-house": replace(
        base.responses["kestrel-house"], decision=decision)})


def test_agree_on_a_home_that_has_said_no_is_refused_and_nothing_is_issued() -> None:
    result = decide(_said_no(_negotiating()), FeeAgreed(actor=actor(SW), key="a"))
    assert not result.answer.accepted and result.snapshot.state == State.NEGOTIATING
    assert "Kestrel House has declined since it was chosen" in result.answer.message
    assert "B: Larch House" in result.answer.message
    assert not any(isinstance(c, IssueDocument | ChangeCapacity) for c in result.commands)
    assert not _sent(result, "provider/ipa")


def test_a_sign_off_for_a_home_that_has_said_no_is_refused() -> None:
    waiting = replace(_said_no(_negotiating(), "withdrawn"), fee_rounds=(
        (1, "provider", "4800.00"), (2, "authority", "4800.00"),
        (3, "awaiting-sign-off", "4800.00")))
    result = decide(waiting, FeeSignedOff(actor=actor(BUDGET), key="s"))
    assert not result.answer.accepted and result.snapshot.state == State.NEGOTIATING
    assert "withdrawn its offer since it was chosen" in result.answer.message
    assert not any(isinstance(c, IssueDocument) for c in result.commands)


def test_budget_holders_are_told_when_the_fee_they_were_asked_about_has_gone() -> None:
    waiting = replace(_negotiating(), fee_rounds=((1, "provider", "4800.00"),
                                                  (2, "awaiting-sign-off", "4800.00")))
    result = decide(waiting, _reply("kestrel-house", "Decision: withdrawn",
                                    {"decision": "withdrawn"}))
    told = _sent(result, "social_worker/chosen_withdrew")
    assert BUDGET in [e.to for e in told] and told[0].context["sign_off_waiting"]
    assert RecordFeeRound("kestrel-house", 3, WITHDREW, "", WITHDREW) in result.commands


def test_a_new_negotiation_does_not_carry_the_withdrawn_homes_rounds() -> None:
    rounds = ((1, "provider", "4800.00"), (2, "authority", "4500.00"), (3, WITHDREW, ""),
              (1, "provider", "4250.00"))
    assert current_negotiation(rounds) == ((1, "provider", "4250.00"),)
    assert current_negotiation(rounds[:2]) == rounds[:2]
    assert current_negotiation(rounds[:3]) == ()
    assert Decimal(current_negotiation(rounds)[-1][2]) == Decimal("4250")


def test_a_chosen_home_that_withdraws_is_said_to_have_withdrawn_in_its_words_alone() -> None:
    """ux49s U13: "Decision: Withdraw / Sorry - the bed has gone" was told as "has declined",
    quoted as "Decision: Withdraw Sorry - …", with the commissioners as the next step."""
    from datetime import UTC, datetime
    from email import message_from_bytes, policy

    from channels.email.render import TEMPLATES, EmailRenderer

    body = "Decision: Withdraw\nSorry - the bed has been taken by an emergency admission."
    result = decide(replace(_negotiating(), responses=snapshot(State.NEGOTIATING).responses),
                    _reply("kestrel-house", body, {"decision": "decline"}))
    told = _sent(result, "social_worker/chosen_withdrew")
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    texts = {}
    for email in told:
        message = message_from_bytes(renderer.render(email, datetime(2026, 12, 7, tzinfo=UTC))
                                     .raw, policy=policy.default)
        texts[email.to] = (str(message["Subject"]), " ".join(
            str(message.get_body(("plain",)).get_content()).split()))
    subject, mine = texts[SW]
    assert "the chosen home, Kestrel House, has withdrawn [" in subject
    assert "has withdrawn its offer while its fee was being agreed" in mine
    assert "“Sorry - the bed has been taken by an emergency admission.”" in mine
    assert "Decision:" not in mine and "commissioners" not in mine
    assert f"your placements team ({TEAM}) can widen the search" in mine.lower()
    assert "the team can widen the search" in texts[TEAM][1].lower()
