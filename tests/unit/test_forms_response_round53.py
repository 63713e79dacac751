"""Replies as round 53's outside tester wrote them: a hedge ("a maybe"), a bed that may come
free with interest said, the full papers asked for, keenness with a condition, a reply that
changes its mind to a decline, a negative said as a feeling or a belief, an annual fee for a
52-week placement, a fee with VAT and its total written out, terms in full-stopped fragments
above a footer's office closure, and a fee given after an apology for leaving it out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import reply_read_as_mail

_DEC1 = date(2026, 12, 1)  # a Tuesday
_DEC14 = date(2026, 12, 14)


@pytest.mark.parametrize("text", [
    "Could be a maybe from us \u2013 we have a bed from w/c 4th Jan. Can you send more info on "
    "the education plan please?\n",
    "Could be a maybe from us \u2013 we have a bed from w/c 4th Jan.\n",
    "It's a maybe from us. Can you send more info on the education plan please?\n",
])
def test_a_maybe_is_interest_even_beside_a_bed_and_its_day(text: str) -> None:
    assert reply_read_as_mail(text, on=_DEC1).decision == "interested"


def test_a_bed_that_may_come_free_with_interest_said_is_interest() -> None:
    parsed = reply_read_as_mail(
        "Yes we could meet her needs but we don't have a bed at the moment. One may become "
        "available after Christmas \u2013 happy to discuss.\n", on=_DEC1)
    assert (parsed.decision, parsed.available_from) == ("interested", None)


@pytest.mark.parametrize("text", [
    "Not at the moment, but we may have a bed from 15/01 if a planned move goes ahead.\n",
    "We don't have a bed at the moment. Happy to discuss future referrals.\n",
    "We're keen to help but we have no vacancy until March.\n",
])
def test_no_bed_now_without_interest_in_one_to_come_is_still_a_decline(text: str) -> None:
    assert reply_read_as_mail(text, on=_DEC1).decision == "decline"


def test_the_full_papers_requested_are_interest_and_its_day_rate_is_kept() -> None:
    parsed = reply_read_as_mail("Request full papers please.\nCosts: £720 per day (care only).\n",
                                on=_DEC1)
    assert (parsed.decision, parsed.weekly_fee) == ("interested", Decimal("5040.00"))


def test_keenness_with_a_condition_on_funding_is_interest() -> None:
    parsed = reply_read_as_mail(
        "We're keen but we'd need 1:1 in the day funded on top of our base fee of £4,500pw "
        "\u2013 can the LA confirm it would consider this before we go further?\n", on=_DEC1)
    assert parsed.decision == "interested"


@pytest.mark.parametrize("change", [
    "Actually \u2013 sorry \u2013 I've just spoken to the manager and we've had another "
    "admission confirmed this morning, so I'm afraid we'll have to decline.",
    "On reflection, we are not able to offer this time.",
    "On second thoughts we'll have to decline, the group is too unsettled.",
])
def test_an_offer_the_reply_changes_its_mind_about_is_a_decline(change: str) -> None:
    parsed = reply_read_as_mail(
        f"Hi,\n\nWe can offer this young person a place from the 14th at £4,900pw.\n\n{change}\n",
        on=_DEC1)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("decline", None, None)


def test_actually_with_no_change_of_mind_keeps_the_offer() -> None:
    parsed = reply_read_as_mail("We can offer a place from the 14th at £4,900pw. Actually, she "
                                "could move in on the 14th itself.\n", on=_DEC1)
    assert parsed.decision == "offer"


@pytest.mark.parametrize(("text", "reason"), [
    ("After careful consideration, we do not feel we would be able to meet her needs at this "
     "time.\n", "cannot-meet-needs"),
    ("Given the concerns around exploitation and going missing we don't believe we could keep "
     "her safe here.\n", "cannot-meet-needs"),
    ("We don't think we'd be able to meet his needs.\n", "cannot-meet-needs"),
    ("We don't feel we could keep her safe alongside the young people already living here.\n",
     "matching"),
])
def test_a_negative_said_as_a_feeling_or_a_belief_is_a_decline(text: str, reason: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC1)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


def test_second_language_possibility_to_take_with_a_dotted_thousands_fee_is_an_offer() -> None:
    parsed = reply_read_as_mail(
        "Good morning,\n\nWe have possibility to take the girl in our home from 14 of December. "
        "Price is 4.950 pounds for one week, it include the education in home.\n", on=_DEC1)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal("4950.00"), _DEC14)


@pytest.mark.parametrize(("said", "fee"), [
    ("The annual fee for a 52-week placement is £254,800 (education and care combined).", "4900"),
    ("The fee for a 38-week placement is £190,000.", "5000"),
    ("The annual fee is £254,800.", "4900"),
])
def test_a_fee_for_a_placement_of_so_many_weeks_is_a_week_of_it(said: str, fee: str) -> None:
    parsed = reply_read_as_mail(f"We are able to offer. {said} We could admit from Monday 4th "
                                "January 2027.\n", on=_DEC1)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", Decimal(fee))


@pytest.mark.parametrize(("line", "fee"), [
    ("Weekly fee: £4,150 + VAT (£4,980 per week inc. VAT)", Decimal("4980.00")),
    ("Weekly fee: £4,150 pw plus VAT, £4,980 pw including VAT", Decimal("4980.00")),
    ("Weekly fee: £4,150 + VAT", None),  # VAT is never worked out: asked
    ("Weekly fee: £4,150 + VAT (£4,980 per week)", None),  # not said to include it
])
def test_the_fee_with_vat_is_the_total_written_out(line: str, fee: Decimal | None) -> None:
    parsed = reply_read_as_mail(f"We are pleased to offer a placement.\n\n{line}\n"
                                "Available from: Monday 14th December\n", on=_DEC1)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == ("offer", fee, _DEC14)


@pytest.mark.parametrize("terms", ["Offer. £4,800pw. 14/12.", "Offer. 14/12. £4,800pw.",
                                   "Offer. £4,800pw. 14/12"])
def test_terms_in_fragments_keep_their_day_above_a_footers_office_closure(terms: str) -> None:
    parsed = reply_read_as_mail(
        f"{terms}\n\nGlenholme Referrals\nPlease note our office will be closed from 24 December "
        "to 2 January. For emergencies call 07700 900600.\n", on=_DEC1)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == (
        "offer", Decimal("4800.00"), _DEC14)


@pytest.mark.parametrize("text", [
    "sorry forgot the fee its 5200 a wk all in\n\nSent from my Galaxy\n",
    "Sorry, forgot the fee, it's £5,200 a week\n",
    "Apologies - I forgot to include the fee: £5,200 per week.\n",
])
def test_a_fee_after_an_apology_for_leaving_it_out_is_the_fee(text: str) -> None:
    parsed = reply_read_as_mail(text, on=_DEC1)
    assert (parsed.decision, parsed.weekly_fee) == (None, Decimal("5200.00"))


def test_an_apology_without_a_weekly_fee_gives_no_fee() -> None:
    parsed = reply_read_as_mail("Sorry forgot the fee, will confirm tomorrow. Ref 5200.\n",
                                on=_DEC1)
    assert parsed.weekly_fee is None
