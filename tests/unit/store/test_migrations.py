"""The schema is created by migration, on SQLite and on PostgreSQL, and the SQLite pragmas hold."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from app.store.db import Database, scratch_postgres
from app.store.models import SYNCED_MODELS, Base
from tests.conftest import postgres_url


def test_sqlite_schema_by_migration_has_every_model_table(tmp_path: Path) -> None:
    db = Database(tmp_path / "m.sqlite")
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert {"search_person", "search_name_piece", "search_initials", "search_house", "alembic_version"} <= tables
    assert db.current_revisions() == db.head_revisions()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        with pytest.raises(Exception, match="FOREIGN KEY"):
            conn.exec_driver_sql(
                "INSERT INTO units (id, hlc, deleted, building_id, name) VALUES ('u', 'x', 0, 'missing', '1单元')")


def test_reopening_an_upgraded_database_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "keep.sqlite"
    first = Database(path)
    with first.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO sync_state (key, value) VALUES ('probe', '1')")
    first.close()
    again = Database(path)
    with again.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT value FROM sync_state WHERE key = 'probe'").scalar() == "1"


def test_migration_downgrade_and_upgrade_round_trip(tmp_path: Path) -> None:
    from alembic import command

    from app.store.db import alembic_config

    db = Database(tmp_path / "rt.sqlite")
    command.downgrade(alembic_config(db.engine), "base")
    assert "people" not in inspect(db.engine).get_table_names()
    db.upgrade()
    assert "people" in inspect(db.engine).get_table_names()


@pytest.fixture
def pg_database() -> Iterator[str]:
    with scratch_postgres(postgres_url(), "gridledger_mig") as url:
        yield url


@pytest.mark.postgres
def test_postgresql_schema_by_migration(pg_database: str) -> None:
    db = Database(pg_database)
    try:
        tables = set(inspect(db.engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        assert "search_person" not in tables  # the FTS index is the desktop's alone
        for model in SYNCED_MODELS:
            columns = {c["name"] for c in inspect(db.engine).get_columns(model.__tablename__)}
            assert {"id", "grid_id", "hlc", "field_hlc", "deleted", "server_seq"} <= columns
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO org_nodes (id, hlc, level, name) VALUES ('n1', 's', 'community', '社区')"))
            assert conn.execute(text("SELECT deleted FROM org_nodes")).scalar() is False
    finally:
        db.close()
