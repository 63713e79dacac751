"""The comparison when no provider offered a place or asked for the papers: it says there is
nothing to shortlist and what the social worker can do next, not how to shortlist."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.adapters.worker import make_worker, text_of
from tests.factories import REFERRER, referral_email


@pytest.fixture
async def worker(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, database_url)
    yield made
    await made.db.dispose()


async def test_a_comparison_with_no_options_gives_the_next_steps(worker: Any) -> None:
    await worker.receive(referral_email())
    worker.clock.advance(timedelta(days=1, minutes=1))  # nobody replied; the window closes
    await worker.engine.fire_due()
    [comparison] = await worker.outbox(kind="social_worker/comparison", to=REFERRER)
    text = text_of(comparison)
    assert "responses ready - none to consider" in comparison.subject
    assert "nothing to shortlist" in text and "UNMET no home could meet" in text
    assert "SHORTLIST A, C" not in text
