"""Rows of a recognised sheet -> canonical records, rejects and warnings (DESIGN section 3, RULES.md).

The rules themselves live in app.domain (check_id, normalise_phones, the code lists, addresses, tags,
dates, ledger_values); this module applies them to a sheet's columns, fills a household's address down
from the 户主 row (R5 c), derives gender and birth date from a valid ID and cross-checks the columns,
and reports every problem with file, sheet, row, column, value, reason code and a Chinese message.
Work is done column-wise where it can be: the mapped cells of all data rows are sorted into "first
non-empty cell per field" lists once per sheet, and every normaliser whose input repeats (codes, names,
places, tags, dates, notes) runs once per distinct value, cached per batch; the row loop then only looks
values up, which keeps a 100,000-row ledger to a few seconds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from app.domain.addresses import (
    Address,
    normalise_building,
    normalise_estate,
    normalise_unit,
    parse_address,
    split_room,
)
from app.domain.codes import (
    ETHNICITY,
    GENDER,
    HOUSING_USE,
    POLITICAL_STATUS,
    RELATION,
    RESIDENCE_TYPE,
    cell_text,
    is_empty,
)
from app.domain.dates import DateInvalid, YearMonth, parse_date, parse_date_candidates
from app.domain.ids import check_id
from app.domain.ledger_values import (
    DISPUTE_TYPE,
    MEDIATION_RESULT,
    disability_from_columns,
    dispute_addresses,
    free_text,
    responsible_person,
    special_detail,
    split_parties,
    tag_note_detail,
    visit_frequency,
)
from app.domain.names import normalise_name
from app.domain.phones import normalise_phones
from app.domain.tags import tags_and_notes
from app.services.importing.fields import FIELD_TITLES
from app.services.importing.layout import DATA, SECTION, SheetLayout, text_of
from app.services.importing.limits import LIMITS, Values, address_values, first_too_long

ADDRESS_FIELDS = ("estate", "building", "unit", "room", "address")
DEATH_WORDS = re.compile(r"已故|去世|死亡|过世|病故")
_MONTH_DAY = re.compile(r"([0-9]{1,2})月([0-9]{1,2})日?")
_SECTION_YEAR = re.compile(r"([0-9]{4})年")
RAW_FIELDS = ("name", "id_number", "address")  # fields whose cell is quoted as written in problems
_EMPTY, _MARKER, _FILLED = 0, 1, 2  # a cell: nothing in it / an empty marker such as "/" or "无" / a value
_MISSING = object()
_CACHED_TYPES = frozenset({str, date, datetime})
_PEOPLE_CHUNK = 5000  # records per call of a people sink
_NAME_LIMIT, _TAG_LIMIT, _ORG_LIMIT = LIMITS["name"], LIMITS["tags"], LIMITS["grid"]


@dataclass(frozen=True, slots=True)
class Source:
    file: str
    sheet: str | None
    row: int

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "sheet": self.sheet, "row": self.row}

    def seen_from(self, other: Source) -> str:
        """Where this row is, for a message about the row at ``other``: its sheet and row ("6号楼第 60 行"), the
        file in front when it is another file's."""
        where = f"{self.sheet or ''}第 {self.row} 行"
        return f"{self.file} {where}" if self.file != other.file else where


@dataclass(slots=True)
class Problem:
    """A rejected row (reject) or a doubt about an accepted one (warning)."""

    source: Source
    column: str | None
    value: Any
    reason: str
    message: str
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        value = self.value
        if isinstance(value, date):
            value = value.isoformat()
        return {**self.source.as_json(), "column": self.column, "value": value, "reason": self.reason,
                "message": self.message, **self.extra}


@dataclass(slots=True)
class PersonRecord:
    """One accepted person row: canonical values; a field the file lacks is None (or [])."""

    id_number: str
    name: str
    gender: str | None
    birth_date: date | None
    ethnicity: str | None
    phones: list[str]
    relation: str | None
    political_status: str | None
    residence_type: str | None
    tags: list[str]
    note: str | None
    address: Address
    housing_status: str | None
    grid: str | None
    household_no: str | None
    source: Source
    present: frozenset[str]  # the person fields this row's file has columns for
    tag_details: dict[str, dict[str, Any]] = field(default_factory=dict)
    ambiguities: list[dict[str, Any]] = field(default_factory=list)
    gender_column: str | None = None
    birth_date_column: list[str] | None = None
    id_column: str | None = None
    community: str | None = None

    @property
    def phone(self) -> str | None:
        return self.phones[0] if self.phones else None

    @property
    def address_key(self) -> str:
        return self.address.key

    def compare_values(self) -> dict[str, Any]:
        """RULES.md DUP_COMPARE_FIELDS."""
        return {"name": self.name, "gender": self.gender, "birth_date": self.birth_date,
                "ethnicity": self.ethnicity, "phones": self.phones, "relation": self.relation,
                "political_status": self.political_status, "residence_type": self.residence_type,
                "tags": self.tags, "note": self.note, "address_key": self.address_key,
                "housing_status": self.housing_status}


@dataclass(slots=True)
class HouseRecord:
    address: Address
    housing_status: str | None
    grid: str | None
    source: Source
    row_kind: str  # person | house
    owner_name: str | None = None
    area: float | None = None
    note: str | None = None
    community: str | None = None


@dataclass(slots=True)
class DisputeRecord:
    date: date | None
    parties: list[str]
    address_text: str | None
    addresses: list[Address]
    type: str | None
    summary: str | None
    result: str | None
    mediator: str | None
    note: str | None
    grid: str | None
    source: Source
    ambiguities: list[dict[str, Any]] = field(default_factory=list)
    community: str | None = None


PeopleSink = Callable[[list[PersonRecord]], None]
"""Receives a people sheet's accepted records while the sheet is normalised (the import indexes them early)."""


@dataclass
class SheetResult:
    """Everything one sheet gave."""

    people: list[PersonRecord] = field(default_factory=list)  # people and special-group rows
    houses: list[HouseRecord] = field(default_factory=list)
    disputes: list[DisputeRecord] = field(default_factory=list)
    rejects: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    rows_read: int = 0


class _Cache:
    """Memoised normalisers for columns that repeat few values (codes, names, places, tags, dates), one
    table per kind of value so that a hot loop can hold its table in a local variable."""

    def __init__(self) -> None:
        self.tables: defaultdict[str, dict[Any, Any]] = defaultdict(dict)

    def get(self, name: str, value: Any, func: Callable[[Any], Any]) -> Any:
        table = self.tables[name]
        key = value if not isinstance(value, list) else tuple(value)
        try:
            return table[key]
        except KeyError:
            result = table[key] = func(value)
            return result
        except TypeError:  # an unhashable cell value
            return func(value)


def _text_kind(value: str) -> int:
    text = value.strip()
    if not text:
        return _EMPTY
    return _MARKER if len(text) <= 2 and is_empty(text) else _FILLED  # every empty marker is one or two characters


def _date_readings(value: Any) -> tuple[tuple[Any, ...], tuple[str, ...]] | DateInvalid:
    """parse_date_candidates and the readings as shown (ISO), with the refusal as a value, so that it can
    be memoised."""
    try:
        readings = parse_date_candidates(value)
    except DateInvalid as exc:
        return exc
    return readings, tuple(r.iso if isinstance(r, YearMonth) else r.isoformat() for r in readings)


def _kinds(cells: list[Any], kinds: dict[str, int]) -> list[int]:
    """_EMPTY / _MARKER / _FILLED for every cell; ``kinds`` remembers the texts already seen."""
    marks = []
    for value in cells:
        if isinstance(value, str):
            kind = kinds.get(value)
            if kind is None:
                kind = kinds[value] = _text_kind(value)
        elif value is None or value != value:  # NaN
            kind = _EMPTY
        else:
            kind = _FILLED
        marks.append(kind)
    return marks


def _cells_of_column(cells: list[Any], kinds: dict[str, int], with_raw: bool) -> tuple[list[Any], list[Any]]:
    """The one column of a field: its filled cells ("" for the rest) and, ``with_raw``, its cells that hold
    anything (None for the rest). The texts are classified once each; NaN is the value unequal to itself.
    The cells are then looked up in C (``dict.get(cell, cell)``): only texts, None and NaN are keys, so a
    number is never mistaken for another value that hashes alike (1, 1.0, True)."""
    blank: dict[Any, Any] = {None: ""}  # cell -> "" for cells without a value
    nothing: dict[Any, Any] = {None: None}  # cell -> None for cells without anything in them
    for value in set(cells):
        if isinstance(value, str):
            if len(value) > 2 and len(value.strip()) > 2:
                continue  # filled: empty markers are one or two characters (names, IDs, phones end here)
            kind = kinds.get(value)
            if kind is None:
                kind = kinds[value] = _text_kind(value)
            if kind != _FILLED:
                blank[value] = ""
                if kind == _EMPTY:
                    nothing[value] = None
        elif value != value:  # NaN (a dict finds the very object again)
            blank[value] = ""
            nothing[value] = None
    found = list(map(blank.get, cells, cells))
    raw = list(map(nothing.get, cells, cells)) if with_raw else []
    return found, raw


def _first_cells(columns: list[tuple[list[Any], list[int]]]) -> tuple[list[Any], list[Any]]:
    """For a field with several columns: per row the first filled cell ("" when none) and the first cell
    that holds anything (None when none)."""
    found: list[Any] = []
    raw: list[Any] = []
    for i in range(len(columns[0][0])):
        first_raw = None
        value: Any = ""
        for cells, marks in columns:
            kind = marks[i]
            if kind == _EMPTY:
                continue
            if first_raw is None:
                first_raw = cells[i]
            if kind == _FILLED:
                value = cells[i]
                break
        found.append(value)
        raw.append(first_raw)
    return found, raw


def _spread(items: list[Any], rows: list[int], size: int, blank: Any) -> list[Any]:
    """Values of the data rows -> a list indexed by row (``blank`` for the other rows)."""
    if rows and rows[-1] - rows[0] + 1 == len(rows):  # the usual case: one block of data rows
        return [blank] * rows[0] + items + [blank] * (size - rows[-1] - 1)
    spread = [blank] * size
    for r, value in zip(rows, items, strict=True):
        spread[r] = value
    return spread


@dataclass(slots=True)
class _PersonColumns:
    """The normalised person fields of every row of a sheet (lists indexed by row)."""

    name: list[Any]
    tags: list[Any]
    note: list[Any]
    household_no: list[Any]
    grid: list[Any]
    community: list[Any]
    ethnicity: list[Any]
    relation: list[Any]
    political_status: list[Any]
    residence_type: list[Any]
    gender: list[Any]
    birth_date: list[Any]


class SheetNormaliser:
    """Turns the data rows of one recognised sheet into records."""

    def __init__(self, layout: SheetLayout, file_name: str, *, reference_date: date,
                 known_estates: Iterable[str] = (), cache: _Cache | None = None):
        self.layout = layout
        self.file = file_name
        self.reference = reference_date
        self.known_estates = tuple(known_estates)
        self.cache = cache or _Cache()
        self.columns = layout.field_columns()
        self._field_columns = tuple(self.columns.items())
        self._present = frozenset(self.columns)  # shared by every record of the sheet (memory)
        self._present_with_tags = self._present | {"tags"}
        self.letters = {c.index: c.letter for c in layout.columns}
        self.result = SheetResult()
        self._id_column = self._column("id_number")
        self._disability_columns = bool({"disability_type", "disability_level", "disability_cert"} & set(self.columns))
        self._values, self._raws = self._sort_cells()
        self._blank: list[Any] = [""] * len(layout.sheet.rows)
        self._address_columns = tuple(self._values.get(name, self._blank) for name in ADDRESS_FIELDS)
        self._address_context = (layout.context.estate, layout.context.building)
        self._address_table = self.cache.tables["address"]
        self._mapped_columns: dict[tuple[str, str], list[Any]] = {}
        self._person_columns: _PersonColumns | None = None
        self._fitting: set[Address] = set()  # addresses whose parts fit the database (see limits)

    # -- cells -----------------------------------------------------------------------------------

    def _mapped(self, name: str, func: Callable[[Any], Any], table: str | None = None) -> list[Any]:
        """func of every row's cell of a field, None where the field is empty; computed once per sheet and
        field, and once per distinct text or date of the batch (numbers are not memoised: 1, 1.0 and True
        are one dict key but not always one result)."""
        key = (name, table or name)
        done = self._mapped_columns.get(key)
        if done is not None:
            return done
        column = self._values.get(name)
        result: list[Any] = []
        if column is None:
            result = [None] * len(self._blank)
        else:
            memo = self.cache.tables[table or name]
            append = result.append
            for value in column:
                if value.__class__ not in _CACHED_TYPES:
                    append(func(value) if value != "" else None)
                    continue
                found = memo.get(value, _MISSING)
                if found is _MISSING:
                    found = memo[value] = func(value) if value != "" else None
                append(found)
        self._mapped_columns[key] = result
        return result

    def _cells(self, row: int, name: str) -> list[tuple[int, Any]]:
        return [(c, self.layout.value(row, c)) for c in self.columns.get(name, ())]

    def _sort_cells(self) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
        """Column-wise, once per sheet: for every field the first non-empty cell of each data row (a field
        may have two columns; empty markers such as "/" or "无" count as empty), "" when none; and for the
        RAW_FIELDS the first cell that holds anything at all, as written (None when none). Both are lists
        indexed by row."""
        data = self.layout.data_rows
        lines = [self.layout.sheet.rows[r] for r in data]
        size = len(self.layout.sheet.rows)
        width = min(map(len, lines), default=0)
        at = {r: i for i, r in enumerate(data)} if self.layout.filled else {}
        kinds: dict[str, int] = {}  # text -> _EMPTY | _MARKER | _FILLED; short texts fill most cells
        values: dict[str, list[Any]] = {}
        raws: dict[str, list[Any]] = {}
        by_column = list(zip(*lines, strict=False)) if lines else []  # the first ``width`` columns, transposed
        for name, cols in self._field_columns:
            columns = []
            for c in cols:
                cells = list(by_column[c]) if c < width else [
                    line[c] if c < len(line) else "" for line in lines]
                for (r, filled_c), value in self.layout.filled.items():
                    if filled_c == c and r in at:
                        cells[at[r]] = value
                columns.append(cells)
            if len(columns) == 1:
                found, raw = _cells_of_column(columns[0], kinds, name in RAW_FIELDS)
            else:
                found, raw = _first_cells([(cells, _kinds(cells, kinds)) for cells in columns])
            values[name] = _spread(found, data, size, "")
            if name in RAW_FIELDS:
                raws[name] = _spread(raw, data, size, None)
        return values, raws

    def _get(self, row: int, name: str) -> Any:
        """The first non-empty cell of a field; "" when none."""
        return self._values.get(name, self._blank)[row]

    def _raw(self, row: int, name: str) -> Any:
        """The first cell of a field that holds anything at all, as written (for messages)."""
        raw = self._raws.get(name)
        return raw[row] if raw is not None else None

    def _column(self, name: str) -> str | None:
        cols = self.columns.get(name)
        return self.letters[cols[0]] if cols else None

    def _source(self, row: int) -> Source:
        return Source(self.file, self.layout.name, self.layout.sheet.row_number(row))

    def _problem(self, row: int, field_name: str | None, value: Any, reason: str, message: str,
                 **extra: Any) -> Problem:
        column = self._column(field_name) if field_name else None
        return Problem(self._source(row), column, value, reason, message, extra)

    def _too_long(self, row: int, values: Values, **extra: Any) -> bool:
        """Refuse the row when a value is longer than the database holds (see limits)."""
        found = first_too_long(values)
        if found is None:
            return False
        name, value = found
        self.result.rejects.append(self._problem(
            row, name, value, "value_too_long",
            f"{FIELD_TITLES.get(name, name)}“{value[:12]}…”共 {len(value)} 个字，超过了能保存的 {LIMITS[name]} 个字"
            "（是否把备注等写进了这一栏？），请精简后重新导入", **extra))
        return True

    def _code(self, row: int, name: str, codes: Any) -> str | None:
        found = self._mapped(name, codes.normalise)[row]
        if found is None:
            value = self._values.get(name, self._blank)[row]
            if value == "":
                return None
            title = FIELD_TITLES.get(name, name)
            self.result.warnings.append(self._problem(
                row, name, value, "code_unknown",
                f"{title}“{value}”不在{codes.title}代码表中，未导入该项，请改为标准写法后重新导入"))
        return found

    # -- addresses -------------------------------------------------------------------------------

    def _address(self, row: int) -> Address:
        """The row's address; rows of one household share one Address object (memory on big files)."""
        parts = (*(column[row] for column in self._address_columns), *self._address_context)
        found = self._address_table.get(parts)
        return found if found is not None else self.cache.get("address", parts, self._parse_address)

    def _parse_address(self, parts: tuple[Any, ...]) -> Address:
        cache = self.cache
        estate_raw, building_raw, unit_raw, room_raw, text, context_estate, context_building = parts
        estate = cache.get("estate", estate_raw, normalise_estate)
        building = cache.get("building", building_raw, normalise_building)
        unit = cache.get("unit", unit_raw, normalise_unit)
        unit_in_room, room = cache.get("room", room_raw, split_room)
        unit = unit or unit_in_room
        if text != "":
            parsed = parse_address(str(text), self.known_estates)
            if parsed is None and estate:
                parsed = parse_address(cell_text(text), self.known_estates)
            if parsed is not None:
                estate = estate or parsed.estate
                building = building or parsed.building
                unit = unit or parsed.unit
                room = room or parsed.room
        return Address(estate or context_estate, building or context_building, unit, room)

    # -- people ----------------------------------------------------------------------------------

    def _check_columns(self, row: int, record: PersonRecord, columns: _PersonColumns) -> None:
        gender_column = columns.gender[row]
        if gender_column is not None:
            record.gender_column = gender_column
            if gender_column and gender_column != record.gender:
                gender_raw = self._get(row, "gender")
                record.ambiguities.append({"field": "gender", "reason": "gender_conflict",
                                           "id_value": record.gender, "column_value": gender_column})
                self.result.warnings.append(self._problem(
                    row, "gender", gender_raw, "gender_conflict",
                    f"性别栏写“{gender_raw}”，与身份证号（{record.gender}）不符，已按身份证号导入，请核对"))
        readings = columns.birth_date[row]
        if readings is None:
            return
        if isinstance(readings, DateInvalid):
            self.result.warnings.append(self._problem(row, "birth_date", self._get(row, "birth_date"),
                                                      "date_invalid", f"{readings}；出生日期已按身份证号导入"))
            return
        readings, shown_readings = readings
        record.birth_date_column = list(shown_readings)
        born = record.birth_date
        if len(readings) == 1 and readings[0] == born:  # the usual case: one reading, the ID's date
            return
        if born and readings and not any(
                (r.year, r.month) == (born.year, born.month) if isinstance(r, YearMonth) else r == born
                for r in readings):
            shown = record.birth_date_column[0] if len(readings) == 1 else "或".join(record.birth_date_column)
            record.ambiguities.append({"field": "birth_date", "reason": "birth_date_conflict",
                                       "id_value": born.isoformat(), "column_value": shown})
            self.result.warnings.append(self._problem(
                row, "birth_date", self._get(row, "birth_date"), "birth_date_conflict",
                f"出生日期栏为 {shown}，与身份证号中的 {born.isoformat()} 不符，已按身份证号导入，请核对"))

    def _people_columns(self) -> _PersonColumns:
        if self._person_columns is None:
            mapped = self._mapped
            self._person_columns = _PersonColumns(
                mapped("name", normalise_name), mapped("tags", tags_and_notes), mapped("note", free_text),
                mapped("household_no", free_text), mapped("grid", cell_text, "cell_text"),
                mapped("community", cell_text, "cell_text"), mapped("ethnicity", ETHNICITY.normalise),
                mapped("relation", RELATION.normalise), mapped("political_status", POLITICAL_STATUS.normalise),
                mapped("residence_type", RESIDENCE_TYPE.normalise), mapped("gender", GENDER.normalise),
                mapped("birth_date", _date_readings))
        return self._person_columns

    def person(self, row: int, address: Address, housing_status: str | None) -> PersonRecord | None:
        columns = self._person_columns or self._people_columns()
        id_raw = self._raw(row, "id_number")
        checked = check_id(id_raw, self.reference)
        name = columns.name[row]
        if not checked.ok:
            problem = checked.problem
            self.result.rejects.append(self._problem(row, "id_number", id_raw, problem.value, problem.message,
                                                     name=name, address_key=address.key))
            return None
        if name is None:
            self.result.rejects.append(self._problem(row, "name", self._raw(row, "name"), "name_missing",
                                                     "姓名为空，请补录姓名后重新导入", name=name,
                                                     address_key=address.key))
            return None
        phone_columns = self.columns.get("phone", ())
        if len(phone_columns) == 1:
            phones = normalise_phones(self.layout.value(row, phone_columns[0]))
        else:
            phones = []
            for _c, value in self._cells(row, "phone"):
                phones += [p for p in normalise_phones(value) if p not in phones]
        tags, notes = columns.tags[row] or ((), {})
        tags = list(tags)
        details: dict[str, dict[str, Any]] = {name: tag_note_detail(name, note) for name, note in notes.items()}
        disability = None
        if self._disability_columns:
            disability_cells = (self._get(row, "disability_type"), self._get(row, "disability_level"),
                                self._get(row, "disability_cert"))
            if disability_cells != ("", "", ""):
                disability = disability_from_columns(*disability_cells)
        if disability:
            details["残疾人"] = {"disability": disability}
            tags = sorted(set(tags) | {"残疾人"})
        grid, community = columns.grid[row], columns.community[row]
        if (len(name) > _NAME_LIMIT or address not in self._fitting or (tags and max(map(len, tags)) > _TAG_LIMIT)
                or (grid and len(grid) > _ORG_LIMIT) or (community and len(community) > _ORG_LIMIT)):
            # the whole check only when something may not fit: this runs for every person of a ledger
            if self._too_long(row, (("name", name), *address_values(address), ("grid", grid),
                                    ("community", community), *(("tags", tag) for tag in tags)),
                              name=name, address_key=address.key):
                return None
            self._fitting.add(address)
        note = columns.note[row]
        # an unknown code is None here; _code then reports it (in the column order, as before)
        ethnicity = columns.ethnicity[row] or self._code(row, "ethnicity", ETHNICITY)
        relation = columns.relation[row] or self._code(row, "relation", RELATION)
        political_status = columns.political_status[row] or self._code(row, "political_status", POLITICAL_STATUS)
        residence_type = columns.residence_type[row] or self._code(row, "residence_type", RESIDENCE_TYPE)
        record = PersonRecord(
            id_number=checked.value or "", name=name, gender=checked.gender, birth_date=checked.birth_date,
            ethnicity=ethnicity, phones=phones, relation=relation, political_status=political_status,
            residence_type=residence_type, tags=tags, note=note, address=address, housing_status=housing_status,
            grid=columns.grid[row], household_no=columns.household_no[row], source=self._source(row),
            present=self._present_with_tags if disability else self._present, tag_details=details,
            id_column=self._id_column, community=columns.community[row])
        self._check_columns(row, record, columns)
        if note and DEATH_WORDS.search(note):
            record.ambiguities.append({"field": "record", "reason": "deceased_note", "note": note})
            self.result.warnings.append(self._problem(
                row, "note", note, "deceased_note",
                "备注写明此人已去世，已按在册人员导入；如属实请在系统中办理注销"))
        return record

    def _text(self, row: int, name: str) -> str | None:
        return self._mapped(name, cell_text, "cell_text")[row]

    def _grid(self, row: int) -> str | None:
        return self._text(row, "grid")

    def people_sheet(self, on_people: PeopleSink | None = None) -> SheetResult:
        """A people ledger: person rows, house rows (an address without name and ID), rejects.
        ``on_people`` receives the accepted person records as they come, every few thousand rows."""
        last_address: tuple[Address, str | None] | None = None
        seen: set[Address] = set()
        columns = self._people_columns()
        housing_column = self._mapped("housing_status", HOUSING_USE.normalise)
        names, ids = self._raws.get("name", self._blank), self._raws.get("id_number", self._blank)
        no_address = ("",) * len(ADDRESS_FIELDS)
        addresses = list(zip(*self._address_columns, strict=True))
        people = self.result.people
        handed = len(people)
        by_cells: dict[tuple[Any, ...], Address] = {}  # the rows of a household repeat its address cells
        data = self.layout.data_rows
        self.result.rows_read += len(data)
        for row in data:
            cells = addresses[row]
            if cells != no_address:
                housing = housing_column[row] or self._code(row, "housing_status", HOUSING_USE)
                address = by_cells.get(cells)
                if address is None:
                    address = by_cells[cells] = self._address(row)
                last_address = (address, housing)
            elif last_address is None:
                last_address = (self._address(row), None)
            address, housing = last_address
            has_person = names[row] not in ("", None) or ids[row] not in ("", None)
            if address not in seen and first_too_long(address_values(address)) is None:
                seen.add(address)  # the first row of every address is its house
                self.result.houses.append(HouseRecord(address, housing, columns.grid[row], self._source(row),
                                                      "person" if has_person else "house",
                                                      community=columns.community[row]))
            if not has_person:
                self._too_long(row, address_values(address), address_key=address.key)  # a house row
            else:
                record = self.person(row, address, housing)
                if record is not None:
                    people.append(record)
                    if on_people is not None and len(people) - handed >= _PEOPLE_CHUNK:
                        on_people(people[handed:])
                        handed = len(people)
        if on_people is not None and len(people) > handed:
            on_people(people[handed:])
        return self.result

    # -- special groups --------------------------------------------------------------------------

    def special_sheet(self) -> SheetResult:
        """A special-group ledger: one record per row, the categories as tags with their details."""
        for row in self.layout.data_rows:
            self.result.rows_read += 1
            address = self._address(row)
            record = self.person(row, address, None)
            if record is None:
                continue
            categories, notes = self.cache.get("s_category", self._get(row, "s_category"), tags_and_notes)
            if self._too_long(row, (("s_category", category) for category in categories)):
                continue
            detail = special_detail(self._get(row, "s_detail"), list(categories))
            shared = {key: value for key, value in (
                ("responsible_person", responsible_person(self._get(row, "s_responsible"))),
                ("visit_frequency", visit_frequency(self._get(row, "s_frequency"))),
                ("note", record.note)) if value}
            for category in categories:
                own = dict(shared)
                if category in notes:  # 残疾人（肢体二级）: the detail column, when filled in, says more
                    said = tag_note_detail(category, notes[category])
                    if "note" in said and "note" in own:
                        said["note"] = f"{said['note']}；{own['note']}"
                    own.update(said)
                if detail.disability and category == "残疾人":
                    own["disability"] = detail.disability
                if detail.dibao_cert_no and category == "低保户":
                    own["dibao_cert_no"] = detail.dibao_cert_no
                record.tag_details[category] = own
            record.tags = sorted(set(record.tags) | set(categories))
            record.present = frozenset({"name", "id_number", "tags"} | ({"phone"} if "phone" in self.columns else set())
                                       | (set(ADDRESS_FIELDS) if address.room else set()))
            record.note = None  # the note belongs to the special-group record, not to the person
            self.result.people.append(record)
            if address.room:
                self.result.houses.append(HouseRecord(address, None, record.grid, record.source, "person",
                                                      community=record.community))
        return self.result

    # -- disputes --------------------------------------------------------------------------------

    def dispute_sheet(self) -> SheetResult:
        """A dispute ledger: one record per row; "10月12日" takes its year from the section row above."""
        section_year: tuple[int, int] | None = None  # (year, row number of the section)
        data = set(self.layout.data_rows)
        for row, kind in enumerate(self.layout.row_kinds):
            if kind == SECTION:
                found = _SECTION_YEAR.search(text_of(next((v for v in self.layout.sheet.rows[row] if v), "")))
                if found:
                    section_year = (int(found.group(1)), self.layout.sheet.row_number(row))
                continue
            if kind != DATA or row not in data:
                continue
            self.result.rows_read += 1
            record = self._dispute(row, section_year)
            if record is not None:
                self.result.disputes.append(record)
        return self.result

    def _dispute(self, row: int, section_year: tuple[int, int] | None) -> DisputeRecord | None:
        raw_date = self._get(row, "d_date")
        ambiguities: list[dict[str, Any]] = []
        when: date | None = None
        text = text_of(raw_date) if isinstance(raw_date, str) else ""
        month_day = _MONTH_DAY.fullmatch(text)
        try:
            if month_day and section_year:
                when = date(section_year[0], int(month_day.group(1)), int(month_day.group(2)))
                ambiguities.append({"field": "date", "reason": "year_from_section", "section_row": section_year[1],
                                    "value": when.isoformat()})
            elif raw_date != "":
                when = parse_date(raw_date)
        except (DateInvalid, ValueError):
            when = None
        if when is None and raw_date != "":
            self.result.rejects.append(self._problem(
                row, "d_date", raw_date, "date_invalid",
                f"日期“{raw_date}”无法识别，请按 2023-10-12 或 2023年10月12日 填写后重新导入"))
            return None
        parties = split_parties(self._get(row, "d_parties"))
        if not parties:
            self.result.rejects.append(self._problem(row, "d_parties", None, "parties_missing",
                                                     "当事人为空，请补录当事人后重新导入"))
            return None
        address_text = free_text(self._get(row, "d_address"))
        mediator = free_text(self._get(row, "d_mediator"))
        grid, community = self._grid(row), self._text(row, "community")
        if self._too_long(row, (("d_address", address_text), ("d_mediator", mediator), ("grid", grid),
                                ("community", community), *(("d_parties", party) for party in parties))):
            return None
        type_raw = self._get(row, "d_type")
        dispute_type = self._code(row, "d_type", DISPUTE_TYPE) if type_raw != "" else None
        record = DisputeRecord(
            date=when, parties=parties, address_text=address_text,
            addresses=dispute_addresses(address_text, self.known_estates) if address_text else [],
            type=dispute_type, summary=free_text(self._get(row, "d_summary")),
            result=self._code(row, "d_result", MEDIATION_RESULT), mediator=mediator,
            note=free_text(self._get(row, "note")), grid=grid, source=self._source(row),
            ambiguities=ambiguities, community=community)
        if ambiguities:
            self.result.warnings.append(self._problem(
                row, "d_date", raw_date, "date_year_from_section",
                f"日期“{raw_date}”没有写年份，已按上方分组行取 {when.year if when else ''} 年，请核对"))
        return record

    # -- houses ----------------------------------------------------------------------------------

    def house_sheet(self) -> SheetResult:
        """A house ledger (房屋登记表): one house per row with its use, owner and area."""
        for row in self.layout.data_rows:
            self.result.rows_read += 1
            address = self._address(row)
            if not (address.building and address.room):
                self.result.rejects.append(self._problem(
                    row, "address", self._raw(row, "address"), "address_invalid",
                    "房屋地址无法识别，请写成“小区+楼号+单元+房号”（如 锦绣花园3号楼2单元501）后重新导入"))
                continue
            use = self._code(row, "h_use", HOUSING_USE) or self._code(row, "housing_status", HOUSING_USE)
            if use is None and cell_text(self._get(row, "h_rental")) in ("是", "1"):
                use = "出租"
            area_raw = self._get(row, "h_area")
            area = float(area_raw) if isinstance(area_raw, int | float) and not isinstance(area_raw, bool) else None
            owner = normalise_name(self._get(row, "h_owner"))
            if self._too_long(row, (*address_values(address), ("h_owner", owner), ("grid", self._grid(row)),
                                    ("community", self._text(row, "community")))):
                continue
            self.result.houses.append(HouseRecord(address, use, self._grid(row), self._source(row), "house",
                                                  owner, area, free_text(self._get(row, "note")),
                                                  self._text(row, "community")))
        return self.result


def normalise_sheet(layout: SheetLayout, file_name: str, *, reference_date: date,
                    known_estates: Iterable[str] = (), cache: _Cache | None = None,
                    on_people: PeopleSink | None = None) -> SheetResult:
    worker = SheetNormaliser(layout, file_name, reference_date=reference_date, known_estates=known_estates,
                             cache=cache)
    if layout.kind == "people":
        return worker.people_sheet(on_people)
    if layout.kind == "special_groups":
        return worker.special_sheet()
    if layout.kind == "disputes":
        return worker.dispute_sheet()
    if layout.kind == "houses":
        return worker.house_sheet()
    return worker.result


new_cache = _Cache
