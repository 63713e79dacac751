"""A SHORTLIST, CHOOSE or DROP line that names homes instead of letters (rule
`homes-by-their-letters`, workflows/placement.py) is answered with the letters those homes
have in the comparison (rr25 S04), and the shortlist help's example names the referral's own
letters, never "A, C" when there is no C (rr25 S06); decided on snapshots, the emails
rendered from the real templates."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from email import message_from_bytes, policy

from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import OPTIONS, SW, VIEWS, actor, shortlist_round, snapshot
from workflows.classify import instruction_event
from workflows.events import Chosen, Dropped, Shortlisted
from workflows.instructions import read_instruction
from workflows.intake import in_her_letters
from workflows.lifecycle import decide
from workflows.placement import example_choice
from workflows.states import State


def _problems_email(decision) -> str:  # type: ignore[no-untyped-def]
    renderer = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret")
    [command] = [c for c in decision.commands
                 if getattr(c, "template", "") == "social_worker/shortlist_problems"]
    raw = renderer.render(command, datetime(2026, 11, 25, 9, tzinfo=UTC)).raw
    return str(message_from_bytes(raw, policy=policy.default).get_body(
        ("plain",)).get_content())


def _shortlist_line(text: str) -> Shortlisted:
    instruction = read_instruction(text)
    assert instruction is not None
    event = instruction_event(instruction, actor(SW), "k", date(2026, 11, 25))
    assert isinstance(event, Shortlisted)
    return event


def test_a_shortlist_by_home_names_is_answered_with_their_letters() -> None:
    event = _shortlist_line("SHORTLIST Larch House, Kestrel House\n"
                            "Parents' views: not sought - mum not contactable\n"
                            "Child's views: wants other girls in the home")
    assert event.labels == () and event.said == "Larch House, Kestrel House"
    before = snapshot(State.CLOSED)
    decision = decide(before, event)
    assert not decision.answer.accepted and decision.snapshot == before
    said = ("Larch House is B and Kestrel House is A: reply SHORTLIST B, A with the views "
            "lines.")
    assert said in decision.answer.message
    body = _problems_email(decision)
    assert said in body and "Name at least one option" not in body
    assert "For example:\nSHORTLIST B, A\n" in body


def test_a_shortlist_naming_neither_letters_nor_homes_asks_for_the_referrals_letters() -> None:
    decision = decide(snapshot(State.CLOSED), _shortlist_line(
        "SHORTLIST the two nearest\nParents' views: fine\nChild's views: fine"))
    assert "Name at least one option, e.g. SHORTLIST A, B." in decision.answer.message


def test_the_shortlist_example_names_the_referrals_own_letters() -> None:
    """Options A and B only: a shortlist of C is refused with "SHORTLIST A, B" as the
    example, never "A, C"; with one option, that one."""
    two = snapshot(State.CLOSED)
    two = replace(two, referral=replace(two.referral, comparison=tuple(OPTIONS[:2])))
    body = _problems_email(decide(two, Shortlisted(actor=actor(SW), key="k", labels=("C",),
                                                   views=VIEWS)))
    assert "There is no option C; the options are A, B." in body
    assert "For example:\nSHORTLIST A, B\n" in body and "A, C" not in body
    one = replace(two, referral=replace(two.referral, comparison=tuple(OPTIONS[:1])))
    body = _problems_email(decide(one, Shortlisted(actor=actor(SW), key="k", labels=(),
                                                   views=VIEWS)))
    assert "e.g. SHORTLIST A." in body and "For example:\nSHORTLIST A\n" in body


def test_choose_or_drop_by_home_name_is_answered_with_its_letter() -> None:
    approved = snapshot(State.APPROVED)  # A (Kestrel House) and B (Larch House) approved
    chose = decide(approved, Chosen(actor=actor(SW), key="k", label="", said="larch house"))
    assert not chose.answer.accepted and chose.snapshot == approved
    assert "Larch House is B: reply CHOOSE B." in chose.answer.message
    dropped = decide(approved, Dropped(actor=actor(SW), key="k", label="",
                                       said="Kestrel House please"))
    assert "Kestrel House is A: reply DROP A." in dropped.answer.message
    assert dropped.snapshot == approved


def test_a_home_named_off_the_approved_shortlist_is_answered_with_the_shortlist() -> None:
    chose = decide(snapshot(State.APPROVED), Chosen(actor=actor(SW), key="k", label="",
                                                    said="Harbour House"))
    assert ("Harbour House is C; the approved shortlist is A (Kestrel House), B (Larch "
            "House): reply CHOOSE and its letter.") in chose.answer.message


def test_a_meant_shortlist_without_her_letters_is_shown_with_the_referrals_own() -> None:
    assert in_her_letters("SHORTLIST A, C", "Shortlist please", "A, B") == "SHORTLIST A, B"
    assert in_her_letters("SHORTLIST A, C", "SHORTLIST A (nearest), C", "A, B") == \
        "SHORTLIST A, C"  # her own letters stand


def test_views_in_prose_after_the_shortlist_are_shown_back_in_her_words() -> None:
    """Rounds R27 I07 and S01: views written as a paragraph under the SHORTLIST line are put
    under the labels for her to send back, never the stock example's, and never recorded."""
    before = snapshot(State.CLOSED)
    decision = decide(before, _shortlist_line(
        "shortlist a and b\n\nI spoke to mum yesterday – she would like somewhere she can "
        "visit weekly. Her daughter says she wants to stay near her friends.\n\nSam"))
    assert not decision.answer.accepted and decision.snapshot == before
    body = _problems_email(decision)
    assert "    SHORTLIST A, B\n    Parents' views: I spoke to mum yesterday – she would " \
           "like somewhere she can visit weekly.\n    Child's views: Her daughter says she " \
           "wants to stay near her friends.\n" in body
    assert "football" not in body


def test_a_labelled_view_is_kept_and_only_the_missing_one_asked() -> None:
    decision = decide(snapshot(State.CLOSED), _shortlist_line(
        "SHORTLIST A, B\nParents' views: not sought - mum not contactable\n\n"
        "She wants to stay near her friends."))
    body = _problems_email(decision)
    assert "    Parents' views: not sought - mum not contactable\n" \
           "    Child's views: She wants to stay near her friends.\n" in body


def test_views_in_prose_are_not_asked_for_as_a_list_too() -> None:
    """Round ux48 U8: with her views shown back under their labels, the email does not also
    list "Parents' views: give them, or write 'not sought - '…" to reply with."""
    body = _problems_email(decide(snapshot(State.CLOSED), _shortlist_line(
        "SHORTLIST A, B\n\nI spoke to mum - she would like somewhere she can visit weekly.")))
    said = " ".join(body.split())
    assert "give them, or write" not in said and "please reply again with" not in said
    assert "the views need their labels. Your words are put under them below" in said
    assert "(nothing goes for approval until you do):\n\n    SHORTLIST A, B\n" in body


def test_with_no_home_offered_there_is_nothing_to_shortlist() -> None:
    """Round ux48 W6: a SHORTLIST when no home offered was told "There is no option A; the
    options are none." and shown "SHORTLIST A" to send."""
    closed = snapshot(State.CLOSED)
    nothing = replace(closed, referral=replace(closed.referral, comparison=()))
    decision = decide(nothing, _shortlist_line("SHORTLIST A"))
    body = " ".join(_problems_email(decision).split())
    assert not decision.answer.accepted
    assert "No home offered a place on referral" in body and "nothing to shortlist" in body
    assert "widening the search" in body and "UNMET and the reason" in body
    assert "the options are" not in body and "SHORTLIST" not in body


def test_the_shortlist_line_keeps_her_letters_and_a_home_her_views_name_stays_in_them(
        ) -> None:
    """Round R28 S01, S03: views in prose naming another home (the parents' or the child's
    wish) never widen the letters shown back: sending the email's own lines would put up a
    home she left out. Her sentences are kept whole, the home in them."""
    decision = decide(snapshot(State.CLOSED), _shortlist_line(
        "SHORTLIST A\n\nMum would rather Larch House as it is nearer her flat, but I think "
        "Kestrel House meets her needs better. She wants to stay near her friends."))
    body = _problems_email(decision)
    assert "    SHORTLIST A\n    Parents' views: Mum would rather Larch House as it is nearer " \
           "her flat, but I think Kestrel House meets her needs better.\n    Child's views: " \
           "She wants to stay near her friends.\n" in body
    assert "SHORTLIST A, B" not in body
    decision = decide(snapshot(State.CLOSED), _shortlist_line(
        "SHORTLIST B\n\nMum and her daughter both prefer Kestrel House but it can't meet "
        "her needs, so B only."))
    body = _problems_email(decision)
    said = ("Mum and her daughter both prefer Kestrel House but it can't meet her needs, so B "
            "only.")
    assert f"    SHORTLIST B\n    Parents' views: {said}\n    Child's views: {said}\n" in body
    assert "SHORTLIST A" not in body


def test_a_meant_choice_without_her_letters_is_shown_with_the_shortlists_first() -> None:
    """ux49s W4, the class: "drop a pls" to a shortlist of A alone was shown "DROP B"."""
    assert in_her_letters("DROP B", "drop a pls", "A", "A") == "DROP A"
    assert in_her_letters("CHOOSE B", "Choose (A)", "A", "A") == "CHOOSE A"
    assert in_her_letters("CHOOSE B", "CHOOSE C or D", "A, B", "C") == "CHOOSE C"  # hers
    one = replace(snapshot(State.APPROVED), rounds=(shortlist_round(labels=("B",),
                                                                    outcome="approved"),))
    assert example_choice(one) == "B" and example_choice(snapshot(State.CLOSED)) == "A"
