"""an answer records whether the mail it answers had a proved From

Revision ID: 0015_outbox_proved
Revises: 0014_inbound_waiting_index
Create Date: 2026-12-07 10:00:00

A stranger's twenty forged emails in a social worker's name used up her answers for the
day, so the answer to her own, DKIM-proved email went unsent. Answers to proved mail are now
counted apart from answers to mail nothing proved (workflows/answer_limits.py). Existing rows
count as answers to unproved mail: the strangers' side, as before.
"""
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (as in every revision)
from alembic import op

revision = '0015_outbox_proved'
down_revision = '0014_inbound_waiting_index'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.add_column(sa.Column('proved', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.drop_column('proved')
