"""several instances on one database: one current response, Slack retries seen by all

Revision ID: 0008_instances
Revises: 0007_console
Create Date: 2026-12-03 06:40:00

A provider has one current response per referral: a unique index over the current rows
says so to the database itself, so two replies taken at once by two processes can never
both stay current. Existing data is carried over first: where an establishment has more
than one current response, all but the newest become superseded.

`slack_request` keeps the Slack requests seen lately (by the hash of their body), so a
retry that reaches another instance is answered without acting twice.
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

import broker.db.types  # noqa: F401  (custom column types)
from broker.db.types import UTCDateTime

revision = '0008_instances'
down_revision = '0007_console'
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_CURRENT = sa.text("status = 'current'")


def upgrade() -> None:
    op.execute(
        "UPDATE response SET status = 'superseded' WHERE status = 'current' AND EXISTS ("
        " SELECT 1 FROM response AS newer WHERE newer.referral_id = response.referral_id"
        " AND newer.establishment = response.establishment AND newer.status = 'current'"
        " AND newer.id > response.id)")
    op.create_index('uq_response_current', 'response', ['referral_id', 'establishment'],
                    unique=True, sqlite_where=_CURRENT, postgresql_where=_CURRENT)
    op.create_table(
        'slack_request',
        sa.Column('key', _TEXT(), nullable=False),
        sa.Column('answer', _TEXT(), nullable=False),
        sa.Column('seen_at', UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('key'),
    )
    op.create_index('ix_slack_request_seen_at', 'slack_request', ['seen_at'])


def downgrade() -> None:
    op.drop_table('slack_request')
    op.drop_index('uq_response_current', 'response')
