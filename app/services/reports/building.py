"""A building's printouts: the volume (contents page, then every household's 一户一档) and the 楼栋台账
table (one row per resident, landscape)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from app.domain.roles import UserProfile
from app.services.reports.access import Masking, ReportError, check_scope
from app.services.reports.fonts import MISSING_NOTE, GlyphCheck
from app.services.reports.household import household_story
from app.services.reports.layout import (
    HEADING,
    INK,
    NOTE,
    PAD,
    SUBTITLE,
    TITLE,
    PageInfo,
    PageRef,
    ReportCancelled,
    Section,
    SectionStart,
    build_pdf,
    data_table,
    label_table,
    para,
    signatures,
)
from app.services.reports.output import Cancel, Progress, ReportResult, record_output, writing_file
from app.services.reports.records import HouseholdFile, load_household_files
from app.store import queries
from app.store import report_queries as rq
from app.store.db import Database

CONTENTS_COLUMNS = (("序号", 12), ("单元", 18), ("室号", 18), ("户主", 28), ("人口", 14), ("特殊人群", 70),
                    ("页码", 18))
ROSTER_COLUMNS = (("单元", 14), ("室号", 13), ("姓名", 18), ("与户主关系", 18), ("性别", 10), ("年龄", 10),
                  ("身份证号", 34), ("联系电话", 23), ("政治面貌", 20), ("人户状态", 20), ("户籍类别", 18),
                  ("特殊人群", 67))
ROSTER_WIDTH = sum(w for _h, w in ROSTER_COLUMNS) * mm


def resolve_building(db: Database, key: str, user: UserProfile) -> tuple[rq.BuildingRow, list[str]]:
    """The building and its living households in walking order (KEY: id or "小区|楼栋"), if ``user`` may
    print it."""
    with db.engine.connect() as conn:
        building_id = queries.building_by_key(conn, key.strip())
        row = rq.building(conn, building_id) if building_id else None
        if row is None:
            raise ReportError(f"找不到楼栋“{key}”。请使用楼栋编号，或“小区|楼栋”形式，如 锦绣花园|3号楼"
                              "（楼栋名称写作“3号楼”）。")
        check_scope(user, row.grid_id, f"楼栋“{row.estate}{row.name}”")
        return row, rq.building_household_ids(conn, row.id)


@dataclass(frozen=True)
class _Loaded:
    """A building's printed content, before layout."""

    building: rq.BuildingRow
    files: list[HouseholdFile]
    masking: Masking
    check: GlyphCheck

    @property
    def place(self) -> str:
        return f"{self.building.estate}{self.building.name}"


def _load(db: Database, key: str, user: UserProfile, reveal: bool, on: date | None,
          progress: Progress | None) -> _Loaded:
    masking = Masking.for_user(user, reveal)
    building, household_ids = resolve_building(db, key, user)
    if progress:
        progress("正在读取住户信息…", 0.0)
    check = GlyphCheck()
    with db.engine.connect() as conn:
        files = load_household_files(conn, household_ids, on=on or date.today(), masking=masking, check=check)
    return _Loaded(building, files, masking, check)


def _write(db: Database, user: UserProfile, loaded: _Loaded, kind: str, out: Path, story: list[Flowable], *,
           title: str, info: PageInfo, pagesize: tuple[float, float] = A4, progress: Progress | None = None,
           audit: bool = True) -> ReportResult:
    with writing_file(out) as tmp:
        pages = build_pdf(tmp, story, info=info, title=f"{loaded.place} {title}", pagesize=pagesize)
    result = ReportResult(kind, loaded.place, Path(out), pages=pages, households=len(loaded.files),
                          people=sum(f.people for f in loaded.files), revealed=loaded.masking.reveal,
                          unprintable=loaded.check.found)
    if progress:
        progress("完成", 1.0)
    if audit:
        record_output(db, user, result)
    return result


def _facts(b: rq.BuildingRow, files: list[HouseholdFile], masking: Masking, check: GlyphCheck
           ) -> list[tuple[str, str]]:
    tagged = sum(1 for f in files for m in f.members if m.tags)
    where = f"{b.estate}{b.name}"
    head = check(b.head_name, f"{where} 楼长") + (f"（{masking.phone(b.head_phone)}）" if b.head_phone else "")
    grid = f"{check(b.grid, f'{where} 网格')}（网格员 {check(b.worker_name, f'{where} 网格员')}）"
    return [("所属社区", check(b.community, f"{where} 社区")), ("所属网格", grid),
            ("楼层数", f"{b.floors} 层" if b.floors else ""), ("单元数", f"{b.unit_count} 个" if b.unit_count else ""),
            ("房屋类型", b.building_type or ""), ("楼长", head), ("在册户数", f"{len(files)} 户"),
            ("在册人口", f"{sum(f.people for f in files)} 人（特殊人群 {tagged} 人）")]


def _place(b: rq.BuildingRow, check: GlyphCheck) -> str:
    return check(f"{b.estate}{b.name}", f"{b.estate}{b.name} 地址")


def _grid_label(b: rq.BuildingRow, check: GlyphCheck) -> str:
    where = f"{b.estate}{b.name}"
    return check(f"{b.community or ''}{b.grid or ''}", f"{where} 社区网格")


def _contents(b: rq.BuildingRow, files: list[HouseholdFile], masking: Masking, check: GlyphCheck
              ) -> list[Flowable]:
    place = _place(b, check)
    section = Section("contents", f"{_grid_label(b, check)}　楼栋档案", place, outline="目录")
    story: list[Flowable] = [SectionStart(section), para(f"{place}", TITLE), para("一户一档汇编", SUBTITLE),
                             label_table(_facts(b, files, masking, check), [20 * mm, 69 * mm, 20 * mm, 69 * mm]),
                             para("目　录", HEADING)]
    header = [h for h, _w in CONTENTS_COLUMNS]
    widths = [w * mm for _h, w in CONTENTS_COLUMNS]
    rows = [(str(i), f.unit, f.room, f.head_name, str(f.people),
             "、".join(dict.fromkeys(s.tag for s in f.specials)), PageRef(f"household:{f.id}", widths[-1] - 2 * PAD))
            for i, f in enumerate(files, 1)]
    story.append(data_table(header, rows, widths, center=(0, 1, 2, 4), empty="本楼栋无在册住户"))
    story.append(para("页码为本册总页码（见每页右下角）；每户档案另有“第 N 页 共 M 页”，可单独归档。", NOTE))
    return story


def _progress_hook(progress: Progress | None, cancel: Cancel | None, index: int, total: int
                   ) -> Callable[[], None]:
    """Runs as layout reaches household ``index``: reports progress and stops when the user cancels."""
    def hook() -> None:
        if cancel and cancel():
            raise ReportCancelled("已取消打印。")
        if progress:
            progress(f"正在排版第 {index}/{total} 户…", index / max(total, 1))
    return hook


def render_volume(db: Database, key: str, out: Path, *, user: UserProfile, reveal: bool = False,
                  on: date | None = None, progress: Progress | None = None, cancel: Cancel | None = None,
                  audit: bool = True) -> ReportResult:
    """Every household of a building in one PDF: a contents page, then one 一户一档 after another."""
    loaded = _load(db, key, user, reveal, on, progress)
    files = loaded.files
    story = _contents(loaded.building, files, loaded.masking, loaded.check)
    for i, f in enumerate(files, 1):
        story.append(PageBreak())
        story += household_story(f, _progress_hook(progress, cancel, i, len(files)))
    info = PageInfo.for_print(user.name, loaded.masking.reveal, global_numbers=True)
    return _write(db, user, loaded, "building", out, story, title="一户一档汇编", info=info, progress=progress,
                  audit=audit)


def _roster_rows(files: list[HouseholdFile]) -> tuple[list[tuple[str, ...]], list[int]]:
    """One row per resident (the house on its household's first row) and the first row of each household."""
    rows: list[tuple[str, ...]] = []
    starts: list[int] = []
    for f in files:
        starts.append(len(rows))
        presence = dict(f.house).get("人户状态", "")
        registration = dict(f.house).get("户籍类别", "")
        if not f.members:
            rows.append((f.unit, f.room, "（无在册成员）", "", "", "", "", "", "", presence, registration, ""))
        for i, m in enumerate(f.members):
            first = i == 0
            rows.append((f.unit if first else "", f.room if first else "", m.name, m.relation, m.gender, m.age,
                         m.id_number, m.phone, m.political_status, presence if first else "",
                         registration if first else "", m.tags))
    return rows, starts


def render_roster(db: Database, key: str, out: Path, *, user: UserProfile, reveal: bool = False,
                  on: date | None = None, progress: Progress | None = None, cancel: Cancel | None = None,
                  audit: bool = True) -> ReportResult:
    """楼栋台账: the building's residents in one ruled table on landscape A4, header repeated per page."""
    loaded = _load(db, key, user, reveal, on, progress)
    if cancel and cancel():
        raise ReportCancelled("已取消打印。")
    b, files, check = loaded.building, loaded.files, loaded.check
    place = _place(b, check)
    people = sum(f.people for f in files)
    tagged = sum(1 for f in files for m in f.members if m.tags)
    facts = " · ".join(f"{label}：{value}" for label, value in _facts(b, files, loaded.masking, check)[:6] if value)
    rows, starts = _roster_rows(files)
    header = [h for h, _w in ROSTER_COLUMNS]
    widths = [w * mm for _h, w in ROSTER_COLUMNS]
    separators = [("LINEABOVE", (0, s + 1), (-1, s + 1), 1.0, INK) for s in starts[1:]]
    section = Section("roster", f"{_grid_label(b, check)}　楼栋台账", place)
    story: list[Flowable] = [
        SectionStart(section), para(f"{place}　楼栋台账", TITLE), para(facts, SUBTITLE),
        data_table(header, rows, widths, center=(0, 1, 3, 4, 5, 9, 10), empty="本楼栋无在册住户", extra=separators),
        para(f"合计：{len(files)} 户，{people} 人，其中特殊人群 {tagged} 人。", NOTE)]
    closing: list[Flowable] = [Spacer(1, 3 * mm), signatures(("楼长", "网格员", "社区书记"), ROSTER_WIDTH)]
    if check.found:
        closing.append(para(MISSING_NOTE, NOTE))
    story.append(KeepTogether(closing))
    info = PageInfo.for_print(user.name, loaded.masking.reveal)
    return _write(db, user, loaded, "roster", out, story, title="楼栋台账", info=info, pagesize=landscape(A4),
                  progress=progress, audit=audit)


def render_building(db: Database, key: str, out: Path, *, user: UserProfile, table: bool = False,
                    reveal: bool = False, on: date | None = None, progress: Progress | None = None,
                    cancel: Cancel | None = None, audit: bool = True) -> ReportResult:
    """The volume, or with ``table`` the 楼栋台账."""
    render = render_roster if table else render_volume
    return render(db, key, out, user=user, reveal=reveal, on=on, progress=progress, cancel=cancel, audit=audit)

