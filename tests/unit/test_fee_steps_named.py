"""A step is the fee's only when its words name the fee, and a later fee is read correctly
or flagged, never priced from a misread (attacker review 38 F1, F2; rules later-fee-named,
later-fee-flagged). Expected figures are worked by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from email import message_from_bytes, policy

from broker.comparison import ResponseIn, compare
from broker.forms.fee_steps import fee_steps
from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import OPTIONS, SW, actor, snapshot
from tests.unit.test_fee_steps_everywhere import _Directory  # no ratings, no arrangement
from workflows.events import FeeAgreed
from workflows.lifecycle import decide
from workflows.option_costs import option_costs
from workflows.placement import options
from workflows.signoff import approval_covers
from workflows.states import State
from workflows.window import price_basis
from workflows.year_cost import first_year_price, later_fees, year_of

FEE = Decimal(4600)


def test_an_extras_own_steps_in_the_additional_costs_are_never_the_fee() -> None:
    for extra in ("2:1 staffing £1,400 pw for the first 8 weeks, then £700 pw",
                  "Escort to school £80 a week from week 3",
                  "Education £350 pw after the first 4 weeks",
                  "Education fee £350 pw after the first 4 weeks",
                  "£350 pw after the first 4 weeks"):
        steps, rest = later_fees(FEE, extra)
        assert steps.steps == () and steps.unread == (), extra
        assert rest == extra, extra  # still the additional costs


def test_an_extra_with_its_own_steps_is_priced_as_an_extra_not_as_the_fee() -> None:
    extra = "2:1 staffing £1,400 pw for the first 8 weeks, then £700 pw"
    # never £1,400 for weeks 1-8 then £700 (£42,000): the fee £4,600 stands, with the
    # extra on top; its weeks cannot be told apart, so it is counted all year:
    # 52 × (£4,600 + £1,400) = £312,000
    assert first_year_price({"weekly_fee": "4600", "additional_costs": extra}) == 312000
    line = approval_covers(FEE, Decimal(1400), extra)
    assert "up to £6,000 a week with the additional costs" in line
    assert "£1,400 a week for weeks 1" not in line


def test_a_rise_of_the_fee_among_the_additional_costs_is_still_the_fees() -> None:
    steps, rest = later_fees(Decimal(4300), "one-off setup fee £1,500; from week 9 our fee "
                             "rises to £6,900")
    assert steps.steps == ((9, Decimal(6900)),)
    assert rest == "one-off setup fee £1,500"


def test_a_first_figure_that_is_not_the_fee_is_asked_not_used_in_its_place() -> None:
    said = "Our fee is £4,600 for the first 8 weeks, then £6,900."
    read = fee_steps(Decimal(4300), said)
    assert read.steps == ()
    assert read.unread == (said,)


def test_a_later_fee_however_its_pounds_are_written_is_read() -> None:
    for said in ("Introductory rate: from week 9 our fee rises to £6.9k a week.",
                 "Introductory rate: from week 9 our fee rises to £6 900 a week.",
                 "Introductory rate: from week 9 our fee rises to 6,900 GBP a week.",
                 "Weeks 1-8: £4,300. Weeks 9-52: £6,900."):
        read = fee_steps(Decimal(4300), said)
        assert read.steps == ((9, Decimal(6900)),), said
        assert read.unread == (), said


def test_a_week_range_table_is_the_fees_only_from_the_fees_own_figure() -> None:
    read = fee_steps(Decimal(4300), "Weeks 1-8: £4,600. Weeks 9-52: £6,900.")
    assert read.steps == ()
    assert len(read.unread) == 2  # asked, not priced


def test_a_step_under_a_plausible_weekly_fee_is_a_misread_and_flagged() -> None:
    said = "From week 9 our fee rises to £6 a week."
    read = fee_steps(Decimal(4300), said)
    assert read.steps == ()
    assert read.unread == (said,)


def test_a_figure_the_reading_leaves_unaccounted_for_flags_the_sentence() -> None:
    # "£6,900 … from week 9" is read, but "£7,400" is not: the sentence is asked
    said = "From week 9 our fee rises to £6,900 a week and to £7,400 from week 20."
    read = fee_steps(Decimal(4300), said)
    assert read.steps == ()
    assert read.unread == (said,)


UNREAD = "From the thirteenth week our fee rises to £6,900 a week."


def test_an_unread_later_fee_leaves_the_first_year_unknown() -> None:
    assert year_of(Decimal(4300), "none", UNREAD).first_year is None
    assert first_year_price({"weekly_fee": "4300", "proposal": UNREAD}) is None
    costs = option_costs("4300", "none", "5200", UNREAD)
    assert costs.first_year.startswith("⚠️ not known")
    assert "£223,600" not in costs.first_year  # never 52 × £4,300


def test_approval_covers_names_the_unread_later_fee_as_not_covered() -> None:
    line = approval_covers(Decimal(4300), Decimal(0), "none", UNREAD)
    assert "not the later fee stated in the reply" in line
    assert "£223,600" not in line  # no year at the first fee


def test_an_option_with_an_unread_later_fee_is_ranked_after_the_priced_ones() -> None:
    unread = ResponseIn("kestrel-house", {"decision": "offer", "weekly_fee": "4300",
                                          "additional_costs": "none", "proposal": UNREAD})
    dear = ResponseIn("larch-house", {"decision": "offer", "weekly_fee": "5900",
                                      "additional_costs": "none"})
    ranked = compare([unread, dear], _Directory(), None, 2, first_year_price)
    assert [row.establishment for row in ranked.rows] == ["larch-house", "kestrel-house"]
    assert "B is not scored on price and ranked after the priced options" in price_basis(
        ranked.rows)


def _kestrel(proposal: str):  # type: ignore[no-untyped-def]
    """Kestrel House approved at £4,900 with no extras and shown `proposal`, the social
    worker agreeing £4,900 (the authority's sign-off limit is £6,000)."""
    before = snapshot(State.NEGOTIATING)
    offer = before.responses["kestrel-house"]
    rows = tuple({**row, **({"words": proposal, "additional_costs": "none"}
                            if row["establishment"] == "kestrel-house" else {})}
                 for row in OPTIONS)
    return replace(before, responses={"kestrel-house": replace(offer, fields={
        **offer.fields, "additional_costs": "none", "proposal": proposal})},
        referral=replace(before.referral, comparison=rows),
        fee_rounds=((1, "provider", "4900.00"),))


def _sign_off_asked(decision) -> bool:  # type: ignore[no-untyped-def]
    return any(getattr(c, "template", "") == "budget_holder/sign_off_request"
               for c in decision.commands)


def test_agree_on_an_offer_with_an_unread_later_fee_waits_for_sign_off() -> None:
    before = _kestrel(UNREAD)  # the same words approved and now: nothing has "risen"
    assert next(o for o in options(before) if o.establishment == "kestrel-house")
    decision = decide(before, FeeAgreed(actor=actor(SW), key="a"))
    assert decision.snapshot.state is State.NEGOTIATING
    assert _sign_off_asked(decision)
    event = next(c for c in decision.commands if getattr(c, "kind", "") == "sign-off-requested")
    assert "later-fee" in event.data["reasons"]
    [request] = [c for c in decision.commands
                 if getattr(c, "template", "") == "budget_holder/sign_off_request"][:1]
    raw = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                        secret=b"test-secret").render(request, datetime(2026, 11, 25, 9,
                                                                        tzinfo=UTC)).raw
    body = message_from_bytes(raw, policy=policy.default).get_body(("plain",)).get_content()
    assert "states a later fee that could not be read" in " ".join(str(body).split())


def test_agree_on_an_offer_whose_later_fee_is_over_the_limit_waits_for_sign_off() -> None:
    # £4,900 then £6,900 from week 9, approved as such: over the £6,000 limit from week 9
    before = _kestrel("Introductory rate: from week 9 our fee rises to £6.9k a week.")
    decision = decide(before, FeeAgreed(actor=actor(SW), key="a"))
    assert decision.snapshot.state is State.NEGOTIATING
    assert _sign_off_asked(decision)
    event = next(c for c in decision.commands if getattr(c, "kind", "") == "sign-off-requested")
    assert "limit" in event.data["reasons"]


def test_agree_on_an_offer_with_a_read_later_fee_under_the_limit_is_placed() -> None:
    # approved as it stood, under the limit in every week: no sign-off
    before = _kestrel("Introductory rate: from week 9 our fee rises to £5,500 a week.")
    decision = decide(before, FeeAgreed(actor=actor(SW), key="a"))
    assert not _sign_off_asked(decision)
    assert decision.snapshot.state is State.PLACED
