"""A commissioner's decision counts for the shortlist they were shown. When the social worker
replaces a shortlist awaiting approval, an APPROVE sent in reply to the first approval
request is refused, so two approvals of an old shortlist can never release the child's
papers to a home only the new one names; a reply to the new request counts."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any

from broker.db.tables import Referral
from tests.adapters.worker import closed_with_offers, make_worker
from tests.factories import REFERRER
from workflows.desk import PlacementDesk

ALEX, RUTH = "alex.morgan@northby.gov.example", "ruth.adeyemi@northby.gov.example"


def _decision(commissioner: str, reference: str, request: Any) -> EmailMessage:
    reply = EmailMessage()
    reply["From"], reply["To"] = commissioner, "referrals@broker.localhost"
    reply["Subject"] = f"RE: {request.subject}"
    reply["Message-ID"] = make_msgid(domain="northby.gov.example")
    reply["In-Reply-To"] = reply["References"] = request.message_id
    reply.set_content(f"APPROVE {reference}\n")
    return reply


async def _both_approve(worker: Any, reference: str, round_key: str) -> None:
    """Each commissioner replies APPROVE to their approval request of that round."""
    for commissioner in (ALEX, RUTH):
        request = next(r for r in await worker.outbox(
            kind="commissioner/approval_request", to=commissioner) if round_key in r.key)
        await worker.receive(_decision(commissioner, reference, request), mail_from=commissioner)


async def test_approvals_in_reply_to_a_replaced_request_do_not_count(
        tmp_path: Path, database_url: str) -> None:
    worker = await make_worker(tmp_path, database_url)  # Slack off: requests go by email
    try:
        referral = await closed_with_offers(worker, homes=3)
        reference, desk = referral.reference or "", PlacementDesk(worker.engine)
        for labels in (["A", "B"], ["A", "C"]):
            shortlisted = await desk.submit_shortlist(referral.id or 0, REFERRER, labels,
                                                      "Mum agrees.", "", "", "in hospital")
            assert shortlisted.accepted, shortlisted.message
        first, second = (
            [r for r in await worker.outbox(kind="commissioner/approval_request", to=ALEX)])
        assert ":approval:1:" in first.key and ":approval:2:" in second.key

        await _both_approve(worker, reference, ":approval:1:")
        async with worker.sessions() as session:
            assert (await session.get(Referral, referral.id)).state == "awaiting-approval"  # type: ignore[union-attr]
        assert await worker.outbox(kind="provider/papers") == []
        refused = await worker.outbox(kind="social_worker/instruction_refused", to=ALEX)
        assert refused and "replaced" in refused[0].raw.decode(errors="replace")

        await _both_approve(worker, reference, ":approval:2:")
        async with worker.sessions() as session:
            assert (await session.get(Referral, referral.id)).state == "approved"  # type: ignore[union-attr]
        assert len(await worker.outbox(kind="provider/papers")) == 2
    finally:
        await worker.db.dispose()
