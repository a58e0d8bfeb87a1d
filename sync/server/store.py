"""The server's database: app.store's synced tables plus the server-only ones, users and identity."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app.store.db import Database, DatabaseError
from sync.server.models import ServerMeta, ServerUser

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
ROLES = {"grid-worker": "grid_worker", "secretary": "secretary"}
EPOCH_KEY, SECRET_KEY = "epoch", "secret"

_hasher = PasswordHasher()


class ServerError(Exception):
    """A server set-up problem (bad scope, unknown role); the message is for the operator."""


def open_server_db(url: str) -> Database:
    """Open (creating or upgrading) the server database: synced tables and server tables, meta filled."""
    db = Database(url)
    if db.is_sqlite:
        _sqlite_transactions(db)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("version_locations", str(MIGRATIONS_DIR / "versions"))
    cfg.attributes["engine"] = db.engine
    try:
        command.upgrade(cfg, "heads")
    except Exception as exc:
        raise DatabaseError(f"无法建立或升级服务器数据表（{db.url}）：{exc}") from exc
    with db.session() as session:
        meta = dict(session.execute(select(ServerMeta.key, ServerMeta.value)).all())
        if EPOCH_KEY not in meta:
            session.add(ServerMeta(key=EPOCH_KEY, value=uuid.uuid4().hex))
        if SECRET_KEY not in meta:
            session.add(ServerMeta(key=SECRET_KEY, value=secrets.token_hex(32)))
    return db


def _sqlite_transactions(db: Database) -> None:
    """Let SQLAlchemy, not the sqlite3 module, start transactions, so a push's per-op savepoints nest
    inside one transaction (SQLAlchemy's documented pysqlite recipe)."""

    def no_implicit(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None

    event.listen(db.engine, "connect", no_implicit)
    event.listen(db.engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
    db.engine.dispose()


def meta_value(session: Session, key: str) -> str:
    row = session.get(ServerMeta, key)
    if row is None:
        raise ServerError(f"服务器数据库缺少 {key}：请先运行 gridledger server init。")
    return row.value


def renew_epoch(db: Database) -> str:
    """A server restored from a backup gets a new epoch: clients push their outbox again and re-download."""
    epoch = uuid.uuid4().hex
    with db.session() as session:
        row = session.get(ServerMeta, EPOCH_KEY)
        assert row is not None
        row.value = epoch
    return epoch


def add_user(db: Database, name: str, password: str, role: str, scope: str) -> None:
    """Create or update a server user (argon2-hashed password)."""
    if role not in ROLES:
        raise ServerError(f"角色应为 {' 或 '.join(ROLES)}，收到“{role}”。")
    parts = [p.strip() for p in scope.split("/")]
    if not parts[0] or len(parts) > 2 or (len(parts) == 2 and not parts[1]):
        raise ServerError(f"范围“{scope}”无效：应写 社区名 或 社区名/网格名。")
    if ROLES[role] == "grid_worker" and len(parts) != 2:
        raise ServerError("网格员的范围必须写到网格：社区名/网格名。")
    if len(password) < 6:
        raise ServerError("密码至少 6 位。")
    with db.session() as session:
        user = session.execute(select(ServerUser).where(ServerUser.name == name)).scalar_one_or_none()
        if user is None:
            user = ServerUser(name=name, created_at=datetime.now())
            session.add(user)
        user.password_hash = _hasher.hash(password)
        user.role = ROLES[role]
        user.scope = "/".join(parts)


def check_password(user: ServerUser | None, password: str) -> bool:
    if user is None:
        _hasher.hash(password)  # same work whether or not the name exists
        return False
    try:
        return _hasher.verify(user.password_hash, password)
    except VerificationError:
        return False
