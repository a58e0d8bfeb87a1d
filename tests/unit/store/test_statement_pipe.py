"""Statements queued on the pipe's thread run in order, inside the caller's transaction, and their
errors reach the caller: an import whose queued insert fails leaves the database as it was."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from app.services.importing.merge import ImportOptions
from app.services.importing.service import run_import
from app.store import statement_pipe
from app.store.db import Database
from app.store.statement_pipe import insert_values, piped
from benchmarks.ledger_data import write_xlsx


def _connection(tmp_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(tmp_path / "pipe.sqlite", isolation_level=None, check_same_thread=False)
    conn.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, label TEXT NOT NULL)")
    return conn


def test_queued_jobs_run_in_order_in_one_transaction(tmp_path: Path) -> None:
    conn = _connection(tmp_path)
    conn.execute("BEGIN")
    with piped(conn) as pipe:
        for start in range(0, 3000, 1000):
            rows = [(n, f"第{n}行") for n in range(start, start + 1000)]
            pipe.submit(lambda cursor, rows=rows: insert_values(cursor, "INSERT INTO t (n, label) VALUES", rows))
        pipe.submit(lambda cursor: cursor.execute("UPDATE t SET label = 'last' WHERE n = (SELECT max(n) FROM t)"))
    conn.execute("ROLLBACK")  # everything the pipe wrote was in the caller's transaction
    assert conn.execute("SELECT count(*) FROM t").fetchone() == (0,)


def test_a_failing_job_raises_in_the_caller_and_later_jobs_do_not_run(tmp_path: Path) -> None:
    conn = _connection(tmp_path)
    ran: list[str] = []
    with pytest.raises(sqlite3.IntegrityError), piped(conn) as pipe:
        pipe.submit(lambda cursor: cursor.execute("INSERT INTO t VALUES (1, 'a')"))
        pipe.submit(lambda cursor: cursor.execute("INSERT INTO t VALUES (1, 'duplicate')"))
        pipe.submit(lambda cursor: ran.append("after the failure"))
    assert ran == []
    assert not any(t.name == "sql-pipe" for t in threading.enumerate())


def test_insert_values_splits_rows_into_statements_below_the_variable_limit(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    conn = _connection(tmp_path)
    monkeypatch.setattr(statement_pipe, "_MAX_VARIABLES", 9)  # up to four rows of two values per statement
    insert_values(conn.cursor(), "INSERT INTO t (n, label) VALUES", [(n, str(n)) for n in range(10)])
    assert conn.execute("SELECT count(*), sum(n) FROM t").fetchone() == (10, 45)


def test_an_import_whose_queued_insert_fails_changes_nothing(db: Database, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = tmp_path / "人口台账.xlsx"
    write_xlsx(ledger, 3000)
    real = statement_pipe.insert_values

    def failing(cursor: sqlite3.Cursor, head: str, rows: list[tuple[object, ...]]) -> None:
        if head.startswith("INSERT INTO memberships"):
            raise sqlite3.OperationalError("disk I/O error")
        real(cursor, head, rows)

    monkeypatch.setattr("app.store.writes.insert_values", failing)
    with db.session() as session:
        before = {t: session.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                  for t in ("people", "households", "outbox", "search_person", "import_batches")}
    with pytest.raises(sqlite3.OperationalError):
        run_import(db, [ledger], ImportOptions(user_name="测试"))
    with db.session() as session:
        after = {t: session.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in before}
    assert after == before


def _index_matches_people(db: Database) -> None:
    with db.session() as session:
        indexed = session.execute(text(
            "SELECT s.person_id, s.name, p.name FROM search_person s LEFT JOIN people p ON p.id = s.person_id")).all()
        living = session.execute(text("SELECT count(*) FROM people WHERE deleted = 0")).scalar()
    assert [row for row in indexed if row[1] != row[2]] == []  # every entry is a living person, by their name
    assert len(indexed) == living


def test_people_indexed_while_reading_are_indexed_once_and_as_written(db: Database, tmp_path: Path) -> None:
    ledger = tmp_path / "人口台账.xlsx"
    write_xlsx(ledger, 3000)
    run_import(db, [ledger], ImportOptions(user_name="测试"))
    _index_matches_people(db)
    run_import(db, [ledger], ImportOptions(user_name="测试"))  # everyone known now: updated, not indexed again
    _index_matches_people(db)


def test_an_entry_indexed_ahead_for_a_row_never_inserted_is_removed(db: Database) -> None:
    from app.store.writes import writing

    with writing(db) as w, w.pipelined():
        w.index_people_ahead([("never-inserted", "王五", "11010519491231002X", None)])
    with db.session() as session:
        assert session.execute(text("SELECT count(*) FROM search_person")).scalar() == 0
        assert session.execute(text("SELECT count(*) FROM search_name_piece")).scalar() == 0


def test_without_serialized_sqlite_an_import_writes_in_its_own_thread(db: Database, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite3, "threadsafety", 1)  # a build whose connections must not be shared

    def no_pipe(*_args: object) -> None:
        raise AssertionError("a statement pipe was started without SQLite's serialized mode")

    monkeypatch.setattr(statement_pipe.StatementPipe, "__init__", no_pipe)
    ledger = tmp_path / "人口台账.xlsx"
    write_xlsx(ledger, 500)
    run_import(db, [ledger], ImportOptions(user_name="测试"))
    _index_matches_people(db)
