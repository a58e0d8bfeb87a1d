"""What an import tells the user: the JSON summary (DESIGN section 4) and the error workbook.

The error workbook holds, per source sheet, the header and every rejected row as it was read (merged
and head-only address cells filled in, so each row stands on its own), the original row number and a
highlighted 错误原因 column; the offending cell is highlighted too. The extra columns are unknown to the
importer, so the fixed workbook can be imported again as it is.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.domain.codes import without_controls
from app.services.importing.fields import DISPUTES, HOUSES, PEOPLE, SPECIAL
from app.services.importing.layout import SheetLayout
from app.services.importing.merge import ENTITIES, MergeResult
from app.services.importing.normalise import ADDRESS_FIELDS, Problem
from app.services.importing.pipeline import FileResult, ParsedBatch

REASON_FILL = PatternFill("solid", fgColor="FFC7CE")
CELL_FILL = PatternFill("solid", fgColor="FFEB9C")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_ENTITY_OF_KIND = {PEOPLE: "people", SPECIAL: "people", DISPUTES: "disputes", HOUSES: "houses"}


def _kinds(batch: ParsedBatch) -> dict[tuple[str, str | None], str | None]:
    return {(f.name, lay.name): lay.kind for f in batch.files for lay in f.layouts}


def summary(batch: ParsedBatch, batch_id: str | None, result: MergeResult | None, *, dry_run: bool
            ) -> dict[str, Any]:
    """The ``import --json`` document."""
    counts = {name: dict(result.counts[name]) if result else {"created": 0, "updated": 0, "unchanged": 0}
              for name in ENTITIES}
    for name in counts:
        counts[name]["rejected"] = 0
    kinds = _kinds(batch)
    for problem in batch.rejects:
        entity = _ENTITY_OF_KIND.get(kinds.get((problem.source.file, problem.source.sheet)) or "", "people")
        counts[entity]["rejected"] += 1
    return {
        "batch": batch_id, "dry_run": dry_run,
        "files": [{"file": f.name, "sha256": f.book.sha256, "sheets": f.sheets_json()} for f in batch.files],
        "counts": counts,
        "duplicates_merged": len(batch.duplicates_merged),
        "rejects": [p.as_json() for p in batch.rejects],
        "warnings": [p.as_json() for p in batch.warnings],
    }


ENTITY_TITLES = {"people": "人员", "households": "户", "houses": "房屋", "tags": "标签", "disputes": "纠纷"}


_COUNT_LABELS = (("created", "新增"), ("updated", "更新"), ("unchanged", "未变"), ("rejected", "拒绝"))


def count_phrase(counts: dict[str, int] | None, *, brief: bool = False) -> str:
    """"新增 3，更新 1，未变 0，拒绝 2" for one entity; ``brief``: only the changes and rejects there were."""
    c = counts or {}
    if brief:
        return "，".join(f"{label} {c[key]}" for key, label in _COUNT_LABELS
                        if key != "unchanged" and c.get(key)) or "—"
    return "，".join(f"{label} {c.get(key, 0)}" for key, label in _COUNT_LABELS)


def count_lines(document: dict[str, Any]) -> list[str]:
    """"人员：新增 …" for every entity the batch touched."""
    return [f"{title}：{count_phrase(document['counts'][name])}" for name, title in ENTITY_TITLES.items()
            if any(document["counts"][name].values())]


def summary_text(document: dict[str, Any]) -> str:
    """The same summary for a person reading a terminal."""
    lines = [("试导入（未写入数据库）" if document["dry_run"] else f"导入批次 {document['batch']}") + "："]
    lines += [f"  {line}" for line in count_lines(document)]
    for problem in document["rejects"][:20]:
        where = f"{problem['file']} {problem['sheet'] or ''} 第 {problem['row']} 行".replace("  ", " ")
        lines.append(f"  拒绝 {where}（{problem['column'] or '-'}列）：{problem['message']}")
    if len(document["rejects"]) > 20:
        lines.append(f"  …… 共 {len(document['rejects'])} 行被拒绝，请用 --errors 导出错误表查看全部")
    if document["warnings"]:
        lines.append(f"  另有 {len(document['warnings'])} 条需核对的提示（--json 可查看全部）")
    return "\n".join(lines)


# --- error workbook -----------------------------------------------------------------------------

def _header_text(layout: SheetLayout, index: int) -> str:
    for column in layout.columns:
        if column.index == index:
            return column.header[1] if isinstance(column.header, tuple) else column.header
    return ""


def _write_sheet(wb: Workbook, title: str, file: FileResult, layout: SheetLayout, problems: list[Problem]) -> None:
    ws = wb.create_sheet(title)
    width = max((len(r) for r in layout.sheet.rows), default=0)
    headers = [without_controls(_header_text(layout, c)) for c in range(width)] + ["原文件", "原行号", "错误原因"]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.cell(1, width + 3).fill = REASON_FILL
    address_columns = {c for name, cols in layout.field_columns().items() if name in ADDRESS_FIELDS for c in cols}
    address_from = layout.address_sources(ADDRESS_FIELDS)
    index_of_row = {layout.sheet.row_number(i): i for i in range(len(layout.sheet.rows))}
    letters = {get_column_letter(c + 1): c for c in range(width)}
    by_row: dict[int, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_row[problem.source.row].append(problem)
    for number, row_problems in sorted(by_row.items()):
        index = index_of_row.get(number)
        if index is None:
            continue
        values = []
        for c in range(width):
            source_row = address_from.get(index, index) if c in address_columns else index
            values.append(without_controls(layout.value(source_row, c)))
        reason = without_controls("；".join(f"[{p.reason}] {p.message}" for p in row_problems))
        ws.append([*values, file.name, number, reason])
        out_row = ws.max_row
        for c, value in enumerate(values, start=1):
            cell = ws.cell(out_row, c)
            if isinstance(value, str) and value.isdigit() and len(value) >= 11:
                cell.number_format = "@"
            elif isinstance(value, datetime | date):
                cell.number_format = "yyyy-mm-dd"
        reason_cell = ws.cell(out_row, width + 3)
        reason_cell.fill = REASON_FILL
        reason_cell.alignment = Alignment(wrap_text=True, vertical="top")
        for problem in row_problems:
            if problem.column in letters:
                ws.cell(out_row, letters[problem.column] + 1).fill = CELL_FILL
    ws.freeze_panes = "A2"
    for c in range(1, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 20 if headers[c - 1] in ("身份证号", "证件号码") else 12
    ws.column_dimensions[get_column_letter(width + 1)].width = 18
    ws.column_dimensions[get_column_letter(width + 3)].width = 60


def write_error_workbook(batch: ParsedBatch, out: Path) -> int:
    """Write the rejected rows; returns how many. A batch without rejects gives a workbook that says so."""
    wb = Workbook()
    wb.remove(wb.active)
    grouped: dict[tuple[str, str | None], list[Problem]] = defaultdict(list)
    for problem in batch.rejects:
        grouped[(problem.source.file, problem.source.sheet)].append(problem)
    used: set[str] = set()
    for file in batch.files:
        for layout in file.layouts:
            problems = grouped.get((file.name, layout.name))
            if not problems:
                continue
            base = (layout.name or Path(file.name).stem)[:28]
            title, n = base, 2
            while title in used:
                title, n = f"{base[:26]}-{n}", n + 1
            used.add(title)
            _write_sheet(wb, title, file, layout, problems)
    if not used:
        ws = wb.create_sheet("没有错误")
        ws.append(["本次导入没有被拒绝的行。"])
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return len(batch.rejects)
