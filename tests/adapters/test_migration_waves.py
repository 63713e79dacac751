"""Migration 0004 carries existing referrals over: a referral's one window becomes its first
wave, its shortlist a shortlist round, and deadlines keyed by strings ("chase-2",
"approval-expiry-1") become keys by kind, wave and sequence — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import select

from broker.db.engine import make_engine, migrate, session_factory
from broker.db.tables import Deadline, ShortlistRound, Wave
from tests.migrations import upgrade_to

AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


async def test_windows_shortlists_and_deadlines_are_carried_over(
        empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    async with engine.begin() as connection:
        await connection.run_sync(upgrade_to("0003"))
        naive = connection.dialect.name == "sqlite"
        t = (lambda d: d.replace(tzinfo=None)) if naive else (lambda d: d)  # noqa: E731
        await connection.execute(sa.text(
            "INSERT INTO referral (id, reference, state, authority, referrer, subject, "
            "raw_fields, form, anonymised, thread, urgency, created_at, broadcast_at, "
            "deadline_at, closed_at, comparison, shortlist, approval_round, "
            "approval_expires_at, chosen, outcome_reason) VALUES (7, 'REF-2026-000007', "
            "'awaiting-approval', 'northby', 'sam@northby.gov.example', '', '{}', '{}', '{}', "
            "'[]', 'urgent', :created, :created, :deadline, :deadline, '[]', :shortlist, 1, "
            ":expires, '', '')"), {
                "created": t(AT), "deadline": t(AT + timedelta(hours=24)),
                "expires": t(AT + timedelta(hours=72)),
                "shortlist": '{"labels": ["A"], "establishments": ["larch-house"], '
                             '"parents": "Mum likes A", "child_reason": "unwell", '
                             '"by": "sam@northby.gov.example"}'})
        await connection.execute(sa.text(
            "INSERT INTO match_record (referral_id, establishment, establishment_name, "
            "organisation, eligible, arrangement, arrangement_key, contact, rule, reason) "
            "VALUES (7, 'larch-house', 'Larch House', 'Larch Care', true, 'F', 'f', "
            "'l@x.example', '', '')"))
        for kind, status in (("close", "fired"), ("chase-2", "fired"),
                             ("approval-expiry-1", "pending")):
            await connection.execute(sa.text(
                "INSERT INTO deadline (referral_id, kind, due_at, status) "
                "VALUES (7, :kind, :due, :status)"),
                {"kind": kind, "due": t(AT + timedelta(hours=72)), "status": status})
    await migrate(engine)  # to the newest
    async with session_factory(engine)() as session:
        [wave] = (await session.execute(select(Wave))).scalars().all()
        [round_] = (await session.execute(select(ShortlistRound))).scalars().all()
        deadlines = (await session.execute(select(Deadline).order_by(Deadline.id))).scalars()
        keys = [(d.subject, d.subject_id, d.kind, d.wave, d.seq, d.status) for d in deadlines]
        session.add(Deadline(subject="referral", subject_id=7, kind="close", wave=2,
                             due_at=AT))  # new rows still get fresh ids
        await session.commit()
    await engine.dispose()
    assert (wave.referral_id, wave.number, wave.providers) == (7, 1, 1)
    assert wave.window_seconds == 24 * 3600 and wave.closed_at == AT + timedelta(hours=24)
    assert (round_.round, round_.labels, round_.outcome) == (1, ["A"], "pending")
    assert round_.views == {"parents": "Mum likes A", "child_reason": "unwell"}
    assert keys == [("referral", 7, "close", 1, 0, "fired"),
                    ("referral", 7, "chase", 1, 2, "fired"),
                    ("referral", 7, "approval-expiry", 0, 1, "pending")]
