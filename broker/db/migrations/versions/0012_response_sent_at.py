"""a response keeps when its reply was written, so answers are ordered as written

Revision ID: 0012_response_sent_at
Revises: 0011_answer_limits
Create Date: 2026-12-06 11:00:00

Mail can arrive out of order (a relay holds one message for minutes): a provider's earlier
answer that reaches us after its later one must not replace it. The reply's Date header is
kept with the response; existing rows have none, and are ordered by arrival as before.
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (as in every revision)

import broker.db.types  # noqa: F401  (custom column types)
from broker.db.types import UTCDateTime

revision = '0012_response_sent_at'
down_revision = '0011_answer_limits'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('response') as batch:
        batch.add_column(sa.Column('sent_at', UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('response') as batch:
        batch.drop_column('sent_at')
