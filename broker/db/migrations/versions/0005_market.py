"""the market: the directory in the database, vacancies and pauses, list windows, applications

New tables only: the directory's organisations and establishments (seeded from config/ at
start), each establishment's declared vacancies and pause, the windows in which approved
lists and DPSs reopen, providers' applications and their approvals, and the market's
timeline. Nothing existing changes.

Revision ID: 0005_market
Revises: 0004
Create Date: 2026-12-04 09:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

import broker.db.types  # noqa: F401  (custom column types)
from broker.db.types import JSONType, UTCDateTime

revision = '0005_market'
down_revision = '0004'
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def _time(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        'directory_record',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', _TEXT(), nullable=False),
        sa.Column('key', _TEXT(), nullable=False),
        sa.Column('parent', _TEXT(), nullable=False),
        sa.Column('data', JSONType, nullable=True),
        sa.Column('source', _TEXT(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=True),
        sa.Column('revision', sa.Integer(), nullable=False),
        _time('added_at'), _time('updated_at'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('kind', 'key'))
    op.create_table(
        'establishment_status',
        sa.Column('establishment', _TEXT(), nullable=False),
        sa.Column('vacancies', sa.Integer(), nullable=True),
        _time('declared_at', True),
        sa.Column('change_mark', sa.Integer(), nullable=False),
        sa.Column('paused', sa.Boolean(), nullable=False),
        sa.Column('pause_reason', _TEXT(), nullable=False),
        _time('paused_at', True),
        sa.Column('updated_by', _TEXT(), nullable=False),
        _time('updated_at', True),
        sa.PrimaryKeyConstraint('establishment'))
    op.create_table(
        'list_window',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('arrangement', _TEXT(), nullable=False),
        sa.Column('state', _TEXT(), nullable=False),
        _time('advertise_at'), _time('opens_at'), _time('closes_at'),
        sa.Column('reminders', JSONType, nullable=True),
        _time('created_at'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('arrangement', 'opens_at'))
    op.create_index('ix_list_window_arrangement', 'list_window', ['arrangement'])
    op.create_table(
        'application',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('reference', _TEXT(), nullable=True),
        sa.Column('state', _TEXT(), nullable=False),
        sa.Column('arrangement', _TEXT(), nullable=False),
        sa.Column('applicant', _TEXT(), nullable=False),
        sa.Column('subject', _TEXT(), nullable=False),
        sa.Column('raw_fields', JSONType, nullable=True),
        sa.Column('record', JSONType, nullable=True),
        sa.Column('establishment', _TEXT(), nullable=False),
        _time('created_at'), _time('decided_at', True),
        sa.Column('outcome_reason', _TEXT(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('reference'))
    op.create_index('ix_application_state', 'application', ['state'])
    op.create_table(
        'application_approval',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=False),
        sa.Column('approver', _TEXT(), nullable=False),
        sa.Column('approver_name', _TEXT(), nullable=False),
        sa.Column('decision', _TEXT(), nullable=False),
        sa.Column('reason', _TEXT(), nullable=False),
        sa.Column('channel', _TEXT(), nullable=False),
        _time('at'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('application_id', 'approver', 'decision'))
    op.create_index('ix_application_approval_application_id', 'application_approval',
                    ['application_id'])
    op.create_table(
        'market_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('subject', _TEXT(), nullable=False),
        sa.Column('subject_key', _TEXT(), nullable=False),
        _time('at'),
        sa.Column('kind', _TEXT(), nullable=False),
        sa.Column('data', JSONType, nullable=True),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_market_event_subject_key', 'market_event', ['subject_key'])


def downgrade() -> None:
    for table in ('market_event', 'application_approval', 'application', 'list_window',
                  'establishment_status', 'directory_record'):
        op.drop_table(table)
