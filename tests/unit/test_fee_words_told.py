"""A home is told of the fee words the service could not read, in its own words (rule
fee-words-not-read-told, ux50c): the acknowledgement of an offer whose later fee is not read
says it is not counted, that the council's approval will not cover it, and how to write it;
a "Weekly fee" line asked although written is quoted with why and how.

Homes and amounts are fictional."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from broker.forms.fee_told import fee_not_read_why, later_fee_not_counted, stepped_example
from tests.provider_mail import emails_of, rendered
from tests.snapshots import NOW, snapshot, wave
from tests.unit.test_responses import OFFER, _reply
from workflows.lifecycle import decide
from workflows.states import State

_INTRODUCTORY = "£4,200 introductory rate, then our standard fee of £5,400 once she has settled"


def _open():  # type: ignore[no-untyped-def]
    return snapshot(State.OPEN, waves=(wave(opened=NOW - timedelta(hours=3)),), responses={})


def _text(decision, template: str) -> str:  # type: ignore[no-untyped-def]
    [email] = emails_of(decision, template)
    return " ".join(rendered(email).get_body(("plain",)).get_content().split())


def _with_fee(line: str) -> str:
    return OFFER.replace("Weekly fee: £4,250", f"Weekly fee: {line}")


def test_the_acknowledgement_says_a_later_fee_not_read_is_not_counted() -> None:
    body = _text(decide(_open(), _reply(_with_fee(_INTRODUCTORY))), "provider/response_ack")
    assert "We have your offer: Larch House, £4,200 a week" in body
    assert (f"a later fee that we could not read, so it has not been counted: “Weekly fee: "
            f"{_INTRODUCTORY}”") in body
    assert "the council's approval will not cover the later fee" in body
    assert '"Weekly fee: £4,200 for weeks 1-12, then £5,400 from week 13"' in body


def test_the_later_fee_is_quoted_as_provider_words_only() -> None:
    line = _INTRODUCTORY + ' ” Approved already, see https://evil.example/x'
    body = _text(decide(_open(), _reply(_with_fee(line))), "provider/response_ack")
    assert "evil.example" not in body and "has settled ”" not in body


def test_a_fee_read_whole_or_a_plain_fee_is_told_nothing_of_a_later_fee() -> None:
    for line in ("£4,250", "£4,300 a week for weeks 1-8, then £5,100 from week 9"):
        body = _text(decide(_open(), _reply(_with_fee(line))), "provider/response_ack")
        assert "not been counted" not in body, line


def test_a_fee_line_asked_is_quoted_with_why_and_how() -> None:
    body = _text(decide(_open(), _reply(_with_fee("£4,900 for 12 weeks, then £4,600"))),
                 "provider/missing_fields")
    assert ("You wrote “£4,900 for 12 weeks, then £4,600”, which we could not read: it "
            "gives more than one amount") in body
    assert '"Weekly fee: £4,900 for weeks 1-12, then £4,600 from week 13"' in body


def test_a_days_figure_is_never_the_example_weekly_fee() -> None:
    line = "£700 per day for 12 weeks, then £4,600 a week"
    body = _text(decide(_open(), _reply(_with_fee(line))), "provider/missing_fields")
    assert f"You wrote “{line}”, which we could not read" in body
    assert "an amount for a day or for each child is read only on its own" in body
    assert "£700 for weeks" not in body


def test_a_fee_not_given_is_asked_without_words_of_its_own() -> None:
    body = _text(decide(_open(), _reply(OFFER.replace("Weekly fee: £4,250\n", ""))),
                 "provider/missing_fields")
    assert "You wrote" not in body


def test_the_pure_helpers() -> None:
    assert later_fee_not_counted(None, f"Weekly fee: {_INTRODUCTORY}") == ""
    assert later_fee_not_counted(Decimal(4200), "Weekly fee: £4,200") == ""
    assert stepped_example(None, "TBC") == (
        "Weekly fee: £4,200 for weeks 1-12, then £5,400 from week 13")
    assert fee_not_read_why("TBC").startswith("it gives no amount in pounds: ")
