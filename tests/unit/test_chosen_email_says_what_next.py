"""The chosen home's email (provider/chosen): it gives the offered start with the fee, says
there is nothing to do now and what comes next, asks for no reply when none is needed, and
says the papers' "confirm your offer by …" no longer applies (ux49 U6)."""

from __future__ import annotations

from dataclasses import replace

from tests.provider_mail import rendered
from tests.snapshots import SW, actor, snapshot
from workflows.commands import SendEmail
from workflows.events import Chosen
from workflows.lifecycle import decide
from workflows.states import State


def _chosen_text(start: str | None) -> str:
    approved = snapshot(State.APPROVED)
    offer = approved.responses["kestrel-house"]
    fields = {**offer.fields, "weekly_fee": 4800, **({"available_from": start} if start else {})}
    approved = replace(approved, responses={"kestrel-house": replace(offer, fields=fields)})
    decision = decide(approved, Chosen(actor=actor(SW), key="c1", label="A"))
    [chosen] = [c for c in decision.commands if isinstance(c, SendEmail)
                and c.template == "provider/chosen"]
    return " ".join(rendered(chosen).get_body(("plain",)).get_content().split())


def test_the_chosen_email_gives_the_start_and_what_comes_next() -> None:
    text = _chosen_text("2026-12-14")
    assert "on your offer of £4,800 a week from Monday 14 December 2026, the fee subject to " \
        "agreement" in text
    assert "There is nothing you need to do now." in text
    assert "sent the placement agreement to sign, or email you a proposal of another fee" \
        in text
    assert "The papers email's request to confirm your offer by a date no longer applies" \
        in text
    assert "reply to this email to respond" not in text


def test_an_offer_without_its_start_says_no_start() -> None:
    text = _chosen_text(None)
    assert "on your offer of £4,800 a week, the fee subject to agreement" in text
