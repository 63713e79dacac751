"""The placement decisions: shortlist, approval rules, papers, choice, fees, IPA, unmet,
withdrawal and the placement's end — each through the lifecycle's one `decide`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests.snapshots import (
    ALEX,
    KESTREL,
    LARCH,
    NOW,
    OPTIONS,
    RUTH,
    SW,
    VIEWS,
    actor,
    snapshot,
    world,
)
from workflows.commands import (
    CancelDeadlines,
    ChangeCapacity,
    GrantPapers,
    IssueDocument,
    PostSlack,
    RecordApproval,
    RevokePapers,
    SendEmail,
)
from workflows.events import (
    SERVICE,
    ApprovalGiven,
    Chosen,
    DeadlineDue,
    DeadlineKind,
    Dropped,
    FeeAgreed,
    FeeProposed,
    PlacementEnded,
    Reply,
    ReplyReceived,
    Shortlisted,
    UnmetDeclared,
    Withdrawn,
)
from workflows.lifecycle import decide
from workflows.placement import views_for_home
from workflows.snapshot import ApprovalRecord, ResponseRecord
from workflows.states import State

NORTHBY_COMMISSIONERS = {"nadia.brennan@northby.gov.example", ALEX, RUTH}


def _emails(decision, template: str) -> list[SendEmail]:  # type: ignore[no-untyped-def]
    return [c for c in decision.commands if isinstance(c, SendEmail) and c.template == template]


def _shortlist(labels: tuple[str, ...] = ("A", "B"), views=VIEWS) -> Shortlisted:  # type: ignore[no-untyped-def]
    return Shortlisted(actor=actor(SW), key="k", labels=labels, views=views)


def _approve(who: str, decision: str = "approve", reason: str = "") -> ApprovalGiven:
    return ApprovalGiven(actor=actor(who, "slack"), key="k", decision=decision, reason=reason)


def test_a_valid_shortlist_goes_for_approval_by_email_when_slack_is_off() -> None:
    decision = decide(snapshot(State.CLOSED), _shortlist(("a", "B")))
    assert decision.snapshot.state == State.AWAITING_APPROVAL
    [round_] = decision.snapshot.rounds
    assert round_.establishments == ("kestrel-house", "larch-house") and round_.round == 1
    requests = _emails(decision, "commissioner/approval_request")
    assert {e.to for e in requests} == NORTHBY_COMMISSIONERS
    assert _emails(decision, "social_worker/shortlist_recorded")


def test_with_slack_the_shortlist_is_posted_to_the_channel() -> None:
    closed = snapshot(State.CLOSED, world=world(slack_channel="C-APPROVALS"))
    decision = decide(closed, _shortlist(("A",)))
    [post] = [c for c in decision.commands if isinstance(c, PostSlack)]
    assert post.channel == "C-APPROVALS" and post.template == "shortlist_approval"
    assert post.context["options"][0]["home"] == "Kestrel House"
    assert not _emails(decision, "commissioner/approval_request")


@pytest.mark.parametrize("labels,views,problem", [
    ((), VIEWS, "at least one option"),
    (("Z",), VIEWS, "no option Z"),
    (("A",), {"child": "likes it"}, "Parents' views"),
    (("A",), {"parents": "fine"}, "Child's views"),
])
def test_shortlist_problems_are_named(labels, views, problem) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(State.CLOSED)
    decision = decide(before, _shortlist(labels, views))
    assert not decision.answer.accepted and problem in decision.answer.message
    assert decision.snapshot == before


def test_a_new_shortlist_while_awaiting_approval_starts_a_new_round() -> None:
    decision = decide(snapshot(State.AWAITING_APPROVAL), _shortlist(("C",), VIEWS))
    assert [(r.round, r.outcome) for r in decision.snapshot.rounds] == [(1, "replaced"),
                                                                        (2, "pending")]


def test_the_social_worker_is_told_what_a_new_shortlist_replaced_and_where_it_came_from(
        ) -> None:
    """Whether by email or confirmed from the web page, the confirmation names the shortlist
    it took from the commissioners; one from the web page says so."""
    waiting = snapshot(State.AWAITING_APPROVAL)
    by_email = _emails(decide(waiting, _shortlist(("C",), VIEWS)),
                       "social_worker/shortlist_recorded")[0].context
    assert by_email["replaced"]["labels"] == list(waiting.rounds[0].labels)
    assert not by_email["from_web"]
    web = replace(_shortlist(("C",), VIEWS), actor=actor(SW, "web"))
    from_web = _emails(decide(waiting, web), "social_worker/shortlist_recorded")[0].context
    assert from_web["from_web"] and from_web["by"] == SW and from_web["replaced"]
    first = _emails(decide(snapshot(State.CLOSED), web), "social_worker/shortlist_recorded")
    assert first[0].context["replaced"] == {}


def test_a_replaced_shortlists_slack_message_says_so_and_loses_its_buttons() -> None:
    waiting = snapshot(State.AWAITING_APPROVAL, world=world(slack_channel="C-APPROVALS"))
    decision = decide(waiting, _shortlist(("C",), VIEWS))
    old, new = [c for c in decision.commands if isinstance(c, PostSlack)]
    assert old.update_of.endswith(":approval:1") and old.context["status"] == "replaced"
    assert old.context["round"] == 1 and new.context["round"] == 2
    assert not new.update_of and new.context["status"] == "pending"


def test_the_views_go_to_slack_anonymised() -> None:
    """A channel several councils share must not read the family's names and numbers."""
    views = {"parents": "Dawn Hollin (mother, 07700 900461, 12 Larkspur Row) prefers A",
             "child": "Casey Marie Hollin (DOB 14/03/2012) wants to stay near her nan"}
    closed = snapshot(State.CLOSED, world=world(slack_channel="C-APPROVALS"))
    closed = closed.with_referral(raw_fields={**closed.referral.raw_fields,
                                              "family_names": "Dawn Hollin (mother)"})
    [post] = [c for c in decide(closed, _shortlist(("A",), views)).commands
              if isinstance(c, PostSlack)]
    shown = post.context["views"]
    for secret in ("Dawn", "Hollin", "Casey", "07700 900461", "Larkspur", "14/03/2012"):
        assert secret not in shown["parents"] + shown["child"], secret
    assert shown["parents"].endswith("prefers A") and "near her nan" in shown["child"]


def test_a_home_named_in_the_views_becomes_its_option_not_a_person() -> None:
    """"She hates Larch House" must reach the commissioners as "she hates Option B": a
    home's name taken out as a person's would change what the child meant."""
    views = {"child": "She said she hates larch house becuase no phone, Kestrel House is ok",
             "parents": "Mum prefers Harbour House."}
    closed = snapshot(State.CLOSED, world=world(slack_channel="C-APPROVALS"))
    [post] = [c for c in decide(closed, _shortlist(("A",), views)).commands
              if isinstance(c, PostSlack)]
    shown = post.context["views"]
    assert shown["child"] == "She said she hates Option B becuase no phone, Option A is ok"
    assert shown["parents"] == "Mum prefers Option C."


def test_a_home_reads_the_childs_views_with_only_its_own_name_in_them() -> None:
    """The papers page and the IPA show a home the child's views with every other home as
    its letter: the longer name it shares words with too, however the name was typed."""
    comparison = ({"label": "A", "establishment": "larch-house", "home": "Larch House"},
                  {"label": "B", "establishment": "st-marys", "home": "St Mary's"},
                  {"label": "C", "establishment": "larch-house-annexe",
                   "home": "Larch House Annexe"})
    views = {"child": "LARCH HOUSE ANNEXE is nice, larch-house has no wifi, St Marys is far",
             "child_reason": ""}
    assert views_for_home(views, comparison, "larch-house-annexe") == {
        "child_views": "LARCH HOUSE ANNEXE is nice, Option A has no wifi, Option B is far",
        "child_reason": ""}
    assert views_for_home(views, comparison, "LARCH-HOUSE")["child_views"] == (
        "Option C is nice, larch-house has no wifi, Option B is far")


def test_each_rounds_confirmation_is_its_own_email() -> None:
    """The same shortlist posted again after another replaced it is a new round: its
    confirmation must not share the first one's key, or the outbox drops it as a copy."""
    first = decide(snapshot(State.CLOSED), _shortlist(("A",), VIEWS))
    second = decide(first.snapshot, _shortlist(("B",), VIEWS))
    again = decide(second.snapshot, _shortlist(("A",), VIEWS))  # the same event key as first
    keys = [_emails(d, "social_worker/shortlist_recorded")[0].key
            for d in (first, second, again)]
    assert len(set(keys)) == 3


def _replaced() -> object:
    """Awaiting approval of round 2, round 1 (options A and B) having been replaced."""
    return decide(snapshot(State.AWAITING_APPROVAL), _shortlist(("C",), VIEWS)).snapshot


@pytest.mark.parametrize("decision", ["approve", "reject", "question"])
def test_a_decision_on_a_replaced_shortlist_never_counts_for_the_newer_one(
        decision: str) -> None:
    """Approving the old message must not release the papers to a home never shown."""
    on_old = replace(_approve(ALEX, decision, "why"), round=1)
    result = decide(_replaced(), on_old)  # type: ignore[arg-type]
    assert not result.answer.accepted and "replaced" in result.answer.message
    assert result.snapshot.approvals == () and not any(
        isinstance(c, RecordApproval) for c in result.commands)


def test_after_a_shortlist_is_replaced_a_decision_must_say_which_it_is_for() -> None:
    unnamed = decide(_replaced(), _approve(ALEX))  # type: ignore[arg-type]
    assert not unnamed.answer.accepted and "latest approval request" in unnamed.answer.message
    named = decide(_replaced(), replace(_approve(ALEX), round=2))  # type: ignore[arg-type]
    assert named.answer.accepted and named.snapshot.approvals[0].round == 2


def test_the_first_shortlists_decisions_need_not_name_it() -> None:
    assert decide(snapshot(State.AWAITING_APPROVAL), _approve(ALEX)).answer.accepted


@pytest.mark.parametrize("approver,decision,reason,problem", [
    ("someone@northby.gov.example", "approve", "", "registered commissioners"),
    (ALEX, "reject", "", "reason"),
    (ALEX, "question", " ", "reason"),
])
def test_approval_rules(approver, decision, reason, problem) -> None:  # type: ignore[no-untyped-def]
    result = decide(snapshot(State.AWAITING_APPROVAL), _approve(approver, decision, reason))
    assert not result.answer.accepted and problem in result.answer.message


def test_one_approval_is_not_enough_and_the_same_one_twice_changes_nothing() -> None:
    first = decide(snapshot(State.AWAITING_APPROVAL), _approve(ALEX))
    assert first.snapshot.state == State.AWAITING_APPROVAL and "1 more" in first.answer.message
    again = snapshot(State.AWAITING_APPROVAL,
                     approvals=(ApprovalRecord(1, ALEX, "Alex", "approve", ""),))
    repeated = decide(again, _approve(ALEX))
    assert repeated.commands == () and repeated.answer.outcome == "approval-repeated"


def test_the_reply_to_an_approval_and_the_slack_status_name_who_has_still_to_decide() -> None:
    """As the reminder does: "1 more needed" alone left the approver asking whom to chase."""
    waiting = snapshot(State.AWAITING_APPROVAL, world=world(slack_channel="C-APPROVALS"))
    first = decide(waiting, _approve(ALEX))
    assert first.answer.message.endswith(
        "is recorded: 1 of 2; 1 more needed before the papers go (still to decide: "
        "Ruth Adeyemi, Nadia Brennan).")
    [update] = [c for c in first.commands if isinstance(c, PostSlack)]
    assert update.context["still_to_decide"] == ["Ruth Adeyemi", "Nadia Brennan"]


def test_the_slack_approval_gives_each_options_weekly_cost_for_the_confirmation() -> None:
    closed = snapshot(State.CLOSED, world=world(slack_channel="C-APPROVALS"))
    [post] = [c for c in decide(closed, _shortlist(("A", "B"))).commands
              if isinstance(c, PostSlack)]
    assert post.context["up_to"] == [["A", "£4,900"], ["B", "£4,250"]]


def test_a_second_question_is_refused_plainly_never_dropped_as_if_it_had_gone() -> None:
    asked = snapshot(State.AWAITING_APPROVAL,
                     approvals=(ApprovalRecord(1, ALEX, "Alex", "question", "Why not B?"),))
    again = decide(asked, _approve(ALEX, "question", "  Why not  B? "))  # the same, re-sent
    assert again.answer.accepted and again.answer.outcome == "approval-repeated"
    follow_up = decide(asked, _approve(ALEX, "question", "And is A's fee all-inclusive?"))
    assert not follow_up.answer.accepted
    assert not any(isinstance(c, RecordApproval) for c in follow_up.commands)
    assert "write to the social worker" in follow_up.answer.message


def test_the_second_approval_releases_papers_to_the_shortlisted_only() -> None:
    before = snapshot(State.AWAITING_APPROVAL,
                      approvals=(ApprovalRecord(1, ALEX, "Alex", "approve", ""),))
    result = decide(before, _approve(RUTH))
    assert result.snapshot.state == State.APPROVED
    assert result.snapshot.rounds[-1].outcome == "approved"
    grants = [c.establishment for c in result.commands if isinstance(c, GrantPapers)]
    assert grants == ["kestrel-house", "larch-house"]
    assert [e.to for e in _emails(result, "provider/papers")] == [KESTREL, LARCH]
    assert [e.to for e in _emails(result, "provider/not_selected")] == [
        "referrals@harbourlightscare.example"]
    assert any(isinstance(c, RecordApproval) for c in result.commands)


def test_no_papers_go_to_a_shortlisted_home_that_has_since_withdrawn() -> None:
    waiting = snapshot(State.AWAITING_APPROVAL,
                       approvals=(ApprovalRecord(1, ALEX, "Alex", "approve", ""),))
    waiting = replace(waiting, responses={**waiting.responses, "larch-house": ResponseRecord(
        "larch-house", "withdrawn", {}, {"service_name": "Larch House"})})
    result = decide(waiting, _approve(RUTH))
    grants = [c.establishment for c in result.commands if isinstance(c, GrantPapers)]
    assert grants == ["kestrel-house"]
    assert [e.to for e in _emails(result, "provider/papers")] == [KESTREL]


def test_a_rejection_goes_back_to_the_social_worker_with_its_reason() -> None:
    result = decide(snapshot(State.AWAITING_APPROVAL), _approve(ALEX, "reject", "Over budget"))
    assert result.snapshot.state == State.CLOSED
    assert result.snapshot.rounds[-1].outcome == "rejected"
    [told] = _emails(result, "social_worker/shortlist_rejected")
    assert told.to == SW and told.context["reason"] == "Over budget"


def test_an_expired_request_fails_closed() -> None:
    late = snapshot(State.AWAITING_APPROVAL, world=world(now=NOW + timedelta(hours=49)))
    assert not decide(late, _approve(ALEX)).answer.accepted
    expired = decide(late, DeadlineDue(actor=SERVICE, key="k",
                                       kind=DeadlineKind.APPROVAL_EXPIRY, seq=1))
    assert expired.snapshot.state == State.CLOSED
    older = decide(late, DeadlineDue(actor=SERVICE, key="k",
                                     kind=DeadlineKind.APPROVAL_EXPIRY, seq=0))
    assert older.commands == () and older.snapshot == late  # an older round's timer


def test_choose_starts_the_fee_at_the_providers_latest_offer() -> None:
    result = decide(snapshot(State.APPROVED), Chosen(actor=actor(SW), key="k", label="A"))
    assert result.snapshot.state == State.NEGOTIATING
    assert result.snapshot.referral.chosen == "kestrel-house"
    assert _emails(result, "social_worker/chosen")[0].context["fee"] == "4800.00"
    not_shortlisted = decide(snapshot(State.APPROVED), Chosen(actor=actor(SW), key="k",
                                                              label="C"))
    assert not not_shortlisted.answer.accepted


def _provider_agrees() -> ReplyReceived:
    reply = Reply(KESTREL, "Re: fee", "<m@kestrelhomes.example>", {}, "Agreed, thank you.",
                  date(2026, 11, 25))
    return ReplyReceived(actor=actor(KESTREL), key="k", establishment="kestrel-house",
                         reply=reply)


def test_fees_go_round_by_round_to_an_ipa() -> None:
    negotiating = snapshot(State.NEGOTIATING)
    proposal = decide(negotiating, FeeProposed(actor=actor(SW), key="k", fee=Decimal("4500")))
    assert _emails(proposal, "provider/fee_proposal")[0].context["fee"] == "4500.00"
    own = decide(negotiating, _provider_agrees())  # nothing from the other side to agree
    assert not own.answer.accepted
    assert [e.template for e in own.commands if isinstance(e, SendEmail)] == [
        "provider/fee_unclear"]
    placed = decide(proposal.snapshot, _provider_agrees())
    assert placed.snapshot.state == State.PLACED
    [ipa] = _emails(placed, "provider/ipa")
    assert ipa.to == KESTREL and ipa.context["ipa"]["agreed_fee"] == "4500.00"
    assert ipa.context["ipa"]["requested_fee"] == "4800.00" and ipa.context["ipa"]["signature"]
    assert "child_name" not in ipa.context["ipa"] and "/ipa/" in ipa.context["link"]
    [document] = [c for c in placed.commands if isinstance(c, IssueDocument)]
    assert document.context["child_name"] == "Casey Marie Hollin"
    assert document.subjects == ("kestrel-house", "placements@northby.gov.example")
    assert ChangeCapacity("kestrel-house", -1) in placed.commands
    assert RevokePapers("larch-house") in placed.commands
    assert [e.to for e in _emails(placed, "provider/closed_with_thanks")] == [LARCH]


def test_the_authority_agrees_the_providers_proposal() -> None:
    negotiating = snapshot(State.NEGOTIATING)
    placed = decide(negotiating, FeeAgreed(actor=actor(SW), key="k"))
    assert placed.snapshot.state == State.PLACED
    assert _emails(placed, "authority/ipa")[0].context["ipa"]["agreed_fee"] == "4800.00"


def test_an_agreement_after_two_proposals_in_a_row_is_asked_to_name_the_fee() -> None:
    """An AGREE answering the £4,800 email after a counter of £5,950 must not agree £5,950,
    and a home's 'Agreed' to £4,400 must not agree the £3,900 proposed after it."""
    countered = replace(snapshot(State.NEGOTIATING),
                        fee_rounds=((1, "provider", "4800.00"), (2, "provider", "5950.00")))
    agreed = decide(countered, FeeAgreed(actor=actor(SW), key="k"))
    assert not agreed.answer.accepted and agreed.snapshot.state == State.NEGOTIATING
    assert "PROPOSE £5950.00" in agreed.answer.message
    proposed_twice = replace(snapshot(State.NEGOTIATING), fee_rounds=(
        (1, "provider", "4800.00"), (2, "authority", "4400.00"), (3, "authority", "3900.00")))
    assert decide(proposed_twice, _provider_agrees()).snapshot.state == State.NEGOTIATING
    once = replace(snapshot(State.NEGOTIATING), fee_rounds=(
        (1, "provider", "4800.00"), (2, "authority", "4400.00")))
    assert decide(once, _provider_agrees()).snapshot.state == State.PLACED


def test_a_home_that_withdrew_after_the_comparison_cannot_be_chosen() -> None:
    approved = snapshot(State.APPROVED)
    withdrawn = replace(approved, responses={**approved.responses, "kestrel-house": replace(
        approved.responses["kestrel-house"], decision="withdrawn")})
    result = decide(withdrawn, Chosen(actor=actor(SW), key="k", label="A"))
    assert not result.answer.accepted and "withdrawn its offer" in result.answer.message
    assert result.snapshot.state == State.APPROVED


def test_a_shortlisted_homes_changed_answer_is_put_before_the_social_worker() -> None:
    """A fee, a start or extra costs changed after the approval would otherwise reach the
    agreement without anyone having seen them."""
    reply = Reply(KESTREL, "Re: papers", "<n@kestrelhomes.example>",
                  {"decision": "offer", "weekly_fee": "£5,990", "available_from": "20/01/2027"},
                  "", date(2026, 11, 26))
    changed = decide(snapshot(State.APPROVED), ReplyReceived(
        actor=actor(KESTREL), key="k", establishment="kestrel-house", reply=reply))
    [told] = _emails(changed, "social_worker/late_response")
    assert told.to == SW and told.context["late"] is False
    assert "5990" in str(told.context["response"])


def test_drop_takes_the_papers_away() -> None:
    result = decide(snapshot(State.APPROVED), Dropped(actor=actor(SW), key="k", label="B"))
    assert RevokePapers("larch-house") in result.commands
    assert result.snapshot.rounds[-1].establishments == ("kestrel-house",)


def test_unmet_needs_a_reason_and_ends_the_search() -> None:
    approved = snapshot(State.APPROVED)
    assert not decide(approved, UnmetDeclared(actor=actor(SW), key="k", reason="")).answer.accepted
    result = decide(approved, UnmetDeclared(actor=actor(SW), key="k",
                                            reason="no home could meet her needs"))
    assert result.snapshot.state == State.UNMET
    assert result.snapshot.referral.outcome_reason == "no home could meet her needs"
    assert {c.establishment for c in result.commands if isinstance(c, RevokePapers)} == {
        "kestrel-house", "larch-house"}


def test_withdrawal_recalls_the_referral_from_every_provider_sent_it() -> None:
    result = decide(snapshot(State.OPEN), Withdrawn(actor=actor(SW), key="k",
                                                   reason="placed with family"))
    assert result.snapshot.state == State.WITHDRAWN and CancelDeadlines() in result.commands
    recalled = _emails(result, "provider/recalled")
    assert sorted(e.to for e in recalled) == sorted([
        KESTREL, LARCH, "referrals@harbourlightscare.example"])
    told = {e.to for e in _emails(result, "social_worker/withdrawn")}
    assert told == {SW, "placements@northby.gov.example"}


def test_the_end_of_a_placement_frees_its_place() -> None:
    result = decide(snapshot(State.PLACED, referral=replace(
        snapshot(State.PLACED).referral, chosen="kestrel-house")),
        PlacementEnded(actor=actor(KESTREL), key="k", on=date(2027, 3, 1),
                       reason="moved to long-term foster care"))
    assert result.snapshot.state == State.ENDED
    assert ChangeCapacity("kestrel-house", 1) in result.commands
    assert RevokePapers("kestrel-house") in result.commands  # her papers, no longer needed


def test_an_ended_line_naming_another_referral_changes_nothing_on_this_one() -> None:
    """On REF-2026-000001's thread, 'ENDED REF-2026-222222' must not end this placement."""
    placed = snapshot(State.PLACED, referral=replace(snapshot(State.PLACED).referral,
                                                     chosen="kestrel-house"))
    other = decide(placed, PlacementEnded(actor=actor(KESTREL), key="k", on=date(2027, 3, 1),
                                          reason="moved", reference="REF-2026-222222"))
    assert not other.answer.accepted and "REF-2026-222222" in other.answer.message
    assert other.snapshot.state == State.PLACED and not any(
        isinstance(c, ChangeCapacity) for c in other.commands)
    own = decide(placed, PlacementEnded(actor=actor(KESTREL), key="k", on=date(2027, 3, 1),
                                        reason="moved", reference="ref-2026-000001"))
    assert own.snapshot.state == State.ENDED


def test_papers_go_to_the_homes_contact_now_not_the_one_the_referral_went_to() -> None:
    """Larch House changed its contact after the referral went out (its old mailbox was lost):
    the child's papers go to the directory's contact now, never to the old mailbox."""
    before = snapshot(State.AWAITING_APPROVAL,
                      approvals=(ApprovalRecord(1, ALEX, "Alex", "approve", ""),))
    old = "lost.mailbox@larchcare.example"
    before = replace(before, recipients={
        **before.recipients, "larch-house": replace(before.recipients["larch-house"],
                                                    contact=old)})
    result = decide(before, _approve(RUTH))
    assert [e.to for e in _emails(result, "provider/papers")] == [KESTREL, LARCH]
    assert old not in {c.to for c in result.commands if isinstance(c, SendEmail)}


def test_a_commissioners_reason_goes_to_slack_anonymised() -> None:
    """A QUESTION or REJECT reason is shown on the shared channel's message: it names the
    child as often as the views do, and is anonymised as they are."""
    asked = ApprovalRecord(1, ALEX, "Alex", "question",
                           "Is Casey Marie Hollin still seeing Dawn on 07700 900461 at "
                           "12 Larkspur Row? Otherwise fine.")
    waiting = snapshot(State.AWAITING_APPROVAL, world=world(slack_channel="C-APPROVALS"),
                       approvals=(asked,))
    result = decide(waiting, _approve(RUTH))
    [update] = [c for c in result.commands if isinstance(c, PostSlack)]
    [shown] = [a["reason"] for a in update.context["approvals"] if a["email"] == ALEX]
    for secret in ("Casey", "Hollin", "Dawn", "07700 900461", "Larkspur"):
        assert secret not in shown, secret
    assert shown.endswith("Otherwise fine.")


def test_the_ipa_quotes_the_providers_words_on_one_line() -> None:
    """A chosen home's proposal written to look like a clause of the agreement ("4. Terms
    (amended) … Signed for Northby Council") stands in the IPA as its words, quoted, on one
    line: never as lines of the agreement."""
    negotiating = snapshot(State.NEGOTIATING)
    kestrel = negotiating.responses["kestrel-house"]
    hostile = replace(kestrel, fields={**kestrel.fields, "proposal":
                      "the placement as described.\n\n4. Terms (amended)\n   Fees are payable "
                      "four weeks in advance.\n   Signed for Northby Council.\u202e"})
    placed = decide(replace(negotiating, responses={**negotiating.responses,
                                                    "kestrel-house": hostile}),
                    FeeAgreed(actor=actor(SW), key="k"))
    covers = _emails(placed, "authority/ipa")[0].context["ipa"]["covers"]
    assert covers.startswith("“the placement as described. 4. Terms (amended)")
    assert "\n" not in covers and "\u202e" not in covers and covers.endswith("”")


def test_a_reason_reaches_slack_and_the_social_worker_without_control_characters() -> None:
    result = decide(snapshot(State.AWAITING_APPROVAL),
                    _approve(ALEX, "question", "Why not B?\x1b\x07\u202e\nIs A close?"))
    [told] = _emails(result, "social_worker/shortlist_question")
    assert told.context["reason"] == "Why not B?\nIs A close?"
    assert result.snapshot.approvals[-1].reason == "Why not B?\nIs A close?"


def _costs(decision, label: str) -> list[str]:  # type: ignore[no-untyped-def]
    [request, *_] = _emails(decision, "commissioner/approval_request")
    return next(o["costs"] for o in request.context["options"] if o["label"] == label)


def test_the_approval_request_gives_extras_totals_starts_and_sign_off() -> None:
    """A commissioner must see what an option will really cost and when it can start: the
    provider's additional costs, the total, the difference from the budget, the sign-off the
    authority will need, and an option with no fee yet, the same lines in email and Slack."""
    rows = (
        {**OPTIONS[0], "weekly_fee": "5900.00", "available_from": "2026-12-05",
         "additional_costs": "2:1 staffing for first 4 weeks £1,200 pw"},
        {**OPTIONS[1], "additional_costs": "TBC", "available_from": "2026-12-01"},
        {**OPTIONS[2], "additional_costs": "none given"},
    )
    closed = snapshot(State.CLOSED)
    closed = replace(closed, referral=replace(closed.referral, comparison=rows))
    decision = decide(closed, _shortlist(("A", "B", "C")))
    assert _costs(decision, "A") == [
        "Weekly fee: £5,900", "Additional costs: £1,200 a week, in the provider's words: "
        "“2:1 staffing for first 4 weeks £1,200 pw”",
        "Total: £7,100 a week while the additional costs apply",
        "Budget: £5,000 a week, ⚠️ £2,100 over budget",
        "⚠️ Will need sign-off (over £6,000 a week)",
        # the first year counts the £1,200 for its 4 weeks: £5,900 × 52 + £1,200 × 4
        "Approval covers: up to £7,100 a week with the additional costs (£311,600 in the "
        "first year: the £1,200 a week for 4 weeks only)",
        "⚠️ Available from: 5 December (needed from 1 December): later than needed"]
    b = _costs(decision, "B")
    assert b == [
        "Weekly fee: £4,250",
        "⚠️ Additional costs: not priced, so the total is not known; in the provider's "
        "words: “TBC”",
        "Budget: £5,000 a week, £750 under budget",
        "⚠️ May need sign-off (over £6,000 a week) with the additional costs",
        "Approval covers: up to £4,250 a week for the fee alone (£221,000 a year), not the "
        "additional costs",
        "Available from: 1 December (needed from 1 December)"]
    assert sum("priced" in line for line in b) == 1  # said once, not on every line
    assert _costs(decision, "C") == ["Weekly fee: ⚠️ no fee given yet",
                                     "Approval covers: no fee, as none was given; a fee named "
                                     "later needs a budget holder's sign-off",
                                     "Available from: not given (needed from 1 December)"]
    slack = decide(replace(closed, world=world(slack_channel="C-APPROVALS")),
                   _shortlist(("A", "B", "C")))
    [post] = [c for c in slack.commands if isinstance(c, PostSlack)]
    assert post.context["options"][0]["costs"] == _costs(decision, "A")


def test_a_start_only_in_the_homes_words_is_its_start_in_the_approval_request() -> None:
    """Reader ux51s: Kestrel House's 'once our current young person moves on, likely
    mid-January' was 'Available from: not given' with no flag in the approval request, though
    the comparison said 'not before mid-January (its reply's words) ⚠️ later than needed'."""
    words = "£4,900 pw once our current young person moves on, likely mid-January."
    rows = (
        {**OPTIONS[0], "available_from": None, "words": words, "earliest_start": "2027-01-15",
         "start_said": "mid-January", "timing": "late"},
        # a row stored before the comparison kept its start: read again from its words
        {**OPTIONS[1], "available_from": None, "words": words},
        {**OPTIONS[2], "available_from": None, "words": "We'd like the papers.",
         "earliest_start": None, "start_said": "", "timing": "not-given"},
    )
    closed = snapshot(State.CLOSED)
    decision = decide(replace(closed, referral=replace(closed.referral, comparison=rows)),
                      _shortlist(("A", "B", "C")))
    late = ("⚠️ Available from: not before mid-January, in its reply's words (needed from 1 "
            "December): later than needed")
    assert _costs(decision, "A")[-1] == late and _costs(decision, "B")[-1] == late
    assert _costs(decision, "C")[-1] == "Available from: not given (needed from 1 December)"
    [request, *_] = _emails(decision, "commissioner/approval_request")
    assert late in _rendered(request)


def _rendered(email: SendEmail) -> str:
    from datetime import UTC, datetime
    from email import message_from_bytes, policy

    from channels.email.render import TEMPLATES, EmailRenderer

    raw = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                        secret=b"test-secret").render(email, datetime(2026, 12, 7, tzinfo=UTC)).raw
    return str(message_from_bytes(raw, policy=policy.default).get_body(("plain",)).get_content())


def test_only_the_social_workers_reply_to_a_question_is_passed_on() -> None:
    from workflows.events import FormMessage, FormReceived

    asked = snapshot(State.AWAITING_APPROVAL, approvals=(
        ApprovalRecord(1, RUTH, "Ruth Adeyemi", "question", "Why not C?"),))
    form = FormMessage(sender=SW, subject="RE: q", message_id="<m@x>", fields={},
                       text="C has 2:1 costs.")
    answered = decide(asked, FormReceived(actor=actor(SW), key="k", form=form,
                                          question_from=RUTH))
    [passed] = _emails(answered, "commissioner/question_answered")
    assert passed.to == RUTH and passed.reply_to == SW
    assert passed.context["answer"] == "C has 2:1 costs." and answered.snapshot == asked
    stranger = decide(asked, FormReceived(actor=actor(ALEX), key="k", form=form,
                                          question_from=RUTH))
    assert not _emails(stranger, "commissioner/question_answered")


def test_an_emailed_approval_is_acknowledged_and_every_commissioner_told_the_outcome() -> None:
    """A commissioner approving by email had no word it counted, and those asked were
    never told the shortlist was decided, rejected, expired or replaced."""
    first = decide(snapshot(State.AWAITING_APPROVAL), _approve(ALEX))
    [ack] = _emails(first, "commissioner/approval_recorded")
    assert ack.to == ALEX and (ack.context["approved"], ack.context["needed"]) == (1, 2)
    assert ack.context["labels"] == ["A", "B"] and ack.context["round"] == 1
    assert not _emails(first, "commissioner/approval_outcome")
    approved = decide(first.snapshot, _approve(RUTH))
    told = _emails(approved, "commissioner/approval_outcome")
    assert {e.to for e in told} == NORTHBY_COMMISSIONERS
    assert {e.context["outcome"] for e in told} == {"approved"}
    rejected = decide(snapshot(State.AWAITING_APPROVAL), _approve(ALEX, "reject", "Too far"))
    assert {(e.to, e.context["outcome"], e.context["reason"]) for e in _emails(
        rejected, "commissioner/approval_outcome")} == {
        (c, "rejected", "Too far") for c in NORTHBY_COMMISSIONERS}
    replaced = decide(snapshot(State.AWAITING_APPROVAL), _shortlist(("A",)))
    assert {e.context["outcome"] for e in _emails(
        replaced, "commissioner/approval_outcome")} == {"replaced"}
    late = snapshot(State.AWAITING_APPROVAL, world=world(now=NOW + timedelta(hours=49)))
    expired = decide(late, DeadlineDue(actor=SERVICE, key="k",
                                       kind=DeadlineKind.APPROVAL_EXPIRY, seq=1))
    assert {e.to for e in _emails(expired, "commissioner/approval_outcome")} == \
        NORTHBY_COMMISSIONERS | {"placements@northby.gov.example"}
    in_slack = snapshot(State.AWAITING_APPROVAL, world=world(slack_channel="C-APPROVALS"))
    assert not _emails(decide(in_slack, _approve(ALEX)), "commissioner/approval_recorded")


def test_commissioners_yet_to_decide_are_reminded_and_the_team_told_of_an_expiry() -> None:
    """The request lapsed quietly, told only to the social worker: now those who have not
    acted are reminded at three quarters of the time, and the expiry reaches the team."""
    shortlisted = decide(snapshot(State.CLOSED), _shortlist())
    reminder = [c for c in shortlisted.commands if getattr(c, "kind", None)
                == DeadlineKind.APPROVAL_REMINDER]
    assert [r.due_at for r in reminder] == [NOW + world().approval_ttl * 3 / 4]
    waiting = snapshot(State.AWAITING_APPROVAL,
                       approvals=(ApprovalRecord(1, ALEX, "Alex", "approve", ""),))
    due = DeadlineDue(actor=SERVICE, key="k", kind=DeadlineKind.APPROVAL_REMINDER, seq=1)
    reminded = decide(waiting, due)
    assert {e.to for e in _emails(reminded, "commissioner/approval_reminder")} == \
        NORTHBY_COMMISSIONERS - {ALEX}
    assert reminded.snapshot.state == State.AWAITING_APPROVAL
    assert decide(snapshot(State.APPROVED), due).commands == ()
    late = snapshot(State.AWAITING_APPROVAL, world=world(now=NOW + timedelta(hours=49)))
    expired = decide(late, DeadlineDue(actor=SERVICE, key="k",
                                       kind=DeadlineKind.APPROVAL_EXPIRY, seq=1))
    assert "placements@northby.gov.example" in {
        e.to for e in _emails(expired, "commissioner/approval_outcome")}


def test_an_approval_is_recorded_with_its_maker_round_and_the_fees_decided_on() -> None:
    from workflows.commands import RecordEvent

    decision = decide(snapshot(State.AWAITING_APPROVAL), _approve(ALEX))
    [event] = [c for c in decision.commands if isinstance(c, RecordEvent)
               and c.kind == "approval-approve"]
    assert event.data["name"] == "Alex Morgan" and event.data["round"] == 1
    assert event.data["options"] == [  # with the cost with additional costs, as shown
        {"label": "A", "weekly_fee": "4900.00", "total": "4900.00", "costs_unpriced": False,
         "one_off": ""},
        {"label": "B", "weekly_fee": "4250.00", "total": "4250.00", "costs_unpriced": False,
         "one_off": ""}]


def test_a_withdrawal_while_awaiting_approval_takes_the_shortlist_from_the_commissioners() -> None:
    """The Slack message stayed live with its buttons, and commissioners asked by email were
    told nothing."""
    def withdraw(waiting):  # type: ignore[no-untyped-def]
        return decide(waiting, Withdrawn(actor=actor(SW), key="k", reason="kinship carer"))

    in_slack = withdraw(snapshot(State.AWAITING_APPROVAL,
                                 world=world(slack_channel="C-APPROVALS")))
    [update] = [c for c in in_slack.commands if isinstance(c, PostSlack) and c.update_of]
    assert update.context["status"] == "withdrawn"
    by_email = withdraw(snapshot(State.AWAITING_APPROVAL))
    told = _emails(by_email, "commissioner/approval_outcome")
    assert {e.to for e in told} == NORTHBY_COMMISSIONERS
    assert {e.context["outcome"] for e in told} == {"withdrawn"}
    assert not _emails(withdraw(snapshot(State.OPEN)), "commissioner/approval_outcome")


def test_a_commissioners_words_on_the_thread_are_answered_with_how_to_decide() -> None:
    """'Yes, happy to approve this.' had been answered that only the social worker can
    give this instruction, which told the commissioner nothing she could use."""
    from workflows.events import FormMessage, FormReceived

    words = FormMessage(sender=ALEX, subject="RE: approval", message_id="<m@x>", fields={},
                        text="Yes, happy to approve this.")
    waiting = snapshot(State.AWAITING_APPROVAL)
    answer = decide(waiting, FormReceived(actor=actor(ALEX), key="k", form=words))
    assert not answer.answer.accepted and answer.snapshot.approvals == ()
    assert "APPROVE REF-2026-000001" in answer.answer.message
    assert "social worker" not in answer.answer.message


def test_the_approval_request_names_the_childs_needs_in_the_words_providers_read() -> None:
    """Commissioners read "needs semh, cse, missing" where providers read SEMH, CSE, Missing:
    the request words the codes as the provider email does."""
    from email import message_from_bytes, policy

    from channels.email.render import TEMPLATES, EmailRenderer

    closed = snapshot(State.CLOSED)
    profile = {**closed.referral.anonymised["profile"], "legal_status": "s20",
               "duration": "long-term"}
    closed = replace(closed, referral=replace(
        closed.referral, anonymised={**closed.referral.anonymised, "profile": profile}))
    [request, *_] = _emails(decide(closed, _shortlist()), "commissioner/approval_request")
    renderer = EmailRenderer("broker.localhost", "referrals@broker.localhost", [TEMPLATES],
                             secret=b"test")
    raw = renderer.render(request, closed.world.now).raw
    text = str(message_from_bytes(raw, policy=policy.default).get_body(("plain",))
               .get_content())
    line = next(line for line in text.splitlines() if line.startswith("The child: "))

    assert line == ("The child: age 14, female, children's home, needs SEMH, CSE, Missing, "
                    "area SE15, legal status Section 20 (accommodated by agreement), expected "
                    "duration long term.")


def test_the_social_worker_is_told_her_proposal_went_to_the_home() -> None:
    """Her PROPOSE wrote to the provider and to nobody else: she had no word it went."""
    from email import message_from_bytes, policy

    from channels.email.render import TEMPLATES, EmailRenderer

    negotiating = snapshot(State.NEGOTIATING)
    proposal = decide(negotiating, FeeProposed(actor=actor(SW), key="k", fee=Decimal("4500")))

    [told] = _emails(proposal, "social_worker/fee_proposed")
    assert told.to == SW and told.thread
    renderer = EmailRenderer("broker.localhost", "referrals@broker.localhost", [TEMPLATES],
                             secret=b"test")
    message = message_from_bytes(renderer.render(told, negotiating.world.now).raw,
                                 policy=policy.default)
    text = str(message.get_body(("plain",)).get_content())
    assert message["Subject"].startswith("REF-2026-000001: your proposal of £4,500 a week "
                                         "sent to Kestrel House")  # then its thread tag
    assert "Nothing is agreed until the home answers" in text
    again = decide(proposal.snapshot, FeeProposed(actor=actor(SW), key="k2",
                                                  fee=Decimal("4500")))
    assert not _emails(again, "social_worker/fee_proposed")  # the same fee: no new round


@pytest.mark.parametrize("urgency,within", [("emergency", timedelta(hours=2)),
                                            ("urgent", timedelta(hours=24)),
                                            ("planned", timedelta(days=5)),
                                            ("", timedelta(days=5))])
def test_the_papers_ask_for_an_answer_within_the_referrals_own_window_not_the_links_life(
        urgency: str, within: timedelta) -> None:
    """A child needed now cannot wait the link's fortnight: the home confirms within the
    referral's response window for its urgency, and the link's expiry is its own date."""
    before = snapshot(State.AWAITING_APPROVAL,
                      approvals=(ApprovalRecord(1, ALEX, "Alex", "approve", ""),))
    before = replace(before, referral=replace(before.referral, urgency=urgency))
    papers = _emails(decide(before, _approve(RUTH)), "provider/papers")
    assert papers
    for email in papers:
        now = before.world.now
        assert email.context["confirm_by"] == now + within
        assert email.context["expires"] == now + before.world.papers_ttl


def test_the_papers_never_ask_for_an_answer_after_their_link_stops_working() -> None:
    before = snapshot(State.AWAITING_APPROVAL, world=world(papers_ttl=timedelta(hours=1)),
                      approvals=(ApprovalRecord(1, ALEX, "Alex", "approve", ""),))
    [first, *_] = _emails(decide(before, _approve(RUTH)), "provider/papers")
    assert first.context["confirm_by"] == first.context["expires"] == (
        before.world.now + timedelta(hours=1))


def test_the_approvers_see_the_options_not_shortlisted_and_the_late_offers() -> None:
    """A and B shortlisted: C (interested, no fee) was not, and Oak Lodge offered after the
    window closed; a late decline is no alternative and is not listed."""
    rows = ({**OPTIONS[0], "available_from": "2026-12-05"}, OPTIONS[1], OPTIONS[2])
    closed = snapshot(State.CLOSED)
    late = ResponseRecord("oak-lodge", "offer", {}, {
        "service_name": "Oak Lodge", "weekly_fee": 4800, "available_from": "2026-12-07"},
        late=True)
    no = ResponseRecord("ash-house", "decline", {}, {"service_name": "Ash House"}, late=True)
    closed = replace(closed, referral=replace(closed.referral, comparison=rows),
                     responses={**closed.responses, "oak-lodge": late, "ash-house": no})
    decision = decide(closed, _shortlist(("A", "B")))
    [request] = _emails(decision, "commissioner/approval_request")[:1]
    assert request.context["others"] == ("Not shortlisted: C. Harbour House (interested, no "
                                         "fee yet); late: Oak Lodge £4,800 from 7 December")
    shortlisted_c = decide(closed, _shortlist(("A", "C")))
    [request] = _emails(shortlisted_c, "commissioner/approval_request")[:1]
    assert request.context["others"].startswith("Not shortlisted: B. Larch House £4,250;")
    # A late answer lettered into the comparison (broker/comparison.py late_row) is late
    lettered = {"label": "D", "establishment": "oak-lodge", "home": "Oak Lodge",
                "decision": "offer", "weekly_fee": "4800.00", "available_from": "2026-12-07",
                "late": True}
    with_row = replace(closed, referral=replace(closed.referral,
                                                comparison=(*rows, lettered)))
    [request] = _emails(decide(with_row, _shortlist(("A", "B"))),
                        "commissioner/approval_request")[:1]
    assert request.context["others"] == ("Not shortlisted: C. Harbour House (interested, no "
                                         "fee yet); late: D. Oak Lodge £4,800 from 7 December")
    only = replace(closed, responses={k: v for k, v in closed.responses.items()
                                      if k not in ("oak-lodge", "ash-house")})
    [request] = _emails(decide(only, _shortlist(("A", "B", "C"))),
                        "commissioner/approval_request")[:1]
    assert request.context["others"] == ""


def test_an_agreed_on_the_latest_proposals_own_thread_agrees_it_after_two_in_a_row() -> None:
    """ux47s: a counter held for the social worker, then her PROPOSE £4,500 after her
    £4,400, left two proposals in a row, and the home's 'Agreed' on the £4,500 email's own
    thread was refused as ambiguous, twice, while she was told to choose another home. An
    'Agreed' that replies to the latest proposal's email agrees it; one replying to the
    earlier, or to none of ours, is still not taken."""
    once = replace(snapshot(State.NEGOTIATING), fee_rounds=(
        (1, "provider", "4800.00"), (2, "authority", "4400.00")))
    first = _emails(decide(snapshot(State.NEGOTIATING), FeeProposed(
        actor=actor(SW), key="k1", fee=Decimal("4400"))), "provider/fee_proposal")[0].key
    twice = decide(once, FeeProposed(actor=actor(SW), key="k2", fee=Decimal("4500")))
    latest = _emails(twice, "provider/fee_proposal")[0].key
    on_its_thread = decide(twice.snapshot, replace(_provider_agrees(), answers=latest))
    assert on_its_thread.snapshot.state == State.PLACED
    [ipa] = _emails(on_its_thread, "provider/ipa")
    assert ipa.context["ipa"]["agreed_fee"] == "4500.00"
    on_the_earlier = decide(twice.snapshot, replace(_provider_agrees(), answers=first))
    assert on_the_earlier.snapshot.state == State.NEGOTIATING
    assert decide(twice.snapshot, _provider_agrees()).snapshot.state == State.NEGOTIATING
