"""Rows for the trust commands (workflows/commands.py): the child's identifier digests and
the documents served through signed links. Called by workflows/apply.py in the caller's
transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.ignoring import insert_ignoring_duplicates
from broker.db.tables import ChildKey, Document, DocumentGrant, Referral
from workflows.commands import IssueDocument, RecordChildKeys


async def record_trust(session: AsyncSession, referral_id: int,
                       command: RecordChildKeys | IssueDocument, now: datetime) -> None:
    if isinstance(command, RecordChildKeys):
        rows: list[dict[str, Any]] = [{"referral_id": referral_id, "digest": d}
                                      for d in command.digests]
        if rows:
            await insert_ignoring_duplicates(session, ChildKey, rows)
        return
    await insert_ignoring_duplicates(session, Document, [{
        "referral_id": referral_id, "kind": command.kind, "context": command.context,
        "created_at": now}])
    await insert_ignoring_duplicates(session, DocumentGrant, [{
        "referral_id": referral_id, "kind": command.kind, "subject": subject.lower(),
        "granted_at": now, "expires_at": command.expires_at} for subject in command.subjects])


async def same_child(session: AsyncSession, referral_id: int, authority: str,
                     digests: tuple[str, ...], now: datetime) -> tuple[str, ...]:
    """The references of the authority's other referrals of this child that are open, or
    ended lately. Only its own: whoever can send a form from one council's domain must not
    learn, by typing an NHS number, that another council is placing that child."""
    from sqlalchemy import or_, select

    from workflows.duplicates import RECENT
    from workflows.states import FINAL

    if not digests:
        return ()
    rows = await session.execute(
        select(Referral.reference).join(ChildKey, ChildKey.referral_id == Referral.id)
        .where(ChildKey.digest.in_(digests), Referral.id != referral_id,  # type: ignore[attr-defined]
               Referral.authority == authority,
               or_(Referral.state.not_in([str(s) for s in FINAL]),  # type: ignore[attr-defined]
                   Referral.created_at >= now - RECENT))
        .distinct().order_by(Referral.reference))
    return tuple(r[0] for r in rows if r[0])


async def fields_of(session: AsyncSession, authority: str, reference: str) -> dict[str, str]:
    """The form fields of the authority's referral `reference` ({} when none, or purged):
    the first other referral of a child, compared with a new one held as a duplicate."""
    from sqlalchemy import select

    fields = (await session.execute(select(Referral.raw_fields).where(
        Referral.reference == reference, Referral.authority == authority))).scalar()
    return {str(k): str(v) for k, v in (fields or {}).items()}
