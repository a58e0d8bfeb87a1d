"""Convergence under random offline work (issue 7, "Done when"): a hypothesis state machine drives a
secretary's desktop and grid workers' desktops (two of them one worker's) through edits, deletes, case
steps, visits, tag links, people created twice offline, buildings moved between grids, scope changes on
the server, partial, interrupted and repeated pushes and pulls, and skewed clocks. After quiescence:

- every desktop holds exactly the server's rows of its scope, field by field (none outside it);
- every field edit is in the final state, or in the conflict log, or was edited over by a later edit
  made on top of it, or was rejected with a reason the desktop keeps;
- every row a desktop created is on the server (or merged into its twin, or rejected with a reason);
- case-event sets are equal and every case's state is the fold of its events;
- no outbox entry is left pending.

Runs on SQLite and on PostgreSQL. ``GRIDLEDGER_HYPOTHESIS_EXAMPLES`` raises the number of examples for a
long run.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule, run_state_machine_as_test
from sqlalchemy import delete, insert, select, text, update

from app.domain import workflow as wf
from app.domain.hlc import HybridClock
from app.domain.ids import generate_id
from app.domain.workflow import WorkflowError
from app.services.cases import Actor, CaseDraft, CaseError, CaseService
from app.services.households import HouseholdService, PersonInput, ValidationError
from app.services.visits import VisitDraft, VisitService
from app.store.db import Database
from app.store.models import (
    MODEL_BY_TABLE,
    Base,
    Building,
    Estate,
    House,
    Household,
    OrgNode,
    OutboxEntry,
    Person,
    PersonTag,
    TagType,
    Unit,
    Visit,
)
from app.store.writes import WriteError, new_id, to_wire, writing
from sync.client import RoundResult, SyncClient, SyncError
from sync.local_only import LOCAL_ONLY_NOTE
from sync.protocol import MAX_PUSH_OPS
from sync.rows import bucket_of, table_of
from sync.server import store as server_store
from sync.server.app import create_app
from sync.server.models import ConflictEntry, IdAlias, ServerBase, ServerMeta, ServerUser
from sync.server.scope import Scope
from sync.server.store import add_user, open_server_db
from tests.sync.conftest import COMMUNITY, PASSWORD

EXAMPLES = int(os.environ.get("GRIDLEDGER_HYPOTHESIS_EXAMPLES", "30"))
STEPS = 30
GRIDS = ("第一网格", "第二网格", "第三网格")
SECRETARY = "书记"
WORKERS = {"网格员一": "第一网格", "网格员二": "第二网格"}
DESKTOPS = ((SECRETARY, "secretary"), ("网格员一", "grid_worker"), ("网格员一", "grid_worker"),
            ("网格员二", "grid_worker"))
"""Four desktops: the secretary's, two of the first grid worker's, the second grid worker's."""
MAX_SKEW_MS = 4 * 60 * 1000  # within the 5 minutes the server accepts
QUIESCENCE_PASSES = 8
NOTES = ("独居，需每周电话", "已更换门锁", "子女在外地", "低保复审中", "腿脚不便")
ID_POOL = tuple(generate_id(random.Random(n), "110105", date(1948 + n, 5, 6), n % 2 == 0) for n in range(3))
"""Fictional ID numbers two desktops may both register offline (the same person twice)."""
STEP_DATA = {"handler": "物业服务中心", "feedback": "已现场处理", "reason": "情况有变", "rating": 5}
EDITED_BY_SERVER = {("cases", "state")}
"""Fields the server derives itself (a case's state is the fold of its events), so an edit may vanish."""


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


# --- the server, reused across examples ------------------------------------------------------------

class ServerUnderTest:
    """One server database for all examples of a test: users made once, rows put back to the seeded
    state (a snapshot taken after the first sync) before each example."""

    def __init__(self, db: Database):
        self.db = db
        self.http = TestClient(create_app(db)).__enter__()  # one event-loop portal for every request
        for name, role, scope in ((SECRETARY, "secretary", COMMUNITY),
                                  *((w, "grid-worker", f"{COMMUNITY}/{g}") for w, g in WORKERS.items())):
            add_user(db, name, PASSWORD, role, scope)
        kept = {ServerMeta.__tablename__, ServerUser.__tablename__}
        self.tables = [t for t in Base.metadata.sorted_tables if t.name in MODEL_BY_TABLE]
        self.tables += [t for t in ServerBase.metadata.sorted_tables if t.name not in kept]
        self.seeded: dict[str, list[dict[str, Any]]] = {}

    def snapshot(self) -> None:
        with self.db.engine.connect() as conn:
            self.seeded = {t.name: [dict(r) for r in conn.execute(select(t)).mappings()] for t in self.tables}

    def restore(self) -> None:
        """Every table as the snapshot has it (empty before the first one), each grid worker on their grid."""
        with self.db.engine.begin() as conn:
            for table in reversed(self.tables):
                conn.execute(delete(table))
            for table in self.tables:
                if self.seeded.get(table.name):
                    conn.execute(insert(table), self.seeded[table.name])
            if not self.db.is_sqlite:
                conn.execute(text("SELECT setval('sync_change_seq', coalesce(max(seq), 0) + 1, false) "
                                  "FROM sync_changes"))
        for worker, grid in WORKERS.items():
            self.set_scope(worker, grid)

    def set_scope(self, worker: str, grid: str) -> None:
        with self.db.session() as session:
            session.execute(update(ServerUser).where(ServerUser.name == worker).values(scope=f"{COMMUNITY}/{grid}"))

    def scope(self, user: str) -> Scope:
        with self.db.session() as session:
            return Scope.of(session, session.execute(select(ServerUser).where(ServerUser.name == user)).scalar_one())

    def aliases(self) -> dict[str, str]:
        with self.db.session() as session:
            return {old: new for old, new in session.execute(select(IdAlias.old_id, IdAlias.new_id))}

    def lost_values(self) -> set[tuple[str, str, str | None, str]]:
        with self.db.session() as session:
            return {(e.table_name, e.row_id, e.field, _key(e.lost_value))
                    for e in session.execute(select(ConflictEntry)).scalars()}

    def close(self) -> None:
        self.http.__exit__(None, None, None)
        self.db.close()


def _rows(db: Database) -> dict[str, dict[str, dict[str, Any]]]:
    """Every synced row of a database as JSON values: table -> id -> row."""
    with db.engine.connect() as conn:
        return {name: {r["id"]: {k: to_wire(v) for k, v in r.items()} for r in conn.execute(select(table_of(name)))
                       .mappings()} for name in MODEL_BY_TABLE}


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


class Link:
    """The desktop's network: can drop after ``fail_after`` more requests, before or after the server
    handled the request (an answer lost on the way back: the server committed, the desktop never heard)."""

    def __init__(self, http: TestClient):
        self.http = http
        self.fail_after: int | None = None
        self.lose_answer = False

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        if self.fail_after is not None and path != "/auth/token":
            if self.fail_after == 0:
                self.fail_after = None
                if self.lose_answer:
                    self.http.post(path, **kwargs)
                raise httpx.ConnectError("网络中断（测试注入）")
            self.fail_after -= 1
        return self.http.post(path, **kwargs)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.get(path, **kwargs)


# --- desktops ------------------------------------------------------------------------------------

@dataclass
class Edit:
    """One field a desktop changed (an outbox patch or delete), as the outbox recorded it."""

    desktop: int
    device_seq: int
    table: str
    row_id: str
    field: str
    value: Any
    hlc: str
    base: str


@dataclass
class Created:
    desktop: int
    device_seq: int
    table: str
    row_id: str


@dataclass
class DesktopUnderTest:
    user: str
    role: str
    db: Database
    link: Link
    client: SyncClient = field(init=False)

    def __post_init__(self) -> None:
        self.client = SyncClient(self.db, self.link, self.user, PASSWORD, batch=3, page=4,  # type: ignore[arg-type]
                                 now_ms=lambda: _now_ms() + self.skew_ms)

    @property
    def skew_ms(self) -> int:
        return SKEWS.get(self.node, 0)

    def now(self) -> datetime:
        return datetime.now() + timedelta(milliseconds=self.skew_ms)

    @property
    def node(self) -> str:
        return self.client.device_id

    def ids(self, sql: str, **params: Any) -> list[str]:
        with self.db.engine.connect() as conn:
            return [r[0] for r in conn.execute(text(sql), params)]

    def actor(self) -> Actor:
        if self.role == "secretary":
            return Actor(self.user, wf.SECRETARY)
        grids = tuple(self.ids("SELECT id FROM org_nodes WHERE level = 'grid' AND deleted = 0 ORDER BY id"))
        return Actor(self.user, wf.GRID_WORKER, grids)

    def cases(self) -> CaseService:
        return CaseService(self.db, now=self.now)

    def last_seq(self) -> int:
        with self.db.engine.connect() as conn:
            return int(conn.execute(text("SELECT coalesce(max(device_seq), 0) FROM outbox")).scalar_one())

    def outbox_after(self, seq: int) -> list[OutboxEntry]:
        with self.db.session() as session:
            return list(session.execute(select(OutboxEntry).where(OutboxEntry.device_seq > seq)
                                        .order_by(OutboxEntry.device_seq)).scalars())

    def round(self) -> RoundResult:
        return self.client.run()


def _pick(items: list[str], n: int) -> str | None:
    return items[n % len(items)] if items else None


def _seed(desktop: DesktopUnderTest) -> None:
    """A tiny community on the secretary's desktop: three grids with one building each, two households of
    two people per building, two special-group tags, one case per grid."""
    rng = random.Random(7)
    with writing(desktop.db) as w:
        district = w.insert(OrgNode, {"level": "district", "name": "明川区", "code": "110105"})
        sub = w.insert(OrgNode, {"parent_id": district, "level": "subdistrict", "name": "望湖街道"})
        community = w.insert(OrgNode, {"parent_id": sub, "level": "community", "name": COMMUNITY})
        grids = []
        for n, name in enumerate(GRIDS, 1):
            grid = new_id()  # a grid's row is its own bucket
            grids.append(w.insert(OrgNode, {"id": grid, "grid_id": grid, "parent_id": community, "level": "grid",
                                            "name": name, "code": f"G{n}"}))
        for code, name in (("living_alone", "独居老人"), ("low_income", "低保户")):
            w.insert(TagType, {"code": code, "name": name, "visit_every_days": 30})
        estate = w.insert(Estate, {"community_id": community, "name": "锦绣花园"})
        houses = []
        for n, grid in enumerate(grids, 1):
            building = w.insert(Building, {"grid_id": grid, "estate_id": estate, "name": f"{n}号楼", "number": n})
            unit = w.insert(Unit, {"grid_id": grid, "building_id": building, "name": "1单元", "number": 1})
            houses += [w.insert(House, {"grid_id": grid, "building_id": building, "unit_id": unit, "room": room,
                                        "floor": 1}) for room in ("101", "102")]
    service = HouseholdService(desktop.db)
    for n, house in enumerate(houses):
        head = PersonInput(f"测试户主{n}", generate_id(rng, "110105", date(1960 + n, 3, 4), n % 2 == 0),
                           phone=f"1390000{n:04d}")
        member = PersonInput(f"测试成员{n}", generate_id(rng, "110105", date(1990 + n, 7, 8), n % 2 == 1),
                             relation="子")
        service.create_household(house, head, [member])
    cases = desktop.cases()
    actor = desktop.actor()
    for building in desktop.ids("SELECT id FROM buildings ORDER BY number"):
        cases.create(CaseDraft(title="楼道堆放杂物", category="楼道堆物", building_id=building), actor)


def _seeded(server: ServerUnderTest, directory: Path) -> list[Path]:
    """The secretary fills the empty server with the seed, every other desktop downloads its scope; the
    server's rows are kept as the snapshot each example starts from, the desktops' files as templates."""
    server.restore()
    desktops = [DesktopUnderTest(user, role, Database(directory / f"seeded{n}.sqlite"), Link(server.http))
                for n, (user, role) in enumerate(DESKTOPS)]
    _seed(desktops[0])
    for d in desktops:
        d.client.batch, d.client.page = MAX_PUSH_OPS, 1000
        assert d.round().rejected == 0
        d.db.close()
    server.snapshot()
    return [d.db.path for d in desktops if d.db.path]


# --- the machine ---------------------------------------------------------------------------------

DESKTOP = st.integers(0, len(DESKTOPS) - 1)
PICK = st.integers(0, 7)
"""Which row (by id order): few, so that desktops often work on the same rows."""
VALUE = st.integers(0, 99_999)


class SyncMachine(RuleBasedStateMachine):
    server: ServerUnderTest
    workdir: Path
    templates: list[Path]  # the desktops' databases after the seeding sync

    def __init__(self) -> None:
        super().__init__()
        self.server.restore()
        SKEWS.clear()
        self.dir = self.workdir / f"example-{time.time_ns()}"
        self.dir.mkdir()
        self.desktops: list[DesktopUnderTest] = []
        for n, ((user, role), template) in enumerate(zip(DESKTOPS, self.templates, strict=True)):
            path = self.dir / f"desktop{n}.sqlite"
            shutil.copyfile(template, path)
            self.desktops.append(DesktopUnderTest(user, role, Database(path), Link(self.server.http)))
        self.edits: list[Edit] = []
        self.created: list[Created] = []
        self.now_ids: dict[tuple[int, int], str] = {}  # (desktop, device_seq) -> the row its entry names now

    # -- bookkeeping -------------------------------------------------------------------------------

    def _tracked(self, n: int, action: Callable[[], object]) -> None:
        """Run a desktop action and remember every field edit and row it queued in the outbox."""
        desktop = self.desktops[n]
        before = desktop.last_seq()
        try:
            action()
        except (CaseError, ValidationError, WorkflowError, WriteError):
            return  # the desktop refused it; nothing was queued
        for e in desktop.outbox_after(before):
            if e.kind in ("insert", "event"):
                self.created.append(Created(n, e.device_seq, e.table_name, e.row_id))
                continue
            for name, value in (e.fields or {}).items():
                self.edits.append(Edit(n, e.device_seq, e.table_name, e.row_id, name, value, e.hlc,
                                       (e.base or {})[name]))

    def _write(self, n: int, table: type[Any], row_id: str, changes: dict[str, Any]) -> None:
        def change() -> None:
            with writing(self.desktops[n].db) as w:
                w.update(table, row_id, changes)
        self._tracked(n, change)

    # -- edits -----------------------------------------------------------------------------------

    @rule(n=DESKTOP, pick=PICK, column=st.sampled_from(("phone", "note", "political_status")), value=VALUE)
    def edit_person(self, n: int, pick: int, column: str, value: int) -> None:
        """Through the household page's service, as the person form saves it."""
        d = self.desktops[n]
        person = _pick(d.ids("SELECT id FROM people WHERE deleted = 0 ORDER BY id"), pick)
        if person is None:
            return
        with d.db.engine.connect() as conn:
            row = conn.execute(select(table_of("people")).where(table_of("people").c.id == person)).mappings().one()
        given = PersonInput(row["name"], row["id_number"], row["relation"], row["phone"], row["gender"],
                            row["birth_date"], row["ethnicity"], row["political_status"], row["residence_type"],
                            row["note"])
        new = {"phone": f"139{value:08d}", "note": NOTES[value % len(NOTES)],
               "political_status": ("群众", "中共党员", "共青团员")[value % 3]}[column]
        service = HouseholdService(d.db)
        self._tracked(n, lambda: service.update_member(person, replace(given, **{column: new})))

    @rule(n=DESKTOP, pick=PICK, column=st.sampled_from(("contact_phone", "note", "presence")), value=VALUE)
    def edit_household(self, n: int, pick: int, column: str, value: int) -> None:
        household = _pick(self.desktops[n].ids("SELECT id FROM households WHERE deleted = 0 ORDER BY id"), pick)
        if household is None:
            return
        new = {"contact_phone": f"138{value:08d}", "note": NOTES[value % len(NOTES)],
               "presence": ("人户同在", "人在户不在", "户在人不在")[value % 3]}[column]
        self._write(n, Household, household, {column: new})

    @rule(n=DESKTOP, pick=PICK, table=st.sampled_from((Person, Household, Visit, PersonTag)))
    def delete_row(self, n: int, pick: int, table: type[Any]) -> None:
        name = table.__tablename__
        row = _pick(self.desktops[n].ids(f"SELECT id FROM {name} WHERE deleted = 0 ORDER BY id"), pick)
        if row is not None:
            self._write(n, table, row, {"deleted": True})

    @rule(n=DESKTOP, pick=PICK, number=st.integers(0, len(ID_POOL) - 1))
    def add_person(self, n: int, pick: int, number: int) -> None:
        """Register a newcomer; two desktops may register the same ID number offline."""
        d = self.desktops[n]
        household = _pick(d.ids("SELECT id FROM households WHERE deleted = 0 ORDER BY id"), pick)
        if household is None:
            return
        person = PersonInput(f"新住户{number}", ID_POOL[number], relation="其他", phone=f"1370000{pick:04d}")
        self._tracked(n, lambda: HouseholdService(d.db).add_member(household, person))

    @rule(n=DESKTOP, pick=PICK, tag=st.integers(0, 1), add=st.booleans())
    def tag_link(self, n: int, pick: int, tag: int, add: bool) -> None:
        d = self.desktops[n]
        if not add:
            link = _pick(d.ids("SELECT id FROM person_tags WHERE deleted = 0 ORDER BY id"), pick)
            if link is not None:
                self._write(n, PersonTag, link, {"deleted": True})
            return
        person = _pick(d.ids("SELECT id FROM people WHERE deleted = 0 ORDER BY id"), pick)
        tags = d.ids("SELECT id FROM tag_types ORDER BY code")
        if person is None or not tags:
            return
        grid = d.ids("SELECT grid_id FROM people WHERE id = :p", p=person)[0]

        def link_tag() -> None:
            with writing(d.db) as w:
                w.insert(PersonTag, {"grid_id": grid, "person_id": person, "tag_id": tags[tag % len(tags)],
                                     "since": d.now().date()})
        self._tracked(n, link_tag)

    @rule(n=DESKTOP, pick=PICK, method=st.sampled_from(("入户", "电话", "巡查")))
    def add_visit(self, n: int, pick: int, method: str) -> None:
        d = self.desktops[n]
        household = _pick(d.ids("SELECT id FROM households WHERE deleted = 0 ORDER BY id"), pick)
        if household is None:
            return
        visits = VisitService(d.db, cases=d.cases())
        draft = VisitDraft(method, household_id=household, findings="情况稳定")
        self._tracked(n, lambda: visits.record(draft, d.actor()))

    @rule(n=DESKTOP, pick=PICK, category=st.sampled_from(("楼道堆物", "安全隐患", "民生诉求")))
    def create_case(self, n: int, pick: int, category: str) -> None:
        d = self.desktops[n]
        building = _pick(d.ids("SELECT id FROM buildings WHERE deleted = 0 ORDER BY id"), pick)
        if building is None:
            return
        draft = CaseDraft(title="新发现的问题", category=category, building_id=building)
        self._tracked(n, lambda: d.cases().create(draft, d.actor()))

    @rule(n=DESKTOP, pick=PICK, choice=VALUE)
    def step_case(self, n: int, pick: int, choice: int) -> None:
        """One step of the loop that the desktop's role may take from the state the desktop knows."""
        d = self.desktops[n]
        case = _pick(d.ids("SELECT id FROM cases WHERE deleted = 0 ORDER BY id"), pick)
        if case is None:
            return
        actor = d.actor()
        state = d.ids("SELECT state FROM cases WHERE id = :c", c=case)[0]
        actions = wf.allowed_actions(state, actor.role)
        if not actions:
            return
        action = actions[choice % len(actions)].code
        data = {**STEP_DATA, "deadline": (d.now() + timedelta(days=10)).date()}
        self._tracked(n, lambda: d.cases().act(case, action, actor, data=data))

    @rule(pick=PICK, grid=st.integers(0, len(GRIDS) - 1), whole=st.booleans())
    def move_building(self, pick: int, grid: int, whole: bool) -> None:
        """The secretary hands a building (with its houses, households and people, or alone) to a grid."""
        d = self.desktops[0]
        building = _pick(d.ids("SELECT id FROM buildings WHERE deleted = 0 ORDER BY id"), pick)
        target = d.ids("SELECT id FROM org_nodes WHERE name = :g", g=GRIDS[grid])
        if building is None or not target:
            return
        parts = [(Building, [building])]
        if whole:
            units = d.ids("SELECT id FROM units WHERE building_id = :b", b=building)
            houses = d.ids("SELECT id FROM houses WHERE building_id = :b", b=building)
            households = d.ids("SELECT x.id FROM households x JOIN houses h ON h.id = x.house_id "
                               "WHERE h.building_id = :b", b=building)
            people = d.ids("SELECT p.id FROM people p JOIN households x ON x.id = p.household_id "
                           "JOIN houses h ON h.id = x.house_id WHERE h.building_id = :b", b=building)
            parts += [(Unit, units), (House, houses), (Household, households), (Person, people)]

        def move() -> None:
            with writing(d.db) as w:
                for model, ids in parts:
                    for row_id in ids:
                        w.update(model, row_id, {"grid_id": target[0]})
        self._tracked(0, move)

    # -- the server's side -----------------------------------------------------------------------

    @rule(worker=st.sampled_from(sorted(WORKERS)), grid=st.sampled_from(GRIDS))
    def change_scope(self, worker: str, grid: str) -> None:
        """An administrator hands a grid worker another grid (gridledger server user add …)."""
        self.server.set_scope(worker, grid)

    # -- syncing ---------------------------------------------------------------------------------

    @rule(n=DESKTOP, repeat=st.integers(1, 2))
    def full_round(self, n: int, repeat: int) -> None:
        for _ in range(repeat):
            self.desktops[n].round()

    @rule(n=DESKTOP, drop_after=st.none() | st.integers(0, 3), lose_answer=st.booleans())
    def push_only(self, n: int, drop_after: int | None, lose_answer: bool) -> None:
        """Push without pulling, in batches of three, maybe cut off after some requests."""
        self._half_round(n, "push", drop_after, lose_answer)

    @rule(n=DESKTOP, drop_after=st.none() | st.integers(0, 3))
    def pull_only(self, n: int, drop_after: int | None) -> None:
        """Pull without pushing, in pages of four, maybe cut off after some pages."""
        self._half_round(n, "pull", drop_after, False)

    def _half_round(self, n: int, half: str, drop_after: int | None, lose_answer: bool) -> None:
        d = self.desktops[n]
        d.client.login()
        d.link.fail_after, d.link.lose_answer = drop_after, lose_answer
        try:
            getattr(d.client, half)(RoundResult())
        except SyncError as exc:
            assert exc.code == "offline", exc
        finally:
            d.link.fail_after = None

    @rule(n=DESKTOP, skew=st.integers(-MAX_SKEW_MS, MAX_SKEW_MS))
    def skew_clock(self, n: int, skew: int) -> None:
        """The desktop's clock runs ahead or behind (within what the server accepts)."""
        SKEWS[self.desktops[n].node] = skew

    # -- the end ---------------------------------------------------------------------------------

    def teardown(self) -> None:
        try:
            if sys.exc_info()[0] is None:  # teardown runs while a failed step's error propagates: keep that one
                self._quiesce()
                self._check()
        finally:
            for d in self.desktops:
                d.db.close()
            shutil.rmtree(self.dir, ignore_errors=True)

    def _quiesce(self) -> None:
        """Every desktop syncs until a whole pass sends and brings nothing."""
        for d in self.desktops:
            d.client.batch, d.client.page = MAX_PUSH_OPS, 1000
        for _ in range(QUIESCENCE_PASSES):
            quiet = True
            for d in self.desktops:
                result = d.round()
                quiet = quiet and result.pushed == 0 and result.pulled == 0
            if quiet:
                return
        raise AssertionError(f"no quiescence after {QUIESCENCE_PASSES} passes of every desktop")

    def _check(self) -> None:
        rejected: set[tuple[int, int]] = set()
        replicas = []
        for n, d in enumerate(self.desktops):
            kept: set[tuple[str, str]] = set()  # rows whose own insert was refused stay beside the refusal
            local_only: set[tuple[str, str]] = set()
            with d.db.session() as session:
                for e in session.execute(select(OutboxEntry)).scalars():
                    self.now_ids[(n, e.device_seq)] = e.row_id
                    assert e.status != "pending", f"desktop {n}: outbox entry {e.device_seq} still pending"
                    if e.status == "rejected":
                        assert e.reason, f"desktop {n}: outbox entry {e.device_seq} rejected without a reason"
                        rejected.add((n, e.device_seq))
                        if e.kind in ("insert", "event"):
                            kept.add((e.table_name, e.row_id))
                    elif e.reason == LOCAL_ONLY_NOTE:  # made and unmade before any push: never sent
                        rejected.add((n, e.device_seq))
                        local_only.add((e.table_name, e.row_id))
            mine = _rows(d.db)
            for table, row_id in local_only:  # gone with its grid, or still here deleted
                row = mine[table].get(row_id)
                assert row is None or row["deleted"], f"desktop {n}: live row {table} {row_id} was not sent"
            kept |= local_only
            held = {t: {i: r for i, r in rows.items() if (t, i) not in kept} for t, rows in mine.items()}
            replicas.append(Replica(f"desktop {n} ({d.user})", set(self.server.scope(d.user).read_buckets()), held))
        server = _rows(self.server.db)
        for replica in replicas:
            _check_rows(server, replica)
        self._check_edits(server, rejected)
        aliases = self.server.aliases()
        for c in self.created:
            if (c.desktop, c.device_seq) not in rejected:
                assert self._now_id(aliases, c.desktop, c.device_seq, c.row_id) in server[c.table], \
                    f"created {c} is not on the server"
        _check_cases(server, replicas)

    def _now_id(self, aliases: dict[str, str], desktop: int, device_seq: int, row_id: str) -> str:
        """The row an outbox entry's row became: the server's alias of a duplicate it merged, else the id the
        entry names now (a desktop renames its row and entries when its refused row becomes a pulled one)."""
        return aliases.get(row_id) or self.now_ids.get((desktop, device_seq), row_id)

    def _check_edits(self, server: dict[str, dict[str, dict[str, Any]]], rejected: set[tuple[int, int]]) -> None:
        """Every field edit is final, logged as the losing value, edited over knowingly, or rejected."""
        aliases = self.server.aliases()
        lost = self.server.lost_values()
        live = [e for e in self.edits if (e.desktop, e.device_seq) not in rejected]
        for e in live:
            if (e.table, e.field) in EDITED_BY_SERVER:
                continue
            row_id = self._now_id(aliases, e.desktop, e.device_seq, e.row_id)
            row = server[e.table].get(row_id)
            assert row is not None, f"edited row is not on the server: {e}"
            if _key(row[e.field]) == _key(e.value) or (e.table, row_id, e.field, _key(e.value)) in lost:
                continue
            later = [o for o in live if o.table == e.table and o.field == e.field and o.base >= e.hlc and o is not e
                     and self._now_id(aliases, o.desktop, o.device_seq, o.row_id) == row_id]
            assert later, f"edit lost without a trace: {e}; server has {row[e.field]!r}"


@dataclass
class Replica:
    """What a desktop holds after quiescence (rows kept beside a refused insert left out) and what it reads."""

    label: str
    buckets: set[str]
    rows: dict[str, dict[str, dict[str, Any]]]


def _check_rows(server: dict[str, dict[str, dict[str, Any]]], replica: Replica) -> None:
    """The desktop holds exactly the server's rows of its scope, field by field, and nothing else."""
    for table, rows in server.items():
        want = {i: r for i, r in rows.items() if bucket_of(table, r) in replica.buckets}
        have = replica.rows[table]
        missing, extra = sorted(want.keys() - have.keys()), sorted(have.keys() - want.keys())
        assert not missing and not extra, (
            f"{replica.label} {table}: missing {missing[:3]}, outside its scope or unknown to the server "
            f"{[(i, have[i].get('grid_id')) for i in extra[:3]]}")
        for row_id, row in want.items():
            differ = {k: (have[row_id].get(k), v) for k, v in row.items() if have[row_id].get(k) != v}
            assert not differ, f"{replica.label} {table} {row_id}: (desktop, server) {differ}"


def _check_cases(server: dict[str, dict[str, dict[str, Any]]], replicas: list[Replica]) -> None:
    """Every case's state is the fold of its events; every desktop holds the server's events of its scope."""
    events: dict[str, list[wf.Event]] = {}
    for r in server["case_events"].values():
        if not r["deleted"]:
            events.setdefault(r["case_id"], []).append(wf.Event(
                r["id"], r["action"], datetime.fromisoformat(r["at"]), r["actor_name"], r["actor_role"],
                r["from_state"], r["to_state"], r["note"], r["data"], r["hlc"]))
    for case_id, case in server["cases"].items():
        assert case["state"] == wf.fold(events.get(case_id, [])).state, f"case {case_id}: state is not its fold"
    for replica in replicas:
        mine = {(r["case_id"], i) for i, r in replica.rows["case_events"].items()}
        theirs = {(r["case_id"], i) for i, r in server["case_events"].items() if r["grid_id"] in replica.buckets}
        assert mine == theirs, f"{replica.label}: case events differ: {sorted(mine ^ theirs)[:3]}"


SKEWS: dict[str, int] = {}
"""Clock offset (ms) per device node, read by every clock the desktops' writes and syncs create."""


def _skewed(node: str, last: str | None = None, now_ms: Callable[[], int] | None = None) -> HybridClock:
    return HybridClock(node, last, now_ms or (lambda: _now_ms() + SKEWS.get(node, 0)))


# --- the test ------------------------------------------------------------------------------------

@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "server.sqlite")
    return str(request.getfixturevalue("pg_server_url"))


def test_desktops_converge_after_quiescence(server_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Logins are many here: a cheap password hash keeps them from dominating (argon2's cost is not under test).
    monkeypatch.setattr(server_store, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    monkeypatch.setattr("app.store.writes.HybridClock", _skewed)
    monkeypatch.setattr("sync.client.HybridClock", _skewed)
    server = ServerUnderTest(open_server_db(server_url))
    try:
        monkeypatch.setattr(SyncMachine, "server", server, raising=False)
        monkeypatch.setattr(SyncMachine, "workdir", tmp_path, raising=False)
        monkeypatch.setattr(SyncMachine, "templates", _seeded(server, tmp_path), raising=False)
        run_state_machine_as_test(SyncMachine, settings=settings(
            max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None, database=None,
            suppress_health_check=[HealthCheck.too_slow]))
    finally:
        server.close()
