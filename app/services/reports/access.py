"""Who prints, and whether full ID numbers and phones may appear (masked by default).

A printout leaves the office, so ID numbers and phones are masked (210112********1234, 138****5678)
unless the user asks for full values *and* the user's role allows it: a community secretary or the
sub-district, never a grid worker. When the users table knows the name, its role is authoritative;
a different role claimed on the command line is refused rather than trusted.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.ids import mask_id, mask_phone
from app.store import report_queries
from app.store.db import Database

ROLE_NAMES = {"grid_worker": "网格员", "secretary": "社区书记", "subdistrict": "街道"}
REVEAL_ROLES = frozenset({"secretary", "subdistrict"})
DEFAULT_ROLE = "grid_worker"


class ReportError(Exception):
    """A printout that cannot be made; the message (Chinese) tells the user what to do."""


class RevealNotAllowed(ReportError):
    pass


def normalise_role(role: str | None) -> str:
    """'grid-worker', 'grid_worker' and '网格员' are one role; an unknown role is an error."""
    if not role:
        return DEFAULT_ROLE
    value = role.strip().lower().replace("-", "_")
    by_label = {label: code for code, label in ROLE_NAMES.items()}
    value = by_label.get(value, value)
    if value not in ROLE_NAMES:
        raise ReportError(f"未知角色“{role}”，可用：" + "、".join(f"{c}（{n}）" for c, n in ROLE_NAMES.items()))
    return value


@dataclass(frozen=True)
class ReportUser:
    name: str
    role: str = DEFAULT_ROLE

    @property
    def may_reveal(self) -> bool:
        return self.role in REVEAL_ROLES

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)


def resolve_user(db: Database, name: str, claimed_role: str | None = None) -> ReportUser:
    """The user as the database knows it; a name it does not know gets the claimed role (default 网格员)."""
    claimed = normalise_role(claimed_role) if claimed_role else None
    with db.engine.connect() as conn:
        stored = report_queries.user_role(conn, name)
    if stored is None:
        return ReportUser(name, claimed or DEFAULT_ROLE)
    stored = normalise_role(stored)
    if claimed and claimed != stored:
        raise ReportError(f"用户“{name}”登记的角色是{ROLE_NAMES[stored]}，不能以{ROLE_NAMES[claimed]}身份打印。"
                          "请去掉 --role 或换用有权限的用户。")
    return ReportUser(name, stored)


@dataclass(frozen=True)
class Masking:
    """How ID numbers and phones appear in one printout."""

    reveal: bool = False

    @classmethod
    def for_user(cls, user: ReportUser, reveal: bool) -> Masking:
        if reveal and not user.may_reveal:
            raise RevealNotAllowed(
                f"{user.role_name}“{user.name}”无权打印完整身份证号和电话，打印件将按默认打码输出；"
                "如确需完整信息，请由社区书记操作。")
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
