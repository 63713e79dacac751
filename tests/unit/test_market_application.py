"""A provider's application, decided purely: the table walked whole, one reply naming every
problem, the window it came in, the approvers' quorum, reasons for a rejection, and the
home as it joins the directory."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from tests.market_snapshots import (
    APPLICANT,
    FORM,
    HANNAH,
    NOW,
    SALTMARSH,
    actor,
    application,
    form_message,
    window,
)
from workflows.commands import PostSlack, SendEmail
from workflows.events import Actor, Event
from workflows.market.application import TRANSITIONS, IllegalTransition, allowed, decide
from workflows.market.commands import Admit, RecordMarketEvent, RecordVerdict
from workflows.market.events import ApplicationDecided, ApplicationReceived
from workflows.market.snapshot import Pending, Verdict
from workflows.market.states import AppState

EVENTS: dict[type[Event], Event] = {
    ApplicationReceived: ApplicationReceived(actor=actor(), key="in:1", form=form_message()),
    ApplicationDecided: ApplicationDecided(actor=actor(HANNAH), key="slack:h",
                                           reference="APP-2027-000007", decision="approve"),
}
PAIRS = [(state, event) for state in AppState for event in EVENTS]
# The operator may act in every state, so the walk tests the table, not the permissions.
OPERATOR = Actor(name="the operator", channel="cli")


def emails(decision, template: str = "") -> list[SendEmail]:  # type: ignore[no-untyped-def]
    return [c for c in decision.commands if isinstance(c, SendEmail)
            and (not template or c.template == template)]


def test_the_table_names_every_state_and_event() -> None:
    assert set(TRANSITIONS) == set(AppState)
    assert {e for row in TRANSITIONS.values() for e in row} == set(EVENTS)


@pytest.mark.parametrize("state,event_type", PAIRS, ids=[f"{s}-{e.__name__}" for s, e in PAIRS])
def test_every_state_and_event_is_in_the_table_or_refused(state: AppState,
                                                          event_type: type[Event]) -> None:
    before, event = application(state), replace(EVENTS[event_type], actor=OPERATOR)
    if event_type is ApplicationReceived:
        event = replace(event, actor=actor())
    if event_type not in TRANSITIONS[state]:
        with pytest.raises(IllegalTransition) as refused:
            decide(before, event)
        assert refused.value.reached is None
        return
    decision = decide(before, event)
    assert decision.snapshot.state in allowed(state, event_type)
    assert decision.rule
    if not decision.answer.accepted:
        assert decision.snapshot.state == state


def test_a_form_with_problems_gets_one_reply_naming_every_one() -> None:
    broken = (FORM.replace("SC712345", "SC7123456").replace("Ages: 12-17", "Ages: teenagers")
              .replace("LS6 2AB", "ZZ99 9ZZ"))
    event = ApplicationReceived(actor=actor(), key="in:2", form=form_message(broken))
    decision = decide(application(AppState.NEW), event)
    assert decision.snapshot.state == AppState.INCOMPLETE
    assert [p["field"] for p in decision.answer.problems] == ["urn", "location", "ages"]
    (reply,) = emails(decision, "applicant/problems")
    assert reply.to == APPLICANT and reply.in_reply_to == "<a1@newleafcare.example>"
    assert reply.reply_to == "providers@broker.localhost"


def test_the_correction_on_its_thread_completes_it_and_asks_the_approvers() -> None:
    first = decide(application(AppState.NEW), ApplicationReceived(
        actor=actor(), key="in:2", form=form_message(FORM.replace("SC712345", "SC71234"))))
    correction = ApplicationReceived(actor=actor(), key="in:3", application_id=7,
                                     form=form_message("Ofsted URN: SC712345"))
    decision = decide(first.snapshot, correction)
    assert decision.snapshot.state == AppState.AWAITING_APPROVAL
    asked = emails(decision, "approver/application_request")
    assert {e.to for e in asked} == {HANNAH, SALTMARSH, "commissioning@brackenridge.gov.example"}
    assert emails(decision, "applicant/received")[0].context["needed"] == 2


def test_with_slack_on_the_approvers_are_asked_in_their_channel() -> None:
    before = application(AppState.NEW)
    before = replace(before, world=replace(before.world, slack_channel="CLISTS"))
    decision = decide(before, EVENTS[ApplicationReceived])
    (post,) = [c for c in decision.commands if isinstance(c, PostSlack)]
    assert post.template == "application_approval" and post.channel == "CLISTS"
    assert not emails(decision, "approver/application_request")


def test_in_slack_the_approvers_see_another_application_claiming_the_home() -> None:
    """Anyone may apply with a home's public URN: the approvers see both claims together."""
    from channels.slack.application_blocks import application_approval

    rival = Pending("APP-2027-000003", "office@newleafcare-homes.example", "Newleaf House",
                    "SC712345")
    unrelated = Pending("APP-2027-000004", "a@elsewhere.example", "Elm Lodge", "SC700001")
    before = application(AppState.NEW, pending=(rival, unrelated))
    before = replace(before, world=replace(before.world, slack_channel="CLISTS"))
    (post,) = [c for c in decide(before, EVENTS[ApplicationReceived]).commands
               if isinstance(c, PostSlack)]
    assert [c["reference"] for c in post.context["claims"]] == ["APP-2027-000003"]
    text = str(application_approval(post.context)["blocks"])
    assert "APP-2027-000003" in text and "office@newleafcare-homes.example" in text
    assert "the same Ofsted URN and name" in text and "APP-2027-000004" not in text


def test_an_application_when_the_list_is_closed_is_told_when_it_next_opens() -> None:
    later = window(opens=NOW + timedelta(days=170), window_id=2)
    before = replace(application(AppState.NEW), windows=(window(opens=NOW - timedelta(days=90)),
                                                          later))
    decision = decide(before, EVENTS[ApplicationReceived])
    assert decision.snapshot.state == AppState.NOT_OPEN
    (answer,) = emails(decision, "applicant/not_open")
    assert answer.context["opens_at"] == later.opens_at


@pytest.mark.parametrize("text,field,words", [
    ("SC397439", "urn", "already in the directory as Larch Lodge"),
    ("Placement types: Fostering", "lots", "does not buy fostering"),
    ("Applying to: Somewhere Else", "arrangement", "not a list that takes applications"),
    ("Referral email: someone@elsewhere.example", "contacts", "not at newleafcare.example"),
])
def test_what_only_the_directory_can_say_is_a_problem_too(text: str, field: str,
                                                          words: str) -> None:
    label = text.split(":")[0]
    form = FORM.replace("SC712345", text) if ":" not in text else "\n".join(
        text if line.startswith(label + ":") else line for line in FORM.splitlines())
    decision = decide(application(AppState.NEW), ApplicationReceived(
        actor=actor(), key="in:9", form=form_message(form)))
    problems = {p["field"]: p["problem"] for p in decision.answer.problems}
    assert words in problems[field]


def test_a_member_councils_address_cannot_apply() -> None:
    council = "jo@brackenridge.gov.example"
    before = application(AppState.NEW)
    before = before.with_application(applicant=council)
    decision = decide(before, ApplicationReceived(actor=actor(council), key="in:9",
                                                  form=form_message(sender=council)))
    assert "organisation" in {p["field"] for p in decision.answer.problems}


def test_approval_needs_the_quorum_and_counts_each_approver_once() -> None:
    first = decide(application(), EVENTS[ApplicationDecided])
    assert first.snapshot.state == AppState.AWAITING_APPROVAL
    assert "1 more needed" in first.answer.message
    again = decide(first.snapshot, EVENTS[ApplicationDecided])
    assert again.answer.outcome == "decision-repeated" and not again.commands
    second = decide(first.snapshot, ApplicationDecided(
        actor=actor(SALTMARSH, "slack"), key="slack:s", reference="APP-2027-000007",
        decision="approve"))
    assert second.snapshot.state == AppState.APPROVED
    (admit,) = [c for c in second.commands if isinstance(c, Admit)]
    assert admit.establishment.key == "newleaf-house"
    assert admit.establishment.arrangements == ["northern-residential-list"]
    # the applicant's address speaks for the new organisation, not its whole mail domain
    assert admit.organisation is not None and admit.organisation.domains == []
    assert admit.organisation.contacts == ["jo.kemp@newleafcare.example"]
    assert emails(second, "applicant/approved")[0].context["contact"] == (
        "newleaf.house@newleafcare.example")


def test_a_decision_in_slack_is_recorded_with_the_account_that_made_it() -> None:
    """The application's timeline keeps Slack's ids beside the address, which a profile's
    owner can change later; a decision by email has none to keep."""
    slack = replace(actor(HANNAH), channel="slack", account="T0PLACEMENTS/UHANNAH")
    decided = decide(application(), replace(EVENTS[ApplicationDecided], actor=slack))
    [event] = [c for c in decided.commands if isinstance(c, RecordMarketEvent)]
    assert event.data["account"] == "T0PLACEMENTS/UHANNAH"
    by_email = decide(application(), replace(EVENTS[ApplicationDecided],
                                              actor=replace(slack, channel="email", account="")))
    [event] = [c for c in by_email.commands if isinstance(c, RecordMarketEvent)]
    assert "account" not in event.data


def test_a_home_of_a_registered_organisation_joins_it() -> None:
    larch = "jo@larchcare.example"
    before = application().with_application(applicant=larch)
    before = replace(before, verdicts=(Verdict(SALTMARSH, "Pat", "approve"),))
    decision = decide(before, EVENTS[ApplicationDecided])
    (admit,) = [c for c in decision.commands if isinstance(c, Admit)]
    assert admit.organisation is None and admit.establishment.organisation == "larch-care"


def test_a_rejection_needs_a_reason_and_sends_it_to_the_applicant() -> None:
    bare = ApplicationDecided(actor=actor(HANNAH), key="k", reference="APP-2027-000007",
                              decision="reject")
    refused = decide(application(), bare)
    assert not refused.answer.accepted and refused.snapshot.state == AppState.AWAITING_APPROVAL
    decision = decide(application(), replace(bare, reason="No evidence of safer recruitment"))
    assert decision.snapshot.state == AppState.REJECTED
    assert emails(decision, "applicant/rejected")[0].context["reason"] == (
        "No evidence of safer recruitment")
    assert [c.decision for c in decision.commands if isinstance(c, RecordVerdict)] == ["reject"]


@pytest.mark.parametrize("who,event_type", [
    ("sam.taylor@northby.gov.example", ApplicationDecided),  # not one of the list's approvers
    ("someone@otherhomes.example", ApplicationReceived),  # not the applicant's organisation
])
def test_only_those_the_application_allows_may_act(who: str, event_type: type[Event]) -> None:
    event = replace(EVENTS[event_type], actor=actor(who))
    before = application(AppState.AWAITING_APPROVAL if event_type is ApplicationDecided
                         else AppState.INCOMPLETE)
    decision = decide(before, event)
    assert decision.answer.outcome == "not-permitted" and decision.snapshot == before
    assert decision.rule.startswith("permission:")


def test_a_form_after_completion_is_told_where_the_application_stands() -> None:
    decision = decide(application(AppState.APPROVED), EVENTS[ApplicationReceived])
    assert decision.snapshot.state == AppState.APPROVED
    assert emails(decision, "applicant/status")[0].context["state"].startswith("approved")
