"""The statistics report, as a PDF with charts (reportlab.graphics) or a workbook with charts (openpyxl):
people per tag and per building, age bands, cases by state and category, overdue cases, the mediation
success rate and the visit coverage of tagged people."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from app.domain import workflow as wf
from app.domain.codes import without_controls
from app.domain.dates import age_on
from app.domain.roles import UserProfile
from app.services.case_stats import casework_stats
from app.services.reports.access import ReportError
from app.services.reports.fonts import FONT, GlyphCheck
from app.services.reports.layout import (
    HEADING,
    INK,
    NOTE,
    SUBTITLE,
    TITLE,
    PageInfo,
    Section,
    SectionStart,
    build_pdf,
    data_table,
    label_table,
    para,
)
from app.services.reports.output import ReportResult, record_output, writing_file
from app.store import queries
from app.store import report_queries as rq
from app.store.db import Database

AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("0–6 岁", 0, 6), ("7–17 岁", 7, 17), ("18–34 岁", 18, 34), ("35–59 岁", 35, 59), ("60–79 岁", 60, 79),
    ("80 岁及以上", 80, 10_000))
UNKNOWN_AGE = "出生日期不详"
DISPUTE_OUTCOMES = ("调解成功", "调解不成功", "移交")
PALETTE = ("#2F6690", "#3A7CA5", "#81C3D7", "#D9A441", "#B56576", "#6D597A", "#6A994E", "#A7C957", "#8D99AE",
           "#E07A5F", "#3D405B", "#81B29A")
WIDTH = 178 * mm
FORMATS = (".pdf", ".xlsx")

Pairs = list[tuple[str, int]]


@dataclass(frozen=True)
class Statistics:
    on: date
    title: str
    buildings: int
    households: int
    people: int
    per_tag: Pairs
    per_building: Pairs
    age_bands: Pairs
    cases_by_state: Pairs
    cases_by_category: Pairs
    cases: int
    overdue: int
    overdue_by_category: Pairs
    median_days_to_close: float | None
    disputes: Pairs
    """Disputes per outcome, "调解中" for those still under way."""
    mediation_per_grid: list[tuple[str, int, int, int, float | None]]
    """(grid, disputes, concluded, succeeded, success rate)."""
    mediation_rate: float | None
    """调解成功 ÷ disputes with an outcome, as the case desk computes it."""
    coverage: dict[str, Any]
    """Visit coverage of tagged people as the care schedule computes it (tagged_people, covered, …)."""

    @property
    def tagged_people(self) -> int:
        return sum(n for _name, n in self.per_tag)

    @property
    def visit_coverage(self) -> float | None:
        return self.coverage.get("coverage")

    def summary(self) -> list[tuple[str, str]]:
        median = "—" if self.median_days_to_close is None else f"{self.median_days_to_close:g} 个工作日"
        c = self.coverage
        return [("楼栋", f"{self.buildings} 栋"), ("在册户数", f"{self.households} 户"),
                ("在册人口", f"{self.people} 人"), ("特殊人群标签", f"{self.tagged_people} 人次"),
                ("事件与纠纷", f"{self.cases} 件"), ("逾期未办结", f"{self.overdue} 件"),
                ("办结用时中位数", median), ("调解成功率", _percent(self.mediation_rate)),
                ("走访覆盖率", f"{_percent(self.visit_coverage)}（应走访 {c.get('tagged_people', 0)} 人，"
                          f"按期 {c.get('covered', 0)} 人，逾期 {c.get('overdue', 0)} 人，"
                          f"从未走访 {c.get('never_visited', 0)} 人）")]


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _age_bands(counts: list[tuple[date | None, int]], on: date) -> Pairs:
    totals = dict.fromkeys([label for label, _lo, _hi in AGE_BANDS] + [UNKNOWN_AGE], 0)
    for birth, n in counts:
        if birth is None or birth > on:
            totals[UNKNOWN_AGE] += n
            continue
        age = age_on(birth, on)
        totals[next(label for label, lo, hi in AGE_BANDS if lo <= age <= hi)] += n
    return [(label, n) for label, n in totals.items() if n or label != UNKNOWN_AGE]


def collect_statistics(db: Database, on: date | None = None) -> Statistics:
    """The report's figures; the case, mediation and visit figures are the case desk's own
    (:func:`app.services.case_stats.casework_stats`), so screen and paper agree."""
    today = on or date.today()
    casework = casework_stats(db, today)
    with db.engine.connect() as conn:
        counts = queries.count_rows(conn)
        communities = rq.community_names(conn)
        per_tag = list(queries.people_per_tag(conn, today).items())
        per_building = [(f"{estate}{building}", n) for estate, building, n in rq.people_per_building(conn)]
        ages = _age_bands(rq.birth_date_counts(conn), today)
        outcomes = rq.dispute_outcomes(conn)
    by_state = casework["cases_per_state"]
    states = [(wf.state_label(s), by_state[s]) for s in wf.STATES if s in by_state]
    states += [(s, n) for s, n in by_state.items() if s not in wf.STATE_LABELS]
    disputes = [(o, outcomes[o]) for o in DISPUTE_OUTCOMES if o in outcomes]
    if outcomes.get(None):
        disputes.append(("调解中", outcomes[None]))
    mediation = casework["mediation"]
    return Statistics(
        on=today, title="、".join(communities) or "全部社区", buildings=counts["buildings"],
        households=counts["households"], people=counts["people"], per_tag=per_tag, per_building=per_building,
        age_bands=ages, cases_by_state=states, cases_by_category=list(casework["cases_per_category"].items()),
        cases=counts["cases"], overdue=casework["overdue"],
        overdue_by_category=list(casework["overdue_per_category"].items()),
        median_days_to_close=casework["median_working_days_to_close"], disputes=disputes,
        mediation_per_grid=[(g["key"], g["disputes"], g["concluded"], g["succeeded"], g["success_rate"])
                            for g in mediation["per_grid"]],
        mediation_rate=mediation["success_rate"], coverage=casework["visit_coverage"])


# --- PDF --------------------------------------------------------------------------------------------

def _style_axis_labels(chart: HorizontalBarChart | VerticalBarChart) -> None:
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels, chart.barLabels):
        labels.fontName = FONT
        labels.fontSize = 7.5
        labels.fillColor = INK
    chart.valueAxis.valueMin = 0
    chart.valueAxis.forceZero = 1
    chart.bars[0].fillColor = colors.HexColor(PALETTE[0])
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.categoryAxis.strokeColor = chart.valueAxis.strokeColor = colors.HexColor("#8A96A3")
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#E4EBF2")


def bar_chart(pairs: Pairs, *, horizontal: bool, height: float = 60 * mm) -> Drawing:
    """A bar chart of (label, count) pairs; horizontal bars for long Chinese labels."""
    values = [n for _label, n in pairs] or [0]
    labels = [label for label, _n in pairs] or ["无数据"]
    drawing = Drawing(WIDTH, height)
    chart: HorizontalBarChart | VerticalBarChart
    if horizontal:
        chart = HorizontalBarChart()
        chart.x, chart.y, chart.width, chart.height = 34 * mm, 4 * mm, WIDTH - 44 * mm, height - 8 * mm
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 3
        chart.categoryAxis.reverseDirection = 1
    else:
        chart = VerticalBarChart()
        chart.x, chart.y, chart.width, chart.height = 12 * mm, 18 * mm, WIDTH - 16 * mm, height - 22 * mm
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
        chart.barLabels.boxAnchor = "s"
        chart.barLabels.dy = 2
    chart.data = [values]
    chart.categoryAxis.categoryNames = labels
    chart.valueAxis.valueMax = max(values) * 1.15 + 1
    _style_axis_labels(chart)
    drawing.add(chart)
    return drawing


def pie_chart(pairs: Pairs, unit: str = "人", height: float = 58 * mm) -> Drawing:
    drawing = Drawing(WIDTH, height)
    shown = [(label, n) for label, n in pairs if n] or [("无数据", 1)]
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 20 * mm, 4 * mm, height - 10 * mm, height - 10 * mm
    pie.data = [n for _label, n in shown]
    pie.labels = None
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 0.8
    for i in range(len(shown)):
        pie.slices[i].fillColor = colors.HexColor(PALETTE[i % len(PALETTE)])
    drawing.add(pie)
    total = sum(pie.data)
    for i, (label, n) in enumerate(shown):  # a legend that the fonts are known to cover
        y = height - 10 * mm - i * 6 * mm
        x = 20 * mm + height + 6 * mm
        drawing.add(Rect(x, y, 4 * mm, 4 * mm, fillColor=colors.HexColor(PALETTE[i % len(PALETTE)]),
                         strokeColor=None))
        drawing.add(String(x + 6 * mm, y + 1, f"{label}　{n} {unit}（{n / total * 100:.1f}%）", fontName=FONT,
                           fontSize=8.5, fillColor=INK))
    return drawing


def _table(pairs: Pairs, first: str, second: str = "人数") -> Flowable:
    return data_table([first, second], [(label, str(n)) for label, n in pairs], [90 * mm, 30 * mm], center=(1,))


def _category_table(stats: Statistics) -> Flowable:
    overdue = dict(stats.overdue_by_category)
    rows = [(label, str(n), str(overdue.get(label, 0))) for label, n in stats.cases_by_category]
    return data_table(["类别", "件数", "其中逾期"], rows, [90 * mm, 30 * mm, 30 * mm], center=(1, 2))


def _mediation_table(stats: Statistics) -> Flowable:
    rows = [(grid, str(n), str(concluded), str(succeeded), _percent(rate))
            for grid, n, concluded, succeeded, rate in stats.mediation_per_grid]
    total = [sum(g[i] for g in stats.mediation_per_grid) for i in (1, 2, 3)]
    rows.append(("合计", *map(str, total), _percent(stats.mediation_rate)))
    return data_table(["网格", "纠纷", "已有结果", "调解成功", "成功率"], rows,
                      [60 * mm, 25 * mm, 25 * mm, 25 * mm, 25 * mm], center=(1, 2, 3, 4))


def _pdf(stats: Statistics, out: Path, user: UserProfile) -> int:
    check = GlyphCheck()
    title = check(stats.title, "统计报表标题")
    section = Section("statistics", f"{title}　统计报表", f"统计日期 {stats.on:%Y-%m-%d}")
    story: list[Flowable] = [
        SectionStart(section), para(f"{title}统计报表", TITLE), para(f"统计日期：{stats.on:%Y年%m月%d日}", SUBTITLE),
        para("一、概况", HEADING), label_table(stats.summary(), [24 * mm, 65 * mm, 24 * mm, 65 * mm],
                                             frozenset({"走访覆盖率"}))]
    per_building = [(check(label, "楼栋"), n) for label, n in stats.per_building]
    blocks: list[tuple[str, Flowable, Flowable]] = [
        ("二、各类特殊人群人数", bar_chart(stats.per_tag, horizontal=True, height=max(50, 6 * len(stats.per_tag)) * mm),
         _table(stats.per_tag, "类别")),
        ("三、各楼栋人口", bar_chart(per_building, horizontal=False, height=75 * mm),
         _table(per_building, "楼栋")),
        ("四、年龄结构", pie_chart(stats.age_bands), _table(stats.age_bands, "年龄段")),
        ("五、事件按状态", bar_chart(stats.cases_by_state, horizontal=True, height=45 * mm),
         _table(stats.cases_by_state, "状态", "件数")),
        ("六、事件按类别", bar_chart(stats.cases_by_category, horizontal=True,
                               height=max(45, 6 * len(stats.cases_by_category)) * mm),
         _category_table(stats)),
        ("七、矛盾纠纷调解", pie_chart(stats.disputes, "件", height=45 * mm), _mediation_table(stats)),
    ]
    for heading, chart, table in blocks:
        story += [KeepTogether([para(heading, HEADING), chart]), table]
    story.append(para(
        f"调解成功率 = 调解成功 ÷ 已有结果的纠纷（调解中的不计）：{_percent(stats.mediation_rate)}。"
        f"逾期 = 仍在办理中且已过办理期限的事件：{stats.overdue} 件。走访覆盖率 = 有走访频次要求的特殊人群中，"
        f"按期走访（未逾期）的人数比例：{_percent(stats.visit_coverage)}。", NOTE))
    info = PageInfo.for_print(user.name, revealed=False)
    with writing_file(out) as tmp:
        return build_pdf(tmp, story, info=info, title=f"{title}统计报表")


# --- xlsx -------------------------------------------------------------------------------------------

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _sheet(wb: Workbook, name: str, header: Sequence[str], rows: Sequence[Sequence[object]],
           widths: Sequence[int]) -> object:
    ws = wb.create_sheet(name)
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
    for row in rows:
        ws.append([without_controls(value) for value in row])
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    return ws


def _bar(ws: object, title: str, rows: int, anchor: str, *, horizontal: bool, y_title: str = "人数") -> None:
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    chart.y_axis.title = y_title
    chart.legend = None
    chart.height = max(7.5, 0.6 * rows) if horizontal else 8
    chart.width = 18
    data = Reference(ws, min_col=2, min_row=1, max_row=rows + 1)
    cats = Reference(ws, min_col=1, min_row=2, max_row=rows + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    ws.add_chart(chart, anchor)  # type: ignore[attr-defined]


def _pie(ws: object, title: str, rows: int, anchor: str) -> None:
    chart = PieChart()
    chart.title = title
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=rows + 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=rows + 1))
    ws.add_chart(chart, anchor)  # type: ignore[attr-defined]


def _xlsx(stats: Statistics, out: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, "概况", ["项目", "数值"], [*stats.summary(), ("统计日期", stats.on.isoformat())], [16, 40])
    ws = _sheet(wb, "特殊人群", ["类别", "人数"], stats.per_tag, [16, 10])
    _bar(ws, "各类特殊人群人数", len(stats.per_tag), "D2", horizontal=True)
    ws = _sheet(wb, "楼栋人口", ["楼栋", "人数"], stats.per_building, [20, 10])
    _bar(ws, "各楼栋人口", len(stats.per_building), "D2", horizontal=False)
    ws = _sheet(wb, "年龄结构", ["年龄段", "人数"], stats.age_bands, [16, 10])
    _pie(ws, "年龄结构", len(stats.age_bands), "D2")
    ws = _sheet(wb, "事件", ["状态", "件数"], stats.cases_by_state, [16, 10])
    _bar(ws, "事件按状态", len(stats.cases_by_state), "D2", horizontal=True, y_title="件数")
    overdue = dict(stats.overdue_by_category)
    ws = _sheet(wb, "事件类别", ["类别", "件数", "其中逾期"],
                [(label, n, overdue.get(label, 0)) for label, n in stats.cases_by_category], [16, 10, 10])
    _bar(ws, "事件按类别", len(stats.cases_by_category), "E2", horizontal=True, y_title="件数")
    ws = _sheet(wb, "矛盾纠纷", ["调解结果", "件数"], stats.disputes, [16, 10])
    _pie(ws, "矛盾纠纷调解结果", len(stats.disputes), "D2")
    _sheet(wb, "调解成功率", ["网格", "纠纷", "已有结果", "调解成功", "成功率"],
           [(grid, n, concluded, succeeded, rate) for grid, n, concluded, succeeded, rate in stats.mediation_per_grid],
           [16, 8, 10, 10, 10])
    with writing_file(out) as tmp:
        wb.save(tmp)


def render_statistics(db: Database, out: Path, *, user: UserProfile, on: date | None = None,
                      audit: bool = True) -> ReportResult:
    """The statistics report as .pdf or .xlsx (by the file's suffix)."""
    suffix = Path(out).suffix.lower()
    if suffix not in FORMATS:
        raise ReportError(f"统计报表只能保存为 {'、'.join(FORMATS)}，请修改文件名：{Path(out).name}")
    stats = collect_statistics(db, on)
    pages = _pdf(stats, Path(out), user) if suffix == ".pdf" else 0
    if suffix == ".xlsx":
        _xlsx(stats, Path(out))
    result = ReportResult("statistics", stats.title, Path(out), pages=pages, households=stats.households)
    if audit:
        record_output(db, user, result)
    return result
