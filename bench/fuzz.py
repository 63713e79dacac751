"""Fuzz benchmark: hostile and broken MIME over SMTP to the real service, and what became of it.

Runs `broker serve` as a subprocess on the sample consortium (config/), relaying to an SMTP
sink in this process, sends one good referral (so that providers' `r+` reply addresses
exist), then sends fuzzed messages (bench/fuzz_mime.py) to `referrals@`, to those reply
addresses and to `postmaster@`, four at a time. Throughout, it asks `/healthz` four times a
second, giving each answer 1 s. When the service has finished, it counts from the database:

- acknowledged: messages the service said 250 to (the others got an SMTP refusal, such as
  552 for size or 500 for a line too long, which is itself an answer);
- crashes: messages dead-lettered, with the errors (an unexpected exception in the worker);
- unanswered: acknowledged but neither processed nor dead-lettered;
- worst processing time: from receipt to processed, over all of them;
- /healthz: the slowest answer and how many took over 1 s or failed;
- good replies: meanwhile, every half second, a provider answers a referral properly from
  its own address; how long those took from receipt to processed (`good_reply_*`), which
  shows whether hostile mail holds up real mail.

Writes bench/results/fuzz.json.

    python bench/fuzz.py [--messages 300] [--seed 1]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import shutil
import signal
import smtplib
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz_mime import Fuzzer  # noqa: E402
from harness import ROOT, Served, about_the_run, fresh_database, until_listening  # noqa: E402
from sink import FastSink  # noqa: E402
from sqlalchemy import select  # noqa: E402

from broker.db.engine import make_engine, session_factory  # noqa: E402
from broker.db.tables import DeadLetter, InboundMessage  # noqa: E402
from tests.factories import REFERRER, referral_email  # noqa: E402

_FUZZ_ID = re.compile(rb"^X-Fuzz-Id: (\d+)", re.MULTILINE)  # under our Received: line
_GOOD_ID = re.compile(rb"^X-Good-Id: (\d+)", re.MULTILINE)
GOOD_EVERY = 0.5  # seconds between the good replies sent during the fuzz


def _send(port: int, raw: bytes, recipient: str, sender: str = REFERRER) -> str:
    """'acknowledged', or the SMTP refusal's code ('552', '500', …), or 'error'. Line ends
    go as CRLF, as a mail client sends them (bare CRs stay: they are part of the fuzz)."""
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as smtp:
            smtp.sendmail(sender, [recipient], re.sub(rb"(?<!\r)\n", b"\r\n", raw))
        return "acknowledged"
    except smtplib.SMTPResponseException as refusal:
        return str(refusal.smtp_code)
    except smtplib.SMTPRecipientsRefused as refusal:
        return str(next(iter(refusal.recipients.values()))[0])
    except (OSError, smtplib.SMTPException):
        return "error"


class Health:
    """Asks /healthz every quarter second, noting how long each answer took."""

    def __init__(self, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}/healthz"
        self.times: list[float] = []
        self.failures = 0
        self.stopping = asyncio.Event()

    async def run(self) -> None:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=1.0)) as http:
            while not self.stopping.is_set():
                started = time.perf_counter()
                try:
                    async with http.get(self.url) as response:
                        self.failures += response.status != 200
                except (aiohttp.ClientError, TimeoutError):
                    self.failures += 1
                self.times.append(time.perf_counter() - started)
                await asyncio.sleep(0.25)


async def _reply_addresses(sink: FastSink, port: int) -> list[tuple[str, str]]:
    """Send one good referral and learn, from its broadcast, each provider's reply address
    and its own address."""
    await asyncio.to_thread(_send, port, bytes(referral_email()), "referrals@broker.localhost")
    for _ in range(600):
        if any(a.reply_to.startswith("r+") for a in sink.arrivals):
            await asyncio.sleep(1.0)
            return [(a.reply_to, a.recipients[0]) for a in sink.arrivals
                    if a.reply_to.startswith("r+")]
        await asyncio.sleep(0.1)
    raise RuntimeError("the good referral was never broadcast")


async def _good_replies(port: int, providers: list[tuple[str, str]],
                        stopping: asyncio.Event) -> int:
    """Until `stopping`, every GOOD_EVERY seconds a provider declines properly, from its own
    address to its reply address (the providers in turn). Returns how many went."""
    sent = 0
    while not stopping.is_set():
        reply_to, provider = providers[sent % len(providers)]
        raw = (f"X-Good-Id: {sent}\nFrom: {provider}\nTo: {reply_to}\nSubject: Re: referral\n"
               f"Message-ID: <good-{sent}@bench.example>\n\nDecision: decline\n"
               "Decline reason: no-vacancy\n").encode()
        await asyncio.to_thread(_send, port, raw, reply_to, provider)
        sent += 1
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), GOOD_EVERY)
    return sent


async def _fuzz(port: int, fuzzer: Fuzzer, count: int, replies: list[str]) -> dict[int, str]:
    answers: dict[int, str] = {}
    gate = asyncio.Semaphore(4)
    recipients = ["referrals@broker.localhost"] * 6 + replies[:3] + ["postmaster@broker.localhost"]
    # Made up front in a thread: making a message can take a second, and this loop must
    # keep asking /healthz on time (or the bench would time itself, not the service).
    messages = await asyncio.to_thread(
        lambda: [(fuzzer.message(n), fuzzer.rng.choice(recipients)) for n in range(count)])

    async def one(number: int) -> None:
        raw, recipient = messages[number]
        async with gate:
            answers[number] = await asyncio.to_thread(_send, port, raw, recipient)

    async with asyncio.TaskGroup() as sending:
        for number in range(count):
            sending.create_task(one(number))
    return answers


async def _processed(database_url: str, timeout: float = 300) -> list:
    """Every fuzzed message's row once none is waiting (or at the timeout)."""
    engine = make_engine(database_url)
    sessions = session_factory(engine)
    deadline = time.monotonic() + timeout
    try:
        while True:
            async with sessions() as session:
                rows = (await session.execute(select(
                    InboundMessage.id, InboundMessage.status, InboundMessage.outcome,
                    InboundMessage.received_at, InboundMessage.processed_at,
                    InboundMessage.raw))).all()
                dead = (await session.execute(
                    select(DeadLetter.source_id, DeadLetter.error))).all()
            if all(row.status != "new" for row in rows) or time.monotonic() > deadline:
                return [rows, dead]
            await asyncio.sleep(1.0)
    finally:
        await engine.dispose()


def _figures(answers: dict[int, str], rows: list, dead: list, health: Health,
             kinds: dict[int, str]) -> dict:
    fuzzed = {int(m.group(1)): row for row in rows if (m := _FUZZ_ID.search(row.raw, 0, 4000))}
    good = [row for row in rows if _GOOD_ID.search(row.raw, 0, 4000)]
    good_times = sorted((row.processed_at - row.received_at).total_seconds()
                        for row in good if row.processed_at and row.received_at)
    acknowledged = [n for n, answer in answers.items() if answer == "acknowledged"]
    times = {n: (row.processed_at - row.received_at).total_seconds()
             for n, row in fuzzed.items() if row.processed_at and row.received_at}
    slowest = sorted(times, key=times.__getitem__, reverse=True)[:5]
    ids = {row.id: n for n, row in fuzzed.items()}
    return {
        "messages": len(answers),
        "acknowledged": len(acknowledged),
        "refused_at_smtp": dict(Counter(f"{a} {kinds[n]}" for n, a in answers.items()
                                        if a != "acknowledged")),
        "crashes": sum(1 for source_id, _ in dead if source_id in ids),
        "crash_errors": dict(Counter(error for source_id, error in dead if source_id in ids)),
        "crashed_fuzz_ids": sorted(ids[source_id] for source_id, _ in dead if source_id in ids),
        "unanswered": sum(1 for n in acknowledged
                          if n not in fuzzed or fuzzed[n].status == "new"),
        "outcomes": dict(Counter(row.outcome or row.status for row in fuzzed.values())),
        "worst_processing_seconds": round(max(times.values(), default=0.0), 3),
        "slowest": [f"{n} {kinds[n]}: {times[n]:.2f} s" for n in slowest],
        "healthz_checks": len(health.times),
        "healthz_worst_seconds": round(max(health.times, default=0.0), 3),
        "healthz_over_1s_or_failed": health.failures,
        "good_replies": len(good),
        "good_replies_unanswered": len(good) - len(good_times),
        "good_reply_p50_seconds": round(statistics.median(good_times), 3) if good_times else None,
        "good_reply_worst_seconds": round(good_times[-1], 3) if good_times else None,
    }


async def run(args: argparse.Namespace) -> dict:
    work = Path(tempfile.mkdtemp(prefix="broker-fuzz-"))
    database_url, server = await fresh_database("sqlite", work)
    sink = FastSink()
    await sink.start()
    service = Served(work, ROOT / "config", database_url, sink.url)
    service.start()
    try:
        await until_listening(service.smtp_port)
        health = Health(service.web_port)
        checking = asyncio.create_task(health.run())
        providers = await _reply_addresses(sink, service.smtp_port)
        fuzzer = Fuzzer(args.seed, REFERRER)
        stopping = asyncio.Event()
        good = asyncio.create_task(_good_replies(service.smtp_port, providers, stopping))
        answers = await _fuzz(service.smtp_port, fuzzer, args.messages,
                              [reply_to for reply_to, _ in providers])
        stopping.set()
        await good
        rows, dead = await _processed(database_url)
        health.stopping.set()
        await checking
        figures = _figures(answers, rows, dead, health, fuzzer.kinds)
        figures["clean_exit_at_the_end"] = await service.stop() == 0
    finally:
        if service.process and service.process.poll() is None:
            await service.stop(signal.SIGKILL)
        await sink.stop()
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return {"benchmark": "fuzz: hostile MIME over SMTP", "seed": args.seed, **figures,
            **about_the_run()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "fuzz.json"))
    args = parser.parse_args()
    figures = asyncio.run(run(args))
    Path(args.out).write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
