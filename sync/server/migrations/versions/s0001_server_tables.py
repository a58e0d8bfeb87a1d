"""Server-only tables: users, meta, pushed-op dedupe, change log, id aliases, conflict log."""

import sqlalchemy as sa
from alembic import op

revision = "s0001_server"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_users",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(50), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("scope", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table("server_meta", sa.Column("key", sa.String(50), primary_key=True),
                    sa.Column("value", sa.Text(), nullable=False))
    op.create_table(
        "applied_ops",
        sa.Column("device_id", sa.String(64), primary_key=True),
        sa.Column("device_seq", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("result", sa.JSON(), nullable=False),
    )
    op.create_table(
        "sync_changes",
        sa.Column("seq", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("bucket", sa.String(40), nullable=False),
        sa.Column("table_name", sa.String(32), nullable=False),
        sa.Column("row_id", sa.String(36), nullable=False),
    )
    op.create_index("ix_sync_changes_bucket_seq", "sync_changes", ["bucket", "seq"])
    op.create_index("ix_sync_changes_row", "sync_changes", ["table_name", "row_id"])
    op.create_table(
        "id_aliases",
        sa.Column("table_name", sa.String(32), primary_key=True),
        sa.Column("old_id", sa.String(36), primary_key=True),
        sa.Column("new_id", sa.String(36), nullable=False),
    )
    op.create_table(
        "conflict_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("table_name", sa.String(32), nullable=False),
        sa.Column("row_id", sa.String(36), nullable=False),
        sa.Column("bucket", sa.String(40), nullable=False),
        sa.Column("field", sa.String(40)),
        sa.Column("kept_value", sa.JSON()),
        sa.Column("kept_hlc", sa.String(40)),
        sa.Column("lost_value", sa.JSON()),
        sa.Column("lost_hlc", sa.String(40)),
        sa.Column("user_name", sa.String(50)),
        sa.Column("device_id", sa.String(64)),
        sa.Column("note", sa.Text()),
    )
    op.create_index("ix_conflict_log_row", "conflict_log", ["table_name", "row_id"])
    if op.get_bind().dialect.name == "postgresql":
        # Change numbers are taken inside the push lock (sync/server/push.py), so they commit in order.
        op.execute("CREATE SEQUENCE sync_change_seq")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SEQUENCE sync_change_seq")
    for name in ("conflict_log", "id_aliases", "sync_changes", "applied_ops", "server_meta", "server_users"):
        op.drop_table(name)
