"""An email asking to extend a child's current placement, with no referral form (round R32's
X03): the social worker is told that the service finds new placements and that her
placements team arranges extensions, and that team is sent the request. It used to get a
blank referral form, and the team never heard of it. The people and homes are fictional."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from tests.adapters.worker import header, make_worker, text_of
from tests.factories import REFERRER

TEAM = "placements@northby.gov.example"


@pytest.fixture
async def worker(tmp_path: Path, sqlite_url: str):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, sqlite_url)
    yield made
    await made.db.dispose()


def _email(subject: str, body: str, sender: str = REFERRER) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"] = sender, "referrals@broker.localhost"
    message["Subject"], message["Message-ID"] = subject, "<ext-1@northby.gov.example>"
    message.set_content(body)
    return message


async def test_a_request_to_extend_a_placement_goes_to_the_placements_team(worker: Any) -> None:
    inbound = await worker.receive(_email(
        "Placement extension request",
        "Hi,\n\nPlease can we extend the current placement at Meadow View by 12 weeks from "
        "14/12/2026? The provider agrees and the fee is unchanged at \u00a34,650 a week.\n\n"
        "Sam Taylor\nSocial worker"))
    assert inbound.outcome == "extension-asked"
    [told] = await worker.outbox(to=REFERRER)
    assert told.kind == "social_worker/extension_asked"
    said = " ".join(text_of(told).split())
    assert "finds new placements" in said and TEAM in said
    assert "Child's name:" not in said  # no blank form
    [team] = await worker.outbox(to=TEAM)
    assert team.kind == "placements_team/extension_asked"
    to_team = " ".join(text_of(team).split())
    assert REFERRER in to_team and "extend the current placement at Meadow View" in to_team
    assert not await worker.referrals()
    assert not await worker.outbox(kind="provider/referral")


async def test_mail_with_no_form_that_asks_nothing_of_the_kind_still_gets_a_blank_form(
        worker: Any) -> None:
    inbound = await worker.receive(_email("A new placement", "Hi, we need a placement for a "
                                          "boy of 12 from next week. Can you help?"))
    assert inbound.outcome == "no-form"
    assert [row.kind for row in await worker.outbox()] == ["social_worker/no_form"]


async def test_a_forged_request_carries_no_link_address_or_number_to_anyone(worker: Any) -> None:
    """Review 42: anyone can write a From at a council's domain; the sentence and subject of
    such an email were quoted, links and numbers included, to that address and to the team
    in the service's own email."""
    inbound = await worker.receive(_email(
        "Placement extension: pay at https://northby-pay.example/x",
        "Please can we extend the current placement at Meadow View, confirm at "
        "https://northby-pay.example/confirm or finance@northby-pay.example or on "
        "07700 900123 today.", sender="jo.bloggs@northby.gov.example"))
    assert inbound.outcome == "extension-asked"
    sent = await worker.outbox()
    assert {row.kind for row in sent} == {"social_worker/extension_asked",
                                          "placements_team/extension_asked"}
    for row in sent:
        said = header(row, "Subject") + text_of(row)
        assert "extend the current placement at Meadow View" in said or \
            row.kind.startswith("social_worker")
        for payload in ("northby-pay", "07700", "https://"):
            assert payload not in said, (row.kind, payload)
