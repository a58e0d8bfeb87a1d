"""import_batches.undone_by: who undid a batch (shown in 导入记录 and `gridledger imports`)

Revision ID: 0009_batch_undone_by
Revises: 0008_outbox_rejected_index
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_batch_undone_by"
down_revision = "0008_outbox_rejected_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_batches") as batch_op:
        batch_op.add_column(sa.Column("undone_by", sa.String(length=50), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("import_batches") as batch_op:
        batch_op.drop_column("undone_by")
