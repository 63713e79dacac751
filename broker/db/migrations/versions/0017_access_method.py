"""an access to papers or an IPA records the HTTP method it came by

Revision ID: 0017_access_method
Revises: 0016_shortlist_confirmation
Create Date: 2026-12-07 16:00:00

A mail scanner's HEAD of a papers or IPA link was recorded as `served`, exactly like a
provider opening it. Each access now records its method, and a HEAD its own outcome
(`headers-only`: the link was good, nothing was served). Existing rows were GETs or HEADs
alike; they are marked GET, as they were taken to be.
"""
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (as in every revision)
from alembic import op

revision = '0017_access_method'
down_revision = '0016_shortlist_confirmation'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('papers_access') as batch:
        batch.add_column(sa.Column('method', sqlmodel.sql.sqltypes.AutoString(),
                                   nullable=False, server_default='GET'))


def downgrade() -> None:
    with op.batch_alter_table('papers_access') as batch:
        batch.drop_column('method')
