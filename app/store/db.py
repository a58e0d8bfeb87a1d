"""Engine, pragmas, sessions and schema migration for the local SQLite file or a server database."""

from __future__ import annotations

import logging
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from app.store.statement_pipe import sqlite_connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

log = logging.getLogger(__name__)


class DatabaseError(Exception):
    """A database that cannot be opened or upgraded; the message is for the user."""


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA cache_size=-65536")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def database_url(target: str | Path) -> str:
    text = str(target)
    if "://" in text:
        if text.startswith("postgresql://"):
            return "postgresql+psycopg://" + text.removeprefix("postgresql://")
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


@contextmanager
def scratch_postgres(server_url: str, prefix: str = "gridledger_tmp") -> Iterator[str]:
    """A new, empty PostgreSQL database on ``server_url``'s server, dropped afterwards (tests, benchmarks)."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(database_url(server_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class Database:
    """One opened database: the engine and a session factory, schema at the latest migration."""

    def __init__(self, target: str | Path, *, migrate: bool = True, create: bool = True):
        url = database_url(target)
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            path = Path(url.removeprefix("sqlite:///"))
            if not create and not path.exists():
                raise DatabaseError(f"数据库文件不存在：{path}")
            path.parent.mkdir(parents=True, exist_ok=True)
            self.path: Path | None = path
            self.engine = create_engine(url)
            event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.path = None
            self.engine = create_engine(url, pool_pre_ping=True)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._checkpointer: threading.Thread | None = None
        if migrate:
            self.upgrade()

    def upgrade(self) -> None:
        """Bring the schema to the latest migration (an older client database upgrades in place)."""
        if self.current_revisions() == self.head_revisions():
            return
        try:
            command.upgrade(alembic_config(self.engine), "heads")
        except Exception as exc:  # the user needs the cause, not a traceback
            raise DatabaseError(f"无法升级数据库结构（{self.url}）：{exc}") from exc

    def current_revisions(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(MigrationContext.configure(conn).get_current_heads())

    def head_revisions(self) -> set[str]:
        """Every head: areas may add migrations on their own branch until a merge revision joins them."""
        return set(ScriptDirectory.from_config(alembic_config(self.engine)).get_heads())

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed when the block ends, rolled back on error."""
        with self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def bulk_session(self) -> Iterator[Session]:
        """:meth:`session` for one large transaction (an import writes ~2 KB per person): on SQLite the
        commit does not wait for the WAL checkpoint.

        With SQLite's automatic checkpoint, the commit that pushes the WAL past 1,000 pages also copies
        every page the transaction wrote back into the database file and syncs it: a third of the
        commit of a 100,000-row import, which the user waits for although the data is safe in the
        WAL (synchronous=NORMAL syncs at checkpoints only). Here the automatic checkpoint is off for
        this transaction and a PASSIVE checkpoint runs on a background thread with its own
        connection, as SQLite's documentation suggests for applications with large transactions;
        readers and writers are not blocked by it, and :meth:`close` and interpreter exit wait for it.
        """
        if self.path is None:
            with self.session() as session:
                yield session
            return
        with self.sessions() as session:
            raw = sqlite_connection(session.connection())
            raw.execute("PRAGMA wal_autocheckpoint=0")
            try:
                yield session
                session.commit()
            finally:
                session.rollback()  # nothing left to roll back after the commit
                raw.execute("PRAGMA wal_autocheckpoint=1000")
        self._checkpoint_later()

    def _checkpoint_later(self) -> None:
        if self._checkpointer is not None and self._checkpointer.is_alive():
            return  # the running checkpoint takes what it finds; the next commit triggers another
        self._checkpointer = threading.Thread(target=self._checkpoint, name="wal-checkpoint")
        self._checkpointer.start()

    def _checkpoint(self) -> None:
        try:
            conn = sqlite3.connect(self.path, timeout=10)  # type: ignore[arg-type]
            try:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            finally:
                conn.close()
        except sqlite3.Error as exc:  # the next automatic checkpoint does the work instead
            log.warning("background checkpoint failed: %s", exc)

    def raw_connection(self) -> sqlite3.Connection:
        """A plain sqlite3 connection with the same pragmas, for bulk paths (DESIGN section 8)."""
        if self.path is None:
            raise DatabaseError("bulk raw connection is only available on SQLite")
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        _sqlite_pragmas(conn, None)
        return conn

    def close(self) -> None:
        if self._checkpointer is not None:  # a checkpoint bulk_session left to the background
            self._checkpointer.join()
        self.engine.dispose()
