"""Replies as round 44's outside tester wrote them: a help desk's reply typed above its
"type your reply above this line" marker, a sister service's offer, a hedged offer, a fee in
parts with dot leaders, a placeholder left in a field, short answers and pasted chats."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import parsed_reply, reply_read_as_mail
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday


def test_the_history_below_a_help_desks_reply_above_this_line_marker_is_not_read() -> None:
    parsed = reply_read_as_mail(
        "Decline \u2013 no vacancy, sorry. The bed went to an emergency admission this "
        "morning.\n\nIlse\n\n##- Please type your reply above this line -##\n\n"
        "Your request (#204511) has been updated.\n\nNadia Kerr (Sorrel House)\n\n"
        "I think we can offer at £4,900 from 14/12 \u2013 just checking with the RM.\n",
        on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from,
            parsed.decline_reason) == ("decline", None, None, "no-vacancy")


@pytest.mark.parametrize(("text", "decision", "reason"), [
    ("\U0001F44E sorry", "decline", None),
    ("Hi, No. Thanks, Jo", "decline", None),
    ("Hi Sam, Full. Ta, Kev", "decline", "no-vacancy"),
])
def test_a_short_no_on_one_line_is_a_decline(text: str, decision: str, reason: str | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == (decision, reason)


@pytest.mark.parametrize(("text", "fee", "start"), [
    ("\u2705\u2705 21/12 \u2013 4,750pw", 4750, date(2026, 12, 21)),
    ("Definitely a yes from us \u2013 £4,850 a week, from the 14th.", 4850, date(2026, 12, 14)),
    ("It's a yes from 21/12 at £4,850 pw \u2013 90% of our team were for it, and the RM has "
     "signed it off.", 4850, date(2026, 12, 21)),
])
def test_a_plain_yes_with_its_terms_is_an_offer(text: str, fee: int, start: date) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, start)


@pytest.mark.parametrize(("text", "decision", "start"), [
    ("Hi Northby \u2013 see our discussion below; final word is Lisa's.\n\n"
     "[09:12] Kerry Dunn: I think we can take her, the bed's free\n"
     "[09:14] Owen Bell: not with the risks in the house, no\n"
     "[09:20] Lisa Quayle (RM): Agree with Owen \u2013 decline, matching.\n\nBryn",
     "decline", None),
    ("FYI chat with RM below:\n\n[10:41] Bryn Oduya: can we offer for the Northby girl?\n"
     "[10:43] Jo Benham (RM): yes, offer at 4850 from Mon 14th\n[10:44] Bryn Oduya: \U0001F44D\n",
     "offer", date(2026, 12, 14)),
])
def test_a_chats_last_word_after_agreeing_or_a_yes_is_read(text: str, decision: str,
                                                           start: date | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.available_from) == (decision, start)
    assert parsed.decline_reason == ("matching" if decision == "decline" else None)


@pytest.mark.parametrize(("text", "start"), [
    ("Offer \u2013 she can arrive 10:00 11.12, weekly fee £4,780.", date(2026, 12, 11)),
    ("Offer confirmed. Proposed admission: 2026-12-21T14:00:00Z. Weekly fee £4,900.",
     date(2026, 12, 21)),
])
def test_a_day_beside_its_time_is_the_start(text: str, start: date) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.available_from) == ("offer", start)


def test_a_fee_per_week_written_p_slash_w_is_the_fee_and_a_time_is_not() -> None:
    parsed = parsed_reply("Offer \u2013 admission Mon 14/12 from 16:30, 4,950 p/w", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", 4950, date(2026, 12, 14))


def test_a_table_drawn_with_plus_and_minus_rules_is_read() -> None:
    rule = "+----------------+------------------+\n"
    parsed = reply_read_as_mail(
        f"Hi Northby,\n\nOur response:\n\n{rule}| Decision       | Offer            |\n{rule}"
        f"| Weekly fee     | £4,870           |\n{rule}| Available from | 14/12/2026       |\n"
        f"{rule}\nFemi\n", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", 4870, date(2026, 12, 14))


def test_a_reply_of_only_a_fee_gives_the_fee_and_asks_the_decision() -> None:
    parsed = parsed_reply("Hi,\n\n£4,975 a week, all-inclusive (education included).\n\nOwain",
                          on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == (None, 4975)


def test_an_age_range_narrowed_past_the_child_cannot_meet_needs() -> None:
    parsed = parsed_reply(
        "We're going through a registration variation with Ofsted to reduce our age range to "
        "8\u201312, so a 14-year-old would fall outside it. Sorry we can't help.", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", "cannot-meet-needs")


@pytest.mark.parametrize("unit", [
    "## reply above this line ", "-- please ", "#-#-#- ", "Decline reason: [select [",
    "Decline reason: (choose ", "Not for Larch Hall Not for ",
])
def test_mail_made_to_slow_the_round_44_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: reply_read_as_mail(text, on=_DEC2), 2_000,
                  repeats=3) < LINEAR


@pytest.mark.parametrize("unit", [
    "Not for a ", "Thistle Barn (1:1), ", "Thistle Barn (( ", "80 sure we ", "fairly sure ",
    "a ...... £1 pw\n", "a .", "a ......", "[select ", "< choose ",
    "\u2705\u2705 1/1 \u2013 ", "\u2705 \u2705 ", "it's definitely a ", "its a yes ",
    "Hi, No. Thanks, Jo ", "Hi Sam, ", "\U0001F44E sorry ", "[1:1] A: agree with B - ",
    "yes yes yes ", "1:11 1.12 ", "1:1 ", "2026-12-21T1 ", "1 p/w 1 ", "£1 a week ",
    "+--+--", "+-+\n",
])
def test_text_made_to_slow_the_round_44_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR


def test_not_for_this_home_with_another_service_offering_is_this_homes_decline() -> None:
    parsed = parsed_reply(
        "Not for Larch Hall I'm afraid \u2013 but our solo provision, Thistle Barn (1:1), could "
        "take her from 21/12 at £6,200 pw. Shall I ask them to reply on their own?", on=_DEC2,
        known_service_name="Larch Hall")
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("decline", None, None)


def test_residential_not_the_right_fit_with_the_referral_passed_on_is_a_decline() -> None:
    parsed = parsed_reply(
        "We don't think residential is the right fit for her \u2013 our supported accommodation "
        "service (Harbour Steps, 16+) would be more suitable and I've passed the referral to "
        "them.", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("decline", None, None)


@pytest.mark.parametrize("text", [
    "80% sure we can offer from the 14th \u2013 I'll confirm tomorrow once I've spoken to the RM.",
    "Fairly sure we could offer from 14/12 at £4,800 pw.",
])
def test_an_offer_short_of_sure_is_no_offer(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert parsed.decision in (None, "interested")


def test_weekly_parts_on_dot_leaders_with_no_total_are_asked() -> None:
    parsed = parsed_reply("Offer from Monday 21st December. Costs:\n\n"
                          "Core placement ............ £4,300 pw\n"
                          "1:1 staffing (days) ....... £900 pw\n", on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", None)
    assert "weekly_fee" in parsed.missing


@pytest.mark.parametrize("prompt", ["[select reason]", "<Choose one>", "Choose an item."])
def test_a_prompt_left_in_the_decline_reason_is_asked(prompt: str) -> None:
    parsed = reply_read_as_mail(f"Decision: Decline\nDecline reason: {prompt}\n"
                                "Contact: Tilly Voss\n", on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", None)
    assert "decline_reason" in parsed.missing
