"""Cases (事件) and disputes (矛盾纠纷): create, act on the closed loop, list, show the timeline.

Every step appends a CaseEvent through the one write path and refreshes the case's ``state``,
``handler`` and ``deadline``, which are only a cache of the fold over the events
(app.domain.workflow); :meth:`CaseService.refold` rebuilds that cache, e.g. after a sync brought
events from another desktop.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from app.domain import workflow as wf
from app.domain.calendar import DeadlineStatus, WorkCalendar, deadline_status
from app.domain.case_codes import (
    DISPUTE_CATEGORY,
    DISPUTE_TYPES,
    PARTY_ROLES,
    PRIORITIES,
    SOURCES,
    Category,
    CodeError,
    merge_categories,
    require,
    time_limit,
)
from app.domain.roles import UserProfile
from app.services.attachments import AttachmentError, BlobStore
from app.store import case_queries as q
from app.store import queries, visit_queries
from app.store.case_queries import CaseFilter
from app.store.db import Database
from app.store.models import Attachment, CalendarDay, Case, CaseCategory, CaseEvent, CaseParty, DisputeDetail
from app.store.writes import Writer, writing

KEY_NAMESPACE = uuid.UUID("6f1d3c52-3f0e-4a8e-9a57-0c51d2a7e3b1")


class CaseError(Exception):
    """A case operation refused; the message (Chinese) says what to do."""


@dataclass(frozen=True)
class Actor:
    """Who acts: a name, a workflow role and, for a grid worker, the grids they serve (None: all)."""

    name: str
    role: str
    grid_ids: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise CaseError("请填写操作人姓名。")
        if self.role not in wf.ROLE_LABELS:
            raise CaseError(f"未知的角色“{self.role}”，应为：{'、'.join(wf.ROLE_LABELS)}。")

    @property
    def label(self) -> str:
        return f"{wf.ROLE_LABELS[self.role]} {self.name}"


def actor_for(profile: UserProfile) -> Actor:
    """The workflow actor of the desktop's signed-in user (their grids, or all for a secretary)."""
    scope = profile.grid_scope
    return Actor(profile.name, profile.role, None if scope is None else tuple(sorted(scope)))


@dataclass(frozen=True)
class PartyDraft:
    """A person involved: a linked resident (``person_id``) or a named outsider."""

    name: str = ""
    person_id: str | None = None
    role: str = "当事人"


@dataclass
class CaseDraft:
    title: str
    category: str
    description: str = ""
    source: str = "巡查发现"
    priority: str = "一般"
    building_id: str | None = None
    house_id: str | None = None
    place_text: str | None = None
    grid_id: str | None = None
    parties: list[PartyDraft] = field(default_factory=list)
    attachments: list[Path] = field(default_factory=list)
    deadline: date | None = None
    occurred_on: date | None = None
    reported_by: str | None = None
    dispute_type: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class CaseRow:
    """One line of the case board."""

    id: str
    number: str
    kind: str
    title: str
    category: str
    state: str
    priority: str
    deadline: date | None
    deadline_status: DeadlineStatus | None
    handler: str
    place: str
    grid: str
    occurred_on: date | None

    @property
    def state_label(self) -> str:
        return wf.state_label(self.state)

    @property
    def overdue(self) -> bool:
        return self.deadline_status is not None and self.deadline_status.level == "overdue"


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    sha256: str
    filename: str
    size: int
    path: Path


@dataclass(frozen=True)
class TimelineEntry:
    event_id: str
    at: datetime
    action: str
    label: str
    actor_name: str
    actor_role: str
    from_state: str | None
    to_state: str | None
    note: str
    details: str
    attachments: tuple[AttachmentInfo, ...] = ()
    flag: str | None = None
    """Why the event was not applied (two concurrent steps), for the reviewer; None when applied."""


@dataclass(frozen=True)
class Party:
    name: str
    role: str
    person_id: str | None
    household_id: str | None


@dataclass(frozen=True)
class CaseDetail:
    row: CaseRow
    description: str
    source: str
    reported_by: str
    grid_id: str | None
    building_id: str | None
    house_id: str | None
    parties: tuple[Party, ...]
    attachments: tuple[AttachmentInfo, ...]
    timeline: tuple[TimelineEntry, ...]
    actions: tuple[wf.ActionSpec, ...]
    """What the actor asked about may do now (empty when they may do nothing)."""
    rating: int | None
    returns: int

    @property
    def needs_review(self) -> bool:
        return any(entry.flag for entry in self.timeline)


@dataclass(frozen=True)
class BoardFilter:
    code: str
    label: str
    states: tuple[str, ...] = ()
    overdue: bool = False


BOARD_FILTERS: tuple[BoardFilter, ...] = (
    BoardFilter("all", "全部"),
    BoardFilter("to_report", "待上报", (wf.COLLECTED,)),
    BoardFilter("to_dispatch", "待分派", (wf.REPORTED,)),
    BoardFilter("in_progress", "处置中", (wf.DISPATCHED,)),
    BoardFilter("to_verify", "待核查", (wf.HANDLED,)),
    BoardFilter("closed", "已办结", (wf.CLOSED,)),
    BoardFilter("overdue", "逾期", overdue=True),
    BoardFilter("escalated", "已上报上级", (wf.ESCALATED,)),
    BoardFilter("withdrawn", "已撤销", (wf.WITHDRAWN,)),
)
BOARD_BY_CODE = {f.code: f for f in BOARD_FILTERS}


def category_key(name: str) -> str:
    """The row key of a category: the same on every desktop, so configuring it twice edits one row."""
    return str(uuid.uuid5(KEY_NAMESPACE, "case_category:" + name))


def calendar_key(day: date) -> str:
    return str(uuid.uuid5(KEY_NAMESPACE, "calendar_day:" + day.isoformat()))


def event_of(row: Mapping[str, Any]) -> wf.Event:
    """The machine's view of a case_events row."""
    return wf.Event(id=row["id"], action=row["action"], at=row["at"], actor_name=row["actor_name"],
                    actor_role=row["actor_role"], from_state=row["from_state"], to_state=row["to_state"],
                    note=row["note"], data=row["data"], hlc=row["hlc"] or "")


def describe_data(action: str, data: Mapping[str, Any] | None) -> str:
    """The data an event carries, as the timeline shows it."""
    d = data or {}
    parts: list[str] = []
    if action == "dispatch":
        parts += [f"处置人：{d['handler']}" if d.get("handler") else "",
                  f"期限：{d['deadline']}" if d.get("deadline") else ""]
    elif action in ("handle", "resolve_on_spot"):
        parts.append(f"处置情况：{d['feedback']}" if d.get("feedback") else "")
    elif action == "return":
        parts += [f"退回原因：{d.get('reason', '')}", f"新期限：{d['deadline']}" if d.get("deadline") else ""]
    elif action == "close":
        rating = int(d.get("rating") or 0)
        parts += [f"群众评价：{'★' * rating}{'☆' * (5 - rating)} {rating} 分" if rating else "",
                  str(d.get("comment") or "")]
    elif action == "escalate":
        parts += [f"上报至：{d.get('to', '')}", f"原因：{d.get('reason', '')}"]
    elif action == "withdraw":
        parts.append(f"撤销原因：{d.get('reason', '')}")
    return "；".join(p for p in parts if p)


class CaseService:
    def __init__(self, db: Database, *, blobs: BlobStore | None = None,
                 now: Callable[[], datetime] = datetime.now):
        self.db = db
        self.blobs = blobs or BlobStore()
        self.now = now
        self._calendar: WorkCalendar | None = None
        self._category_cache: list[Category] | None = None

    def today(self) -> date:
        return self.now().date()

    # -- dictionaries ----------------------------------------------------------------------------

    def calendar(self) -> WorkCalendar:
        if self._calendar is None:
            with self.db.engine.connect() as conn:
                self._calendar = WorkCalendar(q.calendar_days(conn))
        return self._calendar

    def set_calendar_day(self, actor: Actor, day: date, is_workday: bool, name: str | None = None) -> None:
        """Record a day the holiday package does not know (a new year's 放假 or 调休上班 day)."""
        if actor.role not in (wf.SUBDISTRICT, wf.SECRETARY):
            raise CaseError("节假日安排由街道或社区书记维护。")
        values = {"is_workday": is_workday, "name": (name or "").strip() or None, "deleted": False}
        with writing(self.db) as w:
            self._upsert(w, CalendarDay, calendar_key(day), {"day": day, "grid_id": None, **values})
        self._calendar = None

    def categories(self, *, include_inactive: bool = False) -> list[Category]:
        with self.db.engine.connect() as conn:
            rows = q.category_rows(conn)
        merged = merge_categories(Category(r["name"], r["time_limit_days"], r["warn_days"], bool(r["on_spot"]),
                                           r["sort_order"], bool(r["active"])) for r in rows)
        return [c for c in merged if include_inactive or c.active]

    def category(self, name: str) -> Category:
        for cat in self.categories():
            if cat.name == name:
                return cat
        names = "、".join(c.name for c in self.categories())
        raise CaseError(f"没有事件类别“{name}”。可选类别：{names}；新类别请由街道在类别设置中添加。")

    def set_category(self, actor: Actor, name: str, time_limit_days: int, *, warn_days: int | None = None,
                     on_spot: bool | None = None, active: bool = True) -> Category:
        """Set a category's time limit (working days) or add a category; the sub-district's call."""
        if actor.role != wf.SUBDISTRICT:
            raise CaseError("事件类别和办理时限由街道设置，请以街道身份操作。")
        name = name.strip()
        if not name or len(name) > 20:
            raise CaseError("类别名称应为 1–20 个字。")
        if not 1 <= time_limit_days <= 365:
            raise CaseError("办理时限应为 1–365 个工作日。")
        current = {c.name: c for c in self.categories(include_inactive=True)}.get(name)
        warn = warn_days if warn_days is not None else (current.warn_days if current else 2)
        if not 0 <= warn < time_limit_days + 1:
            raise CaseError("临期提醒天数应在 0 到办理时限之间。")
        category = Category(name, time_limit_days, warn,
                            on_spot if on_spot is not None else bool(current and current.on_spot),
                            current.sort_order if current else 100, active)
        self._category_cache = None
        with writing(self.db) as w:
            self._upsert(w, CaseCategory, category_key(name), {
                "grid_id": None, "name": name, "time_limit_days": time_limit_days, "warn_days": warn,
                "on_spot": category.on_spot, "sort_order": category.sort_order, "active": active, "deleted": False})
        return category

    @staticmethod
    def _upsert(w: Writer, model: Any, key: str, values: dict[str, Any]) -> None:
        if q.row_exists(w.session.connection(), model.__tablename__, key):
            w.update(model, key, values)
        else:
            w.insert(model, {"id": key, **values})

    def suggested_deadline(self, category: str, priority: str = "一般", start: date | None = None) -> date:
        """The deadline a dispatch today would get: the category's limit in working days."""
        days = time_limit(self.category(category), priority)
        return self.calendar().add_working_days(start or self.today(), days)

    # -- creating --------------------------------------------------------------------------------

    def create(self, draft: CaseDraft, actor: Actor, *, writer: Writer | None = None) -> str:
        """Register a case (state 已收集) with its parties, attachments and first event; returns its id.

        With ``writer`` the case joins that transaction (a visit that creates a case in one step).
        """
        if writer is not None:
            return self._create(writer, draft, actor)
        with writing(self.db) as w:
            return self._create(w, draft, actor)

    def _create(self, w: Writer, draft: CaseDraft, actor: Actor) -> str:
        category = self.category(draft.category.strip())
        try:
            source = require(draft.source, SOURCES, "事件来源")
            priority = require(draft.priority, PRIORITIES, "紧急程度")
            roles = [require(p.role, PARTY_ROLES, "当事人角色") for p in draft.parties]
            dispute_type = (require(draft.dispute_type, DISPUTE_TYPES, "纠纷类型")
                            if category.name == DISPUTE_CATEGORY else None)
        except CodeError as exc:
            raise CaseError(str(exc)) from exc
        title = (draft.title or "").strip() or (draft.description or "").strip()[:30]
        if not title:
            raise CaseError("请填写事件标题或问题描述。")
        try:
            wf.check(None, "collect", actor.role, today=self.today())
        except wf.WorkflowError as exc:
            raise CaseError(str(exc)) from exc
        conn = w.session.connection()
        place = self._place(conn, draft)
        people = q.people_brief(conn, [p.person_id for p in draft.parties if p.person_id])
        missing = [p.person_id for p in draft.parties if p.person_id and p.person_id not in people]
        if missing:
            raise CaseError("有关联的居民已不在台账中，请重新选择当事人。")
        grid_id = draft.grid_id or place.get("grid_id") or next(
            (people[p.person_id]["grid_id"] for p in draft.parties if p.person_id), None)
        if grid_id is None and actor.grid_ids and len(actor.grid_ids) == 1:
            grid_id = actor.grid_ids[0]
        if grid_id is None or not q.grid_exists(conn, grid_id):
            raise CaseError("无法确定事件所属网格：请选择事件发生的楼栋或房屋，或指定网格。")
        self._check_scope(actor, grid_id)
        stored = self._store_files(draft.attachments)
        now = self.now().replace(microsecond=0)
        today = now.date()
        if draft.deadline is not None and draft.deadline < today:
            raise CaseError(f"办理期限 {draft.deadline.isoformat()} 早于今天，请选择今天或以后的日期。")
        kind = "dispute" if dispute_type else "case"
        prefix = f"{'TJ' if dispute_type else 'SJ'}{today:%Y%m%d}{w.clock.node[:4].upper()}"
        number = f"{prefix}{q.count_numbers(conn, prefix) + 1:03d}"
        reporter = draft.reported_by or next(
            (p.name or people.get(p.person_id or "", {}).get("name", "") for p in draft.parties
             if p.role == "反映人"), None) or actor.name
        case_id = w.insert(Case, {
            "grid_id": grid_id, "number": number, "kind": kind, "category": category.name, "source": source,
            "building_id": place.get("building_id"), "house_id": place.get("house_id"),
            "place_text": (draft.place_text or "").strip() or place.get("text"), "title": title[:100],
            "description": (draft.description or "").strip() or None, "priority": priority,
            "deadline": draft.deadline, "handler": None, "reported_by": reporter[:50],
            "occurred_on": draft.occurred_on or today, "state": wf.COLLECTED})
        w.insert(CaseEvent, {
            "grid_id": grid_id, "case_id": case_id, "action": "collect", "from_state": None,
            "to_state": wf.COLLECTED, "actor_name": actor.name, "actor_role": actor.role, "at": now,
            "note": (draft.note or "").strip() or None, "data": None})
        w.bulk_insert(CaseParty, [{
            "grid_id": grid_id, "case_id": case_id, "person_id": p.person_id,
            "name": (p.name or people.get(p.person_id or "", {}).get("name") or "").strip()[:50] or "（未留姓名）",
            "role": role} for p, role in zip(draft.parties, roles, strict=True)])
        if dispute_type:
            w.insert(DisputeDetail, {"grid_id": grid_id, "case_id": case_id, "dispute_type": dispute_type,
                                     "outcome": None, "agreement": None})
        self._attach(w, "cases", case_id, grid_id, stored)
        return case_id

    def _place(self, conn: Connection, draft: CaseDraft) -> dict[str, Any]:
        if draft.house_id:
            house = q.place_of_house(conn, draft.house_id)
            if house is None:
                raise CaseError("所选房屋已不在台账中，请重新选择地点。")
            text = "".join(x or "" for x in (house["estate"], house["building"], house["unit"], house["room"]))
            return {**house, "text": text}
        if draft.building_id:
            building = q.place_of_building(conn, draft.building_id)
            if building is None:
                raise CaseError("所选楼栋已不在台账中，请重新选择地点。")
            return {**building, "house_id": None, "text": f"{building['estate'] or ''}{building['building']}"}
        if not (draft.place_text or "").strip():
            raise CaseError("请填写事件地点：选择楼栋或房屋，或写明地点。")
        return {}

    @staticmethod
    def _check_scope(actor: Actor, grid_id: str | None) -> None:
        if actor.grid_ids is not None and grid_id not in actor.grid_ids:
            raise CaseError("这条事件不在您负责的网格内，请联系所在网格的网格员或社区书记办理。")

    def _store_files(self, files: Iterable[Path]) -> list[Any]:
        try:
            return [self.blobs.put(Path(f)) for f in files]
        except AttachmentError as exc:
            raise CaseError(str(exc)) from exc

    @staticmethod
    def _attach(w: Writer, owner_table: str, owner_id: str, grid_id: str | None, stored: Sequence[Any]) -> None:
        w.bulk_insert(Attachment, [{
            "grid_id": grid_id, "owner_table": owner_table, "owner_id": owner_id, "sha256": b.sha256,
            "filename": b.filename, "mime": b.mime, "size": b.size} for b in stored])

    # -- acting ----------------------------------------------------------------------------------

    def act(self, case_id: str, action: str, actor: Actor, *, note: str | None = None,
            data: Mapping[str, Any] | None = None, attachments: Iterable[Path] = ()) -> CaseDetail:
        """Take one step of the loop; refused with :class:`CaseError` (the machine's message) when illegal."""
        with writing(self.db) as w:
            conn = w.session.connection()
            row = q.case(conn, case_id)
            if row is None:
                raise CaseError(f"没有编号或 ID 为 {case_id} 的事件。")
            self._check_scope(actor, row["grid_id"])
            folded = self._fold(conn, case_id)
            try:
                step = wf.check(folded.state, action, actor.role, data, today=self.today(), actor=actor.name,
                                handler=folded.handler or row["handler"])
            except wf.WorkflowError as exc:
                raise CaseError(f"事件 {row['number']}：{exc}") from exc
            stored = self._store_files(attachments)
            event_id = w.insert(CaseEvent, {
                "grid_id": row["grid_id"], "case_id": case_id, "action": action, "from_state": folded.state,
                "to_state": step.target, "actor_name": actor.name, "actor_role": actor.role,
                "at": self.now().replace(microsecond=0), "note": (note or "").strip() or None,
                "data": step.data or None})
            self._attach(w, "case_events", event_id, row["grid_id"], stored)
            self._refresh(w, row, self._fold(conn, case_id))
        return self.detail(case_id, actor)

    def _fold(self, conn: Connection, case_id: str) -> wf.Folded:
        return wf.fold(event_of(e) for e in q.events(conn, [case_id]) if not e["refused"])

    @staticmethod
    def _refresh(w: Writer, row: Mapping[str, Any], folded: wf.Folded) -> dict[str, Any]:
        """Bring the case's cached state, handler and deadline in line with the fold."""
        changes: dict[str, Any] = {"state": folded.state or wf.COLLECTED}
        if folded.handler:
            changes["handler"] = folded.handler
        if folded.deadline:
            changes["deadline"] = folded.deadline
        return w.update(Case, row["id"], {k: v for k, v in changes.items() if row.get(k) != v})

    def refold(self, case_ids: Sequence[str] | None = None) -> int:
        """Recompute the cached state of some cases (all when None); returns how many changed."""
        changed = 0
        with writing(self.db) as w:
            conn = w.session.connection()
            ids = list(case_ids) if case_ids is not None else q.case_ids(conn, CaseFilter())
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                grouped: dict[str, list[wf.Event]] = {i: [] for i in chunk}
                for e in q.events(conn, chunk):
                    if not e["refused"]:  # a step the server refused does not move the case
                        grouped[e["case_id"]].append(event_of(e))
                for row in q.cases(conn, chunk):
                    changed += bool(self._refresh(w, row, wf.fold(grouped[row["id"]])))
        return changed

    # -- reading ---------------------------------------------------------------------------------

    def resolve(self, key: str) -> str:
        """A case id from its id or its number."""
        with self.db.engine.connect() as conn:
            found = q.case_by_key(conn, key.strip())
        if found is None:
            raise CaseError(f"没有编号或 ID 为 {key} 的事件，请用 gridledger cases 查看事件列表。")
        return found

    def find(self, kind: str, key: str) -> str:
        """The id of a person (id or ID number), household or building (id or address key)."""
        lookups = {"person": (q.person_by_key, "居民"), "household": (queries.household_by_key, "住户"),
                   "building": (queries.building_by_key, "楼栋")}
        lookup, what = lookups[kind]
        with self.db.engine.connect() as conn:
            found = lookup(conn, key.strip())
        if found is None:
            raise CaseError(f"没有找到{what}“{key}”，请检查 ID 或地址（如 锦绣花园|3号楼|2单元|501）。")
        return found

    def household_house(self, household_id: str) -> str:
        """The house a household lives in (where a case about it happens)."""
        with self.db.engine.connect() as conn:
            brief = visit_queries.household_brief(conn, household_id)
        if brief is None or brief["house_id"] is None:
            raise CaseError("这一户没有登记房屋，请改用 --building 或 --place 写明地点。")
        return str(brief["house_id"])

    def describe_place(self, *, house_id: str | None = None, building_id: str | None = None) -> str:
        """The place of a house or building as a case shows it ("" for neither)."""
        if not (house_id or building_id):
            return ""
        with self.db.engine.connect() as conn:
            return self._place(conn, CaseDraft("", "", house_id=house_id, building_id=building_id,
                                               place_text="-"))["text"]

    def find_grids(self, key: str) -> tuple[str, ...]:
        with self.db.engine.connect() as conn:
            found = q.grids_by_key(conn, key.strip())
        if not found:
            raise CaseError(f"没有名为“{key}”的网格。")
        return tuple(found)

    def ids(self, f: CaseFilter | None = None) -> list[str]:
        with self.db.engine.connect() as conn:
            return q.case_ids(conn, f or CaseFilter())

    def board_ids(self, code: str, scope: CaseFilter | None = None) -> list[str]:
        return self.ids(self.board_filter(code, scope))

    def board_filter(self, code: str, scope: CaseFilter | None = None) -> CaseFilter:
        board = BOARD_BY_CODE[code]
        return replace(scope or CaseFilter(), states=board.states,
                       overdue_on=self.today() if board.overdue else None)

    def board_counts(self, scope: CaseFilter | None = None) -> dict[str, int]:
        """How many cases each board filter shows."""
        base = scope or CaseFilter()
        with self.db.engine.connect() as conn:
            per_state = q.count_by_state(conn, base)
            overdue = q.count_overdue(conn, base, self.today())
        counts = {f.code: sum(per_state.get(s, 0) for s in f.states) for f in BOARD_FILTERS if f.states}
        counts.update(all=sum(per_state.values()), overdue=overdue)
        return {f.code: counts[f.code] for f in BOARD_FILTERS}

    def open_cases_per_house(self, building_id: str) -> dict[str, int]:
        """Cases not yet closed or withdrawn per house of a building (badges on the building map)."""
        with self.db.engine.connect() as conn:
            return q.open_cases_per_house(conn, building_id)

    def rows(self, ids: Sequence[str]) -> list[CaseRow]:
        with self.db.engine.connect() as conn:
            return [self._row(r) for r in q.cases(conn, ids)]

    def _row(self, r: Mapping[str, Any]) -> CaseRow:
        status = None
        if r["deadline"] is not None and r["state"] in wf.CLOCK_STATES:
            warn = next((c.warn_days for c in self._categories_cached() if c.name == r["category"]), 2)
            status = deadline_status(r["deadline"], self.today(), self.calendar(), warn)
        return CaseRow(id=r["id"], number=r["number"], kind=r["kind"], title=r["title"], category=r["category"],
                       state=r["state"], priority=r["priority"] or "一般", deadline=r["deadline"],
                       deadline_status=status, handler=r["handler"] or "", place=r["place_text"] or "",
                       grid=r["grid_name"] or "", occurred_on=r["occurred_on"])

    def _categories_cached(self) -> list[Category]:
        if self._category_cache is None:
            self._category_cache = self.categories(include_inactive=True)
        return self._category_cache

    def detail(self, case_id: str, actor: Actor | None = None) -> CaseDetail:
        with self.db.engine.connect() as conn:
            row = q.case(conn, case_id)
            if row is None:
                raise CaseError(f"没有 ID 为 {case_id} 的事件。")
            event_rows = q.events(conn, [case_id])
            parties = q.parties(conn, case_id)
            case_files = q.attachments(conn, "cases", [case_id])
            event_files = q.attachments(conn, "case_events", [e["id"] for e in event_rows])
        events = sorted((event_of(e) for e in event_rows), key=wf.event_order)
        refused = {e["id"]: e["refused"] for e in event_rows if e["refused"]}
        folded = wf.fold(e for e in events if e.id not in refused)  # refused steps stay in the timeline only
        files_by_event: dict[str, list[AttachmentInfo]] = {}
        for a in event_files:
            files_by_event.setdefault(a["owner_id"], []).append(self._file(a))
        flags = {f.event.id: f.reason for f in folded.flagged} | {
            event_id: f"服务器拒绝了这一步，未生效：{reason}" for event_id, reason in refused.items()}
        timeline = [self._entry(e, flags.get(e.id), files_by_event.get(e.id, [])) for e in events]
        actions: tuple[wf.ActionSpec, ...] = ()
        if actor is not None and (actor.grid_ids is None or row["grid_id"] in actor.grid_ids):
            actions = tuple(wf.allowed_actions(folded.state, actor.role))
        return CaseDetail(
            row=self._row(row), description=row["description"] or "", source=row["source"] or "",
            reported_by=row["reported_by"] or "", grid_id=row["grid_id"], building_id=row["building_id"],
            house_id=row["house_id"],
            parties=tuple(Party(p["name"], p["role"] or "", p["person_id"], p["household_id"]) for p in parties),
            attachments=tuple(self._file(a) for a in case_files), timeline=tuple(timeline), actions=actions,
            rating=folded.rating, returns=folded.returns)

    def _file(self, a: Mapping[str, Any]) -> AttachmentInfo:
        return AttachmentInfo(a["id"], a["sha256"], a["filename"], a["size"], self.blobs.path_for(a["sha256"]))

    @staticmethod
    def _entry(e: wf.Event, flag: str | None, files: list[AttachmentInfo]) -> TimelineEntry:
        spec = wf.ACTIONS.get(e.action)
        return TimelineEntry(
            event_id=e.id, at=e.at, action=e.action, label=spec.label if spec else e.action,
            actor_name=e.actor_name, actor_role=wf.ROLE_LABELS.get(e.actor_role or "", e.actor_role or ""),
            from_state=e.from_state, to_state=e.to_state, note=e.note or "",
            details=describe_data(e.action, e.data), attachments=tuple(files), flag=flag)
