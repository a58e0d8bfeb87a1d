"""The import commands as a user runs them: exit codes, messages, dry run, re-import, undo, a killed import."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import text

from app.cli import main
from app.services.importing.merge import ImportOptions
from app.services.importing.service import run_import
from app.services.importing.undo import undo_batch
from app.store import audit
from app.store.db import Database
from app.store.models import Person
from app.store.writes import Writer, writing
from tests.importing.conftest import LEDGERS, needs_corpus, truth_of

ROOT = Path(__file__).resolve().parents[2]
P06 = LEDGERS / "people_06_id_mess.xlsx"
P12 = LEDGERS / "people_12_grid_combined.xlsx"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def counts(db_path: Path) -> dict[str, int]:
    db = Database(db_path)
    with db.engine.connect() as conn:
        found = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                 for t in ("people", "households", "houses", "person_tags", "outbox", "import_batches")}
    db.close()
    return found


# --- unreadable files: exit 2 and a message naming the file, never a traceback ------------------

def _encrypted_xlsx(path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    wb = Workbook()
    wb.active.append(["姓名", "身份证号"])
    plain = io.BytesIO()
    wb.save(plain)
    plain.seek(0)
    with path.open("wb") as out:
        OOXMLFile(plain).encrypt("mima123", out)


@pytest.mark.parametrize("kind", ["corrupt", "empty", "password", "wrong_type", "html_as_xls", "no_header",
                                  "header_only", "missing"])
def test_unreadable_file_gives_exit_2_and_a_chinese_message(kind: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"台账_{kind}.xlsx"
    if kind == "corrupt":
        path.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "password":
        _encrypted_xlsx(path)
    elif kind == "wrong_type":
        path = tmp_path / "说明.docx.xlsx"
        path.write_bytes(b"%PDF-1.7\n" + os.urandom(500))
    elif kind == "html_as_xls":
        path = tmp_path / "导出.xls"
        path.write_text("<html><body><table><tr><td>姓名</td></tr></table></body></html>", encoding="utf-8")
    elif kind == "no_header":
        wb = Workbook()
        wb.active.append(["随便", "写点", "什么"])
        wb.save(path)
    elif kind == "header_only":
        wb = Workbook()
        wb.active.append(["姓名", "身份证号", "楼栋", "房号"])
        wb.save(path)
    db = tmp_path / "db.sqlite"
    code, out, err = run(capsys, "import", str(path), "--db", str(db), "--json")
    assert code == 2
    assert out == ""
    assert path.name in err and "Traceback" not in err
    assert err.splitlines()[-1].startswith("错误：")
    if kind == "password":
        assert "密码" in err
    if db.exists():
        assert counts(db)["people"] == 0


# --- the JSON document and exit codes ------------------------------------------------------------

@needs_corpus
def test_json_document_counts_rejects_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    truth = truth_of(P06)
    code, out, _err = run(capsys, "import", str(P06), "--db", str(tmp_path / "db.sqlite"), "--json",
                          "--today", truth["reference_date"])
    document = json.loads(out)
    assert code == 1
    assert document["dry_run"] is False and document["batch"]
    assert document["files"][0]["sha256"] and document["files"][0]["sheets"][0]["header_rows"] == [2]
    assert document["counts"]["people"] == {"created": 140, "updated": 0, "unchanged": 0, "rejected": 7}
    assert document["counts"]["households"]["created"] == len(truth["households"])
    reject = next(r for r in document["rejects"] if r["reason"] == "id_precision_lost")
    assert reject["file"] == P06.name and reject["column"] == "M" and reject["sheet"] == "人口信息"
    assert "丢失" in reject["message"]


@needs_corpus
def test_clean_file_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "import", str(LEDGERS / "people_01_clean.xlsx"), "--db", str(tmp_path / "d.sqlite"))
    assert code == 0 and "人员：新增 94" in out


@needs_corpus
def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db.sqlite"
    Database(db).close()
    before = counts(db)
    code, out, _err = run(capsys, "import", str(P12), "--db", str(db), "--dry-run", "--json")
    document = json.loads(out)
    assert code == 1 and document["dry_run"] is True and document["batch"] is None
    assert document["counts"]["people"]["created"] == 163
    assert counts(db) == before


@needs_corpus
def test_reimport_updates_never_duplicates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_path = tmp_path / "db.sqlite"
    run(capsys, "import", str(P12), "--db", str(db_path))
    first = counts(db_path)
    code, out, _err = run(capsys, "import", str(P12), "--db", str(db_path), "--json")
    document = json.loads(out)
    assert code == 1  # the six rejected rows are still rejected
    assert document["counts"]["people"] == {"created": 0, "updated": 0, "unchanged": 163, "rejected": 6}
    after = counts(db_path)
    assert {k: after[k] for k in ("people", "households", "houses", "person_tags")} == \
        {k: first[k] for k in ("people", "households", "houses", "person_tags")}
    # A changed phone in a newer ledger updates the one person, through the write path.
    db = Database(db_path)
    with db.engine.connect() as conn:
        person = conn.execute(text("SELECT id, id_number, name FROM people WHERE deleted = 0 LIMIT 1")).one()
    db.close()
    changed = tmp_path / "新台账.xlsx"
    wb = Workbook()
    wb.active.append(["姓名", "身份证号", "联系电话"])
    wb.active.append([person.name, person.id_number, "13900001111"])
    wb.save(changed)
    _code, out, _err = run(capsys, "import", str(changed), "--db", str(db_path), "--json")
    assert json.loads(out)["counts"]["people"] == {"created": 0, "updated": 1, "unchanged": 0, "rejected": 0}
    db = Database(db_path)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT phone FROM people WHERE id = :i"), {"i": person.id}).scalar_one() == \
            "13900001111"
        assert conn.execute(text("SELECT count(*) FROM people WHERE id_number = :n"),
                            {"n": person.id_number}).scalar_one() == 1
        patch = conn.execute(text("SELECT fields FROM outbox WHERE row_id = :i AND kind = 'patch'"),
                             {"i": person.id}).scalar_one()
    db.close()
    assert json.loads(patch) == {"phone": "13900001111"}


@needs_corpus
def test_undo_import_reverts_exactly_and_is_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_path = tmp_path / "db.sqlite"
    run(capsys, "import", str(P12), "--db", str(db_path))
    before = counts(db_path)
    special = LEDGERS / "special_groups_01.xlsx"
    code, out, _ = run(capsys, "import", str(special), "--db", str(db_path), "--json")
    batch = json.loads(out)["batch"]
    code, out, _ = run(capsys, "imports", "--db", str(db_path), "--json")
    listed = json.loads(out)["batches"]
    assert listed[0]["batch"] == batch and listed[0]["files"][0]["name"] == special.name
    code, out, _ = run(capsys, "undo-import", batch, "--db", str(db_path), "--user", "李书记")
    assert code == 0 and "已撤销" in out
    code, out, _ = run(capsys, "imports", "--db", str(db_path), "--json")
    listed = json.loads(out)["batches"]
    assert listed[0]["undone_by"] == "李书记" and listed[0]["undone_at"] and listed[1]["undone_at"] is None
    code, out, _ = run(capsys, "imports", "--db", str(db_path))
    assert "由李书记撤销" in out.splitlines()[0]
    db = Database(db_path)
    with db.engine.connect() as conn:
        living = {t: conn.execute(text(f"SELECT count(*) FROM {t} WHERE deleted = 0")).scalar_one()
                  for t in ("people", "households", "houses", "person_tags")}
        details = [json.loads(d) if d else None for (d,) in conn.execute(
            text("SELECT detail FROM person_tags WHERE deleted = 0"))]
        deletes = conn.execute(text("SELECT count(*) FROM outbox WHERE kind = 'delete'")).scalar_one()
    db.close()
    assert living == {k: before[k] for k in living}
    assert not any(details)  # details the special ledger added to existing tags are reverted too
    assert deletes > 0  # the undo went through the write path
    code, _out, err = run(capsys, "undo-import", batch, "--db", str(db_path))
    assert code == 2 and "撤销过" in err


@needs_corpus
def test_undo_after_a_created_person_was_deleted_by_hand(db: Database) -> None:
    outcome = run_import(db, [LEDGERS / "people_01_clean.xlsx"], ImportOptions(today=date(2023, 12, 20)))
    with db.engine.connect() as conn:
        created = conn.execute(text("SELECT count(*) FROM people WHERE deleted = 0")).scalar_one()
        first = conn.execute(text("SELECT id FROM people ORDER BY rowid LIMIT 1")).scalar_one()
    with writing(db) as w:
        w.delete(Person, first)
    reverted = undo_batch(db, outcome.batch_id or "")
    assert reverted["people"] == created - 1  # the one deleted by hand was already gone
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM people WHERE deleted = 0")).scalar_one() == 0
        assert conn.execute(text("SELECT count(*) FROM search_person")).scalar_one() == 0


# --- a failed or killed import leaves the database unchanged -------------------------------------

@needs_corpus
def test_exception_mid_batch_leaves_database_unchanged(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    run_import(db, [LEDGERS / "people_01_clean.xlsx"], ImportOptions(today=date(2023, 12, 20)))
    with db.engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM people")).scalar_one()
        outbox = conn.execute(text("SELECT count(*) FROM outbox")).scalar_one()
    real = Writer.bulk_insert

    def failing(self: Writer, model: type, rows: list, **kw: object) -> list[str]:
        if model.__tablename__ == "memberships":
            raise OSError("磁盘已满")
        return real(self, model, rows, **kw)

    monkeypatch.setattr(Writer, "bulk_insert", failing)
    with pytest.raises(OSError):
        run_import(db, [P12], ImportOptions(today=date(2023, 12, 20)))
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM people")).scalar_one() == before
        assert conn.execute(text("SELECT count(*) FROM outbox")).scalar_one() == outbox
        assert conn.execute(text("SELECT count(*) FROM import_batches")).scalar_one() == 1


def test_killed_import_leaves_database_unchanged(tmp_path: Path) -> None:
    """A real process is killed (SIGKILL) while it writes; the next open sees the database as before."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.ledger_data import write_xlsx

    ledger = tmp_path / "big.xlsx"
    write_xlsx(ledger, 6000)
    db_path = tmp_path / "db.sqlite"
    Database(db_path).close()
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "import", str(ledger), "--db", str(db_path)],
                            cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stderr is not None
    seen = b""
    deadline = time.monotonic() + 120
    while b"\xe6\xad\xa3\xe5\x9c\xa8\xe5\x86\x99\xe5\x85\xa5" not in seen:  # "正在写入"
        chunk = proc.stderr.read1(256)  # type: ignore[attr-defined]
        assert chunk and time.monotonic() < deadline, seen.decode(errors="replace")
        seen += chunk
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    found = counts(db_path)
    assert found["people"] == 0 and found["outbox"] == 0 and found["import_batches"] == 0
    db = Database(db_path)
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    db.close()


@needs_corpus
def test_error_workbook_can_be_fixed_and_imported_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The worker types the right ID into each highlighted row and imports the workbook as it is."""
    import random

    from openpyxl import load_workbook

    from app.domain.ids import generate_id

    truth = truth_of(P12)
    db_path, errors = tmp_path / "db.sqlite", tmp_path / "错误.xlsx"
    code, _out, _err = run(capsys, "import", str(P12), "--db", str(db_path), "--errors", str(errors),
                           "--today", truth["reference_date"])
    assert code == 1
    db = Database(db_path)
    [logged] = [e for e in audit.entries(db) if e.action == "export_import_errors"]  # IDs in full leave here
    assert (logged.target, logged.people_count) == (str(errors), len(truth["rejects"])) and logged.user_name
    db.close()
    wb = load_workbook(errors)
    ws = wb.active
    headers = [c.value for c in ws[1]]
    assert headers[-3:] == ["原文件", "原行号", "错误原因"]
    assert ws.cell(2, len(headers)).fill.fgColor.rgb.endswith("FFC7CE")
    rows = {ws.cell(r, len(headers) - 1).value: r for r in range(2, ws.max_row + 1)}
    assert sorted(rows) == sorted(r["row"] for r in truth["rejects"])
    id_col = headers.index("证件号码\n（18位）") + 1
    assert ws.cell(rows[93], id_col).fill.fgColor.rgb.endswith("FFEB9C")  # the offending cell
    rng = random.Random(5)
    fixed = {}
    for number, r in sorted(rows.items(), key=lambda item: -item[1]):  # bottom up: deleting keeps rows above
        if number == 63:  # the duplicate_conflict row: the worker deletes it
            ws.delete_rows(r)
            continue
        new_id = generate_id(rng, "210112", date(1980, 1, 1 + len(fixed)), male=True)
        ws.cell(r, id_col).value = new_id
        if not ws.cell(r, headers.index("姓名") + 1).value:
            ws.cell(r, headers.index("姓名") + 1).value = "补录"
        fixed[new_id] = next(x for x in truth["rejects"] if x["row"] == number)["address_key"]
    wb.save(errors)
    code, out, _err = run(capsys, "import", str(errors), "--db", str(db_path), "--json",
                          "--today", truth["reference_date"])
    document = json.loads(out)
    assert code == 0, document["rejects"]
    assert document["counts"]["people"]["created"] == len(fixed)
    db = Database(db_path)
    with db.engine.connect() as conn:
        for id_number, address_key in fixed.items():
            key = conn.execute(text("""
                SELECT e.name || '|' || b.name || '|' || u.name || '|' || h.room FROM people p
                JOIN households hh ON hh.id = p.household_id JOIN houses h ON h.id = hh.house_id
                JOIN buildings b ON b.id = h.building_id JOIN estates e ON e.id = b.estate_id
                JOIN units u ON u.id = h.unit_id WHERE p.id_number = :n"""), {"n": id_number}).scalar_one()
            assert key == address_key
    db.close()


@needs_corpus
def test_rows_go_to_the_grid_the_file_names_or_the_one_chosen(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    db_path = tmp_path / "db.sqlite"
    run(capsys, "import", str(P12), "--db", str(db_path))  # title: 丰乐社区第11网格人口信息台账
    run(capsys, "import", str(LEDGERS / "people_01_clean.xlsx"), "--db", str(db_path), "--grid", "幸福里社区/第三网格")
    db = Database(db_path)
    with db.engine.connect() as conn:
        grids = conn.execute(text("""
            SELECT c.name, g.name, count(p.id) FROM people p JOIN org_nodes g ON g.id = p.grid_id
            JOIN org_nodes c ON c.id = g.parent_id GROUP BY c.name, g.name ORDER BY c.name""")).all()
        buildings = conn.execute(text("SELECT count(*) FROM buildings WHERE grid_id IS NULL")).scalar_one()
    db.close()
    assert [tuple(r) for r in grids] == [("丰乐社区", "第11网格", 163), ("幸福里社区", "第三网格", 94)]
    assert buildings == 0


@needs_corpus
def test_a_grid_workers_import_records_the_grid_workers_steps(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """--grid-worker: a mediated dispute is 现场处置 (handled) for the secretary's 核查办结, never closed."""
    db_path = tmp_path / "db.sqlite"
    disputes = str(LEDGERS / "disputes_01.xlsx")
    code, _out, err = run(capsys, "import", disputes, "--db", str(db_path), "--grid-worker")
    assert code == 2 and "--grid" in err and not db_path.exists()
    code, _out, _err = run(capsys, "import", disputes, "--db", str(db_path), "--grid-worker",
                           "--grid", "幸福里社区/第一网格", "--user", "李网格", "--quiet")
    assert code in (0, 1)
    db = Database(db_path)
    with db.engine.connect() as conn:
        states = set(conn.execute(text("SELECT state FROM cases")).scalars())
        grids = set(conn.execute(text("SELECT g.name FROM cases c JOIN org_nodes g ON g.id = c.grid_id")).scalars())
    db.close()
    assert "handled" in states and "closed" not in states
    assert grids == {"第一网格"}


@needs_corpus
def test_keep_chooses_the_other_row_of_a_conflict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--keep names a row rejected as duplicate_conflict; that row is imported and the first one rejected."""
    conflict = next(r for r in truth_of(P12)["rejects"] if r["reason"] == "duplicate_conflict")
    db_path = tmp_path / "db.sqlite"
    _code, out, _ = run(capsys, "import", str(P12), "--db", str(db_path), "--json", "--dry-run")
    first = next(r for r in json.loads(out)["rejects"] if r["reason"] == "duplicate_conflict")
    assert first["row"] == conflict["row"]
    code, out, _ = run(capsys, "import", str(P12), "--db", str(db_path), "--json",
                       "--keep", f"{conflict['sheet']}:{conflict['row']}")
    assert code == 1  # rows were still rejected
    rejected = [r for r in json.loads(out)["rejects"] if r["reason"] == "duplicate_conflict"]
    assert len(rejected) == 1 and rejected[0]["row"] < conflict["row"]  # now the first row is the one refused
    assert "按您的选择" in rejected[0]["message"]


@needs_corpus
@pytest.mark.parametrize(("ref", "says"), [("3", "不是因"), ("第3行", "格式应为"), ("其他表:3", "不是因")])
def test_a_keep_that_names_no_conflicting_row_changes_nothing(ref: str, says: str, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    db_path = tmp_path / "db.sqlite"
    code, _out, err = run(capsys, "import", str(P12), "--db", str(db_path), "--keep", ref)
    assert code == 2 and says in err and "Traceback" not in err
    if db_path.exists():
        assert counts(db_path)["people"] == 0


@needs_corpus
@pytest.mark.parametrize("bad_at", [0, 1, 2])
def test_one_unreadable_file_among_several_imports_nothing(bad_at: int, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Files are read one ahead of the one being checked: wherever the bad one is, the message names it
    and nothing of the others is written."""
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    files = [str(LEDGERS / "people_01_clean.xlsx"), str(LEDGERS / "special_groups_01.xlsx")]
    files.insert(bad_at, str(bad))
    db_path = tmp_path / "db.sqlite"
    code, out, err = run(capsys, "import", *files, "--db", str(db_path), "--json")
    assert code == 2 and out == "" and bad.name in err and "Traceback" not in err
    assert counts(db_path)["people"] == 0


def test_files_of_the_same_name_in_different_folders_are_told_apart(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Each grid's folder holds a 人口台账.xlsx: messages, the rows to keep and the batch name each by its folder."""
    from tests.importing.generated import generated_id, ledger

    first, second = tmp_path / "一网格" / "人口台账.xlsx", tmp_path / "二网格" / "人口台账.xlsx"
    for path in (first, second):
        path.parent.mkdir()
    ledger(first, [["测甲", generated_id(1), "1号楼", "1单元", "101", "户主"]])
    ledger(second, [["测乙", generated_id(2), "2号楼", "1单元", "101", "户主"],
                    ["测甲", generated_id(1), "2号楼", "1单元", "102", "户主"]])  # moved, says the second copy
    db_path = tmp_path / "db.sqlite"
    code, out, _ = run(capsys, "import", str(first), str(second), "--db", str(db_path), "--json", "--dry-run")
    document = json.loads(out)
    assert code == 1 and [f["file"] for f in document["files"]] == ["一网格/人口台账.xlsx", "二网格/人口台账.xlsx"]
    [conflict] = document["rejects"]
    assert conflict["file"] == "二网格/人口台账.xlsx" and conflict["row"] == 3
    assert "与一网格/人口台账.xlsx Sheet第 2 行相同" in conflict["message"]
    [kept] = [w for w in document["warnings"] if w["reason"] == "duplicate_conflict_kept"]
    assert kept["file"] == "一网格/人口台账.xlsx" and "在二网格/人口台账.xlsx Sheet第 3 行还有" in kept["message"]
    code, out, _ = run(capsys, "import", str(first), str(second), "--db", str(db_path), "--json",
                       "--keep", f"二网格/人口台账.xlsx:{conflict['sheet']}:3")
    [refused] = json.loads(out)["rejects"]
    assert refused["file"] == "一网格/人口台账.xlsx" and "按您的选择" in refused["message"]
    db = Database(db_path)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT h.room FROM people p JOIN households hh ON hh.id = p.household_id "
                                 "JOIN houses h ON h.id = hh.house_id WHERE p.name = '测甲'")).scalar_one() == "102"
    db.close()
    broken = tmp_path / "三网格" / "人口台账.xlsx"
    broken.parent.mkdir()
    broken.write_bytes(b"not a workbook")
    code, _out, err = run(capsys, "import", str(first), str(broken), "--db", str(db_path))
    assert code == 2 and "三网格/人口台账.xlsx：" in err


def test_a_long_number_in_an_address_column_is_kept_as_written(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """An ID or phone typed into 楼栋, 单元 or 房号 (as a number) was a building number SQLite cannot store: the
    import ended in a traceback. Now the cells are kept as written, and the rows import."""
    from tests.importing.generated import generated_id, ledger

    path = ledger(tmp_path / "人口台账.xlsx", [["测甲", generated_id(1), 1e20, "1单元", "101", "户主"],
                                            ["测乙", generated_id(2), "2号楼", 13800000000, "101", "户主"],
                                            ["测丙", generated_id(3), "3号楼", "1单元", 10**14, "户主"]])
    db_path = tmp_path / "db.sqlite"
    code, out, err = run(capsys, "import", str(path), "--db", str(db_path), "--json")
    assert code == 0 and "Traceback" not in err
    assert json.loads(out)["counts"]["people"]["created"] == 3
    db = Database(db_path)
    with db.engine.connect() as conn:
        addresses = set(conn.execute(text(
            "SELECT b.name || '|' || coalesce(u.name, '') || '|' || h.room || '|' || coalesce(h.floor, '') "
            "FROM houses h JOIN buildings b ON b.id = h.building_id LEFT JOIN units u ON u.id = h.unit_id")).scalars())
    db.close()
    assert addresses == {"100000000000000000000|1单元|101|1", "2号楼|13800000000|101|1",
                         "3号楼|1单元|100000000000000|"}


def test_the_keep_a_conflict_suggests_names_its_file_when_another_file_has_the_same_row(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two grids' ledgers each with a conflict at Sheet row 3: each message's --keep names its file, and following
    it keeps that row only; a conflict alone at its sheet and row is named without the file."""
    from tests.importing.generated import generated_id, ledger

    one, two = tmp_path / "一网格.xlsx", tmp_path / "二网格.xlsx"
    ledger(one, [["测甲", generated_id(1), "1号楼", "1单元", "101", "户主"],
                 ["测甲", generated_id(1), "1号楼", "1单元", "102", "户主"]])
    ledger(two, [["测乙", generated_id(2), "2号楼", "1单元", "101", "户主"],
                 ["测乙", generated_id(2), "2号楼", "1单元", "202", "户主"],
                 ["测丙", generated_id(3), "2号楼", "1单元", "301", "户主"],
                 ["测丙", generated_id(3), "2号楼", "1单元", "302", "户主"]])
    db_path = tmp_path / "db.sqlite"
    _code, out, _ = run(capsys, "import", str(one), str(two), "--db", str(db_path), "--json", "--dry-run")
    suggested = {(r["file"], r["row"]): r["message"].split("--keep ")[1].rstrip("）")
                 for r in json.loads(out)["rejects"]}
    assert suggested == {("一网格.xlsx", 3): "一网格.xlsx:Sheet:3", ("二网格.xlsx", 3): "二网格.xlsx:Sheet:3",
                         ("二网格.xlsx", 5): "Sheet:5"}
    code, out, _ = run(capsys, "import", str(one), str(two), "--db", str(db_path), "--json",
                       "--keep", suggested[("二网格.xlsx", 3)], "--keep", suggested[("二网格.xlsx", 5)])
    assert code == 1
    assert sorted((r["file"], r["row"]) for r in json.loads(out)["rejects"]) == [
        ("一网格.xlsx", 3), ("二网格.xlsx", 2), ("二网格.xlsx", 4)]


@needs_corpus
def test_rejects_and_warnings_are_listed_in_the_order_of_the_rows(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """people_12's conflict of rows 62 and 63 is found after the whole sheet: it is still listed at row 63."""
    _code, out, _ = run(capsys, "import", str(P12), "--db", str(tmp_path / "db.sqlite"), "--json", "--dry-run")
    document = json.loads(out)
    for kind in ("rejects", "warnings"):
        rows = [r["row"] for r in document[kind]]
        assert rows == sorted(rows) and len(rows) > 2, kind
    assert "duplicate_conflict" in {r["reason"] for r in document["rejects"]}


@needs_corpus
def test_a_conflict_across_the_sheets_of_one_workbook_names_the_other_sheet(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """people_09 has one sheet per building: the kept row's warning says which building's sheet the other row is on."""
    path = LEDGERS / "people_09_sheet_per_building.xlsx"
    _code, out, _ = run(capsys, "import", str(path), "--db", str(tmp_path / "db.sqlite"), "--json", "--dry-run")
    document = json.loads(out)
    [conflict] = [r for r in document["rejects"] if r["reason"] == "duplicate_conflict"]
    [kept] = [w for w in document["warnings"] if w["reason"] == "duplicate_conflict_kept"]
    assert f"在{conflict['sheet']}第 {conflict['row']} 行还有" in kept["message"]
    assert kept["sheet"] != conflict["sheet"] and f"与{kept['sheet']}第 {kept['row']} 行相同" in conflict["message"]
