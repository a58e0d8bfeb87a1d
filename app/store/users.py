"""Local users of this desktop (who is working; named in the audit log)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.store.db import Database
from app.store.models import User
from app.store.writes import new_id


def all_users(db: Database) -> list[User]:
    with db.session() as session:
        return list(session.scalars(select(User).order_by(User.name)))


def save_user(db: Database, name: str, role: str, grid_ids: list[str]) -> User:
    with db.session() as session:
        user = session.scalar(select(User).where(User.name == name))
        if user is None:
            user = User(id=new_id(), name=name, role=role, grid_ids=grid_ids, created_at=datetime.now())
            session.add(user)
        else:
            user.role, user.grid_ids = role, grid_ids
        return user
