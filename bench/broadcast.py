"""Benchmark: from SMTP 250 to the last broadcast email accepted by the relay.

Builds a synthetic directory of 2,000 establishments (about half eligible for the sample
referral), runs the real `broker serve` as a subprocess relaying to an SMTP sink in this
process, sends referrals one after another over SMTP, and measures for each the time from
the intake's 250 to the moment the sink accepted the last of that referral's emails.
Writes bench/results/broadcast.json. Not a test: run it with `make bench`.

    python bench/broadcast.py [--referrals 20] [--establishments 2000] [--database-url URL]
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

from broker.directory.synthetic import write_synthetic_config  # noqa: E402
from tests.factories import SAMPLE_REFERRAL, referral_email  # noqa: E402
from tests.smtp_sink import SmtpSink  # noqa: E402


class TimedSink(SmtpSink):
    """The sink, noting when it accepted each message."""

    arrivals: list[float]

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        result = await super().handle_DATA(server, session, envelope)
        self.arrivals.append(time.perf_counter())
        return result


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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


def _send(port: int) -> float:
    # A different child each time: the same child twice is held as a possible duplicate.
    n = next(_sent)
    body = SAMPLE_REFERRAL.replace("999 000 0115", _NHS[n]).replace(
        "Casey Marie Hollin", f"Casey Marie Hollin-{chr(65 + n % 26)}{n // 26}")
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as smtp:
        smtp.send_message(referral_email(body), to_addrs=["referrals@broker.localhost"])
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
    sink = TimedSink()
    sink.arrivals = []
    await sink.start()
    port = _free_port()
    env = {**os.environ, "BROKER_CONFIG_DIR": str(config), "BROKER_VAR_DIR": str(work),
           "BROKER_DATABASE_URL": database_url or f"sqlite+aiosqlite:///{work}/bench.db",
           "BROKER_SMTP_PORT": str(port), "BROKER_WEB_PORT": str(_free_port()),
           "BROKER_RELAY": sink.url, "BROKER_LOG_LEVEL": "WARNING",
           "BROKER_MAIL_DOMAIN": "broker.localhost"}
    service = subprocess.Popen([sys.executable, "-m", "broker.cli", "serve"], env=env, cwd=work)
    latencies, per_referral = [], 0
    try:
        await _wait_listening(port)
        for _ in range(referrals):
            before = len(sink.caught)
            accepted_at = await asyncio.to_thread(_send, port)
            if per_referral == 0:  # learn the broadcast size from the first referral
                await _settle(sink, before)
                per_referral = len(sink.caught) - before
            else:
                await _until(sink, before + per_referral)
            latencies.append(sink.arrivals[-1] - accepted_at)
    finally:
        service.terminate()
        await asyncio.to_thread(service.wait, 30)
        await sink.stop()
    return _figures(latencies, per_referral, establishments, database_url)


async def _until(sink: SmtpSink, count: int, timeout: float = 120) -> None:
    deadline = time.perf_counter() + timeout
    while len(sink.caught) < count:
        if time.perf_counter() > deadline:
            raise RuntimeError(f"only {len(sink.caught)} of {count} emails arrived")
        await asyncio.sleep(0.002)


async def _settle(sink: SmtpSink, before: int) -> None:
    """Wait until mail stops arriving for 2 s (the first referral's size is unknown)."""
    last, quiet_since = before, time.perf_counter()
    while time.perf_counter() - quiet_since < 2.0 or len(sink.caught) == before:
        await asyncio.sleep(0.05)
        if len(sink.caught) != last:
            last, quiet_since = len(sink.caught), time.perf_counter()


def _figures(latencies: list[float], per_referral: int, establishments: int,
             database_url: str | None) -> dict:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {
        "benchmark": "broadcast: SMTP 250 to last email accepted by the relay",
        "establishments": establishments,
        "emails_per_referral": per_referral,  # provider emails + the acknowledgement
        "referrals": len(latencies),
        "p50_seconds": round(statistics.median(latencies), 3),
        "p99_seconds": round(p99, 3),
        "max_seconds": round(ordered[-1], 3),
        "emails_per_second": round(per_referral / statistics.median(latencies), 1),
        "database": (database_url or "sqlite").split(":")[0],
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                   f"Python {platform.python_version()}",
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--referrals", type=int, default=20)
    parser.add_argument("--establishments", type=int, default=2000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "broadcast.json"))
    args = parser.parse_args()
    figures = asyncio.run(run(args.referrals, args.establishments, args.database_url))
    Path(args.out).write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
