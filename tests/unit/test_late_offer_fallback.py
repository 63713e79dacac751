"""Rule `late-offer-fallback` (workflows/responses.py `offers_after_the_shortlist`): a home not
on the approved shortlist that offers while the search is still running is recorded as late
and passed to the social worker and the placements team as a fallback, the home told the
truth: the shortlist has been made, not that the referral is closed (round 62 x05)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from broker.directory.live import BY_TEAM, LiveFacts, with_live_facts, with_records
from broker.forms.extract import fields_from_text
from tests.provider_mail import rendered
from tests.snapshots import LARCH, RESPONSE_SPEC, SW, TEAM, actor, shortlist_round, snapshot
from workflows.commands import RecordResponse, SendEmail
from workflows.events import Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.snapshot import ResponseRecord, Snapshot
from workflows.states import State

LATE_OFFER = "Is it too late? We have a bed now, £4,700 a week from 14/12/2026."


def _reply(text: str) -> ReplyReceived:
    reply = Reply(sender=LARCH, subject="Re: referral", message_id="<late-1@larchcare.example>",
                  fields=dict(fields_from_text(text, RESPONSE_SPEC).values), body_text=text,
                  sent_on=date(2026, 12, 7))
    return ReplyReceived(actor=actor(LARCH), key="in:late-1", establishment="larch-house",
                         reply=reply)


def _not_shortlisted(state: State) -> Snapshot:
    """Larch House (option B) declined in the window; only A was shortlisted and approved."""
    declined = ResponseRecord("larch-house", "decline", {}, {"decision": "decline"})
    return replace(snapshot(state, responses={"larch-house": declined}),
                   rounds=(shortlist_round(labels=("A",), outcome="approved"),))


def _mail(decision, template: str, to: str) -> str:  # type: ignore[no-untyped-def]
    [mail] = [c for c in decision.commands if isinstance(c, SendEmail)
              and c.template == template and c.to == to]
    message = rendered(mail)
    return " ".join(f"{message['Subject']} {message.get_content()}".split())


@pytest.mark.parametrize("state", [State.APPROVED, State.NEGOTIATING])
def test_a_late_offer_after_the_approval_is_recorded_and_passed_on_as_a_fallback(
        state: State) -> None:
    before = _not_shortlisted(state)
    decision = decide(before, _reply(LATE_OFFER))
    assert decision.rule == "late-offer-fallback"
    [stored] = [c for c in decision.commands if isinstance(c, RecordResponse)]
    assert (stored.decision, stored.late, stored.fields.get("weekly_fee")) == ("offer", True, 4700)
    assert decision.snapshot.referral.comparison == before.referral.comparison  # no new option
    assert decision.snapshot.state == state
    to_her = _mail(decision, "social_worker/late_response", SW)
    assert to_her.startswith("REF-2026-000001: late offer from Larch House, after the shortlist")
    assert "£4,700" in to_her
    assert "Larch House is not on the approved shortlist, and the shortlist stands as " \
           "approved: this is passed on as a fallback" in to_her
    assert "SHORTLIST" not in to_her and "The placements team has been sent this too" in to_her
    to_team = _mail(decision, "social_worker/late_response", TEAM)
    assert "£4,700" in to_team and "The social worker has been sent this too" in to_team
    home = _mail(decision, "provider/response_ack", LARCH)
    assert "The shortlist for REF-2026-000001 has already been made, so your response has " \
           "been recorded as late and passed to the social worker and the placements team " \
           "as a fallback" in home
    assert "closed" not in home


@pytest.mark.parametrize("state", [State.APPROVED, State.NEGOTIATING])
def test_a_decline_after_the_approval_is_not_told_the_referral_is_closed(state: State) -> None:
    decision = decide(_not_shortlisted(state), _reply("Sorry, still no vacancy."))
    assert not [c for c in decision.commands if isinstance(c, RecordResponse)]
    home = _mail(decision, "provider/referral_closed", LARCH)
    assert "the shortlist has been made" in home
    assert "The shortlist for referral REF-2026-000001 has already been made, and Larch House " \
           "is not on it" in home
    assert "is closed" not in home and "no further responses" not in home


def test_after_the_placement_a_late_offer_is_still_told_the_referral_is_closed() -> None:
    decision = decide(replace(_not_shortlisted(State.PLACED), rounds=()), _reply(LATE_OFFER))
    assert not [c for c in decision.commands if isinstance(c, RecordResponse)]
    home = _mail(decision, "provider/referral_closed", LARCH)
    assert "is closed, so no further responses are being taken" in home


def _paused(state: State, facts: LiveFacts) -> Snapshot:
    """`_not_shortlisted`, Larch House paused since it was sent the referral."""
    before = _not_shortlisted(state)
    return replace(before, world=replace(before.world, directory=with_live_facts(
        before.world.directory, {"larch-house": facts})))


@pytest.mark.parametrize("state", [State.APPROVED, State.NEGOTIATING])
def test_a_late_offer_from_a_home_the_team_paused_goes_to_the_team_alone(state: State) -> None:
    # rule late-offer-from-a-paused-home: a safeguarding pause is no fallback for her
    decision = decide(_paused(state, LiveFacts(paused=BY_TEAM + "safeguarding review")),
                      _reply(LATE_OFFER))
    assert decision.rule == "late-offer-from-a-paused-home"
    [stored] = [c for c in decision.commands if isinstance(c, RecordResponse)]
    assert (stored.decision, stored.late) == ("offer", True)  # recorded all the same
    assert not [c for c in decision.commands if isinstance(c, SendEmail) and c.to == SW]
    to_team = _mail(decision, "social_worker/late_response", TEAM)
    assert "Larch House is paused by the placements team (safeguarding review), and not on " \
           "the approved shortlist: so this has not been passed to the social worker" in to_team
    assert "£4,700" in to_team and "sent this too" not in to_team
    home = _mail(decision, "provider/response_ack", LARCH)
    assert "passed to the placements team, as Larch House is not taking referrals" in home
    assert "social worker" not in home


def test_a_late_offer_from_a_home_suspended_in_the_directory_goes_to_the_team_alone() -> None:
    before = _not_shortlisted(State.APPROVED)
    homes = {e.key: e for e in before.world.directory.establishments.values()}
    homes["larch-house"] = replace(homes["larch-house"], status="suspended")
    directory = with_records(before.world.directory,
                             before.world.directory.organisations.values(), homes.values())
    decision = decide(replace(before, world=replace(before.world, directory=directory)),
                      _reply(LATE_OFFER))
    assert not [c for c in decision.commands if isinstance(c, SendEmail) and c.to == SW]
    assert "Larch House is suspended in the directory" in _mail(
        decision, "social_worker/late_response", TEAM)


def test_a_late_offer_from_a_home_its_provider_paused_is_passed_on_the_pause_named() -> None:
    decision = decide(_paused(State.APPROVED, LiveFacts(paused="full until March")),
                      _reply(LATE_OFFER))
    assert decision.rule == "late-offer-from-a-paused-home"
    for to in (SW, TEAM):
        mail = _mail(decision, "social_worker/late_response", to)
        assert "this is passed on as a fallback" in mail
        assert "Larch House is paused by its provider, in its words “full until March”: ask " \
               "it whether it can take the child" in mail
    assert "passed to the social worker and the placements team as a fallback" in _mail(
        decision, "provider/response_ack", LARCH)


def test_a_late_offer_from_a_home_taking_referrals_names_no_pause() -> None:
    decision = decide(_not_shortlisted(State.APPROVED), _reply(LATE_OFFER))
    assert decision.rule == "late-offer-fallback"
    assert "paused" not in _mail(decision, "social_worker/late_response", SW)
