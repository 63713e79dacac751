"""Round R28: a line under a correction or an answer is never glued into a value nor dropped
unsaid. An instruction line in any case ends the value above it and is named (WITHDRAW: nothing
done); a capital instruction inside a sentence is named too; a line repeating the record's
value in other case changes nothing; a correction's Needed from long past is asked about, as
at intake; a day and month with no year just past is this year's; a reply's later line that
speaks of the form is read as a change or asked about, never sent as if unsaid."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from tests.snapshots import REFERRAL_SPEC, SW, actor, snapshot
from tests.unit.test_intake_readings_r27 import _replied
from tests.unit.test_lifecycle import FORM
from workflows.commands import SendEmail
from workflows.events import FormMessage, FormReceived, WindowExtended
from workflows.lifecycle import decide
from workflows.one_thing import as_sent, instruction_below, meant_in_a_sentence, without_line
from workflows.states import State

HER = replace(actor(SW), authenticated=True, message_id="<hers@northby.gov.example>")
MONDAY_7_DEC = date(2026, 12, 7)


def _emails(decision) -> list[SendEmail]:  # type: ignore[no-untyped-def]
    return [c for c in decision.commands if isinstance(c, SendEmail)]


def _correction(text: str, **fields: str) -> FormReceived:
    return FormReceived(actor=HER, key="in:8", form=FormMessage(
        sender=SW, subject="Re: REF-2026-000001", message_id=HER.message_id,
        fields=fields, text=text, sent_on=MONDAY_7_DEC))


# --- T01 T04: an instruction line in any case


@pytest.mark.parametrize(("text", "line", "shown"), [
    ("Weekly budget: £5,200\nextend 2d", "extend 2d", "EXTEND 2d"),
    ("Needed from: 21/12/2026\nWithdraw – family found a kinship carer",
     "Withdraw – family found a kinship carer", "WITHDRAW family found a kinship carer"),
    ("Needed from: 21/12/2026\nclose", "close", "CLOSE"),
    ("Needed from: 21/12/2026\nEXTEND 2d", "EXTEND 2d", "EXTEND 2d"),
])
def test_an_instruction_line_in_any_case_is_found_and_shown_as_sent(
        text: str, line: str, shown: str) -> None:
    assert instruction_below(text, REFERRAL_SPEC) == line
    assert as_sent(line) == shown


@pytest.mark.parametrize("text", [
    "Needed from: 21/12/2026\nExtend it if you can, thanks",  # no number: a sentence
    "Needed from: 21/12/2026\nClose to her school please",
    "Needs: SEMH\nUnmet needs: dental",
    "Needed from: 21/12/2026\nDrop her at school at 9",  # DROP counts in capitals only
    "Needed from: 21/12/2026\nI'll withdraw it if the aunt comes through",
])
def test_words_that_only_start_like_an_instruction_are_none(text: str) -> None:
    assert instruction_below(text, REFERRAL_SPEC) == ""


def test_the_instruction_line_is_never_glued_into_the_value_above_it() -> None:
    assert without_line({"budget_weekly": "£5,200\nextend 2d"}, "extend 2d") == {
        "budget_weekly": "£5,200"}


def test_a_budget_with_a_lower_case_extend_under_it_is_recorded_and_the_extend_named() -> None:
    decision = decide(snapshot(State.OPEN), _correction(
        "Weekly budget: £5,200\nextend 2d", budget_weekly="£5,200\nextend 2d"))
    # weighed without the line (this sample form is refused as incomplete: the scorer and the
    # adapter tests send a whole one)
    assert "extend" not in str(decision.answer).lower()
    assert decision.snapshot.waves == snapshot(State.OPEN).waves  # not extended
    [answer] = [c for c in _emails(decision) if c.to == SW]
    assert answer.context["not_done"]["lines"] == ["EXTEND 2d"]


def test_a_title_case_withdraw_under_a_correction_sends_nothing_to_providers() -> None:
    decision = decide(snapshot(State.OPEN), _correction(
        "Needed from: 21/12/2026\nWithdraw – family found a kinship carer",
        needed_from="21/12/2026\nWithdraw – family found a kinship carer"))
    assert not decision.answer.accepted and decision.rule == "one-thing-per-email"
    assert decision.snapshot.state == State.OPEN
    [answer] = _emails(decision)
    assert answer.to == SW and answer.context["not_done"]["kind"] == "ending"
    assert answer.context["not_done"]["lines"] == ["WITHDRAW family found a kinship carer"]


# --- T02: a capital instruction inside a sentence


def test_a_capital_instruction_in_a_sentence_is_named_if_meant() -> None:
    text = "Needed from: 21/12/2026\n\nCould you also EXTEND 2d as well please, thanks"
    assert instruction_below(text, REFERRAL_SPEC) == ""
    assert meant_in_a_sentence(text) == "EXTEND 2d"
    assert meant_in_a_sentence("Needed from: 21/12/2026\nWe may extend by 2 days") == ""
    decision = decide(snapshot(State.OPEN), _correction(text, needed_from="21/12/2026"))
    assert decision.snapshot.waves == snapshot(State.OPEN).waves
    [answer] = [c for c in _emails(decision) if c.to == SW]
    assert answer.context["not_done"] == {"kind": "meant", "lines": ["EXTEND 2d"],
                                          "open": True}


# --- T09 T10: the record's own value in other case


@pytest.mark.parametrize("lines_too", [{"placement_type": "Residential"},
                                       {"urgency": "urgent"}])
def test_the_records_own_value_in_other_case_is_no_correction_not_made(
        lines_too: dict[str, str]) -> None:
    base = snapshot(State.OPEN)
    base = base.with_referral(raw_fields={**base.referral.raw_fields, "urgency": "Urgent"})
    event = WindowExtended(actor=HER, key="in:9", by=timedelta(days=2), lines_too=lines_too)
    assert all("not_done" not in c.context for c in _emails(decide(base, event)))


def test_a_value_that_means_otherwise_is_still_named() -> None:
    event = WindowExtended(actor=HER, key="in:9", by=timedelta(days=2),
                           lines_too={"placement_type": "foster"})
    [answer] = [c for c in _emails(decide(snapshot(State.OPEN), event)) if c.to == SW]
    assert answer.context["not_done"]["lines"] == ["Placement type: foster"]


# --- N09: a correction's Needed from long past


def test_a_correction_to_a_needed_from_day_long_past_is_asked_not_sent() -> None:
    decision = decide(snapshot(State.OPEN), _correction("Needed from: 01/09/2026",
                                                        needed_from="01/09/2026"))
    assert not decision.answer.accepted
    assert "needed_from" not in decision.snapshot.referral.raw_fields
    [told] = _emails(decision)
    assert told.to == SW and told.template == "social_worker/correction_refused"
    [problem] = [p for p in told.context["problems"] if p.field == "needed_from"]
    assert "Tuesday 1 September 2026" in problem.problem and "older form" in problem.problem


# --- N07: a day and month with no year, just past


def test_a_needed_from_day_without_its_year_just_past_is_this_years_and_asked() -> None:
    form = replace(FORM, fields={**FORM.fields, "needed_from": "22 Nov", "urgency": "Urgent"},
                   sent_on=MONDAY_7_DEC)
    decision = decide(snapshot(State.NEW), FormReceived(actor=actor(SW), key="k", form=form))
    assert decision.snapshot.state == State.INCOMPLETE
    [asked] = [c for c in _emails(decision) if c.to == SW]
    [problem] = asked.context["problems"]
    assert problem.field == "needed_from" and "Sunday 22 November 2026" in problem.problem


# --- C01 C03 C04: a reply's later line that speaks of the form (their own lines, "it's the
# postcode that's wrong: SE15 3RT", "PS budget now agreed at £5,500 a week", "Needs should
# also include self-harm", are read as changes: test_intake_readings_r27.py)


@pytest.mark.parametrize(("line", "label"), [
    ("DOB is right, it's the postcode that's wrong, I'll check it", "Home postcode"),
    ("PS budget to be confirmed at panel on 10/12", "Weekly budget"),
    ("The needs are missing the self-harm we discussed", "Needs"),
])
def test_a_reply_line_about_the_form_not_read_as_a_change_is_asked_never_sent(
        line: str, label: str) -> None:
    decision = _replied(f"Placement type: Residential\n{line}\n")
    assert decision.snapshot.state == State.INCOMPLETE  # nothing to providers
    [asked] = _emails(decision)
    [problem] = asked.context["problems"]
    assert problem.label == label and line in problem.problem


@pytest.mark.parametrize("line", ["Her DOB on the form is correct.", "Thanks, sorry about that"])
def test_a_reply_line_that_changes_nothing_lets_the_referral_go(line: str) -> None:
    decision = _replied(f"Placement type: Residential\n{line}\n")
    assert decision.snapshot.state == State.OPEN
    assert decision.snapshot.referral.raw_fields["placement_type"] == "Residential"
