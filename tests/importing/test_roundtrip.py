"""Export → import of the same roster changes nothing; the rosters look like an office made them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import text

from app.cli import main
from app.services.demo import generate_demo
from app.services.export import ExportCancelled, export_roster
from app.services.importing.merge import ImportOptions
from app.services.importing.service import run_import
from app.store.db import Database
from tests.importing.generated import generated_id, ledger

TABLES = ("people", "households", "houses", "memberships", "person_tags", "buildings", "estates", "units",
          "org_nodes", "outbox")


def snapshot(db: Database) -> dict[str, list[tuple]]:
    with db.engine.connect() as conn:
        return {t: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY 1"))] for t in TABLES}


def test_people_roster_round_trip_changes_nothing(db: Database, tmp_path: Path) -> None:
    generate_demo(db, seed=3, households=150)
    out = tmp_path / "人口信息台账.xlsx"
    exported = export_roster(db, "people", out, user_name="测试员")
    before = snapshot(db)
    outcome = run_import(db, [out], ImportOptions(user_name="测试员"))
    counts = outcome.document["counts"]
    assert counts["people"] == {"created": 0, "updated": 0, "unchanged": exported.people, "rejected": 0}
    assert counts["households"]["created"] == counts["households"]["updated"] == 0
    assert counts["houses"]["created"] == counts["houses"]["updated"] == 0
    assert counts["tags"]["created"] == counts["tags"]["updated"] == 0
    assert not outcome.parsed.warnings
    assert snapshot(db) == before  # not one row, stamp or outbox entry changed


def test_a_roster_of_people_whose_ledger_named_no_estate_imports_back_unchanged(db: Database, tmp_path: Path) -> None:
    """They live in 未注明小区, and the roster says so; importing it finds that estate again."""
    rows = [["甲", generated_id(1), "2号楼", "2单元", "402", "户主"],
            ["乙", generated_id(2), "2号楼", "2单元", "402", "妻"]]
    run_import(db, [ledger(tmp_path / "无小区.xlsx", rows)], ImportOptions(user_name="测试员"))
    out = tmp_path / "人口信息台账.xlsx"
    export_roster(db, "people", out, user_name="测试员")
    assert load_workbook(out).active.cell(4, 4).value == "未注明小区"
    before = snapshot(db)
    counts = run_import(db, [out], ImportOptions(user_name="测试员")).document["counts"]
    assert counts["people"]["unchanged"] == 2 and counts["houses"]["created"] == 0
    assert snapshot(db) == before


def test_an_estate_named_like_its_community_is_not_read_into_every_title(db: Database, tmp_path: Path) -> None:
    """丰乐社区 has 丰乐小区: once that estate is known, the title 丰乐社区人口台账 (and the roster's title and
    导出人 line) named it, and the people whose row names no estate moved there on the next import of the file."""

    wb = Workbook()
    ws = wb.active
    ws.append(["丰乐社区人口台账"])
    ws.append(["姓名", "身份证号", "小区", "楼栋", "单元", "房号", "与户主关系"])
    ws.append(["甲", generated_id(1), "丰乐小区", "1号楼", "1单元", "101", "户主"])
    ws.append(["乙", generated_id(2), None, "2号楼", "1单元", "101", "户主"])
    wb.save(path := tmp_path / "人口台账.xlsx")
    run_import(db, [path], ImportOptions(user_name="测试员"))
    before = snapshot(db)
    counts = run_import(db, [path], ImportOptions(user_name="测试员")).document["counts"]
    assert counts["people"]["unchanged"] == 2 and snapshot(db) == before
    out = tmp_path / "人口信息台账.xlsx"
    export_roster(db, "people", out, user_name="丰乐")
    counts = run_import(db, [out], ImportOptions(user_name="测试员")).document["counts"]
    assert counts["people"]["unchanged"] == 2 and snapshot(db) == before


def test_rosters_look_like_office_ledgers(db: Database, tmp_path: Path) -> None:
    generate_demo(db, seed=4, households=40)
    for what, header in (("people", "身份证号"), ("households", "户主身份证号"), ("buildings", "楼长")):
        out = tmp_path / f"{what}.xlsx"
        result = export_roster(db, what, out, user_name="测试员")
        ws = load_workbook(out).active
        assert ws["A1"].value.endswith("台账") and ws["A1"].font.bold and ws["A1"].font.size == 16
        assert ws["A2"].value.startswith("导出单位：") and "社区" in ws["A2"].value
        assert (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.print_title_rows) == ("landscape", 1, "$3:$3")
        assert ws.sheet_properties.pageSetUpPr.fitToPage and "&P" in ws.oddFooter.center.text
        headers = [c.value for c in ws[3]]
        assert header in headers and ws["A3"].font.bold and ws["A3"].fill.fgColor.rgb.endswith("D9E1F2")
        assert ws.freeze_panes == "A4"
        assert ws.column_dimensions["A"].width == 6
        assert ws.cell(4 + result.people, 1).value.startswith("合计")
        if what == "people":
            id_col = headers.index("身份证号") + 1
            id_cell = ws.cell(4, id_col)
            assert id_cell.data_type == "s" and id_cell.number_format == "@" and len(id_cell.value) == 18
    masked = tmp_path / "masked.xlsx"
    export_roster(db, "people", masked, user_name="测试员", mask=True)
    ws = load_workbook(masked).active
    id_col = [c.value for c in ws[3]].index("身份证号") + 1
    assert "********" in ws.cell(4, id_col).value


def test_rosters_from_the_command_line_and_the_people_roster_imports_back(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ledger.sqlite"
    generate_demo(Database(path), seed=5, households=60)

    def run(*argv: str) -> tuple[int, dict]:
        code = main([*argv, "--db", str(path), "--json"])
        out = capsys.readouterr().out
        return code, json.loads(out) if out else {}

    code, people = run("export", "people", "--roster", "--out", str(tmp_path / "人口.xlsx"))
    assert code == 0 and people["roster"] and people["people"] > 100
    code, households = run("export", "households", "--out", str(tmp_path / "住户.xlsx"))
    assert code == 0 and households["rows"] >= 55
    code, buildings = run("export", "buildings", "--out", str(tmp_path / "楼栋.xlsx"))
    assert code == 0 and buildings["rows"] >= 1
    titles = [load_workbook(tmp_path / f"{n}.xlsx").active["A1"].value for n in ("人口", "住户", "楼栋")]
    assert [t.removeprefix(t.split("社区")[0] + "社区") for t in titles] == ["人口信息台账", "住户台账", "楼栋台账"]
    code, imported = run("import", str(tmp_path / "人口.xlsx"))
    assert code == 0 and imported["counts"]["people"]["unchanged"] == people["people"]
    assert imported["counts"]["people"]["created"] == imported["counts"]["people"]["updated"] == 0
    assert main(["export", "households", "--tag", "独居老人", "--db", str(path), "--out",
                 str(tmp_path / "x.xlsx")]) == 2
    assert "人口信息台账" in capsys.readouterr().err
    for name, title in (("住户", "住户台账"), ("楼栋", "楼栋台账")):  # for reading: said so, nothing changes
        assert main(["import", str(tmp_path / f"{name}.xlsx"), "--db", str(path)]) == 2
        err = capsys.readouterr().err
        assert f"{name}.xlsx：这是本软件导出的{title}" in err and "人口信息台账" in err
    assert [b["batch"] for b in run("imports")[1]["batches"]] == [imported["batch"]]


def test_a_cancelled_export_leaves_the_old_file_as_it_was(db: Database, tmp_path: Path) -> None:
    generate_demo(db, seed=6, households=300)
    out = tmp_path / "exports" / "人口信息台账.xlsx"
    out.parent.mkdir()
    out.write_bytes(b"last month's roster")
    stages: list[float] = []
    with pytest.raises(ExportCancelled):
        export_roster(db, "people", out, user_name="测试员", cancelled=lambda: True)
    assert out.read_bytes() == b"last month's roster"
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no half-written scratch file
    result = export_roster(db, "people", out, user_name="测试员", progress=lambda _s, f: stages.append(f))
    assert stages[-1] == 1.0 and load_workbook(out).active.cell(4 + result.people, 1).value.startswith("合计")
