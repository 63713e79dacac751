"""Whose flood can silence whose answers (workflows/answer_limits.py), through the real intake
worker: signed junk from any domain of its own cannot use up the answers to a member's proved
people; forged mail cannot silence the request to confirm her own signed instruction; and
the placements team's alerts stop at a ceiling per mailbox, however many references a flood
names."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.adapters.test_forged_senders import Signers, email_to, strict_config
from tests.adapters.test_m365_signed_mail import m365
from tests.adapters.worker import Worker, make_worker, text_of
from tests.factories import REFERRER, SAMPLE_REFERRAL, referral_email
from tests.market_snapshots import FORM
from workflows.answer_limits import ALERTS_PER_DAY, ALERTS_PER_HOUR, KNOWN_ANSWERS_PER_DAY

PROVIDERS = "providers@broker.localhost"
REFERRALS = "referrals@broker.localhost"
TEAM = "placements@northby.gov.example"
MALLORY = "mallory@outside.example"


@pytest.fixture
def signers() -> Signers:
    return Signers("northby.gov.example", "larchcare.example", "junk.example",
                   "junk2.example")


@pytest.fixture
async def worker(tmp_path: Path, database_url: str, signers: Signers) -> AsyncIterator[Worker]:
    made = await make_worker(tmp_path, database_url, config_dir=strict_config(tmp_path),
                             reopening=True)
    made.engine.parts.sender_auth.dnsfunc = signers.dns
    yield made
    await made.db.dispose()


async def test_signed_junk_from_anyones_domain_cannot_silence_a_proved_colleague(
        worker: Worker, signers: Signers) -> None:
    """Any domain can sign its mail: proved at providers@, its junk shares a budget apart
    from a member's people."""
    worker.engine.parts.answers_per_hour = 3
    for n in range(5):
        domain = f"junk{'2' if n % 2 else ''}.example"
        junk = f"nobody{n}@{domain}"
        await worker.receive(signers.sign(email_to(
            PROVIDERS, junk, FORM.replace("newleafcare.example", domain), "Application")),
            to=PROVIDERS, mail_from=junk)
    answered = [n for n in range(5)
                if await worker.outbox(to=f"nobody{n}@junk{'2' if n % 2 else ''}.example")]
    assert answered == [0, 1, 2]  # their own hourly budget holds
    jamie = "jamie.cole@northby.gov.example"  # a colleague the directory does not list
    body = SAMPLE_REFERRAL.replace("NHS number: 999 000 0115", "NHS number: 999 000 0116")
    row = await worker.receive(signers.sign(referral_email(body, sender=jamie)), mail_from=jamie)
    assert row.outcome == "incomplete"
    assert [r.kind for r in await worker.outbox(to=jamie)] == ["social_worker/problems"]


async def test_forged_mail_cannot_silence_the_request_to_confirm_her_signed_instruction(
        worker: Worker, signers: Signers) -> None:
    """Her Microsoft 365-signed EXTEND proves its From, not that it was sent to the service:
    the request to confirm it is an answer to proved mail all the same."""
    await worker.receive(signers.sign(referral_email()), mail_from=REFERRER)
    [referral] = await worker.referrals()
    for n in range(KNOWN_ANSWERS_PER_DAY):
        await worker.receive(email_to(REFERRALS, REFERRER, f"hello {n}"), mail_from=MALLORY)
    await worker.receive(m365(signers, email_to(REFERRALS, REFERRER, "EXTEND 2d",
                                                referral.reference)))
    assert len(await worker.outbox("council/confirm_instruction", to=REFERRER)) == 1


async def test_alerts_to_the_team_stop_at_a_ceiling_however_many_references(
        worker: Worker) -> None:
    for n in range(6):
        body = SAMPLE_REFERRAL.replace("NB-448213", f"NB-44821{n}")
        await worker.receive(referral_email(body, subject=f"Referral {n}"))
    references = [r.reference for r in await worker.referrals()]
    assert len(references) == 6
    counts = []
    for _hour in range(6):
        for reference in references:
            await worker.receive(email_to(REFERRALS, REFERRER, f"WITHDRAW {reference} moved"),
                                 mail_from=MALLORY)
        counts.append(len(await worker.outbox("placements_team/unauthenticated", to=TEAM)))
        worker.clock.advance(timedelta(hours=1, minutes=1))
    hourly = [b - a for a, b in zip([0, *counts], counts, strict=False)]
    assert max(hourly) == ALERTS_PER_HOUR
    assert counts[-1] == ALERTS_PER_DAY
    alerts = await worker.outbox("placements_team/unauthenticated", to=TEAM)
    assert "last alert of this kind" in text_of(alerts[ALERTS_PER_HOUR - 1])
    assert "this hour" in text_of(alerts[ALERTS_PER_HOUR - 1])
    assert "today" in text_of(alerts[-1]) and "last alert" in text_of(alerts[-1])
    assert "last alert" not in text_of(alerts[0])
    assert "withdrawn" not in {r.state for r in await worker.referrals()}
