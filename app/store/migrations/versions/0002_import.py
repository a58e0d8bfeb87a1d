"""import: saved column-mapping profiles (local only, never synced)

Revision ID: 0002_import
Revises: 0001
Create Date: 2026-11-22 03:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_import"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_profiles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("signature", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_index("ix_import_profiles_signature", "import_profiles", ["signature"], unique=False)
    op.create_index("ix_import_changes_row", "import_changes", ["table_name", "row_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_import_changes_row", table_name="import_changes")
    op.drop_index("ix_import_profiles_signature", table_name="import_profiles")
    op.drop_table("import_profiles")
