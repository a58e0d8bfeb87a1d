"""Search finds people by every query kind, ranked, with household and address."""

from __future__ import annotations

import random
from datetime import date

import pytest
from sqlalchemy import text

from app.domain.ids import generate_id
from app.services.search import QueryKind, SearchHit, SearchService, classify
from app.store.db import Database
from app.store.models import Building, Estate, House, Household, OrgNode, Person, Unit
from app.store.queries import SCOPED_TABLES
from app.store.writes import writing

RNG = random.Random(42)
PEOPLE = [  # name, birth, male, phone, building, unit, room
    ("张三", date(1980, 5, 1), True, "13812345678", 3, 2, "501"),
    ("张三丰", date(1950, 1, 1), True, "13987654321", 3, 2, "502"),
    ("王芳", date(1992, 3, 7), False, "15011112222", 3, 1, "101"),
    ("曾小明", date(1970, 7, 7), True, "18600001111", 5, 1, "301"),
    ("单田芳", date(1940, 2, 2), True, None, 5, 1, "302"),
    ("欧阳娜娜", date(2000, 9, 9), False, "13700007777", 5, 2, "1201"),
    ("阿依古丽·买买提", date(1988, 8, 8), False, "13600006666", 5, 2, "1202"),
]


@pytest.fixture
def people(db: Database) -> dict[str, dict[str, str]]:
    made: dict[str, dict[str, str]] = {}
    with writing(db) as w:
        community = w.insert(OrgNode, {"level": "community", "name": "幸福里社区"})
        grid = w.insert(OrgNode, {"level": "grid", "name": "第一网格", "parent_id": community})
        estate = w.insert(Estate, {"name": "锦绣花园", "community_id": community})
        buildings, units = {}, {}
        for name, birth, male, phone, b, u, room in PEOPLE:
            if b not in buildings:
                buildings[b] = w.insert(Building, {"name": f"{b}号楼", "number": b, "estate_id": estate,
                                                   "grid_id": grid, "floors": 18})
            if (b, u) not in units:
                units[b, u] = w.insert(Unit, {"name": f"{u}单元", "number": u, "building_id": buildings[b],
                                              "grid_id": grid})
            house = w.insert(House, {"building_id": buildings[b], "unit_id": units[b, u], "room": room,
                                     "grid_id": grid})
            household = w.insert(Household, {"house_id": house, "grid_id": grid})
            id_number = generate_id(RNG, "110101", birth, male)
            pid = w.insert(Person, {"name": name, "id_number": id_number, "phone": phone, "relation": "户主",
                                    "household_id": household, "grid_id": grid})
            w.update(Household, household, {"head_person_id": pid})
            made[name] = {"id": pid, "id_number": id_number, "household": household, "house": house}
        w.insert(House, {"building_id": buildings[3], "unit_id": units[3, 2], "room": "601", "grid_id": grid,
                         "use": "空置"})
    return made


def names(hits) -> list[str]:
    return [h.title for h in hits if h.kind == "person"]


@pytest.mark.parametrize(("query", "kinds"), [
    ("张", [QueryKind.NAME]),
    ("zs", [QueryKind.INITIALS]),
    ("110101198005010012", [QueryKind.ID]),
    ("13812345678", [QueryKind.PHONE, QueryKind.ID_TAIL]),
    ("5678", [QueryKind.ID_TAIL, QueryKind.PHONE_TAIL]),
    ("3-2-501", [QueryKind.ADDRESS]),
    ("3号楼2单元501", [QueryKind.ADDRESS]),
])
def test_classify(query: str, kinds: list[QueryKind]) -> None:
    assert classify(query) == kinds


def test_one_character_name_finds_whole_name_and_prefix_first(db: Database, people) -> None:
    hits = SearchService(db).search("张")
    assert names(hits)[:2] == ["张三", "张三丰"]


def test_two_character_name_ranks_exact_before_prefix(db: Database, people) -> None:
    assert names(SearchService(db).search("张三")) == ["张三", "张三丰"]
    assert names(SearchService(db).search("田芳")) == ["单田芳"]  # a piece inside the name


def test_long_name_and_substring(db: Database, people) -> None:
    assert names(SearchService(db).search("张三丰")) == ["张三丰"]
    assert names(SearchService(db).search("古丽·买")) == ["阿依古丽·买买提"]
    assert names(SearchService(db).search("欧阳娜")) == ["欧阳娜娜"]


@pytest.mark.parametrize(("initials", "name"), [("zxm", "曾小明"), ("stf", "单田芳"), ("oynn", "欧阳娜娜")])
def test_pinyin_initials_read_surnames_as_surnames(db: Database, people, initials: str, name: str) -> None:
    assert names(SearchService(db).search(initials))[0] == name


def test_initials_prefix_lists_exact_first(db: Database, people) -> None:
    assert names(SearchService(db).search("zs")) == ["张三", "张三丰"]


def test_full_id_and_its_tail(db: Database, people) -> None:
    id_number = people["王芳"]["id_number"]
    assert names(SearchService(db).search(id_number)) == ["王芳"]
    assert "王芳" in names(SearchService(db).search(id_number[-6:]))
    assert "王芳" in names(SearchService(db).search(id_number[-4:].lower()))


def test_phone_and_its_tail(db: Database, people) -> None:
    assert names(SearchService(db).search("13812345678")) == ["张三"]
    assert names(SearchService(db).search("138 1234 5678")) == ["张三"]
    assert "张三丰" in names(SearchService(db).search("4321"))


def test_hits_carry_household_and_address_and_mask_the_id(db: Database, people) -> None:
    hit = SearchService(db).search("王芳")[0]
    assert hit.household_id == people["王芳"]["household"]
    assert hit.address == "锦绣花园3号楼1单元101"
    assert people["王芳"]["id_number"] not in hit.detail
    assert "********" in hit.detail


@pytest.mark.parametrize(
    "query", ["3-2-501", "3号楼2单元501", "3栋2单元501室", "锦绣花园3号楼2单元501", "三号楼二单元501"])
def test_address_forms_find_the_household(db: Database, people, query: str) -> None:
    hits = SearchService(db).search(query)
    assert [(h.kind, h.id) for h in hits] == [("household", people["张三"]["household"])]


def test_address_prefix_lists_the_unit_and_vacant_houses(db: Database, people) -> None:
    hits = SearchService(db).search("3-2")
    assert {h.address for h in hits} == {"锦绣花园3号楼2单元501", "锦绣花园3号楼2单元502", "锦绣花园3号楼2单元601"}
    assert [h.kind for h in hits if h.address.endswith("601")] == ["house"]


def test_building_query_lists_buildings(db: Database, people) -> None:
    hits = SearchService(db).search("5号楼")
    assert [(h.kind, h.title) for h in hits] == [("building", "锦绣花园5号楼")]


def test_household_id_from_a_qr_code(db: Database, people) -> None:
    hits = SearchService(db).search(people["曾小明"]["household"])
    assert [(h.kind, h.title) for h in hits] == [("household", "曾小明户")]


def test_edits_and_deletes_reach_the_index(db: Database, people) -> None:
    with writing(db) as w:
        w.update(Person, people["王芳"]["id"], {"name": "王芳芳", "phone": "13500009999"})
        w.delete(Person, people["张三"]["id"])
    service = SearchService(db)
    assert names(service.search("王芳芳")) == ["王芳芳"]
    assert names(service.search("9999")) == ["王芳芳"]
    assert names(service.search("张三")) == ["张三丰"]
    assert names(service.search("zs")) == ["张三丰"]


def test_nothing_found_is_an_empty_list(db: Database, people) -> None:
    assert SearchService(db).search("诸葛") == []
    assert SearchService(db).search("   ") == []


def _grid_of(db: Database, hit: SearchHit) -> str:
    with db.engine.connect() as conn:
        return conn.execute(text(f"SELECT grid_id FROM {SCOPED_TABLES[hit.kind]} WHERE id = :i"),
                            {"i": hit.id}).scalar_one()


def test_a_grid_worker_finds_only_their_own_grids(demo_db: Database) -> None:
    with demo_db.engine.connect() as conn:
        grids = [row[0] for row in conn.execute(text(
            "SELECT id FROM org_nodes WHERE level = 'grid' AND deleted = 0 ORDER BY name"))]
        mine = grids[0]
        outsider = conn.execute(text("SELECT name, id_number FROM people WHERE grid_id != :g AND deleted = 0 "
                                     "ORDER BY rowid LIMIT 1"), {"g": mine}).one()
        neighbour = conn.execute(text("SELECT name FROM people WHERE grid_id = :g AND deleted = 0 "
                                      "ORDER BY rowid LIMIT 1"), {"g": mine}).scalar_one()
    everyone, worker = SearchService(demo_db), SearchService(demo_db, frozenset({mine}))
    assert everyone.search(outsider.id_number) and not worker.search(outsider.id_number)
    surname = neighbour[0]
    all_hits, own_hits = everyone.search(surname, limit=50), worker.search(surname, limit=50)
    assert {_grid_of(demo_db, h) for h in all_hits} != {mine}  # the district-wide list reaches other grids
    assert own_hits and {_grid_of(demo_db, h) for h in own_hits} == {mine}
    assert any(h.title == neighbour for h in worker.search(neighbour))
    for query in ("1号楼", "1-1-101"):
        assert all(_grid_of(demo_db, h) == mine for h in worker.search(query))
