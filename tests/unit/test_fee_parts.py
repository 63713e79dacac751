"""A fee given in parts is kept, part by part, with the answer that asks for the whole fee,
and the fee answered completes it (broker/forms/fee_parts.py, rule fee-parts-completed)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from broker.forms.fee_parts import FeePart, left_over, parts_from_json, parts_to_json
from broker.forms.prose import prose_fee_parts
from broker.forms.response import ParsedResponse
from workflows.responses import _merged
from workflows.snapshot import ResponseRecord

_EDUCATION = (FeePart(Decimal("4900"), "£4900pw"),
              FeePart(Decimal("350"), "£350 pw education (on-site school)"))


@pytest.mark.parametrize(("prose", "parts"), [
    ("Offer. Fee £4900pw + £350 pw education (on-site school). From 14/12/2026.",
     [("4900", "£4900pw"), ("350", "£350 pw education (on-site school)")]),
    ("We can offer at £4,300 a week, plus education at £650 a week. Thanks",
     [("4300", "£4,300 a week"), ("650", "education at £650 a week")]),
    ("Yes: £4,200 pw care, £650 pw education.",
     [("4200", "£4,200 pw care"), ("650", "£650 pw education")]),
    ("Carer fee would be £650 pw, with our agency fee on top (£480 pw).",
     [("650", "£650 pw"), ("480", "our agency fee on top (£480 pw)")]),
    ("We can offer at £4,500 pw plus £260 a day education.",  # a day's rate is no week
     [("4500", "£4,500 pw"), (None, "£260 a day education")]),
])
def test_the_parts_of_a_fee_in_parts_are_each_amount_and_its_words(
        prose: str, parts: list[tuple[str | None, str]]) -> None:
    assert [(None if p.amount is None else f"{p.amount:f}".removesuffix(".00"), p.words)
            for p in prose_fee_parts(prose)] == parts


@pytest.mark.parametrize("prose", [
    "£4,300 a week, plus education at £650 a week, so £4,950 a week in total",  # a total
    "£4,250 pw, plus £300 pw for education if she attends our school",  # an extra
    "We can offer at £4,900 pw from Monday.",  # one fee
])
def test_a_fee_not_in_parts_has_none(prose: str) -> None:
    assert prose_fee_parts(prose) == ()


def test_a_fee_equal_to_one_part_leaves_the_others_as_words() -> None:
    assert left_over(_EDUCATION, Decimal("4900")) == "£350 pw education (on-site school)"
    assert left_over(_EDUCATION, Decimal("350")) == "£4900pw"


def test_a_fee_equal_to_the_sum_leaves_nothing_and_another_concludes_nothing() -> None:
    assert left_over(_EDUCATION, Decimal("5250")) == ""
    assert left_over(_EDUCATION, Decimal("5000")) is None
    by_the_day = (_EDUCATION[0], FeePart(None, "£260 a day education"))
    assert left_over(by_the_day, Decimal("4900")) == "£260 a day education"
    assert left_over(by_the_day, Decimal("6720")) is None  # a day's rate is never summed


def test_the_parts_are_stored_and_read_back() -> None:
    assert parts_from_json(parts_to_json(_EDUCATION)) == _EDUCATION
    assert parts_from_json(None) == () and parts_from_json([{"amount": "x", "words": "a"}]) == ()


def _asked(parts: tuple[FeePart, ...]) -> ResponseRecord:
    """An offer whose prose gave the fee in parts, stored with its fee asked."""
    return ResponseRecord("harbour-house", "offer", {}, {
        "decision": "offer", "service_name": "Harbour House", "weekly_fee": None,
        "additional_costs": None, "available_from": "2026-12-14",
        "fee_parts": parts_to_json(parts)}, ("weekly_fee",))


@pytest.mark.parametrize(("fee", "extra"), [
    ("4900", "£350 pw education (on-site school)"), ("5250", None), ("5000", None)])
def test_the_answer_to_the_fee_completes_the_parts(fee: str, extra: str | None) -> None:
    merged = _merged(_asked(_EDUCATION), {"weekly_fee": f"£{fee}"},
                     ParsedResponse(weekly_fee=Decimal(fee)))
    assert merged.get("additional_costs") == extra
    assert merged["weekly_fee"] == f"£{fee}" and merged["available_from"] == "14/12/2026"


def test_an_answer_with_its_own_costs_keeps_them() -> None:
    merged = _merged(_asked(_EDUCATION), {"weekly_fee": "£4900", "additional_costs": "None"},
                     ParsedResponse(weekly_fee=Decimal("4900"), additional_costs="None"))
    assert merged["additional_costs"] == "None"
