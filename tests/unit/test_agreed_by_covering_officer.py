"""An officer covering for the home's usual contact agrees for the home (round 62 n01): "Agreed
– Jo's off today so I'm confirming on behalf of Larch House" says who is agreeing, no term,
and whoever the home's registered addresses or domain prove speaks for it (README
"Permissions"); it had been held for the social worker as "probably agreeing". Anything more
on the line than who is agreeing still holds it (workflows/agreement_words.py `_COVERING`)."""

from __future__ import annotations

import pytest

from tests.unit.test_negotiation_replies_read import PROPOSAL_SUBJECT, _negotiating, _reply
from workflows.lifecycle import decide


def _waiting():  # type: ignore[no-untyped-def]
    return _negotiating(fee_rounds=((1, "provider", "4800.00"), (2, "authority", "3800.00")))


@pytest.mark.parametrize("body", [
    "Agreed – Jo's off today so I'm confirming on behalf of Kestrel House.",
    "Agreed - Jo is on leave this week, so I'm confirming for Kestrel House. Thanks",
    "Agreed, on behalf of the home.",
    "Agreed – thank you. I'm the Registered Manager, Jo is on leave.",  # r61 n08
    "Agreed – covering for Jo Price.\n\nKind regards\nPriya Shah\nDeputy Manager",
])
def test_an_officer_covering_for_the_contact_agrees_for_the_home(body: str) -> None:
    result = decide(_waiting(), _reply(body, PROPOSAL_SUBJECT))
    assert (result.answer.outcome, result.rule) == ("placed", "fee-agreed")


@pytest.mark.parametrize("body", [
    "Agreed – I'm confirming for now.",  # for a while: no name
    "Agreed on behalf of Kestrel House, subject to panel.",
    "Agreed in principle – I'm confirming on behalf of Kestrel House.",
    "Agreed – I'm confirming on behalf of Kestrel House?",
    "Agreed – Jo's off today so I'm confirming on behalf of Kestrel House, pending our manager.",
    "Agreed – I'm the manager, but panel must approve.",
    "Agreed – Jo is away, she will confirm on Monday.",
])
def test_more_than_who_is_agreeing_still_holds_it(body: str) -> None:
    result = decide(_waiting(), _reply(body, PROPOSAL_SUBJECT))
    assert result.answer.outcome != "placed"
