"""特殊人群 written with a note in parentheses, as offices write it: 残疾人（肢体二级）."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import text

from app.services.importing.merge import ImportOptions
from app.services.importing.service import run_import
from app.store.db import Database
from tests.importing.generated import generated_id, ledger


def test_a_tag_with_a_note_in_parentheses_is_the_tag_and_its_detail(db: Database, tmp_path: Path) -> None:
    path = ledger(tmp_path / "人口台账.xlsx", [
        ["测甲", generated_id(1), "1号楼", "1单元", "101", "户主", "残疾人（肢体二级）、低保户(2019年起，每月500元)"],
        ["测乙", generated_id(2), "1号楼", "1单元", "101", "配偶", "独居"]])
    run_import(db, [path], ImportOptions(today=date(2024, 3, 15), user_name="测试员"))
    with db.engine.connect() as conn:
        tags = {(name, tag): json.loads(detail) if detail else None for name, tag, detail in conn.execute(text(
            "SELECT p.name, t.name, pt.detail FROM person_tags pt JOIN people p ON p.id = pt.person_id "
            "JOIN tag_types t ON t.id = pt.tag_id"))}
        custom = conn.execute(text("SELECT count(*) FROM tag_types WHERE category = '自定义'")).scalar_one()
    assert tags == {("测甲", "残疾人"): {"disability": {"category": "肢体", "level": 2, "cert_no": None}},
                    ("测甲", "低保户"): {"note": "2019年起，每月500元"}, ("测乙", "独居老人"): None}
    assert custom == 0  # before: 残疾人(肢体二级), 低保户(2019年起 and 每月500元) were tags of their own
