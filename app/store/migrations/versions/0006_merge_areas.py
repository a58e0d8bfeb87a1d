"""Join the area branches (import, cases) into one history; later migrations follow this one.

Revision ID: 0006_merge_areas
Revises: 0003_cases, 0005_import_speed
"""

revision = "0006_merge_areas"
down_revision = ("0003_cases", "0005_import_speed")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: the branches touch different tables."""


def downgrade() -> None:
    """Nothing to change."""
