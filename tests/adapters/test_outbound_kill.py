"""A sender killed (SIGKILL, a real process) while the relay holds its answer to an email
that has wholly left the process: the email is not sent again, and the rest go once.

The relay here takes the message and then says nothing, as a real relay does while it scans
a message at the closing dot: before, a kill in that wait meant the email went twice."""

from __future__ import annotations

import asyncio
import os
import signal
import ssl
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import trustme
from aiosmtpd.smtp import SMTP
from sqlalchemy.engine import make_url

from channels.email.claims import _ids
from channels.email.outbound import OutboxSender
from channels.email.relay import Outgoing, SmtpRelay
from tests.adapters.worker import NOW, make_worker
from tests.factories import referral_email
from tests.smtp_sink import SmtpSink

CHILD = """
import asyncio, sys
from datetime import datetime
from pathlib import Path
from broker.clock import FrozenClock
from channels.email.outbound import OutboxSender
from channels.email.relay import Outgoing, SmtpRelay
from tests.factories import migrated

async def never(*_):
    raise AssertionError("nothing fails here")

async def main(url, relay_url, at, var_dir):
    db, sessions = await migrated(url)
    relay = SmtpRelay(relay_url, "bounces@broker.localhost", connections=1)
    sender = OutboxSender(sessions, relay, FrozenClock(datetime.fromisoformat(at)),
                          max_attempts=3, on_failed=never, var_dir=Path(var_dir))
    await sender.send_due()

asyncio.run(main(*sys.argv[1:]))
"""


class SilentSink(SmtpSink):
    """Keeps each message, then answers only once `answer` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.answer = asyncio.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        reply = await super().handle_DATA(server, session, envelope)
        await self.answer.wait()
        return reply


def _journal(database_url: str, var_dir: Path) -> Path:
    if database_url.startswith("sqlite"):
        return Path(f"{make_url(database_url).database}.outbox.sent")
    return var_dir / "outbox-journals" / "0.sent"


async def _never(_id: int, _detail: str) -> None:
    raise AssertionError("nothing fails here")


async def test_an_email_handed_over_before_a_kill_is_not_sent_again(
    tmp_path: Path, database_url: str
) -> None:
    worker = await make_worker(tmp_path, database_url)
    await worker.receive(referral_email())
    queued = await worker.outbox()
    assert len(queued) >= 2
    var_dir = tmp_path / "var"
    journal = _journal(database_url, var_dir)
    sink = SilentSink()
    await sink.start()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, database_url, sink.url, NOW.isoformat(), str(var_dir)],
        cwd=Path(__file__).resolve().parents[2], stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT)
    try:
        async with asyncio.timeout(60):
            while not sink.caught or not journal.exists() or b"~" not in journal.read_bytes():
                assert child.poll() is None, child.communicate()[0].decode()
                await asyncio.sleep(0.02)
        held = sink.caught[0].message["Message-ID"]
        os.kill(child.pid, signal.SIGKILL)  # the relay has the email; its 250 is not yet sent
        child.wait()
        sink.answer.set()
        relay = SmtpRelay(sink.url, "bounces@broker.localhost", connections=2)
        restarted = OutboxSender(worker.sessions, relay, worker.clock, max_attempts=3,
                                 on_failed=_never, var_dir=var_dir)
        try:  # until all are sent: PostgreSQL may take a moment to see the dead session
            async with asyncio.timeout(60):  # go, and its advisory locks with it
                while {row.status for row in await worker.outbox()} != {"sent"}:
                    await restarted.send_due()
                    await asyncio.sleep(0.05)
        finally:
            await relay.close()
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate()  # reaped, its pipe closed
        await sink.stop()
    sent = Counter(caught.message["Message-ID"] for caught in sink.caught)
    assert sent[held] == 1, "the email the relay already had went again"
    assert sent == Counter(row.message_id for row in queued), "each email once"
    assert {row.status for row in await worker.outbox()} == {"sent"}
    await worker.db.dispose()


def test_a_journal_counts_accepted_and_handed_over_emails_but_not_refused_ones(
    caplog: pytest.LogCaptureFixture,
) -> None:
    journal = (b"~1\n1\n"  # handed over, then accepted
               b"~2\n"  # handed over, the answer never read
               b"~3\n-3\n"  # handed over, then refused: to be sent again
               b"4\n"  # accepted (a journal from before handovers were marked)
               b"-5\n"  # refused before it was handed over
               b"~6")  # cut short by a crash of the machine: not a whole line
    assert _ids(journal) == [1, 2, 4]
    assert "outbox ids 2" in caplog.text and "1 email(s)" in caplog.text


async def test_an_email_refused_at_its_closing_dot_is_marked_refused_after_its_handover() -> None:
    """The relay says what became of each email, in order, as it happens."""
    refusing = RefusingSink()
    await refusing.start()
    relay = SmtpRelay(refusing.url, "bounces@broker.localhost", connections=1)
    marks: list[str] = []
    try:
        result = await relay.send(Outgoing(1, "larch.house@larchcare.example",
                                           bytes(referral_email())), marks.append)
    finally:
        await relay.close()
        await refusing.stop()
    assert result.outcome == "retry"
    assert marks[:2] == ["handed over", "refused"] and set(marks[2:]) <= {"refused"}


class RefusingSink(SmtpSink):
    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        return "451 4.3.0 try again later"



async def test_a_message_still_in_the_process_when_written_is_marked_only_by_its_250(
    smtp_sink,
) -> None:  # type: ignore[no-untyped-def]
    """A message too big for the socket's buffer is partly still in this process after the
    write: a kill then would keep the rest from the relay, so it is not marked handed over."""
    big = bytes(referral_email(body="Background\n" + "A line of background. " * 400_000))
    relay = SmtpRelay(smtp_sink.url, "bounces@broker.localhost", connections=1)
    marks: list[str] = []
    try:
        result = await relay.send(Outgoing(1, "larch.house@larchcare.example", big),
                                  marks.append)
    finally:
        await relay.close()
    assert result.outcome == "sent" and marks == ["accepted"]


async def test_over_starttls_an_email_is_marked_handed_over_then_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Over TLS the bytes pass through the TLS layer first: they count as handed over only
    once the connection beneath it holds none of them either."""
    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1")
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate.configure_cert(server_context)
    authority.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))
    sink = SmtpSink()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(sink, hostname="sink.localhost", tls_context=server_context,
                     require_starttls=True), host="127.0.0.1", port=0)
    port = server.sockets[0].getsockname()[1]
    relay = SmtpRelay(f"smtp+starttls://127.0.0.1:{port}", "bounces@broker.localhost",
                      connections=1)
    marks: list[str] = []
    try:
        result = await relay.send(Outgoing(1, "larch.house@larchcare.example",
                                           bytes(referral_email())), marks.append)
    finally:
        await relay.close()
        server.close()
        await server.wait_closed()
    assert result.outcome == "sent", result.detail
    assert marks == ["handed over", "accepted"]
    assert len(sink.caught) == 1
