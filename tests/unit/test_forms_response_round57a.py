"""Replies as round 57's outside tester wrote them against the reply rules of round 56: an
amount that is no extra of this home's (denied, another home's, an earlier placement's, paid
or capped by someone else, or the offer itself), a visit with the child that is no place for
her, and a day that is fine for a visit, a meeting or a panel, not for the move."""

from __future__ import annotations

from datetime import date

import pytest

from broker.forms.prose_extras import prose_extras
from broker.forms.the_child import as_her
from tests.factories import parsed_reply

_DEC7 = date(2026, 12, 7)  # a Monday
_HOME = "Harbour House"


@pytest.mark.parametrize("text", [
    # denied: "no additional cost", "we'd absorb it", "covered by us", "won't be charging"
    "We can offer from 14/12 at \u00a34,300 pw. There would be no additional cost for 1:1 "
    "(usually \u00a322/hr) \u2013 we'd absorb it.\n",
    "We can offer from 14/12 at \u00a34,300 pw. Staff mileage for school runs is covered by us "
    "(we budget around 45p/mile internally).\n",
    # another home's terms, an earlier placement's
    "We can offer at Larch House from 14/12 at \u00a34,300 pw, all inclusive. (For comparison, "
    "our Elm Court home charges \u00a35,100 pw plus \u00a3300 pw for 1:1, so Larch House is the "
    "better value.)\n",
    "We last placed with Northby in 2024 at \u00a33,900 pw plus 1:1 at \u00a320/hr. Our fee is "
    "now \u00a34,300 pw, all inclusive. We can offer from 14/12.\n",
    # someone else pays it, or caps it
    "We can offer from Monday 14th at \u00a34,300 pw. Contact transport: your own escorts claim "
    "mileage from Northby (45p/mile under your policy) \u2013 we make no charge for it.\n",
    "We can offer from Monday 14th at \u00a34,300 pw. The framework caps additional 1:1 at "
    "\u00a325/hr, but we won't be charging any.\n",
])
def test_an_amount_not_charged_by_this_home_now_is_no_extra(text: str) -> None:
    parsed = parsed_reply(text, on=_DEC7, known_service_name=_HOME)
    assert (parsed.decision, parsed.additional_costs) == ("offer", None)
    assert parsed.weekly_fee is not None and int(parsed.weekly_fee) == 4300


def test_the_offer_on_a_staffing_level_is_the_fee_not_an_extra() -> None:
    parsed = parsed_reply("We don't feel we could keep her safe on 1:1 alone, so our offer is "
                          "on 2:1 at \u00a36,200 pw from 14/12.\n", on=_DEC7,
                          known_service_name=_HOME)
    assert (parsed.decision, parsed.available_from) == ("offer", date(2026, 12, 14))
    assert parsed.weekly_fee is not None and int(parsed.weekly_fee) == 6200
    assert parsed.additional_costs is None


@pytest.mark.parametrize(("text", "kept"), [
    # a denial elsewhere in the sentence leaves an extra its own clause charges
    ("There's no extra cost for education, but 1:1 is charged at \u00a322/hr.", "22/hr"),
    ("\u00a34,300 pw with education included, plus 1:1 at \u00a322/hr if needed.", "22/hr"),
    ("If she needs 1:1 above the core package that's \u00a322.50/hr, though we don't expect "
     "it.", "22.50/hr"),
    ("Weekly fee \u00a34,250, plus a one-off set-up cost of \u00a3750 for her room.", "750"),
    ("Rate \u00a34,250 pw; transport extra at 45p/mile.", "45p/mile"),
])
def test_an_extra_charged_now_is_still_kept(text: str, kept: str) -> None:
    costs = prose_extras(text).costs
    assert costs is not None and kept in costs


@pytest.mark.parametrize(("text", "said"), [
    ("Happy to have Maddie for tea on Thursday", "Happy to have Maddie for tea on Thursday"),
    ("we could have Maddie for the day", "we could have Maddie for the day"),
    ("we could have Maddie on Thursday to meet the girls",
     "we could have Maddie on Thursday to meet the girls"),
    ("We'll take Maddie on the visit to the school",
     "We'll take Maddie on the visit to the school"),
    ("We'll take Maddie to the school on Friday", "We'll take Maddie to the school on Friday"),
    ("we could have Maddie for the long term", "we could have her for the long term"),
    ("we could have Maddie for as long as she needs",
     "we could have her for as long as she needs"),
    ("we could have Maddie from 16/12, after a visit",
     "we could have her from 16/12, after a visit"),
    ("we could take Maddie on from Monday", "we could take her on from Monday"),
])
def test_a_visit_with_the_child_is_not_taking_her(text: str, said: str) -> None:
    assert as_her(text) == said


@pytest.mark.parametrize("text", [
    "Hi Sam,\n\nHappy to have Maddie for tea on Thursday to meet the girls, before we decide "
    "anything.\n",
    "Hi Sam,\n\nWe'll take Maddie on the visit to the school on Friday 11th if you'd like. "
    "We're interested but need to see the risk assessment first.\n",
])
def test_a_visit_offered_is_no_offer_of_a_place(text: str) -> None:
    assert parsed_reply(text, on=_DEC7, known_service_name=_HOME).decision != "offer"


@pytest.mark.parametrize(("text", "start"), [
    ("We'd like to offer. Thursday 10th is fine for an introductory visit; fee \u00a34,300 pw. "
     "She could move once the visit has gone well.\n", None),
    ("We can offer at \u00a34,300 pw. Monday 14th is fine for the planning meeting, and she "
     "could move in the following Monday.\n", None),
    ("We can offer at \u00a34,300 pw. Her move-in would be Monday 21st; Thursday 17th is fine "
     "for the pre-placement visit.\n", date(2026, 12, 21)),
    ("We can offer, \u00a34,300 pw. Panel on the 10th is fine by us; the move itself would be "
     "Wednesday 16th.\n", date(2026, 12, 16)),
    ("We can offer, \u00a34,300 pw. The 10th works for her to come for tea; Monday 14th is "
     "fine for the move.\n", date(2026, 12, 14)),
])
def test_a_day_fine_for_something_else_is_not_the_start(text: str, start: date | None) -> None:
    parsed = parsed_reply(text, on=_DEC7, known_service_name=_HOME)
    assert (parsed.decision, parsed.available_from) == ("offer", start)
    assert parsed.weekly_fee is not None and int(parsed.weekly_fee) == 4300
