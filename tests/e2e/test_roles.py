"""`broker serve --role`: the roles split over real processes on one database.

One process takes mail in and decides (`--role intake,worker`); nothing leaves until a
second process, the sender (`--role sender`), starts: then every email goes exactly once.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from broker.db.engine import make_engine, session_factory
from broker.db.tables import Outbox
from tests.conftest import wait_for
from tests.e2e.test_crash_recovery import _ended, _free_port, _until_listening
from tests.factories import CONFIG, REFERRER, SECRET, referral_email, send_smtp
from tests.oracle import expected_recipients


def _serve(tmp_path: Path, database_url: str, relay: str, smtp_port: int, role: str,
           log: Path) -> subprocess.Popen:
    env = {**os.environ, "BROKER_CONFIG_DIR": str(CONFIG), "BROKER_VAR_DIR": str(tmp_path),
           "BROKER_DATABASE_URL": database_url, "BROKER_SMTP_PORT": str(smtp_port),
           "BROKER_WEB_PORT": str(_free_port()), "BROKER_RELAY": relay,
           "BROKER_SECRET_KEY": SECRET, "BROKER_MAIL_DOMAIN": "broker.localhost",
           "BROKER_REOPENING": "false", "BROKER_VACANCY_RETURN_SCHEDULE": ""}
    with log.open("ab") as output:
        return subprocess.Popen([sys.executable, "-m", "broker.cli", "serve", "--role", role],
                                env=env, cwd=tmp_path, stdout=output, stderr=subprocess.STDOUT)


async def _queued(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        async with session_factory(engine)() as session:
            return int((await session.execute(
                select(func.count()).select_from(Outbox))).scalar_one())
    finally:
        await engine.dispose()


async def test_a_sender_of_its_own_delivers_what_the_worker_queued_exactly_once(
    database_url: str, smtp_sink, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    expected = expected_recipients(date.today())
    total = len(expected) + 1  # and the acknowledgement
    port, log = _free_port(), tmp_path / "service.log"
    front = _serve(tmp_path, database_url, smtp_sink.url, port, "intake,worker", log)
    started = [front]
    try:
        await _until_listening(port, log)
        await asyncio.to_thread(send_smtp, port, referral_email())
        await wait_for(lambda: _queued(database_url), timeout=60)
        assert await _queued(database_url) == total
        await asyncio.sleep(0.5)
        assert smtp_sink.caught == [], "this process has no sender: nothing leaves it"

        started.append(_serve(tmp_path, database_url, smtp_sink.url, _free_port(), "sender",
                              log))
        await wait_for(lambda: len(smtp_sink.caught) >= total, timeout=60)
        await asyncio.sleep(0.5)  # let any duplicate arrive before counting
    finally:
        for process in started:
            await _ended(process, signal.SIGTERM)
    assert [process.returncode for process in started] == [0, 0], log.read_text()
    received = Counter(r for caught in smtp_sink.caught for r in caught.rcpt_tos)
    assert received == Counter([REFERRER, *expected.values()]), "each email exactly once"


def test_an_unknown_role_is_refused_with_the_choices(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "broker.cli", "serve", "--role", "mailer"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=60,
                            env={**os.environ, "BROKER_CONFIG_DIR": str(CONFIG)})
    assert result.returncode == 2
    assert "unknown role mailer" in result.stderr and "intake, worker, sender" in result.stderr
