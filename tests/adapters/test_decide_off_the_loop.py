"""A referral form is decided in a worker thread, so the event loop keeps serving meanwhile.

Reading, matching and anonymising a long referral costs a second or more of CPU; decided on
the loop, it held up /healthz, the web pages and Slack (which gives up after 3 s) for as
long. Here the anonymiser is held until a task on the loop lets it go: decided on the loop,
that task could never run and the anonymiser would give up waiting; decided off it, the
task runs, the anonymiser goes on, and the referral goes out as ever.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import workflows.intake
from tests.adapters.worker import make_worker
from tests.factories import referral_email

HELD_UP_TO = 30  # seconds: only a bound, so a loop that never runs fails rather than hangs


async def test_the_loop_serves_while_a_referral_is_anonymised(
        tmp_path: Path, sqlite_url: str, monkeypatch: Any) -> None:
    worker = await make_worker(tmp_path, sqlite_url)
    started, let_go = threading.Event(), threading.Event()
    waited: list[bool] = []
    anonymise = workflows.intake.anonymise

    def held_anonymise(*args: Any, **kwargs: Any) -> Any:
        started.set()
        waited.append(let_go.wait(HELD_UP_TO))
        return anonymise(*args, **kwargs)

    monkeypatch.setattr(workflows.intake, "anonymise", held_anonymise)

    async def the_loop_meanwhile() -> None:
        await asyncio.to_thread(started.wait, HELD_UP_TO)
        let_go.set()

    meanwhile = asyncio.create_task(the_loop_meanwhile())
    try:
        await worker.receive(referral_email())
        assert waited == [True]  # the loop ran while the form was being anonymised
        assert len(await worker.outbox("provider/referral")) == 12  # and it went out as ever
    finally:  # last: an engine used after its dispose() opens a new pool that nothing closes
        let_go.set()
        await meanwhile
        await worker.db.dispose()
