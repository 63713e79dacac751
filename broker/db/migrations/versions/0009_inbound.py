"""inbound retransmissions: look up earlier messages by (Message-ID, envelope sender)

Revision ID: 0009_inbound
Revises: 0008_instances
Create Date: 2026-12-03 06:30:00
"""
from alembic import op
import sqlmodel  # noqa: F401  (as in every revision)

revision = '0009_inbound'
down_revision = '0008_instances'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_inbound_message_message_id_mail_from', 'inbound_message',
                    ['message_id', 'mail_from'])


def downgrade() -> None:
    op.drop_index('ix_inbound_message_message_id_mail_from', table_name='inbound_message')
