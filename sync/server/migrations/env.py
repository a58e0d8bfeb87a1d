"""Alembic environment of the server-only tables (own version table, so they never touch desktops)."""

from alembic import context

from sync.server.models import ServerBase

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=ServerBase.metadata,
                      version_table="server_alembic_version")
    context.run_migrations()
