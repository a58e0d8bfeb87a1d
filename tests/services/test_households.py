"""Household edits: create with members, validate IDs as typed, move and remove with history, outbox."""

from __future__ import annotations

import random
from datetime import date

import pytest
from sqlalchemy import text

from app.domain.ids import generate_id
from app.services.households import HouseholdService, PersonInput, ValidationError
from app.services.search import SearchService
from app.store.db import Database
from app.store.models import Building, Estate, House, OrgNode
from app.store.writes import writing

RNG = random.Random(5)


@pytest.fixture
def houses(db: Database) -> list[str]:
    with writing(db) as w:
        community = w.insert(OrgNode, {"level": "community", "name": "幸福里社区"})
        grid = w.insert(OrgNode, {"level": "grid", "name": "第一网格", "parent_id": community})
        estate = w.insert(Estate, {"name": "锦绣花园", "community_id": community})
        building = w.insert(Building, {"name": "3号楼", "number": 3, "estate_id": estate, "grid_id": grid})
        return [w.insert(House, {"building_id": building, "room": room, "floor": 5, "grid_id": grid})
                for room in ("501", "502")]


def person(name: str, birth: date, male: bool, relation: str, **extra: object) -> PersonInput:
    return PersonInput(name=name, id_number=generate_id(RNG, "110101", birth, male), relation=relation, **extra)


def test_create_household_with_three_members(db: Database, houses: list[str]) -> None:
    service = HouseholdService(db)
    head = person("李建国", date(1960, 3, 1), True, "户主", phone="138-0000-1111")
    household = service.create_household(houses[0], head, [person("王秀英", date(1962, 5, 5), False, "妻子"),
                                                           person("李明", date(1990, 9, 9), True, "儿子")])
    file = service.load(household)
    assert [(m.name, m.relation) for m in file.members] == [("李建国", "户主"), ("王秀英", "配偶"), ("李明", "子")]
    assert file.household.head_person_id == file.members[0].id
    assert file.household.address == "锦绣花园3号楼501"
    assert file.members[0].birth_date == date(1960, 3, 1) and file.members[0].gender == "男"
    assert file.members[0].phone == "13800001111"
    assert next(h.title for h in SearchService(db).search("李明")) == "李明"
    with db.engine.connect() as conn:
        outbox = dict(conn.execute(text("SELECT table_name, count(*) FROM outbox GROUP BY table_name")).all())
    assert outbox["people"] == 3 and outbox["memberships"] == 3 and outbox["households"] == 2  # insert + head


def test_id_feedback_as_typed(db: Database, houses: list[str]) -> None:
    service = HouseholdService(db)
    existing = person("张伟", date(1985, 1, 2), True, "户主")
    household = service.create_household(houses[0], existing)
    assert not service.check_id_number("11010119850102001").ok  # 17 digits so far
    wrong = existing.id_number[:-1] + ("0" if existing.id_number[-1] != "0" else "1")
    assert "校验" in service.check_id_number(wrong).message
    duplicate = service.check_id_number(existing.id_number.lower())
    assert not duplicate.ok and duplicate.duplicate_of[1:] == ("张伟", household)
    fresh = service.check_id_number(generate_id(RNG, "110101", date(2001, 2, 3), False))
    assert fresh.ok and fresh.birth_date == date(2001, 2, 3) and fresh.gender == "女"


def test_invalid_input_names_each_field_and_writes_nothing(db: Database, houses: list[str]) -> None:
    service = HouseholdService(db)
    bad = PersonInput(name=" ", id_number="2.10112199001011e+17", phone="12345", relation="邻居")
    with pytest.raises(ValidationError) as exc:
        service.create_household(houses[0], bad)
    assert set(exc.value.problems) == {"name", "id_number", "phone"}
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM households")).scalar() == 0


def test_move_and_remove_keep_history(db: Database, houses: list[str]) -> None:
    service = HouseholdService(db)
    first = service.create_household(houses[0], person("赵刚", date(1970, 1, 1), True, "户主"),
                                     [person("赵小刚", date(1995, 1, 1), True, "子")])
    second = service.create_household(houses[1], person("钱芳", date(1996, 6, 6), False, "户主"))
    son = service.load(first).members[1].id
    service.move_member(son, second, "配偶", reason="结婚", on=date(2026, 5, 1))
    assert [m.name for m in service.load(second).members] == ["钱芳", "赵小刚"]
    assert [m.name for m in service.load(first).members] == ["赵刚"]
    with db.engine.connect() as conn:
        history = conn.execute(text("SELECT household_id, left_on, reason FROM memberships WHERE person_id = :p "
                                    "ORDER BY hlc"), {"p": son}).all()
    assert [(h[0], h[1]) for h in history] == [(first, "2026-05-01"), (second, None)]
    service.remove_member(son, "去世")
    assert [m.name for m in service.load(second).members] == ["钱芳"]
    service.move_out(first, "房屋出售")
    assert service.load(first).household.note == "房屋出售"
