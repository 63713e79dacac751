"""each referral keeps the name its referrer signed with

Revision ID: 0021_referrer_name
Revises: 0020_referral_hot_indexes
Create Date: 2026-12-07 15:00:00

The service named the person who sent a referral by her address alone, so a duty team's
shared mailbox (`edt@…`) was "Edt" in the placements team's emails ("Edt will shortlist;
the team can too"). The name she signed with ("Kim" of "Kim | EDT"), else her From display
name ("Northby EDT"), is now kept with the referral at intake (workflows/people.py
`referrer_name`). Earlier rows have none, and are still named by their address.
"""
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (as in every revision)
from alembic import op

revision = '0021_referrer_name'
down_revision = '0020_referral_hot_indexes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('referral') as batch:
        batch.add_column(sa.Column('referrer_name', sa.String(), nullable=False,
                                   server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('referral') as batch:
        batch.drop_column('referrer_name')
