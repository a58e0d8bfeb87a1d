"""Rows of a recognised sheet -> canonical records, rejects and warnings (DESIGN section 3, RULES.md).

The rules themselves live in app.domain (check_id, normalise_phones, the code lists, addresses, tags,
dates, ledger_values); this module applies them to a sheet's columns, fills a household's address down
from the 户主 row (R5 c), derives gender and birth date from a valid ID and cross-checks the columns,
and reports every problem with file, sheet, row, column, value, reason code and a Chinese message.
Coded columns repeat a few values thousands of times, so their results are cached per batch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
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
    visit_frequency,
)
from app.domain.names import normalise_name
from app.domain.phones import normalise_phones
from app.domain.tags import normalise_tags
from app.services.importing.fields import FIELD_TITLES
from app.services.importing.layout import DATA, SECTION, SheetLayout, text_of

ADDRESS_FIELDS = ("estate", "building", "unit", "room", "address")
DEATH_WORDS = re.compile(r"已故|去世|死亡|过世|病故")
_MONTH_DAY = re.compile(r"([0-9]{1,2})月([0-9]{1,2})日?")
_SECTION_YEAR = re.compile(r"([0-9]{4})年")
_is_marker = lru_cache(maxsize=65536)(is_empty)  # a few short texts ("男", "汉族", "/") fill most cells


@dataclass(frozen=True, slots=True)
class Source:
    file: str
    sheet: str | None
    row: int

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "sheet": self.sheet, "row": self.row}


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
    """Memoised normalisers for columns that repeat few values (codes, places, tags)."""

    def __init__(self) -> None:
        self._memo: dict[tuple[str, Any], Any] = {}

    def get(self, name: str, value: Any, func: Callable[[Any], Any]) -> Any:
        key = (name, value if not isinstance(value, list) else tuple(value))
        try:
            return self._memo[key]
        except KeyError:
            result = self._memo[key] = func(value)
            return result
        except TypeError:  # an unhashable cell value
            return func(value)


def _date_readings(value: Any) -> tuple[Any, ...] | DateInvalid:
    """parse_date_candidates with the refusal as a value, so it can be memoised."""
    try:
        return parse_date_candidates(value)
    except DateInvalid as exc:
        return exc


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
        self._row = -1
        self._cells_of_row: dict[str, Any] = {}
        self._raw_of_row: dict[str, Any] = {}

    # -- cells -----------------------------------------------------------------------------------

    def _cells(self, row: int, name: str) -> list[tuple[int, Any]]:
        return [(c, self.layout.value(row, c)) for c in self.columns.get(name, ())]

    def _load(self, row: int) -> None:
        """Read one row's mapped cells once: the first non-empty cell of every field (a field may have two
        columns; empty markers such as "/" or "无" count as empty) and the raw name and ID cells."""
        values = self.layout.sheet.rows[row]
        filled = self.layout.filled
        width = len(values)
        cells: dict[str, Any] = {}
        raw: dict[str, Any] = {}
        for name, cols in self._field_columns:
            for c in cols:
                value = filled[(row, c)] if filled and (row, c) in filled else (values[c] if c < width else "")
                if value == "" or value is None:
                    continue
                if isinstance(value, str):
                    text = value.strip()
                    if not text:
                        continue
                    if name not in raw:
                        raw[name] = value
                    if len(text) <= 2 and _is_marker(text):  # every empty marker is one or two characters
                        continue
                elif value != value:  # NaN
                    continue
                elif name not in raw:
                    raw[name] = value
                cells[name] = value
                break
        self._row, self._cells_of_row, self._raw_of_row = row, cells, raw

    def _get(self, row: int, name: str) -> Any:
        """The first non-empty cell of a field; "" when none."""
        if row != self._row:
            self._load(row)
        return self._cells_of_row.get(name, "")

    def _raw(self, row: int, name: str) -> Any:
        """The first cell of a field that holds anything at all, as written (for messages)."""
        if row != self._row:
            self._load(row)
        return self._raw_of_row.get(name)

    def _column(self, name: str) -> str | None:
        cols = self.columns.get(name)
        return self.letters[cols[0]] if cols else None

    def _source(self, row: int) -> Source:
        return Source(self.file, self.layout.name, self.layout.sheet.row_number(row))

    def _problem(self, row: int, field_name: str | None, value: Any, reason: str, message: str,
                 **extra: Any) -> Problem:
        column = self._column(field_name) if field_name else None
        return Problem(self._source(row), column, value, reason, message, extra)

    def _code(self, row: int, name: str, codes: Any) -> str | None:
        value = self._get(row, name)
        if value == "":
            return None
        found = self.cache.get(name, value, codes.normalise)
        if found is None:
            title = FIELD_TITLES.get(name, name)
            self.result.warnings.append(self._problem(
                row, name, value, "code_unknown",
                f"{title}“{value}”不在{codes.title}代码表中，未导入该项，请改为标准写法后重新导入"))
        return found

    # -- addresses -------------------------------------------------------------------------------

    def _address(self, row: int) -> Address:
        """The row's address; rows of one household share one Address object (memory on big files)."""
        context = self.layout.context
        parts = (*(self._get(row, name) for name in ADDRESS_FIELDS), context.estate, context.building)
        return self.cache.get("address", parts, self._parse_address)

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

    def _has_address(self, row: int) -> bool:
        if row != self._row:
            self._load(row)
        return any(name in self._cells_of_row for name in ADDRESS_FIELDS)

    # -- people ----------------------------------------------------------------------------------

    def _check_columns(self, row: int, record: PersonRecord) -> None:
        gender_raw = self._get(row, "gender")
        if gender_raw != "":
            record.gender_column = self.cache.get("gender", gender_raw, GENDER.normalise)
            if record.gender_column and record.gender_column != record.gender:
                record.ambiguities.append({"field": "gender", "reason": "gender_conflict",
                                           "id_value": record.gender, "column_value": record.gender_column})
                self.result.warnings.append(self._problem(
                    row, "gender", gender_raw, "gender_conflict",
                    f"性别栏写“{gender_raw}”，与身份证号（{record.gender}）不符，已按身份证号导入，请核对"))
        birth_raw = self._get(row, "birth_date")
        if birth_raw == "":
            return
        readings = self.cache.get("birth_date", birth_raw, _date_readings)
        if isinstance(readings, DateInvalid):
            self.result.warnings.append(self._problem(row, "birth_date", birth_raw, "date_invalid",
                                                      f"{readings}；出生日期已按身份证号导入"))
            return
        record.birth_date_column = [r.iso if isinstance(r, YearMonth) else r.isoformat() for r in readings]
        born = record.birth_date
        if born and readings and not any(
                (r.year, r.month) == (born.year, born.month) if isinstance(r, YearMonth) else r == born
                for r in readings):
            shown = record.birth_date_column[0] if len(readings) == 1 else "或".join(record.birth_date_column)
            record.ambiguities.append({"field": "birth_date", "reason": "birth_date_conflict",
                                       "id_value": born.isoformat(), "column_value": shown})
            self.result.warnings.append(self._problem(
                row, "birth_date", birth_raw, "birth_date_conflict",
                f"出生日期栏为 {shown}，与身份证号中的 {born.isoformat()} 不符，已按身份证号导入，请核对"))

    def person(self, row: int, address: Address, housing_status: str | None) -> PersonRecord | None:
        id_raw = self._raw(row, "id_number")
        checked = check_id(id_raw, self.reference)
        name = normalise_name(self._get(row, "name"))
        extra = {"name": name, "address_key": address.key}
        if not checked.ok:
            problem = checked.problem
            self.result.rejects.append(self._problem(row, "id_number", id_raw, problem.value, problem.message,
                                                     **extra))
            return None
        if name is None:
            self.result.rejects.append(self._problem(row, "name", self._raw(row, "name"), "name_missing",
                                                     "姓名为空，请补录姓名后重新导入", **extra))
            return None
        phones: list[str] = []
        for _c, value in self._cells(row, "phone"):
            phones += [p for p in normalise_phones(value) if p not in phones]
        tags = list(self.cache.get("tags", self._get(row, "tags"), normalise_tags))
        details: dict[str, dict[str, Any]] = {}
        disability = disability_from_columns(self._get(row, "disability_type"), self._get(row, "disability_level"),
                                             self._get(row, "disability_cert"))
        if disability:
            details["残疾人"] = {"disability": disability}
            tags = sorted(set(tags) | {"残疾人"})
        note = free_text(self._get(row, "note"))
        record = PersonRecord(
            id_number=checked.value or "", name=name, gender=checked.gender, birth_date=checked.birth_date,
            ethnicity=self._code(row, "ethnicity", ETHNICITY), phones=phones,
            relation=self._code(row, "relation", RELATION),
            political_status=self._code(row, "political_status", POLITICAL_STATUS),
            residence_type=self._code(row, "residence_type", RESIDENCE_TYPE), tags=tags, note=note,
            address=address, housing_status=housing_status, grid=self._grid(row),
            household_no=free_text(self._get(row, "household_no")), source=self._source(row),
            present=self._present_with_tags if disability else self._present, tag_details=details,
            id_column=self._column("id_number"), community=self._text(row, "community"))
        self._check_columns(row, record)
        if note and DEATH_WORDS.search(note):
            record.ambiguities.append({"field": "record", "reason": "deceased_note", "note": note})
            self.result.warnings.append(self._problem(
                row, "note", note, "deceased_note",
                "备注写明此人已去世，已按在册人员导入；如属实请在系统中办理注销"))
        return record

    def _text(self, row: int, name: str) -> str | None:
        value = self._get(row, name)
        return cell_text(value) if value != "" else None

    def _grid(self, row: int) -> str | None:
        return self._text(row, "grid")

    def people_sheet(self) -> SheetResult:
        """A people ledger: person rows, house rows (an address without name and ID), rejects."""
        last_address: tuple[Address, str | None] | None = None
        seen: set[Address] = set()
        for row in self.layout.data_rows:
            self.result.rows_read += 1
            if self._has_address(row):
                housing = self._code(row, "housing_status", HOUSING_USE)
                last_address = (self._address(row), housing)
            elif last_address is None:
                last_address = (self._address(row), None)
            address, housing = last_address
            has_person = self._raw(row, "name") is not None or self._raw(row, "id_number") is not None
            if address not in seen:  # the first row of every address is its house
                seen.add(address)
                self.result.houses.append(HouseRecord(address, housing, self._grid(row), self._source(row),
                                                      "person" if has_person else "house",
                                                      community=self._text(row, "community")))
            if has_person:
                record = self.person(row, address, housing)
                if record is not None:
                    self.result.people.append(record)
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
            categories = self.cache.get("s_category", self._get(row, "s_category"), normalise_tags)
            detail = special_detail(self._get(row, "s_detail"), list(categories))
            shared = {key: value for key, value in (
                ("responsible_person", responsible_person(self._get(row, "s_responsible"))),
                ("visit_frequency", visit_frequency(self._get(row, "s_frequency"))),
                ("note", record.note)) if value}
            for category in categories:
                own = dict(shared)
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
        type_raw = self._get(row, "d_type")
        dispute_type = self._code(row, "d_type", DISPUTE_TYPE) if type_raw != "" else None
        record = DisputeRecord(
            date=when, parties=parties, address_text=address_text,
            addresses=dispute_addresses(address_text, self.known_estates) if address_text else [],
            type=dispute_type, summary=free_text(self._get(row, "d_summary")),
            result=self._code(row, "d_result", MEDIATION_RESULT), mediator=free_text(self._get(row, "d_mediator")),
            note=free_text(self._get(row, "note")), grid=self._grid(row), source=self._source(row),
            ambiguities=ambiguities, community=self._text(row, "community"))
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
            self.result.houses.append(HouseRecord(address, use, self._grid(row), self._source(row), "house",
                                                  owner, area, free_text(self._get(row, "note")),
                                                  self._text(row, "community")))
        return self.result


def normalise_sheet(layout: SheetLayout, file_name: str, *, reference_date: date,
                    known_estates: Iterable[str] = (), cache: _Cache | None = None) -> SheetResult:
    worker = SheetNormaliser(layout, file_name, reference_date=reference_date, known_estates=known_estates,
                             cache=cache)
    if layout.kind == "people":
        return worker.people_sheet()
    if layout.kind == "special_groups":
        return worker.special_sheet()
    if layout.kind == "disputes":
        return worker.dispute_sheet()
    if layout.kind == "houses":
        return worker.house_sheet()
    return worker.result


new_cache = _Cache
