"""the light lane walks the waiting mail by kind: an index for it

Revision ID: 0014_inbound_waiting_index
Revises: 0013_inbound_expected
Create Date: 2026-12-06 12:25:00

Taking expected mail first with one ORDER BY over all waiting rows cost each batch a walk
of the whole queue; the worker now asks for the expected mail and then the strangers', each
in arrival order, and this index lets each question stop at the batch's size.
"""
from alembic import op

revision = '0014_inbound_waiting_index'
down_revision = '0013_inbound_expected'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_inbound_message_waiting', 'inbound_message',
                    ['status', 'expected', 'id'])


def downgrade() -> None:
    op.drop_index('ix_inbound_message_waiting', table_name='inbound_message')
