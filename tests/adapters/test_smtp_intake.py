"""The SMTP intake adapter on a real loopback socket: refuse early, store before 250."""

from __future__ import annotations

import asyncio
import smtplib

import dkim
import pytest
from sqlalchemy import select

from broker.clock import SystemClock
from broker.db.tables import InboundMessage
from broker.mailauth import verify
from broker.tokens import reply_address
from channels.email.intake import IntakeHandler, start_smtp_server
from tests.adapters.test_forged_senders import email_to
from tests.factories import SECRET, migrated, referral_email
from tests.unit.test_mailauth import SIGNER, below_a_lone_cr


@pytest.fixture
async def intake(database_url: str):  # type: ignore[no-untyped-def]
    engine, sessions = await migrated(database_url)
    stored: list[int] = []
    handler = IntakeHandler(sessions, SystemClock(), "broker.localhost", SECRET.encode(),
                            on_stored=stored.append)
    server = await start_smtp_server(handler, "127.0.0.1", 0, max_bytes=50_000,
                                     hostname="broker.localhost")
    port = server.sockets[0].getsockname()[1]
    yield port, sessions, stored
    server.close()
    await server.wait_closed()
    await engine.dispose()


def _rcpt(port: int, address: str) -> int:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        smtp.ehlo()
        smtp.mail("sam.taylor@northby.gov.example")
        return smtp.rcpt(address)[0]


@pytest.mark.parametrize("address,code", [
    ("referrals@broker.localhost", 250),
    ("REFERRALS@Broker.Localhost", 250),
    ("postmaster@broker.localhost", 250),
    ("nobody@broker.localhost", 550),
    ("referrals@elsewhere.example", 550),
    ("r+1.larch-house.abcdefabcdefabcdefab@broker.localhost", 550),  # forged signature
])
async def test_recipients_are_checked_at_rcpt(intake, address: str, code: int) -> None:  # type: ignore[no-untyped-def]
    port, _, _ = intake
    assert await asyncio.to_thread(_rcpt, port, address) == code


async def test_a_signed_reply_address_is_accepted_at_rcpt(intake) -> None:  # type: ignore[no-untyped-def]
    port, _, _ = intake
    address = reply_address(SECRET.encode(), 7, "larch-house", "broker.localhost")
    assert await asyncio.to_thread(_rcpt, port, address) == 250


async def test_at_most_a_hundred_recipients_in_one_transaction(intake) -> None:  # type: ignore[no-untyped-def]
    """RFC 5321's floor, and our ceiling: the 101st is told to try again (452), so one
    message cannot be stored once per thousand names, nor its row's list grow without end."""
    port, _, _ = intake

    def codes() -> list[int]:
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
            smtp.ehlo()
            smtp.mail("sam.taylor@northby.gov.example")
            return [smtp.rcpt("referrals@broker.localhost")[0] for _ in range(102)]

    assert await asyncio.to_thread(codes) == [250] * 100 + [452, 452]


async def test_a_message_is_committed_before_250(intake) -> None:  # type: ignore[no-untyped-def]
    port, sessions, stored = intake
    message = referral_email()

    def send() -> dict:
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
            return smtp.send_message(message, to_addrs=["referrals@broker.localhost"])

    assert await asyncio.to_thread(send) == {}
    # No waiting: by the time the client has its 250, the row must be there.
    async with sessions() as session:
        rows = (await session.execute(select(InboundMessage))).scalars().all()
    assert len(rows) == 1 and stored == [len(rows[0].raw)]  # told its stored size
    assert rows[0].status == "new"
    assert rows[0].rcpt_to == "referrals@broker.localhost"
    assert b"Casey Marie Hollin" in rows[0].raw


async def test_headers_with_a_lone_cr_are_kept_as_they_came_and_prove_nothing(intake) -> None:  # type: ignore[no-untyped-def]
    """RFC 5321 forbids a bare CR, but a 550 would answer only the sending server: the
    message is stored as it came (250), and nothing in it proves its sender (its signed To
    and Message-ID hidden below the lone CR, where only a DKIM verifier reads them)."""
    port, sessions, _ = intake
    signed = SIGNER.sign(email_to("jo@northby.gov.example", "sam.taylor@northby.gov.example",
                                  "APPROVE REF-2026-000001"))
    re_aimed = below_a_lone_cr(signed, ("to", "message-id"), [
        b"To: referrals@broker.localhost", b"Message-ID: <fresh@outside.example>"])

    def send() -> dict:
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
            return smtp.sendmail("sam.taylor@northby.gov.example",
                                 ["referrals@broker.localhost"], re_aimed)

    assert await asyncio.to_thread(send) == {}
    async with sessions() as session:
        [row] = (await session.execute(select(InboundMessage))).scalars().all()
    assert b"X-Note: x\r\r\n" in row.raw
    assert dkim.verify(row.raw, dnsfunc=SIGNER.dns)  # dkimpy alone: a good signature
    verdict = verify(row.raw, "northby.gov.example", dnsfunc=SIGNER.dns)
    assert (verdict.result, verdict.method) == ("none", "headers")


async def test_a_message_over_the_size_limit_is_refused_with_552(intake) -> None:  # type: ignore[no-untyped-def]
    port, sessions, _ = intake
    message = referral_email(body="x" * 60_000)

    def send() -> int:
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
            try:
                smtp.send_message(message, to_addrs=["referrals@broker.localhost"])
            except smtplib.SMTPDataError as error:
                return error.smtp_code
            except smtplib.SMTPSenderRefused as error:  # SIZE declared in EHLO and checked early
                return error.smtp_code
        return 250

    assert await asyncio.to_thread(send) == 552
    async with sessions() as session:
        assert (await session.execute(select(InboundMessage))).first() is None


async def test_connections_past_the_limits_are_answered_421_and_room_comes_back(
    database_url: str
) -> None:
    """Two connections from one address at most here: a third gets 421 (try later) and is
    closed before anything is read; once one closes, a new one is welcome."""
    engine, sessions = await migrated(database_url)
    handler = IntakeHandler(sessions, SystemClock(), "broker.localhost", SECRET.encode())
    server = await start_smtp_server(handler, "127.0.0.1", 0, max_bytes=50_000,
                                     hostname="broker.localhost", max_per_client=2)
    port = server.sockets[0].getsockname()[1]

    def greeting() -> tuple[smtplib.SMTP, int]:
        smtp = smtplib.SMTP(timeout=10)
        code, _ = smtp.connect("127.0.0.1", port)
        return smtp, code

    try:
        first, second = [await asyncio.to_thread(greeting) for _ in range(2)]
        assert (first[1], second[1]) == (220, 220)
        third, code = await asyncio.to_thread(greeting)
        assert code == 421
        with pytest.raises(smtplib.SMTPServerDisconnected):  # closed by the server
            await asyncio.to_thread(third.ehlo)
        await asyncio.to_thread(first[0].quit)
        for _ in range(100):  # the server counts it closed when it has seen it close
            again = await asyncio.to_thread(greeting)
            if again[1] == 220:
                break
            again[0].close()
            await asyncio.sleep(0.05)
        assert again[1] == 220
        for smtp in (second[0], again[0]):
            await asyncio.to_thread(smtp.quit)
    finally:
        server.close()
        await server.wait_closed()
        await engine.dispose()


def test_the_limits_count_all_connections_and_each_address() -> None:
    from channels.connections import Connections

    connections = Connections(3, 2)
    assert [connections.admit(c) for c in ("a", "a", "a", "b", "c")] == [
        True, True, False, True, False]  # a's third: per client; c: three in all
    connections.release("a")
    assert connections.admit("c") and not connections.admit("d")
    assert connections.by_client == {"a": 1, "b": 1, "c": 1}
