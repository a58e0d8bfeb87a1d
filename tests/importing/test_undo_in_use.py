"""Undoing a batch whose rows were used since: refused when later rows belong to its people, households or
cases (nothing changes, the message says what to do); shared entries still in use are kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from app.services.cases import Actor
from app.services.importing.merge import ImportOptions
from app.services.importing.service import UndoError, run_import, undo
from app.services.visits import VisitDraft, VisitService
from app.store.db import Database
from tests.importing.generated import generated_id, ledger

OPTIONS = ImportOptions(user_name="测试", today=date(2024, 3, 15))
ROW_1 = ["甲", generated_id(1), "1号楼", "1单元", "101", "户主"]


def living(db: Database, sql: str) -> list[object]:
    with db.engine.connect() as conn:
        return list(conn.execute(text(sql)).scalars())


def snapshot(db: Database) -> dict[str, int]:
    tables = ("people", "households", "houses", "buildings", "estates", "person_tags", "tag_types", "memberships")
    return {t: len(living(db, f"SELECT id FROM {t} WHERE deleted = 0")) for t in tables}


def test_a_later_batch_that_tags_the_batchs_people_must_be_undone_first(db: Database, tmp_path: Path) -> None:
    people = run_import(db, [ledger(tmp_path / "人口.xlsx", [ROW_1])], OPTIONS)
    special = run_import(db, [ledger(tmp_path / "特殊人群.xlsx",
                                     [["甲", generated_id(1), "1号楼", "1单元", "101", "户主", "独居老人"]])], OPTIONS)
    before = snapshot(db)
    with pytest.raises(UndoError) as refused:
        undo(db, people.batch_id or "", user_name="测试")
    assert "人员标签 1 条" in str(refused.value) and (special.batch_id or "")[:8] in str(refused.value)
    assert snapshot(db) == before
    undo(db, special.batch_id or "", user_name="测试")
    undo(db, people.batch_id or "", user_name="测试")
    assert snapshot(db)["people"] == 0


def test_shared_entries_a_later_batch_uses_are_kept(db: Database, tmp_path: Path) -> None:
    """The first ledger created the estate, the building and the tag types; the second one's people live
    in that building and are 独居老人: undoing the first removes its people and keeps what the second needs."""
    first = run_import(db, [ledger(tmp_path / "一.xlsx", [ROW_1])], OPTIONS)
    second = [["乙", generated_id(2), "1号楼", "1单元", "102", "户主", "独居老人"]]
    run_import(db, [ledger(tmp_path / "二.xlsx", second)], OPTIONS)
    undo(db, first.batch_id or "", user_name="测试")
    assert living(db, "SELECT name FROM people WHERE deleted = 0") == ["乙"]
    assert living(db, "SELECT room FROM houses WHERE deleted = 0") == ["102"]  # 101 was the first batch's alone
    assert living(db, "SELECT name FROM buildings WHERE deleted = 0") == ["1号楼"]
    assert living(db, "SELECT t.name FROM person_tags pt JOIN tag_types t ON t.id = pt.tag_id "
                      "WHERE pt.deleted = 0 AND t.deleted = 0") == ["独居老人"]


def test_a_visit_recorded_since_keeps_the_batch(db: Database, tmp_path: Path) -> None:
    batch = run_import(db, [ledger(tmp_path / "人口.xlsx", [ROW_1])], OPTIONS)
    person = living(db, "SELECT id FROM people")[0]
    VisitService(db).record(VisitDraft("入户", person_id=str(person), findings="身体尚好"),
                            Actor("王网格", "grid_worker"))
    before = snapshot(db)
    with pytest.raises(UndoError, match=r"走访记录 1 条.*请先删除"):
        undo(db, batch.batch_id or "", user_name="测试")
    assert snapshot(db) == before


def test_places_and_grids_already_sent_to_the_server_are_kept(db: Database, tmp_path: Path) -> None:
    """Another desktop may have put its own people in that building by now: only the batch's people,
    households and tags go."""
    batch = run_import(db, [ledger(tmp_path / "人口.xlsx", [[*ROW_1, "独居老人"]])], OPTIONS)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE outbox SET status = 'sent'"))  # as a sync round leaves them
    undo(db, batch.batch_id or "", user_name="测试")
    after = snapshot(db)
    assert after["people"] == after["households"] == after["memberships"] == after["person_tags"] == 0
    assert after["houses"] == after["buildings"] == after["estates"] == 1 and after["tag_types"] == 14
    assert living(db, "SELECT level FROM org_nodes WHERE deleted = 0 ORDER BY level") == ["community", "grid"]
