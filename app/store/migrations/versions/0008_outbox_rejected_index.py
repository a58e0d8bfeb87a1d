"""outbox: a partial index on refused entries (a case's timeline and a refetch look them up by row)

Revision ID: 0008_outbox_rejected_index
Revises: 0007_blobs_on_server
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_outbox_rejected_index"
down_revision = "0007_blobs_on_server"
branch_labels = None
depends_on = None

REJECTED = sa.text("status = 'rejected'")


def upgrade() -> None:
    op.create_index("ix_outbox_rejected", "outbox", ["table_name", "row_id"], unique=False,
                    sqlite_where=REJECTED, postgresql_where=REJECTED)


def downgrade() -> None:
    op.drop_index("ix_outbox_rejected", table_name="outbox")
