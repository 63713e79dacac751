"""The replies benchmark's `--profile`: the worker in-process, first with timers on its main
steps (a breakdown per reply, without a profiler's distortion), then under cProfile (the
hotspots). It prints both and writes nothing. Run through bench/replies.py:

    python bench/replies.py --profile [--replies 300] [--top 30]
"""

from __future__ import annotations

import asyncio
import contextlib
import cProfile
import io
import pstats
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from replies import MAIL_DOMAIN, build_replies, read_providers

from tests.factories import REFERRER, referral_email


class Timers:
    """Wall time and calls per step, for the breakdown (no profiler, so no distortion)."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()

    def wrap(self, name: str, function: Any) -> Any:
        if asyncio.iscoroutinefunction(function):
            async def timed_async(*args: Any, **kwargs: Any) -> Any:
                started = time.perf_counter()
                try:
                    return await function(*args, **kwargs)
                finally:
                    self.seconds[name] += time.perf_counter() - started
                    self.calls[name] += 1
            return timed_async

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - started
                self.calls[name] += 1
        return timed


# The steps timed by --profile: (label, owner, attribute). Patched in this process only, for
# the breakdown pass, and put back afterwards; a step the code no longer has is skipped.
STEPS = [
    ("InboundWorker._batch (whole batches, per reply)", "workflows.inbound.InboundWorker",
     "_batch"),
    ("  begin_writing (BEGIN IMMEDIATE on SQLite)", "workflows.inbound", "begin_writing"),
    ("  _claim (SELECT a batch of new messages)", "workflows.inbound", "_claim"),
    ("  read ahead (every message read, off the loop)", "workflows.inbound.InboundWorker",
     "_read_ahead"),
    ("  _one (one reply, in its savepoint)", "workflows.inbound.InboundWorker", "_one"),
    ("    route (headers, token, facts, classify)", "workflows.inbound", "route"),
    ("      read_message (response spec, new text only)", "workflows.mailroom",
     "read_message"),
    ("    Engine.handle_in", "workflows.engine.Engine", "handle_in"),
    ("      subject.world", "workflows.subjects.ReferralSubject", "world"),
    ("      subject.open (lock the referral)", "workflows.subjects.ReferralSubject", "open"),
    ("      subject.load (snapshot)", "workflows.subjects.ReferralSubject", "load"),
    ("      subject.decide (pure)", "workflows.subjects.ReferralSubject", "decide"),
    ("      subject.store (referral row, timeline)", "workflows.subjects.ReferralSubject",
     "store"),
    ("      subject.apply (commands)", "workflows.subjects.ReferralSubject", "apply"),
    ("        _record_response", "workflows.apply", "_record_response"),
    ("        _queue_emails (render, outbox INSERT)", "workflows.apply", "_queue_emails"),
    ("          render the acknowledgement", "engine.parts", "render"),
    ("  AsyncSession.commit (flush + COMMIT)", "sqlalchemy.ext.asyncio.AsyncSession", "commit"),
    ("(within the above) aiosqlite thread round trips", "aiosqlite.core.Connection", "_execute"),
]


def _resolve(path: str) -> Any:
    import importlib

    module, _, attribute = path.rpartition(".")
    try:
        return importlib.import_module(path)
    except ImportError:
        return getattr(importlib.import_module(module), attribute, None)


async def profile(replies: int, establishments: int, top: int) -> None:
    """Store replies to a broadcast, then process them in-process twice over: once with
    timers on the main steps (a breakdown), once under cProfile (the hotspots)."""
    from unittest import mock

    from sqlalchemy import event

    from broker.app import build_engine
    from broker.clock import SystemClock
    from broker.directory.synthetic import write_synthetic_config
    from channels.email.intake import IntakeHandler
    from tests.factories import make_settings, migrated

    work = Path(tempfile.mkdtemp(prefix="broker-profile-replies-"))
    db = None
    try:
        config = work / "config"
        write_synthetic_config(config, establishments, eligible_share=0.5)
        url = f"sqlite+aiosqlite:///{work}/profile.db"
        db, sessions = await migrated(url)
        settings = make_settings(work, url, config_dir=config)
        clock = SystemClock()
        engine = build_engine(settings, db, clock)
        handler = IntakeHandler(sessions, clock, MAIL_DOMAIN, settings.secret())
        await handler.store(bytes(referral_email()), REFERRER, [f"referrals@{MAIL_DOMAIN}"])
        await engine.process_pending()
        messages = build_replies(read_providers(work / "profile.db"), replies)

        sql = Counter()

        def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            conn.info.setdefault("bench_started", []).append(time.perf_counter())

        def after(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            sql[f"{statement.split()[0].upper()} count"] += 1
            sql["seconds"] += time.perf_counter() - conn.info["bench_started"].pop()

        event.listen(db.sync_engine, "before_cursor_execute", before)
        event.listen(db.sync_engine, "after_cursor_execute", after)

        # Pass 1: the intake's store (before 250), then the worker, with timers on.
        started = time.perf_counter()
        for message in messages:
            await handler.store(message.raw, message.mail_from, [message.rcpt_to])
        store_seconds = time.perf_counter() - started
        sql.clear()
        timers = Timers()
        with contextlib.ExitStack() as patches:
            for label, owner, attribute in STEPS:
                target = engine.parts if owner == "engine.parts" else _resolve(owner)
                if not hasattr(target, attribute):
                    continue
                patches.enter_context(mock.patch.object(
                    target, attribute, timers.wrap(label, getattr(target, attribute))))
            started, cpu = time.perf_counter(), time.process_time()
            done = await _drain(engine, replies)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        statements = dict(sql)

        # Pass 2: the same again under cProfile.
        for message in build_replies(read_providers(work / "profile.db"), replies):
            await handler.store(message.raw, message.mail_from, [message.rcpt_to])
        profiler = cProfile.Profile()
        profiler.enable()
        await _drain(engine, replies)
        profiler.disable()
    finally:
        if db is not None:
            await db.dispose()
        shutil.rmtree(work, ignore_errors=True)

    print(f"intake store (the work before each 250): {1000 * store_seconds / replies:.2f} ms "
          "per message")
    print(f"worker: {done} replies in {wall:.2f} s ({done / wall:.1f}/s; "
          f"{1000 * wall / done:.2f} ms wall, {1000 * cpu / done:.2f} ms CPU per reply)\n")
    print(f"{'step':58} {'ms/reply':>9} {'share':>6} {'calls/reply':>11}")
    for label, _, _ in STEPS:
        if not timers.calls[label]:
            print(f"{label:58} {'not timed (not called, or not in this code)':>28}")
            continue
        seconds = timers.seconds[label]
        print(f"{label:58} {1000 * seconds / done:9.2f} {seconds / wall:6.0%} "
              f"{timers.calls[label] / done:11.1f}")
    counts = {k.split()[0]: round(v / done, 1) for k, v in statements.items() if k != "seconds"}
    print(f"\nSQL at the driver (cursor.execute, incl. the aiosqlite thread hop): "
          f"{1000 * statements.get('seconds', 0) / done:.2f} ms per reply; "
          f"statements per reply: {counts}\n")
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(top)
        print(out.getvalue())


async def _drain(engine: Any, replies: int) -> int:
    done = 0
    for _ in range(replies + 10):  # bounded: one pass takes up to 100 messages
        taken = await engine.process_pending()
        done += taken
        if taken == 0:
            break
    return done
