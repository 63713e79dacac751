"""Two `broker serve` processes on one PostgreSQL database, each with its own SMTP port, both
relaying to one SMTP sink: referrals split across them, two replies from one provider sent
at the same moment, one to each, and short windows so every referral is chased and closes
while both run.

Then: one current response per provider and referral (both replies kept, the other
superseded), no email at the sink twice, every deadline fired once, nothing dead-lettered.
Both start at once on the empty database, so the migrations take turns too.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from broker.db.engine import make_engine, session_factory
from broker.db.tables import DeadLetter, Deadline, Outbox, Referral, ReferralEvent, Response
from broker.tokens import read_token
from tests.conftest import _create_database, wait_for
from tests.e2e.test_crash_recovery import _ended, _free_port, _serve, _until_listening
from tests.factories import REFERRER, SAMPLE_REFERRAL, SECRET, referral_email, send_smtp
from tests.replies import quoted_plain

REFERRALS = 6
SHORT = {"BROKER_WINDOW_EMERGENCY": "20s", "BROKER_WINDOW_URGENT": "20s",
         "BROKER_WINDOW_PLANNED": "20s", "BROKER_CHASERS": "50%"}
OFFER = ("Decision: Offer\nHome or carer: {name}\nWeekly fee: £4,100 per week\n"
         "Available from: 1 December\nOfsted rating: Good\n"
         "How we would meet needs: A calm home with a steady team.")
DECLINE = "Sorry, we have no vacancies at the moment.\n\nAnn"


def _nhs_numbers() -> list[str]:
    """Fictional NHS numbers from the 999 test range whose mod-11 check digit is valid."""
    found = []
    for n in range(400, 600):
        digits = f"999{n:06d}"
        check = 11 - sum(int(d) * (10 - i) for i, d in enumerate(digits)) % 11
        if check != 10:
            found.append(f"{digits[:3]} {digits[3:6]} {digits[6:]}{check % 11}")
    return found


def _tail(log: Path, lines: int = 60) -> str:
    """The last lines an instance logged, to explain a failure."""
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""


def _another_child(n: int) -> str:
    """The sample referral for a different fictional child (the same child twice would be
    held as a possible duplicate)."""
    return (SAMPLE_REFERRAL.replace("999 000 0115", _nhs_numbers()[n])
            .replace("Casey Marie Hollin", f"Robin {chr(65 + n)} Ashdown")
            .replace("14/03/2012", f"{n + 1:02d}/06/2013"))


def _asks(sink) -> dict[tuple[int, str], object]:  # type: ignore[no-untyped-def]
    """The first email each provider got about each referral, by (referral, establishment)."""
    asks: dict[tuple[int, str], object] = {}
    for caught in sink.caught:
        reply_to = caught.message["Reply-To"] or ""
        token = read_token(SECRET.encode(), reply_to.split("@")[0].removeprefix("r+"))
        if token and not caught.is_a_chaser():
            asks.setdefault((token.referral_id, token.establishment), caught)
    return asks


async def _reply(port: int, ask, answer: str) -> None:  # type: ignore[no-untyped-def]
    sender = ask.rcpt_tos[0]
    message = quoted_plain(ask, sender, answer)
    await asyncio.to_thread(send_smtp, port, message, sender=sender, to=message["To"])


async def test_two_instances_share_one_database_without_doing_anything_twice(
        postgres, smtp_sink, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if postgres.url is None:
        pytest.skip(f"PostgreSQL unavailable: {postgres.why_not}")
    url = await _create_database(postgres.url)
    ports = [_free_port(), _free_port()]
    processes = []
    for n, port in enumerate(ports):
        (tmp_path / f"i{n}").mkdir()
        processes.append(_serve(tmp_path / f"i{n}", url, smtp_sink.url, port,
                                tmp_path / f"i{n}" / "service.log", **SHORT))
    db = make_engine(url)
    sessions = session_factory(db)
    try:
        await asyncio.gather(*(_until_listening(port, tmp_path / f"i{n}" / "service.log")
                               for n, port in enumerate(ports)))
        for n in range(REFERRALS):  # one after the other, alternately to each instance
            await asyncio.to_thread(send_smtp, ports[n % 2], referral_email(_another_child(n)))
        asks = await wait_for(lambda: (found := _asks(smtp_sink))
                              and len({r for r, _ in found}) == REFERRALS and found, timeout=30)

        # Per referral, two providers each answer twice at the same moment, once to each.
        pairs = [(rid, establishment) for rid in sorted({r for r, _ in asks})
                 for establishment in sorted(e for r, e in asks if r == rid)[:2]]
        await asyncio.gather(*(
            send for rid, establishment in pairs for send in (
                _reply(ports[0], asks[rid, establishment], OFFER.format(name=establishment)),
                _reply(ports[1], asks[rid, establishment], DECLINE))))

        progress: dict[str, object] = {}

        async def all_closed() -> bool:
            async with sessions() as session:
                progress["closes fired"] = await session.scalar(
                    select(func.count()).select_from(Deadline).where(
                        Deadline.kind == "close", Deadline.status == "fired"))
                progress["responses stored"] = await session.scalar(
                    select(func.count()).select_from(Response))
                progress["emails not sent"] = [tuple(row) for row in (await session.execute(
                    select(Outbox.id, Outbox.status, Outbox.attempts, Outbox.last_error)
                    .where(Outbox.status != "sent"))).all()]
            return (progress["closes fired"] == REFERRALS
                    and progress["responses stored"] == 2 * len(pairs)
                    and progress["emails not sent"] == [])

        # Each window closes 20 s after its referral; the rest allows for a loaded machine
        # (and a batch that deadlocked with the other instance's, taken again one by one).
        try:
            await wait_for(all_closed, timeout=90, interval=0.25)
        except AssertionError as late:
            logs = "\n".join(f"--- instance {n} ---\n{_tail(tmp_path / f'i{n}' / 'service.log')}"
                             for n in range(len(processes)))
            raise AssertionError(f"wanted {REFERRALS} closes fired, {2 * len(pairs)} responses "
                                 f"and every email sent; had {progress}\n{logs}") from late
        await asyncio.sleep(1.0)  # let any duplicate email arrive before counting
    finally:
        for process in processes:
            await _ended(process, signal.SIGTERM)
        if sys.exc_info()[0] is not None:
            await db.dispose()  # closed now, or a later test meets its connections' warnings

    try:
        async with sessions() as session:
            current = Counter((r.referral_id, r.establishment) for r in (await session.execute(
                select(Response).where(Response.status == "current"))).scalars())
            responses = Counter((r.referral_id, r.establishment) for r in (await session.execute(
                select(Response))).scalars())
            deadlines = (await session.execute(select(Deadline).where(
                Deadline.due_at <= datetime.now(UTC)))).scalars().all()
            fired = Counter(d.subject_id for d in deadlines if d.status == "fired")
            decisions = Counter(e.referral_id for e in (await session.execute(
                select(ReferralEvent).where(ReferralEvent.kind == "decision"))).scalars()
                if e.data.get("event") == "DeadlineDue")
            sent = await session.scalar(select(func.count()).select_from(Outbox).where(
                Outbox.status == "sent"))
            dead = (await session.execute(select(DeadLetter))).scalars().all()
            referrals = await session.scalar(select(func.count()).select_from(Referral))
    finally:
        await db.dispose()

    assert referrals == REFERRALS
    assert set(current.values()) == {1}, "one current response per provider and referral"
    assert all(responses[pair] == 2 for pair in pairs), "both replies kept, neither lost"
    assert all(current[pair] == 1 for pair in pairs)
    assert dead == [], [d.error for d in dead]
    assert {d.status for d in deadlines} == {"fired"}, "every deadline due has fired"
    assert sorted(fired.values()) == [2] * REFERRALS  # a chaser and a close for each
    assert decisions == fired, "each deadline fired once (one decision each)"
    message_ids = Counter(c.message["Message-ID"] for c in smtp_sink.caught)
    assert [m for m, n in message_ids.items() if n > 1] == [], "no email sent twice"
    assert len(smtp_sink.caught) == sent
    assert sum(1 for c in smtp_sink.caught if c.rcpt_tos == [REFERRER]) >= REFERRALS
    for process in processes:
        assert process.returncode == 0  # SIGTERM is a clean shutdown for both
