"""Benchmark: a service holding 100,000 pending deadlines, against the same on an empty table.

For each database (SQLite, and PostgreSQL from a throwaway cluster as the tests use, or
--postgres-url) it runs the real `broker serve` twice: once with an empty `deadline` table,
once with `--deadlines` pending rows inserted with plain SQL beforehand (spread over the
coming four weeks, plus `--due` rows falling due while it runs). Each time it measures:

- start-up: from launching the process to SMTP accepting, and to the service saying it runs;
- RSS of the service process when ready and at the end (and its peak, VmHWM);
- firing lag (the row's `fired_at` minus its `due_at`) of every deadline that fell due while
  referrals arrived over SMTP: the seeded ones, and the chasers and closes of those
  referrals themselves (their windows are made short, so they fall due during the run);
- the SMTP `250` latency (a whole SMTP transaction) of those referrals.

Writes bench/results/deadlines.json. Not a test: `python bench/deadlines.py`.

    python bench/deadlines.py [--deadlines 100000] [--due 300] [--seconds 30]
                              [--databases sqlite,postgresql] [--postgres-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from broadcast import _send  # noqa: E402  (a referral for a different fictional child each time)
from harness import ROOT, Served, about_the_run, fresh_database, until_listening  # noqa: E402
from sink import FastSink  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from broker.db.engine import make_engine, migrate  # noqa: E402
from broker.db.tables import Deadline  # noqa: E402
from tests.factories import CONFIG  # noqa: E402

LEAD = timedelta(seconds=10)  # the first seeded deadline falls due this long after seeding
SHORT = {"BROKER_WINDOW_EMERGENCY": "20s", "BROKER_WINDOW_URGENT": "20s",
         "BROKER_WINDOW_PLANNED": "20s", "BROKER_CHASERS": "50%",
         "BROKER_REOPENING": "false", "BROKER_VACANCY_RETURN_SCHEDULE": ""}


async def seed(url: str, pending: int, due: int, seconds: float) -> datetime:
    """Migrate, then insert the pending rows directly; returns when the first falls due.
    Seeded rows name referrals that do not exist: firing one is the claim and a look."""
    db = make_engine(url)
    await migrate(db)
    start = datetime.now(UTC) + LEAD
    rows = [_row(i, start + timedelta(seconds=seconds * i / max(due, 1)))
            for i in range(due)]
    far = timedelta(minutes=10)  # well beyond the scheduler's horizon
    rows += [_row(due + i, start + far + timedelta(seconds=i * 4 * 7 * 86400 / max(pending, 1)))
             for i in range(pending - due if pending else 0)]
    async with db.begin() as connection:
        for first in range(0, len(rows), 10_000):
            await connection.execute(insert(Deadline.__table__), rows[first:first + 10_000])
    await db.dispose()
    return start


def _row(i: int, due_at: datetime) -> dict:
    return {"subject": "referral", "subject_id": 10_000_000 + i, "kind": "chase", "wave": 1,
            "seq": 1, "due_at": due_at, "status": "pending"}


def _rss_kb(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


async def _until_running(log: Path, timeout: float = 120) -> None:
    deadline = time.perf_counter() + timeout
    while b"Broker running" not in log.read_bytes():
        if time.perf_counter() > deadline:
            raise RuntimeError("the service never said it was running")
        await asyncio.sleep(0.01)


async def run(kind: str, pending: int, args: argparse.Namespace) -> dict:
    work = Path(tempfile.mkdtemp(prefix="broker-bench-"))
    try:
        url, server = await fresh_database(kind, work, args.postgres_url)
    except RuntimeError as why_not:
        return {"database": kind, "deadlines": pending, "skipped": str(why_not)}
    sink = FastSink()
    await sink.start()
    try:
        due = args.due if pending else 0
        first_due = await seed(url, pending, due, args.seconds)
        service = Served(work, CONFIG, url, sink.url, extra=SHORT)
        launched = time.perf_counter()
        service.start()
        assert service.process is not None
        try:
            await until_listening(service.smtp_port)
            accepting = time.perf_counter() - launched
            await _until_running(work / "service.log")
            running = time.perf_counter() - launched
            rss_ready = _rss_kb(service.process.pid)
            started = datetime.now(UTC)
            latencies = await _referrals(service.smtp_port, first_due, args.seconds)
            await asyncio.sleep(3)  # the last referrals' first deadlines are not yet due
            ended = datetime.now(UTC)
            rss_end = _rss_kb(service.process.pid)
            peak = _rss_kb(service.process.pid, "VmHWM")
        finally:
            await service.stop()
        lags, missed = await _lags(url, started, ended)
    finally:
        await sink.stop()
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return {"database": kind, "deadlines": pending,
            "startup_to_smtp_seconds": round(accepting, 3),
            "startup_to_running_seconds": round(running, 3),
            "rss_ready_mb": round(rss_ready / 1024, 1), "rss_end_mb": round(rss_end / 1024, 1),
            "rss_peak_mb": round(peak / 1024, 1),
            **_summary("lag", lags), "deadlines_missed": missed,
            **_summary("smtp_250", latencies), "emails_at_relay": len(sink.arrivals)}


async def _referrals(port: int, first_due: datetime, seconds: float) -> list[float]:
    """Referrals over SMTP, one every 0.5 s, from now until the seeded ones have all fallen
    due; returns each one's SMTP transaction time."""
    until = max(first_due + timedelta(seconds=seconds), datetime.now(UTC) + timedelta(seconds=10))
    latencies = []
    while datetime.now(UTC) < until:
        began = time.perf_counter()
        accepted = await asyncio.to_thread(_send, port)
        latencies.append(accepted - began)
        await asyncio.sleep(max(0.0, 0.5 - (time.perf_counter() - began)))
    return latencies


async def _lags(url: str, started: datetime, ended: datetime) -> tuple[list[float], int]:
    """Firing lag of every deadline due while referrals arrived, and how many never fired."""
    db = make_engine(url)
    try:
        async with db.connect() as connection:
            rows = (await connection.execute(
                select(Deadline.due_at, Deadline.fired_at, Deadline.status).where(
                    Deadline.due_at >= started, Deadline.due_at <= ended,
                    Deadline.status != "cancelled"))).all()
    finally:
        await db.dispose()
    lags = [(fired - due).total_seconds() for due, fired, _ in rows if fired is not None]
    return lags, sum(1 for _, fired, _ in rows if fired is None)


def _summary(name: str, values: list[float]) -> dict:
    if not values:
        return {f"{name}_count": 0}
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {f"{name}_count": len(values),
            f"{name}_p50_ms": round(statistics.median(values) * 1000, 1),
            f"{name}_p99_ms": round(p99 * 1000, 1), f"{name}_max_ms": round(ordered[-1] * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deadlines", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=300, help="seeded rows due during the run")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=None,
                        help="an asyncpg URL where databases may be created")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "deadlines.json"))
    args = parser.parse_args()
    runs = [asyncio.run(run(kind, pending, args))
            for kind in args.databases.split(",") for pending in (0, args.deadlines)]
    document = {"benchmark": "deadlines: 100,000 pending against an empty table",
                "aim": "start-up < 2 s, RSS < 150 MB, firing lag p99 < 100 ms while "
                       "referrals arrive, SMTP 250 as on an empty table",
                "runs": runs, **about_the_run()}
    Path(args.out).write_text(json.dumps(document, indent=2) + "\n")
    print(json.dumps(document, indent=2))


if __name__ == "__main__":
    main()
