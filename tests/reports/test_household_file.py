"""一户一档: what a printed household file says, how it protects personal data, and what it logs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from app.domain.ids import mask_id, mask_phone
from app.domain.roles import UserProfile
from app.services.reports.access import ReportError, RevealNotAllowed, resolve_user
from app.services.reports.building import render_roster
from app.services.reports.fonts import MISSING_MARK
from app.services.reports.household import render_household
from app.store import audit
from app.store.users import save_user
from tests.reports.conftest import ON, RARE, Community, pages_text, pdf_fonts, render_page_png

WORKER = UserProfile("刘网格", "grid_worker")
SECRETARY = UserProfile("陈书记", "secretary")
KEY = "锦绣花园|3号楼|2单元|501"


def test_household_file_shows_people_place_and_masked_numbers(community: Community, tmp_path: Path) -> None:
    out = tmp_path / "h.pdf"
    result = render_household(community.db, KEY, out, user=WORKER, on=ON)
    (text,) = pages_text(out)
    assert result.pages == 1 and result.people == 3
    for expected in ("一户一档", "幸福里社区", "第一网格", "刘网格", "锦绣花园3号楼2单元501室", "张伟", "张小明",
                     "89.5 平方米", "自住", "人户同在", "户籍户", "残疾人", "类别：肢体", "等级：三级",
                     "康复训练按时进行", "SJ2026100100001", "已分派（逾期）", "TJ2026100200002", "调解成功",
                     "网格员（签字）", "社区书记（签字）", "第 1 页 共 1 页", "打印人：刘网格"):
        assert expected in text, expected
    head_id, head_phone = community.people["张伟"]
    son_id, _ = community.people["张小明"]
    assert mask_id(head_id) in text and head_id not in text
    assert mask_phone(head_phone) in text and head_phone not in text
    assert f"{mask_id(son_id)}43" in text and son_id not in text  # the disability certificate embeds the ID
    assert mask_id(head_id) == head_id[:6] + "********" + head_id[-4:]


def test_every_font_is_embedded_and_bundled(community: Community, tmp_path: Path) -> None:
    out = tmp_path / "h.pdf"
    render_household(community.db, KEY, out, user=WORKER, on=ON)
    fonts = pdf_fonts(out)
    assert fonts
    assert all(embedded == "yes" for _name, embedded in fonts), fonts
    assert all("NotoSansSC" in name for name, _embedded in fonts), fonts  # no Helvetica reference at all


def test_qr_code_carries_the_household_id(community: Community, tmp_path: Path) -> None:
    out = tmp_path / "h.pdf"
    render_household(community.db, community.household, out, user=WORKER, on=ON)
    image = Image.open(render_page_png(out, 1, tmp_path))
    codes = zxingcpp.read_barcodes(image)
    assert [c.text for c in codes if c.format == zxingcpp.BarcodeFormat.QRCode] == [community.household]


def test_rare_character_is_reported_and_printed_as_a_visible_mark(community: Community, tmp_path: Path) -> None:
    out = tmp_path / "h.pdf"
    result = render_household(community.db, KEY, out, user=WORKER, on=ON)
    assert [(u.text, u.chars) for u in result.unprintable] == [(RARE, ("𠮷",))]
    assert "姓名" in result.unprintable[0].where and "U+20BB7" in result.unprintable[0].message
    (text,) = pages_text(out)
    assert f"王{MISSING_MARK}" in text and RARE not in text
    assert "请对照户籍资料手工补写" in text


def test_long_members_table_repeats_its_header_on_every_page(community: Community, tmp_path: Path) -> None:
    out = tmp_path / "big.pdf"
    result = render_household(community.db, community.big_household, out, user=WORKER, on=ON)
    pages = pages_text(out)
    assert result.pages == len(pages) >= 2 and result.people == 45
    for number, text in enumerate(pages, 1):
        assert f"第 {number} 页 共 {len(pages)} 页" in text
    continued = pages[1]
    assert "钱44号" in "".join(pages[1:])
    assert all(header in continued for header in ("序号", "姓名", "与户主关系", "身份证号", "联系电话"))


def test_full_numbers_need_a_role_that_allows_them(community: Community, tmp_path: Path) -> None:
    with pytest.raises(RevealNotAllowed, match="无权打印完整身份证号"):
        render_household(community.db, KEY, tmp_path / "no.pdf", user=WORKER, reveal=True, on=ON)
    assert not (tmp_path / "no.pdf").exists()
    out = tmp_path / "full.pdf"
    result = render_household(community.db, KEY, out, user=SECRETARY, reveal=True, on=ON)
    (text,) = pages_text(out)
    head_id, head_phone = community.people["张伟"]
    assert result.revealed and head_id in text and head_phone in text
    assert "含完整身份证号和电话" in text


def test_every_print_is_in_the_audit_log(community: Community, tmp_path: Path) -> None:
    render_household(community.db, KEY, tmp_path / "a.pdf", user=WORKER, on=ON)
    render_household(community.db, KEY, tmp_path / "b.pdf", user=SECRETARY, reveal=True, on=ON)
    revealed, masked = audit.entries(community.db, limit=2)
    assert (masked.user_name, masked.action, masked.target, masked.people_count) == (
        "刘网格", "report_household", "锦绣花园3号楼2单元501室", 3)
    assert masked.detail["revealed"] is False and masked.detail["file"].endswith("a.pdf")
    assert (revealed.user_name, revealed.detail["revealed"], revealed.detail["role"]) == ("陈书记", True, "secretary")


def test_unknown_key_says_how_to_name_a_household(community: Community, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=re.escape("找不到户“锦绣花园|3号楼|2单元|999”")):
        render_household(community.db, "锦绣花园|3号楼|2单元|999", tmp_path / "x.pdf", user=WORKER)


def test_grid_worker_prints_only_their_own_grids(community: Community, tmp_path: Path) -> None:
    own = UserProfile("刘网格", "grid_worker", (community.grid,))
    render_household(community.db, KEY, tmp_path / "own.pdf", user=own, on=ON)
    with pytest.raises(ReportError, match="不在网格员“刘网格”负责的网格内"):
        render_household(community.db, community.other_household, tmp_path / "other.pdf", user=own, on=ON)


def test_stored_role_wins_over_a_claimed_one(community: Community) -> None:
    save_user(community.db, "刘网格", "grid_worker", [community.grid])
    assert resolve_user(community.db, "刘网格").grid_ids == (community.grid,)
    with pytest.raises(ReportError, match="登记的身份是网格员"):
        resolve_user(community.db, "刘网格", "secretary")
    assert resolve_user(community.db, "新来的", "secretary").role == "secretary"
    assert resolve_user(community.db, "新来的", "社区书记").role == "secretary"
    with pytest.raises(ReportError, match="未知角色"):
        resolve_user(community.db, "新来的", "admin")


def test_a_visit_note_longer_than_a_page_is_cut_short(community: Community, tmp_path: Path) -> None:
    """A 走访记录 written at length (here some 2,700 characters) was a table cell taller than the page, and
    reportlab gave up on the whole printout; the cell now ends in "…" after about twenty lines."""
    with community.db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE visits SET findings = ?", ("康复训练按时进行，家属配合良好；" * 180,))
        conn.exec_driver_sql("UPDATE people SET name = ? WHERE name = '张小明'", ("张" + "明" * 900,))
    out = tmp_path / "h.pdf"
    result = render_household(community.db, KEY, out, user=WORKER, on=ON)
    text = "".join(pages_text(out))
    assert result.pages <= 2 and "康复训练按时进行" in text and "…" in text
    render_roster(community.db, "锦绣花园|3号楼", tmp_path / "r.pdf", user=WORKER, on=ON)
    text = "".join(pages_text(tmp_path / "r.pdf"))
    assert "张明明" in text and "…" in text
