"""gridledger cases / case / visit / worklist / calendar / stats on a copy of the demo community."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.cli import main
from app.store.db import Database

ON = ["--on", "2026-11-02"]


@pytest.fixture
def db_path(demo_db_path: Path, tmp_path: Path) -> str:
    path = tmp_path / "cli.sqlite"
    shutil.copy(demo_db_path, path)
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict | str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if "--json" in argv and out else out), err


def _household_key(path: str) -> str:
    db = Database(path)
    with db.engine.connect() as conn:
        key = conn.exec_driver_sql("""
            SELECT e.name || '|' || b.name || '|' || u.name || '|' || h.room FROM households hh
            JOIN houses h ON h.id = hh.house_id JOIN buildings b ON b.id = h.building_id
            JOIN estates e ON e.id = b.estate_id JOIN units u ON u.id = h.unit_id ORDER BY hh.id LIMIT 1""").scalar()
    db.close()
    return str(key)


def test_cases_lists_with_state_and_overdue_filters(db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, everything, _ = run(capsys, "cases", "--db", db_path, "--json", *ON)
    assert code == 0 and everything["count"] == len(everything["cases"]) > 0
    code, closed, _ = run(capsys, "cases", "--db", db_path, "--state", "closed", "--json")
    assert {c["state"] for c in closed["cases"]} == {"closed"}
    code, same, _ = run(capsys, "cases", "--db", db_path, "--state", "已办结", "--json")
    assert same["count"] == closed["count"]
    code, overdue, _ = run(capsys, "cases", "--db", db_path, "--overdue", "--json", *ON)
    assert overdue["count"] > 0
    assert all(c["overdue"] and c["deadline"] < "2026-11-02" for c in overdue["cases"])
    code, _out, err = run(capsys, "cases", "--db", db_path, "--state", "done")
    assert code == 2 and "未知的状态" in err
    code, _out, err = run(capsys, "cases", "--db", db_path, "--grid", "第九十九网格")
    assert code == 2 and "没有名为“第九十九网格”的网格" in err
    grid = everything["cases"][0]["grid"]
    code, in_grid, _ = run(capsys, "cases", "--db", db_path, "--grid", grid, "--json")
    assert 0 < in_grid["count"] < everything["count"] and {c["grid"] for c in in_grid["cases"]} == {grid}


def test_a_case_through_the_loop_headless(db_path: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"jpeg")
    code, new, _ = run(capsys, "case", "new", "--db", db_path, "--household", _household_key(db_path),
                       "--category", "楼道堆物", "--title", "楼道堆放纸箱", "--attach", str(photo),
                       "--user", "李网格", "--json", *ON)
    assert code == 0 and new["state"] == "collected" and new["attachments"][0]["filename"] == "p.jpg"
    number = new["number"]

    def act(*args: str) -> tuple[int, dict | str, str]:
        return run(capsys, "case", "act", number, *args, "--db", db_path, "--json", *ON)

    code, refused, err = act("dispatch", "--as", "secretary", "--user", "王书记", "--handler", "物业",
                             "--deadline", "+3")
    assert code == 1 and refused == {"ok": False, "error": err.removeprefix("错误：").strip()}
    assert "不能“分派”" in err
    assert act("report", "--as", "grid_worker", "--user", "李网格")[0] == 0
    code, _doc, err = act("dispatch", "--as", "secretary", "--user", "王书记", "--handler", "锦绣物业")
    assert code == 1 and "办理期限" in err
    code, dispatched, _ = act("dispatch", "--as", "secretary", "--user", "王书记", "--handler", "锦绣物业",
                              "--deadline", "+3")
    assert dispatched["deadline"] == "2026-11-05" and dispatched["state"] == "dispatched"
    code, _doc, err = act("handle", "--as", "handler", "--user", "别的公司", "--feedback", "已清理")
    assert code == 1 and "已分派给“锦绣物业”" in err
    assert act("handle", "--as", "handler", "--user", "锦绣物业", "--feedback", "已清理")[0] == 0
    code, _doc, err = act("return", "--as", "secretary", "--user", "王书记")
    assert code == 1 and "原因" in err
    assert act("return", "--as", "secretary", "--user", "王书记", "--reason", "仍有纸箱")[0] == 0
    assert act("handle", "--as", "grid_worker", "--user", "李网格", "--feedback", "已全部清运")[0] == 0
    code, _doc, err = act("close", "--as", "secretary", "--user", "王书记", "--rating", "9")
    assert code == 1 and "1–5" in err
    code, closed, _ = act("close", "--as", "secretary", "--user", "王书记", "--rating", "4", "--comment", "满意")
    assert closed["state"] == "closed" and closed["rating"] == 4 and closed["returns"] == 1
    assert [t["action"] for t in closed["timeline"]] == ["collect", "report", "dispatch", "handle", "return",
                                                         "handle", "close"]
    code, text, _ = run(capsys, "case", "show", number, "--db", db_path)
    assert code == 0 and "退回原因：仍有纸箱" in text and "群众评价：★★★★☆ 4 分" in text


def test_dispute_mediation_headless(db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, new, _ = run(capsys, "case", "new", "--db", db_path, "--household", _household_key(db_path),
                       "--category", "矛盾纠纷", "--dispute-type", "噪音扰民", "--title", "楼上夜间噪音",
                       "--party", "楼上住户:当事人", "--json", *ON)
    assert code == 0 and new["kind"] == "dispute" and new["number"].startswith("TJ")
    number = new["number"]
    assert run(capsys, "case", "mediate", number, "--db", db_path, "--summary", "双方面对面协商", *ON)[0] == 0
    code, _out, err = run(capsys, "case", "mediate", number, "--db", db_path, "--outcome", "调解成功", *ON)
    assert code == 1 and "协议内容" in err
    code, doc, _ = run(capsys, "case", "mediate", number, "--db", db_path, "--outcome", "调解成功",
                       "--agreement", "晚十点后不拖动家具", "--json", *ON)
    assert doc == {"ok": True, "outcome": "调解成功", "sessions": 1}
    code, shown, _ = run(capsys, "case", "show", number, "--db", db_path, "--json")
    assert shown["dispute"]["agreement"] == "晚十点后不拖动家具"


def test_visit_add_with_nobody_home_and_with_a_case(db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    key = _household_key(db_path)
    code, missed, _ = run(capsys, "visit", "add", "--db", db_path, "--household", key, "--method", "入户",
                          "--nobody-home", "--at", "2026-11-02 19:30", "--json", *ON)
    assert code == 0 and missed["revisit_due"] == "2026-11-07" and missed["revisit_slot"] == "周末/节假日"
    code, found, _ = run(capsys, "visit", "add", "--db", db_path, "--household", key, "--method", "补访",
                         "--findings", "下水道返水", "--case-category", "下水道堵塞", "--json", *ON)
    assert code == 0 and found["case"]
    code, shown, _ = run(capsys, "case", "show", found["case"], "--db", db_path, "--json")
    assert shown["title"] == "下水道返水" and shown["state"] == "collected"
    code, _out, err = run(capsys, "visit", "add", "--db", db_path, "--household", "不存在|1号楼|1单元|101",
                          "--method", "入户", "--findings", "x")
    assert code == 1 and "没有找到住户" in err


def test_worklist_stats_categories_and_calendar(db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, work, _ = run(capsys, "worklist", "--db", db_path, "--as", "secretary", "--user", "王书记", "--json", *ON)
    assert code == 0 and work["counts"]["cases_overdue"] == len(work["cases_overdue"]) > 0
    assert work["counts"]["visits_overdue"] == len(work["visits_overdue"])
    code, stats, _ = run(capsys, "stats", "--db", db_path, "--json")
    assert code == 0 and {"cases_per_category", "median_working_days_to_close", "mediation",
                          "visit_coverage"} <= set(stats["casework"])
    code, _out, err = run(capsys, "case", "categories", "--db", db_path, "--set", "楼道堆物", "--days", "4",
                          "--as", "secretary", "--user", "王书记")
    assert code == 1 and "由街道设置" in err
    code, cats, _ = run(capsys, "case", "categories", "--db", db_path, "--set", "楼道堆物", "--days", "4",
                        "--user", "街道赵科长", "--json")
    assert {c["name"]: c["time_limit_days"] for c in cats["categories"]}["楼道堆物"] == 4
    code, year, _ = run(capsys, "calendar", "--db", db_path, "--year", "2026", "--json")
    assert year["covered"] and "2026-10-10" in year["makeup_workdays"] and "2026-10-01" in year["holidays"]
    code, next_year, _ = run(capsys, "calendar", "--db", db_path, "--year", "2027", "--set", "2027-02-08",
                             "--day-off", "--name", "春节", "--user", "街道赵科长", "--json")
    assert next_year["covered"] and next_year["holidays"] == ["2027-02-08"]
