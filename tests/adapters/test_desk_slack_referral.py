"""A referral submitted in Slack goes through the same intake as an email: stored, checked,
anonymised and broadcast, with the same answer for problems and for strangers."""

from __future__ import annotations

from pathlib import Path

from broker.forms.extract import fields_from_text
from broker.forms.spec import load_referral_spec
from tests.adapters.worker import make_worker
from tests.factories import CONFIG, REFERRER, SAMPLE_REFERRAL
from workflows.desk import PlacementDesk

FIELDS = dict(fields_from_text(SAMPLE_REFERRAL, load_referral_spec(CONFIG)).values)


async def test_a_slack_referral_is_broadcast_like_an_email(tmp_path: Path, sqlite_url: str) -> None:
    worker = await make_worker(tmp_path, sqlite_url)
    answer = await PlacementDesk(worker.engine).referral_from_slack(FIELDS, REFERRER)
    assert answer.accepted and answer.reference.startswith("REF-")
    assert "12 eligible" in answer.message
    assert len(await worker.outbox(kind="provider/referral")) == 12
    [ack] = await worker.outbox(kind="social_worker/acknowledgement")
    assert ack.to_addr == REFERRER
    await worker.db.dispose()


async def test_problems_come_back_by_field(tmp_path: Path, sqlite_url: str) -> None:
    worker = await make_worker(tmp_path, sqlite_url)
    fields = {k: v for k, v in FIELDS.items() if k != "date_of_birth"}
    answer = await PlacementDesk(worker.engine).referral_from_slack(fields, REFERRER)
    assert not answer.accepted
    assert [p["field"] for p in answer.problems] == ["date_of_birth"]
    assert await worker.outbox(kind="provider/referral") == []
    await worker.db.dispose()


async def test_a_stranger_is_refused(tmp_path: Path, sqlite_url: str) -> None:
    worker = await make_worker(tmp_path, sqlite_url)
    answer = await PlacementDesk(worker.engine).referral_from_slack(FIELDS,
                                                                    "someone@else.example")
    assert not answer.accepted and "registered" in answer.message
    await worker.db.dispose()
