"""a shortlist given on the web page waits for its giver's confirmation from her inbox

Revision ID: 0016_shortlist_confirmation
Revises: 0015_outbox_proved
Create Date: 2026-12-07 14:00:00

Anyone holding the social worker's shortlist link could record a shortlist in her name, with
made-up views of the child, replacing hers. A shortlist given on the page is now kept here,
pending, until she confirms it by a link emailed to her own address, which works once.
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

import broker.db.types  # noqa: F401  (custom column types)
from broker.db.types import JSONType, UTCDateTime

revision = '0016_shortlist_confirmation'
down_revision = '0015_outbox_proved'
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        'shortlist_confirmation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('referral_id', sa.Integer(), nullable=False),
        sa.Column('token_hash', _TEXT(), nullable=False),
        sa.Column('address', _TEXT(), nullable=False),
        sa.Column('labels', JSONType, nullable=True),
        sa.Column('views', JSONType, nullable=True),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('expires_at', UTCDateTime(), nullable=False),
        sa.Column('used_at', UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('token_hash'),
    )
    op.create_index('ix_shortlist_confirmation_referral_id', 'shortlist_confirmation',
                    ['referral_id'])


def downgrade() -> None:
    op.drop_index('ix_shortlist_confirmation_referral_id', table_name='shortlist_confirmation')
    op.drop_table('shortlist_confirmation')
