"""The inbound worker: take stored messages in batches and hand each to the engine.

Waiting messages are taken in batches (up to `BATCH`). Each message is first READ, before
any write lock and off the event loop (workflows/reading.py: worker threads, and a child
process under limits for what is costly), so a hostile message holds up neither the loop
nor other writers. Then one transaction claims the batch and processes each message inside
its own savepoint: the mailroom routes it (workflows/mailroom.py, answered from what was
read ahead), the engine decides (`Engine.handle_in`), and the referral's new state, its
events and every email it causes are committed together with the message's `done`, once per
batch. A crash at any point rolls the whole batch back, so its messages stay `new` and are
processed again, once (their outbox rows never committed). An unexpected error rolls back
only that message's savepoint and dead-letters it, with its error, in the same transaction;
it can be replayed with `broker dead-letters replay ID`. If a batch fails as a whole, its
messages are retried one by one, so one poisonous message cannot hold up the others. On
SQLite the batch takes the write lock first (`BEGIN IMMEDIATE`); on PostgreSQL the claim is
`FOR UPDATE SKIP LOCKED`. Two instances' batches lock referrals in the order their messages
came, so PostgreSQL may end one in a deadlock: that is no fault of the message it was
processing (workflows/txn.py, `refused_for_now`), so the batch fails as a whole and its
messages are retried one by one, a few times, and left waiting for a later pass if still
refused; never dead-lettered.

Costly mail goes in a lane of its own (`lane`: the service runs one loop for each). A message
over `COSTLY_BYTES` is read by the child process, which can take seconds (up to its limits)
when the message was made to be costly; taken with the rest, it would hold up every message
behind it. So the `light` lane takes only messages up to that size, the `costly` lane the
others, one at a time: mail the service expects (to a reply address it signed, or from a
sender its directory registers) before strangers', senders taking turns. The light lane
too takes expected mail first (intake marks it as it stores it), so a flood of small junk
from made-up senders does not stand in front of a social worker's referral or a provider's
reply; each kind in the order it came. Expected is judged from the envelope, which anyone
can forge, so intake marks only so much of one connecting server's mail expected
(channels/email/allowance.py): a flood forged in a registered sender's name from one server
waits with strangers' mail.
A message still waits for any earlier one from the same envelope sender in the other lane,
so one sender's messages (a referral with a large attachment, then its correction) are
still handled in the order they came.

A message is a retransmission when a message from the same envelope sender with the same
well-formed Message-ID was handled before (or earlier in the batch): it is marked
`duplicate` and not handled again. Two senders' messages sharing a Message-ID are both
handled. A message whose From is proved (workflows/senders.py `proved_before`: a signature
covering its Message-ID too) is one message whatever envelope it comes in: a copy of it
with the same From and Message-ID is a duplicate, whoever sends it on, so a signed
`EXTEND 2d` re-sent by someone who holds a copy moves nothing again. That holds whatever the
first copy came to (each row records whether its sender was proved: `proved`): a signed
`AGREE` refused for the moment is not carried out when a copy of it comes back later.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import OrderedDict
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from broker.db.tables import InboundMessage, Outbox, Referral
from broker.forms.message import read_headers
from broker.forms.sandbox import HEAVY_BYTES
from broker.tokens import read_bounce_token
from workflows.apply import Applied
from workflows.bounces import (
    delivery_failed,
    delivery_reports,
    is_bounce_address,
    permanent_failure,
)
from workflows.confirm import CONFIRMED, OUTCOME
from workflows.events import ReplyReceived
from workflows.intake import decide_unaddressed
from workflows.mailroom import (
    expected,
    key_of,
    link_thread,
    our_recipient,
    planned_read,
    read_reply_ahead,
    route,
)
from workflows.reading import ahead, headers, read_many
from workflows.senders import proved_before
from workflows.txn import begin_writing, dead_letter_row, refused_for_now

log = logging.getLogger("broker.inbound")

BATCH = 50  # inbound messages per transaction
_TRIES_FOR_NOW = 3  # a message alone, refused for now (a deadlock), is tried this often a pass
COSTLY_BYTES = HEAVY_BYTES  # a message larger than this is read by the child process
LANES = ("light", "costly")
COSTLY_CANDIDATES = 1_000  # waiting costly messages looked at (their addresses, not their
# bytes) to choose whose turn it is
SENDERS_REMEMBERED = 1_000  # senders remembered: whom the costly lane served last
# Only a well-formed Message-ID (RFC 5322: <left@right>) can say two copies are one message.
_IDENTIFYING = re.compile(r"<[^<>@\s]+@[^<>@\s]+>")
# What the worker writes back to a message row (once per batch, for the whole batch).
RESULT_COLUMNS = ("status", "outcome", "message_id", "referral_id", "processed_at", "proved")

# Built once: building a statement costs more than running it on SQLite.
_NEW = InboundMessage.status == "new"
_WAITING = select(InboundMessage).where(_NEW).order_by(InboundMessage.id).limit(bindparam("size"))
_WAITING_ONE = select(InboundMessage).where(_NEW, InboundMessage.id == bindparam("only"))
_CLAIM = (
    select(InboundMessage.id)
    .where(_NEW, InboundMessage.id.in_(bindparam("ids", expanding=True)))  # type: ignore[attr-defined]
    .with_for_update(skip_locked=True)
)
_SEEN = select(InboundMessage.mail_from, InboundMessage.message_id).where(
    InboundMessage.message_id.in_(bindparam("message_ids", expanding=True)),  # type: ignore[attr-defined]
    InboundMessage.status == "done",
)
# The start of each earlier handled copy of a proved message (its headers, for its From).
# Every copy whose sender was proved counts, whatever it came to: a signed AGREE refused
# for the moment (the home's answer unclear) and sent again later by the home it copied in
# is a duplicate, not an agreement to the fee the home has since asked; so is a copy of one
# its sender was asked to confirm (workflows/confirm.py: asked once per email). A copy not
# proved (altered, naming nobody, or a signed one addressed to someone else) does not count:
# one altered and sent first by someone holding the message must not make the real one a
# duplicate.
_COPIES_READ = 20  # copies of one batch's proved messages looked at, the earliest first
_HEAD_BYTES = 65_536
_COPIES = (
    select(func.substr(InboundMessage.raw, 1, _HEAD_BYTES), InboundMessage.message_id)
    .where(
        InboundMessage.message_id.in_(bindparam("message_ids", expanding=True)),  # type: ignore[attr-defined]
        InboundMessage.status == "done",
        InboundMessage.proved == True,  # noqa: E712 - SQL, not Python
    )
    .order_by(InboundMessage.id)
    .limit(_COPIES_READ)
)
_INBOUND = InboundMessage.__table__
_WRITE_BACK = (
    update(_INBOUND)
    .where(_INBOUND.c.id == bindparam("b_id"))
    .values({name: bindparam(f"b_{name}") for name in RESULT_COLUMNS})
)
_EARLIER = aliased(InboundMessage)


def _waiting_in(lane: str) -> Any:
    """The waiting messages of one lane, less those from a sender with an earlier message
    still waiting in the other lane: the oldest first in the light lane; in the costly lane
    only their addresses (a costly message's bytes are read once it is chosen), each
    sender's oldest before anyone's second, so that the candidates for the next turn
    (`InboundWorker._next_turn`) are not all one flooding sender's."""
    light = lane == "light"
    mine = InboundMessage.size <= COSTLY_BYTES if light else InboundMessage.size > COSTLY_BYTES
    others = _EARLIER.size > COSTLY_BYTES if light else _EARLIER.size <= COSTLY_BYTES
    earlier = (
        select(_EARLIER.id)
        .where(
            _EARLIER.status == "new",
            _EARLIER.id < InboundMessage.id,
            _EARLIER.mail_from == InboundMessage.mail_from,
            others,
        )
        .exists()
    )
    if light:  # the oldest first (InboundWorker._waiting takes the expected ones first)
        return _WAITING.where(mine, ~earlier)
    turns = (
        select(
            InboundMessage.id,
            func.row_number()
            .over(partition_by=InboundMessage.mail_from, order_by=InboundMessage.id)
            .label("turn"),
        )
        .where(_NEW, mine)
        .subquery()
    )
    return (
        select(InboundMessage.id, InboundMessage.mail_from, InboundMessage.rcpt_to)
        .join(turns, turns.c.id == InboundMessage.id)
        .where(~earlier)
        .order_by(turns.c.turn, InboundMessage.id)
        .limit(bindparam("size"))
    )


_WAITING_IN = {lane: _waiting_in(lane) for lane in LANES}
# The light lane in two steps, each a walk along the waiting index that stops at the batch's
# size: mail the service expects, then strangers' (one ORDER BY over both walked every
# waiting row for each batch, and cut the pipeline's rate by a quarter).
_LIGHT_BY_KIND = {
    kind: _WAITING_IN["light"].where(InboundMessage.expected == kind) for kind in (True, False)
}


def lane_of(size: int) -> str:
    """The lane of a message stored at `size` bytes."""
    return "costly" if size > COSTLY_BYTES else "light"


class InboundWorker:
    """`engine` is the workflows.engine.Engine it hands each message to."""

    batch = BATCH

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.parts = engine.parts
        self._served: OrderedDict[str, int] = OrderedDict()  # costly lane: sender → turn
        self._turns = 0

    async def process_pending(self, limit: int = 100, lane: str | None = None) -> int:
        """Process waiting messages in batches (of one lane, or all); returns how many
        were taken. The costly lane goes one message at a time."""
        done = 0
        while done < limit:
            size = min(1 if lane == "costly" else BATCH, limit - done)
            taken = await self.process_batch(size, lane)
            done += taken
            if taken < size:  # the queue was empty when the batch was claimed
                break
        return done

    async def process_batch(self, size: int = BATCH, lane: str | None = None) -> int:
        """Claim up to `size` waiting messages (of one lane, or any) and process them in
        one transaction."""
        claimed: list[int] = []
        try:
            return await self._batch(size, claimed, lane=lane)
        except Exception as error:  # the batch as a whole failed: nothing of it committed
            if not claimed:
                raise  # nothing was claimed (e.g. no database): the caller retries later
            log.error(
                "inbound batch of %s rolled back (%s); taking them one by one",
                len(claimed),
                type(error).__name__,
            )
            for inbound_id in claimed:
                await self._alone(inbound_id)
            return len(claimed)

    async def _alone(self, inbound_id: int) -> None:
        for attempt in range(1, _TRIES_FOR_NOW + 1):
            try:
                await self._batch(1, [], only=inbound_id)
                return
            except Exception as error:  # even on its own: keep it, say so, go on
                if not refused_for_now(error):
                    await self.engine.dead_letter("inbound", inbound_id, error)
                    return
                log.warning(
                    "inbound %s refused for now (%s), try %s",
                    inbound_id,
                    type(error).__name__,
                    attempt,
                )
        # still refused: it stays waiting, and a later pass takes it

    async def _batch(
        self, size: int, claimed: list[int], only: int | None = None, lane: str | None = None
    ) -> int:
        waiting = await self._waiting(size, only, lane)
        if not waiting:
            return 0
        reads = await self._read_ahead(waiting)  # before the write lock, off the loop
        async with self.parts.sessions() as session:
            await begin_writing(session)
            batch = await _claim(session, waiting)
            claimed.extend(inbound.id or 0 for inbound in batch)
            if not batch:
                return 0
            seen = await _handled_before(session, batch, reads)
            applied = Applied()
            results = []
            for inbound in batch:
                with ahead(reads[inbound.id or 0]):
                    results.append(
                        await self._one(
                            session, inbound, applied, seen, _marks(inbound, reads[inbound.id or 0])
                        )
                    )
                await asyncio.sleep(0)  # on SQLite the statements ran in place: let the
                # loop serve the web pages and the other tasks between messages
            await session.execute(_WRITE_BACK, results)  # one executemany for the batch
            await session.commit()
        self.engine.after_commit(applied)
        return len(batch)

    async def _waiting(
        self, size: int, only: int | None, lane: str | None = None
    ) -> list[InboundMessage]:
        """The oldest waiting messages (of the lane), detached (read without any lock); in
        the costly lane, the one whose turn it is."""
        if lane == "costly" and only is None:
            async with self.parts.sessions() as session:
                candidates = list(
                    await session.execute(
                        _WAITING_IN["costly"], {"size": max(size, COSTLY_CANDIDATES)}
                    )
                )
            if not candidates:
                return []
            only = self._next_turn(candidates)
        async with self.parts.sessions() as session:
            if only is not None:
                batch = list((await session.execute(_WAITING_ONE, {"only": only})).scalars())
            elif lane == "light":
                batch = []
                for kind in (True, False):  # expected mail first, then strangers'
                    if len(batch) < size:
                        batch += (
                            await session.execute(_LIGHT_BY_KIND[kind], {"size": size - len(batch)})
                        ).scalars()
            else:
                batch = list(
                    (
                        await session.execute(_WAITING_IN.get(lane or "", _WAITING), {"size": size})
                    ).scalars()
                )
            session.expunge_all()
        return batch

    def _next_turn(self, candidates: list[Any]) -> int:
        """Of these costly messages' rows (id, envelope sender, recipients; each sender's
        oldest first), the one to read next: mail the service expects (`expected`: to a
        reply address it signed, or from a sender the directory registers) before a
        stranger's, then the sender this worker served longest ago, or never. Senders take
        turns, each in its own order, and no stream of strangers' costly mail, from however
        many forged senders, holds up a social worker's referral or a provider's reply."""
        chosen = min(
            candidates,
            key=lambda row: (
                not expected(row.mail_from, row.rcpt_to, self.parts),
                self._served.get(row.mail_from, -1),
                row.id,
            ),
        )
        self._turns += 1
        self._served[chosen.mail_from] = self._turns
        self._served.move_to_end(chosen.mail_from)
        while len(self._served) > SENDERS_REMEMBERED:
            self._served.popitem(last=False)
        return int(chosen.id)

    async def _read_ahead(self, waiting: list[InboundMessage]) -> dict[int, dict[str, Any]]:
        """Route each message once in a read-only session, remembering what was read (its
        headers, its body as its route calls for, its sender's proof): the routing under
        the write lock then reads nothing but what the facts have since changed. A
        provider's reply, whose reading is planned, has only its sender's proof read
        besides (`read_reply_ahead`): routing it here would look up facts nothing keeps."""
        reads: dict[int, dict[str, Any]] = {inbound.id or 0: {} for inbound in waiting}
        plans = {inbound.id or 0: planned_read(inbound, self.parts) for inbound in waiting}
        planned = [
            (inbound.raw, reads[inbound.id or 0], *(plans[inbound.id or 0] or (None, False)))
            for inbound in waiting
        ]
        await read_many(planned, self.parts.reader)  # headers, and replies' bodies: one
        # hop for the batch
        async with self.parts.sessions() as look:
            for inbound in waiting:
                with ahead(reads[inbound.id or 0]):
                    try:
                        if plans[inbound.id or 0] is not None:
                            await read_reply_ahead(inbound, self.parts)
                        else:
                            await route(look, inbound, self.parts)
                    except Exception:  # noqa: BLE001 - routed again under the lock, where
                        await look.rollback()  # an error is dead-lettered with the message
        return reads

    async def _one(
        self,
        session: AsyncSession,
        inbound: InboundMessage,
        applied: Applied,
        seen: set[tuple[str, str]],
        marks: list[tuple[str, str]] | None = None,
    ) -> dict[str, Any]:
        """One message in its own savepoint; an unexpected error rolls back only that and
        dead-letters the message. Returns the values to write back to its row. `marks`:
        what any copy of it would share (`_marks`)."""
        before = _values(inbound)
        savepoint = await session.begin_nested()
        try:
            done = await self._process(session, inbound, seen, marks or [])
            await savepoint.commit()
        except Exception as error:  # an operator's problem: keep it, say so, go on
            if refused_for_now(error):
                raise  # no fault of the message's: the batch is retried, one by one
            # Unguarded: should even this fail (the transaction itself was lost), the whole
            # batch fails and is rolled back, and its messages are retried one by one.
            await savepoint.rollback()
            log.error("inbound %s dead-lettered: %s", inbound.id, type(error).__name__)
            session.add(dead_letter_row("inbound", inbound.id, error, self.parts.clock.now()))
            return {"b_id": inbound.id, **before, "b_status": "dead", "b_outcome": "error"}
        if _identifies(inbound.message_id):
            seen.add(_mark(inbound.mail_from, inbound.message_id))
        if inbound.proved:
            seen.update(marks or [])
        applied.emails += done.emails
        applied.slack += done.slack
        applied.deadlines.extend(done.deadlines)
        return {"b_id": inbound.id, **_values(inbound)}

    async def _process(
        self,
        session: AsyncSession,
        inbound: InboundMessage,
        seen: set[tuple[str, str]],
        marks: list[tuple[str, str]],
    ) -> Applied:
        head = await headers(inbound.raw)
        inbound.message_id = (head.message_id or "")[:400]
        inbound.processed_at = self.parts.clock.now()
        inbound.status = "done"
        if _identifies(inbound.message_id) and (
            _mark(inbound.mail_from, inbound.message_id) in seen or not seen.isdisjoint(marks)
        ):
            inbound.outcome = "duplicate"  # a retransmission: the first copy was answered
            return Applied()
        local = our_recipient(inbound.rcpt_to, self.parts.mail_domain).split("@")[0]
        if is_bounce_address(local):
            return await self._bounced(session, inbound, local)
        routed = await route(session, inbound, self.parts)
        inbound.proved = routed.proved  # its later copies are duplicates, whatever it came to
        message_id = routed.form.message_id if routed.form else ""
        if routed.confirms and not await _claimed(session, routed.confirms, routed.referral_id):
            inbound.outcome = "already-confirmed"  # a second "Yes": carried out once only
            return Applied()
        if routed.event is None:
            inbound.outcome = routed.unaddressed
            assert routed.form is not None
            council = self.parts.directory.authority_for_sender(routed.form.sender)
            commands = decide_unaddressed(
                routed.unaddressed,
                routed.form,
                key_of(inbound),
                f"referrals@{self.parts.mail_domain}",
                council.placements_team if council else "",
                proved=routed.proved,
                extra=routed.context,
            )
            return await self.parts.apply(session, commands, referral_id=None)
        handled = await self.engine.handle_in(session, routed.referral_id, routed.event)
        inbound.outcome = handled.answer.outcome
        inbound.referral_id = handled.referral_id
        if not isinstance(routed.event, ReplyReceived):
            await link_thread(session, message_id, handled.referral_id)
        return handled.applied

    async def _bounced(self, session: AsyncSession, inbound: InboundMessage, local: str) -> Applied:
        """A delivery report to one email's own bounce address (workflows/bounces.py): when
        it says delivery failed for good, that email is marked bounced and the referral's
        placements team told. Never answered; anything else there is only kept."""
        inbound.outcome = "bounce-ignored"
        outbox_id = read_bounce_token(self.parts.secret, local.partition("+")[2])
        row = await session.get(Outbox, outbox_id) if outbox_id is not None else None
        if row is None:
            return Applied()
        inbound.referral_id = row.referral_id
        detail = permanent_failure(delivery_reports(inbound.raw), row.to_addr)
        if not detail or row.status == "bounced":  # not a failure, or told already
            return Applied()
        row.status, row.last_error = "bounced", detail
        inbound.outcome = "bounce-recorded"
        referral = await session.get(Referral, row.referral_id) if row.referral_id else None
        authority = self.parts.directory.authority(referral.authority) if referral else None
        if referral is None or authority is None:
            return Applied()
        return await self.parts.apply(
            session,
            delivery_failed(
                outbox_id, row, referral.reference or "", authority.placements_team, detail
            ),
            referral_id=referral.id,
        )


async def _claim(session: AsyncSession, waiting: list[InboundMessage]) -> list[InboundMessage]:
    """Those of the messages read ahead that are still waiting, now locked for this
    transaction (another instance may have taken some in between)."""
    rows = await session.execute(_CLAIM, {"ids": [inbound.id for inbound in waiting]})
    ids = set(rows.scalars())
    return [inbound for inbound in waiting if inbound.id in ids]


async def _handled_before(
    session: AsyncSession, batch: list[InboundMessage], reads: dict[int, dict[str, Any]]
) -> set[tuple[str, str]]:
    """(envelope sender, Message-ID) of the messages handled before that these repeat:
    one query for the batch; and, for those whose From is proved, ("from:" + From,
    Message-ID) of the earlier copies, whatever envelope they came in."""
    message_ids = {
        head.message_id[:400]
        for inbound in batch
        if (head := reads[inbound.id or 0].get("head")) and _identifies(head.message_id[:400])
    }
    if not message_ids:
        return set()
    rows = await session.execute(_SEEN, {"message_ids": sorted(message_ids)})
    seen = {_mark(mail_from, message_id) for mail_from, message_id in rows}
    proved = {
        mark[1]
        for inbound in batch
        for mark in _marks(inbound, reads[inbound.id or 0])
        if mark[0].startswith("from:")
    }
    if proved:
        copies = list(await session.execute(_COPIES, {"message_ids": sorted(proved)}))
        senders = await asyncio.to_thread(
            lambda: [read_headers(bytes(start or b"")).sender for start, _ in copies]
        )
        seen |= {
            _mark("from:" + sender, message_id)
            for sender, (_, message_id) in zip(senders, copies, strict=True)
            if sender
        }
    return seen


async def _claimed(session: AsyncSession, message_id: str, referral_id: int | None) -> bool:
    """Mark the email a "Yes" confirms (every copy of it) carried out; False when another
    reply confirmed it first (workflows/confirm.py). On PostgreSQL a second confirmation at
    the same moment waits on the first's row lock and then finds nothing to mark."""
    done = await session.execute(
        update(InboundMessage)
        .where(
            InboundMessage.message_id == message_id,
            InboundMessage.referral_id == referral_id,
            InboundMessage.outcome == OUTCOME,
        )
        .values(outcome=CONFIRMED)
    )
    return bool(getattr(done, "rowcount", 0))


def _marks(inbound: InboundMessage, remembered: dict[str, Any]) -> list[tuple[str, str]]:
    """What every copy of this message shares, whatever envelope it came in: ("from:" +
    From, Message-ID) when its From is proved by a signature over its Message-ID."""
    head = remembered.get("head")
    if head is None or not _identifies(head.message_id[:400]):
        return []
    if not proved_before(remembered, head.sender):
        return []
    return [_mark("from:" + head.sender, head.message_id[:400])]


def _identifies(message_id: str) -> bool:
    return _IDENTIFYING.fullmatch(message_id or "") is not None


def _mark(mail_from: str, message_id: str) -> tuple[str, str]:
    return (mail_from or "").strip().lower(), message_id


def _values(inbound: InboundMessage) -> dict[str, Any]:
    return {f"b_{name}": getattr(inbound, name) for name in RESULT_COLUMNS}
