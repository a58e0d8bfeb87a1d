"""Layout recognition: which sheets hold records, where the header is, what every row is (RULES.md R1-R5).

No fixed template: the header row is the row whose cells name the most known fields (fields.py); a
two-row header is recognised by the group cells merged across columns above (or below) it. Rows are
classified as title / fill_info / header / blank / subtotal / footer / note / section / data; merged
cells are filled down so every covered row takes the top-left value, and the context a sheet gives
(community, grid and estate named in its title rows, a building named by the sheet) is collected for
the normaliser.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from app.domain.addresses import building_number, normalise_building, normalise_estate
from app.services.importing.fields import (
    DISTINCTIVE,
    KINDS,
    NOT_IMPORTED,
    REQUIRED,
    match_field,
)
from app.services.importing.readers import RawSheet

HEADER_SCAN_ROWS = 30
MIN_HEADER_FIELDS = 2

_FOOTER = re.compile(r"^(填表人|填报人|审核人|制表人|统计人|负责人签字)")
_NOTE = re.compile(r"^(注[:：]|注\d|说明[:：]|填写注意事项|填表说明)")
_SUBTOTAL_START = re.compile(r"^(合计|总计)")
_FILL_INFO = re.compile(r"填报单位|填报日期|填报时间|统计时段|更新时间|填表日期|网格员|网格[:：]|单位[:：]|日期[:：]")
_INSTRUCTION = re.compile(r"必填|选填|可选|如[:：]|填写|格式|YYYY|分隔|=是|自动关联|\d=")
_COMMUNITY = re.compile(r"([\u4e00-\u9fff]{2,12}?社区)")
_GRID = re.compile(r"(第[0-9一二三四五六七八九十百零〇]+网格|[\u4e00-\u9fffA-Za-z0-9]{1,8}?网格)(?!员)")
_TITLE_ESTATE = re.compile(
    r"^(?P<estate>[\u4e00-\u9fffA-Za-z0-9]+?)(?:小区)?第?[0-9一二三四五六七八九十]+(?:号楼|栋|幢|#)")
_ADMIN_PREFIX = re.compile(r"^.*?(街道办事处|街道|镇|乡)")
_NOT_PLACES = re.compile(r"[^\s：:]*(?:人|日期|时间|电话)\s*[：:]\s*\S*")  # 导出人：…, 填报日期：…, 联系电话：…

BLANK, TITLE, FILL_INFO, HEADER, SUBTOTAL, FOOTER, NOTE, SECTION, DATA = (
    "blank", "title", "fill_info", "header", "subtotal", "footer", "note", "section", "data")


@dataclass(frozen=True)
class Column:
    index: int
    header: str | tuple[str, str]  # one text, or (group, field) for a two-row header
    field: str | None

    @property
    def letter(self) -> str:
        return get_column_letter(self.index + 1)

    @property
    def imported(self) -> bool:
        return self.field is not None and self.field not in NOT_IMPORTED

    @property
    def header_text(self) -> str:
        return "/".join(self.header) if isinstance(self.header, tuple) else self.header


@dataclass
class SheetContext:
    """What a sheet says about its records outside the columns."""

    community: str | None = None
    grid: str | None = None
    estate: str | None = None  # named in the title rows (sheet per building without a 小区 column)
    building: str | None = None  # from the sheet name ("3号楼")


@dataclass
class SheetLayout:
    sheet: RawSheet
    kind: str | None  # people | special_groups | disputes | houses; None: no records (lookup, empty, hidden)
    role: str  # the kind, or lookup | empty | hidden | unrecognised
    header_rows: list[int] = field(default_factory=list)  # 1-based, as Excel shows them
    columns: list[Column] = field(default_factory=list)
    row_kinds: list[str] = field(default_factory=list)  # per row index
    context: SheetContext = field(default_factory=SheetContext)
    filled: dict[tuple[int, int], Any] = field(default_factory=dict)  # merged cells filled down

    @property
    def name(self) -> str | None:
        return self.sheet.name

    @property
    def data_rows(self) -> list[int]:
        return [i for i, kind in enumerate(self.row_kinds) if kind == DATA]

    def field_columns(self) -> dict[str, list[int]]:
        """Imported field -> its column indexes (a field may have two columns, e.g. 联系电话 and 联系手机)."""
        found: dict[str, list[int]] = {}
        for column in self.columns:
            if column.imported and column.field:
                found.setdefault(column.field, []).append(column.index)
        return found

    def value(self, row: int, col: int) -> Any:
        """A cell with merged cells filled down."""
        if self.filled:
            filled = self.filled.get((row, col))
            if filled is not None:
                return filled
        values = self.sheet.rows[row]
        return values[col] if col < len(values) else ""

    def address_sources(self, address_fields: Iterable[str]) -> dict[int, int]:
        """Data row -> the row its address comes from (itself, or the nearest data row above with one)."""
        columns = [c for name, cols in self.field_columns().items() if name in address_fields for c in cols]
        source: dict[int, int] = {}
        last: int | None = None
        for row, kind in enumerate(self.row_kinds):
            if kind != DATA:
                continue
            if any(str(self.value(row, c)).strip() for c in columns):
                last = row
            source[row] = last if last is not None else row
        return source

    def release_rows(self, keep: Iterable[int]) -> None:
        """Drop the cells of every data row not in ``keep`` (row indexes). Once a sheet is normalised only
        the rejected rows and the rows their address comes from are read again (for the error workbook);
        the rest of a 100,000-row sheet is a few hundred megabytes of Python objects."""
        kept = set(keep)
        rows = self.sheet.rows
        for row, kind in enumerate(self.row_kinds):
            if kind == DATA and row not in kept:
                rows[row] = []

    def skipped(self) -> list[tuple[int, str]]:
        """(row number, kind) of every row that is neither data nor a record."""
        return [(self.sheet.row_number(i), kind) for i, kind in enumerate(self.row_kinds) if kind != DATA]


def text_of(value: Any) -> str:
    """A cell as compact text: NFKC, no whitespace (for classifying rows and headers)."""
    if value is None or value == "":
        return ""
    return "".join(unicodedata.normalize("NFKC", str(value)).split())


def _is_blank(values: Iterable[Any]) -> bool:
    return all(v is None or v == "" or (isinstance(v, str) and not v.strip()) for v in values)


# --- header -------------------------------------------------------------------------------------

def _horizontal_groups(sheet: RawSheet, row: int) -> dict[int, str]:
    """Group cells of a two-row header's upper row: columns covered by a cell merged across several
    columns (but not across the whole table, which is a title) -> the group label."""
    width = max((len(r) for r in sheet.rows[:HEADER_SCAN_ROWS]), default=0)
    groups: dict[int, str] = {}
    for r0, c0, _r1, c1 in sheet.merged:
        if r0 == row and c1 > c0 and not (c0 == 0 and c1 >= width - 1):
            label = sheet.rows[r0][c0] if c0 < len(sheet.rows[r0]) else ""
            for c in range(c0, c1 + 1):
                groups[c] = str(label).strip()
    return groups


def _header_rows(sheet: RawSheet, r: int) -> list[int]:
    """[r] or, when r is one row of a two-row header (group cells over field names), both rows."""
    def under(groups: dict[int, str], lower: int) -> bool:
        values = sheet.rows[lower]
        return any(c < len(values) and str(values[c]).strip() for c in groups)

    above = _horizontal_groups(sheet, r - 1) if r > 0 else {}
    if above and under(above, r):
        return [r - 1, r]
    here = _horizontal_groups(sheet, r)
    if here and r + 1 < len(sheet.rows) and under(here, r + 1):
        return [r, r + 1]
    return [r]


def _score(kind: str, fields: list[str | None]) -> tuple[int, int]:
    found = {f for f in fields if f}
    if not all(req in found for req in REQUIRED[kind]):
        return (0, 0)
    return (len(found & DISTINCTIVE[kind]) * 2 + len(found), len(found))


def _columns(sheet: RawSheet, kind: str, rows: list[int]) -> list[Column]:
    width = max(len(sheet.rows[r]) for r in rows)
    upper = sheet.rows[rows[0]]
    groups = _horizontal_groups(sheet, rows[0]) if len(rows) == 2 else {}
    columns = []
    for c in range(width):
        top = str(upper[c]).strip() if c < len(upper) else ""
        if len(rows) == 2:
            lower_row = sheet.rows[rows[1]]
            lower = str(lower_row[c]).strip() if c < len(lower_row) else ""
            group = groups.get(c, "")
            if lower:
                texts = [group + lower, lower] if group else [lower]
                columns.append(Column(c, (group, lower), match_field(kind, texts)))
                continue
        if top:
            columns.append(Column(c, top, match_field(kind, [top])))
    return columns


def _header_candidates(sheet: RawSheet) -> list[tuple[tuple[int, int], str, list[int]]]:
    found = []
    for r in range(min(len(sheet.rows), HEADER_SCAN_ROWS)):
        if sum(1 for v in sheet.rows[r] if isinstance(v, str) and v.strip()) < MIN_HEADER_FIELDS:
            continue
        rows = _header_rows(sheet, r)
        for kind in KINDS:
            score = _score(kind, [col.field for col in _columns(sheet, kind, rows)])
            if score[1] >= MIN_HEADER_FIELDS and score[0]:
                found.append((score, kind, rows))
    return found


def find_header(sheet: RawSheet) -> tuple[str, list[int], list[Column]] | None:
    """The ledger kind, header row indexes and columns of a sheet; None when no header is found."""
    candidates = _header_candidates(sheet)
    if not candidates:
        return None
    _, kind, rows = max(candidates, key=lambda c: (c[0], -c[2][0]))
    return kind, rows, _columns(sheet, kind, rows)


# --- rows ---------------------------------------------------------------------------------------

def _above_header_kind(values: list[Any]) -> str:
    texts = [text_of(v) for v in values if text_of(v)]
    if not texts:
        return BLANK
    joined = "".join(texts)
    if _NOTE.match(texts[0]) or (len(texts) > 1 and _NOTE.match(texts[1])):
        return NOTE
    if _FILL_INFO.search(joined):
        return FILL_INFO
    return TITLE


def _merged_across(sheet: RawSheet) -> set[tuple[int, int]]:
    return {(r0, c0) for r0, c0, r1, c1 in sheet.merged if c1 > c0}


def _is_instruction(values: list[Any]) -> bool:
    """A row under the header that explains the columns ("必填，18位身份证号", "YYYYMMDD", …)."""
    texts = [v for v in values if isinstance(v, str) and v.strip()]
    if len(texts) < 3 or len(texts) < sum(1 for v in values if v not in ("", None)):
        return False
    return sum(1 for t in texts if _INSTRUCTION.search(t)) * 2 >= len(texts)


def _first_filled(values: list[Any], limit: int) -> list[tuple[int, Any]]:
    """(column, value) of the first ``limit`` cells that hold something (whitespace is nothing): a data row
    is told from a section title by whether it has more than one, so the rest need not be looked at."""
    found: list[tuple[int, Any]] = []
    for c, v in enumerate(values):
        if v != "" and v is not None and (v.__class__ is not str or v.strip()):
            found.append((c, v))
            if len(found) == limit:
                break
    return found


def _is_subtotal(values: list[Any]) -> bool:
    """A 合计/总计/小计 row; one substring test over the row's texts rules out nearly every row at once."""
    if "计" not in "\x1f".join([v for v in values if v.__class__ is str]):
        return False
    return any(isinstance(v, str) and "计" in v and (_SUBTOTAL_START.match(text_of(v)) or "小计" in text_of(v))
               for v in values)


def classify_rows(layout: SheetLayout) -> None:
    sheet = layout.sheet
    header_rows = [r - 1 for r in layout.header_rows]
    first_data = header_rows[-1] + 1
    across = _merged_across(sheet)
    key_columns = {c.index for c in layout.columns if c.field in ("name", "id_number", "d_parties")}
    kinds = []
    for r, values in enumerate(sheet.rows):
        if r in header_rows:
            kinds.append(HEADER)
            continue
        if r < first_data:
            kinds.append(_above_header_kind(values))
            continue
        filled = [layout.value(r, c) for c in range(len(values))] if layout.filled else values
        nonempty = _first_filled(filled, 2)
        if not nonempty:
            kinds.append(BLANK)
            continue
        first = text_of(nonempty[0][1])
        if _FOOTER.match(first):
            kinds.append(FOOTER)
        elif _NOTE.match(first):
            kinds.append(NOTE)
        elif _is_subtotal(filled):
            kinds.append(SUBTOTAL)
        elif len(nonempty) == 1 and ((r, nonempty[0][0]) in across or nonempty[0][0] not in key_columns):
            kinds.append(SECTION)
        elif r - first_data < 2 and _is_instruction(filled):
            kinds.append(NOTE)
        else:
            kinds.append(DATA)
    layout.row_kinds = kinds


def _fill_down(sheet: RawSheet, first_data: int) -> dict[tuple[int, int], Any]:
    """Vertically merged cells in the data area: every covered row takes the top-left value (R5 b)."""
    filled: dict[tuple[int, int], Any] = {}
    for r0, c0, r1, _c1 in sheet.merged:
        if r1 > r0 and r0 >= first_data:
            value = sheet.rows[r0][c0] if c0 < len(sheet.rows[r0]) else ""
            for r in range(r0 + 1, r1 + 1):
                filled[(r, c0)] = value
    return filled


# --- context ------------------------------------------------------------------------------------

def community_in(text: str) -> str | None:
    match = _COMMUNITY.search(text)
    return _ADMIN_PREFIX.sub("", match.group(1)) if match else None


def grid_in(text: str) -> str | None:
    match = _GRID.search(text)
    if not match:
        return None
    grid = match.group(1)
    community = community_in(grid)
    return grid[grid.index(community) + len(community):] if community and grid != community else grid


def estate_in_title(text: str, known_estates: Iterable[str]) -> str | None:
    """The estate a title names: a known estate, else what precedes the building ("…建设里6号楼…").

    A known estate is looked for outside the community's name (丰乐社区人口台账 does not name 丰乐小区), outside
    fields that hold a person, a date or a phone (导出人：…, 填报日期：…), and not within a longer number
    or Latin word: else, once such an estate is known, every row of the ledger without an estate of its
    own would be filed there on the next import of the very same file."""
    community = community_in(text)
    places = _NOT_PLACES.sub(" ", text.replace(community, " ") if community else text)
    for name in sorted(known_estates, key=len, reverse=True):
        if name and re.search(rf"(?<![0-9A-Za-z]){re.escape(name)}(?![0-9A-Za-z])", places):
            return name
    rest = text[text.index(community) + len(community):] if community and community in text else text
    rest = re.sub(r"^第?[0-9一二三四五六七八九十]+网格", "", rest)
    match = _TITLE_ESTATE.match(rest)
    return normalise_estate(match.group("estate")) if match else None


def _context(layout: SheetLayout, known_estates: Iterable[str]) -> SheetContext:
    context = SheetContext()
    top = [text_of(v) for r, kind in enumerate(layout.row_kinds) if kind in (TITLE, FILL_INFO)
           for v in layout.sheet.rows[r] if text_of(v)]
    for text in top:
        context.community = context.community or community_in(text)
        context.grid = context.grid or grid_in(text.replace("网格员", ""))
        context.estate = context.estate or estate_in_title(text, known_estates)
    name = layout.sheet.name or ""
    if building_number(name):
        context.building = normalise_building(name)
    return context


def analyse(sheet: RawSheet, known_estates: Iterable[str] = ()) -> SheetLayout:
    """Recognise one sheet: its kind, header, columns, row kinds and context."""
    if not sheet.visible:
        return SheetLayout(sheet, None, "hidden")
    if _is_blank(v for row in sheet.rows for v in row):
        return SheetLayout(sheet, None, "empty")
    found = find_header(sheet)
    if found is None:
        return SheetLayout(sheet, None, "unrecognised")
    kind, rows, columns = found
    layout = SheetLayout(sheet, kind, kind, [r + 1 for r in rows], columns)
    layout.filled = _fill_down(sheet, rows[-1] + 1)
    classify_rows(layout)
    layout.context = _context(layout, known_estates)
    return layout


def apply_mapping(layout: SheetLayout, mapping: dict[int, str | None]) -> None:
    """Replace the fields of some columns (the user's choice in the wizard or a saved profile)."""
    layout.columns = [Column(c.index, c.header, mapping.get(c.index, c.field)) if c.index in mapping else c
                      for c in layout.columns]

