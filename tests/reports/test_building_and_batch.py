"""Building volumes, 楼栋台账 and a grid's batch: contents that point at the right pages, headers that repeat,
cancel that keeps finished files and leaves no half-written one, one audit entry per batch."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.domain.roles import UserProfile
from app.services.reports.access import ReportError
from app.services.reports.batch import render_grid, safe_name
from app.services.reports.building import render_building
from app.services.reports.layout import ReportCancelled
from app.store import audit
from app.store.db import Database
from app.store.models import Building
from app.store.writes import writing
from tests.reports.conftest import ON, Community, pages_text, pdf_fonts

USER = UserProfile("陈书记", "secretary")


def _demo_building(db: Database) -> tuple[str, int]:
    """The key of a demo building with more than 40 households, and its household count."""
    with db.engine.connect() as conn:
        row = conn.exec_driver_sql("""
            SELECT e.name || '|' || b.name, count(*) FROM households hh JOIN houses h ON h.id = hh.house_id
            JOIN buildings b ON b.id = h.building_id JOIN estates e ON e.id = b.estate_id
            WHERE hh.deleted = 0 AND hh.moved_out_on IS NULL GROUP BY b.id HAVING count(*) > 40
            ORDER BY count(*) LIMIT 1""").one()
    return row[0], row[1]


def test_volume_contents_point_at_each_household_file(demo_db: Database, tmp_path: Path) -> None:
    key, households = _demo_building(demo_db)
    out = tmp_path / "volume.pdf"
    progress: list[float] = []
    result = render_building(demo_db, key, out, user=USER, on=ON, progress=lambda _m, f: progress.append(f))
    pages = pages_text(out)
    assert result.households == households and result.pages == len(pages)
    assert progress[-1] == 1.0 and progress == sorted(progress)
    assert "一户一档汇编" in pages[0] and "目 录" in pages[0]
    files = [i for i, text in enumerate(pages) if "居民家庭基本信息档案" in text]
    assert len(files) == households
    # Each household file starts at its own page, numbered 第 1 页 within the file and 总第 N 页 overall.
    for index in files:
        assert "第 1 页 共" in pages[index] and f"总第 {index + 1} 页 / 共 {len(pages)} 页" in pages[index]
    # The contents pages list, in order, the overall page each household's file starts on (the numbers are
    # filled in after layout, so they come last in each contents page's text, after its footer).
    listed = []
    for text in pages[:files[0]]:
        listed += [int(n) for n in re.findall(r"\d+", text.rpartition(f"/ 共 {len(pages)} 页")[2])]
    assert listed == [i + 1 for i in files]
    assert all(fonts == "yes" for _n, fonts in pdf_fonts(out))


def test_roster_repeats_its_header_on_every_page(demo_db: Database, tmp_path: Path) -> None:
    key, households = _demo_building(demo_db)
    out = tmp_path / "roster.pdf"
    result = render_building(demo_db, key, out, user=USER, table=True, on=ON)
    pages = pages_text(out)
    assert result.kind == "roster" and result.households == households and len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert "身份证号" in text and "与户主关系" in text and "特殊人群" in text
        assert f"第 {number} 页 共 {len(pages)} 页" in text
    assert f"合计：{households} 户" in pages[-1] and "楼长（签字）" in pages[-1]
    entry = audit.entries(demo_db, limit=1)[0]
    assert (entry.action, entry.people_count) == ("report_roster", result.people)


def test_cancelled_volume_leaves_no_file(demo_db: Database, tmp_path: Path) -> None:
    key, _households = _demo_building(demo_db)
    out = tmp_path / "volume.pdf"
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 3

    with pytest.raises(ReportCancelled):
        render_building(demo_db, key, out, user=USER, cancel=cancel)
    assert list(tmp_path.iterdir()) == []


def test_grid_batch_one_file_per_building(community: Community, tmp_path: Path) -> None:
    result = render_grid(community.db, "第一网格", tmp_path, user=USER, on=ON)
    assert [p.name for p in result.files] == ["锦绣花园-3号楼-一户一档.pdf"]
    assert result.households == 2 and result.people == 48 and not result.cancelled
    assert [u.text for u in result.unprintable] == ["王𠮷"]
    entry = audit.entries(community.db, limit=1)[0]
    assert (entry.action, entry.target, entry.people_count, entry.detail["files"]) == ("report_grid", "第一网格", 48, 1)


def test_grid_batch_per_household_and_cancel(demo_db: Database, tmp_path: Path) -> None:
    seen: list[str] = []

    def progress(message: str, _fraction: float) -> None:
        seen.append(message)

    result = render_grid(demo_db, "第二网格", tmp_path, user=USER, per="household", on=ON, progress=progress,
                         cancel=lambda: len(seen) >= 5)
    assert result.cancelled and len(result.files) == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in result.files)  # no temp files left
    assert len({p.name for p in result.files}) == 5
    entry = audit.entries(demo_db, limit=1)[0]
    assert entry.action == "report_grid" and entry.detail["cancelled"] is True and entry.detail["files"] == 5


def test_unknown_building_and_grid_are_explained(community: Community, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=re.escape("找不到楼栋“锦绣花园|9号楼”")):
        render_building(community.db, "锦绣花园|9号楼", tmp_path / "x.pdf", user=USER)
    with pytest.raises(ReportError, match="找不到网格“第九网格”"):
        render_grid(community.db, "第九网格", tmp_path, user=USER)


def test_safe_file_names() -> None:
    assert safe_name("锦绣花园", "3号楼", "2单元", "501") == "锦绣花园-3号楼-2单元-501"
    assert safe_name('a/b:c*?"<>|', "", "x y", "1号\x01楼") == "a_b_c-x_y-1号_楼"
    assert safe_name("锦绣花园", "楼" * 300, "2单元", "501") == f"锦绣花园-{'楼' * 16}-2单元-501"


def test_buildings_with_very_long_names_print_to_files_of_their_own(community: Community, tmp_path: Path) -> None:
    """Names this long were a name the system refused, and the grid's whole batch failed."""
    with community.db.engine.connect() as conn:
        estate = conn.exec_driver_sql("SELECT id FROM estates").scalar_one()
    with writing(community.db) as w:
        for last in "甲乙":
            w.insert(Building, {"name": "幸福家园" * 60 + last, "estate_id": estate, "grid_id": community.grid})
    result = render_grid(community.db, "第一网格", tmp_path / "打印", user=USER, on=ON)
    names = sorted(p.name for p in (tmp_path / "打印").iterdir())
    assert len(names) == 3 and names == sorted(p.name for p in result.files)
    assert all(len(name.encode()) < 255 for name in names)
