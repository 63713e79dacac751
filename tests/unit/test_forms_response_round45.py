"""Replies as round 45's outside tester wrote them: fees corrected in the same message or
said in words that disagree with the figure, counter-proposals, P.S. lines that take the
answer back, and offers held until the carers have met the children."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import parsed_reply, reply_read_as_mail
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday


@pytest.mark.parametrize(("text", "fee"), [
    ("We can offer from Monday 14th at £485 pw.\nOops \u2013 missing a zero, £4,850.", 4850),
    ("Offer from 21/12, £5,850 pw \u2013 sorry, fat fingers \u2013 £4,850", 4850),
])
def test_a_fee_put_right_after_a_slip_is_the_fee(text: str, fee: int) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", fee)


def test_a_figure_its_words_disagree_with_is_asked() -> None:
    parsed = parsed_reply("We can offer from 14/12 at £4,850 pw (four thousand five hundred "
                          "and eighty pounds).", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", None)
    assert "weekly_fee" in parsed.missing


def test_a_figure_its_words_agree_with_is_the_fee() -> None:
    parsed = parsed_reply("We can offer from 14/12 at £4,850 pw (four thousand eight hundred "
                          "and fifty pounds).", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", 4850)


def test_the_first_working_day_of_the_new_year_is_asked() -> None:
    parsed = parsed_reply("We can offer from the first working day of the new year \u2013 "
                          "£4,900 pw.", on=_DEC2)
    assert (parsed.decision, parsed.available_from) == ("offer", None)
    assert "available_from" in parsed.missing


@pytest.mark.parametrize(("text", "start"), [
    ("We can offer from New Year's Eve at £4,800 pw.", date(2026, 12, 31)),
    ("We can offer from the end of term (Fri 18th) at £4,800 a week.", date(2026, 12, 18)),
])
def test_a_named_day_or_a_bracketed_day_is_the_start(text: str, start: date) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.available_from) == ("offer", start)


def test_a_fee_only_asked_about_is_still_no_fee() -> None:
    parsed = parsed_reply("We can offer from 14/12. Is £5,000 firm?", on=_DEC2)
    assert parsed.weekly_fee is None


@pytest.mark.parametrize("unit", [
    "P.S. ", "PS p.s. declin ", "p s\n", "can't manage the 1 ", "can't do the day ",
    "could take both but we like to meet them ", "but a a a ",
])
def test_mail_made_to_slow_the_round_45_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: reply_read_as_mail(text, on=_DEC2), 2_000,
                  repeats=3) < LINEAR


@pytest.mark.parametrize("unit", [
    "£1 (one thousand a ", "£1 ((", "£1.1 (one hundred ", "oops oops ", "fat fingers £1 ",
    "missing a zero, ", "P.S. declin\n", "can't manage the 1st ", "could take both but like to ",
    "the end of term (", "the end of term (Fri 1 ", "first working first working ",
    "New Year's New Year's ", "sorry - the bed ", "sorry, sorry, the bed is been ",
    "Would £1 pw ", "can we have a chat before ", "could we have a quick call before we ?",
    "would £1,1 would £1.1 ", "Is £1 pw within the budget for ",
])
def test_text_made_to_slow_the_round_45_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR
