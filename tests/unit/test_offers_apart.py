"""Rules `other-home-offer-passed-on` and `offer-for-some-children` (replies round 64 h01, h02,
g05): a place offered at the provider's other home, and an offer for some of a sibling group's
children only, reach the people who decide; neither is recorded as this home's whole answer."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from email import message_from_bytes
from email.policy import default
from typing import Any

import pytest

from broker.forms.extract import fields_from_text
from broker.forms.some_children import for_some_children_only
from channels.email.render import TEMPLATES, EmailRenderer
from tests.snapshots import KESTREL, PROFILE, RESPONSE_SPEC, SW, TEAM, actor, snapshot
from workflows.commands import RecordEvent, SendEmail
from workflows.events import Reply, ReplyReceived
from workflows.lifecycle import decide
from workflows.responses import question_digest
from workflows.snapshot import Recipient
from workflows.states import State

HARBOUR = "referrals@harbourlightscare.example"
H01 = ("Harbour House is full I'm afraid, but our other home Harbour Mews has a bed: £5,100 pw "
       "from 14/12/2026.")
H02 = ("We could offer at either of our homes: Harbour House from 04/01/2027 at £4,900 pw, or "
       "Harbour Mews from 14/12/2026 at £5,100 pw – let us know which suits.")
G05 = ("We could offer the older girl a place from 14/12/2026 at £3,100 pw, but we can't take "
       "her younger brother.")


def _reply(text: str, sender: str, key: str, n: int = 1) -> ReplyReceived:
    reply = Reply(sender=sender, subject="Re: referral", message_id=f"<o{n}@example>",
                  fields=dict(fields_from_text(text, RESPONSE_SPEC).values), body_text=text,
                  sent_on=date(2026, 12, 7))
    return ReplyReceived(actor=actor(sender), key=f"in:{n}", establishment=key, reply=reply)


def _decide(text: str, sender: str = HARBOUR, key: str = "harbour-house",
            **changes: Any) -> tuple[Any, dict[str, SendEmail], list[Any]]:
    decision = decide(replace(snapshot(State.OPEN), **changes), _reply(text, sender, key))
    emails = {c.template: c for c in decision.commands if isinstance(c, SendEmail)}
    return decision, emails, list(decision.commands)


def _text(email: SendEmail) -> str:
    rendered = EmailRenderer("broker.localhost", "r@broker.localhost", [TEMPLATES],
                             secret=b"test-secret").render(email, datetime(2026, 12, 7, tzinfo=UTC))
    body = message_from_bytes(rendered.raw, policy=default).get_body(("plain",))
    return " ".join(f"{rendered.subject}\n{body.get_content()}".split())


def test_a_sister_homes_bed_not_sent_the_referral_goes_to_the_team_alone() -> None:
    decision, emails, commands = _decide(H01)
    assert decision.snapshot.responses["harbour-house"].decision == "decline"
    team = emails["placements_team/offer_apart"]
    assert team.to == TEAM and "£5,100" in team.context["words"]
    assert "social_worker/offer_apart" not in emails  # Harbour Mews was not sent it
    said = _text(team)
    assert "Harbour Mews was not sent this referral. The service will not send it there" in said
    ack = _text(emails["provider/response_ack"])
    assert "What it says of Harbour Mews has been passed, in your words, to the placements " \
           "team" in ack and "Harbour Mews was not sent this referral" in ack
    [record] = [c for c in commands if isinstance(c, RecordEvent)
                and c.kind == "words-passed-on"]
    assert record.data["why"] == "other_home"


def test_a_sister_home_sent_the_referral_is_told_to_the_social_worker_too() -> None:
    sent = {**snapshot(State.OPEN).recipients, "harbour-mews": Recipient(
        "harbour-mews", "Harbour Mews", HARBOUR, "south-london-residential")}
    decision, emails, _ = _decide(H02, recipients=sent)
    stored = decision.snapshot.responses["harbour-house"]
    assert (stored.decision, stored.fields["weekly_fee"]) == ("offer", 4900)
    assert emails["social_worker/offer_apart"].to == SW
    assert "£5,100" in _text(emails["social_worker/offer_apart"])
    assert emails["placements_team/offer_apart"].to == TEAM
    assert "the placements team and the social worker" in _text(
        emails["provider/response_ack"])


def test_the_same_words_are_not_passed_on_twice() -> None:
    before = frozenset({question_digest(f"other homes: {H01}")})
    _, emails, _ = _decide(H01, questions_before=before)
    assert "placements_team/offer_apart" not in emails


def test_another_home_that_only_says_no_passes_nothing_on() -> None:
    text = "Harbour House: offer at £4,900 pw from 14/12/2026\nHarbour Mews: full"
    decision, emails, _ = _decide(text)
    assert decision.snapshot.responses["harbour-house"].decision == "offer"
    assert not any(t.endswith("offer_apart") for t in emails)


def _siblings(n: int) -> Any:
    base = snapshot(State.OPEN)
    anonymised = {**base.referral.anonymised, "profile": {**PROFILE, "siblings": n}}
    return replace(base.referral, anonymised=anonymised)


def test_an_offer_for_one_of_two_siblings_is_interest_flagged_and_passed_on() -> None:
    decision, emails, _ = _decide(G05, KESTREL, "kestrel-house", referral=_siblings(2))
    stored = decision.snapshot.responses["kestrel-house"]
    assert stored.decision == "interested"
    assert stored.fields["weekly_fee"] is None and stored.fields["available_from"] is None
    assert stored.fields["proposal"].startswith("Offers for some of the children only: ")
    assert "older girl" in stored.fields["proposal"]
    assert emails["social_worker/offer_apart"].to == SW
    assert emails["placements_team/offer_apart"].to == TEAM
    assert "offers for some of the children only" in _text(emails["social_worker/offer_apart"])
    assert "not as an offer for the group" in _text(emails["provider/response_ack"])


def test_for_one_child_the_same_words_are_no_partial_offer() -> None:
    decision, emails, _ = _decide(G05, KESTREL, "kestrel-house", referral=_siblings(1))
    assert decision.snapshot.responses["kestrel-house"].decision != "interested"
    assert not any(t.endswith("offer_apart") for t in emails)


@pytest.mark.parametrize("text", [
    G05,
    "We can only take one of them at the moment – £3,200 pw from Monday.",
    "We could take the girl but not her brother.",
    "Happy to offer for the younger boy, but we couldn't take his sister.",
])
def test_offers_for_some_of_the_children(text: str) -> None:
    assert for_some_children_only(text, 2)


@pytest.mark.parametrize("text", [
    "We can offer both children a place from 14/12/2026 at £3,100 per child per week.",
    "Sorry, we can't take the older girl or her brother.",
    "Offer for Ellie and her brother: £6,200 per week for both.",
])
def test_whole_answers_for_the_group(text: str) -> None:
    assert not for_some_children_only(text, 2)
