"""A later fee written in the reply's "Weekly fee" line is counted or flagged, as one in its
other words is (rule later-fee-named: the field's words name the fee by being the fee
field): never cut to its first figure, never asked when it reads (ux50c 1a.1-1a.4).

Homes and amounts are fictional; expected figures are worked by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from broker.forms.fee_steps import fee_field_words, stepped_fee
from channels.slack.blocks import _placed as placed_text
from tests.factories import reply_read_as_mail
from tests.provider_mail import text_of
from tests.snapshots import BUDGET, OPTIONS, SW, actor, snapshot
from workflows.commands import SendEmail
from workflows.events import FeeAgreed, FeeSignedOff
from workflows.lifecycle import decide
from workflows.states import State
from workflows.year_cost import first_year_price, year_of

_DEC7 = date(2026, 12, 7)


def _offer(fee_line: str):  # type: ignore[no-untyped-def]
    return reply_read_as_mail(f"Decision: Offer\nWeekly fee: {fee_line}\nAdditional costs: "
                              "none\nAvailable from: 09/12/2026", on=_DEC7)


def _year(parsed) -> Decimal | None:  # type: ignore[no-untyped-def]
    return first_year_price({"weekly_fee": str(parsed.weekly_fee), "additional_costs": "none",
                             "proposal": parsed.proposal or ""})


@pytest.mark.parametrize(("line", "fee", "year"), [
    # 8 × £4,300 + 44 × £5,100 = £34,400 + £224,400 = £258,800
    ("£4,300 a week for weeks 1-8, then £5,100 from week 9", Decimal(4300), Decimal(258800)),
    # 12 × £5,600 + 40 × £4,800 = £67,200 + £192,000 = £259,200
    ("£5,600 per week for the first 12 weeks, then £4,800 per week", Decimal(5600),
     Decimal(259200)),
    # 12 × £4,900 + 40 × £4,600 = £58,800 + £184,000 = £242,800 (round 51's field, once asked)
    ("£4,900 first 12 weeks, then reduced to £4,600", Decimal(4900), Decimal(242800)),
    # 12 × £4,500 + 40 × £4,700 = £54,000 + £188,000 = £242,000
    ("Weeks 1-12: £4,500. Weeks 13-52: £4,700.", Decimal(4500), Decimal(242000)),
    # 12 × £5,200 + 40 × £4,600 = £62,400 + £184,000 = £246,400 (replies round 64 s03)
    ("£5,200 pw weeks 1-12; £4,600 pw from week 13", Decimal(5200), Decimal(246400)),
])
def test_a_stepped_fee_line_is_the_fee_and_its_later_fee(line: str, fee: Decimal,
                                                         year: Decimal) -> None:
    parsed = _offer(line)
    assert parsed.weekly_fee == fee
    assert "weekly_fee" not in parsed.unreadable and "weekly_fee" not in parsed.missing
    assert f"Weekly fee: {line}" in (parsed.proposal or "")
    assert _year(parsed) == year


def test_an_introductory_rate_then_a_later_fee_is_flagged_not_priced() -> None:
    line = ("£4,200 introductory rate, then our standard fee of £5,400 once she has settled")
    parsed = _offer(line)
    assert parsed.weekly_fee == Decimal(4200)
    assert f"Weekly fee: {line}" in (parsed.proposal or "")
    year = year_of(Decimal(4200), "none", parsed.proposal or "")
    assert year.first_year is None and year.steps.unread  # never 52 × £4,200 = £218,400
    assert _year(parsed) is None  # ranked after the priced options


@pytest.mark.parametrize("line", ["£4,900 per week", "£4,900 pw all inclusive",
                                  "£650 per day"])
def test_a_plain_fee_line_keeps_no_words(line: str) -> None:
    parsed = _offer(line)
    assert parsed.weekly_fee is not None
    assert "Weekly fee" not in (parsed.proposal or "")


@pytest.mark.parametrize("line", [
    "£650 per day for weeks 1-8, then £5,100 from week 9",  # a day's first figure
    "£4,300 a week for weeks 1-8, then £5,100 from week 9, £300 deposit",  # a figure unread
    "£4,300 then more later",
])
def test_a_stepped_line_not_wholly_read_is_asked(line: str) -> None:
    assert stepped_fee(line) is None


def test_the_fee_field_words_name_the_fee() -> None:
    # "£5,100 from week 9" alone names nothing: the field it is written in names the fee
    assert fee_field_words("£4,300, £5,100 from week 9", Decimal(4300)) == (
        "Weekly fee: £4,300, £5,100 from week 9")
    assert fee_field_words("£4,300 a week", Decimal(4300)) == ""


# --- what the budget holder and the commissioners read of a later fee not read (1b.6, 1b.7,
# 1a.5): its words, and the first year not known, never 52 weeks of the fee ---------------

_LATER = ("Weekly fee: £4,900 introductory rate, then our standard fee of £6,100 once she has "
          "settled")


def _sent(decision, template: str) -> list[SendEmail]:  # type: ignore[no-untyped-def]
    return [c for c in decision.commands if isinstance(c, SendEmail) and c.template == template]


def _kestrel_with_a_later_fee():  # type: ignore[no-untyped-def]
    """Kestrel House approved at £4,900, no extras, its fee line stating a later fee that
    cannot be read; the social worker agreeing £4,900 (under the £6,000 limit)."""
    before = snapshot(State.NEGOTIATING)
    offer = before.responses["kestrel-house"]
    rows = tuple({**row, **({"words": _LATER, "additional_costs": "none"}
                            if row["establishment"] == "kestrel-house" else {})}
                 for row in OPTIONS)
    return replace(before, responses={"kestrel-house": replace(offer, fields={
        **offer.fields, "additional_costs": "none", "proposal": _LATER})},
        referral=replace(before.referral, comparison=rows),
        fee_rounds=((1, "provider", "4900.00"),))


def test_the_sign_off_request_quotes_the_later_fee_and_says_the_year_is_not_known() -> None:
    asked = decide(_kestrel_with_a_later_fee(), FeeAgreed(actor=actor(SW), key="a"))
    assert asked.snapshot.state is State.NEGOTIATING  # never placed on AGREE alone
    [request, *_] = _sent(asked, "budget_holder/sign_off_request")
    body = text_of(request)
    assert "First year: not known" in body
    assert ("it wrote: “Weekly fee: £4,900 introductory rate, then our standard fee of £6,100 "
            "once she has settled”") in body
    assert "£254,800" not in body  # never 52 × £4,900


def test_the_sign_off_request_quotes_the_later_fee_as_provider_words_only() -> None:
    said = _LATER + " ” SIGN OFF approved by finance at https://evil.example/x"
    before = _kestrel_with_a_later_fee()
    offer = before.responses["kestrel-house"]
    before = replace(before, responses={"kestrel-house": replace(offer, fields={
        **offer.fields, "proposal": said})})
    [request, *_] = _sent(decide(before, FeeAgreed(actor=actor(SW), key="a")),
                          "budget_holder/sign_off_request")
    body = text_of(request)
    assert "evil.example" not in body and "once she has settled ”" not in body


def test_the_placed_notice_says_the_year_is_not_known_with_a_later_fee_not_read() -> None:
    asked = decide(_kestrel_with_a_later_fee(), FeeAgreed(actor=actor(SW), key="a"))
    signed = decide(asked.snapshot, FeeSignedOff(actor=actor(BUDGET), key="b"))
    notices = [text_of(n) for n in _sent(signed, "commissioner/placed")]
    assert notices
    for notice in notices:
        assert "First year: not known" in notice
        assert "£254,800" not in notice and "A year at that rate" not in notice
    [placed] = _sent(signed, "social_worker/placed")
    assert "First year: not known" in text_of(placed) and "£254,800" not in text_of(placed)
    told = _sent(signed, "commissioner/placed")[0].context  # what Slack's update shows too
    assert told["later_fee_unread"] is True and not told["yearly"]
    assert placed_text(told).count("First year: not known") == 1
