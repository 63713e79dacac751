"""Terms typed under a sign-off are the home's words, never its signature (round 61).

A line under "Kind regards" or a name that says the fee, the start or a cost ("Please note our
fee from 14/12 will be £5,100 pw", "NB our fee goes up to £4,700 from January", rule
`fee-terms-signed-below`), or a labelled line with a money amount under the writer's name
("Service: Residential (£5,200 pw)", broker/forms/footers.py), is read and passed on; a
confirmation or an "Agreed" with one is no bare confirmation or agreement. A banner's price
"from" ("Fees from £4,600pw") and a job title's tagline ("Registered Manager – proud to
support young people") are still the signature's."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from broker.forms.footers import without_a_footer
from broker.forms.signed_below import says_fee_terms
from tests.factories import reply_read_as_mail
from tests.snapshots import KESTREL, SW, actor, snapshot
from workflows.confirmed import confirms
from workflows.events import FeeProposed, Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.passed_on import own_words
from workflows.snapshot import ResponseRecord
from workflows.states import State

DEC7 = date(2026, 12, 7)
SIGNED = "\n\nKind regards\nJo Price\nRegistered Manager\n"
SERVICE = "Confirmed – we can still offer from 14/12.\n\nThanks\nJo Price\nService: Residential " \
          "(£5,200 pw)"


@pytest.mark.parametrize(("line", "terms"), [
    ("Please note our fee from 14/12 will be £5,100 pw", True),
    ("NB our fee goes up to £4,700 from January", True),
    ("Our rates rise from 01/04/2027", True),
    ("Fees from £4,600pw", False),  # a banner's price
    ("Next vacancy: 21/12/2026 | Fees from £4,600pw", False),
    ("Registered Manager", False),
    ("Tel: 01632 960 123", False),
])
def test_what_says_fee_terms(line: str, terms: bool) -> None:
    assert says_fee_terms(line) is terms


def test_a_money_line_labelled_under_the_name_is_no_banner() -> None:
    """c01: the 'Service:' line under the name was cut as a banner before any reader saw it."""
    assert without_a_footer(SERVICE) == SERVICE
    assert "£5,200 pw" in own_words(SERVICE)
    parsed = reply_read_as_mail("Yes we can offer from 14/12/2026.\n\nThanks\nJo Price\n"
                                "Service: Residential (£4,900 pw)", on=DEC7)
    assert (parsed.decision, str(parsed.weekly_fee)) == ("offer", "4900.00")


def test_a_banners_price_from_is_still_cut() -> None:
    banner = "Interested.\n\nRachel Amadi\nDeputy Manager\nNext vacancy: 21/12/2026 | Fees from " \
             "£4,600pw"
    assert without_a_footer(banner) == "Interested.\n\nRachel Amadi\nDeputy Manager"
    assert own_words(banner.replace("\n\n", "\n\nKind regards\n")) == "Interested."


@pytest.mark.parametrize("line", ["Please note our fee from 14/12 will be £5,100 pw",
                                  "NB our fee goes up to £4,700 from January"])
def test_fee_terms_under_kind_regards_are_the_homes_words(line: str) -> None:
    text = "Confirmed, still offering." + SIGNED + line
    assert line in own_words(text)
    assert not confirms(text, "2026-12-14", 4900)


def test_fee_terms_under_kind_regards_are_read() -> None:
    parsed = reply_read_as_mail("Confirmed, still offering." + SIGNED
                                + "Please note our fee from 14/12 will be £5,100 pw", on=DEC7)
    assert str(parsed.weekly_fee) == "5100.00"


def test_a_job_titles_tagline_is_the_signatures() -> None:
    """c05: the tagline kept the signature in the home's words, so the confirmation was
    neither confirmed nor passed on."""
    text = "Yes still offering. Our fee is £4,900 per week as before.\n\nThanks\nJo Price\n" \
           "Registered Manager – proud to support young people"
    assert own_words(text) == "Yes still offering. Our fee is £4,900 per week as before."
    assert confirms(text, "2026-12-14", 4900)
    # a start or a condition after the dash is no tagline
    for said in ("from 21/12 only", "subject to panel"):
        assert said in own_words("Yes.\n\nThanks\nJo Price\nRegistered Manager – " + said)


def _proposed():  # type: ignore[no-untyped-def]
    offer = ResponseRecord("kestrel-house", "offer", {}, {
        "weekly_fee": 4800, "service_name": "Kestrel House", "available_from": "2026-12-14"})
    negotiating = replace(snapshot(State.NEGOTIATING), responses={"kestrel-house": offer})
    return decide(negotiating, FeeProposed(actor=actor(SW), fee=Decimal("4500"))).snapshot


def _answer(body: str):  # type: ignore[no-untyped-def]
    reply = Reply(KESTREL, "RE: Kestrel House | REF-2026-000001", "<a1@kestrel.example>", {},
                  body, DEC7)
    return decide(_proposed(), ReplyReceived(actor=actor(KESTREL), key="fl-1",
                                             establishment="kestrel-house", reply=reply))


def test_agreed_with_a_fee_rise_below_is_held_not_placed() -> None:
    """n10: "Agreed – thank you." over a signature ending "NB our fee goes up to £4,700 from
    January" placed the child at £4,500, the rise reaching nobody (the reader keeps the line,
    but "Agreed" on the first line was taken alone)."""
    held = _answer("Agreed - thank you.\n\n\nNB our fee goes up to £4,700 from January")
    assert held.rule == "chosen-reply-unread"
    assert held.snapshot.state == State.NEGOTIATING


def test_agreed_restating_the_proposed_fee_below_still_places() -> None:
    assert _answer("Agreed – thank you.\n\nOur fee is £4,500 as agreed.").rule == "fee-agreed"


def test_agreed_over_a_service_line_with_the_fee_on_record_still_places() -> None:
    """n09: the signature's "Service: Residential (£4,800 pw)", the offer's fee, is no term
    (the text as the email reader gives it, its dash a hyphen)."""
    assert _answer("Agreed - thank you.\n\nThanks\nJo Price\nService: Residential (£4,800 pw)"
                   ).rule == "fee-agreed"
    assert _answer("Agreed - thank you.\n\nThanks\nJo Price\nService: Residential (£5,200 pw)"
                   ).rule == "chosen-reply-unread"
