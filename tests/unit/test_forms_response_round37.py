"""Replies as round 37's outside tester wrote them: another of the provider's services copied
in to answer, a colleague's correction over a quoted offer, mail systems' banners, officers
writing in a second language, Welsh beside English."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import parsed_reply, reply_read_as_mail
from tests.growth import LINEAR, growth, repeated

_DEC2 = date(2026, 12, 2)  # a Wednesday
_DEC14 = date(2026, 12, 14)
_DEC21 = date(2026, 12, 21)


@pytest.mark.parametrize(("text", "reason"), [
    ("We can't do residential for her I'm afraid - Larch Hall is full - but our fostering "
     "service (Larch Family Placements) could take her; I've copied them in.", "no-vacancy"),
    ("Larch Hall can't meet her needs around the self-harm, but our sister fostering agency has "
     "a carer who could take her from 14/12 at £1,100 pw - I've copied Sian in.",
     "cannot-meet-needs"),
])
def test_another_of_the_providers_services_copied_in_is_not_this_homes_offer(
        text: str, reason: str) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason, parsed.weekly_fee) == ("decline", reason, None)


def test_our_fostering_service_offering_with_no_one_copied_in_is_an_offer() -> None:
    parsed = parsed_reply("Our fostering service could take her from 14/12 at £1,100 pw.",
                          on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee) == ("offer", Decimal(1100))


def test_a_colleagues_correction_over_a_quoted_offer_is_not_the_quoted_offer() -> None:
    body = ("Hi,\n\nSam's figures below are right, but the start would be Monday 21st not the "
            "14th.\n\nMegan\n\nFrom: Sam Reid <sam.reid@rosewood-lodge.example>\nSent: 02 December "
            "2026 09:14\nTo: Northby Council Placements <r+ab12cd@broker.example>\nSubject: RE: "
            "Referral REF-2026-000123\n\nHi,\n\nWe can offer from 14/12 at £4,900 pw.\n\n"
            "Sam Reid\n")
    parsed = reply_read_as_mail(body, on=_DEC2)
    assert parsed.available_from != _DEC14  # never the day the correction turns down


@pytest.mark.parametrize(("text", "answer"), [
    ("CAUTION: This email originated from outside of the organisation. Do not click links or "
     "open attachments unless you recognise the sender.\n\nFull.\n\nDana",
     ("decline", None, None)),
    ("we are having one vacancy from 21st December onwards. Rates will be £4,950 per week only.",
     ("offer", Decimal(4950), _DEC21)),
    ("The bed is available for the child from 14-12-2026. Charges: 4850 GBP p.w. Please confirm "
     "the placement from your end.", ("offer", Decimal(4850), _DEC14)),
    ("our manager has approved the placement. DOJ will be 14/12/2026 and weekly charges are "
     "£4,800.", ("offer", Decimal(4800), _DEC14)),
    ("We can offer from 14/12, cost 4.950,00 GBP for one week", ("offer", Decimal(4950), _DEC14)),
    ("Cynnig / Offer - £4,850 yr wythnos / per week, o 21/12 / from 21/12",
     ("offer", Decimal(4850), _DEC21)),
])
def test_round_37_offers_are_read(text: str, answer: tuple) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.weekly_fee, parsed.available_from) == answer


@pytest.mark.parametrize(("text", "reason"), [
    ("In our home are only boys now, so it is not good for her.", "matching"),
    ("unable to accommodate the young lady as her needs are beyond our scope of services",
     "cannot-meet-needs"),
    ("we must refuse - we have no free place to the end of January", "no-vacancy"),
    ("Agreed with Sam - declining for matching", "matching"),
    ("it's a decline I'm afraid, details in the Egress message", None),
    ("Mae'n ddrwg gennym, rydym yn gwrthod.", None),
    ("The bed is not available for the child.", "no-vacancy"),
])
def test_round_37_declines_are_read(text: str, reason: str | None) -> None:
    parsed = parsed_reply(text, on=_DEC2)
    assert (parsed.decision, parsed.decline_reason) == ("decline", reason)


@pytest.mark.parametrize("unit", ["CAUTION: outside ", "[EXTERNAL] ", "4.950,00 GBP ",
                                  "our fostering service could take her copied "])
def test_text_made_to_slow_the_round_37_rules_is_read_in_linear_time(unit: str) -> None:
    assert growth(repeated(unit), lambda text: parsed_reply(text, on=_DEC2), 5_000,
                  repeats=3) < LINEAR
