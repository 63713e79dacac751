"""Migration 0022 keeps a home's two pauses apart (attacker review 41 F1): a team pause
stored the old way, in the provider's one slot with its reason beginning "by the
placements team: ", moves to the team's own columns; a provider's pause stays where it
was — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from broker.db.engine import make_engine, migrate, session_factory
from broker.db.tables import EstablishmentStatus
from tests.migrations import upgrade_to

AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


async def test_a_team_pause_moves_to_its_own_columns(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    async with engine.begin() as connection:
        await connection.run_sync(upgrade_to("0021_referrer_name"))
        at = AT.replace(tzinfo=None) if connection.dialect.name == "sqlite" else AT
        for key, reason in (("larch-house", "by the placements team: safeguarding review"),
                            ("oak-view", "no staff over Christmas: take nobody")):
            await connection.execute(sa.text(
                "INSERT INTO establishment_status (establishment, change_mark, paused, "
                "pause_reason, paused_at, updated_by) VALUES (:key, 0, true, :reason, :at, "
                "'')"), {"key": key, "reason": reason, "at": at})
    await migrate(engine)  # to the newest
    async with session_factory(engine)() as session:
        rows = {s.establishment: s for s in (await session.execute(
            sa.select(EstablishmentStatus))).scalars()}
    await engine.dispose()
    team, own = rows["larch-house"], rows["oak-view"]
    assert (team.paused, team.pause_reason, team.paused_at) == (False, "", None)
    assert (team.team_paused, team.team_pause_reason, team.team_paused_at) == (
        True, "safeguarding review", AT)
    assert (own.paused, own.pause_reason, own.paused_at) == (
        True, "no staff over Christmas: take nobody", AT)
    assert (own.team_paused, own.team_pause_reason, own.team_paused_at) == (False, "", None)
