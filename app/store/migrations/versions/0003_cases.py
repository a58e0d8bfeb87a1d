"""cases: configurable case categories (time limits) and calendar days (holiday arrangements)

Revision ID: 0003_cases
Revises: 0001
Create Date: 2026-11-22 03:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_cases"
down_revision = "0001"
branch_labels = None
depends_on = None


def _synced_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("field_hlc", sa.JSON(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("grid_id", sa.String(length=36), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "case_categories",
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("time_limit_days", sa.Integer(), nullable=False),
        sa.Column("warn_days", sa.Integer(), nullable=False),
        sa.Column("on_spot", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        *_synced_columns(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_case_categories_name", "case_categories", ["name"], unique=False)
    op.create_table(
        "calendar_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("is_workday", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=True),
        *_synced_columns(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_calendar_days_day", "calendar_days", ["day"], unique=False)
    # The case board filters by deadline. The care schedule asks, for every tagged person, for the last
    # visit that met them: these covering indexes answer it with one index seek (max over the last column).
    op.create_index("ix_cases_deadline", "cases", ["deadline"], unique=False)
    op.create_index("ix_visits_person_last", "visits", ["person_id", "deleted", "nobody_home", "visited_at"],
                    unique=False)
    op.create_index("ix_visits_household_last", "visits",
                    ["household_id", "person_id", "deleted", "nobody_home", "visited_at"], unique=False)
    op.create_index("ix_visits_nobody_home", "visits", ["nobody_home", "grid_id"], unique=False)  # revisit queue


def downgrade() -> None:
    op.drop_index("ix_visits_nobody_home", table_name="visits")
    op.drop_index("ix_visits_household_last", table_name="visits")
    op.drop_index("ix_visits_person_last", table_name="visits")
    op.drop_index("ix_cases_deadline", table_name="cases")
    op.drop_index("ix_calendar_days_day", table_name="calendar_days")
    op.drop_table("calendar_days")
    op.drop_index("ix_case_categories_name", table_name="case_categories")
    op.drop_table("case_categories")
