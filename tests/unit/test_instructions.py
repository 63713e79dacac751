"""Reading the one-line instructions people send by email."""

from datetime import timedelta
from decimal import Decimal

import pytest

from workflows.instructions import meant_instruction, read_instruction


def test_a_shortlist_with_both_views() -> None:
    found = read_instruction(
        "SHORTLIST A, C and D\n\nParents' views: Mum prefers somewhere closer to home.\n"
        "She would visit weekly.\n\nChild's views: Wants to live with other girls.\n\n"
        "> SHORTLIST B\n")
    assert found is not None and found.verb == "shortlist"
    assert found.labels == ("A", "C", "D")
    assert found.views == {"parents": "Mum prefers somewhere closer to home. She would visit "
                                      "weekly.", "child": "Wants to live with other girls."}


@pytest.mark.parametrize("line,key,reason", [
    ("Parents' views: not sought - mother could not be contacted", "parents",
     "mother could not be contacted"),
    ("Child's views: Not sought because she is in hospital", "child", "she is in hospital"),
    ("**Parents views:** not asked, no contact order", "parents", "no contact order"),
])
def test_a_view_not_sought_carries_its_reason(line: str, key: str, reason: str) -> None:
    found = read_instruction(f"shortlist b\n{line}")
    assert found is not None
    assert found.views[key] == "" and found.views[f"{key}_reason"] == reason


@pytest.mark.parametrize("text,verb,labels,reference,fee", [
    ("CHOOSE B", "choose", ("B",), "", None),
    ("choose option c please", "choose", ("C",), "", None),
    ("PROPOSE £4,000 per week", "propose", (), "", Decimal("4000")),
    ("Agreed", "agree", (), "", None),
    ("APPROVE REF-2026-000123", "approve", (), "REF-2026-000123", None),
    ("Approved ref-2026-000123", "approve", (), "REF-2026-000123", None),
    ("REJECT REF-2026-000123 over budget", "reject", (), "REF-2026-000123", None),
    ("DROP A", "drop", ("A",), "", None),
    ("UNMET no home can meet her needs in area", "unmet", (), "", None),
])
def test_each_instruction(text, verb, labels, reference, fee) -> None:  # type: ignore[no-untyped-def]
    found = read_instruction(text)
    assert found is not None
    assert (found.verb, found.labels, found.reference, found.fee) == (verb, labels, reference, fee)


def test_the_reason_follows_the_reference() -> None:
    found = read_instruction("REJECT REF-2026-000123 - the fee is over budget")
    assert found is not None and found.argument == "the fee is over budget"


@pytest.mark.parametrize("text", ["", "Thanks, I will shortlist tomorrow",
                                  "> SHORTLIST A", "Hi,\n\nI will SHORTLIST A"])
def test_anything_else_is_not_an_instruction(text: str) -> None:
    assert read_instruction(text) is None


@pytest.mark.parametrize("text,verb,argument", [
    ("NEXT WAVE", "next-wave", ""),
    ("NEXT  WAVE REF-2026-000123 nobody in-house can take her", "next-wave",
     "nobody in-house can take her"),
    ("LEVEL no in-house home meets his needs", "level", "no in-house home meets his needs"),
    ("WITHDRAW family placement found", "withdraw", "family placement found"),
    ("CLOSE", "close", ""),
    ("close now.", "close", ""),
])
def test_the_cascade_and_ending_verbs(text: str, verb: str, argument: str) -> None:
    found = read_instruction(text)
    assert found is not None and (found.verb, found.argument) == (verb, argument)


@pytest.mark.parametrize("text", [
    "Close to her school would be best.",  # a sentence, not CLOSE
    "Level of support: two staff at night",  # a form line, not LEVEL
    "Withdrawn from school in Year 9",
    "Ended up staying with her aunt",
    "Unmet needs: dental treatment is overdue",  # not UNMET: the search goes on
    "Drop-in sessions at the youth club on Tuesdays",  # not DROP
    "Agreed with mum that she visits on Saturdays",  # not AGREE: no fee is agreed
])
def test_ordinary_sentences_are_not_instructions(text: str) -> None:
    assert read_instruction(text) is None


@pytest.mark.parametrize(("text", "labels"), [
    ("choose a home near her school", ()),  # "a" is a word here, not option A
    ("Choose whichever is closer to school", ()),
    ("choose c", ("C",)), ("shortlist a and c please", ("A", "C")),
    ("Shortlist A and C as we discussed", ("A", "C")),
])
def test_option_letters_are_letters_written_as_options(text: str,
                                                        labels: tuple[str, ...]) -> None:
    found = read_instruction(text)
    assert found is not None and found.labels == labels


@pytest.mark.parametrize(("text", "labels"), [
    ("SHORTLIST A (C and D are too far from her school)", ("A",)),
    ("CHOOSE B - A was too far", ("B",)),
    ("SHORTLIST A, B \u2013 not C", ("A", "B")),
    ("DROP B (mum is not happy with A either)", ("B",)),
    ("CHOOSE B (A and C were too far", ("B",)),  # the bracket never closed
    ("SHORTLIST A & option C. D was too far", ("A", "C")),
    ("SHORTLIST A, C - OK with mum", ("A", "C")),
    ("SHORTLIST REF-2026-000123 A, C (B is full)", ("A", "C")),
    ("SHORTLIST A, C as I said", ("A", "C")),  # "I" is the writer
])
def test_a_remark_after_the_letters_adds_none(text: str, labels: tuple[str, ...]) -> None:
    """The options are the list right after the verb (attacker review 29): "SHORTLIST A (C
    and D are too far)" typed on one line shortlisted A, C and D, and sent C and D the
    child's papers."""
    found = read_instruction(text)
    assert found is not None and found.labels == labels


@pytest.mark.parametrize(("text", "how"), [
    ("SHORTLIST A (nearest), C", "SHORTLIST A, C"),
    ("SHORTLIST A as C is too far", "SHORTLIST A, C"),
    ("SHORTLIST A (C)", "SHORTLIST A, C"),  # more options, or a remark?
    ("SHORTLIST A - C", "SHORTLIST A, C"),  # A and C, or A to C?
    ("CHOOSE B (nearest) or C", "CHOOSE B"),
    ("DROP B then C", "DROP B"),
    ("SHORTLIST A (she knows the area well and mum likes it), and C if B cannot take her",
     "SHORTLIST A, C"),  # however long the line
])
def test_letters_after_the_list_are_asked_about_not_guessed(text: str, how: str) -> None:
    assert read_instruction(text) is None
    assert meant_instruction(text) == how


@pytest.mark.parametrize("text", ["Agreed", "Agreed, thank you.", "agree.", "AGREED",
                                  "AGREE - see you Monday"])
def test_agree_alone_or_in_capitals_is_agree(text: str) -> None:
    found = read_instruction(text)
    assert found is not None and found.verb == "agree"


@pytest.mark.parametrize(("text", "how"), [
    ("close pls", "CLOSE"), ("Close the window please", "CLOSE"),
    ("next wave please", "NEXT WAVE"), ("EXTNED 2d", "EXTEND 2d"), ("drop B", "DROP B"),
    ("Withdraw - family found kinship carer", "WITHDRAW the family found a kinship carer"),
])
def test_a_line_meant_as_an_instruction_is_shown_how_to_write_it(text: str, how: str) -> None:
    assert meant_instruction(text) == how


@pytest.mark.parametrize("text", [
    "Close to her nan in Northby is important to her", "Extended family: an aunt in Leeds",
    "Withdrawn and tearful since Monday", "Drop-in sessions at the youth club",
    "Ended up staying with her aunt", "Unmet needs: dental", "Level 3 support at night",
    "Thanks - her DOB is 14/03/2012, sorry!", "CLOSE",
])
def test_an_ordinary_first_line_is_never_answered_with_an_instruction(text: str) -> None:
    assert meant_instruction(text) is None


def test_ended_reads_its_date_and_reason() -> None:
    found = read_instruction("ENDED REF-2026-000123 14/03/2027 moved to long-term fostering")
    assert found is not None and found.reference == "REF-2026-000123"
    assert (found.date_text, found.argument) == ("14/03/2027", "moved to long-term fostering")


def test_extend_reads_its_duration() -> None:
    found = read_instruction("EXTEND by 2d")
    assert found is not None and found.duration == timedelta(days=2)
    assert read_instruction("EXTEND a bit").duration is None  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "duration"), [
    ("EXTEND 48 hours please", timedelta(hours=48)),
    ("Extend by 2 days", timedelta(days=2)),
    ("EXTEND for another 3 days - waiting on a carer", timedelta(days=3)),
    ("EXTEND 30 mins", timedelta(minutes=30)),
    ("EXTEND 90s", timedelta(seconds=90)),
])
def test_extend_reads_a_duration_spelt_out(text: str, duration: timedelta) -> None:
    found = read_instruction(text)
    assert found is not None and found.duration == duration


@pytest.mark.parametrize("text", [
    "EXTEND -5d",  # meant to shorten the window: read as five days more, it lengthened it
    "EXTEND \u22123d", "EXTEND \u20132 days",
    "EXTEND 2d 3h",  # the three hours were dropped without a word
    "EXTEND 1 day and 12 hours",
])
def test_an_extend_with_a_sign_or_a_second_duration_is_asked_again(text: str) -> None:
    found = read_instruction(text)
    assert found is not None and found.verb == "extend" and found.duration is None


@pytest.mark.parametrize("text", ["EXTEND - 2d", "EXTEND \u2013 2 days", "EXTEND: 2d, thanks"])
def test_a_dash_or_colon_after_extend_is_only_punctuation(text: str) -> None:
    found = read_instruction(text)
    assert found is not None and found.duration == timedelta(days=2)


@pytest.mark.parametrize(("text", "day"), [
    ("EXTEND to Friday", "Friday"), ("EXTEND until 11/12/2026, thanks", "11/12/2026"),
    ("Extend to friday please, mum is away", "friday"), ("EXTEND till Fri 5pm", "Fri 5pm"),
    ("EXTEND to Friday - mum is away", "Friday"),
])
def test_extend_to_a_day_reads_the_day_without_what_follows(text: str, day: str) -> None:
    instruction = read_instruction(text)
    assert instruction is not None and instruction.verb == "extend"
    assert instruction.duration is None and instruction.date_text == day


@pytest.mark.parametrize(("text", "how"), [  # attacker review 30 F6
    ("SHORTLIST A AS C IS TOO FAR", "SHORTLIST A, C"),  # "AS", "IS" are no options
    ("SHORTLIST A OR C", "SHORTLIST A, C"),  # which? asked, not both
    ("SHORTLIST A or C", "SHORTLIST A, C"),
    ("CHOOSE B OR C", "CHOOSE B"),  # chose B without asking
    ("choose b or c", "CHOOSE B"),
    ("SHORTLIST A NO C", "SHORTLIST A, C"),
    ("DROP C AS B IS BETTER", "DROP B"),
])
def test_two_capital_words_are_no_options_and_or_is_asked_about(text: str, how: str) -> None:
    assert read_instruction(text) is None
    assert meant_instruction(text) == how


@pytest.mark.parametrize(("text", "labels"), [
    ("SHORTLIST 'A', 'C'", ("A", "C")),  # was no option at all: "Name at least one option"
    ("SHORTLIST “A” and “C”", ("A", "C")),
    ("shortlist 'a', 'c'", ("A", "C")),
    ("SHORTLIST Ａ, Ｃ", ("A", "C")),  # full-width
    ("SHORTLIST A，C", ("A", "C")),
    ("SHORTLIST A, B IF POSSIBLE", ("A", "B")),
    ("CHOOSE A ON MONDAY", ("A",)),
    ("SHORTLIST AA, BB and C", ("AA", "BB", "C")),  # past Z the letters repeat
])
def test_quoted_and_full_width_letters_are_options_and_words_are_not(
        text: str, labels: tuple[str, ...]) -> None:
    found = read_instruction(text)
    assert found is not None and found.labels == labels


@pytest.mark.parametrize("text", [
    "WITHDRAW duplicate? Jordan, is this the line I send them?",
    "WITHDRAW duplicate? Jordan, is this the line I send them",
    "AGREE?", "CHOOSE B?", "CHOOSE B? or C", "PROPOSE £4,000 - is that right?",
    "APPROVE REF-2026-000123?", "REJECT? Jordan", "SHORTLIST A, C?", "UNMET \"no homes?\"",
    "WITHDRAW she is going home. Can you tell the homes?",
])
def test_a_line_that_asks_is_no_instruction(text: str) -> None:
    """Rule `a-question-is-no-instruction`: her note asking a colleague is asked about."""
    assert read_instruction(text) is None


def test_a_question_put_to_a_colleague_is_answered_with_how_to_write_it() -> None:
    assert meant_instruction("WITHDRAW duplicate? Jordan, is this the line I send them?") == (
        "WITHDRAW the family found a kinship carer")


@pytest.mark.parametrize("text,verb,argument", [
    ("SHORTLIST A, C (is D too far?)", "shortlist", "A, C (is D too far?)"),
    ("PROPOSE £4,000.50", "propose", "£4,000.50"),
    ("WITHDRAW she is going home. Why? Her aunt can have her.", "withdraw",
     "she is going home. Why? Her aunt can have her."),
    ("QUESTION REF-2026-000123 why is the fee so high?", "question", "why is the fee so high?"),
    ("REJECT REF-2026-000123 why not Larch House?", "reject", "why not Larch House?"),
])
def test_words_that_ask_after_the_instruction_leave_it_one(text: str, verb: str,
                                                          argument: str) -> None:
    """A question in brackets, after a first sentence that instructs, or in QUESTION's and
    REJECT's words (put to the social worker) leaves the line an instruction."""
    found = read_instruction(text)
    assert found is not None and (found.verb, found.argument) == (verb, argument)


@pytest.mark.parametrize(("text", "verb"), [
    ("Hi,\n\nCLOSE please.\n\nThanks, Sam", "close"),
    ("Hi team,\nEXTEND 2d\nThanks", "extend"),
    ("Hi\nPROPOSE 4400", "propose"),
    ("Dear all,\n\nWITHDRAW the family found a kinship carer", "withdraw"),
    ("Good morning Sam\n\nSHORTLIST A, B\nParents' views: near mum\nChild's views: yes",
     "shortlist"),
    ("Morning!\nAGREE", "agree"),
])
def test_an_instruction_under_a_greeting_is_read(text: str, verb: str) -> None:
    """Round R26 N01, N02, P24, Q12: Outlook users open with "Hi," and the instruction under
    it was never read (rule `a-greeting-is-no-line`)."""
    found = read_instruction(text)
    assert found is not None and found.verb == verb


@pytest.mark.parametrize("text", [
    "Hi Sam, CLOSE please",  # a greeting and more on one line: no instruction line
    "Hiring more staff\nCLOSE",  # no greeting: the first line is the message's
    "Hi, we would like to shortlist A and B please",
    "Close the case once she is settled",
])
def test_what_is_no_greeting_or_no_instruction_stays_so(text: str) -> None:
    assert read_instruction(text) is None


def test_an_instruction_alone_under_a_greeting_answers_a_correction_request() -> None:
    from workflows.classify import instruction_alone

    found = instruction_alone("Hi,\n\nWITHDRAW the family found a kinship carer\n\nSam")
    assert found is not None and found.verb == "withdraw"
