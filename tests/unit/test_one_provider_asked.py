"""A referral asking to go to one named provider only, or a move within one provider, is
held for the placements team, never broadcast to every eligible home (R32 X02; rule
`one-provider-asked`, workflows/review.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from broker.forms.one_provider import one_provider_ask, one_provider_asked
from tests.snapshots import SW, TEAM, actor, snapshot
from tests.unit.test_lifecycle import FORM
from workflows.events import BroadcastApproved, FormReceived
from workflows.lifecycle import decide
from workflows.states import State

_X02 = (
    "Hi,\n\nThis is a move within the same provider – from Larch House to Larch Care's "
    "solo home Larch View. Please send to Larch Care only, they have agreed in principle."
    "\n\nPlease find the referral below.\n"
)


@pytest.mark.parametrize(
    "text",
    [
        _X02,
        "Please send to Larch Care only.",
        "Please only send it to Oak Tree Care Ltd.",
        "Could you send this only to Brightwell Homes?",
        "Internal move within the same provider.",
        "Please do not send to other providers - Oakfield have agreed in principle.",
    ],
)
def test_a_sentence_asking_for_one_provider_is_found(text: str) -> None:
    assert one_provider_asked(text)


@pytest.mark.parametrize(
    "text",
    [
        "Please find the referral below.",
        "She wants to go to Birmingham only.",
        "Please send to all eligible providers.",
        "Only female carers please.",
    ],
)
def test_a_note_that_asks_no_such_thing_is_not_read_as_it(text: str) -> None:
    assert one_provider_asked(text) is None


# The re-check's everyday sentences (ver51 N2): a capital, a provider's word or a name the
# directory knows is what makes the one asked for a provider; none of these asks for one.
_EVERYDAY = [
    "Please only refer to her as Cee; she dislikes her full name.",
    "Staff should only refer to him by his chosen name, Alex.",
    "She should only be sent to homes with female staff.",
    "Please send to providers with a solo bed only.",
    "Please refer to Ofsted-registered homes only.",
    "Please send it only to homes within an hour of SE15.",
    "Just send to homes that can take her this week.",
    "Police have asked that we do not send to other providers in Northby.",
    "Letters should be sent to her nan only, not to mum.",
    "Please send it only to Northby; she wants to stay near school.",
    "Reports should be sent to Mum only.",
]


@pytest.mark.parametrize("text", _EVERYDAY)
def test_an_everyday_sentence_with_only_in_it_asks_for_no_provider(text: str) -> None:
    assert one_provider_asked(text, ["Oakfield Care Group", "Oakfield House"]) is None


@pytest.mark.parametrize(
    "text",
    [
        "Please send it only to Oakfield.",
        "Please only send this to Bramblewood.",
        "Please forward it only to Bramblewood.",
    ],
)
def test_a_provider_the_directory_knows_needs_no_provider_word(text: str) -> None:
    assert one_provider_asked(text, ["Oakfield Care Group", "Bramblewood Fostering"])
    assert one_provider_asked(text) is None


def test_an_everyday_sentence_in_a_referral_lets_it_go_out() -> None:
    form = replace(FORM, text=" ".join(_EVERYDAY) + "\n" + FORM.text)
    sent = decide(snapshot(State.NEW), FormReceived(actor=actor(SW), key="k", form=form))
    assert sent.snapshot.state == State.OPEN


def test_a_home_the_directory_knows_holds_the_referral() -> None:
    form = replace(FORM, text="Please only send this to Oakfield.\n" + FORM.text)
    held = decide(snapshot(State.NEW), FormReceived(actor=actor(SW), key="k", form=form))
    assert held.snapshot.state == State.HELD and "one-provider-asked" in held.rule


def _templates(decision) -> set[str]:  # type: ignore[no-untyped-def]
    return {c.template for c in decision.commands if hasattr(c, "template")}


def test_a_referral_for_one_provider_only_is_held_and_only_the_team_may_send_it() -> None:
    form = replace(FORM, text=_X02 + FORM.text)
    held = decide(snapshot(State.NEW), FormReceived(actor=actor(SW), key="k", form=form))
    assert held.snapshot.state == State.HELD and "one-provider-asked" in held.rule
    assert "provider/referral" not in _templates(held)
    told = next(c for c in held.commands if getattr(c, "template", "") == "social_worker/held")
    assert any(
        "go to Larch Care only" in reason and "move within the same provider" in reason
        for reason in told.context["reasons"]
    )
    assert told.context["team_only"]
    by_sam = decide(held.snapshot, BroadcastApproved(actor=actor(SW), key="s"))
    assert by_sam.snapshot.state == State.HELD and not by_sam.answer.accepted
    by_team = decide(held.snapshot, BroadcastApproved(actor=actor(TEAM), key="t"))
    assert by_team.snapshot.state == State.OPEN


def test_the_same_form_with_no_such_sentence_goes_out() -> None:
    sent = decide(snapshot(State.NEW), FormReceived(actor=actor(SW), key="k", form=FORM))
    assert sent.snapshot.state == State.OPEN


@pytest.mark.parametrize(
    "text",
    [
        "Please send to Fast-Care.Co only.",
        "Please send it only to Pay.Northby-Care.Example",
        "Please send to Care-07700-900123 only.",
    ],
)
def test_a_web_address_or_a_number_is_never_named_as_the_provider(text: str) -> None:
    """Review 43: the held emails and their reminder tell the placements team to "contact
    <provider> directly and send them the anonymised referral": a forged referral named a
    host name of its own there. The ask still holds the referral; no provider is named."""
    ask = one_provider_ask(text)
    assert ask is not None and ask[1] == ""
    assert one_provider_ask("Please send to Larch Care Ltd. only")  # a real name still is
