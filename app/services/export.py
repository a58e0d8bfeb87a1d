"""Export people to xlsx, csv or jsonl with the field names of DESIGN section 4.

An export is a data file meant to be imported again elsewhere, so ID numbers and phones are written in
full unless masking is asked for; every export is written to the audit log (who, what, how many).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.domain.codes import without_controls
from app.domain.ids import mask_id, mask_phone
from app.services import rosters
from app.store import audit, queries
from app.store import rosters as roster_queries
from app.store.db import Database
from app.store.places import communities as community_rows

Progress = Callable[[str, float], None]
FORMATS = (".xlsx", ".csv", ".jsonl")
TEXT_COLUMNS = frozenset({"id_number", "phone", "room"})
WIDTHS = {"id_number": 22, "name": 10, "birth_date": 12, "phone": 14, "tags": 24, "community": 14,
          "grid": 10, "estate": 12}


class ExportError(Exception):
    """An export that cannot be written; the message is for the user."""


class ExportCancelled(Exception):
    """The user cancelled an export; nothing was written."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    people: int


def _masked(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for row in rows:
        yield {**row, "id_number": mask_id(row["id_number"]), "phone": mask_phone(row["phone"])}


def _cell_value(key: str, value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if key == "tags":
        return without_controls("、".join(value))
    return without_controls(value)  # text saved before the import dropped control characters


def _write_xlsx(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("人口信息")
    ws.freeze_panes = "A2"
    for index, key in enumerate(queries.EXPORT_COLUMNS):
        ws.column_dimensions[get_column_letter(index + 1)].width = WIDTHS.get(key, 8)
    header = []
    for key in queries.EXPORT_COLUMNS:
        cell = WriteOnlyCell(ws, value=key)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center")
        header.append(cell)
    ws.append(header)
    count = 0
    with rosters.saved_if_stopped(wb, path):
        for row in rows:
            out = []
            for key in queries.EXPORT_COLUMNS:
                value = _cell_value(key, row[key])
                if key in TEXT_COLUMNS and value is not None:
                    cell = WriteOnlyCell(ws, value=str(value))
                    cell.number_format = "@"  # an 18-digit ID must stay text, never a float
                    value = cell
                out.append(value)
            ws.append(out)
            count += 1
    wb.save(path)
    return count


def _write_csv(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel opens it as UTF-8
        writer = csv.writer(fh)
        writer.writerow(queries.EXPORT_COLUMNS)
        for row in rows:
            writer.writerow([_cell_value(k, row[k]) for k in queries.EXPORT_COLUMNS])
            count += 1
    return count


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            record = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


WRITERS = {".xlsx": _write_xlsx, ".csv": _write_csv, ".jsonl": _write_jsonl}
ROSTERS = ("people", "households", "buildings")
ROSTER_TITLES = {"people": "人口信息台账", "households": "住户台账", "buildings": "楼栋台账"}
ROSTER_UNITS = {"people": "人", "households": "户", "buildings": "栋"}  # what one row of a roster is


def _watched(records: Iterable[dict[str, Any]], total: int, stage: str, progress: Progress | None,
             cancelled: Callable[[], bool] | None) -> Iterator[dict[str, Any]]:
    """``records`` passed through, reporting progress and stopping with ExportCancelled when asked to."""
    for n, record in enumerate(records, start=1):
        if n % 500 == 0:
            if cancelled is not None and cancelled():
                raise ExportCancelled
            if progress is not None:
                progress(stage, min(n / total, 1.0) if total else 0.0)
        yield record
    if progress is not None:
        progress(stage, 1.0)


@contextmanager
def _replacing(out: Path) -> Iterator[Path]:
    """A scratch file beside ``out`` that takes its place only once it is complete: a cancelled or failed
    export never leaves half a workbook behind, nor destroys the file it was to replace."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        scratch = out.with_name(f"~{out.stem}.part{out.suffix}")
        try:
            yield scratch
            os.replace(scratch, out)
        finally:
            scratch.unlink(missing_ok=True)
    except OSError as exc:
        raise ExportError(f"无法写入文件 {out}：{exc.strerror or exc}（文件是否正在 Excel/WPS 中打开？）") from exc


def export_people(db: Database, out: Path, *, user_name: str, tag: str | None = None,
                  grid: str | None = None, mask: bool = False, person_ids: Sequence[str] | None = None,
                  progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> ExportResult:
    """Write people to ``out``; ``person_ids`` limits it to a list (a filtered list on screen, in its order)."""
    suffix = out.suffix.lower()
    if suffix not in WRITERS:
        raise ExportError(f"不支持的导出格式：{out.name}（可用 {'、'.join(FORMATS)}）")
    with _replacing(out) as scratch, db.engine.connect() as conn:
        total = len(person_ids) if person_ids is not None else roster_queries.people_count(conn, tag=tag, grid=grid)
        rows: Iterable[dict[str, Any]] = queries.iter_people_for_export(conn, tag=tag, grid=grid,
                                                                        person_ids=person_ids)
        if mask:
            rows = _masked(rows)
        count = WRITERS[suffix](scratch, _watched(rows, total, "正在导出居民…", progress, cancelled))
    audit.record(db, user_name, "export_people", str(out), count,
                 {"tag": tag, "grid": grid, "masked": mask, "format": suffix, "listed": person_ids is not None})
    return ExportResult(out, count)


# --- office-style rosters (importing area, issue 3) ---------------------------------------------


def _community_title(names: set[str]) -> str:
    return next(iter(names)) if len(names) == 1 else ""


def export_roster(db: Database, what: str, out: Path, *, user_name: str, tag: str | None = None,
                  grid: str | None = None, scope: Collection[str] | None = None, mask: bool = False,
                  progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> ExportResult:
    """An xlsx roster as an office makes it (rosters.py): 人口信息台账 (importable back unchanged),
    住户台账 or 楼栋台账 of the grids in ``scope`` (None: all). ``people`` in the result counts the rows
    written. Raises ExportCancelled when ``cancelled()`` turns true; ``out`` is then left as it was."""
    if out.suffix.lower() != ".xlsx":
        raise ExportError(f"台账只能导出为 .xlsx：{out.name}")
    if what not in ROSTERS:
        raise ExportError(f"未知的台账：{what}（可用 {'、'.join(ROSTERS)}）")
    if tag and what != "people":
        raise ExportError(f"按特殊人群筛选只适用于人口信息台账，{ROSTER_TITLES[what]}不能按标签导出")
    stage = f"正在导出{ROSTER_TITLES[what]}…"
    with _replacing(out) as scratch, db.engine.connect() as conn:
        if what == "people":
            total = roster_queries.people_count(conn, tag=tag, grid=grid, scope=scope)
            community = _community_title({name for _id, name in community_rows(conn)})
            records = roster_queries.people(conn, tag=tag, grid=grid, scope=scope)
            count = rosters.write_roster(
                scratch, f"{community}{ROSTER_TITLES[what]}", rosters.PEOPLE,
                _watched(rosters.numbered_households(records), total, stage, progress, cancelled),
                user_name=user_name, mask=mask, total=lambda n: f"合计：{n}人", sheet="人口信息", unit=community)
        else:
            rows = (roster_queries.households if what == "households" else roster_queries.buildings)(
                conn, grid=grid, scope=scope)
            community = _community_title({r["community"] for r in rows if r["community"]})
            columns, sheet, total = ((rosters.HOUSEHOLDS, "住户",
                                      lambda n: f"合计：{n}户{sum(r['members'] for r in rows)}人")
                                     if what == "households" else (rosters.BUILDINGS, "楼栋", lambda n: f"合计：{n}栋"))
            count = rosters.write_roster(scratch, f"{community}{ROSTER_TITLES[what]}", columns,
                                         _watched(rows, len(rows), stage, progress, cancelled),
                                         user_name=user_name, mask=mask, total=total, sheet=sheet, unit=community)
    audit.record(db, user_name, f"export_{what}_roster", str(out), count if what == "people" else None,
                 {"tag": tag, "grid": grid, "masked": mask, "rows": count,
                  "scope": sorted(scope) if scope is not None else None})
    return ExportResult(out, count)
