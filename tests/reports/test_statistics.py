"""The statistics report: the same figures as the case desk and the ledger, as a PDF and a workbook with charts."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.domain.roles import UserProfile
from app.services.case_stats import casework_stats
from app.services.reports.access import ReportError
from app.services.reports.statistics import collect_statistics, render_statistics
from app.services.stats import ledger_stats
from app.store import audit
from app.store.db import Database
from tests.reports.conftest import ON, pages_text, pdf_fonts

USER = UserProfile("陈书记", "secretary")
CHART_SHEETS = ("特殊人群", "楼栋人口", "年龄结构", "事件", "事件类别", "矛盾纠纷")


def test_figures_agree_with_ledger_and_case_desk(demo_db: Database) -> None:
    stats = collect_statistics(demo_db, ON)
    ledger = ledger_stats(demo_db, ON)
    casework = casework_stats(demo_db, ON)
    assert dict(stats.per_tag) == ledger["people_per_tag"]
    assert sum(n for _b, n in stats.per_building) == ledger["people"] == sum(n for _a, n in stats.age_bands)
    assert sum(n for _s, n in stats.cases_by_state) == ledger["cases"] == sum(n for _c, n in stats.cases_by_category)
    assert stats.overdue == casework["overdue"] > 0
    assert stats.mediation_rate == casework["mediation"]["success_rate"]
    assert stats.visit_coverage == casework["visit_coverage"]["coverage"]
    assert sum(n for _o, n in stats.disputes) == casework["mediation"]["disputes"]


def test_xlsx_has_a_sheet_and_a_chart_per_figure(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "stats.xlsx"
    render_statistics(demo_db, out, user=USER, on=ON)
    wb = load_workbook(out)
    assert wb.sheetnames == ["概况", *CHART_SHEETS, "调解成功率"]
    for name in CHART_SHEETS:
        assert len(wb[name]._charts) == 1, name
    ws = wb["特殊人群"]
    rows = {r[0]: r[1] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows == ledger_stats(demo_db, ON)["people_per_tag"]
    entry = audit.entries(demo_db, limit=1)[0]
    assert entry.action == "report_statistics" and entry.detail["file"].endswith("stats.xlsx")


def test_pdf_has_every_section_and_embedded_fonts(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "stats.pdf"
    result = render_statistics(demo_db, out, user=USER, on=ON)
    text = "".join(pages_text(out))
    for heading in ("统计报表", "一、概况", "二、各类特殊人群人数", "三、各楼栋人口", "四、年龄结构", "五、事件按状态",
                    "六、事件按类别", "七、矛盾纠纷调解", "调解成功率", "走访覆盖率", f"共 {result.pages} 页"):
        assert heading in text, heading
    assert all(embedded == "yes" and "NotoSansSC" in name for name, embedded in pdf_fonts(out))


def test_other_formats_are_refused(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"\.pdf、\.xlsx"):
        render_statistics(demo_db, tmp_path / "stats.csv", user=USER)
