"""the staff console: sign-in links and the access log

Revision ID: 0007_console
Revises: 0006_trust
Create Date: 2026-12-03 02:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

import broker.db.types  # noqa: F401  (custom column types)
from broker.db.types import UTCDateTime

revision = '0007_console'
down_revision = '0006_trust'
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        'staff_sign_in',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', _TEXT(), nullable=False),
        sa.Column('address', _TEXT(), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('expires_at', UTCDateTime(), nullable=False),
        sa.Column('used_at', UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('token_hash'),
    )
    op.create_index('ix_staff_sign_in_address', 'staff_sign_in', ['address'])
    op.create_table(
        'staff_access',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', UTCDateTime(), nullable=False),
        sa.Column('staff', _TEXT(), nullable=False),
        sa.Column('role', _TEXT(), nullable=False),
        sa.Column('authority', _TEXT(), nullable=False),
        sa.Column('action', _TEXT(), nullable=False),
        sa.Column('referral_id', sa.Integer(), nullable=True),
        sa.Column('outcome', _TEXT(), nullable=False),
        sa.Column('remote', _TEXT(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_staff_access_at', 'staff_access', ['at'])
    op.create_index('ix_staff_access_staff', 'staff_access', ['staff'])
    op.create_index('ix_staff_access_referral_id', 'staff_access', ['referral_id'])


def downgrade() -> None:
    op.drop_table('staff_access')
    op.drop_table('staff_sign_in')
