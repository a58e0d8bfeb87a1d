"""Office-style xlsx rosters: 人口信息台账, 住户台账, 楼栋台账 as a community office would make them.

Title row centred across the table, a fill-in row (导出单位/日期), a styled header frozen under it, column
widths, ID numbers, phones and rooms as text (never a number that loses digits), dates as dates, a 合计
row and a 制表人 footer. The people roster carries 户号 and the place columns, so importing it back
recognises every column and changes nothing (a house holding two households stays two households).
openpyxl's write-only mode streams the rows: a 100,000-person roster never sits in memory as cells.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.codes import without_controls
from app.domain.ids import mask_id, mask_phone

TITLE_FONT = Font(name="宋体", size=16, bold=True)
HEADER_FONT = Font(name="宋体", size=11, bold=True)
BODY_FONT = Font(name="宋体", size=11)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

Column = tuple[str, str, int]  # (key, header, width)

PEOPLE: tuple[Column, ...] = (
    ("seq", "序号", 6), ("community", "社区", 12), ("grid", "网格", 10), ("estate", "小区", 12),
    ("building", "楼栋", 8), ("unit", "单元", 7), ("room", "房号", 7), ("household_no", "户号", 7),
    ("name", "姓名", 10), ("relation", "与户主关系", 10), ("gender", "性别", 6), ("birth_date", "出生日期", 12),
    ("ethnicity", "民族", 8), ("id_number", "身份证号", 21), ("phone", "联系电话", 14),
    ("political_status", "政治面貌", 10), ("tags", "特殊人群", 20),
)
HOUSEHOLDS: tuple[Column, ...] = (
    ("seq", "序号", 6), ("community", "社区", 12), ("grid", "网格", 10), ("estate", "小区", 12),
    ("building", "楼栋", 8), ("unit", "单元", 7), ("room", "房号", 7), ("head_name", "户主姓名", 10),
    ("head_id_number", "户主身份证号", 21), ("head_phone", "联系电话", 14), ("members", "人数", 6),
    ("use", "房屋用途", 9), ("registration", "户别", 9),
)
BUILDINGS: tuple[Column, ...] = (
    ("seq", "序号", 6), ("community", "社区", 12), ("grid", "网格", 10), ("estate", "小区", 12),
    ("building", "楼栋", 8), ("building_type", "类型", 10), ("floors", "层数", 6), ("units", "单元数", 7),
    ("houses", "房屋数", 7), ("households", "户数", 7), ("people", "人数", 7), ("head_name", "楼长", 10),
    ("head_phone", "楼长电话", 14),
)
TEXT_KEYS = frozenset({"id_number", "head_id_number", "phone", "head_phone", "room"})


def _cell(ws: WriteOnlyWorksheet, value: Any, *, font: Font = BODY_FONT, fill: PatternFill | None = None,
          alignment: Alignment | None = None, border: Border | None = BORDER, number_format: str | None = None
          ) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=without_controls(value))  # text saved before the import dropped them
    cell.font = font
    if fill:
        cell.fill = fill
    if alignment:
        cell.alignment = alignment
    if border:
        cell.border = border
    if number_format:
        cell.number_format = number_format
    return cell


def _value(key: str, record: dict[str, Any], mask: bool) -> tuple[Any, str | None]:
    value = record.get(key)
    if key == "tags":
        return "、".join(value or []), None
    if key in TEXT_KEYS:
        if value is not None and mask:
            value = mask_phone(value) if "phone" in key else mask_id(value) if "id_number" in key else value
        return (str(value) if value is not None else None), "@"
    if isinstance(value, date):
        return value, "yyyy-mm-dd"
    return value, None


@contextmanager
def saved_if_stopped(wb: Workbook, out: Path) -> Iterator[None]:
    """Rows streamed into a write-only workbook: when the block stops half-way (cancelled), the workbook is
    saved all the same, which ends openpyxl's row stream and removes the temporary file it streams the rows
    to (personal data); the caller throws the half-written ``out`` away."""
    try:
        yield
    except BaseException:
        wb.save(out)
        raise


def _print_setup(ws: WriteOnlyWorksheet) -> None:
    """Printed as an office prints a roster: A4 landscape, every column on the page, the header row
    repeated on every page, 第 N 页 共 M 页 in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.print_title_rows = "3:3"
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"


def write_roster(out: Path, title: str, columns: tuple[Column, ...], records: Iterable[dict[str, Any]], *,
                 user_name: str, total: Callable[[int], str], mask: bool = False, sheet: str = "Sheet1",
                 unit: str = "") -> int:
    """Write one roster; returns the number of data rows. ``unit``: the 导出单位 (the community)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    ws.freeze_panes = "A4"
    _print_setup(ws)
    for index, (_key, _header, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    across = Alignment(horizontal="centerContinuous", vertical="center")
    ws.row_dimensions[1].height = 30
    ws.append([_cell(ws, title if i == 0 else None, font=TITLE_FONT, alignment=across, border=None)
               for i in range(len(columns))])
    fill_in = f"导出单位：{unit or '多个社区'}　　导出日期：{date.today().isoformat()}　　导出人：{user_name}"
    ws.append([_cell(ws, fill_in, border=None)])
    ws.append([_cell(ws, header, font=HEADER_FONT, fill=HEADER_FILL, alignment=CENTER)
               for _key, header, _width in columns])
    count = 0
    with saved_if_stopped(wb, out):
        for record in records:
            count += 1
            row = []
            for key, _header, _width in columns:
                value, number_format = (count, None) if key == "seq" else _value(key, record, mask)
                row.append(_cell(ws, value, number_format=number_format))
            ws.append(row)
    ws.append([_cell(ws, total(count))])
    ws.append([])
    ws.append([_cell(ws, f"制表人：{user_name}", border=None), *([None] * 6),
               _cell(ws, "审核人：", border=None)])
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return count


def numbered_households(records: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """People rows with 户号 1, 2, 3 … per household in the order they come (stable within one file)."""
    numbers: dict[str, int] = {}
    for record in records:
        household = record.get("household_id")
        if household is not None and household not in numbers:
            numbers[household] = len(numbers) + 1
        yield {**record, "household_no": numbers.get(household) if household else None}
