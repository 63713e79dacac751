"""The referral page's timeline in words a placements officer reads without a glossary: why
a referral is held and which other referral it may duplicate, when an extended window now
closes, field labels rather than keys, placement types as the form says them, and no
double full stop after someone's own words."""

from __future__ import annotations

from channels.web.console.words import clause, describe_event, hold_words, placement_words


def test_a_hold_says_why_and_names_the_other_referral() -> None:
    said = describe_event("held", {"reasons": ["possible-duplicate"],
                                   "duplicates": ["REF-2026-000101"]}, {})
    assert said.startswith("Held before it goes to providers: the same child may have another")
    assert "REF-2026-000101" in said
    assert describe_event("released", {"by": "maya.osei@northby.gov.example"}, {}) == (
        "Released by maya.osei@northby.gov.example: sent to providers.")
    assert hold_words("sender-not-authenticated,review-by-team") == [
        "nothing proved the email came from its sender",
        "the placements team checks the anonymised text first"]


def test_an_extension_gives_the_new_close_time_in_uk_time() -> None:
    said = describe_event("extended", {"wave": 1, "deadline": "2026-12-01T14:00:00+00:00"}, {})
    assert said == "The response window was extended: it now closes 1 Dec 2026, 14:00."


def test_fields_and_placement_types_in_words_and_one_full_stop() -> None:
    reply = describe_event("response", {"establishment": "larch-house", "decision": "offer",
                                        "late": True, "missing": ["weekly_fee"]},
                           {"larch-house": "Larch House"})
    assert reply == "Larch House replied: Offer (late), missing weekly fee."
    assert describe_event("accepted", {"urgency": "urgent", "placement_type": "residential"},
                          {}) == "Referral accepted (Urgent, children's home)."
    assert placement_words("fostering") == "Foster family"
    assert placement_words("made-up") == "Made up"
    assert describe_event("withdrawn", {"reason": "placed by family on the first day."},
                          {}) == "Withdrawn: placed by family on the first day."
    assert clause("  no home could meet her needs. ") == "no home could meet her needs"


def test_a_homes_questions_passed_on_or_held_are_counted_never_quoted() -> None:
    names = {"larch-house": "Larch House"}
    assert describe_event("questions-passed-on", {
        "establishment": "larch-house", "questions": ["a1b2", "c3d4"]}, names) == (
        "Larch House's 2 questions were passed to the placements team.")
    assert describe_event("questions-held", {
        "establishment": "larch-house", "questions": ["a1b2"], "per_day": 3}, names) == (
        "Larch House's new question was held: the placements team had had 3 emails of its "
        "questions today; the home was told to write to the team itself.")


def test_a_reply_without_a_decision_is_said_in_words() -> None:
    """ux47: "Larch House replied: not given, missing decision"."""
    names = {"larch-house": "Larch House"}
    said = describe_event("response", {"establishment": "larch-house", "decision": None,
                                       "missing": ["decision"], "late": False}, names)
    assert said == "Larch House replied without a decision; asked for it."
    assert describe_event("response", {"establishment": "larch-house", "decision": "",
                                       "missing": ["decision", "available_from"],
                                       "late": True}, names) == (
        "Larch House replied without a decision (late); asked for it and for available from.")
    assert describe_event("response", {"establishment": "larch-house", "decision": None,
                                       "missing": []}, names) == (
        "Larch House replied without a decision.")
    assert describe_event("reply-names-another-referral", {"establishment": "larch-house"},
                          names) == ("Larch House's reply named another referral, not this "
                                     "one: nothing was recorded, and the home was told where "
                                     "to answer.")


def test_a_message_while_held_is_said_in_words() -> None:
    said = describe_event("message-while-held", {"meant": "WITHDRAW"}, {})
    assert said.startswith("While the referral was held, the social worker asked")
    assert "Message while held" not in said
