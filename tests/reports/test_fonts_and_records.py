"""The glyph check and the formatting rules of printed files."""

from __future__ import annotations

from app.services.reports.access import Masking
from app.services.reports.fonts import MISSING_MARK, GlyphCheck, missing_chars
from app.services.reports.records import detail_text, place_text


def test_common_and_rare_name_characters() -> None:
    assert missing_chars("张喆堃犇 O'Neil·阿卜杜拉 1-2\n") == []
    assert missing_chars("王𠮷𠮷明") == ["𠮷"]
    # reportlab garbles characters beyond the Basic Multilingual Plane even when the font has them.
    assert missing_chars("🄀") == ["🄀"]


def test_glyph_check_replaces_and_reports_each_place_once() -> None:
    check = GlyphCheck()
    assert check("王𠮷", "501 姓名") == f"王{MISSING_MARK}"
    assert check("王𠮷", "501 姓名") == f"王{MISSING_MARK}"
    assert check("张三", "501 姓名") == "张三" and check(None, "x") == ""
    assert [(u.text, u.where) for u in check.found] == [("王𠮷", "501 姓名")]
    assert check.hits == 2


def test_tag_details_are_readable_and_masked() -> None:
    id_number = "210112200101201234"
    detail = {"category": "肢体", "level": 3, "cert_no": f"{id_number}43", "guardian": None}
    assert detail_text("残疾人", detail, Masking(), id_number) == "类别：肢体；等级：三级；证号：210112********123443"
    assert detail_text("残疾人", detail, Masking(reveal=True), id_number).endswith(f"{id_number}43")
    assert detail_text("低保户", {"cert_no": "MC20230010001"}, Masking(), None) == "证号：MC20230010001"
    assert detail_text("精神障碍患者", {"risk_level": 2}, Masking(), None) == "风险等级：2级"


def test_place_text() -> None:
    assert place_text("锦绣花园", "3号楼", "2单元", "501") == "锦绣花园3号楼2单元501室"
    assert place_text("锦绣花园", "3号楼", None, None) == "锦绣花园3号楼"
