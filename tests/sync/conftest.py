"""Sync fixtures: a server (FastAPI in-process, on SQLite or on PostgreSQL) and desktops that sync with it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from app.services.attachments import BlobStore
from app.services.demo import generate_demo
from app.store.db import Database, scratch_postgres
from sync.client import RoundResult, SyncClient
from sync.server.app import create_app
from sync.server.models import ConflictEntry
from sync.server.store import add_user, open_server_db
from tests.conftest import postgres_url

COMMUNITY = "幸福里社区"
PASSWORD = "test-pass-1"


class Server:
    def __init__(self, db: Database):
        self.db = db
        self.app = create_app(db)
        self.http = TestClient(self.app)

    def user(self, name: str, role: str, scope: str) -> None:
        add_user(self.db, name, PASSWORD, role, scope)

    def scalar(self, sql: str, **params: object) -> object:
        with self.db.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()

    def rows(self, sql: str, **params: object) -> list:  # type: ignore[type-arg]
        with self.db.engine.connect() as conn:
            return conn.execute(text(sql), params).all()


    def conflicts(self, row_id: str) -> list[tuple[object, ...]]:
        """(kind, field, kept value, lost value) logged for a row, in order."""
        with self.db.session() as session:
            return [(c.kind, c.field, c.kept_value, c.lost_value) for c in session.execute(
                select(ConflictEntry).where(ConflictEntry.row_id == row_id).order_by(ConflictEntry.id)).scalars()]


class Desktop:
    """One desktop's database and its sync client."""

    def __init__(self, server: Server, path: Path, user: str):
        self.db = Database(path)
        self.blobs = BlobStore(path.with_suffix(".blobs"))  # each desktop its own attachments folder
        self.client = SyncClient(self.db, server.http, user, PASSWORD, page=500, blobs=self.blobs)

    def sync(self) -> RoundResult:
        return self.client.run()

    def scalar(self, sql: str, **params: object) -> object:
        with self.db.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()

    def rows(self, sql: str, **params: object) -> list:  # type: ignore[type-arg]
        with self.db.engine.connect() as conn:
            return conn.execute(text(sql), params).all()


@pytest.fixture(scope="module")
def pg_server_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this module, dropped afterwards."""
    with scratch_postgres(postgres_url(), "gridledger_sync") as url:
        yield url


def _empty_pg(url: str) -> Database:
    """The module's PostgreSQL database emptied (schema kept), so each test starts from an empty server."""
    db = open_server_db(url)
    with db.engine.begin() as conn:
        tables = [r[0] for r in conn.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '%alembic%'"))]
        conn.execute(text(f"TRUNCATE {', '.join(tables)} CASCADE"))
        conn.execute(text("ALTER SEQUENCE sync_change_seq RESTART"))
    db.close()
    return open_server_db(url)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    if request.param == "sqlite":
        db = open_server_db(str(tmp_path / "server.sqlite"))
    else:
        db = _empty_pg(request.getfixturevalue("pg_server_url"))
    srv = Server(db)
    srv.user("书记", "secretary", COMMUNITY)
    srv.user("网格员一", "grid-worker", f"{COMMUNITY}/第一网格")
    srv.user("网格员二", "grid-worker", f"{COMMUNITY}/第二网格")
    yield srv
    srv.http.close()
    db.close()


@pytest.fixture
def desktop(server: Server, tmp_path: Path) -> Callable[[str, str], Desktop]:
    made: list[Desktop] = []

    def make(name: str, user: str) -> Desktop:
        d = Desktop(server, tmp_path / f"{name}.sqlite", user)
        made.append(d)
        return d

    yield make  # type: ignore[misc]
    for d in made:
        d.db.close()


@pytest.fixture
def filled(server: Server, desktop: Callable[[str, str], Desktop]) -> Desktop:
    """The secretary's desktop with a small demo community, pushed to the empty server."""
    secretary = desktop("secretary", "书记")
    generate_demo(secretary.db, seed=3, households=40)
    result = secretary.sync()
    assert result.rejected == 0, result.rejects
    return secretary
