"""waves, shortlist rounds and keyed deadlines

A referral's one response window (broadcast_at, deadline_at, closed_at) becomes its first
wave; its one shortlist (shortlist, approval_round, approval_expires_at) becomes a shortlist
round; deadlines are keyed by subject, kind, wave and sequence instead of strings such as
"chase-2" or "approval-expiry-1". Existing rows are carried over.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 01:30:00
"""
import re

from alembic import op
import sqlalchemy as sa
import sqlmodel

import broker.db.types  # noqa: F401  (custom column types)
from broker.db.types import JSONType, UTCDateTime

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def _referrals() -> sa.Table:
    return sa.table(
        'referral', sa.column('id', sa.Integer), sa.column('state', _TEXT),
        sa.column('broadcast_at', UTCDateTime()), sa.column('deadline_at', UTCDateTime()),
        sa.column('closed_at', UTCDateTime()), sa.column('shortlist', JSONType),
        sa.column('approval_round', sa.Integer),
        sa.column('approval_expires_at', UTCDateTime()))


def upgrade() -> None:
    op.create_table(
        'wave',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('referral_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('name', _TEXT(), nullable=False),
        sa.Column('tiers', JSONType, nullable=True),
        sa.Column('window_seconds', sa.Integer(), nullable=False),
        sa.Column('opened_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('closes_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('closed_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('providers', sa.Integer(), nullable=False),
        sa.Column('opened_because', _TEXT(), nullable=False),
        sa.Column('outcome', _TEXT(), nullable=False),
        sa.Column('outcome_reason', _TEXT(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('referral_id', 'number'))
    op.create_index('ix_wave_referral_id', 'wave', ['referral_id'])
    op.create_table(
        'shortlist_round',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('referral_id', sa.Integer(), nullable=False),
        sa.Column('round', sa.Integer(), nullable=False),
        sa.Column('labels', JSONType, nullable=True),
        sa.Column('establishments', JSONType, nullable=True),
        sa.Column('views', JSONType, nullable=True),
        sa.Column('by', _TEXT(), nullable=False),
        sa.Column('at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('expires_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('outcome', _TEXT(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('referral_id', 'round'))
    op.create_index('ix_shortlist_round_referral_id', 'shortlist_round', ['referral_id'])
    with op.batch_alter_table('match_record') as batch_op:
        batch_op.add_column(sa.Column('wave', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('tier', _TEXT(), nullable=False, server_default=''))
    op.execute("UPDATE match_record SET wave = 1 WHERE eligible")
    _carry_over_windows_and_shortlists()
    _rekey_deadlines()
    with op.batch_alter_table('referral') as batch_op:
        batch_op.add_column(sa.Column('cascade', _TEXT(), nullable=False, server_default=''))
        for column in ('broadcast_at', 'deadline_at', 'closed_at', 'shortlist',
                       'approval_round', 'approval_expires_at'):
            batch_op.drop_column(column)


def _carry_over_windows_and_shortlists() -> None:
    bind = op.get_bind()
    referrals = _referrals()
    waves = sa.table('wave', *(sa.column(n) for n in (
        'referral_id', 'number', 'name', 'window_seconds', 'opened_at', 'closes_at',
        'closed_at', 'providers', 'opened_because', 'outcome', 'outcome_reason')),
        sa.column('tiers', JSONType))
    rounds = sa.table('shortlist_round', *(sa.column(n) for n in (
        'referral_id', 'round', 'by', 'at', 'expires_at', 'outcome')),
        sa.column('labels', JSONType), sa.column('establishments', JSONType),
        sa.column('views', JSONType))
    counts = {row[0]: row[1] for row in bind.execute(sa.text(
        "SELECT referral_id, count(*) FROM match_record WHERE eligible GROUP BY referral_id"))}
    for row in bind.execute(sa.select(referrals)).mappings():
        if row['broadcast_at'] is not None:
            closes = row['deadline_at'] or row['broadcast_at']
            bind.execute(waves.insert().values(
                referral_id=row['id'], number=1, name='All eligible providers', tiers=[],
                window_seconds=int((closes - row['broadcast_at']).total_seconds()),
                opened_at=row['broadcast_at'], closes_at=row['deadline_at'],
                closed_at=row['closed_at'], providers=counts.get(row['id'], 0),
                opened_because='first-wave',
                outcome='closed' if row['closed_at'] else '', outcome_reason=''))
        shortlist = row['shortlist'] or {}
        if row['approval_round'] and shortlist:
            views = {k: v for k, v in shortlist.items()
                     if k in ('parents', 'child', 'parents_reason', 'child_reason')}
            state = row['state']
            outcome = ('pending' if state == 'awaiting-approval' else 'approved'
                       if state in ('approved', 'negotiating', 'placed') else 'rejected')
            bind.execute(rounds.insert().values(
                referral_id=row['id'], round=row['approval_round'],
                labels=shortlist.get('labels', []),
                establishments=shortlist.get('establishments', []), views=views,
                by=shortlist.get('by', ''), at=row['approval_expires_at'] or row['broadcast_at'],
                expires_at=row['approval_expires_at'], outcome=outcome))


def _rekey_deadlines() -> None:
    op.create_table(
        'deadline_new',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('subject', _TEXT(), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=False),
        sa.Column('kind', _TEXT(), nullable=False),
        sa.Column('wave', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('due_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('status', _TEXT(), nullable=False),
        sa.Column('fired_at', UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('subject', 'subject_id', 'kind', 'wave', 'seq',
                            name='uq_deadline_key'))
    bind = op.get_bind()
    old = sa.table('deadline', sa.column('id'), sa.column('referral_id'), sa.column('kind'),
                   sa.column('due_at', UTCDateTime()), sa.column('status'),
                   sa.column('fired_at', UTCDateTime()))
    new = sa.table('deadline_new', *(sa.column(n) for n in (
        'id', 'subject', 'subject_id', 'kind', 'wave', 'seq', 'status')),
        sa.column('due_at', UTCDateTime()), sa.column('fired_at', UTCDateTime()))
    for row in bind.execute(sa.select(old)).mappings():
        kind, wave, seq = _key(row['kind'])
        bind.execute(new.insert().values(
            id=row['id'], subject='referral', subject_id=row['referral_id'], kind=kind,
            wave=wave, seq=seq, due_at=row['due_at'], status=row['status'],
            fired_at=row['fired_at']))
    op.drop_table('deadline')
    op.rename_table('deadline_new', 'deadline')
    if bind.dialect.name == 'postgresql':  # the serial's sequence must pass the copied ids
        op.execute("SELECT setval(pg_get_serial_sequence('deadline', 'id'), "
                   "COALESCE(max(id), 0) + 1, false) FROM deadline")
    op.create_index('ix_deadline_due', 'deadline', ['status', 'due_at'])
    op.create_index('ix_deadline_subject_id', 'deadline', ['subject_id'])


def _key(old_kind: str) -> tuple[str, int, int]:
    """"close" → (close, wave 1); "chase-2" → (chase, wave 1, 2); "approval-expiry-3" →
    (approval-expiry, 0, 3)."""
    chase = re.fullmatch(r'chase-(\d+)', old_kind)
    if chase:
        return 'chase', 1, int(chase.group(1))
    expiry = re.fullmatch(r'approval-expiry-(\d+)', old_kind)
    if expiry:
        return 'approval-expiry', 0, int(expiry.group(1))
    return old_kind, 1 if old_kind == 'close' else 0, 0


def downgrade() -> None:
    raise NotImplementedError("0004 carries data forward; restore a backup to go back")
