"""Rule `her-words-meant` (workflows/her_words.py): a social worker's plain words on a sent
referral's thread read as the instruction the state accepts, filled in from her words, as
labelled corrections while providers answer, as a question about replies, or as a request
for the placements team; never anything a state does not accept."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.growth import LINEAR, growth, repeated
from workflows.her_words import Meant, Option, instruction_words, read_her_words, replies_so_far
from workflows.states import State

TODAY = date(2026, 12, 7)  # a Monday
OPTIONS = (Option("A", "Larch View"), Option("B", "Larch House"), Option("C", "Kestrel House"))


def _read(text: str, state: State, **kw: object) -> Meant:
    return read_her_words(text, state, options=OPTIONS, today=TODAY, child_names=("Ruby",),
                          correctable=state == State.OPEN, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "state", "lines"), [
    ("Hi, we've found a place in-house, please stop the search. Thanks for your help.",
     State.OPEN, ("WITHDRAW we've found a place in-house",)),
    ("We've found a place in-house so please stop the search.", State.CLOSED,
     ("WITHDRAW We've found a place in-house",)),
    ("Please stop the search, we have found a place in-house.", State.NEGOTIATING,
     ("WITHDRAW we have found a place in-house",)),
    ("Can we have two more days? Mum is only seeing the IRO on Wednesday.", State.OPEN,
     ("EXTEND 2d",)),
    ("Could we keep it open another 48 more hours", State.OPEN, ("EXTEND 48h",)),
    ("Please close the search now, we have enough responses.", State.OPEN, ("CLOSE",)),
    ("We'd like to shortlist A and B please. Mum is happy with either as long as she can "
     "visit weekly, and Ruby says she'd prefer the one with other girls her age.",
     State.CLOSED, ("SHORTLIST A, B",
                    "Parents' views: Mum is happy with either as long as she can visit weekly.",
                    "Child's views: Ruby says she'd prefer the one with other girls her age.")),
    ("We'd like to go with Larch View please.", State.APPROVED, ("CHOOSE A (Larch View)",)),
    ("Can you offer them £4,400?", State.NEGOTIATING, ("PROPOSE £4,400",)),
    ("Yes that's fine, agreed - go with their fee.", State.NEGOTIATING, ("AGREE",)),
])
def test_words_meant_as_an_instruction_are_shown_it_written_properly(
        text: str, state: State, lines: tuple[str, ...]) -> None:
    meant = _read(text, state, shortlisted=("A", "B"))
    assert (meant.kind, meant.lines, meant.pass_on) == ("instruction", lines, False)


@pytest.mark.parametrize(("text", "lines"), [
    ("CLOSE – we've found somewhere", ("WITHDRAW we've found somewhere",)),
    ("close it now, we've found somewhere", ("WITHDRAW we've found somewhere",)),
    ("Please close this, we have found her a bed with her aunt.",
     ("WITHDRAW we have found her a bed with her aunt",)),
])
def test_closing_because_she_has_found_somewhere_is_a_withdrawal(
        text: str, lines: tuple[str, ...]) -> None:
    """Round R29's I08 and I03: "close it now, we've found somewhere" had been shown CLOSE
    (which only starts the shortlist) or nothing; the search is no longer needed."""
    meant = _read(text, State.OPEN)
    assert (meant.kind, meant.lines, meant.rather_than) == ("instruction", lines, "CLOSE")


def test_more_providers_with_no_wave_left_is_passed_on_not_next_wave() -> None:
    """Round R29's I01: NEXT WAVE is refused where no wave is left."""
    text = "can you send it to more providers please, we've had nothing back"
    assert _read(text, State.OPEN).lines == ("NEXT WAVE",)
    meant = _read(text, State.OPEN, more_waves=False)
    assert (meant.kind, meant.pass_on, meant.no_more_waves) == ("", True, True)


def test_a_withdrawal_not_said_as_closing_names_no_close() -> None:
    meant = _read("We've found somewhere, please stop the search.", State.OPEN)
    assert (meant.lines, meant.rather_than) == (("WITHDRAW We've found somewhere",), "")


def test_a_shortlist_without_views_in_her_words_asks_for_them() -> None:
    meant = _read("Please shortlist Larch View and Kestrel House.", State.CLOSED)
    assert meant.lines[0] == "SHORTLIST A, C" and not meant.filled
    assert meant.lines[1].startswith("Parents' views: (their views")


@pytest.mark.parametrize(("text", "state"), [
    ("Please close the search now, we have enough responses.", State.CLOSED),  # closed
    ("Can we have two more days?", State.APPROVED),
    ("We'd like to go with Larch View please.", State.CLOSED),  # nothing approved yet
    ("Can you offer them £4,400?", State.APPROVED),  # nobody chosen
    ("Yes that's fine, agreed.", State.OPEN),
])
def test_an_instruction_the_state_does_not_accept_is_never_suggested(
        text: str, state: State) -> None:
    assert _read(text, state).kind != "instruction"


def test_the_instructions_a_state_accepts_are_the_lifecycle_tables() -> None:
    assert {"EXTEND", "CLOSE", "WITHDRAW"} <= instruction_words(State.OPEN)
    assert "CHOOSE" not in instruction_words(State.OPEN)
    assert {"PROPOSE", "AGREE", "DROP"} <= instruction_words(State.NEGOTIATING)
    assert instruction_words(State.WITHDRAWN) == frozenset()


def test_a_declined_fee_or_a_fee_named_is_no_agreement() -> None:
    assert _read("We have not agreed to that fee.", State.NEGOTIATING).kind != "instruction"
    assert _read("FYI budget now agreed up to £5,200.", State.NEGOTIATING).kind == ""


@pytest.mark.parametrize(("text", "lines"), [
    ("Hi, just to let you know the budget has now been agreed up to £5,200 a week.",
     ("Weekly budget: £5,200",)),
    ("The placement is now urgent – needed by Friday please.",
     ("Urgency: urgent", "Needed from: 11/12/2026")),
    ("Hi, update: Ruby now needs a school place too, as her current school has excluded her.",
     ("Education: needs a school place",)),
    # Round R30's B02, B03, B06: a sum in thousands, in words, by the month
    ("the budget's been cut to £4.2k pw by panel", ("Weekly budget: £4,200",)),
    ("We can go up to 6k now.", ("Weekly budget: £6,000",)),
    ("budget is now £5,600 a month", ("Weekly budget: £1,292.31 (£5,600 a month)",)),
])
def test_a_change_in_words_while_providers_answer_is_shown_as_labelled_lines(
        text: str, lines: tuple[str, ...]) -> None:
    assert _read(text, State.OPEN) == Meant("correction", lines)


def test_a_change_in_words_after_the_window_is_no_correction() -> None:
    assert _read("The budget has now been agreed up to £5,200.", State.CLOSED).lines == ()


def test_a_question_about_replies_is_answered_from_the_records() -> None:
    replies = replies_so_far(["h1", "h2", "h3"], {"h1": "offer", "h2": "decline", "x": "offer"})
    assert replies == (2, 1, 3)
    meant = _read("Hi, has anyone replied yet?", State.OPEN, replies=replies)
    assert meant.replies == (2, 1, 3) and not meant.pass_on


@pytest.mark.parametrize("text", [
    "Please note there has been a change of social worker. From today please send everything "
    "to Jordan Okafor, who is taking over the case.",
    "Could you send me the list of homes this has gone to please?",
])
def test_a_request_no_instruction_can_meet_goes_to_the_placements_team(text: str) -> None:
    assert _read(text, State.OPEN) == Meant(pass_on=True)


def test_words_that_ask_for_nothing_are_neither_suggested_nor_passed_on() -> None:
    assert _read("Thanks - her DOB is 14/03/2012, sorry!", State.OPEN) == Meant()


@pytest.mark.parametrize("text", [
    "Can you close it now please?",
    "Hi, could you please close this today.",
    "Please stop taking replies, we have what we need.",
    "Close it now please",
])
def test_asking_in_plain_words_to_close_the_window_is_shown_close(text: str) -> None:
    assert _read(text, State.OPEN).lines == ("CLOSE",)


def test_asking_not_to_close_it_is_no_close() -> None:
    assert _read("Please don't close it yet, mum is seeing the IRO.", State.OPEN).lines \
        != ("CLOSE",)


@pytest.mark.parametrize(("text", "fee"), [
    ("Sorry, typo! I meant £4,400.", "£4,400"),
    ("That's fine - £4,500 from the 21st works for us", "£4,500"),
    ("Hi, £4,450 please. Thanks", "£4,450"),
])
def test_an_amount_in_her_words_during_the_negotiation_is_a_proposal(text: str,
                                                                     fee: str) -> None:
    assert _read(text, State.NEGOTIATING).lines == (f"PROPOSE {fee}",)


@pytest.mark.parametrize("text", [
    "FYI budget now agreed up to £5,200.",
    "Their fee of £4,600 is too high for us.",
    "Definitely not £44,000, sorry.",
])
def test_a_budget_or_their_fee_or_an_amount_not_meant_is_no_proposal(text: str) -> None:
    assert _read(text, State.NEGOTIATING).kind != "instruction"


def test_a_choice_suggested_names_its_home_and_is_carried_out_as_written() -> None:
    from tests.snapshots import actor, snapshot
    from workflows.classify import instruction_event
    from workflows.instructions import read_instruction
    from workflows.lifecycle import decide

    [line] = _read("We'd like to go with Larch View please.", State.APPROVED).lines
    assert line == "CHOOSE A (Larch View)"
    # sent back on the sample referral's thread, "CHOOSE A (Kestrel House)" chooses its A
    instruction = read_instruction("CHOOSE A (Kestrel House)")
    assert instruction is not None
    event = instruction_event(instruction, actor(), "c", TODAY)
    decision = decide(snapshot(State.APPROVED), event)
    assert decision.snapshot.state == State.NEGOTIATING
    assert decision.snapshot.referral.chosen == "kestrel-house"


@pytest.mark.parametrize(("text", "state"), [
    ("Thanks - we won't need more time, happy for it to close as planned.", State.OPEN),
    ("No need to extend it by two days after all.", State.OPEN),
    ("We'd prefer not to go with Larch House, mum finds it too far.", State.APPROVED),
    ("We'd rather not choose Larch View.", State.APPROVED),
    ("We don't want to stop the search, we haven't found a place.", State.OPEN),
    ("Please don't shortlist A and B yet.", State.CLOSED),
])
def test_a_negation_governing_the_words_cancels_the_reading(text: str, state: State) -> None:
    assert _read(text, state, shortlisted=("A", "B")).kind != "instruction"


@pytest.mark.parametrize("text", [
    "We've decided on Larch House. Mum is really pleased.",
    "We have gone for Larch House.",
    "We opted for Larch House in the end.",
    "We're going with Larch House.",
])
def test_a_choice_said_as_decided_is_shown_choose(text: str) -> None:
    assert _read(text, State.APPROVED, shortlisted=("A", "B")).lines == (
        "CHOOSE B (Larch House)",)


def test_accepting_the_homes_own_ask_is_agree_and_another_amount_is_not() -> None:
    text = "We're happy to accept their fee of £4,600."
    assert _read(text, State.NEGOTIATING, asked=Decimal("4600")).lines == ("AGREE",)
    assert _read(text, State.NEGOTIATING, asked=Decimal("4800")).lines != ("AGREE",)
    assert _read(text, State.NEGOTIATING).lines != ("AGREE",)
    assert _read("We don't accept £4,600.", State.NEGOTIATING,
                 asked=Decimal("4600")).lines != ("AGREE",)


@pytest.mark.parametrize("text", [
    "I'm leaving the team on Friday. Jordan Okafor (jordan.okafor@northby.gov.example) will be "
    "the allocated social worker for this referral from Monday.",
    "FYI I'm on leave from Wednesday for two weeks.",
    "Jordan Okafor is the new social worker for Ruby.",
])
def test_a_change_of_social_worker_in_prose_goes_to_the_placements_team(text: str) -> None:
    assert _read(text, State.OPEN) == Meant(pass_on=True)


def test_her_views_labels_are_kept_once() -> None:
    meant = _read("Could we SHORTLIST A please.\nParents' views: Mum would like somewhere she "
                  "can visit weekly.\nChild's views: she wants to stay near her friends.",
                  State.CLOSED)
    assert meant.lines == ("SHORTLIST A",
                           "Parents' views: Mum would like somewhere she can visit weekly.",
                           "Child's views: She wants to stay near her friends.")
    meant = _read("Shortlist A please. Mum's view: happy with either.", State.CLOSED)
    assert meant.lines[1] == "Parents' views: Happy with either."


@pytest.mark.parametrize(("text", "lines"), [
    # round R28 S01: a sentence goes whole under the view it gives, the home it names kept
    ("Shortlist A please. Mum would rather Larch House as it is nearer her flat, but I "
     "think Larch View meets her needs better. She wants to stay near her friends.",
     ("SHORTLIST A",
      "Parents' views: Mum would rather Larch House as it is nearer her flat, but I think "
      "Larch View meets her needs better.",
      "Child's views: She wants to stay near her friends.")),
    # round R28 S03: one sentence for both is each one's view
    ("Shortlist B please. Mum and her daughter both prefer Larch View but it can't meet her "
     "needs, so B only.",
     ("SHORTLIST B",
      "Parents' views: Mum and her daughter both prefer Larch View but it can't meet her "
      "needs, so B only.",
      "Child's views: Mum and her daughter both prefer Larch View but it can't meet her "
      "needs, so B only.")),
    # clauses for different people are split between them
    ("Shortlist A and C. Mum's view is that she would like weekly visits, and her own view "
     "is she wants to stay near her friends.",
     ("SHORTLIST A, C",
      "Parents' views: Mum's view is that she would like weekly visits.",
      "Child's views: Her own view is she wants to stay near her friends.")),
])
def test_views_keep_her_whole_sentences_and_the_homes_they_name(
        text: str, lines: tuple[str, ...]) -> None:
    assert _read(text, State.CLOSED).lines == lines


@pytest.mark.parametrize(("text", "lines", "filled"), [
    ("Just realised – she's actually 13, not 14. Sorry!", ("Date of birth: dd/mm/yyyy",),
     False),
    ("she is 13 not 14", ("Date of birth: dd/mm/yyyy",), False),
    ("sorry her surname is actually Okafor-Reid (double barrelled), I missed it off",
     ("Child's name: Ruby Okafor-Reid",), True),
    # round R28 I07: "X not Y" corrects (the first is right), it negates nothing
    ("Her age is 15 not 14, my mistake", ("Date of birth: dd/mm/yyyy",), False),
    ("her surname is Okafor not Okafor-Reid", ("Child's name: Ruby Okafor",), True),
    # round R28 I04: a surname's particles, and a surname written in lower case
    ("her surname is actually de Souza, sorry", ("Child's name: Ruby de Souza",), True),
    ("His surname should be van der Berg.", ("Child's name: Ruby van der Berg",), True),
    ("her last name is al-Hassan", ("Child's name: Ruby al-Hassan",), True),
    ("her surname is actually o'neill", ("Child's name: Ruby o'neill",), True),
    ("her surname is actually de souza not souza", ("Child's name: Ruby de souza",), True),
])
def test_a_change_to_who_the_child_is_shows_its_line_and_goes_to_the_team(
        text: str, lines: tuple[str, ...], filled: bool) -> None:
    """Rounds R27 Z02, Z06: the line under the label her words are about (an age alone is
    no date: hers to fill in), and passed to the placements team."""
    assert _read(text, State.OPEN) == Meant("correction", lines, filled=filled, pass_on=True)


@pytest.mark.parametrize("text", ["She's actually 3 weeks into her new school.",
                                  "She isn't actually 13 yet", "her surname is fine",
                                  "her surname is actually spelt the same as mum's",
                                  "her surname is wrong on the form",
                                  "her surname is not Okafor"])
def test_words_about_the_child_that_change_no_identity_detail_show_no_line(text: str) -> None:
    assert _read(text, State.OPEN).kind != "correction"


# Attacker review 38, F6: the EXTEND readers scanned to the sentence's end from every "give",
# "keep" or "open", and each place tried read the whole sentence before it again for a
# negation: one long unpunctuated line cost its length squared (21 s at 58 KB).

@pytest.mark.parametrize("unit", ["please keep it open and give ", "extend it and leave ",
                                  "not two more days "])
def test_words_made_to_slow_the_extend_readers_are_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: read_her_words(text, State.OPEN, today=TODAY),
                  4_000, repeats=3) < LINEAR


@pytest.mark.parametrize(("text", "line"), [
    ("Could you extend the deadline for responses on Ruby's referral until Friday please",
     "EXTEND to Friday"),
    ("Please keep it open for the homes who have not replied yet for another two days",
     "EXTEND 2d"),
    ("Can we extend it, given how hard it has been to find anyone for her, by a week?",
     "EXTEND 7d"),
])
def test_an_extension_a_few_words_after_the_asking_is_still_read(text: str, line: str) -> None:
    assert _read(text, State.OPEN).lines == (line,)
