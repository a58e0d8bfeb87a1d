"""import speed: the rows a batch created, one list of ids per table (local only, never synced)

Revision ID: 0005_import_speed
Revises: 0002_import
Create Date: 2026-11-23 03:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_import_speed"
down_revision = "0002_import"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_created",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("table_name", sa.String(length=32), nullable=False),
        sa.Column("row_ids", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batches.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_import_created_batch_id", "import_created", ["batch_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_import_created_batch_id", table_name="import_created")
    op.drop_table("import_created")
