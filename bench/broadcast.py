"""Benchmark: from SMTP 250 to the last broadcast email accepted by the relay.

Builds a synthetic directory of 3,000 establishments (about half eligible for the sample
referral: 1,500 recipients), runs the real `broker serve` as a subprocess relaying to an SMTP
sink in this process, sends referrals one after another over SMTP, and measures for each the
time from the intake's 250 to the moment the sink accepted the last of that referral's
emails. It does so on SQLite and on PostgreSQL (a throwaway cluster from the distribution's
binaries, as the tests use; skipped with the reason when there is none, or give
--postgres-url) and writes both to bench/results/broadcast.json. Not a test: `make bench`.

    python bench/broadcast.py [--referrals 20] [--establishments 3000]
                              [--databases sqlite,postgresql] [--postgres-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import smtplib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from broker.directory.synthetic import write_synthetic_config  # noqa: E402
from tests.factories import SAMPLE_REFERRAL, referral_email  # noqa: E402
from tests.pg import start_postgres  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from sink import FastSink  # noqa: E402


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _send(port: int) -> float:
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as smtp:
        smtp.send_message(referral_email(SAMPLE_REFERRAL),
                          to_addrs=["referrals@broker.localhost"])
    return time.perf_counter()  # the moment the 250 came back


async def _wait_listening(port: int) -> None:
    for _ in range(600):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.1)
    raise RuntimeError("the service did not start")


async def run(referrals: int, establishments: int, database_url: str | None) -> dict:
    work = Path(tempfile.mkdtemp(prefix="broker-bench-"))
    config = work / "config"
    write_synthetic_config(config, establishments, eligible_share=0.5)
    sink = FastSink()
    await sink.start()
    port = _free_port()
    env = {**os.environ, "BROKER_CONFIG_DIR": str(config), "BROKER_VAR_DIR": str(work),
           "BROKER_DATABASE_URL": database_url or f"sqlite+aiosqlite:///{work}/bench.db",
           "BROKER_SMTP_PORT": str(port), "BROKER_WEB_PORT": str(_free_port()),
           "BROKER_RELAY": sink.url, "BROKER_LOG_LEVEL": "WARNING",
           "BROKER_MAIL_DOMAIN": "broker.localhost"}
    service = subprocess.Popen([sys.executable, "-m", "broker.cli", "serve"], env=env, cwd=work)
    latencies, cpu, per_referral = [], [], 0
    try:
        await _wait_listening(port)
        for _ in range(referrals):
            before, cpu_before = len(sink.arrivals), _cpu_seconds(service.pid)
            accepted_at = await asyncio.to_thread(_send, port)
            if per_referral == 0:  # learn the broadcast size from the first referral
                await _settle(sink, before)
                per_referral = len(sink.arrivals) - before
            else:
                await _until(sink, before + per_referral)
            latencies.append(sink.arrivals[-1].at - accepted_at)
            cpu.append(_cpu_seconds(service.pid) - cpu_before)
    finally:
        service.terminate()
        await asyncio.to_thread(service.wait, 30)
        await sink.stop()
    figures = _figures(latencies, per_referral, establishments, database_url)
    # CPU the service spent per referral: unlike the latency, not raised by a busy machine.
    figures["service_cpu_seconds_p50"] = round(statistics.median(cpu), 3)
    return figures


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _until(sink: FastSink, count: int, timeout: float = 120) -> None:
    deadline = time.perf_counter() + timeout
    while len(sink.arrivals) < count:
        if time.perf_counter() > deadline:
            raise RuntimeError(f"only {len(sink.arrivals)} of {count} emails arrived")
        await asyncio.sleep(0.002)


async def _settle(sink: FastSink, before: int) -> None:
    """Wait until mail stops arriving for 2 s (the first referral's size is unknown)."""
    last, quiet_since = before, time.perf_counter()
    while time.perf_counter() - quiet_since < 2.0 or len(sink.arrivals) == before:
        await asyncio.sleep(0.05)
        if len(sink.arrivals) != last:
            last, quiet_since = len(sink.arrivals), time.perf_counter()


def _figures(latencies: list[float], per_referral: int, establishments: int,
             database_url: str | None) -> dict:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {
        "establishments": establishments,
        "emails_per_referral": per_referral,  # provider emails + the acknowledgement
        "referrals": len(latencies),
        "p50_seconds": round(statistics.median(latencies), 3),
        "p99_seconds": round(p99, 3),
        "max_seconds": round(ordered[-1], 3),
        "emails_per_second": round(per_referral / statistics.median(latencies), 1),
        "database": (database_url or "sqlite").split(":")[0].split("+")[0],
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                   f"Python {platform.python_version()}",
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


async def _database_url(kind: str, work: Path, postgres_url: str | None) -> tuple[str, object]:
    """A fresh database of this kind, and what to stop afterwards (or a reason to skip)."""
    if kind == "sqlite":
        return f"sqlite+aiosqlite:///{work}/bench-{time.monotonic_ns()}.db", None
    server = None
    if not postgres_url:
        server = start_postgres()
        if server.url is None:
            raise RuntimeError(server.why_not)
        postgres_url = server.url
    name = f"broker_bench_{time.monotonic_ns()}"
    admin = create_async_engine(postgres_url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    await admin.dispose()
    return postgres_url.rsplit("/", 1)[0] + "/" + name, server


async def measure(kind: str, args: argparse.Namespace) -> dict:
    work = Path(tempfile.mkdtemp(prefix="broker-bench-db-"))
    try:
        url, server = await _database_url(kind, work, args.postgres_url)
    except RuntimeError as why_not:
        return {"database": kind, "skipped": str(why_not)}
    try:
        return await run(args.referrals, args.establishments, url)
    finally:
        if server is not None:
            server.stop()  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--referrals", type=int, default=20)
    parser.add_argument("--establishments", type=int, default=3000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=None,
                        help="an asyncpg URL where databases may be created")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "broadcast.json"))
    args = parser.parse_args()
    figures = [asyncio.run(measure(kind, args)) for kind in args.databases.split(",")]
    document = {"benchmark": "broadcast: SMTP 250 to last email accepted by the relay",
                "aim": "p99 under 2 s for 1,500 recipients", "runs": figures}
    Path(args.out).write_text(json.dumps(document, indent=2) + "\n")
    print(json.dumps(document, indent=2))


if __name__ == "__main__":
    main()
