"""Commissioners approving by email hear back: each approval is acknowledged with what was
approved and how many more are needed, and every commissioner asked is told the outcome
(here, approved), rendered through the real worker."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any

import pytest

from tests.adapters.worker import closed_with_offers, header, make_worker, text_of
from tests.factories import REFERRER, referral_email
from workflows.desk import PlacementDesk

ALEX, RUTH = "alex.morgan@northby.gov.example", "ruth.adeyemi@northby.gov.example"


def _approve(commissioner: str, reference: str, request: Any) -> EmailMessage:
    reply = EmailMessage()
    reply["From"], reply["To"] = commissioner, "referrals@broker.localhost"
    reply["Subject"] = f"RE: {header(request, 'Subject')}"
    reply["Message-ID"] = make_msgid(domain="northby.gov.example")
    reply["In-Reply-To"] = reply["References"] = header(request, "Message-ID")
    reply.set_content(f"APPROVE {reference}\n")
    return reply


async def _shortlisted(worker: Any) -> str:
    """The sample referral closed with three offers, A and B shortlisted: its reference."""
    referral = await closed_with_offers(worker, homes=3)
    assert (await PlacementDesk(worker.engine).submit_shortlist(
        referral.id or 0, REFERRER, ["A", "B"], "Mum agrees.", "", "", "in hospital")
    ).accepted
    return referral.reference or ""


async def test_emailed_approvals_are_acknowledged_and_the_outcome_told_to_all(
        tmp_path: Path, database_url: str) -> None:
    worker = await make_worker(tmp_path, database_url)  # Slack off: requests go by email
    try:
        reference = await _shortlisted(worker)
        requests = await worker.outbox(kind="commissioner/approval_request")
        asked = {r.to_addr for r in requests}
        [alex] = [r for r in requests if r.to_addr == ALEX]
        await worker.receive(_approve(ALEX, reference, alex), mail_from=ALEX)
        [ack] = await worker.outbox(kind="commissioner/approval_recorded")
        assert ack.to_addr == ALEX
        assert "shortlist A, B (round 1)" in text_of(ack) and "1 of 2" in text_of(ack)
        assert await worker.outbox(kind="commissioner/approval_outcome") == []

        [ruth] = [r for r in requests if r.to_addr == RUTH]
        await worker.receive(_approve(RUTH, reference, ruth), mail_from=RUTH)
        told = await worker.outbox(kind="commissioner/approval_outcome")
        assert {r.to_addr for r in told} == asked and len(asked) >= 2
        assert all("approved" in header(r, "Subject") and "papers have gone" in text_of(r)
                   for r in told)
    finally:
        await worker.db.dispose()


async def test_a_replacement_says_what_changed_and_the_undecided_are_reminded(
        tmp_path: Path, database_url: str) -> None:
    """A replacement request read word for word as the first; a request lapsed quietly.
    Now the new request names the one it replaces and what changed, the commissioner yet to
    decide is reminded before it lapses, and the lapse is told to the placements team."""
    worker = await make_worker(tmp_path, database_url)
    try:
        referral = await closed_with_offers(worker, homes=3)
        reference, desk = referral.reference or "", PlacementDesk(worker.engine)
        for labels in (["A", "B"], ["A", "C"]):
            if labels == ["A", "C"]:
                [first] = await worker.outbox(kind="commissioner/approval_request", to=ALEX)
                await worker.receive(_approve(ALEX, reference, first), mail_from=ALEX)
            assert (await desk.submit_shortlist(referral.id or 0, REFERRER, labels,
                                                "Mum agrees.", "", "", "in hospital")).accepted
        second = (await worker.outbox(kind="commissioner/approval_request", to=ALEX))[-1]
        assert "Replaces the shortlist of" in text_of(second)
        assert "which you approved" in text_of(second) and "B out, C in" in text_of(second)
        [ruths] = [r for r in await worker.outbox(kind="commissioner/approval_request", to=RUTH)
                   if ":approval:2:" in r.key]
        assert "which you approved" not in text_of(ruths)
        await worker.receive(_approve(RUTH, reference, ruths), mail_from=RUTH)

        ttl = worker.engine.parts.approval_ttl
        worker.clock.advance(ttl * 3 / 4 + timedelta(minutes=1))
        await worker.engine.fire_due()
        reminded = await worker.outbox(kind="commissioner/approval_reminder")
        assert reminded and RUTH not in {r.to_addr for r in reminded}
        assert ALEX in {r.to_addr for r in reminded}
        assert "no papers go" in text_of(reminded[0])
        assert "(UK time). Still to decide: Alex Morgan, Nadia Brennan." in \
            " ".join(text_of(reminded[0]).split())

        worker.clock.advance(ttl)
        await worker.engine.fire_due()
        lapsed = [r for r in await worker.outbox(kind="commissioner/approval_outcome")
                  if "expired" in header(r, "Subject")]
        assert "placements@northby.gov.example" in {r.to_addr for r in lapsed}
    finally:
        await worker.db.dispose()


@pytest.mark.parametrize("ending", ["WITHDRAW family found a kinship carer",
                                    "UNMET no home could meet her needs"])
async def test_a_withdrawal_while_awaiting_approval_is_told_to_the_commissioners(
        tmp_path: Path, database_url: str, ending: str) -> None:
    worker = await make_worker(tmp_path, database_url)
    try:
        reference = await _shortlisted(worker)
        asked = {r.to_addr for r in await worker.outbox(kind="commissioner/approval_request")}
        await worker.receive(referral_email(ending, sender=REFERRER,
                                            subject=f"Re: {reference}"),
                             mail_from=REFERRER)
        told = await worker.outbox(kind="commissioner/approval_outcome")
        assert {r.to_addr for r in told} == asked
        assert all("withdrawn" in header(r, "Subject") and "no longer needs a decision"
                   in text_of(r) for r in told)
    finally:
        await worker.db.dispose()


async def test_a_commissioners_loose_words_are_answered_with_how_to_approve(
        tmp_path: Path, database_url: str) -> None:
    worker = await make_worker(tmp_path, database_url)
    try:
        reference = await _shortlisted(worker)
        [request] = await worker.outbox(kind="commissioner/approval_request", to=ALEX)
        words = _approve(ALEX, reference, request)
        words.set_content("Yes, happy to approve this.\n")
        await worker.receive(words, mail_from=ALEX)
        [answer] = await worker.outbox(kind="social_worker/instruction_refused", to=ALEX)
        assert f"APPROVE {reference}" in text_of(answer)
        assert await worker.outbox(kind="commissioner/approval_recorded") == []
    finally:
        await worker.db.dispose()
