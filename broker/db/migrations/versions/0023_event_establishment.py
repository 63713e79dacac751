"""a referral's events name their home in a column of their own

Revision ID: 0023_event_establishment
Revises: 0022_team_pause
Create Date: 2026-12-08 10:00:00

A provider's reply reads its own home's questions passed on or held (workflows/store.py
`_questions_of`). The home was only in each event's JSON data, so finding one home's rows
meant reading every held question of the referral and decoding its data: on SQLite 1,864
of a reply's 2,505 VM steps at replies 301-600 of one referral, growing with each reply.
`referral_event.establishment` now holds the home the data names (a string only; NULL for
an event naming none, or naming it as anything else), indexed with the referral and the
kind, and is filled in here from the data of every event already stored.
"""

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (as in every revision)
from alembic import op

revision = "0023_event_establishment"
down_revision = "0022_team_pause"
branch_labels = None
depends_on = None

INDEX = "ix_referral_event_referral_establishment_kind"
# The data's establishment where it is a JSON string, in each backend's JSON functions
# (the column type is JSON, not JSONB, on PostgreSQL).
BACKFILL = {
    "sqlite": (
        "UPDATE referral_event SET establishment = json_extract(data, '$.establishment') "
        "WHERE json_type(data, '$.establishment') = 'text'"
    ),
    "postgresql": (
        "UPDATE referral_event SET establishment = data->>'establishment' "
        "WHERE json_typeof(data->'establishment') = 'string'"
    ),
}


def upgrade() -> None:
    with op.batch_alter_table("referral_event") as batch:
        batch.add_column(sa.Column("establishment", sa.String(), nullable=True))
    connection = op.get_bind()
    connection.execute(sa.text(BACKFILL[connection.dialect.name]))
    op.create_index(INDEX, "referral_event", ["referral_id", "establishment", "kind"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="referral_event")
    with op.batch_alter_table("referral_event") as batch:
        batch.drop_column("establishment")
