"""Who may see and do what on the desktop (the case workflow has its own per-step rules in workflow.py)."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.workflow import GRID_WORKER, ROLE_LABELS, SECRETARY, SUBDISTRICT

DESKTOP_ROLES: tuple[str, ...] = (GRID_WORKER, SECRETARY, SUBDISTRICT)


@dataclass(frozen=True)
class Permissions:
    all_grids: bool  # sees every grid of the database, not only the user's own
    edit_people: bool  # registers households and edits members
    reveal: bool  # may ask for full ID numbers and phones in lists and printouts


PERMISSIONS: dict[str, Permissions] = {
    GRID_WORKER: Permissions(all_grids=False, edit_people=True, reveal=False),
    SECRETARY: Permissions(all_grids=True, edit_people=True, reveal=True),
    SUBDISTRICT: Permissions(all_grids=True, edit_people=False, reveal=True),
}


@dataclass(frozen=True)
class UserProfile:
    """The person at the keyboard: named in the audit log, scoped by role and grids."""

    name: str
    role: str
    grid_ids: tuple[str, ...] = ()

    @property
    def permissions(self) -> Permissions:
        return PERMISSIONS[self.role]

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def grid_scope(self) -> frozenset[str] | None:
        """The grids this user sees, or None for all of them."""
        return None if self.permissions.all_grids else frozenset(self.grid_ids)

    def problems(self) -> list[str]:
        found = []
        if not self.name.strip():
            found.append("请填写姓名")
        if self.role not in PERMISSIONS:
            found.append("请选择身份")
        elif self.role == GRID_WORKER and not self.grid_ids:
            found.append("网格员请至少选择一个负责的网格")
        return found
