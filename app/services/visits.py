"""Visits and patrols (走访/巡查): record a visit, with a case found on it in the same transaction;
queue a revisit when nobody was home (白加黑, 5+2); the care schedule of tagged people."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from app.domain import visiting
from app.domain.case_codes import VISIT_METHODS, CodeError, require
from app.domain.visiting import CareStatus, care_status, revisit_due, revisit_slot
from app.services.cases import Actor, CaseDraft, CaseError, CaseService, PartyDraft
from app.store import case_queries, queries
from app.store import visit_queries as vq
from app.store.db import Database
from app.store.models import Visit
from app.store.writes import writing

NOBODY_HOME_TEXT = "敲门无人应答"
CLOCK_SLACK = timedelta(minutes=5)
TAG_CHUNK = 5000


@dataclass
class VisitDraft:
    method: str
    household_id: str | None = None
    person_id: str | None = None
    findings: str = ""
    nobody_home: bool = False
    visited_at: datetime | None = None
    """When the visit happened (default: now)."""


@dataclass(frozen=True)
class VisitResult:
    visit_id: str
    case_id: str | None
    revisit_due: date | None
    revisit_slot: str | None


@dataclass(frozen=True)
class VisitRow:
    id: str
    visited_at: datetime
    method: str
    visitor: str
    person_name: str
    findings: str
    nobody_home: bool
    revisit_due: date | None


@dataclass(frozen=True)
class CareItem:
    person_id: str
    name: str
    household_id: str | None
    house_id: str | None
    grid_id: str | None
    address: str
    tags: str
    every_days: int
    last_visit: date | None
    status: CareStatus


@dataclass(frozen=True)
class RevisitItem:
    visit_id: str
    household_id: str | None
    person_id: str | None
    who: str
    address: str
    visited_at: datetime
    due: date
    slot: str
    overdue: bool


@dataclass(frozen=True)
class Coverage:
    tagged_people: int
    covered: int
    """Visited at least once and not overdue."""
    due: int
    overdue: int
    never_visited: int

    @property
    def rate(self) -> float | None:
        return round(self.covered / self.tagged_people, 4) if self.tagged_people else None

    def as_json(self) -> dict[str, Any]:
        return {"tagged_people": self.tagged_people, "covered": self.covered, "due": self.due,
                "overdue": self.overdue, "never_visited": self.never_visited, "coverage": self.rate}


@dataclass
class _Place:
    household_id: str
    person_id: str | None
    grid_id: str | None
    house_id: str | None


class VisitService:
    def __init__(self, db: Database, *, cases: CaseService | None = None,
                 now: Callable[[], datetime] | None = None):
        self.db = db
        self.cases = cases or CaseService(db, now=now or datetime.now)
        self.now = now or self.cases.now

    def today(self) -> date:
        return self.now().date()

    # -- recording -------------------------------------------------------------------------------

    def record(self, draft: VisitDraft, actor: Actor, case: CaseDraft | None = None) -> VisitResult:
        """Record a visit; with ``case`` the matter found is registered in the same transaction."""
        try:
            method = require(draft.method, VISIT_METHODS, "走访方式")
        except CodeError as exc:
            raise CaseError(str(exc)) from exc
        if draft.nobody_home and method == "巡查":
            raise CaseError("巡查不需要登记“无人在家”；入户、电话或补访时无人应答才需补访。")
        findings = (draft.findings or "").strip() or (NOBODY_HOME_TEXT if draft.nobody_home else "")
        if not findings:
            raise CaseError("请填写走访情况（看到了什么、居民有什么需求）。")
        at = (draft.visited_at or self.now()).replace(microsecond=0)
        if at > self.now() + CLOCK_SLACK:
            raise CaseError(f"走访时间 {at:%Y-%m-%d %H:%M} 晚于现在，请填写实际走访的时间。")
        if draft.nobody_home and case is not None:
            raise CaseError("无人在家时无法了解情况，请在补访时再登记事件。")
        due = revisit_due(at, self.cases.calendar()) if draft.nobody_home else None
        with writing(self.db) as w:
            place = self._place(w.session.connection(), draft)
            if actor.grid_ids is not None and place.grid_id not in actor.grid_ids:
                raise CaseError("这户不在您负责的网格内，请联系所在网格的网格员走访。")
            visit_id = w.insert(Visit, {
                "grid_id": place.grid_id, "household_id": place.household_id, "person_id": place.person_id,
                "visitor_name": actor.name[:50], "visited_at": at, "method": method, "findings": findings,
                "nobody_home": draft.nobody_home, "revisit_due": due})
            case_id = None
            if case is not None:
                parties = case.parties or ([PartyDraft(person_id=place.person_id, role="反映人")]
                                           if place.person_id else [])
                case_id = self.cases.create(replace(
                    case, house_id=case.house_id or (None if case.building_id else place.house_id),
                    grid_id=case.grid_id or place.grid_id, parties=parties,
                    note=case.note or f"{method}走访时发现"), actor, writer=w)
        slot = revisit_slot(due, self.cases.calendar()) if due else None
        return VisitResult(visit_id, case_id, due, slot)

    @staticmethod
    def _place(conn: Connection, draft: VisitDraft) -> _Place:
        person = None
        if draft.person_id:
            person = case_queries.people_brief(conn, [draft.person_id]).get(draft.person_id)
            if person is None:
                raise CaseError("所选居民已不在台账中，请重新选择走访对象。")
        household_id = draft.household_id or (person["household_id"] if person else None)
        if household_id is None:
            raise CaseError("请选择走访的住户或居民。")
        household = vq.household_brief(conn, household_id)
        if household is None:
            raise CaseError("所选住户已不在台账中，请重新选择走访对象。")
        if person and person["household_id"] != household_id:
            raise CaseError("所选居民不属于这一户，请重新选择。")
        return _Place(household_id, draft.person_id, household["grid_id"] or (person or {}).get("grid_id"),
                      household["house_id"])

    # -- reading ---------------------------------------------------------------------------------

    def household(self, household_id: str) -> tuple[str, list[tuple[str, str, str]]]:
        """A household's address and its people (id, name, relation), the head first."""
        with self.db.engine.connect() as conn:
            brief = vq.household_brief(conn, household_id)
            if brief is None:
                raise CaseError("所选住户已不在台账中。")
            members = vq.household_members(conn, household_id)
        head = f"（户主 {brief['head_name']}）" if brief["head_name"] else ""
        return (f"{brief['address'] or '未登记房屋'}{head}",
                [(m["id"], m["name"], m["relation"] or "") for m in members])

    def visits_of(self, *, household_id: str | None = None, person_id: str | None = None,
                  limit: int = 200) -> list[VisitRow]:
        with self.db.engine.connect() as conn:
            rows = vq.visits_of(conn, household_id=household_id, person_id=person_id, limit=limit)
        return [VisitRow(r["id"], r["visited_at"], r["method"], r["visitor_name"], r["person_name"] or "",
                         r["findings"] or "", bool(r["nobody_home"]), r["revisit_due"]) for r in rows]

    def care_schedule(self, *, grid_ids: Sequence[str] | None = None, building_id: str | None = None,
                      levels: Sequence[str] = (visiting.DUE, visiting.OVERDUE)) -> list[CareItem]:
        """Tagged people whose care visit is in ``levels``: the most overdue first, then by due date."""
        today = self.today()
        with self.db.engine.connect() as conn:
            rows = vq.care_rows(conn, today, grid_ids, building_id=building_id)
            items = [(r, last, status) for r, last, status in self._statuses(rows, today) if status.level in levels]
            ids = [r["person_id"] for r, _l, _s in items]
            tags: dict[str, list[str]] = {}
            for start in range(0, len(ids), TAG_CHUNK):  # stays under SQLite's bound-parameter limit
                tags.update(queries.tag_names(conn, ids[start:start + TAG_CHUNK]))
        items.sort(key=lambda x: (x[2].due_on, x[0]["name"]))
        return [CareItem(r["person_id"], r["name"], r["household_id"], r["house_id"], r["grid_id"],
                         r["address"] or "", "、".join(tags.get(r["person_id"], [])), r["every_days"], last, status)
                for r, last, status in items]

    @staticmethod
    def _statuses(rows: list[dict[str, Any]], today: date) -> list[tuple[dict[str, Any], date | None, CareStatus]]:
        result = []
        for r in rows:
            last = max((x.date() for x in (r["last_own"], r["last_household"]) if x), default=None)
            result.append((r, last, care_status(last, r["every_days"], r["since"], today)))
        return result

    def coverage(self, *, grid_ids: Sequence[str] | None = None) -> Coverage:
        """How many tagged people were visited within their schedule (a lean pass: no addresses, no tags)."""
        with self.db.engine.connect() as conn:
            rows = vq.care_rows(conn, self.today(), grid_ids, with_address=False)
        statuses = self._statuses(rows, self.today())
        levels = [s.level for _r, _l, s in statuses]
        return Coverage(
            tagged_people=len(statuses),
            covered=sum(last is not None and s.level != visiting.OVERDUE for _r, last, s in statuses),
            due=levels.count(visiting.DUE), overdue=levels.count(visiting.OVERDUE),
            never_visited=sum(last is None for _r, last, _s in statuses))

    def overdue_care_per_house(self, building_id: str) -> dict[str, int]:
        """Tagged people overdue for a visit per house of a building (badges on the building map)."""
        counts: dict[str, int] = {}
        for item in self.care_schedule(building_id=building_id, levels=(visiting.OVERDUE,)):
            if item.house_id:
                counts[item.house_id] = counts.get(item.house_id, 0) + 1
        return counts

    def revisits(self, *, grid_ids: Sequence[str] | None = None) -> list[RevisitItem]:
        """Houses where nobody was home, still waiting for the evening or weekend revisit."""
        today = self.today()
        calendar = self.cases.calendar()
        with self.db.engine.connect() as conn:
            rows = vq.open_revisits(conn, grid_ids)
        return [RevisitItem(r["id"], r["household_id"], r["person_id"], r["person_name"] or r["head_name"] or "",
                            r["address"] or "", r["visited_at"], r["revisit_due"],
                            revisit_slot(r["revisit_due"], calendar), r["revisit_due"] < today) for r in rows]
