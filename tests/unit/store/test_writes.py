"""The one write path: every change stamps its fields and lands in the outbox in the same transaction."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from app.store.db import Database
from app.store.models import Building, Estate, House, Household, OrgNode, OutboxEntry, Person, SyncState
from app.store.writes import WriteError, writing


def _place(db: Database) -> dict[str, str]:
    with writing(db) as w:
        community = w.insert(OrgNode, {"level": "community", "name": "幸福里社区"})
        grid = w.insert(OrgNode, {"level": "grid", "name": "第一网格", "parent_id": community})
        w.update(OrgNode, grid, {"grid_id": grid})
        estate = w.insert(Estate, {"name": "锦绣花园", "community_id": community})
        building = w.insert(Building, {"name": "3号楼", "number": 3, "estate_id": estate, "grid_id": grid})
        house = w.insert(House, {"building_id": building, "room": "501", "floor": 5, "grid_id": grid})
        household = w.insert(Household, {"house_id": house, "grid_id": grid})
    return {"grid": grid, "house": house, "household": household}


def _outbox(db: Database) -> list[OutboxEntry]:
    with db.session() as s:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.device_seq)))


def test_insert_appends_an_outbox_entry_with_the_row_grid(db: Database) -> None:
    place = _place(db)
    with writing(db) as w:
        pid = w.insert(Person, {"name": "张三", "household_id": place["household"], "grid_id": place["grid"]})
    last = _outbox(db)[-1]
    assert (last.table_name, last.row_id, last.kind, last.grid_id) == ("people", pid, "insert", place["grid"])
    assert last.fields is None  # the full row is read at push time


def test_update_stamps_only_changed_fields_and_records_the_base(db: Database) -> None:
    place = _place(db)
    with writing(db) as w:
        pid = w.insert(Person, {"name": "张三", "phone": "13800000000", "grid_id": place["grid"]})
    with db.session() as s:
        created = s.get(Person, pid).hlc
    with writing(db) as w:
        changed = w.update(Person, pid, {"phone": "13900000000", "name": "张三", "birth_date": date(1990, 1, 1)})
    assert changed == {"phone": "13900000000", "birth_date": date(1990, 1, 1)}
    entry = _outbox(db)[-1]
    assert entry.kind == "patch"
    assert entry.fields == {"phone": "13900000000", "birth_date": "1990-01-01"}
    assert entry.base == {"phone": created, "birth_date": created}
    with db.session() as s:
        person = s.get(Person, pid)
        assert set(person.field_hlc) == {"phone", "birth_date"}
        assert person.field_hlc["phone"] > created
        assert person.field_hlc["phone"] == entry.hlc


def test_update_without_a_change_writes_nothing(db: Database) -> None:
    place = _place(db)
    before = len(_outbox(db))
    with writing(db) as w:
        assert w.update(Household, place["household"], {"house_id": place["house"]}) == {}
    assert len(_outbox(db)) == before


def test_delete_is_a_tombstone_with_a_delete_entry(db: Database) -> None:
    place = _place(db)
    with writing(db) as w:
        w.delete(Household, place["household"])
    with db.session() as s:
        assert s.get(Household, place["household"]).deleted is True
    assert _outbox(db)[-1].kind == "delete"
    with pytest.raises(WriteError), writing(db) as w:
        w.update(Household, place["household"], {"note": "改动已删除的户"})


def test_bulk_delete_tombstones_like_delete_and_skips_rows_already_gone(db: Database) -> None:
    place = _place(db)
    with writing(db) as w:
        ids = w.bulk_insert(Person, [{"name": f"李{i}", "grid_id": place["grid"]} for i in range(3)])
        w.update(Person, ids[1], {"deleted": True, "note": "已迁出"})
    with db.session() as s:
        stamps = {pid: s.get(Person, pid).field_hlc or {} for pid in ids}
        created = s.get(Person, ids[0]).hlc
    with writing(db) as w:
        assert w.bulk_delete(Person, ids) == 2  # the one deleted already is left as it is
    entries = [e for e in _outbox(db) if e.kind == "delete"]
    assert [e.row_id for e in entries] == [ids[1], ids[2], ids[0]]  # the rows written last first
    third, first = entries[1], entries[2]
    assert first.fields == {"deleted": True} and first.base == {"deleted": created}
    assert first.grid_id == place["grid"] and first.hlc == third.hlc
    with db.session() as s:
        people = {pid: s.get(Person, pid) for pid in ids}
        assert all(p.deleted for p in people.values())
        assert people[ids[0]].field_hlc == {"deleted": first.hlc}
        assert people[ids[1]].field_hlc == stamps[ids[1]]  # untouched
        indexed = s.execute(text("SELECT count(*) FROM search_person")).scalar_one()
    assert indexed == 0  # deleted people leave the search index


def test_a_failed_transaction_leaves_no_row_no_outbox_and_no_clock_advance(db: Database) -> None:
    place = _place(db)
    with db.session() as s:
        clock_before = s.get(SyncState, "hlc_last").value
    entries_before = len(_outbox(db))
    with pytest.raises(RuntimeError), writing(db) as w:
        w.insert(Person, {"name": "李四", "grid_id": place["grid"]})
        raise RuntimeError("断电")
    assert len(_outbox(db)) == entries_before
    with db.session() as s:
        assert s.scalar(select(Person).where(Person.name == "李四")) is None
        assert s.get(SyncState, "hlc_last").value == clock_before


def test_bulk_insert_writes_rows_and_outbox_together(db: Database) -> None:
    place = _place(db)
    rows = [{"name": f"王{i}", "grid_id": place["grid"], "birth_date": date(1980, 1, 1 + i % 28)}
            for i in range(1000)]
    with writing(db) as w:
        ids = w.bulk_insert(Person, rows)
    assert len(set(ids)) == 1000
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM people")).scalar() == 1000
        assert conn.execute(text("SELECT count(*) FROM outbox WHERE table_name = 'people'")).scalar() == 1000
    with db.session() as s:
        assert s.get(Person, ids[5]).birth_date == date(1980, 1, 6)


def test_unknown_fields_are_refused(db: Database) -> None:
    with pytest.raises(WriteError), writing(db) as w:
        w.insert(Person, {"name": "赵六", "shoe_size": 42})


def test_stamps_increase_across_transactions(db: Database) -> None:
    _place(db)
    stamps = [e.hlc for e in _outbox(db)]
    assert stamps == sorted(stamps)


def test_unique_id_number_for_living_people_only(db: Database) -> None:
    place = _place(db)
    with writing(db) as w:
        first = w.insert(Person, {"name": "甲", "id_number": "110101199003070015", "grid_id": place["grid"]})
    with pytest.raises(Exception, match="UNIQUE"), writing(db) as w:
        w.insert(Person, {"name": "乙", "id_number": "110101199003070015", "grid_id": place["grid"]})
    with writing(db) as w:
        w.delete(Person, first)
        w.insert(Person, {"name": "乙", "id_number": "110101199003070015", "grid_id": place["grid"]})


def test_a_writer_without_indexing_writes_rows_and_outbox_but_leaves_the_search_index(db: Database) -> None:
    """An import's dry run (always rolled back) skips the index; every other writer keeps it in step."""
    from app.store.writes import Writer

    place = _place(db)
    with db.session() as session:
        w = Writer(session, indexing=False)
        quiet = w.insert(Person, {"name": "试导入", "grid_id": place["grid"]})
        w.update(House, place["house"], {"room": "502"})
        w.finish()
    with writing(db) as w:
        indexed = w.insert(Person, {"name": "正式导入", "grid_id": place["grid"]})
    with db.session() as s:
        in_index = set(s.execute(text("SELECT person_id FROM search_person")).scalars())
        assert quiet not in in_index and indexed in in_index
        assert s.execute(text("SELECT count(*) FROM search_house WHERE bkey LIKE '%|502'")).scalar_one() == 0
    assert {e.row_id for e in _outbox(db)} >= {quiet, indexed}
