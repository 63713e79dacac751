"""Costly mail never holds up the rest: the service reads messages over COSTLY_BYTES in a lane
of its own (workflows/inbound.py), so while the child process is busy with one (here it is
paused with SIGSTOP, a real child held still, so nothing depends on timing), a referral from
someone else goes out. A later message from the costly one's own sender waits for it, so one
sender's messages are still handled in the order they came."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from email import policy
from pathlib import Path

from sqlalchemy import select

from broker.db.tables import InboundMessage
from broker.forms import load_referral_spec
from broker.forms.sandbox import read_message_safely
from tests.conftest import CONFIG, wait_for
from tests.factories import REFERRER, referral_email, send_smtp
from workflows.inbound import COSTLY_BYTES

STRANGER = "someone@elsewhere.example"


def costly(sender: str) -> bytes:
    """A message the child process reads: over COSTLY_BYTES with its attachment."""
    message = referral_email(sender=sender, subject="Papers attached")
    message.add_attachment(b"%PDF-1.4 " + b"x" * COSTLY_BYTES, maintype="application",
                           subtype="pdf", filename="report.pdf")
    return message.as_bytes(policy=policy.SMTP)  # CRLF line ends, as it goes over SMTP


def sandbox_children() -> list[int]:
    """The pids of this process's sandbox children, as `ps` would find them."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == os.getpid() and b"broker.forms.sandbox_child" in command:
            found.append(int(entry.name))
    return found


@contextmanager
def paused(pids: list[int]) -> Iterator[None]:
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)


async def test_a_costly_message_holds_up_only_its_own_sender(database_url, smtp_sink,  # type: ignore[no-untyped-def]
                                                             service_factory) -> None:
    service = await service_factory(database_url, relay=smtp_sink.url)
    raw = costly(STRANGER)
    assert len(raw) > COSTLY_BYTES
    # The child starts on its first read and stays for the next: start it, then hold it.
    await asyncio.to_thread(read_message_safely, raw, load_referral_spec(CONFIG))
    children = sandbox_children()
    assert children, "no sandbox child was started"

    async def send(message, sender: str) -> None:  # type: ignore[no-untyped-def]
        await asyncio.to_thread(send_smtp, service.smtp_port, message, sender=sender)

    async def rows() -> list[InboundMessage]:
        async with service.engine.parts.sessions() as session:
            return list((await session.execute(
                select(InboundMessage).order_by(InboundMessage.id))).scalars())

    with paused(children):
        await send(raw, STRANGER)
        await send(referral_email(sender=STRANGER, subject="And another thing"), STRANGER)
        await send(referral_email(), REFERRER)
        await wait_for(lambda: [c for c in smtp_sink.to(REFERRER)
                                if "has gone to" in c.message["Subject"]])
        held, after_it, referral = await rows()
        assert referral.status == "done" and referral.referral_id
        assert (held.status, after_it.status) == ("new", "new")
    await wait_for(lambda: len(smtp_sink.to(STRANGER)) == 2, timeout=60)
    held, after_it, _ = await rows()
    assert held.status == after_it.status == "done"
    assert held.processed_at is not None and after_it.processed_at is not None
    assert held.processed_at <= after_it.processed_at


async def reading(service) -> None:  # type: ignore[no-untyped-def]
    """Until the service's lanes are reading mail: they start once the anonymiser's word lists
    are in, and mail that arrives before then is all waiting together, so the lane's first
    choice is among all of it (the expected sender's first) rather than the first to come. A
    small message from a sender of its own, done, shows they are reading."""
    await asyncio.to_thread(send_smtp, service.smtp_port,
                            referral_email(sender="warm.up@elsewhere.example"),
                            sender="warm.up@elsewhere.example")

    async def done() -> bool:
        async with service.engine.parts.sessions() as session:
            rows = list((await session.execute(select(InboundMessage))).scalars())
        return bool(rows) and all(row.status == "done" for row in rows)

    await wait_for(done, timeout=60)


async def test_costly_mail_takes_turns_between_senders(database_url, smtp_sink,  # type: ignore[no-untyped-def]
                                                      service_factory) -> None:
    """In the costly lane each sender's next message takes its turn after every other
    sender's: one sender's stream of costly mail does not hold up another's one."""
    service = await service_factory(database_url, relay=smtp_sink.url)
    await reading(service)  # so the first costly message is taken as it comes
    first, second = costly(STRANGER), costly(STRANGER).replace(b"Papers attached", b"More")
    await asyncio.to_thread(read_message_safely, first, load_referral_spec(CONFIG))
    children = sandbox_children()
    assert children, "no sandbox child was started"
    with paused(children):
        for raw, sender in ((first, STRANGER), (second, STRANGER), (costly(REFERRER), REFERRER)):
            await asyncio.to_thread(send_smtp, service.smtp_port, raw, sender=sender)

    async def done() -> list[InboundMessage]:
        async with service.engine.parts.sessions() as session:
            rows = list((await session.execute(
                select(InboundMessage).order_by(InboundMessage.id))).scalars())
        return rows[1:] if all(row.status == "done" for row in rows) else []  # after the first

    one, two, theirs = await wait_for(done, timeout=60)
    assert one.processed_at <= theirs.processed_at <= two.processed_at


async def test_costly_mail_the_service_expects_goes_before_strangers(  # type: ignore[no-untyped-def]
        database_url, smtp_sink, service_factory) -> None:
    """A registered social worker's costly referral is read before costly mail from a
    stranger who has not been served yet either: forged senders, however many, do not
    hold it up."""
    service = await service_factory(database_url, relay=smtp_sink.url)
    other = "another@elsewhere.example"
    await asyncio.to_thread(read_message_safely, costly(STRANGER), load_referral_spec(CONFIG))
    children = sandbox_children()
    assert children, "no sandbox child was started"
    with paused(children):
        for raw, sender in ((costly(STRANGER), STRANGER), (costly(other), other),
                            (costly(REFERRER), REFERRER)):
            await asyncio.to_thread(send_smtp, service.smtp_port, raw, sender=sender)

    async def done() -> dict[str, InboundMessage]:
        async with service.engine.parts.sessions() as session:
            rows = list((await session.execute(select(InboundMessage))).scalars())
        finished = all(row.status == "done" and row.processed_at for row in rows)
        return {row.mail_from: row for row in rows} if finished and len(rows) == 3 else {}

    rows = await wait_for(done, timeout=60)
    assert rows[REFERRER].processed_at < rows[other].processed_at
