"""blobs: which blobs the server holds (local only), and attachments found by their sha256

Revision ID: 0007_blobs_on_server
Revises: 0006_merge_areas
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_blobs_on_server"
down_revision = "0006_merge_areas"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blobs_on_server",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_index("ix_attachments_sha256", "attachments", ["sha256"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_attachments_sha256", table_name="attachments")
    op.drop_table("blobs_on_server")
