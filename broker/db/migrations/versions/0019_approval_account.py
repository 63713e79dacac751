"""each approval keeps the Slack account that gave it

Revision ID: 0019_approval_account
Revises: 0018_inbound_proved
Create Date: 2026-12-09 10:00:00

A commissioner's decision in Slack was recorded by the email address and name her Slack
profile gave at the time. Both can be changed later by the person (or reused when someone
leaves), so the record could no longer say which account decided. Slack's own team and user
ids (`T…/U…`) never change, and are now kept beside the address. Earlier rows have none.
"""
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (as in every revision)
from alembic import op

revision = '0019_approval_account'
down_revision = '0018_inbound_proved'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('approval') as batch:
        batch.add_column(sa.Column('account', sa.String(), nullable=False,
                                   server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('approval') as batch:
        batch.drop_column('account')
