"""Control characters in a ledger (text pasted from web pages and other systems, Excel's _x0001_ escapes, CSV
and .xls files) are dropped on import, and no workbook a user writes fails on text saved with them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import text

from app.services.export import export_people, export_roster
from app.services.importing.merge import ImportOptions
from app.services.importing.service import run_import, write_errors
from app.store.db import Database
from tests.importing.generated import generated_id

OPTIONS = ImportOptions(today=date(2024, 3, 15), user_name="测试员")


def _ledger(path: Path) -> Path:
    path.write_text("姓名,身份证号,楼栋,单元,房号,与户主关系,备注,联系电话\n"
                    f"测\x01甲,{generated_id(1)},1号楼,1单元,101,户主,备\x07注,138\x0200000000\n"
                    f"测\x1b乙,{generated_id(2)}\x01,1号\x01楼,1单元,101,配偶,,\n"
                    f"测丙,{generated_id(3)}1,1号楼,1单元,102,户主,\x08见\x0b附件,\n", encoding="utf-8")
    return path


def test_control_characters_are_dropped_on_import(db: Database, tmp_path: Path) -> None:
    outcome = run_import(db, [_ledger(tmp_path / "人口台账.csv")], OPTIONS)
    assert [(r["row"], r["reason"]) for r in outcome.document["rejects"]] == [(4, "id_format")]
    with db.engine.connect() as conn:
        people = conn.execute(text("SELECT name, note, phone FROM people ORDER BY name")).all()
        buildings = conn.execute(text("SELECT name FROM buildings")).scalars().all()
    assert [tuple(p) for p in people] == [("测乙", None, None), ("测甲", "备注", "13800000000")]
    assert buildings == ["1号楼"]  # one building: "1号\x01楼" is the same
    errors = tmp_path / "错误.xlsx"
    assert write_errors(db, outcome, errors, "测试员") == 1
    row = [c.value for c in load_workbook(errors).active[2]]
    assert "见附件" in row and "测丙" in row  # the rejected row, as written but for what Excel cannot hold


def test_text_saved_with_control_characters_still_exports(db: Database, tmp_path: Path) -> None:
    """A database filled before the import dropped them (or by a synced copy that kept them)."""
    run_import(db, [_ledger(tmp_path / "人口台账.csv")], OPTIONS)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE people SET name = '测' || char(1) || '甲', note = char(27) || '备注'"))
        conn.execute(text("UPDATE buildings SET name = '1号' || char(2) || '楼'"))
    for what in ("people", "households", "buildings"):
        export_roster(db, what, tmp_path / f"{what}.xlsx", user_name="测试员")
    cells = {c.value for row in load_workbook(tmp_path / "people.xlsx").active.iter_rows() for c in row}
    assert {"测甲", "1号楼"} <= cells
    export_people(db, tmp_path / "居民.xlsx", user_name="测试员")
    cells = {c.value for row in load_workbook(tmp_path / "居民.xlsx").active.iter_rows() for c in row}
    assert "测甲" in cells
