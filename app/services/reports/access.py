"""Who prints, and whether full ID numbers and phones may appear (masked by default).

A printout leaves the office, so ID numbers and phones are masked (210112********1234, 138****5678)
unless the user asks for full values *and* the role allows it (app.domain.roles: a community
secretary or the sub-district, never a grid worker). When this database knows the user, the stored
role and grids are authoritative; a different role claimed on the command line is refused. A grid
worker prints only the grids assigned to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.ids import mask_id, mask_phone
from app.domain.roles import DESKTOP_ROLES, UserProfile
from app.domain.workflow import GRID_WORKER, ROLE_LABELS
from app.services.users import UserService
from app.store.db import Database


class ReportError(Exception):
    """A printout that cannot be made; the message (Chinese) tells the user what to do."""


class RevealNotAllowed(ReportError):
    pass


def normalise_role(role: str) -> str:
    """'grid-worker', 'grid_worker' and '网格员' are one role; an unknown role is an error."""
    value = role.strip().lower().replace("-", "_")
    value = {label: code for code, label in ROLE_LABELS.items()}.get(value, value)
    if value not in DESKTOP_ROLES:
        choices = "、".join(f"{code.replace('_', '-')}（{ROLE_LABELS[code]}）" for code in DESKTOP_ROLES)
        raise ReportError(f"未知角色“{role}”，可用：{choices}")
    return value


def resolve_user(db: Database, name: str, claimed_role: str | None = None) -> UserProfile:
    """The user as this database knows them; an unknown name gets the claimed role (default 网格员)."""
    claimed = normalise_role(claimed_role) if claimed_role else None
    known = next((u for u in UserService(db).known() if u.name == name), None)
    if known is None:
        return UserProfile(name, claimed or GRID_WORKER)
    if claimed and claimed != known.role:
        raise ReportError(f"用户“{name}”登记的身份是{known.role_label}，不能以{ROLE_LABELS[claimed]}身份打印。"
                          "请去掉 --role，或换用有权限的用户。")
    return known


def check_scope(user: UserProfile, grid_id: str | None, what: str) -> None:
    """A grid worker prints only their own grids (a user without assigned grids is not scoped)."""
    scope = user.grid_scope
    if scope is not None and user.grid_ids and grid_id not in scope:
        raise ReportError(f"{what}不在{user.role_label}“{user.name}”负责的网格内，不能打印。")


@dataclass(frozen=True)
class Masking:
    """How ID numbers and phones appear in one printout."""

    reveal: bool = False

    @classmethod
    def for_user(cls, user: UserProfile, reveal: bool) -> Masking:
        if reveal and not user.permissions.reveal:
            raise RevealNotAllowed(
                f"{user.role_label}“{user.name}”无权打印完整身份证号和电话。请不要勾选（或去掉 --reveal）"
                "按默认打码打印；确需完整信息时请由社区书记操作。")
        return cls(reveal)

    def id_number(self, value: str | None) -> str:
        return (value or "") if self.reveal else mask_id(value)

    def phone(self, value: str | None) -> str:
        return (value or "") if self.reveal else mask_phone(value)

    def text_with_id(self, value: str, id_number: str | None) -> str:
        """A certificate number that embeds the ID number (残疾人证号 = ID + category + grade)."""
        if self.reveal or not id_number or id_number not in value:
            return value
        return value.replace(id_number, mask_id(id_number))
