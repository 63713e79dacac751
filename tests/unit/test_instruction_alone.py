"""Rule `an-instruction-is-no-value` (workflows/classify.py `instruction_alone`): on the
thread of a referral still being completed, a reply that is one instruction line alone is
that instruction, never the value our request for corrections asked for (rr25: 'EXTEND 2d'
read as an NHS number); anything more is the form."""

from __future__ import annotations

import pytest

from workflows.classify import instruction_alone


@pytest.mark.parametrize("text,verb", [
    ("EXTEND 2d", "extend"),
    ("EXTEND 2d\n\nKind regards\nSam Taylor\nSocial Worker", "extend"),
    ("  \nWITHDRAW the family found a kinship carer\n", "withdraw"),
    ("CLOSE", "close"),
])
def test_one_instruction_line_alone_is_the_instruction(text: str, verb: str) -> None:
    instruction = instruction_alone(text)
    assert instruction is not None and instruction.verb == verb


@pytest.mark.parametrize("text", [
    "EXTEND 2d\nNHS number: 999 000 0115",  # a correction with it: the form
    "999 000 0115",
    "Question - does she need an NHS number if she has none?",  # a question, not QUESTION
    "Close to her school please",
    "",
])
def test_anything_else_is_the_form(text: str) -> None:
    assert instruction_alone(text) is None
