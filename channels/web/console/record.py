"""Everything stored about one referral, read once for its console page and its audit pack:
the row, its waves, who each wave went to and who was excluded (the rule and the reason as
recorded at the time), every response (current and superseded), the shortlist rounds and
approvals, the papers accesses, the console's accesses (who opened its page, downloaded its
audit pack or acted on it), the fee rounds, the timeline, and each email to a provider with a
digest of exactly what was sent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from broker.db.tables import (
    Approval,
    FeeRound,
    MatchRecord,
    Outbox,
    PapersAccess,
    Referral,
    ReferralEvent,
    Response,
    ShortlistRound,
    StaffAccess,
    Wave,
)
from workflows.states import State


@dataclass
class ReferralRecordSet:
    referral: Referral
    waves: list[Wave] = field(default_factory=list)
    matches: list[MatchRecord] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    rounds: list[ShortlistRound] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    accesses: list[PapersAccess] = field(default_factory=list)
    # the console's log: the council's own staff and the operators (`own_staff`)
    staff_accesses: list[StaffAccess] = field(default_factory=list)
    staff_refused_elsewhere: int = 0  # attempts by other councils' staff, counted only
    fee_rounds: list[FeeRound] = field(default_factory=list)
    events: list[ReferralEvent] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)  # emails to providers

    @property
    def names(self) -> dict[str, str]:
        """Establishment key → name, as recorded when the referral was matched."""
        return {m.establishment: m.establishment_name or m.establishment for m in self.matches}

    @property
    def recipients(self) -> list[MatchRecord]:
        return [m for m in self.matches if m.eligible]

    @property
    def excluded(self) -> list[MatchRecord]:
        return [m for m in self.matches if not m.eligible]

    @property
    def current_responses(self) -> list[Response]:
        return [r for r in self.responses if r.status == "current"]

    @property
    def placed(self) -> dict[str, Any]:
        """The `placed` timeline entry's data (agreed fee, integrity code), if placed."""
        found = [e.data for e in self.events if e.kind == "placed"]
        return dict(found[-1]) if found else {}

    @property
    def hold(self) -> dict[str, Any]:
        """While held before broadcast: the reasons in words and the other referrals of the
        same child the hold recorded; {} otherwise."""
        from channels.web.console.words import hold_words

        if self.referral.state != State.HELD:
            return {}
        found = [e.data or {} for e in self.events if e.kind == "held"]
        last = found[-1] if found else {}
        return {"reasons": hold_words(self.referral.held_for or "")
                or hold_words(list(last.get("reasons") or [])),
                "duplicates": [str(d) for d in last.get("duplicates") or []]}

    def score_of(self, establishment: str) -> dict[str, Any]:
        """The establishment's row in the comparison (label and score), if it had one."""
        for option in self.referral.comparison or []:
            if option.get("establishment") == establishment:
                return dict(option)
        return {}


async def find_referral(session: AsyncSession, reference: str) -> Referral | None:
    return (await session.execute(select(Referral).where(
        col(Referral.reference) == reference.upper()))).scalars().first()


async def _all(session: AsyncSession, table: Any, referral_id: int, *order: Any) -> list[Any]:
    rows = await session.execute(select(table).where(table.referral_id == referral_id)
                                 .order_by(*(order or (table.id,))))
    return list(rows.scalars())


def own_staff(logged: list[StaffAccess], authority: str) -> list[StaffAccess]:
    """Rule: a referral's record names the console accesses of its own council's staff and
    of the operators; another council's member of staff (refused the page, since it is not
    theirs) is no part of this child's record, and is only counted: the pack goes to
    auditors, and a refused officer's name is that officer's data, not the council's."""
    return [a for a in logged if a.authority == authority or a.role == "operator"]


async def load_record_set(session: AsyncSession, referral: Referral) -> ReferralRecordSet:
    rid = referral.id or 0
    outbox = await session.execute(
        select(col(Outbox.kind), col(Outbox.establishment), col(Outbox.to_addr),
               col(Outbox.subject), col(Outbox.created_at), col(Outbox.sent_at),
               col(Outbox.status), col(Outbox.raw))
        .where(col(Outbox.referral_id) == rid, col(Outbox.kind).like("provider/%"))
        .order_by(col(Outbox.id)))
    sent = [{"kind": row.kind, "establishment": row.establishment, "to": row.to_addr,
             "subject": row.subject, "queued_at": row.created_at, "sent_at": row.sent_at,
             "status": row.status, "sha256": hashlib.sha256(row.raw).hexdigest()}
            for row in outbox]
    logged = await _all(session, StaffAccess, rid, col(StaffAccess.at), col(StaffAccess.id))
    own = own_staff(logged, referral.authority)
    return ReferralRecordSet(
        referral=referral,
        waves=await _all(session, Wave, rid, col(Wave.number)),
        matches=await _all(session, MatchRecord, rid),
        responses=await _all(session, Response, rid),
        rounds=await _all(session, ShortlistRound, rid, col(ShortlistRound.round)),
        approvals=await _all(session, Approval, rid),
        accesses=await _all(session, PapersAccess, rid),
        staff_accesses=own, staff_refused_elsewhere=len(logged) - len(own),
        fee_rounds=await _all(session, FeeRound, rid),
        events=await _all(session, ReferralEvent, rid, col(ReferralEvent.at),
                          col(ReferralEvent.id)),
        sent=sent)
