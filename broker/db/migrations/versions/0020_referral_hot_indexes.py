"""a reply reads its home's rows of the referral by index, not the whole referral's

Revision ID: 0020_referral_hot_indexes
Revises: 0019_approval_account
Create Date: 2026-12-07 13:10:00

Each provider's reply asked for the referral's questions passed on or held
(workflows/store.py `_questions_of`) and for the answers its home had today
(workflows/answer_limits.py `_reply_answers_today`) along the referral's index only, so
every reply walked all the referral's events and all its outbox rows, a cost that grew with
each reply the referral had had. The events are now found by referral and kind, and the
outbox rows by referral and home (which the fee proposal a reply answers, workflows/mailroom.py
`_answered_proposal`, is found by too, where SQLite could before take the referral's index).
Measured on SQLite (one referral, 200 homes replying): 14,615-17,915 VM instructions a reply
at replies 301-600 and 57,885 at 1,501-1,800 became 2,514 and 7,034; what still grows is
the referral's held questions, read to find the home's own.
"""
from alembic import op

revision = '0020_referral_hot_indexes'
down_revision = '0019_approval_account'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_referral_event_referral_kind', 'referral_event',
                    ['referral_id', 'kind'])
    op.create_index('ix_outbox_referral_establishment', 'outbox',
                    ['referral_id', 'establishment'])


def downgrade() -> None:
    op.drop_index('ix_outbox_referral_establishment', table_name='outbox')
    op.drop_index('ix_referral_event_referral_kind', table_name='referral_event')
