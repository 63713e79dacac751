"""What needs doing today, for the console's home page: the signed-in person's live referrals
that wait on someone, most urgent first.

1. windows closing today (UK day), the soonest first;
2. chosen homes that have withdrawn (or declined) during the fee negotiation: the referral
   is back on its approved shortlist with no home chosen, and someone must choose again;
   chosen homes whose latest reply could not be read (it may be a "no"): no AGREE nor
   sign-off until it is answered; and shortlisted homes whose confirmation, having read the
   papers, is past the time their papers email gave them (channels/web/console/next_step.py:
   who acts next, the referral page's "Waiting for" line);
3. windows closed with nothing on the comparison (the team must widen the search or declare
   the need unmet), in the words the referrals list and the referral's page use (`NO_OFFERS`);
4. shortlists awaiting the commissioners' approval, the longest waiting first;
5. fees waiting for a budget holder's sign-off;
6. referrals held before broadcast until someone says SEND.

Apart from a referral's state, and first: a dead letter (a reply, an email or a deadline
whose handling failed) on one of the person's referrals, linked to the Dead letters tab; and
a home's questions about the child passed to the placements team and not yet answered (a
`question-answered` entry naming its `questions-passed-on` entry answers it), linked to the
referral's page; both scoped, as the list is, to the person's council (`dead_and_asked`).

`needs_attention` and `dead_and_asked` are pure; `load_attention` reads what they need.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from broker.db.tables import FeeRound, Referral, ReferralEvent, ShortlistRound, Wave
from channels.web.console.next_step import NO_OFFERS, next_step
from channels.web.console.record import load_record_set
from channels.web.console.words import LOCAL, countdown, duration, local
from workflows.agreement_rounds import READ, UNREAD, WITHDREW
from workflows.signoff import AWAITING as AWAITING_SIGN_OFF
from workflows.states import State

LIVE = (State.HELD, State.OPEN, State.CLOSED, State.AWAITING_APPROVAL, State.APPROVED,
        State.NEGOTIATING)


@dataclass(frozen=True)
class Live:
    """One live referral and the facts the panel orders it by."""

    reference: str
    state: str
    closes_at: datetime | None = None  # its open wave's deadline
    offers: int = 0  # options on its comparison (offers, interest, late options)
    shortlisted_at: datetime | None = None  # its latest shortlist round
    awaiting_sign_off: bool = False
    chosen_withdrew: bool = False  # its last fee round ended with the chosen home's withdrawal
    reply_unread: bool = False  # the chosen home's latest reply is unread (agreement.py)
    overdue: str = ""  # who is late, past what time (next_step.py), when someone is


@dataclass(frozen=True)
class Attention:
    reference: str
    what: str  # the reason, in words
    rank: int  # the list above, 1 first
    link: str = ""  # where the row leads, when not to the referral's page


DEAD_LETTERS = "/console/dead-letters"
PASSED_ON, ANSWERED = "questions-passed-on", "question-answered"


def dead_and_asked(dead: list[tuple[str, datetime]], entries: list[tuple[str, Any]],
                   names: dict[str, str]) -> list[Attention]:
    """The rows a referral's state does not give: `dead`, a dead letter not replayed on one
    of the person's referrals (its reference, when it failed), oldest first; `entries`, the
    timeline entries of the person's live referrals (reference, the entry: id, at, kind,
    data), oldest first, of which each `questions-passed-on` not answered since is a home's
    question waiting for the team. `names`: a home's name by its key."""
    rows = [Attention(reference, f"Dead letter: something on it failed at {local(at)} and "
                                 "was not handled", 0, DEAD_LETTERS) for reference, at in dead]
    answered = {int((e.data or {}).get("asked") or 0) for _, e in entries
                if e.kind == ANSWERED}
    for reference, e in entries:
        if e.kind == PASSED_ON and e.id not in answered:
            key = str((e.data or {}).get("establishment") or "")
            n = len((e.data or {}).get("questions") or ()) or 1
            rows.append(Attention(reference, f"{names.get(key, key or 'A home')}'s "
                                             f"{'question' if n == 1 else f'{n} questions'} "
                                             f"about the child, waiting for the team's "
                                             f"answer since {local(e.at)}", 2))
    return rows


def needs_attention(live: list[Live], now: datetime) -> list[Attention]:
    """The referrals waiting on someone, most urgent first (then the longest waiting)."""
    today = now.astimezone(LOCAL).date()
    found: list[tuple[int, datetime, Attention]] = []

    def add(rank: int, referral: Live, what: str, when: datetime) -> None:
        found.append((rank, when, Attention(referral.reference, what, rank)))

    for r in live:
        if r.state == State.OPEN and r.closes_at and r.closes_at.astimezone(LOCAL).date() \
                <= today:
            add(1, r, f"Window closing today, {local(r.closes_at, False)} "
                      f"({countdown(r.closes_at, now)})", r.closes_at)
        elif r.state == State.APPROVED and r.chosen_withdrew:
            add(2, r, "Chosen home withdrew: choose another shortlisted home, or ask the "
                      "commissioners", now)
        elif r.state == State.APPROVED and r.overdue:
            add(2, r, f"Overdue: {r.overdue}", now)
        elif r.state == State.NEGOTIATING and r.reply_unread:
            add(2, r, "Chosen home's reply could not be read: read it before anything is "
                      "agreed", now)
        elif r.state == State.CLOSED and r.offers == 0:
            add(3, r, NO_OFFERS[:1].upper() + NO_OFFERS[1:], now)
        elif r.state == State.AWAITING_APPROVAL:
            since = r.shortlisted_at or now
            add(4, r, f"Awaiting approval for {duration(now - since)}", since)
        elif r.state == State.NEGOTIATING and r.awaiting_sign_off:
            add(5, r, "Fee waiting for a budget holder's sign-off", now)
        elif r.state == State.HELD:
            add(6, r, "Held before broadcast until someone says SEND", now)
    return [a for _, _, a in sorted(found, key=lambda item: (item[0], item[1]))]


async def _overdue(session: Any, referral: Referral, now: datetime,
                   window_for: Callable[[str], timedelta] | None) -> str:
    """An approved referral's shortlisted homes whose confirmation is past its time, in the
    words of its page's "Waiting for" line; "" when none is (or no window is known)."""
    if referral.state != State.APPROVED or window_for is None:
        return ""
    records = await load_record_set(session, referral)
    step = next_step(records, now=now, window=window_for(referral.urgency or "planned"),
                     approvers=(), needed=0, team="")
    return step.waiting_for if step.overdue else ""


async def load_attention(session: Any, authorities: list[str], now: datetime,
                         window_for: Callable[[str], timedelta] | None = None,
                         dead: list[tuple[str, datetime]] | None = None,
                         names: dict[str, str] | None = None) -> list[Attention]:
    """`window_for`: a referral's response window by its urgency (the settings'), by which
    the shortlisted confirm their offers; without it, no confirmation is counted overdue.
    `dead`: the dead letters not replayed on these authorities' referrals (reference, when);
    `names`: homes' names by key, for their questions."""
    referrals = list((await session.execute(select(Referral).where(
        col(Referral.authority).in_(authorities), col(Referral.reference).is_not(None),
        col(Referral.state).in_([str(s) for s in LIVE])))).scalars())
    ids = [r.id for r in referrals]
    by_id = {r.id: r.reference or "" for r in referrals}
    waves = {w.referral_id: w for w in (await session.execute(select(Wave).where(
        col(Wave.referral_id).in_(ids), col(Wave.opened_at).is_not(None),
        col(Wave.closed_at).is_(None)))).scalars()}
    offers = {r.id or 0: len(r.comparison or []) for r in referrals}
    overdue = {r.id or 0: await _overdue(session, r, now, window_for) for r in referrals}
    shortlisted: dict[int, datetime] = {}
    rounds = select(col(ShortlistRound.referral_id), col(ShortlistRound.at)).where(
        col(ShortlistRound.referral_id).in_(ids)).order_by(col(ShortlistRound.round))
    for rid, at in (await session.execute(rounds)).all():
        shortlisted[rid] = at
    latest_fee: dict[int, str] = {}
    fees = select(col(FeeRound.referral_id), col(FeeRound.status)).where(
        col(FeeRound.referral_id).in_(ids)).order_by(col(FeeRound.id))
    before_unread: dict[int, str] = {}
    for rid, status in (await session.execute(fees)).all():
        if status == UNREAD and latest_fee.get(rid) != UNREAD:
            before_unread[rid] = latest_fee.get(rid, "")
        # an unread reply answered with no round of its own: the round before it stands
        latest_fee[rid] = before_unread.get(rid, "") if status == READ else status
    entries = [(by_id[e.referral_id], e) for e in (await session.execute(
        select(ReferralEvent).where(col(ReferralEvent.referral_id).in_(ids),
                                    col(ReferralEvent.kind).in_((PASSED_ON, ANSWERED)))
        .order_by(col(ReferralEvent.id)))).scalars()]
    return dead_and_asked(dead or [], entries, names or {}) + needs_attention([Live(
        reference=r.reference or "", state=r.state,
        closes_at=waves[r.id].closes_at if r.id in waves else None,
        offers=offers.get(r.id or 0, 0), shortlisted_at=shortlisted.get(r.id or 0),
        awaiting_sign_off=latest_fee.get(r.id or 0) == AWAITING_SIGN_OFF,
        chosen_withdrew=latest_fee.get(r.id or 0) == WITHDREW,
        reply_unread=latest_fee.get(r.id or 0) == UNREAD, overdue=overdue.get(r.id or 0, ""))
        for r in referrals], now)
