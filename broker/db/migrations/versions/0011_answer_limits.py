"""answers to mail the service cannot use: counted by address and by hour from the outbox

Revision ID: 0011_answer_limits
Revises: 0010_lz4
Create Date: 2026-12-04 05:00:00
"""
from alembic import op
import sqlmodel  # noqa: F401  (as in every revision)

revision = '0011_answer_limits'
down_revision = '0010_lz4'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_outbox_to_addr_created_at', 'outbox', ['to_addr', 'created_at'])
    op.create_index('ix_outbox_kind_created_at', 'outbox', ['kind', 'created_at'])


def downgrade() -> None:
    op.drop_index('ix_outbox_kind_created_at', table_name='outbox')
    op.drop_index('ix_outbox_to_addr_created_at', table_name='outbox')
