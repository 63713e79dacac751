"""Chaos benchmark: SIGKILL the real service at random moments under load, restart it, count.

Runs `broker serve` as a subprocess on a synthetic directory (400 establishments, about 200
receive each referral), relaying to an SMTP sink in this process (bench/sink.py). Under load
(a referral a second over SMTP, and providers answering about one in seven of the referrals
they receive, from their own addresses to their `r+` reply addresses) it kills the service
with SIGKILL at random moments, several times, restarting it at once each time. A message
the service did not say 250 to is sent again, as a mail client would. Then it lets the
service finish, stops it cleanly, and counts, from the database and the sink:

- acknowledged: messages the service said 250 to;
- lost: acknowledged but never processed (not stored, or still waiting at the end);
- stored twice: a message whose 250 never arrived (the kill fell between the commit and the
  reply), so the client sent it again;
- duplicated provider emails: one outbox row (one Message-ID) delivered twice to the sink;
- undelivered: outbox rows never delivered (and not given up as failed).

It does so on SQLite and on PostgreSQL (a throwaway cluster, as the tests use; skipped with
the reason when there is none), with the service as one process and with the sender as a
process of its own (every process is killed at once), and writes them all to
bench/results/chaos.json.

    python bench/chaos.py [--kills 5] [--databases sqlite,postgresql] [--seed 1]
                          [--layouts all-in-one,sender-apart]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import shutil
import signal
import smtplib
import sys
import tempfile
import time
from collections import Counter
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from broadcast import another_child  # noqa: E402
from harness import LAYOUTS, ROOT, Deployment, about_the_run, fresh_database  # noqa: E402
from sink import Arrival, FastSink  # noqa: E402
from sqlalchemy import select  # noqa: E402

from broker.db.engine import make_engine, session_factory  # noqa: E402
from broker.db.tables import DeadLetter, InboundMessage, Outbox  # noqa: E402
from broker.directory.synthetic import write_synthetic_config  # noqa: E402
from tests.factories import REFERRER, referral_email  # noqa: E402

_MESSAGE_ID = re.compile(rb"^Message-ID:[ \t]*(<[^>\r\n]*>)", re.IGNORECASE | re.MULTILINE)
ANSWERS = ["Decision: decline\nDecline reason: no-vacancy\n",
           "Decision: interested\nContact: The Manager, 01632 960 000\n",
           "Decision: offer\nWeekly fee: £4,200\nAvailable from: 01/03/2027\n"]


class Load:
    """Referrals and providers' replies over SMTP, each sent until the service says 250."""

    def __init__(self, port: int, sink: FastSink, rng: random.Random) -> None:
        self.port, self.sink, self.rng = port, sink, rng
        self.acknowledged: list[str] = []
        self.not_acknowledged = 0  # attempts the service did not say 250 to (it was down)
        self.stopping = asyncio.Event()
        self._replies = asyncio.Semaphore(4)

    async def run(self) -> None:
        async with asyncio.TaskGroup() as load:
            load.create_task(self._referrals())
            load.create_task(self._replies_to_arrivals(load))

    async def _referrals(self) -> None:
        while not self.stopping.is_set():
            # A different child each time: the same child twice is held as a possible duplicate.
            message = referral_email(another_child(), message_id=make_msgid(
                domain="northby.gov.example"))
            await self._deliver(message, REFERRER, "referrals@broker.localhost")
            await asyncio.sleep(1.0)

    async def _replies_to_arrivals(self, load: asyncio.TaskGroup) -> None:
        seen = 0
        while not self.stopping.is_set():
            for arrival in self.sink.arrivals[seen:]:
                if arrival.reply_to.startswith("r+") and self.rng.random() < 1 / 7:
                    load.create_task(self._reply(arrival))
            seen = len(self.sink.arrivals)
            await asyncio.sleep(0.1)

    async def _reply(self, arrival: Arrival) -> None:
        provider = arrival.recipients[0]
        message = EmailMessage()
        message["From"], message["To"] = provider, arrival.reply_to
        message["Subject"], message["In-Reply-To"] = "Re: Referral", arrival.message_id
        message["Message-ID"] = make_msgid(domain=provider.split("@")[1])
        message.set_content(self.rng.choice(ANSWERS))
        async with self._replies:
            await self._deliver(message, provider, arrival.reply_to)

    async def _deliver(self, message: EmailMessage, sender: str, recipient: str) -> None:
        while True:
            if await asyncio.to_thread(_send, self.port, message, sender, recipient):
                self.acknowledged.append(str(message["Message-ID"]))
                return
            self.not_acknowledged += 1
            if self.stopping.is_set():
                return
            await asyncio.sleep(0.2)


def _send(port: int, message: EmailMessage, sender: str, recipient: str) -> bool:
    """True when the service said 250 to the whole message."""
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
            smtp.send_message(message, from_addr=sender, to_addrs=[recipient])
        return True
    except (OSError, smtplib.SMTPException):
        return False


async def chaos(service: Deployment, sink: FastSink, kills: int,
                rng: random.Random) -> list[dict]:
    """Kill and restart the service (every process of it) `kills` times, 1 to 4 s apart."""
    moments, started = [], time.monotonic()
    for _ in range(kills):
        await asyncio.sleep(rng.uniform(1.0, 4.0))
        await service.stop(signal.SIGKILL)
        moments.append({"after_seconds": round(time.monotonic() - started, 2),
                        "emails_delivered_so_far": len(sink.arrivals)})
        service.start()
        await service.ready()
    return moments


async def drained(database_url: str, sink: FastSink, timeout: float = 180) -> None:
    """Wait until no message waits to be processed and mail has stopped arriving for 3 s."""
    engine = make_engine(database_url)
    sessions = session_factory(engine)
    deadline, last, quiet_since = time.monotonic() + timeout, -1, time.monotonic()
    try:
        while time.monotonic() < deadline:
            async with sessions() as session:
                waiting = (await session.execute(select(InboundMessage.id).where(
                    InboundMessage.status == "new").limit(1))).first()
            if len(sink.arrivals) != last:
                last, quiet_since = len(sink.arrivals), time.monotonic()
            if waiting is None and time.monotonic() - quiet_since > 3.0:
                return
            await asyncio.sleep(0.5)
    finally:
        await engine.dispose()


async def count(database_url: str, load: Load, sink: FastSink) -> dict:
    engine = make_engine(database_url)
    async with session_factory(engine)() as session:
        inbound = (await session.execute(
            select(InboundMessage.status, InboundMessage.raw))).all()
        outbox = (await session.execute(
            select(Outbox.message_id, Outbox.kind, Outbox.status))).all()
        dead = (await session.execute(select(DeadLetter.error))).scalars().all()
    await engine.dispose()
    stored = Counter(_message_id(raw) for _status, raw in inbound)
    processed = {_message_id(raw) for status, raw in inbound if status in ("done", "dead")}
    delivered = Counter(arrival.message_id for arrival in sink.arrivals)
    kind = {message_id: kind for message_id, kind, _ in outbox}
    again = {mid: n - 1 for mid, n in delivered.items() if n > 1}
    return {
        "acknowledged": len(load.acknowledged),
        "attempts_not_acknowledged": load.not_acknowledged,
        "lost": sum(1 for mid in load.acknowledged if mid not in processed),
        "stored_twice": sum(n - 1 for n in stored.values() if n > 1),
        "dead_lettered": len(dead),
        "emails_queued": len(outbox),
        "emails_delivered": len(sink.arrivals),
        "duplicated_provider_emails": sum(n for mid, n in again.items()
                                          if kind.get(mid, "").startswith("provider/")),
        "duplicated_other_emails": sum(n for mid, n in again.items()
                                       if not kind.get(mid, "").startswith("provider/")),
        "undelivered": sum(1 for mid, _, status in outbox
                           if status != "failed" and mid not in delivered),
    }


def _message_id(raw: bytes) -> str:
    found = _MESSAGE_ID.search(raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0])
    return found.group(1).decode("latin-1") if found else ""


async def run(database: str, layout: str, args: argparse.Namespace) -> dict:
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="broker-chaos-"))
    write_synthetic_config(work / "config", args.establishments, eligible_share=0.5)
    try:
        database_url, server = await fresh_database(database, work)
    except RuntimeError as why_not:
        return {"database": database, "skipped": str(why_not)}
    sink = FastSink()
    await sink.start()
    service = Deployment.of(layout, work, work / "config", database_url, sink.url)
    service.start()
    try:
        await service.ready()
        load = Load(service.smtp_port, sink, rng)
        running = asyncio.create_task(load.run())
        kills = await chaos(service, sink, args.kills, rng)
        await asyncio.sleep(2.0)
        load.stopping.set()
        await running
        await drained(database_url, sink)
        clean_exit = await service.stop()
        figures = await count(database_url, load, sink)
    finally:
        if service.running():
            await service.stop(signal.SIGKILL)
        await sink.stop()
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return {"database": database, "layout": layout, "establishments": args.establishments,
            "seed": args.seed,
            "kills": kills, **figures, "clean_exit_at_the_end": clean_exit == 0,
            **about_the_run()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--establishments", type=int, default=400)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--layouts", default=",".join(LAYOUTS),
                        help="all-in-one (one process) and/or sender-apart (serve --role)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "chaos.json"))
    args = parser.parse_args()
    runs = [asyncio.run(run(database, layout, args)) for database in args.databases.split(",")
            for layout in args.layouts.split(",")]
    document = {"benchmark": "chaos: SIGKILL under load, restart, count",
                "aim": "0 lost, 0 duplicated provider emails", "runs": runs}
    Path(args.out).write_text(json.dumps(document, indent=2) + "\n")
    print(json.dumps(document, indent=2))


if __name__ == "__main__":
    main()
