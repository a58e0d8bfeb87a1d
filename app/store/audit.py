"""The audit log: who exported, printed or revealed personal data, and when (local, append-only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.db import Database
from app.store.models import AuditEntry


def record(db: Database, user_name: str, action: str, target: str | None = None,
           people_count: int | None = None, detail: dict[str, Any] | None = None) -> None:
    with db.session() as session:
        add(session, user_name, action, target, people_count, detail)


def add(session: Session, user_name: str, action: str, target: str | None = None,
        people_count: int | None = None, detail: dict[str, Any] | None = None) -> None:
    """:func:`record` inside a transaction the caller commits (an import logs itself with its rows)."""
    session.add(AuditEntry(at=datetime.now(), user_name=user_name, action=action, target=target,
                           people_count=people_count, detail=detail))


def entries(db: Database, limit: int = 100) -> list[AuditEntry]:
    with db.session() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))
