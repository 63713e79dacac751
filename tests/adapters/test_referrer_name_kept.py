"""The referrer's name kept with the referral (rule `referrer-named-as-she-signs`), on SQLite
and PostgreSQL: a duty team's email from its shared mailbox, signed "Kim | EDT" under the
From name "Northby EDT", is Kim's referral in the row; migration 0021 gives the referrals
already there no name, and they are named by their address as before."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import select

from broker.db.engine import alembic_config, make_engine, migrate, session_factory
from broker.db.tables import Referral
from tests.adapters.worker import make_worker
from tests.factories import SAMPLE_REFERRAL, referral_email
from workflows.people import referrer_named

EDT = "edt@northby.gov.example"
AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
async def worker(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    made = await make_worker(tmp_path, database_url)
    yield made
    await made.db.dispose()


def _from_edt(body: str, display: str) -> Any:
    message = referral_email(body, sender=EDT)
    message.replace_header("From", f"{display} <{EDT}>")
    return message


async def test_a_duty_teams_referral_is_kept_under_the_name_she_signed(worker: Any) -> None:
    body = SAMPLE_REFERRAL.split("\nKind regards,")[0] + "\n\nKim | EDT\nEmergency Duty Team\n"
    await worker.receive(_from_edt(body, "Northby EDT"))
    await worker.receive(_from_edt(SAMPLE_REFERRAL.split("\nKind regards,")[0],
                                   "Northby EDT"))  # signed by no one: her From's name
    first, second = await worker.referrals()
    assert (first.referrer, first.referrer_name) == (EDT, "Kim")
    assert second.referrer_name == "Northby EDT"


def _to(revision: str):  # type: ignore[no-untyped-def]
    def run(connection):  # type: ignore[no-untyped-def]
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return run


async def test_referrals_from_before_the_migration_are_named_by_their_address(
        empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    async with engine.begin() as connection:
        await connection.run_sync(_to("0020_referral_hot_indexes"))
        naive = connection.dialect.name == "sqlite"
        await connection.execute(sa.text(
            "INSERT INTO referral (id, reference, state, authority, referrer, subject, "
            "raw_fields, form, anonymised, thread, urgency, cascade, created_at, comparison, "
            "chosen, outcome_reason, held_for) VALUES (7, 'REF-2026-000007', 'open', "
            "'northby', :referrer, '', '{}', '{}', '{}', '[]', 'emergency', '', :at, '[]', "
            "'', '', '')"), {"referrer": EDT, "at": AT.replace(tzinfo=None) if naive else AT})
    await migrate(engine)
    async with session_factory(engine)() as session:
        [old] = (await session.execute(select(Referral))).scalars().all()
        session.add(Referral(reference="REF-2026-000008", state="new", referrer=EDT,
                             referrer_name="Kim", created_at=AT))
        await session.commit()
        names = [(r.referrer_name, referrer_named(r)) for r in (await session.execute(
            select(Referral).order_by(Referral.reference))).scalars()]
    await engine.dispose()
    assert old.referrer_name == ""
    assert names == [("", "Edt"), ("Kim", "Kim")]
