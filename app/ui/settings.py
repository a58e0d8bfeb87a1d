"""What the desktop remembers between runs (QSettings): last database, user, window geometry, masking."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from app.domain.roles import UserProfile


class Settings:
    def __init__(self, store: QSettings | None = None):
        self.store = store or QSettings("GridLedger", "GridLedger")

    @property
    def last_db(self) -> str | None:
        value = self.store.value("last_db")
        return str(value) if value else None

    @last_db.setter
    def last_db(self, path: str) -> None:
        self.store.setValue("last_db", path)

    def user(self) -> UserProfile | None:
        name, role = self.store.value("user/name"), self.store.value("user/role")
        if not name or not role:
            return None
        grids = self.store.value("user/grids") or []
        return UserProfile(str(name), str(role), tuple(grids if isinstance(grids, list) else [grids]))

    def set_user(self, user: UserProfile) -> None:
        self.store.setValue("user/name", user.name)
        self.store.setValue("user/role", user.role)
        self.store.setValue("user/grids", list(user.grid_ids))

    @property
    def masked(self) -> bool:
        return str(self.store.value("masked", "true")).lower() != "false"

    @masked.setter
    def masked(self, value: bool) -> None:
        self.store.setValue("masked", "true" if value else "false")

    def geometry(self) -> QByteArray | None:
        value = self.store.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self.store.setValue("window/geometry", geometry)
