"""Batch printing for a whole grid: one PDF per building (volume or 楼栋台账) or one per household.

Meant to run in the background: ``progress(message, fraction)`` is called as work goes on and
``cancel()`` is polled between files and between households; a cancelled batch keeps the files it
finished, removes the one it was writing, and still leaves one audit entry saying what was written.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from app.domain.roles import UserProfile
from app.services.reports.access import Masking, ReportError, check_scope
from app.services.reports.building import render_building
from app.services.reports.fonts import GlyphCheck
from app.services.reports.household import write_household_pdf
from app.services.reports.layout import PageInfo, ReportCancelled
from app.services.reports.output import Cancel, Progress, ReportResult, record_output
from app.services.reports.records import load_household_files
from app.store import report_queries as rq
from app.store.db import Database

PER = ("building", "household")
CHUNK = 50
"""Households loaded per round in per-household mode (a handful of queries each)."""

_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f\x7f]+')
_PART_CHARS = 16
"""Characters kept of each part of a name: four parts stay within the 255 bytes a file name may have here
(three per Chinese character), and a whole path within Windows' 260 characters."""


def safe_name(*parts: str) -> str:
    """A file name that Windows and every other system accept: "嘉禾嘉园-3号楼-2单元-501"; a very long part is
    cut short (a building named by a pasted paragraph made a grid's whole batch fail)."""
    return "-".join(_UNSAFE.sub("_", p).strip("._")[:_PART_CHARS] for p in parts if p) or "未命名"


def _unique(stem: str, taken: set[str], key: str) -> str:
    """``stem``, or with the end of ``key`` (a row id) when an earlier file of the batch has that name: two
    households in one flat, two buildings whose names differ only after what safe_name keeps."""
    if stem in taken:
        stem = f"{stem}-{key[-6:]}"
    taken.add(stem)
    return stem


def resolve_grid(db: Database, key: str) -> tuple[str, str]:
    with db.engine.connect() as conn:
        grid = rq.grid_by_key(conn, key)
    if grid is None:
        raise ReportError(f"找不到网格“{key}”。请使用网格名称（如 第一网格）、网格编码或编号。")
    return grid


def render_grid(db: Database, grid_key: str, out_dir: Path, *, user: UserProfile, per: str = "building",
                table: bool = False, reveal: bool = False, on: date | None = None,
                progress: Progress | None = None, cancel: Cancel | None = None) -> ReportResult:
    """Write a grid's printouts into ``out_dir``; returns the batch (``files``, ``cancelled``)."""
    if per not in PER:
        raise ReportError(f"批量打印方式只能是 {'、'.join(PER)}")
    masking = Masking.for_user(user, reveal)
    grid_id, grid_name = resolve_grid(db, grid_key)
    check_scope(user, grid_id, f"网格“{grid_name}”")
    out_dir = Path(out_dir)
    result = ReportResult("grid", grid_name, out_dir, revealed=masking.reveal)
    report = progress or (lambda _message, _fraction: None)
    try:
        if per == "building":
            _per_building(db, grid_id, out_dir, user, table, reveal, on, report, cancel, result)
        else:
            _per_household(db, grid_id, out_dir, user, masking, on or date.today(), report, cancel, result)
    except ReportCancelled:
        result.cancelled = True
    record_output(db, user, result)
    if not result.cancelled:
        report(f"已完成：{len(result.files)} 个文件", 1.0)
    return result


def _per_building(db: Database, grid_id: str, out_dir: Path, user: UserProfile, table: bool, reveal: bool,
                  on: date | None, report: Progress, cancel: Cancel | None, result: ReportResult) -> None:
    with db.engine.connect() as conn:
        building_ids = rq.grid_building_ids(conn, grid_id)
    total = len(building_ids)
    taken: set[str] = set()
    for index, building_id in enumerate(building_ids):
        if cancel and cancel():
            raise ReportCancelled("已取消打印。")
        with db.engine.connect() as conn:
            b = rq.building(conn, building_id)
        if b is None:  # removed meanwhile (a sync ran)
            continue
        out = out_dir / (_unique(safe_name(b.estate, b.name, "楼栋台账" if table else "一户一档"), taken, building_id)
                         + ".pdf")

        def inner(message: str, fraction: float, index: int = index, name: str = f"{b.estate}{b.name}") -> None:
            report(f"{name}（{index + 1}/{total}）：{message}", (index + fraction) / max(total, 1))

        one = render_building(db, building_id, out, user=user, table=table, reveal=reveal, on=on,
                              progress=inner, cancel=cancel, audit=False)
        _add(result, one)


def _per_household(db: Database, grid_id: str, out_dir: Path, user: UserProfile, masking: Masking, on: date,
                   report: Progress, cancel: Cancel | None, result: ReportResult) -> None:
    with db.engine.connect() as conn:
        household_ids = rq.grid_household_ids(conn, grid_id)
    total = len(household_ids)
    info = PageInfo.for_print(user.name, masking.reveal)
    taken: set[str] = set()
    done = 0
    for start in range(0, total, CHUNK):
        check = GlyphCheck()
        with db.engine.connect() as conn:
            files = load_household_files(conn, household_ids[start:start + CHUNK], on=on, masking=masking,
                                         check=check)
        for f in files:
            if cancel and cancel():
                raise ReportCancelled("已取消打印。")
            out = out_dir / f"{_unique(safe_name(f.estate, f.building, f.unit, f.room), taken, f.id)}.pdf"
            pages = write_household_pdf(f, out, info)
            _add(result, ReportResult("household", f.address, out, pages=pages, households=1, people=f.people))
            done += 1
            report(f"{f.address}（{done}/{total}）", done / max(total, 1))
        result.unprintable += check.found


def _add(batch: ReportResult, one: ReportResult) -> None:
    batch.files.append(one.path)
    batch.pages += one.pages
    batch.households += one.households
    batch.people += one.people
    batch.unprintable += one.unprintable
