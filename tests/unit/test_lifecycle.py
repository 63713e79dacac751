"""The lifecycle table, walked whole: every state against every event, each either in the
table (and then the decision lands in one of the states the table names) or refused with
`IllegalTransition`; the permissions table in front of it; and no state spelt outside
the `State` enum."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from broker.forms.extract import fields_from_text
from tests.factories import SAMPLE_REFERRAL
from tests.snapshots import (
    ALEX,
    BUDGET,
    COLLEAGUE,
    KESTREL,
    NOW,
    REFERRAL_SPEC,
    SW,
    TEAM,
    VIEWS,
    actor,
    snapshot,
)
from workflows.events import (
    SERVICE,
    ApprovalGiven,
    BroadcastApproved,
    ChaseAsked,
    Chosen,
    DeadlineDue,
    DeadlineKind,
    Dropped,
    Event,
    FeeAgreed,
    FeeProposed,
    FeeSignedOff,
    FormMessage,
    FormReceived,
    Levelled,
    NextWave,
    PlacementEnded,
    QuestionAnswered,
    Reply,
    ReplyReceived,
    Shortlisted,
    UnmetDeclared,
    WindowClosed,
    WindowExtended,
    Withdrawn,
)
from workflows.lifecycle import EVENT_WORDS, TRANSITIONS, IllegalTransition, allowed, decide
from workflows.states import State

ROOT = Path(__file__).resolve().parents[2]
FORM = FormMessage(SW, "Referral", "<m1@northby.gov.example>",
                   dict(fields_from_text(SAMPLE_REFERRAL, REFERRAL_SPEC).values),
                   sent_on=NOW.date())
REPLY = Reply(KESTREL, "Re: referral", "<r1@kestrelhomes.example>",
              {"decision": "offer", "weekly_fee": "£4,700", "service_name": "Kestrel House",
               "available_from": "01/12/2026"},
              "Decision: offer\nWeekly fee: £4,700", date(2026, 11, 25))


def _sample(event_type: type[Event]) -> Event:
    """One event of each type, from someone allowed to send it."""
    sw, team = actor(SW), actor(TEAM)
    samples: dict[type[Event], Event] = {
        FormReceived: FormReceived(actor=sw, key="k", form=FORM),
        ReplyReceived: ReplyReceived(actor=actor(KESTREL), key="k", establishment="kestrel-house",
                                     reply=REPLY),
        WindowExtended: WindowExtended(actor=sw, key="k", by=timedelta(hours=24)),
        WindowClosed: WindowClosed(actor=sw, key="k"),
        NextWave: NextWave(actor=team, key="k"),
        ChaseAsked: ChaseAsked(actor=team, key="k"),
        Levelled: Levelled(actor=team, key="k", reason="no in-house home can meet her needs"),
        DeadlineDue: DeadlineDue(actor=SERVICE, key="k", kind=DeadlineKind.CLOSE, wave=1),
        Shortlisted: Shortlisted(actor=sw, key="k", labels=("A", "B"), views=VIEWS),
        ApprovalGiven: ApprovalGiven(actor=actor(ALEX), key="k", decision="approve"),
        Chosen: Chosen(actor=sw, key="k", label="A"),
        FeeProposed: FeeProposed(actor=sw, key="k", fee=Decimal("4500")),
        FeeAgreed: FeeAgreed(actor=sw, key="k"),
        Dropped: Dropped(actor=sw, key="k", label="B"),
        UnmetDeclared: UnmetDeclared(actor=sw, key="k", reason="no home could meet her needs"),
        Withdrawn: Withdrawn(actor=sw, key="k", reason="family placement found"),
        PlacementEnded: PlacementEnded(actor=sw, key="k", on=date(2027, 3, 1),
                                       reason="moved to long-term foster care"),
        BroadcastApproved: BroadcastApproved(actor=team, key="k"),
        FeeSignedOff: FeeSignedOff(actor=actor(BUDGET), key="k"),
        QuestionAnswered: QuestionAnswered(actor=team, key="k", asked=7, answer="No."),
    }
    return samples[event_type]


PAIRS = [(state, event_type) for state in State for event_type in EVENT_WORDS]


def test_the_walk_covers_every_state_and_event() -> None:
    assert set(TRANSITIONS) == set(State)
    assert {e for row in TRANSITIONS.values() for e in row} == set(EVENT_WORDS)


@pytest.mark.parametrize("state,event_type", PAIRS,
                         ids=[f"{s}-{e.__name__}" for s, e in PAIRS])
def test_every_state_and_event_is_in_the_table_or_refused(state: State,
                                                          event_type: type[Event]) -> None:
    before = snapshot(state)
    event = _sample(event_type)
    if (event_type is ApprovalGiven and event_type not in TRANSITIONS[state]
            and before.current_round is not None):
        # a decision on a shortlist no longer awaiting approval is told what became of it
        decision = decide(before, event)
        assert not decision.answer.accepted and decision.snapshot == before
        assert decision.rule.startswith("round-")
        return
    if event_type not in TRANSITIONS[state]:
        with pytest.raises(IllegalTransition) as refused:
            decide(before, event)
        assert refused.value.state == state and refused.value.reached is None
        return
    decision = decide(before, event)
    assert decision.snapshot.state in allowed(state, event_type)
    assert decision.rule, "every decision names the rule that made it"
    if not decision.answer.accepted:
        assert decision.snapshot.state == state  # a refusal changes nothing


@pytest.mark.parametrize("state,event_type,reached", [
    (State.NEW, FormReceived, State.OPEN),
    (State.OPEN, WindowClosed, State.CLOSED),
    (State.OPEN, DeadlineDue, State.CLOSED),  # one wave, no acceptable offer: compare
    (State.CLOSED, Shortlisted, State.AWAITING_APPROVAL),
    (State.APPROVED, Chosen, State.NEGOTIATING),
    (State.NEGOTIATING, FeeAgreed, State.PLACED),
    (State.NEGOTIATING, ReplyReceived, State.NEGOTIATING),  # the provider counters
    (State.PLACED, PlacementEnded, State.ENDED),
    (State.OPEN, Withdrawn, State.WITHDRAWN),
    (State.APPROVED, UnmetDeclared, State.UNMET),
])
def test_the_main_road_through_the_table(state: State, event_type: type[Event],
                                         reached: State) -> None:
    assert decide(snapshot(state), _sample(event_type)).snapshot.state == reached


def test_an_illegal_event_says_what_the_referral_is_doing_now() -> None:
    with pytest.raises(IllegalTransition) as refused:
        decide(snapshot(State.OPEN), _sample(Chosen))
    assert "CHOOSE" in str(refused.value) and "waiting for their responses" in str(
        refused.value)


@pytest.mark.parametrize("event_type,who,state", [
    (WindowClosed, COLLEAGUE, State.OPEN),  # a colleague at the same council
    (WindowExtended, "someone@elsewhere.example", State.OPEN),
    (NextWave, SW, State.OPEN),  # the cascade is the placements team's to change
    (Shortlisted, COLLEAGUE, State.CLOSED),
    (ApprovalGiven, SW, State.AWAITING_APPROVAL),  # never one's own shortlist
    (ApprovalGiven, COLLEAGUE, State.AWAITING_APPROVAL),
    (Withdrawn, ALEX, State.OPEN),  # a commissioner does not hold the case
])
def test_only_those_the_permissions_table_names_may_act(event_type: type[Event], who: str,
                                                         state: State) -> None:
    from dataclasses import replace

    event = replace(_sample(event_type), actor=actor(who))
    before = snapshot(state)
    decision = decide(before, event)
    assert not decision.answer.accepted and decision.answer.outcome == "not-permitted"
    assert decision.snapshot == before
    assert decision.rule.startswith("permission:")
    kinds = [c.kind for c in decision.commands if hasattr(c, "kind")]
    assert "refused" in kinds


def test_a_colleague_refused_is_told_whom_to_ask_and_a_stranger_is_not() -> None:
    colleague = decide(snapshot(State.OPEN), WindowClosed(actor=actor(COLLEAGUE), key="k"))
    assert SW in colleague.answer.message and TEAM in colleague.answer.message
    stranger = decide(snapshot(State.OPEN), WindowClosed(
        actor=actor("someone@elsewhere.example"), key="k"))
    assert SW not in stranger.answer.message and TEAM not in stranger.answer.message


def test_the_placements_team_may_act_on_any_of_its_authoritys_referrals() -> None:
    decision = decide(snapshot(State.OPEN), WindowClosed(actor=actor(TEAM), key="k"))
    assert decision.answer.accepted and decision.snapshot.state == State.CLOSED


def test_a_reply_from_someone_who_does_not_speak_for_the_home_is_quarantined() -> None:
    from dataclasses import replace

    event = replace(_sample(ReplyReceived), actor=actor("someone@gmail.example"))
    decision = decide(snapshot(State.OPEN), event)
    assert decision.answer.outcome == "quarantined" and not decision.snapshot.responses
    templates = {c.template for c in decision.commands if hasattr(c, "template")}
    assert templates == {"provider/not_accepted", "placements_team/quarantined"}


def test_an_unauthenticated_instruction_is_refused() -> None:
    from dataclasses import replace

    event = WindowClosed(actor=replace(actor(SW), authenticated=False), key="k")
    decision = decide(snapshot(State.OPEN), event)
    assert not decision.answer.accepted and "authenticated" in decision.answer.message


def test_no_state_is_spelt_outside_the_enum() -> None:
    """A line about a state (it says `state`) never spells one as a string: it names the
    enum's member. (Outcomes and templates may share a word with a state: "placed".)"""
    names = "|".join(re.escape(str(s)) for s in State)
    spelt = re.compile(rf"""\bstate\b.*["']({names})["']|["']({names})["'].*\bstate\b""")
    compared = re.compile(r"""\bstate\s*(==|!=|=|in|not in)\s*\(?\s*["']""")
    found = []
    for folder in ("broker", "workflows", "channels"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts or path.name == "states.py":
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if spelt.search(line) or compared.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []
