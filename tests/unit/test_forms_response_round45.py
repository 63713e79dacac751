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


def test_a_day_the_home_cannot_manage_is_no_refusal() -> None:
    parsed = parsed_reply("We can't manage the 7th. Could you do the 21st instead?", on=_DEC2)
    assert parsed.decision != "decline"
    assert parsed.decline_reason is None


def test_a_ps_below_the_name_that_declines_takes_the_offer_back() -> None:
    parsed = reply_read_as_mail(
        "Hi,\n\nWe can offer from 14/12 at £4,850 pw.\n\nThanks,\nSol\n\nP.S. Just heard "
        "\u2013 the bed's been taken by an emergency admission this morning, so sadly we'll "
        "have to decline.\n", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from,
            parsed.decline_reason) == ("decline", None, None, "no-vacancy")


def test_carers_who_would_meet_the_children_first_are_interested() -> None:
    parsed = parsed_reply("Our carers could take both of them, but they'd like to meet them "
                          "first before committing.", on=_DEC2)
    assert parsed.decision == "interested"


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


@pytest.mark.parametrize(("text", "decision", "fee", "reason"), [
    ("Outcome: Matched\nProposed weekly rate: £4,875.00\nProposed start date: 14/12/2026",
     "offer", 4875, None),
    ("Referral stage: Declined - capacity", "decline", None, "no-vacancy"),
    ("Placement Status: Offer Made\nTariff (weekly): 5,150.00\n"
     "Admission Date (planned): 21-Dec-2026", "offer", 5150, None),
    ("Placement Status: Unable to match\nReason code: M02 \u2013 Impact on existing residents",
     "decline", None, "matching"),
])
def test_a_crm_exports_labels_are_read(text: str, decision: str, fee: int | None,
                                       reason: str | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.decline_reason) == (decision, fee, reason)


@pytest.mark.parametrize(("text", "reason"), [
    ("We have another 14-year-old girl here with a very similar CSE profile, and the risk of "
     "peer exploitation between them would be too high, so we must decline.", "matching"),
    ("We had a new admission yesterday and need to let the group settle before admitting "
     "anyone else, so it's a no for now.", "matching"),
    ("Unfortunately it's a no \u2013 one of our current young people is from her area and "
     "known to her associates.", "matching"),
    ("Our carers are approved for 0-10 year olds only, so she falls outside their approval.",
     "cannot-meet-needs"),
    ("The home is two streets from where the exploitation concerns are centred, so it "
     "wouldn't be safe for her here. Sorry.", None),
    ("No from us \u2013 the age mix is wrong for her.", "matching"),
])
def test_a_refusal_for_the_children_there_or_the_carers_approval_is_a_decline(
        text: str, reason: str | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


def test_a_bed_come_up_with_the_council_asked_if_still_looking_is_interest() -> None:
    parsed = parsed_reply("Are you still looking? We've had a bed come up from Monday.",
                          on=_DEC2)
    assert parsed.decision == "interested"


def test_a_chat_asked_for_before_committing_is_interest() -> None:
    parsed = parsed_reply("Can we have a chat before we commit? Fee would be around £4,800.",
                          on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("interested", None)


def test_an_offer_the_bed_gone_since_takes_back_is_a_decline() -> None:
    parsed = parsed_reply("We can offer from 14/12. Sorry \u2013 the bed's gone, we have to "
                          "decline.", on=_DEC2)
    assert (parsed.decision, parsed.available_from, parsed.decline_reason) == (
        "decline", None, "no-vacancy")


@pytest.mark.parametrize(("text", "fee", "start"), [
    ("Would £4,500 work? If so we can take her from the 14th.", 4500, date(2026, 12, 14)),
    ("Is £5,250 pw within budget? That's our rate for her, and a 21/12 start is possible.",
     5250, date(2026, 12, 21)),
])
def test_a_fee_the_home_proposes_as_a_question_is_the_fee(text: str, fee: int,
                                                          start: date) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, start)


def test_an_offer_on_the_councils_yes_to_a_question_is_an_offer() -> None:
    parsed = parsed_reply("Would she be OK sharing with one other girl (13)? If yes, we'd offer "
                          "at £4,750 from 14/12.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", 4750, date(2026, 12, 14))


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
