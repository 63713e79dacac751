"""a home's team pause kept apart from its provider's own

Revision ID: 0022_team_pause
Revises: 0021_referrer_name
Create Date: 2026-12-07 16:00:00

A home had one pause: the placements team's pause from the console wrote over its
provider's ("no staff over Christmas"), and the team's Resume then lifted both, so a home
its provider said could take nobody was sent referrals again. The team's pause now has
its own columns (`team_paused`, `team_pause_reason`, `team_paused_at`) beside the
provider's (`paused`, `pause_reason`, `paused_at`); the home receives referrals only when
neither stands. A team pause stored the old way (its reason beginning "by the placements
team: ") is moved to the new columns, without that marker.
"""
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (as in every revision)
from alembic import op

from broker.db.types import UTCDateTime

revision = '0022_team_pause'
down_revision = '0021_referrer_name'
branch_labels = None
depends_on = None

MARKER = "by the placements team: "  # broker/directory/live.py BY_TEAM, as it was written


def _status() -> sa.TableClause:
    """The table's pause columns, both slots, as this revision reads and writes them."""
    return sa.table('establishment_status', sa.column('establishment', sa.Text()),
                    sa.column('paused', sa.Boolean()), sa.column('pause_reason', sa.Text()),
                    sa.column('paused_at', UTCDateTime(timezone=True)),
                    sa.column('team_paused', sa.Boolean()),
                    sa.column('team_pause_reason', sa.Text()),
                    sa.column('team_paused_at', UTCDateTime(timezone=True)))


def upgrade() -> None:
    with op.batch_alter_table('establishment_status') as batch:
        batch.add_column(sa.Column('team_paused', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column('team_pause_reason', sa.String(), nullable=False,
                                   server_default=''))
        batch.add_column(sa.Column('team_paused_at', UTCDateTime(timezone=True),
                                   nullable=True))
    status = _status()
    connection = op.get_bind()
    teams = connection.execute(sa.select(
        status.c.establishment, status.c.pause_reason, status.c.paused_at).where(
        status.c.paused, status.c.pause_reason.startswith(MARKER, autoescape=True))).all()
    for key, reason, at in teams:
        connection.execute(status.update().where(status.c.establishment == key).values(
            team_paused=True, team_pause_reason=reason[len(MARKER):], team_paused_at=at,
            paused=False, pause_reason="", paused_at=None))


def downgrade() -> None:
    status = _status()
    connection = op.get_bind()
    teams = connection.execute(sa.select(
        status.c.establishment, status.c.team_pause_reason, status.c.team_paused_at).where(
        status.c.team_paused)).all()
    for key, reason, at in teams:  # one slot again: the team's pause is the one kept
        connection.execute(status.update().where(status.c.establishment == key).values(
            paused=True, pause_reason=MARKER + reason, paused_at=at))
    with op.batch_alter_table('establishment_status') as batch:
        batch.drop_column('team_paused_at')
        batch.drop_column('team_pause_reason')
        batch.drop_column('team_paused')
