"""Replies as round 33's outside tester wrote them: a group's checklist of its homes, two
referrals told apart by the child, dictated and short-typed fees, a checklist of ticks and
crosses, and two reasons joined by "and"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import parsed_reply
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday
_DEC14, _DEC21 = date(2026, 12, 14), date(2026, 12, 21)

_GROUP = ("Hi all,\n\nAcross our three homes:\n\n✅ Larch Hall – offer, £4,850 pw, from 21/12\n"
          "❌ Elm Court – no beds\n❌ Cedar House – not a good match with the current group\n\n"
          "Thanks,\nPriya")


@pytest.mark.parametrize(("home", "answer"), [
    ("Larch Hall", ("offer", Decimal(4850), _DEC21, None)),
    ("Elm Court", ("decline", None, None, "no-vacancy")),
    ("Cedar House", ("decline", None, None, "matching")),
])
def test_a_groups_ticked_and_crossed_lines_are_each_homes_own(home: str, answer: tuple) -> None:
    parsed = parsed_reply(_GROUP, on=_DEC2, known_service_name=home)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from,
            parsed.decline_reason) == answer


def test_two_children_answered_apart_by_age_are_asked() -> None:
    parsed = parsed_reply("Hi,\n\nThe 14-year-old girl (ZZ98) – sorry, no vacancy for her.\n"
                          "The 11-year-old boy – we can offer from 14/12 at £4,700 pw.\n\nMegan",
                          on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (None, None, None)


@pytest.mark.parametrize("written", ["£4.9", "£4.90", "£12 pw"])
def test_a_fee_less_than_any_week_costs_is_asked(written: str) -> None:
    parsed = parsed_reply(f"Decision: Offer\nWeekly fee: {written}\nAvailable from: 14/12/2026",
                          on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", None)
    assert "weekly_fee" in parsed.missing


@pytest.mark.parametrize("said", ["for thousand 850", "four thousand 850", "4 thousand and 850"])
def test_thousands_in_words_and_the_rest_in_figures_are_one_fee(said: str) -> None:
    parsed = parsed_reply(f"yes we can offer her a place from the 14th at {said} a week",
                          on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4850), _DEC14)


@pytest.mark.parametrize(("text", "reason"), [
    ("❌ Vacancy\n✅ Could meet needs\nSorry - nothing free until Feb.", "no-vacancy"),
    ("✅ Vacancy\n❌ Could meet needs", "cannot-meet-needs"),
    ("Vacancy: Yes\nCould meet needs: No\nSorry, not this time.", "cannot-meet-needs"),
])
def test_a_checklist_with_a_cross_is_a_decline_for_what_is_crossed(text: str,
                                                                   reason: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


def test_a_checklist_of_ticks_with_terms_is_still_an_offer() -> None:
    parsed = parsed_reply("✅ Vacancy\n✅ Could meet needs\n£4,800 pw from 14/12", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4800), _DEC14)


@pytest.mark.parametrize("joined", ["location and matching", "location & matching"])
def test_two_reasons_joined_by_and_give_the_first(joined: str) -> None:
    parsed = parsed_reply(f"Decision: Decline\nDecline reason: {joined}", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "location")


def test_a_reason_joined_to_words_that_are_no_reason_is_other() -> None:
    parsed = parsed_reply("Decision: Decline\nDecline reason: Full and no staff", on=_DEC2)
    assert parsed.decline_reason == "other"


@pytest.mark.parametrize("unit", ["❌ a\n", "✅ ab ab\n", "can meet needs ", "meet needs: ",
                                  "4 thousand ", "for thousand 1 ", "a and b and ", "& & ",
                                  "The 1-year-old girl – ", "✅ A – "])
def test_text_made_to_slow_the_round_33_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


@pytest.mark.parametrize(("text", "answer"), [
    ("Hi, we can offre from 14/12 at £4,800 pw.", ("offer", Decimal(4800), _DEC14, None)),
    ("We have a bed avaliable from 21/12 at £4,900 pw.", ("offer", Decimal(4900), _DEC21, None)),
    ("Sorry, no vacency at the moment.", ("decline", None, None, "no-vacancy")),
    ("Sorry we have no vaccancies.", ("decline", None, None, "no-vacancy")),
    ("Can offer from the 14th - 4,900 quid a week.", ("offer", Decimal(4900), _DEC14, None)),
    ("Can offer fm 21/12 at £4,900pw", ("offer", Decimal(4900), _DEC21, None)),
    ("We can offer from 12 noon Monday, £4,800 pw.", ("offer", Decimal(4800), date(2026, 12, 7),
                                                      None)),
    ("Decision: Offer\nWeekly fee: £4,950\nAvailable from: 14th of this month",
     ("offer", Decimal(4950), _DEC14, None)),
    ("yes we'd be able to take her from monday the twenty first our weekly fee is four thousand "
     "nine hundred and fifty pounds", ("offer", Decimal(4950), _DEC21, None)),
    ("The bed is still available from 14/12 at £4,650 pw if you're able to reopen it.",
     ("offer", Decimal(4650), _DEC14, None)),
    ("Fee is £4,850 per week, she could start on the 14th.", ("offer", Decimal(4850), _DEC14,
                                                              None)),
    ("Sorry, the bed is no longer available.", ("decline", None, None, "no-vacancy")),
    ("Please stop sending these - we closed our residential service in October and only do "
     "supported accommodation now.", ("decline", None, None, "cannot-meet-needs")),
    ("Our youngest resident is 9 and, given the concerns about her behaviour towards younger "
     "children, it wouldn't be safe for us to take her.",
     ("decline", None, None, "cannot-meet-needs")),
    ("None of our carers are approved for teenagers, so we'll have to decline.",
     ("decline", None, None, "cannot-meet-needs")),
    ("Our current group is all boys aged 15-17, so not this time I'm afraid. Do keep us in mind "
     "for future referrals.", ("decline", None, None, "matching")),
])
def test_round_33_replies_that_were_asked_are_read(text: str, answer: tuple) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from,
            parsed.decline_reason) == answer


@pytest.mark.parametrize("subject", ["RE: REF-2026-000123 OFFER £4,900 from 14/12",
                                     "RE: Referral REF-2026-000123: residential - offre 4900 pw "
                                     "from 14 dec"])
def test_an_answer_in_a_rewritten_subject_is_read(subject: str) -> None:
    parsed = parsed_reply("Sent from my iPhone", on=_DEC2, subject=subject)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal(4900), _DEC14)


def test_our_own_subject_after_the_reference_is_no_answer() -> None:
    parsed = parsed_reply("Sent from my iPhone", on=_DEC2, subject=(
        "RE: Referral REF-2026-000123: residential, age 14, NB4 - reply by 5:00pm on Friday"))
    assert parsed.decision is None


@pytest.mark.parametrize("unit", ["1 noon ", "at 1am ", "1 of this month ", "REF-2026-0001 a ",
                                  "fm 1/1 ", "1 quid "])
def test_text_made_to_slow_the_round_33_dates_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


@pytest.mark.parametrize(("text", "fee", "start"), [
    ("Sorry, our fee should read £4,750, not £4,950.", Decimal(4750), None),
    ("Apologies - the start date should be 21/12, not 14/12.", None, _DEC21),
])
def test_a_follow_up_that_only_corrects_a_term_keeps_it(text: str, fee: Decimal | None,
                                                        start: date | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (None, fee, start)
    assert "decision" in parsed.missing
