"""A home whose contact is at a public mail service (rule PUBLIC_MAIL_SERVICES,
broker/maildomains.py): `broker config check` takes the one address, and through the real
intake worker only that mailbox speaks for the home. Any other Gmail user, with a genuine
Gmail DKIM signature, can neither end its placement nor pause it."""

from __future__ import annotations

from pathlib import Path

import pytest

from broker.db.tables import Referral
from broker.directory import check_config
from tests.adapters.test_forged_senders import (
    PROVIDERS,
    Signers,
    _paused,
    _placed,
    _state,
    email_to,
    strict_config,
)
from tests.adapters.worker import make_worker

MANAGER = "larchhouse.manager@gmail.com"
STRANGER = "random.person@gmail.com"


@pytest.fixture
def gmail_signers() -> Signers:
    return Signers("northby.gov.example", "gmail.com")


@pytest.fixture
async def gmail_worker(tmp_path: Path, database_url: str, gmail_signers: Signers):  # type: ignore[no-untyped-def]
    config = strict_config(tmp_path)
    homes = config / "providers" / "london-and-south-east.yaml"
    text = homes.read_text()
    old = "        contacts: [larch.house@larchcare.example, referrals@larchcare.example]"
    assert old in text
    homes.write_text(text.replace(old, f"        contacts: [{MANAGER}]", 1))
    assert check_config(config) == []  # the home's own Gmail address is accepted as it is
    made = await make_worker(tmp_path, database_url, config_dir=config, reopening=True)
    made.engine.parts.sender_auth.dnsfunc = gmail_signers.dns
    yield made
    await made.db.dispose()


async def test_another_gmail_user_cannot_end_or_pause_a_home_whose_contact_is_at_gmail(  # type: ignore[no-untyped-def]
        gmail_worker, gmail_signers) -> None:
    worker = gmail_worker
    referral, _ = await _placed(worker, gmail_signers)
    async with worker.sessions() as session:  # placed with Larch House, the Gmail home
        row = await session.get(Referral, referral.id)
        assert row is not None
        row.chosen = "larch-house"
        await session.commit()
    ended = email_to(PROVIDERS, STRANGER, f"ENDED {referral.reference} 01/12/2026 moved out")
    await worker.receive(gmail_signers.sign(ended), to=PROVIDERS, mail_from=STRANGER)
    assert await _state(worker) == "placed"
    pause = email_to(PROVIDERS, STRANGER, "PAUSE Larch House: closed")
    await worker.receive(gmail_signers.sign(pause), to=PROVIDERS, mail_from=STRANGER)
    assert not await _paused(worker)
    # The home's own mailbox, signed by Gmail: it speaks for the home.
    pause = email_to(PROVIDERS, MANAGER, "PAUSE Larch House: staff training")
    row = await worker.receive(gmail_signers.sign(pause), to=PROVIDERS, mail_from=MANAGER)
    assert row.outcome == "notice-recorded" and await _paused(worker)
