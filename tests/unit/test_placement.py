"""The placement decisions: shortlist, approval rules, papers, choice, fees, IPA, unmet."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from broker.directory import load_directory
from tests.factories import CONFIG
from workflows.agreement import decide_choose, decide_drop, decide_fee, decide_unmet
from workflows.commands import (
    ChangeCapacity,
    GrantPapers,
    PostSlack,
    RecordApproval,
    RevokePapers,
    SendEmail,
)
from workflows.placement import (
    ApprovalRecord,
    DeskContext,
    Option,
    PlacementView,
    decide_approval,
    decide_expiry,
    decide_shortlist,
)

NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)
NORTHBY = load_directory(CONFIG).authority("northby")
SW = "sam.taylor@northby.gov.example"
ALEX, RUTH = "alex.morgan@northby.gov.example", "ruth.adeyemi@northby.gov.example"
OPTIONS = (
    Option("A", "kestrel-house", "Kestrel House", "offer", "k@kestrel.example", "r+k@x",
           "4900.00", "outstanding", "under 10 km"),
    Option("B", "larch-house", "Larch House", "offer", "l@larch.example", "r+l@x", "4250.00",
           "good", "under 10 km"),
    Option("C", "harbour-house", "Harbour House", "interested", "h@harbour.example", "r+h@x"),
)
VIEWS = {"parents": "Mum wants somewhere close.", "child": "", "child_reason": "too unwell"}


def _ctx(slack: str = "") -> DeskContext:
    return DeskContext(now=NOW, approvals_needed=2, approval_ttl=timedelta(hours=48),
                       papers_ttl=timedelta(days=14), slack_channel=slack, team_channel=slack,
                       papers_link=lambda est, _exp: f"https://broker/papers/{est}",
                       sign=lambda text: f"sig({len(text)})")


def _view(**changes) -> PlacementView:  # type: ignore[no-untyped-def]
    base = PlacementView(reference="REF-2026-000001", state="closed", referrer=SW,
                         authority=NORTHBY, profile={"age": 14}, options=OPTIONS)
    return replace(base, **changes)


def _awaiting(**changes) -> PlacementView:  # type: ignore[no-untyped-def]
    shortlisted = decide_shortlist(_view(), ["A", "B"], VIEWS, SW, _ctx(), "k")
    return _view(**{**shortlisted.updates, "approval_expires_at": NOW + timedelta(hours=48)}
                 | changes)


def _emails(decision, template: str) -> list[SendEmail]:  # type: ignore[no-untyped-def]
    return [c for c in decision.commands if isinstance(c, SendEmail) and c.template == template]


def test_a_valid_shortlist_goes_for_approval_by_email_when_slack_is_off() -> None:
    decision = decide_shortlist(_view(), ["a", "B"], VIEWS, SW, _ctx(), "k")
    assert decision.updates["state"] == "awaiting-approval"
    assert decision.updates["shortlist"]["establishments"] == ["kestrel-house", "larch-house"]
    requests = _emails(decision, "commissioner/approval_request")
    assert {e.to for e in requests} == set(NORTHBY.commissioners)
    assert _emails(decision, "social_worker/shortlist_recorded")


def test_with_slack_the_shortlist_is_posted_to_the_channel() -> None:
    decision = decide_shortlist(_view(), ["A"], VIEWS, SW, _ctx(slack="C-APPROVALS"), "k")
    [post] = [c for c in decision.commands if isinstance(c, PostSlack)]
    assert post.channel == "C-APPROVALS" and post.template == "shortlist_approval"
    assert post.context["options"][0]["home"] == "Kestrel House"
    assert not _emails(decision, "commissioner/approval_request")


@pytest.mark.parametrize("labels,views,problem", [
    ([], VIEWS, "at least one option"),
    (["Z"], VIEWS, "no option Z"),
    (["A"], {"child": "likes it"}, "Parents' views"),
    (["A"], {"parents": "fine"}, "Child's views"),
])
def test_shortlist_problems_are_named(labels, views, problem) -> None:  # type: ignore[no-untyped-def]
    decision = decide_shortlist(_view(), labels, views, SW, _ctx(), "k")
    assert not decision.accepted and problem in decision.message
    assert decision.updates == {}


@pytest.mark.parametrize("approver,decision,reason,problem", [
    (SW, "approve", "", "your own shortlist"),
    ("someone@northby.gov.example", "approve", "", "registered commissioners"),
    (ALEX, "reject", "", "reason"),
    (ALEX, "question", " ", "reason"),
])
def test_approval_rules(approver, decision, reason, problem) -> None:  # type: ignore[no-untyped-def]
    result = decide_approval(_awaiting(), approver, "", decision, reason, "slack", _ctx())
    assert not result.accepted and problem in result.message and result.commands == []


def test_one_approval_is_not_enough_and_the_same_one_twice_changes_nothing() -> None:
    first = decide_approval(_awaiting(), ALEX, "Alex", "approve", "", "slack", _ctx())
    assert first.accepted and first.updates == {} and "1 more" in first.message
    again = _awaiting(approvals=(ApprovalRecord(1, ALEX, "Alex", "approve", ""),))
    repeated = decide_approval(again, ALEX, "Alex", "approve", "", "slack", _ctx())
    assert repeated.commands == [] and repeated.outcome == "approval-repeated"


def test_the_second_approval_releases_papers_to_the_shortlisted_only() -> None:
    view = _awaiting(approvals=(ApprovalRecord(1, ALEX, "Alex", "approve", ""),))
    result = decide_approval(view, RUTH, "Ruth", "approve", "", "slack", _ctx())
    assert result.updates == {"state": "approved"}
    grants = [c.establishment for c in result.commands if isinstance(c, GrantPapers)]
    assert grants == ["kestrel-house", "larch-house"]
    assert [e.to for e in _emails(result, "provider/papers")] == ["k@kestrel.example",
                                                                  "l@larch.example"]
    assert [e.to for e in _emails(result, "provider/not_selected")] == ["h@harbour.example"]
    assert any(isinstance(c, RecordApproval) for c in result.commands)


def test_a_rejection_goes_back_to_the_social_worker_with_its_reason() -> None:
    result = decide_approval(_awaiting(), ALEX, "Alex", "reject", "Over budget", "email",
                             _ctx())
    assert result.updates == {"state": "closed"}
    [told] = _emails(result, "social_worker/shortlist_rejected")
    assert told.to == SW and told.context["reason"] == "Over budget"


def test_an_expired_request_fails_closed() -> None:
    late = _ctx()
    late = replace(late, now=NOW + timedelta(hours=49))
    view = _awaiting()
    assert not decide_approval(view, ALEX, "", "approve", "", "slack", late).accepted
    expired = decide_expiry(view, 1, late)
    assert expired.updates == {"state": "closed"}
    assert decide_expiry(view, 0, late).commands == []  # an older round's timer does nothing


def _approved(**changes) -> PlacementView:  # type: ignore[no-untyped-def]
    return _awaiting(**{"state": "approved", "offers": {"kestrel-house": {"weekly_fee": 4800}}}
                     | changes)


def test_choose_starts_the_fee_at_the_providers_latest_offer() -> None:
    result = decide_choose(_approved(), "A", _ctx(), "k")
    assert result.updates == {"state": "negotiating", "chosen": "kestrel-house"}
    assert _emails(result, "social_worker/chosen")[0].context["fee"] == "4800.00"
    assert not decide_choose(_approved(), "C", _ctx(), "k").accepted  # not shortlisted


def test_fees_go_round_by_round_to_an_ipa() -> None:
    view = _approved(state="negotiating", chosen="kestrel-house",
                     fee_rounds=((1, "provider", "4800.00"),))
    proposal = decide_fee(view, "authority", Decimal("4500"), False, _ctx(), "k")
    assert _emails(proposal, "provider/fee_proposal")[0].context["fee"] == "4500.00"
    assert not decide_fee(view, "provider", None, True, _ctx(), "k").accepted  # own offer
    view = replace(view, fee_rounds=((1, "provider", "4800.00"), (2, "authority", "4500.00")))
    placed = decide_fee(view, "provider", None, True, _ctx(), "k")
    assert placed.updates == {"state": "placed"}
    [ipa] = _emails(placed, "provider/ipa")
    assert ipa.to == "k@kestrel.example" and ipa.context["ipa"]["agreed_fee"] == "4500.00"
    assert ipa.context["ipa"]["requested_fee"] == "4800.00" and ipa.context["ipa"]["signature"]
    assert ChangeCapacity("kestrel-house", -1) in placed.commands
    assert RevokePapers("larch-house") in placed.commands
    assert [e.to for e in _emails(placed, "provider/closed_with_thanks")] == ["l@larch.example"]


def test_drop_takes_the_papers_away() -> None:
    result = decide_drop(_approved(), "B", _ctx(), "k")
    assert RevokePapers("larch-house") in result.commands
    assert result.updates["shortlist"]["establishments"] == ["kestrel-house"]


def test_unmet_needs_a_reason_and_ends_the_search() -> None:
    assert not decide_unmet(_approved(), "", _ctx(), "k").accepted
    result = decide_unmet(_approved(), "no home could meet her needs", _ctx(), "k")
    assert result.updates == {"state": "unmet", "outcome_reason": "no home could meet her needs"}
    assert {c.establishment for c in result.commands if isinstance(c, RevokePapers)} == {
        "kestrel-house", "larch-house"}
