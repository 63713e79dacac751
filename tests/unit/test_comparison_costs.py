"""The comparison adds up an option's extras and sets it against the budget (rule
`comparison-adds-up-extras`, workflows/option_costs.py), gives an offer's condition its own
line (rule `condition-on-its-own-line`), says what the ranking's price is scored on, and
tells the placements team whose step the shortlist is."""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy

from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import NOW, SW, snapshot, wave, world
from workflows.commands import SendEmail
from workflows.events import SERVICE, DeadlineDue, DeadlineKind
from workflows.lifecycle import decide
from workflows.option_costs import option_costs, proposal_and_condition
from workflows.snapshot import ResponseRecord
from workflows.states import State

RENDERER = EmailRenderer("broker.localhost", "referrals@broker.localhost", [TEMPLATES],
                         secret=b"test-secret")
EIGHT_WEEKS = "2:1 staffing for the first 8 weeks at £1,400 per week"


def test_a_time_limited_extra_is_added_for_its_weeks_and_the_first_year_counted() -> None:
    costs = option_costs("4600.00", EIGHT_WEEKS, "5200")
    assert costs.weekly == "£6,000 a week for the first 8 weeks, then £4,600"
    assert costs.first_year == "£250,400 (the £1,400 a week for 8 weeks only)"
    assert costs.budget.startswith("⚠️ over budget for its first 8 weeks")
    assert "£800 a week over the £5,200 budget" in costs.budget and costs.over


def test_an_all_inclusive_fee_has_no_weekly_line_and_a_years_cost() -> None:
    costs = option_costs("4950.00", "none", "5200")
    assert costs.weekly == ""
    assert costs.first_year == "£257,400 (52 weeks at £4,950)"
    assert costs.budget == "£250 a week under the £5,200 budget" and not costs.over


def test_a_fee_over_the_budget_says_by_how_much() -> None:
    costs = option_costs("5900", "", "5200")
    assert costs.budget == "⚠️ £700 a week over the £5,200 budget" and costs.over


def test_extras_not_priced_are_said_and_the_budget_is_against_the_fee_alone() -> None:
    costs = option_costs("5400", "TBC", "5600")
    assert costs.weekly == "not known: the additional costs are not priced"
    assert costs.first_year == ""
    assert "on the fee alone" in costs.budget and "may take it over" in costs.budget


def test_no_budget_no_budget_line() -> None:
    assert option_costs("5400", "", None).budget == ""


def test_the_condition_is_taken_out_of_the_proposal_with_the_sentence_it_alone_makes() -> None:
    said, condition = proposal_and_condition(
        "CSE-trained staff, girls-only home. Our offer is subject to a matching meeting with "
        "our registered manager.")
    assert said == "CSE-trained staff, girls-only home."
    assert condition == "subject to a matching meeting with our registered manager"
    assert proposal_and_condition("2:1 staffing; subject to matching panel") == (
        "2:1 staffing.", "subject to matching panel")
    assert proposal_and_condition("Therapist on site.") == ("Therapist on site.", "")


def _closed() -> list[SendEmail]:
    start = NOW - timedelta(hours=24)
    responses = {
        "larch-view": ResponseRecord("larch-view", "offer", {}, {
            "weekly_fee": "4600", "decision": "offer", "additional_costs": EIGHT_WEEKS,
            "proposal": "Therapist on site."}),
        "larch-house": ResponseRecord("larch-house", "offer", {}, {
            "weekly_fee": "4950", "decision": "offer", "additional_costs": "none",
            "proposal": "Girls only. Our offer is subject to a matching meeting."}),
    }
    before = snapshot(State.OPEN, waves=(wave(opened=start),), responses=responses,
                      world=world(now=NOW + timedelta(days=3)))
    decision = decide(before, DeadlineDue(actor=SERVICE, key="k", kind=DeadlineKind.CLOSE,
                                          wave=1))
    return [c for c in decision.commands if isinstance(c, SendEmail)
            and c.template == "social_worker/comparison"]


def _text(email: SendEmail) -> str:
    raw = RENDERER.render(email, NOW).raw
    return str(message_from_bytes(raw, policy=policy.default).get_body(("plain",))
               .get_content())


def test_the_comparison_shows_costs_budget_and_condition_on_lines_of_their_own() -> None:
    [mine] = [e for e in _closed() if e.to == SW]
    text = _text(mine)
    assert "The weekly budget is £5,000." in text  # the sample referral's
    assert "   Weekly cost: £6,000 a week for the first 8 weeks, then £4,600\n" in text
    assert "   First year: £250,400 (the £1,400 a week for 8 weeks only)\n" in text
    assert "   First year: £257,400 (52 weeks at £4,950)\n" in text
    assert "   Budget: ⚠️ over budget for its first 8 weeks" in text
    assert "   Condition: “subject to a matching meeting”\n" in text
    assert "   How it would meet the needs: “Girls only.”\n" in text
    assert "Proposal:" not in text
    # the ranking's price is the first-year cost (rule price-scored-on-the-first-year)
    assert ("(price is scored on the first-year cost: the fee for its weeks, the weekly "
            "additional costs for theirs and the one-off sums)") in text
    assert "\nTo shortlist, reply with" in text


def test_the_teams_copy_says_whose_step_the_shortlist_is() -> None:
    [team] = [e for e in _closed() if e.to != SW]
    text = _text(team)
    assert "Sam Taylor will shortlist; the team can too." in text
    assert "\nTo shortlist, reply with" not in text


def test_an_empty_comparison_offers_the_extension_and_the_team_widening() -> None:
    """ux49s U6: nothing to shortlist: the EXTEND line to send, and in the team's copy that
    the team can widen the search, not "talk to your placements team"."""
    responses = {"harbour-house": ResponseRecord("harbour-house", "decline", {}, {
        "decline_reason": "no-vacancy"})}
    before = snapshot(State.OPEN, waves=(wave(opened=NOW - timedelta(hours=24)),),
                      responses=responses, world=world(now=NOW + timedelta(days=3)))
    decision = decide(before, DeadlineDue(actor=SERVICE, key="k", kind=DeadlineKind.CLOSE,
                                          wave=1))
    emails = [c for c in decision.commands if isinstance(c, SendEmail)
              and c.template == "social_worker/comparison"]
    mine = _text(next(e for e in emails if e.to == SW))
    team = _text(next(e for e in emails if e.to != SW))
    assert "\n      EXTEND 2d\n" in mine and "talk to your placements team" in mine
    assert "widen the search, which the team can do" in team
    assert "talk to your placements team" not in team


def test_a_lead_only_offering_goes_with_its_condition_a_kept_one_ends_its_sentence() -> None:
    """"We would be able to offer once our current young person moves on, likely mid-January.
    We were rated …" read "We would be able to offer We were rated …" once the condition was
    taken out: a lead that only offers says nothing of the needs; a longer one is kept as a
    sentence of its own."""
    said, condition = proposal_and_condition(
        "We would be able to offer once our current young person moves on, likely "
        "mid-January. We were rated Requires Improvement; new manager in post.")
    assert said == "We were rated Requires Improvement; new manager in post."
    assert condition.startswith("once our current young person moves on")
    said, _ = proposal_and_condition(
        "We can offer her a room with en-suite and 2:1 staffing if CAMHS input continues. "
        "Therapist on site.")
    assert said == "We can offer her a room with en-suite and 2:1 staffing. Therapist on site."
