"""The only layer that knows tables: SQLAlchemy models, sessions, migrations, the write path, the search index."""
