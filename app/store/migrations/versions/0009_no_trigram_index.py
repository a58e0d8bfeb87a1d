"""search index: the FTS5 trigram table of names goes (longer name queries use the name pieces)

Revision ID: 0009_no_trigram_index
Revises: 0008_outbox_rejected_index
"""

from alembic import op

revision = "0009_no_trigram_index"
down_revision = "0008_outbox_rejected_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":  # the search index lives on the desktop's SQLite only
        op.execute("DROP TABLE IF EXISTS search_name_fts")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE VIRTUAL TABLE IF NOT EXISTS search_name_fts USING fts5("
               "name, content='search_person', content_rowid='rid', tokenize='trigram')")
    op.execute("INSERT INTO search_name_fts(search_name_fts) VALUES('rebuild')")
