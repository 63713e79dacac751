"""Rule `one-thing-per-email`, attacker's review 35 (F1): a heading in capitals that starts with
an instruction's word ("UNMET NEEDS: no CAMHS worker since June", "WITHDRAW FROM SCHOOL LAST
TERM") inside a value that runs on (Background, Education) is the value's: the correction goes to
providers whole, and no such line is ever offered back as the line to send. A capitals
instruction in its own shape under her correction ("WITHDRAW", "WITHDRAW found a placement")
still does nothing and names itself."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.snapshots import REFERRAL_SPEC, SW, actor, snapshot
from tests.unit.test_lifecycle import FORM
from workflows.commands import SendEmail
from workflows.events import FormMessage, FormReceived
from workflows.lifecycle import decide
from workflows.one_thing import as_sent, instruction_below
from workflows.snapshot import Snapshot
from workflows.states import State

HER = replace(actor(SW), authenticated=True, message_id="<hers@northby.gov.example>")
NEW_RISK = "Casey went missing twice this week and was found with an older man."
SIGNED = "\n\nKind regards\nSam Taylor\nSocial Worker, Children in Care Team\nNorthby Council\n"

# (label, key, the value as she wrote it, its heading line)
HEADINGS = {
    "unmet_needs_heading_in_background": (
        "Background and risks", "background", f"{NEW_RISK}\n{{}}",
        "UNMET NEEDS: no CAMHS worker since June"),
    "withdraw_heading_in_background": (
        "Background and risks", "background", f"{NEW_RISK}\n{{}}\nShe is settled now.",
        "WITHDRAW FROM SCHOOL LAST TERM"),
    "unmet_needs_heading_in_education": (
        "Education", "education", "Year 10 at Brackenfield Academy.\n{}",
        "UNMET NEEDS - no tutor since June"),
    "withdraw_heading_after_a_paragraph": (
        "Background and risks", "background", f"{NEW_RISK}\n\n{{}}",
        "WITHDRAW FROM MAINSTREAM: last term"),
}


def _open() -> Snapshot:
    before = snapshot(State.OPEN)
    return before.with_referral(raw_fields={**before.referral.raw_fields, **FORM.fields})


def _correction(text: str, fields: dict[str, str]) -> FormReceived:
    return FormReceived(actor=HER, key="in:35", form=FormMessage(
        sender=SW, subject="Re: REF-2026-000001", message_id=HER.message_id,
        fields=fields, text=text, sent_on=date(2026, 12, 7)))


@pytest.mark.parametrize("case", list(HEADINGS))
def test_a_capitals_heading_inside_a_value_that_runs_on_is_no_instruction(case: str) -> None:
    label, _, value, heading = HEADINGS[case]
    assert instruction_below(f"{label}: {value.format(heading)}{SIGNED}",
                             REFERRAL_SPEC) == ""


@pytest.mark.parametrize("case", list(HEADINGS))
def test_the_correction_with_a_heading_in_it_goes_to_providers_whole(case: str) -> None:
    label, key, value, heading = HEADINGS[case]
    value = value.format(heading)
    decision = decide(_open(), _correction(f"{label}: {value}{SIGNED}", {key: value}))
    assert decision.rule != "one-thing-per-email" and decision.answer.accepted
    to_providers = [c for c in decision.commands if isinstance(c, SendEmail) and c.to != SW]
    assert to_providers
    for email in decision.commands:
        if isinstance(email, SendEmail):
            assert "not_done" not in email.context
    for email in to_providers:
        assert heading in str(email.context)


@pytest.mark.parametrize("line", [
    "UNMET NEEDS: no CAMHS worker since June",
    "Unmet needs: dental",
    "UNMET NEEDS no CAMHS worker since June",
    "WITHDRAW FROM SCHOOL: last term",
])
def test_a_heading_is_never_offered_back_as_the_line_to_send(line: str) -> None:
    assert as_sent(line) == ""
    assert instruction_below(f"Needed from: 09/12/2026\n{line}", REFERRAL_SPEC) == ""


@pytest.mark.parametrize("line", ["WITHDRAW", "WITHDRAW found a placement",
                                  "UNMET no home could meet her needs"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_capitals_instruction_in_its_shape_under_her_correction_still_counts(
        line: str, gap: str) -> None:
    text = f"Background and risks: {NEW_RISK}{gap}{line}{SIGNED}"
    assert instruction_below(text, REFERRAL_SPEC) == line
    decision = decide(_open(), _correction(text, {"background": f"{NEW_RISK}{gap}{line}"}))
    assert decision.answer.outcome == "nothing-done"
    [answer] = [c for c in decision.commands if isinstance(c, SendEmail)]
    assert answer.to == SW and answer.context["not_done"]["lines"] == [line]
