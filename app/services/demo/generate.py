"""The entry point, ``generate_demo``: refuses a database that already holds people, adds the default
tags the dictionary lacks, writes the organisation plan and then each community's rows.

Rows go through the one write path (:func:`app.store.writes.writing`, ``bulk_insert``) in a single
transaction, one community at a time: a cancelled or failed run leaves the database as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from app.domain.tags import missing_defaults
from app.services.demo.chunk import WRITE_ORDER
from app.services.demo.community import community_rows
from app.services.demo.draws import Keys
from app.services.demo.plan import Generator
from app.store import queries
from app.store.db import Database
from app.store.models import OrgNode, SyncedRow, TagType
from app.store.writes import Writer, writing

REFERENCE_DATE = date(2026, 11, 1)
"""The demo's "today": ages, visit schedules and case deadlines are relative to it."""

MAX_HOUSEHOLDS = 2_000_000

Progress = Callable[[str, float], None]


class DemoError(Exception):
    """The demo cannot be generated here; the message (Chinese) tells the user what to do."""


class DemoCancelled(Exception):
    """The user cancelled; nothing was written."""


@dataclass
class DemoSummary:
    seed: int
    counts: dict[str, int]
    """Rows inserted per table name (org_nodes, estates, …, mediation_sessions)."""
    seconds: float
    today: date = REFERENCE_DATE

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    @property
    def households(self) -> int:
        return self.counts.get("households", 0)

    @property
    def people(self) -> int:
        return self.counts.get("people", 0)


def _tag_types(w: Writer, keys: Keys) -> tuple[list[dict[str, Any]], dict[str, tuple[str, int | None]]]:
    """The default tags the dictionary lacks (rows to insert), and the whole dictionary afterwards
    (name -> id, visit days): entries a user already has are kept as they are."""
    existing = queries.tag_dictionary(w.session.connection())
    codes = {code for _id, code, _name, _days in existing}
    names = {name for _id, _code, name, _days in existing}
    rows: list[dict[str, Any]] = [
        {"id": keys(), "grid_id": None, "code": t.code, "name": t.name, "category": t.category,
         "visit_every_days": t.visit_every_days, "sort_order": i} for i, t in missing_defaults(names, codes)]
    table = {name: (tid, days) for tid, _code, name, days in existing}
    table.update({r["name"]: (r["id"], r["visit_every_days"]) for r in rows})
    return rows, table


def generate_demo(db: Database, *, seed: int = 1, households: int = 2000, today: date = REFERENCE_DATE,
                  progress: Progress | None = None, cancel: Callable[[], bool] | None = None) -> DemoSummary:
    """Fill an empty database with a fictional community (or district) of ``households`` households.

    Raises :class:`DemoError` when the database already holds people and :class:`DemoCancelled`
    when ``cancel()`` turns true; either way nothing is written (one transaction).
    """
    if not isinstance(households, int) or not 1 <= households <= MAX_HOUSEHOLDS:
        raise DemoError(f"户数应在 1 到 {MAX_HOUSEHOLDS:,} 之间，请重新输入。")
    started = time.perf_counter()
    report = progress or (lambda _message, _fraction: None)
    stop = cancel or (lambda: False)
    counts: dict[str, int] = {}
    keys = Keys(seed, datetime.combine(today, datetime.min.time()) - timedelta(days=7))

    def insert(w: Writer, model: type[SyncedRow], rows: list[dict[str, Any]]) -> None:
        if rows:
            w.bulk_insert(model, rows)
            name = model.__tablename__  # type: ignore[attr-defined]
            counts[name] = counts.get(name, 0) + len(rows)

    report("正在检查数据库…", 0.0)
    with writing(db) as w:
        if queries.has_people(w.session.connection()):
            raise DemoError("数据库中已有人员数据，演示数据只能生成到空数据库中。"
                            "请新建一个数据库文件后再生成演示数据。")
        tag_rows, tag_types = _tag_types(w, keys)
        insert(w, TagType, tag_rows)
        gen = Generator(seed, households, today, tag_types, keys)
        org_rows, communities = gen.plan()
        insert(w, OrgNode, org_rows)
        done = 0
        for comm in communities:
            if stop():
                raise DemoCancelled("已取消生成演示数据，数据库未作改动。")
            report(f"正在生成{comm.subdistrict}{comm.name}（{comm.index + 1}/{len(communities)}）…",
                   0.9 * done / households)
            rows = community_rows(gen, comm)
            for model in WRITE_ORDER:
                insert(w, model, rows[model])
            done += comm.households
        if stop():
            raise DemoCancelled("已取消生成演示数据，数据库未作改动。")
        report("正在建立搜索索引…", 0.9)
    report("演示数据已生成", 1.0)
    return DemoSummary(seed=seed, counts=counts, seconds=time.perf_counter() - started, today=today)
