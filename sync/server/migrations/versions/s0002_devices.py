"""Server devices: which user signed in from which device, to name the writers in the conflict log."""

import sqlalchemy as sa
from alembic import op

revision = "s0002_devices"
down_revision = "s0001_server"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_devices",
        sa.Column("device_id", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(50), nullable=False),
        sa.Column("last_login", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("server_devices")
