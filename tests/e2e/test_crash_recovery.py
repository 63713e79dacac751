"""Killing the service loses nothing and duplicates nothing: right after its SMTP 250, and in
the middle of delivering a broadcast.

The real `broker serve` runs as a subprocess; it is SIGKILLed, restarted, and the broadcast
must then arrive at the SMTP sink exactly once per provider, without waiting for any lease.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.conftest import wait_for
from tests.factories import CONFIG, REFERRER, SECRET, referral_email, send_smtp
from tests.oracle import expected_recipients
from tests.smtp_sink import SmtpSink


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(tmp_path: Path, database_url: str, relay: str, smtp_port: int,
           log: Path, **settings: str) -> subprocess.Popen:
    env = {**os.environ, "BROKER_CONFIG_DIR": str(CONFIG), "BROKER_VAR_DIR": str(tmp_path),
           "BROKER_DATABASE_URL": database_url, "BROKER_SMTP_PORT": str(smtp_port),
           "BROKER_WEB_PORT": str(_free_port()), "BROKER_RELAY": relay,
           "BROKER_SECRET_KEY": SECRET, "BROKER_MAIL_DOMAIN": "broker.localhost",
           # no list adverts or vacancy returns: they follow the calendar, not this test
           "BROKER_REOPENING": "false", "BROKER_VACANCY_RETURN_SCHEDULE": "", **settings}
    with log.open("ab") as output:  # the child keeps its own copy of the descriptor
        return subprocess.Popen([sys.executable, "-m", "broker.cli", "serve"], env=env,
                                cwd=tmp_path, stdout=output, stderr=subprocess.STDOUT)


async def _ended(process: subprocess.Popen, signal_number: int = signal.SIGKILL) -> None:
    """Signal the process if it still runs and wait for it (killed if it will not stop), so
    that a failing test leaves nothing running."""
    if process.poll() is None:
        process.send_signal(signal_number)
    try:
        await asyncio.to_thread(process.wait, timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        await asyncio.to_thread(process.wait, timeout=30)


async def _until_listening(port: int, log: Path) -> None:
    """Until the service started with `log` is serving SMTP on `port`: its log says so, and
    the port answers. The log first: `_free_port` only found the port free a moment ago, and
    a server of a test running beside this one may have been given it since, answering
    (and saying 250) in the service's place."""
    async def listening() -> bool:
        if f"SMTP 127.0.0.1:{port}," not in (log.read_text(errors="replace")
                                            if log.exists() else ""):
            return False
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            return False
        writer.close()
        return True

    await wait_for(listening, timeout=60)


async def test_a_kill_right_after_250_still_broadcasts_exactly_once(
    database_url: str, smtp_sink, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    expected = expected_recipients(date.today())
    port = _free_port()
    log = tmp_path / "service.log"
    first = _serve(tmp_path, database_url, smtp_sink.url, port, log)
    try:
        await _until_listening(port, log)
        await asyncio.to_thread(send_smtp, port, referral_email())
        first.send_signal(signal.SIGKILL)  # the instant the client has its 250
    finally:
        await _ended(first)
    assert first.returncode == -signal.SIGKILL

    second = _serve(tmp_path, database_url, smtp_sink.url, port, log)
    try:
        await wait_for(lambda: len(smtp_sink.caught) >= len(expected) + 1, timeout=60)
        await asyncio.sleep(1.0)  # let any duplicate arrive before counting
    finally:
        await _ended(second, signal.SIGTERM)
    output = log.read_text()
    assert second.returncode == 0, output  # SIGTERM is a clean shutdown

    received = Counter(r for caught in smtp_sink.caught for r in caught.rcpt_tos)
    assert received[REFERRER] == 1
    del received[REFERRER]
    assert received == Counter(expected.values()), "exactly once per eligible provider"
    assert "Casey" not in output and "Hollin" not in output, "logs carry no child's details"


class StallingSink(SmtpSink):
    """Answers the first `accept` messages at once; every later one it keeps but leaves
    unanswered until released. A relay has a message once its closing dot arrives, and keeps
    it whether or not the sender is still there to read the answer (RFC 1047)."""

    def __init__(self, accept: int) -> None:
        super().__init__()
        self.accept = accept
        self.stalled = 0
        self.release = asyncio.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        answer = await super().handle_DATA(server, session, envelope)
        if len(self.caught) > self.accept and not self.release.is_set():
            self.stalled += 1
            await self.release.wait()
        return answer


def _handed_over(database_url: str, var_dir: Path) -> int:
    """How many emails the senders' journals mark handed over to the relay."""
    if database_url.startswith("sqlite"):
        journals = [Path(f"{make_url(database_url).database}.outbox.sent")]
    else:
        journals = list((var_dir / "outbox-journals").glob("*.sent"))
    return sum(journal.read_bytes().count(b"~") for journal in journals if journal.exists())


@pytest.mark.parametrize("accepted", [8, 6])
async def test_a_kill_in_the_middle_of_a_broadcast_sends_nothing_handed_over_again(
    database_url: str, tmp_path: Path, accepted: int
) -> None:
    """Emails go four at a time (one per connection), each marked the moment it has wholly
    left the process, before the relay answers. Killed with some accepted and four held at
    DATA (unanswered), the restart sends the rest, at once; nothing the relay holds is sent
    again, and the log names the four whose answer was never read."""
    expected = expected_recipients(date.today())
    total, connections = len(expected) + 1, 4  # the acknowledgement too
    assert total >= accepted + connections, "the kill must fall in the middle"
    sink = StallingSink(accept=accepted)
    await sink.start()
    port, log = _free_port(), tmp_path / "service.log"
    relay = {"BROKER_RELAY_CONNECTIONS": str(connections)}
    first = _serve(tmp_path, database_url, sink.url, port, log, **relay)
    try:
        await _until_listening(port, log)
        await asyncio.to_thread(send_smtp, port, referral_email())
        await wait_for(lambda: sink.stalled == connections
                       and _handed_over(database_url, tmp_path) == accepted + connections,
                       timeout=60)
        first.send_signal(signal.SIGKILL)
    finally:
        await _ended(first)
    sink.release.set()

    second = _serve(tmp_path, database_url, sink.url, port, log, **relay)
    try:  # at once: no lease left by the dead process to wait out
        await wait_for(lambda: len(sink.caught) >= total, timeout=60)
        await asyncio.sleep(1.0)  # let any duplicate arrive before counting
    finally:
        await _ended(second, signal.SIGTERM)
        await sink.stop()
    output = log.read_text()
    assert second.returncode == 0, output
    received = Counter(r for caught in sink.caught for r in caught.rcpt_tos)
    assert received == Counter([REFERRER, *expected.values()]), "each email exactly once"
    assert (f"{connections} email(s) were handed to the relay but its answer was never read"
            in output)


class SlowSink(SmtpSink):
    """Accepts every other message at once and takes a second over the rest."""

    def __init__(self) -> None:
        super().__init__()
        self.messages = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages += 1
        if self.messages % 2 == 0:
            await asyncio.sleep(1.0)
        return await super().handle_DATA(server, session, envelope)


async def test_a_clean_stop_in_the_middle_of_a_broadcast_sends_nothing_twice(
    sqlite_url: str, tmp_path: Path
) -> None:
    expected = expected_recipients(date.today())
    sink = SlowSink()
    await sink.start()
    port, log = _free_port(), tmp_path / "service.log"
    relay = {"BROKER_RELAY_CONNECTIONS": "2"}
    first = _serve(tmp_path, sqlite_url, sink.url, port, log, **relay)
    started = [first]
    try:
        await _until_listening(port, log)
        await asyncio.to_thread(send_smtp, port, referral_email())
        await wait_for(lambda: len(sink.caught) >= 1, timeout=60)
        await _ended(first, signal.SIGTERM)  # half of a group accepted, the rest to go
        assert first.returncode == 0 and len(sink.caught) < len(expected)

        started.append(_serve(tmp_path, sqlite_url, sink.url, port, log, **relay))
        await wait_for(lambda: len(sink.caught) >= len(expected) + 1, timeout=60)
        await asyncio.sleep(0.5)
    finally:
        for process in started:
            await _ended(process, signal.SIGTERM)
        await sink.stop()
    received = Counter(r for caught in sink.caught for r in caught.rcpt_tos)
    assert received == Counter([REFERRER, *expected.values()]), "each email exactly once"
