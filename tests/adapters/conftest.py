"""Fixtures the adapter tests share.

`worker`: the real intake worker (tests/adapters/worker.py) on a throwaway database, after
the sample referral has gone out to its 12 eligible providers. A test module that needs
another start defines its own `worker`, which takes the place of this one for that module.
`two_homes_approved`: two homes offered, both shortlisted and approved, each with its
papers email.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adapters.worker import approved_with_offers, make_worker
from tests.factories import referral_email


@pytest.fixture
async def worker(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, database_url)
    await made.receive(referral_email())  # 12 providers get it
    yield made
    await made.db.dispose()


@pytest.fixture
async def two_homes_approved(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, database_url)
    await approved_with_offers(made, homes=2)
    yield made
    await made.db.dispose()
