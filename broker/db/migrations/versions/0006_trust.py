"""trust: held referrals, duplicate-child digests, documents behind signed links

Adds `referral.held_for` (why a referral is held before broadcast), `child_key` (keyed
digests of a child's identifiers, to flag a second referral of the same child), `document`
and `document_grant` (the IPA, served as a PDF through signed, expiring, logged links).

Revision ID: 0006_trust
Revises: 0005_market
Create Date: 2026-12-10 09:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

import broker.db.types  # noqa: F401  (custom column types)
from broker.db.types import JSONType, UTCDateTime

revision = '0006_trust'
down_revision = '0005_market'
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table('referral') as batch:
        batch.add_column(sa.Column('held_for', _TEXT(), nullable=False, server_default=''))
    op.create_table(
        'child_key',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('referral_id', sa.Integer(), nullable=False),
        sa.Column('digest', _TEXT(), nullable=False),
        sa.UniqueConstraint('referral_id', 'digest'))
    op.create_index('ix_child_key_referral_id', 'child_key', ['referral_id'])
    op.create_index('ix_child_key_digest', 'child_key', ['digest'])
    op.create_table(
        'document',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('referral_id', sa.Integer(), nullable=False),
        sa.Column('kind', _TEXT(), nullable=False),
        sa.Column('context', JSONType, nullable=True),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('purged_at', UTCDateTime(timezone=True), nullable=True),
        sa.UniqueConstraint('referral_id', 'kind'))
    op.create_index('ix_document_referral_id', 'document', ['referral_id'])
    op.create_table(
        'document_grant',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('referral_id', sa.Integer(), nullable=False),
        sa.Column('kind', _TEXT(), nullable=False),
        sa.Column('subject', _TEXT(), nullable=False),
        sa.Column('granted_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('expires_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('revoked_at', UTCDateTime(timezone=True), nullable=True),
        sa.UniqueConstraint('referral_id', 'kind', 'subject'))
    op.create_index('ix_document_grant_referral_id', 'document_grant', ['referral_id'])


def downgrade() -> None:
    op.drop_table('document_grant')
    op.drop_table('document')
    op.drop_table('child_key')
    with op.batch_alter_table('referral') as batch:
        batch.drop_column('held_for')
