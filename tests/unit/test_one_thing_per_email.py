"""Rule `one-thing-per-email`: an email giving an instruction and a correction to the form does
one of them, and its answer names the other with the line to send; a correction under which
she ends the search (WITHDRAW, UNMET) goes to no provider."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from tests.snapshots import SW, actor, snapshot
from workflows.commands import SendEmail
from workflows.events import FormMessage, FormReceived, WindowExtended
from workflows.instructions import read_instruction
from workflows.lifecycle import decide
from workflows.one_thing import instruction_below, lines_too
from workflows.states import State

HER = replace(actor(SW), authenticated=True, message_id="<hers@northby.gov.example>")


def _emails(decision, to: str | None = None) -> list[SendEmail]:  # type: ignore[no-untyped-def]
    return [c for c in decision.commands if isinstance(c, SendEmail)
            and (to is None or c.to == to)]


def _form(text: str, **fields: str) -> FormReceived:
    return FormReceived(actor=HER, key="in:7", form=FormMessage(
        sender=SW, subject="Re: REF-2026-000001", message_id=HER.message_id,
        fields=fields, text=text))


def test_an_instruction_under_her_first_line_is_found_only_in_capitals_on_its_own() -> None:
    assert instruction_below("Needed from: 11/12/2026\nEXTEND 2d") == "EXTEND 2d"
    assert instruction_below("Hi,\n\nNeeded from: 11/12/2026\nWITHDRAW found a carer\n\n"
                             "Kind regards\nSam") == "WITHDRAW found a carer"
    assert instruction_below("Needed from: 11/12/2026\nExtend it if you can, thanks") == ""
    assert instruction_below("EXTEND 2d\nWeekly budget: £5,200") == ""  # the first line's


def test_an_extension_s_answer_names_the_budget_line_not_made() -> None:
    event = WindowExtended(actor=HER, key="in:7", by=timedelta(days=2),
                           lines_too={"budget_weekly": "£5,200"})
    decision = decide(snapshot(State.OPEN), event)
    assert decision.answer.accepted and decision.snapshot.state == State.OPEN
    assert decision.snapshot.referral.raw_fields["budget_weekly"] == "£5,000"
    [answer] = _emails(decision, SW)
    assert answer.context["not_done"] == {"kind": "correction", "open": True,
                                          "lines": ["Weekly budget: £5,200"], "state": "open"}
    assert all("not_done" not in c.context for c in _emails(decision) if c.to != SW)


def test_a_line_that_changes_nothing_is_not_named() -> None:
    event = WindowExtended(actor=HER, key="in:7", by=timedelta(days=2),
                           lines_too={"budget_weekly": "£5,000"})
    assert all("not_done" not in c.context for c in _emails(decide(snapshot(State.OPEN),
                                                                   event)))


def test_a_shortlist_s_views_lines_are_its_own_not_a_correction() -> None:
    shortlist = read_instruction("SHORTLIST A\nParents' views: happy\nChild's views: wants A")
    assert lines_too(shortlist, {"wishes": "wants A"}) == {}
    assert lines_too(shortlist, {"wishes": "wants A", "needed_from": "11/12/2026"}) == {
        "needed_from": "11/12/2026"}


def test_a_correction_goes_and_names_the_extend_under_it_not_carried_out() -> None:
    decision = decide(snapshot(State.OPEN), _form("Needed from: 11/12/2026\nEXTEND 2d",
                                                  needed_from="11/12/2026\nEXTEND 2d"))
    # weighed as a correction (this sample form is refused as incomplete: the adapter test
    # sends a whole one), the EXTEND line never part of it
    assert decision.answer.outcome in ("corrected", "correction-refused")
    assert "EXTEND" not in str(decision.answer)
    assert decision.snapshot.waves == snapshot(State.OPEN).waves  # the window is unchanged
    [answer] = _emails(decision, SW)
    assert answer.context["not_done"]["kind"] == "instruction"
    assert answer.context["not_done"]["lines"] == ["EXTEND 2d"]


def test_a_correction_under_which_she_withdraws_goes_to_no_provider() -> None:
    decision = decide(snapshot(State.OPEN), _form(
        "Needed from: 11/12/2026\nWITHDRAW found an in-house carer",
        needed_from="11/12/2026\nWITHDRAW found an in-house carer"))
    assert not decision.answer.accepted and decision.rule == "one-thing-per-email"
    assert decision.snapshot.state == State.OPEN
    assert "needed_from" not in decision.snapshot.referral.raw_fields
    [answer] = _emails(decision)
    assert answer.to == SW and answer.context["not_done"] == {
        "kind": "ending", "lines": ["WITHDRAW found an in-house carer"],
        "corrections": ["Needed from: 11/12/2026"], "open": True}


def test_the_note_never_repeats_a_link_a_mail_address_or_a_phone_number() -> None:
    withdraw = ("WITHDRAW new carer found - confirm by calling Jo on 07700 900461 or at "
                "https://evil.example/confirm or jo@evil.example")
    decision = decide(snapshot(State.OPEN), _form(
        f"Needed from: 11/12/2026\nChild's wishes: see https://evil.example/plan\n{withdraw}",
        needed_from="11/12/2026", wishes=f"see https://evil.example/plan\n{withdraw}"))
    [answer] = _emails(decision, SW)
    shown = str(answer.context["not_done"])
    assert "evil.example" not in shown and "07700" not in shown and "900461" not in shown
    assert answer.context["not_done"]["lines"] == [
        "WITHDRAW new carer found - confirm by calling Jo on [number removed] or at "
        "[link removed] or [address removed]"]
    assert "Child's wishes: see [link removed]" in answer.context["not_done"]["corrections"]


def test_an_email_not_proved_hers_gets_no_line_offered_back() -> None:
    stranger = replace(HER, authenticated=False)
    for text in ("Needed from: 11/12/2026\nWITHDRAW found a carer",
                 "Needed from: 11/12/2026\nEXTEND 5d"):
        event = _form(text, needed_from=text.split("\n", 1)[0].split(": ")[1])
        decision = decide(snapshot(State.OPEN), replace(event, actor=stranger))
        assert not decision.answer.accepted
        assert decision.snapshot.state == State.OPEN
        assert all("not_done" not in c.context for c in _emails(decision))
        assert not [c for c in _emails(decision) if c.template == "social_worker/not_done"]
