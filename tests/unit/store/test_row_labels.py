"""How sync review names a row: places by their full address, households by head and address, tags by person."""

from __future__ import annotations

from app.store.db import Database
from app.store.models import (
    Building,
    Estate,
    House,
    Household,
    Membership,
    OrgNode,
    Person,
    PersonTag,
    TagType,
    Unit,
)
from app.store.sync_queries import row_labels
from app.store.writes import writing


def test_rows_without_a_name_of_their_own_are_named_by_address_head_and_person(db: Database) -> None:
    with writing(db) as w:
        community = w.insert(OrgNode, {"level": "community", "name": "幸福里社区"})
        estate = w.insert(Estate, {"name": "锦绣花园", "community_id": community})
        building = w.insert(Building, {"name": "3号楼", "number": 3, "estate_id": estate})
        unit = w.insert(Unit, {"building_id": building, "name": "2单元", "number": 2})
        house = w.insert(House, {"building_id": building, "unit_id": unit, "room": "501"})
        bare = w.insert(House, {"building_id": building, "room": "101"})  # no unit
        household = w.insert(Household, {"house_id": house})
        headless = w.insert(Household, {"house_id": bare})
        person = w.insert(Person, {"name": "测甲", "household_id": household})
        w.update(Household, household, {"head_person_id": person})
        membership = w.insert(Membership, {"person_id": person, "household_id": household, "relation": "户主"})
        tag = w.insert(TagType, {"code": "elderly_alone", "name": "独居老人"})
        link = w.insert(PersonTag, {"person_id": person, "tag_id": tag})
    labels = row_labels(db, {"houses": {house, bare}, "households": {household, headless},
                             "buildings": {building}, "units": {unit}, "memberships": {membership},
                             "person_tags": {link}, "people": {person}})
    assert labels == {
        ("houses", house): "锦绣花园3号楼2单元501", ("houses", bare): "锦绣花园3号楼101",
        ("households", household): "测甲户 锦绣花园3号楼2单元501", ("households", headless): "锦绣花园3号楼101",
        ("buildings", building): "锦绣花园3号楼", ("units", unit): "锦绣花园3号楼2单元",
        ("memberships", membership): "测甲", ("person_tags", link): "测甲·独居老人", ("people", person): "测甲"}
