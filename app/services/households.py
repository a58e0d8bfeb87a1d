"""Households and their members: the one-household file, and every edit a grid worker makes to it.

Each edit is one transaction through the write path, so it is stamped, queued for sync and searchable at
once. Moving a person keeps history: the membership row of the old household is closed, a new one opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from app.domain import codes
from app.domain.ids import check_id
from app.domain.names import normalise_name
from app.domain.phones import normalise_phones
from app.store import households as store
from app.store.db import Database
from app.store.models import Household, Membership, Person
from app.store.writes import Writer, writing


class ValidationError(ValueError):
    """Input a user must correct; ``problems`` maps a field to its Chinese message."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("；".join(problems.values()))
        self.problems = problems


@dataclass(frozen=True)
class PersonInput:
    name: str
    id_number: str | None = None
    relation: str | None = None
    phone: str | None = None
    gender: str | None = None
    birth_date: date | None = None
    ethnicity: str | None = "汉族"
    political_status: str | None = None
    residence_type: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class IdFeedback:
    """What the person form shows while an ID is typed."""

    ok: bool
    message: str
    id_number: str | None = None
    birth_date: date | None = None
    gender: str | None = None
    duplicate_of: tuple[str, str, str | None] | None = None  # (person id, name, household id)


@dataclass
class HouseholdFile:
    household: store.HouseholdRecord
    members: list[store.MemberRecord] = field(default_factory=list)
    visits: list[store.VisitRecord] = field(default_factory=list)
    cases: list[store.CaseRecord] = field(default_factory=list)


class HouseholdService:
    def __init__(self, db: Database):
        self.db = db

    # -- reading ---------------------------------------------------------------------------------

    def load(self, household_id: str) -> HouseholdFile | None:
        with self.db.engine.connect() as conn:
            record = store.household(conn, household_id)
            if record is None:
                return None
            return HouseholdFile(record, store.members(conn, household_id), store.visits(conn, household_id),
                                 store.cases(conn, household_id))

    def check_id_number(self, raw: str, *, person_id: str | None = None) -> IdFeedback:
        """Validate an ID as it is typed: checksum, birth date and gender, an existing person with it."""
        if not raw.strip():
            return IdFeedback(True, "未填写身份证号")
        checked = check_id(raw)
        if not checked.ok:
            assert checked.problem is not None
            return IdFeedback(False, checked.problem.message)
        with self.db.engine.connect() as conn:
            existing = store.person_by_id_number(conn, checked.value or "")
        if existing and existing[0] != person_id:
            return IdFeedback(False, f"此身份证号已登记为 {existing[1]}", checked.value, checked.birth_date,
                              checked.gender, existing)
        return IdFeedback(True, f"有效：{checked.birth_date:%Y年%m月%d日}出生，{checked.gender}", checked.value,
                          checked.birth_date, checked.gender)

    def clean(self, person: PersonInput, *, person_id: str | None = None) -> dict[str, Any]:
        """Normalised column values for a person, or ValidationError naming each bad field."""
        problems: dict[str, str] = {}
        name = normalise_name(person.name)
        if not name:
            problems["name"] = "请填写姓名"
        values: dict[str, Any] = {"name": name}
        feedback = self.check_id_number(person.id_number or "", person_id=person_id)
        if not feedback.ok:
            problems["id_number"] = feedback.message
        values["id_number"] = feedback.id_number
        values["gender"] = feedback.gender or codes.GENDER.normalise(person.gender or "")
        values["birth_date"] = feedback.birth_date or person.birth_date
        phones = normalise_phones(person.phone) if person.phone else []
        if person.phone and not phones:
            problems["phone"] = "手机号应为 11 位数字，以 13–19 开头"
        values["phone"] = phones[0] if phones else None
        for column, code_list, label in (("relation", codes.RELATION, "与户主关系"),
                                         ("ethnicity", codes.ETHNICITY, "民族"),
                                         ("political_status", codes.POLITICAL_STATUS, "政治面貌"),
                                         ("residence_type", codes.RESIDENCE_TYPE, "户籍类型")):
            raw = getattr(person, column)
            value = code_list.normalise(raw) if raw else None
            if raw and value is None:
                problems[column] = f"{label}“{raw}”不在代码表中"
            values[column] = value
        values["note"] = (person.note or "").strip() or None
        if problems:
            raise ValidationError(problems)
        return values

    # -- writing ---------------------------------------------------------------------------------

    def create_household(self, house_id: str, head: PersonInput, others: Sequence[PersonInput] = (),
                         *, registration: str | None = "户籍户", presence: str | None = "人户同在",
                         contact_phone: str | None = None) -> str:
        """A new household in a house, with its head and other members, in one transaction."""
        people = [self.clean(replace(head, relation="户主"))] + [self.clean(p) for p in others]
        numbers = [p["id_number"] for p in people if p["id_number"]]
        if len(numbers) != len(set(numbers)):
            raise ValidationError({"id_number": "同一户中两人的身份证号相同"})
        with self.db.engine.connect() as conn:
            grid = store.house_grid(conn, house_id)
        if grid is None:
            raise ValidationError({"house": "找不到这套房屋"})
        with writing(self.db) as w:
            household_id = w.insert(Household, {"house_id": house_id, "grid_id": grid, "registration": registration,
                                                "presence": presence, "contact_phone": contact_phone})
            ids = [self._add(w, household_id, grid, values) for values in people]
            w.update(Household, household_id, {"head_person_id": ids[0]})
        return household_id

    def add_member(self, household_id: str, person: PersonInput) -> str:
        values = self.clean(person)
        record = self._household(household_id)
        with writing(self.db) as w:
            person_id = self._add(w, household_id, record.grid_id, values)
            if values.get("relation") == "户主" and not record.head_person_id:
                w.update(Household, household_id, {"head_person_id": person_id})
        return person_id

    def update_member(self, person_id: str, person: PersonInput) -> dict[str, Any]:
        values = self.clean(person, person_id=person_id)
        with writing(self.db) as w:
            return w.update(Person, person_id, values)

    def move_member(self, person_id: str, to_household_id: str, relation: str, *, reason: str = "户内迁移",
                    on: date | None = None) -> None:
        """Move a person to another household, closing the old membership and opening a new one."""
        target = self._household(to_household_id)
        when = on or date.today()
        with writing(self.db) as w:
            self._leave(w, person_id, when, reason)
            w.update(Person, person_id, {"household_id": to_household_id, "grid_id": target.grid_id,
                                         "relation": relation})
            w.insert(Membership, {"person_id": person_id, "household_id": to_household_id, "relation": relation,
                                  "joined_on": when, "reason": reason, "grid_id": target.grid_id})

    def remove_member(self, person_id: str, reason: str, *, on: date | None = None) -> None:
        """A member leaves (moved away, deceased …): kept in history, no longer in the household."""
        with writing(self.db) as w:
            self._leave(w, person_id, on or date.today(), reason)
            w.update(Person, person_id, {"household_id": None})

    def move_out(self, household_id: str, reason: str, *, on: date | None = None) -> None:
        """The whole household moves out of its house; members keep their household and history."""
        when = on or date.today()
        with writing(self.db) as w:
            w.update(Household, household_id, {"moved_out_on": when, "note": reason})

    # -- helpers ---------------------------------------------------------------------------------

    def _household(self, household_id: str) -> store.HouseholdRecord:
        with self.db.engine.connect() as conn:
            record = store.household(conn, household_id)
        if record is None:
            raise ValidationError({"household": "找不到这一户"})
        return record

    @staticmethod
    def _add(w: Writer, household_id: str, grid_id: str | None, values: dict[str, Any]) -> str:
        person_id = w.insert(Person, {**values, "household_id": household_id, "grid_id": grid_id})
        w.insert(Membership, {"person_id": person_id, "household_id": household_id, "relation": values["relation"],
                              "joined_on": date.today(), "reason": "登记", "grid_id": grid_id})
        return person_id

    def _leave(self, w: Writer, person_id: str, when: date, reason: str) -> None:
        membership = store.open_membership(w.session.connection(), person_id)
        if membership:
            w.update(Membership, membership, {"left_on": when, "reason": reason})
