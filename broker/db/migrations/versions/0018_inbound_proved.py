"""each inbound message records whether its sender was proved when it was handled

Revision ID: 0018_inbound_proved
Revises: 0017_access_method
Create Date: 2026-12-08 10:00:00

A signed instruction refused for the moment (a home's answer still unclear) did not count
as handled, so whoever held a copy could send it again later, when it did what its writer
never meant. Copies of a proved message are now told by whether the earlier one's proof
held, not by what it came to (workflows/inbound.py). Existing rows count as proved when
they were acted on (their outcome neither refused, not permitted nor waiting for a
confirmation), as copies were told before.
"""
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (as in every revision)
from alembic import op

revision = '0018_inbound_proved'
down_revision = '0017_access_method'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('inbound_message') as batch:
        batch.add_column(sa.Column('proved', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    op.execute("UPDATE inbound_message SET proved = TRUE WHERE status = 'done' AND outcome "
               "NOT IN ('not-permitted', 'refused', 'to-confirm')")


def downgrade() -> None:
    with op.batch_alter_table('inbound_message') as batch:
        batch.drop_column('proved')
