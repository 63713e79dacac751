"""Benchmark: provider replies ingested per second, against the same SMTP server storing only.

In one invocation, on this machine, it measures `--rounds` times over (medians reported,
each round listed too, since this machine's figures vary from run to run):

(a) the pipeline. The real `broker serve` runs as a subprocess (SQLite in a temp dir, relay
    `mailbox`) with a synthetic directory of 400 establishments, half of them eligible: once
    as one process (all roles, the default; the top-level figures) and once with the intake
    as a process of its own beside the worker (`intake_apart`: `serve --role intake` and
    `serve --role worker,sender`, which lets the two use two cores). One
    sample referral is sent, so about 200 providers get it. Their Reply-To token addresses
    and recipient addresses are read from the outbox. Then N replies go over SMTP from K
    sender connections (smtplib in threads, one connection each, reused). Each reply is
    sent from the establishment's own address to its token address. Replies are a mix of
    a top-posted offer with quoted text, a prose decline under an Outlook header block,
    and a Gmail-style HTML and plain-text reply. The clock runs from the first send until
    every reply's inbound_message row is `done` and its acknowledgement is in the outbox
    (polled read-only with sqlite3). Per-reply latency runs from that reply's 250 until it
    is first seen done, so it includes time spent waiting in the queue.
(b) the store-only server, for `ratio_to_store_only`: the service's own SMTP server
    (channels.email.intake.start_smtp_server) with the service's own IntakeHandler,
    configured from the same settings as `broker serve` (the same SQLite engine, pragmas
    and pool from broker.db.engine), in its own subprocess and with no worker, so it only
    stores the bytes, committing each message before its 250. The same N messages go the
    same way over the same K connections. The clock runs from the first send to the last 250.
(c) the baseline for `ratio`: the same SMTP server with a handler that commits the raw
    bytes with stdlib sqlite3, synchronously on the loop (WAL, synchronous=NORMAL, as the
    service): not the service's code, a floor (`raw_sqlite3_store_per_second`).

`ratio` is the pipeline's rate over the raw sqlite3 server's (c), per round, the median
reported: the issue's aim is 0.5, the whole pipeline at half the rate of a bare aiosmtpd
server committing each message with stdlib sqlite3 under the same durability pragmas as the
service (WAL, synchronous=NORMAL). `ratio_to_store_only` is the same against (b).

It writes bench/results/replies.json. `--profile` instead stores replies in-process and runs
the worker over them twice (bench/replies_profile.py): once with timers on its main steps (a
breakdown per reply), once under cProfile (the hotspots). It prints both and writes nothing.
Not a test:

    python bench/replies.py [--replies 2000] [--senders 8] [--establishments 400] [--rounds 3]
    python bench/replies.py --profile [--replies 300]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import smtplib
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.factories import REFERRER, referral_email  # noqa: E402

HOST = "127.0.0.1"  # loopback only
MAIL_DOMAIN = "broker.localhost"
# what a reply is acknowledged with: its answer, or (when it reached us after a later answer
# of the same home, as replies sent on several connections at once can) which answer stands
ACK_KINDS = ("provider/response_ack", "provider/written_earlier")
ACKS = "SELECT count(*) FROM outbox WHERE kind IN (?, ?)"
QUEUED_AS = re.compile(rb"queued as (\d+)")
POLL_SECONDS = 0.01
AIM = 0.5  # the aim: the full pipeline at half the store-only server's rate or better


# ---------------------------------------------------------------------------------------------
# The replies
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Provider:
    """One provider email from the broadcast: where its replies come from and go to."""

    address: str  # the establishment's own address (the email's recipient)
    reply_to: str  # r+<token>@broker.localhost
    subject: str
    message_id: str
    sent_at: str  # the Date header
    text: str  # the plain-text body, for quoting


@dataclass(frozen=True)
class Outgoing:
    mail_from: str
    rcpt_to: str
    raw: bytes


def read_providers(db_path: Path) -> list[Provider]:
    """The broadcast's provider emails, from the outbox (kind provider/referral)."""
    with contextlib.closing(_read_only(db_path)) as db:
        rows = db.execute("SELECT to_addr, raw FROM outbox WHERE kind = 'provider/referral' "
                          "ORDER BY id").fetchall()
    providers = []
    for to_addr, raw in rows:
        message = message_from_bytes(raw, policy=policy.default)
        body = message.get_body(preferencelist=("plain",))
        providers.append(Provider(
            address=parseaddr(str(message["To"] or to_addr))[1] or to_addr,
            reply_to=parseaddr(str(message["Reply-To"]))[1],
            subject=str(message["Subject"] or ""),
            message_id=str(message["Message-ID"] or ""),
            sent_at=str(message["Date"] or formatdate()),
            text=body.get_content() if body else "",
        ))
    return providers


def build_replies(providers: list[Provider], count: int) -> list[Outgoing]:
    """`count` replies, cycling through the providers and the three reply shapes."""
    shapes = (_offer_top_posted, _decline_prose_outlook, _interested_html_gmail)
    replies = []
    for index in range(count):
        provider = providers[index % len(providers)]
        message = shapes[index % len(shapes)](provider, index)
        message["From"] = f"Placements Team <{provider.address}>"
        message["To"] = f"Placement referrals <{provider.reply_to}>"
        message["Subject"] = f"RE: {provider.subject}"
        message["Date"] = formatdate(localtime=True)
        message["Message-ID"] = make_msgid(f"reply{index}", domain=provider.address.split("@")[1])
        message["In-Reply-To"] = provider.message_id
        message["References"] = provider.message_id
        replies.append(Outgoing(provider.address, provider.reply_to,
                                message.as_bytes(policy=policy.SMTP)))
    return replies


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


def _offer_top_posted(provider: Provider, index: int) -> EmailMessage:
    home = provider.address.split("@")[0].replace("home", "Synthetic Home ")
    body = (
        "Hi,\n\nThanks for sending this through. Our response is below.\n\n"
        "Decision: Offer\n"
        f"Home or carer: {home}\n"
        f"Ofsted URN: SC{100000 + index % 900:06d}\n"
        "Ofsted rating: Good\n"
        "Location: SE22\n"
        f"Weekly fee: £{4200 + (index % 40) * 25:,} per week\n"
        "Additional costs: 2:1 staffing in the community at £25 per hour if needed\n"
        "Available from: 01/12/2026\n"
        "How we would meet needs: A four-bed home with a stable staff team trained in "
        "trauma-informed care and CSE awareness.\n"
        "Contact: Alex Example, 0113 496 0000\n\n"
        "Kind regards\n\nAlex Example\nPlacements Officer\n\n"
        f"On {provider.sent_at}, Placement referrals <{provider.reply_to}> wrote:\n"
        f"{_quoted(provider.text)}\n"
    )
    message = EmailMessage()
    message.set_content(body)
    return message


def _decline_prose_outlook(provider: Provider, index: int) -> EmailMessage:
    body = (
        "Good morning,\n\n"
        "Thank you for thinking of us for this young person. Unfortunately we have no "
        "vacancies at the moment and do not expect one before the date needed, so we will "
        "have to decline on this occasion. Please do keep us in mind for future referrals.\n\n"
        "Best wishes\n\nJo Example\nRegistered Manager\n\n"
        "________________________________\n"
        f"From: Placement referrals <{provider.reply_to}>\n"
        f"Sent: {provider.sent_at}\n"
        f"To: Placements Team <{provider.address}>\n"
        f"Subject: {provider.subject}\n\n"
        f"{provider.text}\n"
    )
    message = EmailMessage()
    message.set_content(body)
    return message


def _interested_html_gmail(provider: Provider, index: int) -> EmailMessage:
    plain = (
        "Hello,\n\nDecision: Interested\nContact: Sam Example, 0161 496 0000\n\n"
        "We would like to discuss this young person further. Could you send the full papers?"
        "\n\nThanks,\nSam\n\n"
        f"On {provider.sent_at}, Placement referrals <{provider.reply_to}> wrote:\n\n"
        f"{_quoted(provider.text)}\n"
    )
    quoted_html = "<br>".join(_escape(line) for line in provider.text.splitlines())
    html = (
        '<div dir="ltr"><div>Hello,</div><div><br></div>'
        '<table border="1" cellpadding="0" cellspacing="0" style="border-collapse:collapse">'
        '<tbody><tr><td style="padding:4px"><b>Decision</b></td>'
        '<td style="padding:4px">Interested</td></tr>'
        '<tr><td style="padding:4px"><b>Contact</b></td>'
        '<td style="padding:4px">Sam Example, 0161 496 0000</td></tr></tbody></table>'
        "<div><br></div><div>We would like to discuss this young person further. Could you "
        "send the full papers?</div><div><br></div><div>Thanks,</div><div>Sam</div></div><br>"
        '<div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">'
        f"On {_escape(provider.sent_at)}, Placement referrals &lt;"
        f'<a href="mailto:{provider.reply_to}">{provider.reply_to}</a>&gt; wrote:<br></div>'
        '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;'
        'border-left:1px solid rgb(204,204,204);padding-left:1ex">'
        f"{quoted_html}</blockquote></div>"
    )
    message = EmailMessage()
    message.set_content(plain)
    message.add_alternative(html, subtype="html")
    return message


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------------------------------------
# Sending
# ---------------------------------------------------------------------------------------------


@dataclass
class Sent:
    """Senders under way; `accepted` is filled in by finish_sending."""

    started: float  # perf_counter as the senders are released to send their first message
    threads: list[threading.Thread]
    results: list[list[tuple[float, int]]]  # per sender: (perf_counter at the 250, inbound id)
    errors: list[BaseException]
    accepted: list[tuple[float, int]] = field(default_factory=list)


def send_all(port: int, messages: list[Outgoing], senders: int,
             timeout: float = 60) -> Sent:
    """Start sending `messages` over `senders` SMTP connections at once (one thread each, each
    connection reused for its share); finish_sending waits and raises on any refusal."""
    shares = [messages[k::senders] for k in range(senders)]
    shares = [share for share in shares if share]
    ready = threading.Barrier(len(shares) + 1, timeout=timeout)
    results: list[list[tuple[float, int]]] = [[] for _ in shares]
    errors: list[BaseException] = []

    def sender(k: int) -> None:
        try:
            with smtplib.SMTP(HOST, port, timeout=timeout) as smtp:
                smtp.ehlo("bench.localhost")
                ready.wait()
                for message in shares[k]:
                    smtp.mail(message.mail_from)
                    code, text = smtp.rcpt(message.rcpt_to)
                    if code != 250:
                        raise RuntimeError(f"RCPT {message.rcpt_to}: {code} {text!r}")
                    code, text = smtp.data(message.raw)
                    accepted = time.perf_counter()
                    if code != 250:
                        raise RuntimeError(f"DATA: {code} {text!r}")
                    found = QUEUED_AS.search(text)
                    results[k].append((accepted, int(found.group(1)) if found else 0))
        except BaseException as error:  # noqa: BLE001 - reported by the caller
            errors.append(error)
            ready.abort()

    threads = [threading.Thread(target=sender, args=(k,), daemon=True)
               for k in range(len(shares))]
    for thread in threads:
        thread.start()
    ready.wait()
    return Sent(time.perf_counter(), threads, results, errors)


def finish_sending(sent: Sent, timeout: float) -> Sent:
    deadline = time.monotonic() + timeout
    for thread in sent.threads:
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            raise RuntimeError("a sender did not finish in time")
    if sent.errors:
        raise RuntimeError(f"sending failed: {sent.errors[0]!r}")
    sent.accepted = [item for share in sent.results for item in share]
    return sent


def _send_one(port: int, message: EmailMessage, to: str) -> int:
    with smtplib.SMTP(HOST, port, timeout=60) as smtp:
        smtp.ehlo("bench.localhost")
        smtp.mail(REFERRER)
        code, text = smtp.rcpt(to)
        if code != 250:
            raise RuntimeError(f"RCPT {to}: {code} {text!r}")
        code, text = smtp.data(message.as_bytes(policy=policy.SMTP))
        found = QUEUED_AS.search(text)
        if code != 250 or not found:
            raise RuntimeError(f"DATA: {code} {text!r}")
        return int(found.group(1))


# ---------------------------------------------------------------------------------------------
# Processes and the database
# ---------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _wait_listening(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listening on {HOST}:{port} after {timeout:.0f} s")


def _stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30,
                           check_same_thread=False)


def _until(what: str, check: Any, timeout: float, interval: float = 0.05) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(sqlite3.OperationalError):  # not created or migrated yet
            result = check()
            if result:
                return result
        time.sleep(interval)
    raise RuntimeError(f"timed out after {timeout:.0f} s waiting for {what}")


# ---------------------------------------------------------------------------------------------
# (a) The pipeline
# ---------------------------------------------------------------------------------------------


def broadcast(db_path: Path, port: int, timeout: float = 120) -> tuple[list[Provider], int]:
    """Send the sample referral; wait until its broadcast is committed. Returns the providers
    and the referral's inbound id."""
    referral_id = _send_one(port, referral_email(), f"referrals@{MAIL_DOMAIN}")

    def processed() -> bool:
        with contextlib.closing(_read_only(db_path)) as db:
            row = db.execute("SELECT status, outcome FROM inbound_message WHERE id = ?",
                             (referral_id,)).fetchone()
        if row and row[0] == "dead":
            raise RuntimeError("the sample referral was dead-lettered")
        return bool(row and row[0] == "done")

    _until("the sample referral's broadcast", processed, timeout)
    providers = read_providers(db_path)
    if not providers:
        raise RuntimeError("the sample referral went to no provider")
    return providers, referral_id


def service_env(work: Path, config: Path, db_path: Path, port: int) -> dict[str, str]:
    """The service's settings, as environment variables, for both servers."""
    env = {**os.environ, "BROKER_CONFIG_DIR": str(config), "BROKER_VAR_DIR": str(work / "var"),
           "BROKER_DATABASE_URL": f"sqlite+aiosqlite:///{db_path}",
           "BROKER_SMTP_HOST": HOST, "BROKER_SMTP_PORT": str(port),
           "BROKER_WEB_HOST": HOST, "BROKER_WEB_PORT": str(_free_port()),
           "BROKER_RELAY": "mailbox", "BROKER_LOG_LEVEL": "WARNING",
           "BROKER_MAIL_DOMAIN": MAIL_DOMAIN, "BROKER_SECRET_KEY": "bench-replies-secret"}
    env.pop("BROKER_PUBLIC_URL", None)
    return env


# How `broker serve` runs for the pipeline: one process, or the intake (SMTP and its store)
# in one and the worker (and sender) in another, so that they do not share one interpreter lock.
PIPELINE_LAYOUTS = {"all-in-one": ["all"], "intake-apart": ["intake", "worker,sender"]}


def run_pipeline(work: Path, config: Path, replies: int, senders: int,
                 timeout: float, layout: str = "all-in-one") -> dict[str, Any]:
    db_path = work / f"pipeline-{layout}.db"
    port = _free_port()
    processes = [subprocess.Popen(
        [sys.executable, "-m", "broker.cli", "serve", "--role", roles],
        env=service_env(work, config, db_path, port if "intake" in roles or roles == "all"
                        else _free_port()),
        cwd=work, stdout=subprocess.DEVNULL) for roles in PIPELINE_LAYOUTS[layout]]
    service = processes[0]  # the one with the intake
    try:
        _wait_listening(port, service)
        providers, referral_inbound = broadcast(db_path, port)
        messages = build_replies(providers, replies)
        with contextlib.closing(_read_only(db_path)) as db:
            acks_before = db.execute(ACKS, ACK_KINDS).fetchone()[0]
            sent = send_all(port, messages, senders)
            seen, finished = _watch(db, sent, referral_inbound, replies, acks_before, timeout)
            sent = finish_sending(sent, timeout)
            outcomes = Counter(row[0] for row in db.execute(
                "SELECT outcome FROM inbound_message WHERE id > ?", (referral_inbound,)))
            decisions = Counter(row[0] for row in db.execute(
                "SELECT decision FROM response WHERE inbound_id > ?", (referral_inbound,)))
    finally:
        for process in processes:
            _stop(process)
    for process in processes:
        if process.returncode not in (0, -signal.SIGTERM):
            raise RuntimeError(f"broker serve exited with {process.returncode}")
    latencies = [seen[inbound] - accepted for accepted, inbound in sent.accepted]
    elapsed = finished - sent.started
    return {"providers": len(providers), "messages": messages, "seconds": elapsed,
            "per_second": replies / elapsed, "latencies": latencies,
            "outcomes": dict(outcomes), "decisions": dict(decisions)}


def _watch(db: sqlite3.Connection, sent: Sent, after: int, replies: int, acks_before: int,
           timeout: float) -> tuple[dict[int, float], float]:
    """Poll until every reply is done and acknowledged. Returns when each inbound id was
    first seen done, and the moment all were."""
    seen: dict[int, float] = {}
    low = after + 1  # every inbound id below this one is seen
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = db.execute("SELECT id, status FROM inbound_message WHERE id >= ? AND "
                          "status != 'new'", (low,)).fetchall()
        now = time.perf_counter()
        for inbound, status in rows:
            if status == "dead":
                raise RuntimeError(f"reply {inbound} was dead-lettered")
            seen.setdefault(inbound, now)
        while low in seen:
            low += 1
        if len(seen) >= replies:
            acks = db.execute(ACKS, ACK_KINDS).fetchone()[0] - acks_before
            # a reply that repeats the home's answer word for word is stored and not answered
            # (an autoresponder would otherwise keep a loop going with us)
            repeats = db.execute("SELECT count(*) FROM inbound_message WHERE id > ? AND "
                                 "outcome = 'response-unchanged'", (after,)).fetchone()[0]
            if acks + repeats >= replies:
                return seen, now
        if sent.errors:
            raise RuntimeError(f"sending failed: {sent.errors[0]!r}")
        time.sleep(POLL_SECONDS)
    raise RuntimeError(f"only {len(seen)} of {replies} replies processed in {timeout:.0f} s")


# ---------------------------------------------------------------------------------------------
# (b) The store-only servers
# ---------------------------------------------------------------------------------------------


async def serve_store_only() -> None:
    """The baseline's process: the service's SMTP server and its IntakeHandler, configured
    from the same settings as `broker serve` (broker.app.Service.start), and no worker."""
    from broker.clock import SystemClock
    from broker.db.engine import make_engine, migrate, session_factory
    from broker.settings import Settings
    from channels.email.intake import IntakeHandler, start_smtp_server

    settings = Settings()
    db = make_engine(settings.database_url)
    await migrate(db)
    handler = IntakeHandler(session_factory(db), SystemClock(), settings.mail_domain,
                            settings.secret())
    server = await start_smtp_server(handler, settings.smtp_host, settings.smtp_port,
                                     max_bytes=settings.max_message_bytes,
                                     hostname=settings.mail_domain)
    await _until_signalled()
    server.close()
    await server.wait_closed()
    await db.dispose()


class RawStore:
    """aiosmtpd handler: commit the raw bytes with stdlib sqlite3, synchronously (one
    transaction each), then say 250. Not the service's code: a floor for reference."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        raw = envelope.original_content or envelope.content or b""
        cursor = self.db.execute(
            "INSERT INTO inbound (received_at, mail_from, rcpt_to, raw, size) "
            "VALUES (?, ?, ?, ?, ?)",
            (time.time(), envelope.mail_from or "", ",".join(envelope.rcpt_tos), raw, len(raw)))
        self.db.commit()
        return f"250 2.0.0 OK queued as {cursor.lastrowid}"


async def serve_raw_sqlite3(port: int, db_path: Path) -> None:
    """The stdlib-sqlite3 floor's process: the service's SMTP class, RawStore's handler."""
    from channels.email.intake import start_smtp_server

    db = sqlite3.connect(db_path, isolation_level="DEFERRED",
                         check_same_thread=False)  # used on the SMTP server's thread
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE TABLE IF NOT EXISTS inbound (id INTEGER PRIMARY KEY, received_at REAL, "
               "mail_from TEXT, rcpt_to TEXT, raw BLOB NOT NULL, size INTEGER)")
    db.commit()
    server = await start_smtp_server(RawStore(db), HOST, port,  # type: ignore[arg-type]
                                     max_bytes=10 * 1024 * 1024, hostname=MAIL_DOMAIN)
    await _until_signalled()
    server.close()
    await server.wait_closed()
    db.close()


async def _until_signalled() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()


def run_store_only(work: Path, config: Path, messages: list[Outgoing], senders: int,
                   timeout: float) -> dict[str, Any]:
    """(b1) The service's own intake store path, in its own process, same database backend."""
    db_path = work / "store_only.db"
    port = _free_port()
    server = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--store-only"],
                              env=service_env(work, config, db_path, port), cwd=work)
    return _time_store(server, port, messages, senders, timeout, db_path, "inbound_message")


def run_raw_sqlite3(work: Path, messages: list[Outgoing], senders: int,
                    timeout: float) -> dict[str, Any]:
    """(b2) The same SMTP server storing with stdlib sqlite3 (not the service's code)."""
    db_path = work / "raw.db"
    port = _free_port()
    server = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--raw-sqlite3",
                               "--port", str(port), "--db", str(db_path)], cwd=ROOT)
    return _time_store(server, port, messages, senders, timeout, db_path, "inbound")


def _time_store(server: subprocess.Popen, port: int, messages: list[Outgoing], senders: int,
                timeout: float, db_path: Path, table: str) -> dict[str, Any]:
    """Send every message; the clock runs from the first send to the last 250."""
    try:
        _wait_listening(port, server)
        sent = finish_sending(send_all(port, messages, senders), timeout)
    finally:
        _stop(server)
    last = max(accepted for accepted, _ in sent.accepted)
    with contextlib.closing(sqlite3.connect(db_path)) as db:
        stored = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
    if stored != len(messages):
        raise RuntimeError(f"a store-only server stored {stored} of {len(messages)} messages")
    elapsed = last - sent.started
    return {"seconds": elapsed, "per_second": len(messages) / elapsed}


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------


def run(replies: int, senders: int, establishments: int, timeout: float,
        rounds: int) -> dict[str, Any]:
    """Every measurement, `rounds` times over in this one invocation; medians reported."""
    from broker.directory.synthetic import write_synthetic_config

    work = Path(tempfile.mkdtemp(prefix="broker-bench-replies-"))
    results = []
    try:
        config = work / "config"
        write_synthetic_config(config, establishments, eligible_share=0.5)
        for number in range(rounds):
            round_dir = work / f"round{number}"
            round_dir.mkdir()
            results.append(run_round(round_dir, config, replies, senders, timeout))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return summarise(results, replies, senders, establishments)


def run_round(work: Path, config: Path, replies: int, senders: int,
              timeout: float) -> dict[str, Any]:
    pipeline = run_pipeline(work, config, replies, senders, timeout)
    apart = run_pipeline(work, config, replies, senders, timeout, "intake-apart")
    # The store-only servers get the very same bytes and envelopes.
    store = run_store_only(work, config, pipeline["messages"], senders, timeout)
    raw = run_raw_sqlite3(work, pipeline["messages"], senders, timeout)
    return {"pipeline": pipeline, "intake_apart": apart, "store": store, "raw": raw}


def summarise(results: list[dict[str, Any]], replies: int, senders: int,
              establishments: int) -> dict[str, Any]:
    def median(part: str, key: str = "per_second") -> float:
        return statistics.median(result[part][key] for result in results)

    ratios = [r["pipeline"]["per_second"] / r["raw"]["per_second"] for r in results]
    apart = [r["intake_apart"]["per_second"] / r["raw"]["per_second"] for r in results]
    apart_latencies = sorted(x for r in results for x in r["intake_apart"]["latencies"])
    to_store = [r["pipeline"]["per_second"] / r["store"]["per_second"] for r in results]
    ordered = sorted(x for r in results for x in r["pipeline"]["latencies"])
    return {
        "benchmark": "replies: SMTP in to response stored and acknowledgement queued, "
                     "against the same SMTP server and intake store with no worker",
        "replies": replies,
        "senders": senders,
        "establishments": establishments,
        "providers": results[0]["pipeline"]["providers"],
        "rounds": len(results),
        "pipeline_replies_per_second": round(median("pipeline"), 1),
        "raw_sqlite3_store_per_second": round(median("raw"), 1),
        "ratio": round(statistics.median(ratios), 3),  # pipeline / raw sqlite3 server
        "aim": AIM,
        "aim_met": statistics.median(ratios) >= AIM,
        # the same, with `serve --role intake` and `serve --role worker,sender` apart
        "intake_apart": {
            "pipeline_replies_per_second": round(median("intake_apart"), 1),
            "ratio": round(statistics.median(apart), 3),
            "aim_met": statistics.median(apart) >= AIM,
            "latency_p50_seconds": round(statistics.median(apart_latencies), 3),
            "latency_p99_seconds": round(_percentile(apart_latencies, 0.99), 3),
            "each_round_ratio": [round(ratio, 3) for ratio in apart],
        },
        "store_only_messages_per_second": round(median("store"), 1),
        "ratio_to_store_only": round(statistics.median(to_store), 3),
        "each_round": [
            {"pipeline_replies_per_second": round(r["pipeline"]["per_second"], 1),
             "store_only_messages_per_second": round(r["store"]["per_second"], 1),
             "raw_sqlite3_store_per_second": round(r["raw"]["per_second"], 1),
             "ratio": round(ratio, 3)}
            for r, ratio in zip(results, ratios, strict=True)],
        "latency_p50_seconds": round(statistics.median(ordered), 3),
        "latency_p99_seconds": round(_percentile(ordered, 0.99), 3),
        "latency_max_seconds": round(ordered[-1], 3),
        # inbound_message.outcome of the replies, and what the stored responses say
        "outcomes": dict(sum((Counter(r["pipeline"]["outcomes"]) for r in results), Counter())),
        "decisions": dict(sum((Counter(r["pipeline"]["decisions"]) for r in results),
                              Counter())),
        "baseline": "ratio: against raw_sqlite3, the same SMTP server with a handler "
                    "committing each message with stdlib sqlite3 (WAL, synchronous=NORMAL, as "
                    "the service); store_only: channels.email.intake.start_smtp_server with "
                    "the service's IntakeHandler (settings as for broker serve), in its own "
                    "process, no worker",
        "database": "sqlite",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                   f"Python {platform.python_version()}",
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def _percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=None,
                        help="replies to send (default 2000; 300 with --profile)")
    parser.add_argument("--senders", type=int, default=8, help="SMTP connections at once")
    parser.add_argument("--establishments", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3,
                        help="times to repeat every measurement (medians are reported)")
    parser.add_argument("--timeout", type=float, default=600,
                        help="seconds allowed for each phase")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "replies.json"))
    parser.add_argument("--profile", action="store_true",
                        help="profile the worker in-process instead; prints, writes nothing")
    parser.add_argument("--top", type=int, default=30, help="rows of the profile to print")
    parser.add_argument("--store-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--raw-sqlite3", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--db", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.store_only:
        asyncio.run(serve_store_only())
        return
    if args.raw_sqlite3:
        asyncio.run(serve_raw_sqlite3(args.port, Path(args.db)))
        return
    if args.profile:
        from replies_profile import profile  # the worker in-process: bench/replies_profile.py

        asyncio.run(profile(args.replies or 300, args.establishments, args.top))
        return
    replies = args.replies or 2000
    if replies < 1 or args.senders < 1 or args.rounds < 1:
        parser.error("--replies, --senders and --rounds must be at least 1")
    figures = run(replies, args.senders, args.establishments, args.timeout, args.rounds)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
