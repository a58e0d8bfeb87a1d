"""A value longer than the database holds is refused at the import, row by row, with the field named:
the desktop would keep it, but the server (PostgreSQL) refuses it at the next sync, with every row
that refers to it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import text

from app.services.importing.merge import ImportOptions
from app.services.importing.service import run_import
from app.store.db import Database
from tests.importing.generated import generated_id, ledger

TOO_LONG_ROWS = [
    ["测甲", generated_id(1), "1号楼", "1单元", "101", "户主"],
    ["测乙" + "（已于二〇一九年迁往外地，户口仍在本社区，联系人为其子，电话见备注栏，每月回来一次）" * 2,
     generated_id(2), "1号楼", "1单元", "102", "户主"],
    ["测丙", generated_id(3), "幸福家园" * 15 + "1号楼", "1单元", "101", "户主"],
    ["测丁", generated_id(4), "1号楼", "1单元", "103", "户主", "享受城乡居民最低生活保障待遇的困难家庭的成员"],
    [None, None, "1号楼", "1单元", "房号待定，业主在外地，钥匙放在物业，联系电话见备注"],
]


def import_too_long(db: Database, path: Path, community: str | None = None) -> dict:  # type: ignore[type-arg]
    return run_import(db, [ledger(path, TOO_LONG_ROWS)],
                      ImportOptions(today=date(2024, 3, 15), user_name="测试员", community=community)).document


def test_values_longer_than_the_database_holds_are_refused_by_row(db: Database, tmp_path: Path) -> None:
    document = import_too_long(db, tmp_path / "人口台账.xlsx")
    refused = {(r["row"], r["column"]): r for r in document["rejects"]}
    assert set(refused) == {(3, "A"), (4, "C"), (5, "G"), (6, "E")}
    assert {r["reason"] for r in refused.values()} == {"value_too_long"}
    assert "姓名“测乙(已于二〇一九年迁往…”共 86 个字，超过了能保存的 50 个字" in refused[3, "A"]["message"]
    assert refused[4, "C"]["message"].startswith("楼栋") and refused[5, "G"]["message"].startswith("特殊人群")
    assert document["counts"]["people"]["created"] == 1
    with db.engine.connect() as conn:  # a refused person's flat is registered all the same, as always
        assert set(conn.execute(text("SELECT room FROM houses")).scalars()) == {"101", "102", "103"}
        assert conn.execute(text("SELECT max(length(name)) FROM buildings")).scalar_one() <= 50
        assert conn.execute(text("SELECT max(length(name)) FROM tag_types")).scalar_one() <= 20


def test_a_dispute_with_a_place_too_long_is_refused_and_one_of_many_parties_gets_a_short_title(
        db: Database, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "日期", "纠纷当事人", "地址", "纠纷类型", "简要情况", "调解结果", "经办人"])
    many = "、".join(f"测{'甲乙丙丁戊己庚辛壬癸'[i % 10]}{'子丑寅'[i // 10]}" for i in range(30))
    place = "幸福家园1号楼" + "北侧绿地" * 60
    ws.append([1, "2023-04-26", "测甲、测乙", place, "邻里纠纷", "堆物", "调解成功", "测丙"])
    ws.append([2, "2023-04-27", many, "幸福家园1号楼", "邻里纠纷", "噪音", "调解成功", "测丙"])
    wb.save(path := tmp_path / "矛盾纠纷排查台账.xlsx")
    document = run_import(db, [path], ImportOptions(today=date(2024, 3, 15), user_name="测试员")).document
    assert [(r["row"], r["column"], r["reason"]) for r in document["rejects"]] == [(2, "D", "value_too_long")]
    with db.engine.connect() as conn:
        title = conn.execute(text("SELECT title FROM cases")).scalar_one()
        parties = conn.execute(text("SELECT count(*) FROM case_parties")).scalar_one()
    assert len(title) <= 100 and title.startswith("测甲子、测乙子、") and title.endswith("、测乙寅等 30 人邻里纠纷")
    assert parties == 30
