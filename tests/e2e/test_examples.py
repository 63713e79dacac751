"""The README's "Try it" helpers against a running service: `make send-sample`
(broker/examples/send_referral.py) and playing the other people with
broker/examples/reply.py, which answers an email in the dev mailbox as its recipient."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest
from sqlalchemy import select

from broker.db.tables import Outbox
from broker.examples import reply, send_referral
from tests.conftest import wait_for
from tests.factories import CONFIG, SECRET


@pytest.fixture
def same_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sqlite_url: str) -> None:
    """The helpers read the settings the service does (the environment, or .env)."""
    for name, value in {"BROKER_CONFIG_DIR": str(CONFIG), "BROKER_VAR_DIR": str(tmp_path / "var"),
                        "BROKER_DATABASE_URL": sqlite_url, "BROKER_SECRET_KEY": SECRET,
                        "BROKER_MAIL_DOMAIN": "broker.localhost"}.items():
        monkeypatch.setenv(name, value)


async def _emails(service, kind: str, to: str | None = None) -> list[Outbox]:  # type: ignore[no-untyped-def]
    query = select(Outbox).where(Outbox.kind == kind).order_by(Outbox.id)
    if to is not None:
        query = query.where(Outbox.to_addr == to)
    async with service.engine.parts.sessions() as session:
        return list((await session.execute(query)).scalars().all())


async def test_a_provider_replies_from_the_dev_mailbox_and_is_answered(
    same_settings: None, sqlite_url: str, service_factory, capsys  # type: ignore[no-untyped-def]
) -> None:
    service = await service_factory(sqlite_url)
    port = str(service.smtp_port)
    assert await asyncio.to_thread(send_referral.main, ["--port", port]) == 0
    sent = await wait_for(lambda: _emails(service, "provider/referral"))
    home = sent[0]

    assert await asyncio.to_thread(reply.main, [
        str(home.id), "--text", "Sorry, we have no vacancies at the moment.",
        "--port", port]) == 0
    assert f"Sent as {home.to_addr}" in capsys.readouterr().out
    answered = await wait_for(lambda: _emails(service, "provider/response_ack", home.to_addr))
    assert "no vacanc" in answered[0].raw.decode("utf-8", "replace").lower()


async def test_the_team_writes_about_a_referral_by_its_reference(
    same_settings: None, sqlite_url: str, service_factory  # type: ignore[no-untyped-def]
) -> None:
    from broker.db.tables import InboundMessage

    service = await service_factory(sqlite_url)
    assert await asyncio.to_thread(reply.main, [
        "REF-2026-000001", "--from", "placements@northby.gov.example", "--text", "SEND",
        "--port", str(service.smtp_port)]) == 0

    async def stored() -> list[bytes]:
        async with service.engine.parts.sessions() as session:
            return list((await session.execute(select(InboundMessage.raw))).scalars().all())

    raw = (await wait_for(stored))[0]
    assert b"Subject: REF-2026-000001" in raw and b"To: referrals@broker.localhost" in raw


def test_what_cannot_be_replied_to_is_one_line(same_settings: None, capsys) -> None:  # type: ignore[no-untyped-def]
    assert reply.main(["hello", "--text", "x"]) == 2
    assert "neither an email's number" in capsys.readouterr().err
    assert reply.main(["REF-2026-000001", "--text", "SEND"]) == 2
    assert "--from" in capsys.readouterr().err
    assert reply.main(["7", "--text", "x"]) == 2  # no service has run: no database
    assert "no database at" in capsys.readouterr().err


def test_a_service_not_listening_is_named_with_the_setting_that_moves_it(
    same_settings: None, capsys  # type: ignore[no-untyped-def]
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    assert send_referral.main(["--port", str(free)]) == 1
    err = capsys.readouterr().err
    assert f"127.0.0.1:{free}" in err and "BROKER_SMTP_PORT" in err and "--port" in err
