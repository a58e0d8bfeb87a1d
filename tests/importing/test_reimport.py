"""Ledgers imported again: a year later (people who moved are moved, never duplicated, and undo moves them
back; the changes point at rows the same batch creates) or after the first import was undone."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text

from app.services.importing.merge import ImportOptions
from app.services.importing.service import run_import, undo
from app.store.db import Database
from tests.importing.generated import generated_id, ledger

OPTIONS = ImportOptions(user_name="测试", today=date(2024, 3, 15))


def household_of(db: Database, seq: int) -> dict[str, Any]:
    """The person's household: its house's building and room, its head's ID, and the person's memberships."""
    with db.engine.connect() as conn:
        row = conn.execute(text(
            "SELECT p.id, h.id AS household, b.name AS building, ho.room, head.id_number AS head "
            "FROM people p JOIN households h ON h.id = p.household_id JOIN houses ho ON ho.id = h.house_id "
            "JOIN buildings b ON b.id = ho.building_id LEFT JOIN people head ON head.id = h.head_person_id "
            "WHERE p.id_number = :n AND p.deleted = 0"), {"n": generated_id(seq)}).mappings().one()
        memberships = conn.execute(text(
            "SELECT household_id, left_on, reason FROM memberships WHERE person_id = :p AND deleted = 0 "
            "ORDER BY left_on IS NULL, joined_on"), {"p": row["id"]}).all()
    return {**row, "memberships": [tuple(m) for m in memberships]}


def test_someone_who_moved_to_a_new_address_moves_into_a_new_household(db: Database, tmp_path: Path) -> None:
    first = ledger(tmp_path / "2023.xlsx", [["甲", generated_id(1), "1号楼", "1单元", "101", "户主"],
                                           ["乙", generated_id(2), "1号楼", "1单元", "101", "妻"]])
    run_import(db, [first], OPTIONS)
    before = household_of(db, 2)
    moved = ledger(tmp_path / "2024.xlsx", [["乙", generated_id(2), "2号楼", "1单元", "202", "户主"]])
    outcome = run_import(db, [moved], OPTIONS)

    counts = outcome.document["counts"]
    assert counts["people"]["updated"] == 1 and counts["people"]["created"] == 0
    assert counts["households"]["created"] == 1 and counts["houses"]["created"] == 1
    after = household_of(db, 2)
    assert (after["building"], after["room"], after["head"]) == ("2号楼", "202", generated_id(2))
    assert after["memberships"] == [(before["household"], "2024-03-15", "台账导入：迁入其他户"),
                                    (after["household"], None, "台账导入")]
    assert household_of(db, 1)["household"] == before["household"]  # 甲 stays where he was

    undo(db, outcome.batch_id or "", user_name="测试")
    assert household_of(db, 2) == before


def test_a_new_head_of_a_known_household_is_a_person_the_same_batch_creates(db: Database, tmp_path: Path) -> None:
    run_import(db, [ledger(tmp_path / "2023.xlsx", [["乙", generated_id(2), "1号楼", "1单元", "101", "妻"]])],
               OPTIONS)
    assert household_of(db, 2)["head"] is None
    again = ledger(tmp_path / "2024.xlsx", [["丙", generated_id(3), "1号楼", "1单元", "101", "户主"],
                                           ["乙", generated_id(2), "1号楼", "1单元", "101", "妻"]])
    outcome = run_import(db, [again], OPTIONS)
    assert outcome.document["counts"]["households"] == {"created": 0, "updated": 1, "unchanged": 0,
                                                           "rejected": 0}
    assert household_of(db, 2)["head"] == generated_id(3) == household_of(db, 3)["head"]


def test_a_ledger_imported_again_after_its_import_was_undone(db: Database, tmp_path: Path) -> None:
    """The undone batch's tag types (the default ones and a custom one) keep their names and codes as
    tombstones: importing again brings them back instead of failing on the taken name."""
    path = ledger(tmp_path / "人口.xlsx", [["甲", generated_id(1), "1号楼", "1单元", "101", "户主", "独居老人"],
                                          ["乙", generated_id(2), "1号楼", "1单元", "102", "户主", "种植大户"]])
    first = run_import(db, [path], OPTIONS)
    undo(db, first.batch_id or "", user_name="测试")
    again = run_import(db, [path], OPTIONS)
    assert again.document["counts"] == first.document["counts"]
    with db.engine.connect() as conn:
        tags = conn.execute(text("SELECT t.name FROM person_tags pt JOIN tag_types t ON t.id = pt.tag_id "
                                 "WHERE pt.deleted = 0 AND t.deleted = 0 ORDER BY t.name")).scalars().all()
        names = conn.execute(text("SELECT name FROM tag_types GROUP BY name HAVING count(*) > 1")).all()
    assert tags == ["独居老人", "种植大户"] and names == []
    undo(db, again.batch_id or "", user_name="测试")  # and once more: the tag types go back to deleted
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM tag_types WHERE deleted = 0")).scalar_one() == 0
    assert run_import(db, [path], OPTIONS).document["counts"] == first.document["counts"]
