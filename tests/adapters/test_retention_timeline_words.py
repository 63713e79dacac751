"""Through the real worker and database (SQLite and PostgreSQL): when a referral's retention
ends, nothing on its timeline names the child any more, though her words, staff's and a
home's were recorded there; the kinds, dates, who acted and the gist of each reason stay,
and the console's timeline and `broker referrals` still read the purged referral."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import select

from broker.db.tables import ReferralEvent
from broker.views import list_referrals, show_referral
from channels.web.console.words import describe_event
from tests.adapters.test_market_instructions import JO, KINGSHOLT, TEAM
from tests.adapters.worker import (
    REFERRER,
    Worker,
    approved_with_offers,
    header,
    make_worker,
    text_of,
)
from tests.factories import make_settings, referral_email
from workflows.states import State

OWEN = "owen.pryce@kingsholt.gov.example"  # a Kingsholt placements officer
# the Kingsholt sample's child, her family and her identifiers, as its form gives them
TIANA = (
    r"\bTiana\b",
    r"\bTee\b",
    "Okafor",
    r"\bLund\b",
    "Marcia",
    "Devon",
    "Coppice",
    "B23 7QS",
    "999 000 0204",
    "KH-207731",
)
# the Northby sample's
CASEY = (
    r"\bCasey\b",
    r"\bCee\b",
    "Hollin",
    "Dawn",
    "Larkspur",
    "SE15 4QX",
    "999 000 0115",
    "NB-448213",
    "07700 900461",
)
ONE_PROVIDER = "Tee has stayed at Larch House before, please send to Larch Care only."


async def _timeline(worker: Worker, referral_id: int) -> list[ReferralEvent]:
    async with worker.sessions() as session:
        return list(
            (
                await session.execute(
                    select(ReferralEvent)
                    .where(ReferralEvent.referral_id == referral_id)
                    .order_by(ReferralEvent.id)
                )
            ).scalars()
        )


async def _purged(worker: Worker, referral_id: int) -> list[ReferralEvent]:
    worker.clock.advance(timedelta(days=800))  # past any council's retention
    await worker.engine.fire_due()
    events = await _timeline(worker, referral_id)
    assert events[-1].kind == "purged"
    return events


def _names_left(events: list[ReferralEvent], identifiers: tuple[str, ...]) -> list[str]:
    text = json.dumps([e.data for e in events], ensure_ascii=False)
    return [found for found in identifiers if re.search(found, text)]


def _as_before(before: list[ReferralEvent], after: list[ReferralEvent]) -> None:
    """Every entry kept, with its kind, time and keys: only the words changed."""
    assert [(e.id, e.kind, e.at, sorted(e.data)) for e in after[: len(before)]] == [
        (e.id, e.kind, e.at, sorted(e.data)) for e in before
    ]


async def _still_readable(
    tmp_path: Path, database_url: str, reference: str, events: list[ReferralEvent]
) -> None:
    """The console's timeline sentences and `broker referrals` (list and show)."""
    assert all(describe_event(e.kind, e.data or {}, {}) for e in events)
    settings = make_settings(tmp_path, database_url)
    assert reference in [r["reference"] for r in await list_referrals(settings)]
    shown = await show_referral(settings, reference)
    assert shown is not None and [e["kind"] for e in shown["events"]] == [e.kind for e in events]


async def test_her_sentence_and_staffs_reasons_lose_the_child_at_purge(
    tmp_path: Path, database_url: str
) -> None:
    worker = await make_worker(tmp_path, database_url)
    try:
        await worker.receive(
            referral_email(f"{ONE_PROVIDER}\n\n{KINGSHOLT}", sender=JO), mail_from=JO
        )
        [referral] = await worker.referrals()
        assert referral.state == State.HELD
        for sender, line in (
            (TEAM, f"SEND {referral.reference}"),
            (OWEN, "NEXT WAVE Tee Okafor-Lund needs a home further away"),
            (JO, "WITHDRAW Tee went home to Marcia at 41 Coppice Walk"),
        ):
            message = referral_email(line, sender=sender, subject=f"Re: {referral.reference}")
            await worker.receive(message, mail_from=sender)
        [referral] = await worker.referrals()
        assert referral.state == State.WITHDRAWN
        before = await _timeline(worker, referral.id or 0)
        kinds = {e.kind for e in before}
        assert {"held", "released", "wave-opened", "withdrawn"} <= kinds
        assert _names_left(before, TIANA)  # the words were there to lose
        after = await _purged(worker, referral.id or 0)
        assert _names_left(after, TIANA) == []
        _as_before(before, after)
        said = json.dumps([e.data for e in after])
        for gist in ("has stayed at", "Care only", "needs a home further away", "went home to"):
            assert gist in said, gist
        await _still_readable(tmp_path, database_url, referral.reference or "", after)
    finally:
        await worker.db.dispose()


async def test_a_homes_costs_after_approval_lose_the_child_at_purge(
    tmp_path: Path, database_url: str
) -> None:
    worker = await make_worker(tmp_path, database_url)
    try:
        referral = await approved_with_offers(worker, homes=2)
        [papers, *_] = await worker.outbox(kind="provider/papers")
        reply = EmailMessage()
        reply["From"], reply["To"] = papers.to_addr, header(papers, "Reply-To")
        reply["Subject"] = f"RE: {header(papers, 'Subject')}"
        reply.set_content(
            "Decision: offer\nHome or carer: Home\nWeekly fee: £4,300\n"
            "Additional costs: £250 a week for Casey's taxi to Brackenfield\n"
            "Available from: 01/12/2026"
        )
        await worker.receive(reply, to=header(papers, "Reply-To"), mail_from=papers.to_addr)
        await worker.receive(
            referral_email(
                "WITHDRAW Casey Hollin went to her nan at 12 Larkspur Row",
                subject=f"Re: {referral.reference}",
            )
        )
        [referral] = await worker.referrals()
        assert referral.state == State.WITHDRAWN
        before = await _timeline(worker, referral.id or 0)
        assert "fee-changed-after-approval" in {e.kind for e in before}, [
            text_of(row) for row in await worker.outbox(to=REFERRER)
        ][-1:]
        assert _names_left(before, CASEY)
        after = await _purged(worker, referral.id or 0)
        assert _names_left(after, CASEY) == []
        _as_before(before, after)
        said = json.dumps([e.data for e in after], ensure_ascii=False)
        assert "£250 a week for" in said and "taxi to" in said and "went to her nan" in said
        await _still_readable(tmp_path, database_url, referral.reference or "", after)
    finally:
        await worker.db.dispose()
