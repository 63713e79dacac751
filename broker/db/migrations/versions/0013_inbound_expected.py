"""inbound mail from someone the service deals with is served before strangers'

Revision ID: 0013_inbound_expected
Revises: 0012_response_sent_at
Create Date: 2026-12-06 11:35:00

A flood of small junk mail from made-up senders stood in front of an emergency referral in
the order it arrived. Each message now records at intake whether it is expected (to a
reply address the service signed, or from a sender its directory registers); the worker
takes expected mail first. Existing rows count as not expected: they are served in the
order they came, as before.
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (as in every revision)

revision = '0013_inbound_expected'
down_revision = '0012_response_sent_at'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('inbound_message') as batch:
        batch.add_column(sa.Column('expected', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('inbound_message') as batch:
        batch.drop_column('expected')
