"""Rule `one-thing-per-email`, attacker's review 34 (F1, F2): a line of a value that runs on
(Background, Education, Needs) or of a signature that only starts like an instruction
("Extend contact with Dawn to 3 visits…", "Withdraw her from Brackenfield once…", "Unmet -
CAMHS have not allocated a worker yet", "Withdraw consent for us to hold your details…") is
no instruction: nothing is cut from the value, and the correction is weighed as one. An
instruction not in capitals counts only directly under a one-line field's line, with exactly
what it takes after it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.snapshots import REFERRAL_SPEC, SW, actor, snapshot
from workflows.commands import SendEmail
from workflows.events import FormMessage, FormReceived
from workflows.lifecycle import decide
from workflows.one_thing import as_sent, instruction_below, without_line
from workflows.states import State

HER = replace(actor(SW), authenticated=True, message_id="<hers@northby.gov.example>")

RISKS = ("Casey has gone missing eleven times.\n"
         "Extend contact with Dawn to 3 visits a week once settled.\n"
         "Police believe she is exploited by older males; she self-harmed in September.")

LINES_OF_A_VALUE = {
    "extend_in_paragraph": (f"Background and risks: {RISKS}\n", {"background": RISKS}),
    "signature_privacy_line": (
        "Needed from: 09/12/2026\n\nSam Taylor\nSocial Worker, Children in Care Team\n"
        "Northby Council\nWithdraw consent for us to hold your details at any time on our "
        "privacy page.\n", {"needed_from": "09/12/2026"}),
    "paragraph_field_line": (
        "Education: Casey is in Year 10 at Brackenfield Academy.\n"
        "Withdraw her from Brackenfield only once a new school place is confirmed.\n",
        {"education": "Casey is in Year 10 at Brackenfield Academy.\nWithdraw her from "
                      "Brackenfield only once a new school place is confirmed."}),
    "unmet_in_needs": ("Needs: SEMH, CSE risk, missing episodes\n"
                       "Unmet - CAMHS have not allocated a worker yet\n",
                       {"needs": "SEMH, CSE risk, missing episodes\n"
                                 "Unmet - CAMHS have not allocated a worker yet"}),
}


def _correction(text: str, fields: dict[str, str]) -> FormReceived:
    return FormReceived(actor=HER, key="in:34", form=FormMessage(
        sender=SW, subject="Re: REF-2026-000001", message_id=HER.message_id,
        fields=fields, text=text, sent_on=date(2026, 12, 7)))


@pytest.mark.parametrize("case", list(LINES_OF_A_VALUE))
def test_a_line_of_a_value_or_a_signature_is_no_instruction(case: str) -> None:
    text, _ = LINES_OF_A_VALUE[case]
    assert instruction_below(text, REFERRAL_SPEC) == ""


@pytest.mark.parametrize("case", list(LINES_OF_A_VALUE))
def test_the_correction_is_weighed_whole_and_no_instruction_is_offered_back(case: str) -> None:
    text, fields = LINES_OF_A_VALUE[case]
    decision = decide(snapshot(State.OPEN), _correction(text, fields))
    assert decision.rule != "one-thing-per-email"
    for email in decision.commands:
        if isinstance(email, SendEmail):
            assert "not_done" not in email.context


@pytest.mark.parametrize("line", [
    "Extend contact with Dawn to 3 visits a week once settled.",
    "Propose 2 overnight stays a month with brother",
    "Withdraw consent for us to hold your details at any time on our privacy page.",
    "Withdraw her from Brackenfield only once a new school place is confirmed.",
    "Withdraw from Pelby Academy once she moves",
    "Withdraw - the family have asked us to wait until the hearing is over and then we will "
    "let you know",  # no short reason
    "Close the gap with mum",
    "Extend 2d and add Jordan to the thread",
])
def test_a_verb_not_in_capitals_takes_exactly_what_its_instruction_takes(line: str) -> None:
    assert as_sent(line) == ""
    assert instruction_below(f"Needed from: 09/12/2026\n{line}", REFERRAL_SPEC) == ""


@pytest.mark.parametrize(("line", "shown"), [
    ("extend 2d", "EXTEND 2d"), ("extend 48 hours please", "EXTEND 48 hours please"),
    ("Extend to Friday", "EXTEND to Friday"), ("close", "CLOSE"),
    ("Unmet - no home could meet her needs", "UNMET no home could meet her needs"),
])
def test_a_verb_not_in_capitals_with_exactly_its_words_under_a_one_line_field_counts(
        line: str, shown: str) -> None:
    assert instruction_below(f"Weekly budget: £5,200\n{line}", REFERRAL_SPEC) == line
    assert as_sent(line) == shown


def test_a_capital_line_in_a_value_that_runs_on_cuts_that_line_only() -> None:
    value = "Goes missing.\nEXTEND 2d\nPolice believe she is exploited."
    assert instruction_below(f"Background and risks: {value}", REFERRAL_SPEC) == "EXTEND 2d"
    assert without_line({"background": value, "needed_from": "09/12/2026\nEXTEND 2d\nx"},
                        "EXTEND 2d", REFERRAL_SPEC) == {
        "background": "Goes missing.\nPolice believe she is exploited.",
        "needed_from": "09/12/2026"}
