"""What a social worker is told when her message on a sent referral does nothing: the
instruction she meant in her own letters, a mistyped label with the one it is like, and the
open question her reply answers."""

from __future__ import annotations

from tests.snapshots import snapshot
from workflows.intake import in_her_letters, mislabelled, open_question
from workflows.snapshot import ApprovalRecord
from workflows.states import State

RUTH = "ruth.adeyemi@northby.gov.example"


def test_the_instruction_meant_is_written_with_her_own_letter() -> None:
    assert in_her_letters("DROP B", "Drop A please - mum not happy") == "DROP A"
    assert in_her_letters("CHOOSE B", "choose C thanks\nSam") == "CHOOSE C"
    assert in_her_letters("SHORTLIST A, C", "Shortlist B and D pls") == "SHORTLIST B, D"
    # never a remark's letters: "C and D are too far" shortlists neither
    assert in_her_letters("SHORTLIST A, C", "SHORTLIST A (C and D are too far), B"
                          ) == "SHORTLIST A, B"
    # no letter of hers (or only the pronoun): the example stands
    assert in_her_letters("DROP B", "drop the far one") == "DROP B"
    assert in_her_letters("CHOOSE B", "Choose - I think the nearer") == "CHOOSE B"
    assert in_her_letters("CLOSE", "close pls") == "CLOSE"


def test_a_mistyped_label_is_named_with_the_nearest_of_the_form() -> None:
    [wrong] = mislabelled(snapshot(State.OPEN), ("Needed form: 08/12/2026",))
    assert wrong == {"line": "Needed form: 08/12/2026", "label": "Needed form",
                     "nearest": "Needed from", "value": "08/12/2026"}
    # a note is no label mistyped
    assert mislabelled(snapshot(State.OPEN), ("Note: mum rang this morning",)) == []


def test_a_question_is_open_while_it_is_the_askers_last_word() -> None:
    asked = ApprovalRecord(1, RUTH, "Ruth Adeyemi", "question", "Told about B's distance?")
    assert open_question(snapshot(State.AWAITING_APPROVAL, approvals=(asked,))) == RUTH
    then = ApprovalRecord(1, RUTH, "Ruth Adeyemi", "approve", "")
    assert open_question(snapshot(State.AWAITING_APPROVAL, approvals=(asked, then))) == ""
    assert open_question(snapshot(State.APPROVED, approvals=(asked,))) == ""


def test_a_mistyped_withdraw_is_shown_with_her_own_reason() -> None:
    example = "WITHDRAW the family found a kinship carer"
    assert in_her_letters(example, "withdraw – sent twice by mistake") == \
        "WITHDRAW sent twice by mistake"
    assert in_her_letters(example, "Withdraw - family found kinship carer\n\nSam") == \
        "WITHDRAW family found kinship carer"
    # a question after it is not part of the reason; no reason of hers: the example stands
    assert in_her_letters(example, "withdraw duplicate? is this the line") == \
        "WITHDRAW duplicate"
    assert in_her_letters(example, "withdraw pls") == example
    assert in_her_letters(example, "Withdraw this referral please") == example
