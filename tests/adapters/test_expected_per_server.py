"""A flood in a registered sender's name, or to a reply address a forwarded email showed, from
one server, cannot all be served as expected: intake marks at most `PER_MINUTE` of one
server's mail a minute expected; past that it is stored and waits with strangers' mail.
Another server's mail keeps its place."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from broker.db.tables import InboundMessage
from broker.tokens import reply_address
from channels.email.allowance import PER_MINUTE
from tests.adapters.worker import make_worker
from tests.factories import REFERRER, SECRET, referral_email

FLOODER, COUNCIL = "192.0.2.7", "198.51.100.20"


@pytest.fixture
async def worker(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, database_url)
    yield made
    await made.db.dispose()


async def _stored(worker: Any, peer: str, to: str = "referrals@broker.localhost") -> bool:
    inbound_id = await worker.handler.store(bytes(referral_email()), REFERRER, [to], peer=peer)
    async with worker.sessions() as session:
        return bool(await session.scalar(select(InboundMessage.expected).where(
            InboundMessage.id == inbound_id)))


async def test_one_servers_forged_flood_is_expected_only_up_to_its_allowance(
        worker: Any) -> None:
    marks = [await _stored(worker, FLOODER) for _ in range(PER_MINUTE + 10)]
    assert marks == [True] * PER_MINUTE + [False] * 10
    assert await _stored(worker, COUNCIL)  # another server keeps its place
    signed = reply_address(SECRET.encode(), 1, "larch-house", "broker.localhost")
    assert not await _stored(worker, FLOODER, to=signed)  # a known reply address is no way round
    assert await _stored(worker, COUNCIL, to=signed)
    worker.clock.advance(timedelta(seconds=10))  # refilled steadily: five more
    assert [await _stored(worker, FLOODER) for _ in range(6)] == [True] * 5 + [False]
