"""Tables only the server has: its users, its identity (epoch, secret), pushed-op dedupe, the change
log pulls read, id aliases of merged duplicates and the conflict log.

They live on their own metadata with their own Alembic history (version table
``server_alembic_version``), so desktop databases never carry them; the synced tables themselves are
app.store's, migrated by app.store's history.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class ServerBase(DeclarativeBase):
    pass


class ServerUser(ServerBase):
    __tablename__ = "server_users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # grid_worker|secretary
    scope: Mapped[str] = mapped_column(String(200))  # 社区名[/网格名]
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ServerMeta(ServerBase):
    """epoch (changes when the server is restored), secret (signs tokens), seq (SQLite change counter)."""

    __tablename__ = "server_meta"
    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AppliedOp(ServerBase):
    """Each pushed op once: a repeated push answers the stored result instead of applying again."""

    __tablename__ = "applied_ops"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)


class Change(ServerBase):
    """The latest change of a row in a bucket (one entry per row and bucket; older ones are replaced)."""

    __tablename__ = "sync_changes"
    __table_args__ = (Index("ix_sync_changes_bucket_seq", "bucket", "seq"),
                      Index("ix_sync_changes_row", "table_name", "row_id"))
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    bucket: Mapped[str] = mapped_column(String(40))
    table_name: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[str] = mapped_column(String(36))


class IdAlias(ServerBase):
    """A duplicate row (same ID number, same tag code, same place) merged into another: later references follow."""

    __tablename__ = "id_aliases"
    table_name: Mapped[str] = mapped_column(String(32), primary_key=True)
    old_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    new_id: Mapped[str] = mapped_column(String(36))


class ConflictEntry(ServerBase):
    """A value that lost (a concurrent edit, an edit to a deleted row, a merged duplicate's field, a
    flagged concurrent case transition) with who wrote it and when; restoring it is a new edit."""

    __tablename__ = "conflict_log"
    __table_args__ = (Index("ix_conflict_log_row", "table_name", "row_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(24))  # concurrent|deleted|duplicate|transition
    table_name: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[str] = mapped_column(String(36))
    bucket: Mapped[str] = mapped_column(String(40))
    field: Mapped[str | None] = mapped_column(String(40))
    kept_value: Mapped[Any] = mapped_column(JSON)
    kept_hlc: Mapped[str | None] = mapped_column(String(40))
    lost_value: Mapped[Any] = mapped_column(JSON)
    lost_hlc: Mapped[str | None] = mapped_column(String(40))
    user_name: Mapped[str | None] = mapped_column(String(50))
    device_id: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)
