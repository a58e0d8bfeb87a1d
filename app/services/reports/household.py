"""一户一档: one household's file on A4 — header with QR code, house, members, special groups, visits,
cases and disputes, signatures. :func:`household_story` is reused by the building volume."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from app.domain.roles import UserProfile
from app.services.reports.access import Masking, ReportError, check_scope
from app.services.reports.fonts import MISSING_NOTE, GlyphCheck
from app.services.reports.layout import (
    HEADING,
    INK,
    NOTE,
    SUBTITLE,
    TEXT_STYLE,
    TITLE,
    PageInfo,
    Section,
    SectionStart,
    build_pdf,
    data_table,
    fit,
    label_table,
    para,
    signatures,
)
from app.services.reports.output import ReportResult, record_output, writing_file
from app.services.reports.qr import QrCode
from app.services.reports.records import HouseholdFile, load_household_files
from app.store import queries
from app.store.db import Database

QR_SIZE = 24 * mm
WIDTH = 178 * mm  # A4 less the margins
MEMBER_COLUMNS = (("序号", 9), ("姓名", 17), ("性别", 9), ("年龄", 9), ("与户主关系", 18), ("身份证号", 34),
                  ("联系电话", 22), ("政治面貌", 19), ("特殊人群", 41))
SPECIAL_COLUMNS = (("姓名", 20), ("类别", 24), ("认定日期", 22), ("具体情况", 112))
VISIT_COLUMNS = (("日期", 22), ("方式", 12), ("走访人", 16), ("对象", 18), ("走访情况", 110))
CASE_COLUMNS = (("编号", 29), ("类别", 18), ("事项", 46), ("状态", 23), ("办理期限", 20), ("处置／调解情况", 42))
WIDE_LABELS = frozenset({"房屋地址", "户籍地址", "备注"})


def _widths(columns: tuple[tuple[str, int], ...]) -> tuple[list[str], list[float]]:
    return [c[0] for c in columns], [c[1] * mm for c in columns]


def section_for(f: HouseholdFile) -> Section:
    return Section(key=f"household:{f.id}", header_left=f"{f.community}{f.grid}　一户一档",
                   header_right=f.address, outline=f"{f.unit}{f.room}　{f.head_name}".strip())


def _title_block(f: HouseholdFile) -> Table:
    side = 30 * mm
    heading = [para("一户一档", TITLE), para("居民家庭基本信息档案", SUBTITLE)]
    qr = [QrCode(f.id, QR_SIZE), para(f"户编号 {f.id[-12:]}", NOTE)]
    table = Table([["", heading, qr]], colWidths=[side, WIDTH - 2 * side, side], hAlign="LEFT")
    table.setStyle(TableStyle([*TEXT_STYLE, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (2, 0), (2, 0), "RIGHT"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _facts(f: HouseholdFile) -> Table:
    """The line under the title: where the household belongs and who looks after it."""
    facts = [f"社区：{f.community}", f"网格：{f.grid}", f"网格员：{f.worker}", f"户主：{f.head_name}",
             f"家庭人口：{f.people} 人"]
    width = WIDTH / len(facts)
    table = Table([[fit(text, width) for text in facts]], colWidths=[width] * len(facts), hAlign="LEFT")
    table.setStyle(TableStyle([*TEXT_STYLE, ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 4), ("LINEBELOW", (0, 0), (-1, 0), 1.2, INK)]))
    return table


def household_story(f: HouseholdFile, on_start: Callable[[], None] | None = None) -> list[Flowable]:
    """The flowables of one household's file, starting with its section mark."""
    story: list[Flowable] = [SectionStart(section_for(f), on_start), _title_block(f)]
    story.append(_facts(f))
    story += [para("一、房屋与户籍", HEADING), label_table(f.house, [20 * mm, 69 * mm, 20 * mm, 69 * mm], WIDE_LABELS)]

    header, widths = _widths(MEMBER_COLUMNS)
    rows = [(str(i), m.name, m.gender, m.age, m.relation, m.id_number, m.phone, m.political_status, m.tags)
            for i, m in enumerate(f.members, 1)]
    story += [para("二、家庭成员", HEADING), data_table(header, rows, widths, center=(0, 2, 3, 4), empty="无在册成员")]

    header, widths = _widths(SPECIAL_COLUMNS)
    rows = [(s.name, s.tag, s.since, s.detail) for s in f.specials]
    story += [para("三、特殊人群情况", HEADING), data_table(header, rows, widths, center=(2,), empty="无")]

    header, widths = _widths(VISIT_COLUMNS)
    rows = [(v.day, v.method, v.visitor, v.person, v.findings) for v in f.visits]
    story += [para("四、近期走访记录", HEADING), data_table(header, rows, widths, center=(0, 1), empty="暂无走访记录")]

    header, widths = _widths(CASE_COLUMNS)
    rows = [(c.number, c.category, c.title, c.state + ("（逾期）" if c.overdue else ""), c.deadline, c.progress)
            for c in f.cases]
    marked = [i for i, c in enumerate(f.cases) if c.overdue]
    story += [para("五、事件与矛盾纠纷", HEADING),
              data_table(header, rows, widths, center=(3, 4), marked=marked, empty="无相关事件或纠纷")]

    closing: list[Flowable] = [Spacer(1, 4 * mm), signatures(("网格员", "社区书记"), WIDTH)]
    if f.has_missing:
        closing.append(para(MISSING_NOTE, NOTE))
    story.append(KeepTogether(closing))
    return story


def resolve_household(db: Database, key: str) -> str:
    with db.engine.connect() as conn:
        household_id = queries.household_by_key(conn, key.strip())
    if household_id is None:
        raise ReportError(f"找不到户“{key}”。请使用户编号，或“小区|楼栋|单元|室”形式的地址，"
                          "如 锦绣花园|3号楼|2单元|501（可先用 gridledger search 查找）。")
    return household_id


def write_household_pdf(f: HouseholdFile, out: Path, info: PageInfo) -> int:
    """One household's file as its own PDF; returns the number of pages."""
    with writing_file(out) as tmp:
        return build_pdf(tmp, household_story(f), info=info, title=f"一户一档 {f.address}")


def render_household(db: Database, key: str, out: Path, *, user: UserProfile, reveal: bool = False,
                     on: date | None = None, audit: bool = True) -> ReportResult:
    """Write one household's 一户一档 to ``out`` (KEY: household id or "小区|楼栋|单元|室")."""
    masking = Masking.for_user(user, reveal)
    household_id = resolve_household(db, key)
    today = on or date.today()
    check = GlyphCheck()
    with db.engine.connect() as conn:
        (f,) = load_household_files(conn, [household_id], on=today, masking=masking, check=check)
    check_scope(user, f.grid_id, f"户“{f.address}”")
    pages = write_household_pdf(f, Path(out), PageInfo.for_print(user.name, masking.reveal))
    result = ReportResult("household", f.address, Path(out), pages=pages, households=1, people=f.people,
                          revealed=masking.reveal, unprintable=check.found)
    if audit:
        record_output(db, user, result)
    return result
