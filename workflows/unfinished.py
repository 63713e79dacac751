"""A corrected form sent as a new email, not as a reply: the referral it completes.

A social worker asked to correct a form often sends the corrected one as a new email rather
than a reply on our request. From the same address, in the same council, about the same child
(workflows/duplicates.py: the NHS number, or the name and date of birth; or the name alone
when the incomplete form lacks the date of birth, and nothing tells them apart) as a
referral of theirs still incomplete, it is that referral's correction, routed to it as a
reply on its thread would be, never a second referral while the first waits to lapse. The
newest such referral is the one; another sender's, another council's, or one already sent
out is never.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from broker.db.tables import Referral
from workflows.duplicates import same_child
from workflows.states import State

_MOST_LOOKED_AT = 20  # a sender's incomplete referrals, newest first


async def incomplete_of_the_same_child(session: AsyncSession, sender: str, authority: str,
                                       fields: Mapping[str, str], today: date
                                       ) -> Referral | None:
    """The sender's newest incomplete referral, in this authority, of the child these
    fields identify; None when there is none."""
    if not sender or not fields:
        return None
    r = Referral.__table__.c  # type: ignore[attr-defined]
    rows = (await session.execute(select(Referral).where(
        r.state == str(State.INCOMPLETE), r.authority == authority, r.referrer == sender)
        .order_by(r.id.desc()).limit(_MOST_LOOKED_AT))).scalars()
    return next((row for row in rows if same_child(row.raw_fields or {}, fields, today)),
                None)
