"""A deadline that fails unexpectedly is dead-lettered once, kept as failed (not retried on
every sweep), and fires when the operator replays it."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from broker.db.tables import Deadline, Wave
from broker.views import replay_dead_letter
from tests.adapters.worker import make_worker
from tests.factories import CONFIG, make_settings, referral_email


def _comparison_broken(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the sample configuration whose comparison email cannot render (the close
    fails unexpectedly); the folder holding the broken template, to mend it later."""
    config = tmp_path / "config"
    shutil.copytree(CONFIG, config)
    broken = config / "templates" / "email" / "social_worker"
    broken.mkdir(parents=True)
    (broken / "comparison.txt.j2").write_text("Subject: {{ no_such_value }}\n")
    return config, broken


async def test_a_failing_close_is_kept_for_replay(tmp_path: Path, sqlite_url: str) -> None:
    config, broken = _comparison_broken(tmp_path)
    worker = await make_worker(tmp_path, sqlite_url, config_dir=config)
    await worker.receive(referral_email())
    worker.clock.advance(timedelta(days=1, minutes=1))
    await worker.engine.fire_due()
    await worker.engine.fire_due()  # a later sweep must not try (and fail) again
    [letter] = [d for d in await worker.dead_letters() if d.source == "deadline"]
    async with worker.sessions() as session:
        close = (await session.execute(select(Deadline).where(
            Deadline.kind == "close"))).scalars().one()
    assert close.status == "failed" and letter.source_id == close.id
    assert await worker.outbox(kind="social_worker/comparison") == []

    (broken / "comparison.txt.j2").unlink()
    assert await replay_dead_letter(make_settings(tmp_path, sqlite_url, config_dir=config),
                                    letter.id or 0)
    fixed = await make_worker(tmp_path, sqlite_url, config_dir=config)
    fixed.clock.advance(timedelta(days=1, minutes=1))
    assert await fixed.engine.fire_due() == 1
    assert len(await fixed.outbox(kind="social_worker/comparison")) == 2  # worker and team
    await worker.db.dispose()
    await fixed.db.dispose()


async def test_an_extend_after_a_failed_close_sets_a_close_at_the_new_time(
        tmp_path: Path, sqlite_url: str) -> None:
    """The close failed and waits for the operator; the social worker meanwhile extends the
    window by two days. The close is pending again at the new time (not gone, leaving the
    window open for ever), and the operator's replay of the old failure does not close the
    window before the time everyone was given."""
    config, broken = _comparison_broken(tmp_path)
    worker = await make_worker(tmp_path, sqlite_url, config_dir=config)
    await worker.receive(referral_email())
    [referral] = await worker.referrals()
    worker.clock.advance(timedelta(days=1, minutes=1))
    await worker.engine.fire_due()
    [letter] = [d for d in await worker.dead_letters() if d.source == "deadline"]

    await worker.receive(referral_email("EXTEND 2d", subject=f"RE: {referral.reference}"))
    async with worker.sessions() as session:
        close = (await session.execute(select(Deadline).where(
            Deadline.kind == "close"))).scalars().one()
        wave = (await session.execute(select(Wave))).scalars().one()
    assert close.status == "pending" and close.due_at == wave.closes_at
    assert wave.closes_at is not None and wave.closes_at > worker.clock.now() + timedelta(days=1)

    (broken / "comparison.txt.j2").unlink()
    assert await replay_dead_letter(make_settings(tmp_path, sqlite_url, config_dir=config),
                                    letter.id or 0)
    fixed = await make_worker(tmp_path, sqlite_url, config_dir=config)
    fixed.clock.set(worker.clock.now())
    assert await fixed.engine.fire_due() == 0  # not before the extended time
    assert [r.state for r in await fixed.referrals()] == ["open"]
    fixed.clock.set(wave.closes_at + timedelta(minutes=1))
    assert await fixed.engine.fire_due() == 1
    assert [r.state for r in await fixed.referrals()] != ["open"]
    await worker.db.dispose()
    await fixed.db.dispose()
