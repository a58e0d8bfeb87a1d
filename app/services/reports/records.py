"""What a household's printed file says: every value formatted, masked and checked against the fonts.

The layout modules only place text; everything a reader sees is decided here, once, for many
households at a time (a building of 500 households is a handful of queries).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection

from app.domain import workflow as wf
from app.domain.dates import age_on
from app.services.reports.access import Masking
from app.services.reports.fonts import GlyphCheck
from app.store import report_queries as rq

VISITS_PER_HOUSEHOLD = 8
CASES_PER_HOUSEHOLD = 12

KIND_LABELS = {"case": "事件", "dispute": "矛盾纠纷"}
LEVELS = "一二三四"

# PersonTag.detail keys as printed (DESIGN section 2: 残疾类别/等级, 低保证号, 帮扶责任人 …).
DETAIL_LABELS = {"category": "类别", "level": "等级", "cert_no": "证号", "support": "供养方式", "type": "类型",
                 "guardian": "监护人", "parents": "父母情况", "term": "矫正类别", "risk_level": "风险等级",
                 "illness": "病种", "helper": "帮扶责任人", "note": "备注"}


@dataclass(frozen=True)
class MemberLine:
    name: str
    gender: str
    age: str
    relation: str
    id_number: str
    phone: str
    political_status: str
    tags: str


@dataclass(frozen=True)
class SpecialLine:
    name: str
    tag: str
    since: str
    detail: str


@dataclass(frozen=True)
class VisitLine:
    day: str
    method: str
    visitor: str
    person: str
    findings: str


@dataclass(frozen=True)
class CaseLine:
    number: str
    kind: str
    category: str
    title: str
    state: str
    deadline: str
    progress: str
    overdue: bool


@dataclass(frozen=True)
class HouseholdFile:
    id: str
    grid_id: str | None
    community: str
    grid: str
    worker: str
    estate: str
    building: str
    unit: str
    room: str
    address: str
    house: tuple[tuple[str, str], ...]
    """(label, value) pairs of the house and household section, in print order."""
    members: tuple[MemberLine, ...]
    specials: tuple[SpecialLine, ...]
    visits: tuple[VisitLine, ...]
    cases: tuple[CaseLine, ...]
    head_name: str
    has_missing: bool
    """Some text was printed with 〓 (the file then carries a note asking to fill it in by hand)."""

    @property
    def people(self) -> int:
        return len(self.members)


def place_text(estate: str | None, building: str | None, unit: str | None, room: str | None) -> str:
    """"嘉禾嘉园3号楼2单元501室" from the canonical parts."""
    return f"{estate or ''}{building or ''}{unit or ''}" + (f"{room}室" if room else "")


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _area(value: float | None) -> str:
    return f"{value:g} 平方米" if value else ""


def detail_text(tag: str, detail: dict[str, Any] | None, masking: Masking, id_number: str | None) -> str:
    """"类别：肢体；等级：三级；证号：210112********12343" — certificate numbers that embed the ID are masked."""
    if not detail:
        return ""
    parts = []
    for key, value in detail.items():
        if value in (None, ""):
            continue
        label = DETAIL_LABELS.get(key, key)
        if key == "level" and tag == "残疾人" and isinstance(value, int) and 1 <= value <= len(LEVELS):
            text = f"{LEVELS[value - 1]}级"
        elif key == "risk_level":
            text = f"{value}级"
        else:
            text = masking.text_with_id(str(value), id_number)
        parts.append(f"{label}：{text}")
    return "；".join(parts)


class _Builder:
    """Formats one household's rows; ``check`` makes each string printable and records where it was not."""

    def __init__(self, row: rq.HouseholdRow, on: date, masking: Masking, check: GlyphCheck) -> None:
        self.row, self.on, self.masking, self.check = row, on, masking, check
        self.where = place_text(row.estate, row.building, row.unit, row.room) or "（无房屋信息）"
        self.place = check(self.where, f"{self.where} 地址")

    def text(self, value: str | None, what: str) -> str:
        return self.check(value, f"{self.where} {what}")

    def member(self, m: rq.MemberRow, tags: list[rq.TagRow]) -> MemberLine:
        age = str(age_on(m.birth_date, self.on)) if m.birth_date else ""
        return MemberLine(self.text(m.name, "姓名"), m.gender or "", age, self.text(m.relation, "与户主关系"),
                          self.masking.id_number(m.id_number), self.masking.phone(m.phone),
                          self.text(m.political_status, "政治面貌"), "、".join(t.name for t in tags))

    def specials(self, m: rq.MemberRow, tags: list[rq.TagRow]) -> list[SpecialLine]:
        name = self.text(m.name, "姓名")
        return [SpecialLine(name, t.name, _day(t.since),
                            self.text(detail_text(t.name, t.detail, self.masking, m.id_number), f"{t.name}情况"))
                for t in tags]

    def visit(self, v: rq.VisitRow) -> VisitLine:
        findings = ("（无人在家）" if v.nobody_home else "") + (v.findings or "")
        return VisitLine(v.visited_at.date().isoformat(), v.method, self.text(v.visitor_name, "走访人"),
                         self.text(v.person_name, "走访对象") if v.person_name else "全户",
                         self.text(findings, "走访情况"))

    def case(self, c: rq.CaseRow) -> CaseLine:
        # Red exactly when the case desk shows it red: the deadline clock runs and the day has passed.
        overdue = c.state in wf.CLOCK_STATES and c.deadline is not None and c.deadline < self.on
        if c.kind == "dispute":
            outcome = c.outcome or "调解中"
            progress = f"{c.dispute_type or '纠纷'}，调解 {c.mediations} 次，{outcome}"
        else:
            progress = c.handler or ""
        return CaseLine(c.number, KIND_LABELS.get(c.kind, c.kind), self.text(c.category, "事件类别"),
                        self.text(c.title, "事件标题"), wf.state_label(c.state),
                        _day(c.deadline), self.text(progress, "处置情况"), overdue)

    def house(self) -> tuple[tuple[str, str], ...]:
        r = self.row
        floor = f"{r.floor} 层" if r.floor is not None else ""
        return (("房屋地址", self.place), ("所在楼层", floor),
                ("建筑面积", _area(r.area)), ("房屋用途", r.use or ""),
                ("人户状态", r.presence or ""), ("户籍类别", r.registration or ""),
                ("联系电话", self.masking.phone(r.contact_phone)),
                ("户籍地址", self.text(r.hukou_address, "户籍地址")), ("备注", self.text(r.note, "备注")))


def load_household_files(conn: Connection, household_ids: Sequence[str], *, on: date, masking: Masking,
                         check: GlyphCheck) -> list[HouseholdFile]:
    """The printed content of each household, in the order of ``household_ids`` (unknown ids left out)."""
    rows = rq.households(conn, household_ids)
    ids = [r.id for r in rows]
    people = rq.members(conn, ids)
    tags = rq.current_tags(conn, [m.id for group in people.values() for m in group], on)
    visits = rq.recent_visits(conn, ids, VISITS_PER_HOUSEHOLD)
    cases = rq.household_cases(conn, ids)
    files = []
    for row in rows:
        hits = check.hits
        b = _Builder(row, on, masking, check)
        group = people.get(row.id, [])
        member_lines, special_lines = [], []
        for m in group:
            own = tags.get(m.id, [])
            member_lines.append(b.member(m, own))
            special_lines += b.specials(m, own)
        head = next((line.name for m, line in zip(group, member_lines, strict=True) if m.id == row.head_person_id),
                    member_lines[0].name if member_lines else "")
        files.append(HouseholdFile(
            id=row.id, grid_id=row.grid_id, community=b.text(row.community, "社区"), grid=b.text(row.grid, "网格"),
            worker=b.text(row.worker_name, "网格员"), estate=b.text(row.estate, "小区"),
            building=row.building or "", unit=row.unit or "", room=row.room or "", address=b.place,
            house=b.house(), members=tuple(member_lines), specials=tuple(special_lines),
            visits=tuple(b.visit(v) for v in visits.get(row.id, [])),
            cases=tuple(b.case(c) for c in cases.get(row.id, [])[:CASES_PER_HOUSEHOLD]), head_name=head,
            has_missing=check.hits > hits))
    return files
