"""An emergency at night reaches people who can act, and the day team picks it up (ux50 EDT
cases): an emergency's approval is flagged EMERGENCY, notifies the Slack channel and reminds
those yet to decide at a quarter of its time, and the social worker is told nothing goes to
a home until the commissioners, named, approve; and a home's questions at night on an
emergency go to the referrer as well as the team."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from broker.forms.extract import fields_from_text
from channels.slack.blocks import shortlist_approval
from tests.provider_mail import emails_of, rendered
from tests.snapshots import (
    ALEX,
    LARCH,
    PROFILE,
    RESPONSE_SPEC,
    RUTH,
    SW,
    TEAM,
    actor,
    snapshot,
    world,
)
from workflows.commands import PostSlack, SetDeadline
from workflows.events import ApprovalGiven, DeadlineKind, Reply, ReplyReceived, Shortlisted
from workflows.lifecycle import decide
from workflows.snapshot import ApprovalRecord
from workflows.states import State

IN_SLACK = world(slack_channel="C-APPROVALS")
VIEWS = {"parents": "Mum agrees.", "child": "Wants somewhere quiet."}


def _emergency(**changes):  # type: ignore[no-untyped-def]
    base = snapshot(State.CLOSED, **changes)
    return replace(base, referral=replace(
        base.referral, urgency="emergency",
        anonymised={"profile": {**PROFILE, "urgency": "emergency"}, "text": {}}))


def _shortlist(snap):  # type: ignore[no-untyped-def]
    return decide(snap, Shortlisted(actor=actor(), key="k", labels=("A",), views=VIEWS))


def _reminder_at(decision) -> timedelta:  # type: ignore[no-untyped-def]
    [due] = [c for c in decision.commands if isinstance(c, SetDeadline)
             and c.kind == DeadlineKind.APPROVAL_REMINDER]
    return due.due_at - decision.snapshot.world.now


def test_an_emergencys_approvers_are_reminded_at_a_quarter_of_the_time_others_at_three() -> None:
    ttl = snapshot().world.approval_ttl
    assert _reminder_at(_shortlist(_emergency())) == ttl / 4
    assert _reminder_at(_shortlist(snapshot(State.CLOSED))) == ttl * 3 / 4


def test_an_emergencys_slack_request_says_emergency_and_notifies_the_channel() -> None:
    [post] = [c for c in _shortlist(_emergency(world=IN_SLACK)).commands
              if isinstance(c, PostSlack) and c.template == "shortlist_approval"]
    message = shortlist_approval(post.context)
    assert message["blocks"][0]["text"]["text"].startswith("EMERGENCY")
    assert message["text"].startswith("<!here> EMERGENCY")
    assert "<!here>" in message["blocks"][1]["text"]["text"]
    # once decided, the updated message notifies nobody again
    decided = shortlist_approval({**post.context, "status": "approved"})
    assert "<!here>" not in str(decided)


def test_a_planned_slack_request_notifies_nobody() -> None:
    [post] = [c for c in _shortlist(snapshot(State.CLOSED, world=IN_SLACK)).commands
              if isinstance(c, PostSlack) and c.template == "shortlist_approval"]
    message = shortlist_approval(post.context)
    assert "<!here>" not in str(message)
    assert "EMERGENCY" not in str(message)


def test_an_emergencys_email_request_says_emergency_in_its_subject() -> None:
    [request, *_] = emails_of(_shortlist(_emergency()), "commissioner/approval_request")
    assert str(rendered(request)["Subject"]).startswith("EMERGENCY REF-2026-000001:")
    [planned, *_] = emails_of(_shortlist(snapshot(State.CLOSED)),
                              "commissioner/approval_request")
    assert "EMERGENCY" not in str(rendered(planned)["Subject"])


def test_the_social_worker_is_told_nothing_goes_until_the_named_commissioners_approve() -> None:
    [told] = emails_of(_shortlist(_emergency(world=IN_SLACK)),
                       "social_worker/shortlist_recorded")
    text = rendered(told).get_content()
    assert "nothing goes to any home" in text
    assert "Alex Morgan, Ruth Adeyemi and Nadia Brennan" in text
    assert "Slack channel" in text
    [planned] = emails_of(_shortlist(snapshot(State.CLOSED)), "social_worker/shortlist_recorded")
    assert "nothing goes to any home" not in rendered(planned).get_content()


# 3a: a home's questions at night on an emergency reach the referrer as well as the team

LARCH_ASKS = ("Decision: interested\nIs he known to police for violence towards staff? "
              "Could he share with a 15-year-old boy?\n\nOn-call manager, Larch View")


def _asked(snap):  # type: ignore[no-untyped-def]
    reply = Reply(sender=LARCH, subject="Re: referral", message_id="<q1@larchcare.example>",
                  fields=dict(fields_from_text(LARCH_ASKS, RESPONSE_SPEC).values),
                  body_text=LARCH_ASKS, sent_on=date(2026, 11, 23))
    return decide(snap, ReplyReceived(actor=actor(LARCH), key="in:1",
                                      establishment="larch-house", reply=reply))


def _open_emergency():  # type: ignore[no-untyped-def]
    base = snapshot(State.OPEN)
    return replace(base, referral=replace(base.referral, urgency="emergency"))


def test_an_emergencys_questions_go_to_the_referrer_and_the_team_each_saying_so() -> None:
    asked = emails_of(_asked(_open_emergency()), "placements_team/provider_questions")
    assert sorted(c.to for c in asked) == sorted([SW, TEAM])
    by = {c.to: rendered(c).get_content() for c in asked}
    assert "Is he known to police for violence towards staff?" in by[SW]
    assert "made the referral" in by[SW] and TEAM in by[SW]
    assert f"also went to the social worker who made the referral ({SW})" in by[TEAM]
    hers, team = (" ".join(by[to].split()) for to in (SW, TEAM))
    # reader ux51s: in plain words, what she must do, and that the team can do it instead
    assert "You need not answer: the placements team can answer them from their screen in " \
        "the morning." in hers
    assert f"quoting REF-2026-000001, and copy the placements team ({TEAM})" in hers
    assert "Larch House has not been approved to see the child's papers. In your answer do " \
        "not name the child, the child's school or family, and do not send links" in hers
    assert "Larch House has been told its questions have gone to you and the placements " \
        "team." in hers
    assert "has been asked to copy you if so; if not, they are yours to answer in the " \
        "morning. Larch House has been told its questions have gone to you both." in team
    for jargon in ("recorded as it stands", "The service answers no questions",
                   "they are passed to you", "been passed to you."):
        assert jargon not in hers and jargon not in team
    [ack] = emails_of(_asked(_open_emergency()), "provider/response_ack")
    assert "to the placements team at placements@northby.gov.example and, as this is an " \
        "emergency, to the social worker who made the referral: one of them will answer you" \
        in " ".join(rendered(ack).get_content().split())


def test_a_planned_referrals_questions_go_to_the_team_alone() -> None:
    asked = emails_of(_asked(snapshot(State.OPEN)), "placements_team/provider_questions")
    assert [c.to for c in asked] == [TEAM]
    said = " ".join(rendered(asked[0]).get_content().split())
    assert "also went" not in said and "recorded as it stands" not in said
    assert "Please answer them from the referral's page in the placements console, or by " \
        "writing to Larch House" in said
    assert "Larch House has been told its questions have gone to the placements team." in said


# 3d: the approval and its awaited CHOOSE reach the placements team too, for every referral


def test_the_team_gets_a_copy_of_the_approval_saying_a_choose_is_awaited() -> None:
    waiting = snapshot(State.AWAITING_APPROVAL,
                       approvals=(ApprovalRecord(1, ALEX, "Alex", "approve", ""),))
    approved = decide(waiting, ApprovalGiven(actor=actor(RUTH, "slack"), key="k",
                                             decision="approve", reason="", round=1))
    mails = emails_of(approved, "social_worker/approved")
    assert [m.to for m in mails] == [SW, TEAM]
    hers, team = (rendered(m) for m in mails)
    assert "CHOOSE is awaited" not in hers.get_content()
    assert str(team["Subject"]).endswith("a CHOOSE is awaited")
    words = " ".join(team.get_content().split())
    assert f"this went to {SW}, who made the referral" in words
    assert "the placements team can send it" in words
    assert "CHOOSE A (Kestrel House)" in words
