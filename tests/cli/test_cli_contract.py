"""The command-line contract: exit codes, one JSON document on stdout, Chinese messages on stderr."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.store import audit
from app.store.db import Database


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite"
    assert main(["demo", "--db", str(path), "--households", "120", "--seed", "3", "--quiet"]) == 0
    return path


def test_demo_json_reports_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo", "--db", str(tmp_path / "d.sqlite"), "--households", "50", "--json",
                       "--quiet")
    assert code == 0
    document = json.loads(out)
    assert document["counts"]["households"] >= 45


def test_demo_refuses_a_database_that_has_people(small_demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "demo", "--db", str(small_demo), "--quiet")
    assert code == 2
    assert out == ""
    assert "错误" in err


def test_stats_json(small_demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", "--db", str(small_demo), "--json")
    assert code == 0
    stats = json.loads(out)
    assert stats["households"] >= 110
    assert stats["people"] > stats["households"]
    assert "独居老人" in stats["people_per_tag"]
    assert sum(stats["cases_per_state"].values()) == stats["cases"]


def test_search_json_is_one_document(small_demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = Database(small_demo)
    with db.engine.connect() as conn:
        name, id_number = conn.exec_driver_sql("SELECT name, id_number FROM people LIMIT 1").one()
    code, out, _ = run(capsys, "search", id_number, "--db", str(small_demo), "--json")
    assert code == 0
    document = json.loads(out)
    assert document["kinds"] == ["id_number"]
    assert [r["title"] for r in document["results"]] == [name]
    assert id_number not in json.dumps(document["results"], ensure_ascii=False)  # masked in results


def test_export_people_to_each_format(small_demo: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    for suffix in ("xlsx", "csv", "jsonl"):
        out_file = tmp_path / f"people.{suffix}"
        code, out, _ = run(capsys, "export", "people", "--db", str(small_demo), "--out", str(out_file), "--json")
        assert code == 0
        assert json.loads(out)["people"] > 100
    records = [json.loads(line) for line in (tmp_path / "people.jsonl").read_text("utf-8").splitlines()]
    first = records[0]
    assert list(first) == ["id_number", "name", "gender", "birth_date", "ethnicity", "phone", "relation",
                           "political_status", "community", "grid", "estate", "building", "unit", "room", "tags"]
    assert first["building"].endswith("号楼") and first["unit"].endswith("单元")
    assert all(r["tags"] == sorted(r["tags"]) for r in records)
    with (tmp_path / "people.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["id_number"] == first["id_number"]
    ws = load_workbook(tmp_path / "people.xlsx").active
    id_cell = ws["A2"]
    assert id_cell.value == first["id_number"] and id_cell.data_type == "s" and id_cell.number_format == "@"
    entries = audit.entries(Database(small_demo))
    assert entries[0].action == "export_people" and entries[0].people_count == len(records)
    assert entries[0].user_name == "测试员"


def test_export_filters_by_tag(small_demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "alone.jsonl"
    code, _, _ = run(capsys, "export", "people", "--db", str(small_demo), "--out", str(out_file), "--tag", "独居老人")
    assert code == 0
    records = [json.loads(line) for line in out_file.read_text("utf-8").splitlines()]
    assert records and all("独居老人" in r["tags"] for r in records)


def test_bad_usage_and_unreadable_input_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["search"])
    assert exc.value.code == 2
    capsys.readouterr()
    not_a_db = tmp_path / "notes.sqlite"
    not_a_db.write_text("这不是数据库", encoding="utf-8")
    code, out, err = run(capsys, "stats", "--db", str(not_a_db), "--json")
    assert (code, out) == (2, "")
    assert "无法" in err and "Traceback" not in err
    code, _, err = run(capsys, "stats", "--db", str(tmp_path / "missing" / "x.sqlite"))
    assert code == 2 and "不存在" in err
    code, _, err = run(capsys, "export", "people", "--db", str(tmp_path / "d.sqlite"), "--out", "x.pdf")
    assert code == 2


def test_console_script_runs_headless() -> None:
    result = subprocess.run([sys.executable, "-m", "app.cli", "--version"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0 and "gridledger" in result.stdout
