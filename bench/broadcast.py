"""Benchmark: from SMTP 250 to the last broadcast email accepted by the relay.

Builds a synthetic directory of 3,000 establishments (about half eligible for the sample
referral: 1,500 recipients), runs the real `broker serve` as a subprocess relaying to an SMTP
sink in this process (bench/sink.py), sends referrals one after another over SMTP, and
measures for each the time from the intake's 250 to the moment the sink accepted the last of
that referral's emails. One referral more than `--referrals` is sent: the first after start-up
pays one-off costs and is reported on its own (`first_referral_seconds`), the percentiles
are over the rest (each latency is listed too). It does so on SQLite and on PostgreSQL
(a throwaway cluster from the distribution's binaries, as the tests use, or --postgres-url;
skipped with the reason when there is none), each with the service as one process
(all-in-one) and with the outbox sender as a process of its own (sender-apart:
`serve --role intake,worker` + `serve --role sender`), and writes them all to
bench/results/broadcast.json. Not a test: `make bench`.

    python bench/broadcast.py [--referrals 20] [--establishments 3000]
                              [--databases sqlite,postgresql] [--postgres-url URL]
                              [--layouts all-in-one,sender-apart]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import smtplib
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import (  # noqa: E402
    LAYOUTS,
    ROOT,
    Deployment,
    about_the_run,
    fresh_database,
)
from sink import FastSink  # noqa: E402

from broker.directory.synthetic import write_synthetic_config  # noqa: E402
from tests.factories import SAMPLE_REFERRAL, referral_email  # noqa: E402


def _test_nhs_numbers() -> list[str]:
    """Fictional NHS numbers from the 999 test range that pass the mod-11 check."""
    found = []
    for n in range(1, 2000):
        digits = f"999{n:06d}"
        check = 11 - sum(int(d) * (10 - i) for i, d in enumerate(digits)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            found.append(f"{digits[:3]} {digits[3:6]} {digits[6:]}{check}")
    return found


_NHS = _test_nhs_numbers()
_sent = iter(range(10**6))


def another_child() -> str:
    """The sample referral for a different (fictional) child each time: the same child twice
    is held as a possible duplicate."""
    n = next(_sent)
    return SAMPLE_REFERRAL.replace("999 000 0115", _NHS[n]).replace(
        "Casey Marie Hollin", f"Casey Marie Hollin-{chr(65 + n % 26)}{n // 26}")


def _send(port: int) -> float:
    body = another_child()
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as smtp:
        smtp.send_message(referral_email(body), to_addrs=["referrals@broker.localhost"])
    return time.perf_counter()  # the moment the 250 came back


async def run(referrals: int, establishments: int, database_url: str, work: Path,
              layout: str) -> dict:
    config = work / "config"
    write_synthetic_config(config, establishments, eligible_share=0.5)
    sink = FastSink()
    await sink.start()
    service = Deployment.of(layout, work, config, database_url, sink.url)
    service.start()
    latencies, firsts, cpu, per_referral = [], [], [], 0
    try:
        await service.ready()
        for _ in range(referrals + 1):  # the first warms up, and is reported on its own
            before, cpu_before = len(sink.arrivals), service.cpu_seconds()
            accepted_at = await asyncio.to_thread(_send, service.smtp_port)
            if per_referral == 0:  # learn the broadcast size from the first referral
                await _settle(sink, before)
                per_referral = len(sink.arrivals) - before
            else:
                await _until(sink, before + per_referral)
            latencies.append(sink.arrivals[-1].at - accepted_at)
            firsts.append(sink.arrivals[before].at - accepted_at)
            cpu.append(service.cpu_seconds() - cpu_before)
    finally:
        await service.stop()
        await sink.stop()
    # The first referral after start-up also pays one-off costs (templates compiled, the
    # directory's caches filled, the anonymiser's word lists if still loading).
    return {"layout": layout, **_figures(latencies[1:], cpu[1:], per_referral, establishments,
                                         database_url),
            "first_referral_seconds": round(latencies[0], 3),
            # 250 to the first email accepted: the worker's part (anonymise, choose, render,
            # queue); the rest of each latency is the sending
            "first_email_p50_seconds": round(statistics.median(firsts[1:]), 3),
            "latencies_seconds": [round(x, 3) for x in latencies[1:]]}


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


def _figures(latencies: list[float], cpu: list[float], per_referral: int, establishments: int,
             database_url: str) -> dict:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {
        "database": database_url.split(":")[0].split("+")[0],
        "establishments": establishments,
        "emails_per_referral": per_referral,  # provider emails + the acknowledgement
        "referrals": len(latencies),
        "p50_seconds": round(statistics.median(latencies), 3),
        "p99_seconds": round(p99, 3),
        "max_seconds": round(ordered[-1], 3),
        "emails_per_second": round(per_referral / statistics.median(latencies), 1),
        # CPU the service spent per referral: unlike latency, not raised by a busy machine.
        "service_cpu_seconds_p50": round(statistics.median(cpu), 3),
        **about_the_run(),
    }


async def measure(kind: str, layout: str, args: argparse.Namespace) -> dict:
    work = Path(tempfile.mkdtemp(prefix="broker-bench-"))
    try:
        url, server = await fresh_database(kind, work, args.postgres_url)
    except RuntimeError as why_not:
        return {"database": kind, "skipped": str(why_not)}
    try:
        return await run(args.referrals, args.establishments, url, work, layout)
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--referrals", type=int, default=20)
    parser.add_argument("--establishments", type=int, default=3000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--layouts", default=",".join(LAYOUTS),
                        help="all-in-one (one process) and/or sender-apart (serve --role)")
    parser.add_argument("--postgres-url", default=None,
                        help="an asyncpg URL where databases may be created")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "broadcast.json"))
    args = parser.parse_args()
    runs = [asyncio.run(measure(kind, layout, args)) for kind in args.databases.split(",")
            for layout in args.layouts.split(",")]
    document = {"benchmark": "broadcast: SMTP 250 to last email accepted by the relay",
                "aim": "p99 under 2 s for 1,500 recipients", "runs": runs}
    Path(args.out).write_text(json.dumps(document, indent=2) + "\n")
    print(json.dumps(document, indent=2))


if __name__ == "__main__":
    main()
