"""The demo generator: deterministic, realistic, complete, and written through the one write path."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime
from itertools import pairwise

import pytest

from app.domain.calendar import WorkCalendar
from app.domain.case_codes import DEFAULT_CATEGORIES, DISPUTE_TYPES, OUTCOMES, SOURCES, VISIT_METHODS, time_limit
from app.domain.codes import EDUCATION, ETHNICITY, MARITAL_STATUS, POLITICAL_STATUS
from app.domain.ids import check_id
from app.domain.tags import DEFAULT_TAGS
from app.services.demo import (
    CASE_STATES,
    REFERENCE_DATE,
    DemoCancelled,
    DemoError,
    _Generator,
    _Keys,
    generate_demo,
)
from app.store.db import Database
from app.store.models import SYNCED_MODELS

TABLES = [m.__tablename__ for m in SYNCED_MODELS]  # type: ignore[attr-defined]
STAMPS = {"hlc", "field_hlc", "server_seq"}
RELATIONS = {"户主", "配偶", "子", "女", "父亲", "母亲", "孙子", "孙女", "儿媳", "女婿", "其他"}
# Allowed transitions (action, from, to), DESIGN section 2.
TRANSITIONS = {
    ("collect", None, "collected"), ("report", "collected", "reported"),
    ("dispatch", "reported", "dispatched"), ("handle", "dispatched", "handled"),
    ("return", "handled", "dispatched"), ("close", "handled", "closed"),
    ("escalate", "reported", "escalated"), ("escalate", "dispatched", "escalated"),
    ("withdraw", "collected", "withdrawn"), ("withdraw", "reported", "withdrawn"),
    ("resolve_on_spot", "collected", "handled"),
}
TODAY = REFERENCE_DATE.isoformat()


# ``db`` (a fresh database) and ``demo_db`` (a 400-household demo shared by the session, read only)
# come from tests/conftest.py.


def rows(database: Database, sql: str, *params: object) -> list[tuple]:
    with database.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql, params).all()]


def scalar(database: Database, sql: str, *params: object):
    return rows(database, sql, *params)[0][0]


def full_years(birth: str) -> int:
    """Age in whole years (周岁) on the demo's reference date."""
    born = date.fromisoformat(birth)
    return REFERENCE_DATE.year - born.year - ((REFERENCE_DATE.month, REFERENCE_DATE.day) < (born.month, born.day))


def content(database: Database, table: str) -> list[tuple]:
    """Every row of a table without the clock stamps, in key order."""
    with database.engine.connect() as conn:
        names = conn.exec_driver_sql(f"SELECT * FROM {table} LIMIT 0").keys()
        columns = [c for c in names if c not in STAMPS]
        return [tuple(r) for r in conn.exec_driver_sql(
            f"SELECT {', '.join(columns)} FROM {table} ORDER BY id").all()]


# --- determinism --------------------------------------------------------------------------------

def test_same_seed_gives_the_same_content_and_another_seed_does_not(tmp_path):
    first, second, other = (Database(tmp_path / f"{n}.sqlite") for n in ("a", "b", "c"))
    try:
        generate_demo(first, seed=3, households=200)
        generate_demo(second, seed=3, households=200)
        generate_demo(other, seed=4, households=200)
        for table in TABLES:
            assert content(first, table) == content(second, table), table
        people = "SELECT name, id_number, birth_date, phone FROM people ORDER BY id_number"
        assert rows(first, people) != rows(other, people)
        titles = "SELECT title FROM cases ORDER BY number"
        assert rows(first, titles) != rows(other, titles)
    finally:
        for database in (first, second, other):
            database.close()


def test_keys_are_time_ordered_uuid7():
    keys = _Keys(1, datetime(2026, 10, 25))
    made = [keys() for _ in range(1000)]
    assert made == sorted(made)
    assert len(set(made)) == 1000
    assert all(k[14] == "7" and k[19] in "89ab" and len(k) == 36 for k in made)
    assert _Keys(1, datetime(2026, 10, 25))() == made[0]


# --- sizes and shape ----------------------------------------------------------------------------

def test_counts_match_the_request(db):
    summary = generate_demo(db, seed=5, households=300)
    assert summary.households == scalar(db, "SELECT count(*) FROM households") == 300
    assert 2.2 <= summary.people / summary.households <= 2.8
    for table in TABLES:
        assert summary.counts.get(table, 0) == scalar(db, f"SELECT count(*) FROM {table}"), table
    assert summary.seconds > 0
    assert scalar(db, "SELECT count(*) FROM cases") >= 30


def test_default_community_has_three_grids_and_estates_of_every_type(db):
    summary = generate_demo(db)
    assert summary.households == 2000
    assert 2.2 <= summary.people / summary.households <= 2.8
    levels = Counter(level for (level,) in rows(db, "SELECT level FROM org_nodes"))
    assert levels == {"district": 1, "subdistrict": 1, "community": 1, "grid": 3}
    assert rows(db, "SELECT name FROM org_nodes WHERE level = 'community'") == [("幸福里社区",)]
    grids = rows(db, "SELECT name, worker_name, worker_phone FROM org_nodes WHERE level = 'grid' ORDER BY code")
    assert [g[0] for g in grids] == ["第一网格", "第二网格", "第三网格"]
    assert all(worker and phone for _, worker, phone in grids)
    assert {t for (t,) in rows(db, "SELECT estate_type FROM estates")} == {"老旧住宅", "回迁安置", "商品房"}
    names = [n for (n,) in rows(db, "SELECT name FROM estates")]
    assert len(names) == len(set(names)) and not any(n.endswith("小区") for n in names)
    # Households spread over all grids.
    per_grid = rows(db, "SELECT grid_id, count(*) FROM households GROUP BY grid_id")
    assert len(per_grid) == 3 and min(n for _, n in per_grid) > 400
    # Name variety: two-character names, compound surnames or minority names appear.
    lengths = Counter(len(n) for (n,) in rows(db, "SELECT name FROM people"))
    assert lengths[2] > 0.03 * summary.people and lengths[3] > 0.7 * summary.people
    assert sum(n for length, n in lengths.items() if length >= 4) > 0
    # Special groups at plausible rates (share of all people).
    rate = {name: n / summary.people for name, n in rows(db, """SELECT t.name, count(DISTINCT pt.person_id)
        FROM person_tags pt JOIN tag_types t ON t.id = pt.tag_id GROUP BY t.name""")}
    assert 0.01 < rate["残疾人"] < 0.035
    assert 0.005 < rate["低保户"] < 0.03
    assert 0.01 < rate["独居老人"] < 0.06 and 0.03 < rate["空巢老人"] < 0.15 and 0.015 < rate["高龄老人"] < 0.07
    assert rate.get("社区矫正人员", 0) < 0.002 and rate.get("特困人员", 0) < 0.01


def test_buildings_units_and_houses(demo_db):
    database = demo_db
    for kind, floors, units, per_floor in rows(database, """
            SELECT b.building_type, b.floors, b.unit_count, count(h.id) / (b.floors * b.unit_count)
            FROM buildings b JOIN houses h ON h.building_id = b.id GROUP BY b.id"""):
        if kind == "老旧住宅":
            assert 5 <= floors <= 7 and 2 <= units <= 4 and per_floor == 2
        elif kind == "回迁安置":
            assert 11 <= floors <= 18
        else:
            assert floors <= 33 and units <= 6 and 2 <= per_floor <= 4
    bad_rooms = rows(database, """
        SELECT h.room, h.floor FROM houses h
        WHERE CAST(h.room AS INTEGER) / 100 != h.floor OR CAST(h.room AS INTEGER) % 100 NOT BETWEEN 1 AND 4""")
    assert bad_rooms == []
    assert scalar(database, """SELECT count(*) FROM (SELECT unit_id, room FROM houses
                                GROUP BY unit_id, room HAVING count(*) > 1)""") == 0
    assert rows(database, "SELECT name FROM buildings WHERE name NOT LIKE '%号楼'") == []
    assert rows(database, "SELECT name FROM units WHERE name NOT LIKE '%单元'") == []
    uses = dict(rows(database, "SELECT use, count(*) * 1.0 / (SELECT count(*) FROM houses) FROM houses GROUP BY use"))
    assert 0.55 < uses["自住"] < 0.82 and 0.1 < uses["出租"] < 0.3 and 0.05 < uses["空置"] < 0.18
    assert all(a and 30 <= a <= 140 for (a,) in rows(database, "SELECT area FROM houses"))
    # Lived-in houses hold one household, a few two; empty ones and shops none.
    per_house = dict(rows(database, """SELECT h.use, max(n) FROM houses h
        LEFT JOIN (SELECT house_id, count(*) n FROM households GROUP BY house_id) x ON x.house_id = h.id
        GROUP BY h.use"""))
    assert per_house["空置"] is None and per_house.get("商用") is None and per_house["自住"] <= 2


# --- people and households ----------------------------------------------------------------------

def test_every_id_number_is_valid_and_matches_gender_and_birth(demo_db):
    database = demo_db
    people = rows(database, "SELECT id_number, gender, birth_date FROM people")
    assert len({p[0] for p in people}) == len(people)
    for id_number, gender, birth in people:
        check = check_id(id_number, REFERENCE_DATE)
        assert check.ok and check.value == id_number, id_number
        assert check.gender == gender and check.birth_date.isoformat() == birth


def test_households_have_one_head_and_consistent_members(demo_db):
    database = demo_db
    assert rows(database, """SELECT h.id FROM households h LEFT JOIN people p ON p.id = h.head_person_id
        WHERE p.household_id IS NOT h.id OR p.relation != '户主'""") == []
    assert rows(database, """SELECT household_id FROM people GROUP BY household_id
        HAVING sum(relation = '户主') != 1""") == []
    sizes = Counter(n for (n,) in rows(database, "SELECT count(*) FROM people GROUP BY household_id"))
    assert set(sizes) <= set(range(1, 7)) and sizes[2] + sizes[3] > sizes[5] + sizes[6]
    # Everyone has exactly one current stay, in their own household.
    assert rows(database, """SELECT p.id FROM people p LEFT JOIN memberships m
        ON m.person_id = p.id AND m.left_on IS NULL GROUP BY p.id
        HAVING count(m.id) != 1 OR max(m.household_id) != p.household_id""") == []
    assert rows(database, "SELECT id FROM memberships WHERE left_on IS NOT NULL AND left_on <= joined_on") == []
    registration = dict(rows(database, "SELECT registration, count(*) FROM households GROUP BY 1"))
    assert set(registration) == {"户籍户", "人户分离", "流动人口"}
    assert registration["户籍户"] > registration["流动人口"]
    presence = {p for (p,) in rows(database, "SELECT presence FROM households")}
    assert presence <= {"人户同在", "人在户不在", "户在人不在"} and "人户同在" in presence
    renters = dict(rows(database, """SELECT hh.registration, count(*) FROM households hh
        JOIN houses h ON h.id = hh.house_id WHERE h.use = '出租' AND hh.presence != '户在人不在' GROUP BY 1"""))
    assert renters["流动人口"] > sum(renters.values()) / 2


def test_people_fields_use_the_code_lists_and_fit_the_ages(demo_db):
    database = demo_db
    people = rows(database, """SELECT relation, ethnicity, political_status, marital_status, education,
                                residence_type, phone, birth_date, gender FROM people""")
    assert {p[0] for p in people} <= RELATIONS
    assert {p[1] for p in people} <= set(ETHNICITY.names())
    assert Counter(p[1] for p in people)["汉族"] > 0.8 * len(people)
    assert {p[2] for p in people} - {None} <= set(POLITICAL_STATUS.names())
    assert {p[3] for p in people} <= set(MARITAL_STATUS.names())
    assert {p[4] for p in people} - {None} <= set(EDUCATION.names())
    assert {p[5] for p in people} == {"本地户籍", "流动人口"}
    for relation, *_rest, phone, birth, gender in people:
        age = (REFERENCE_DATE - date.fromisoformat(birth)).days // 365
        if age < 16:
            assert phone is None
        if relation in ("子", "孙子", "父亲"):
            assert gender == "男"
        if relation in ("女", "孙女", "母亲", "儿媳"):
            assert gender == "女"
    # Relation ages: parents older than the head, children and grandchildren younger.
    assert rows(database, """SELECT p.name FROM people p JOIN households h ON h.id = p.household_id
        JOIN people head ON head.id = h.head_person_id
        WHERE (p.relation IN ('父亲', '母亲') AND p.birth_date >= head.birth_date)
           OR (p.relation IN ('子', '女', '孙子', '孙女') AND p.birth_date <= head.birth_date)""") == []
    assert rows(database, """SELECT h.id FROM households h JOIN people head ON head.id = h.head_person_id
        WHERE (julianday(?) - julianday(head.birth_date)) / 365.25 < 18""", TODAY) == []


# --- special groups and visits ------------------------------------------------------------------

def test_tag_dictionary_and_rules(demo_db):
    database = demo_db
    assert {r for (r,) in rows(database, "SELECT name FROM tag_types")} == {t.name for t in DEFAULT_TAGS}
    per_tag = dict(rows(database, """SELECT t.name, count(DISTINCT pt.person_id) FROM person_tags pt
                                     JOIN tag_types t ON t.id = pt.tag_id GROUP BY t.name"""))
    for name in ("独居老人", "空巢老人", "高龄老人", "残疾人"):
        assert per_tag[name] > 0, name
    # 独居老人 as the tag defines it (60周岁以上、独自居住): every person of 60 or older who is the only
    # one at home in the flat, and nobody else; the sixties are among them, not only the very old.
    tagged_alone = {pid for (pid,) in rows(database, """SELECT pt.person_id FROM person_tags pt
        JOIN tag_types t ON t.id = pt.tag_id WHERE t.name = '独居老人'""")}
    living_alone = dict(rows(database, """SELECT p.id, p.birth_date FROM people p
        JOIN households h ON h.id = p.household_id
        WHERE h.presence != '户在人不在' AND (SELECT count(*) FROM people q WHERE q.household_id = h.id) = 1
          AND (SELECT count(*) FROM households o WHERE o.house_id = h.house_id AND o.presence != '户在人不在') = 1"""))
    assert tagged_alone == {pid for pid, birth in living_alone.items() if full_years(birth) >= 60}
    assert any(full_years(living_alone[pid]) < 70 for pid in tagged_alone)
    # 高龄老人: 80 and older.
    old = rows(database, """SELECT p.birth_date FROM person_tags pt JOIN tag_types t ON t.id = pt.tag_id
        JOIN people p ON p.id = pt.person_id WHERE t.name = '高龄老人'""")
    assert all((REFERENCE_DATE - date.fromisoformat(b)).days >= 80 * 365 for (b,) in old)
    details = [json.loads(d) for (d,) in rows(database, """SELECT pt.detail FROM person_tags pt
        JOIN tag_types t ON t.id = pt.tag_id WHERE t.name = '残疾人'""")]
    assert all(d["category"] in {"视力", "听力", "言语", "肢体", "智力", "精神", "多重"} and 1 <= d["level"] <= 4
               for d in details)
    assert rows(database, "SELECT id FROM person_tags WHERE since > ? OR until <= since", TODAY) == []


def test_visits_cover_tagged_people_with_some_overdue(demo_db):
    database = demo_db
    methods = dict(rows(database, "SELECT method, count(*) FROM visits GROUP BY method"))
    assert set(methods) == set(VISIT_METHODS)
    # A revisit (补访) happens on the due day set by a visit that found nobody home.
    assert rows(database, """SELECT r.id FROM visits r WHERE r.method = '补访' AND NOT EXISTS (
        SELECT 1 FROM visits v WHERE v.person_id = r.person_id AND v.nobody_home = 1
        AND v.revisit_due = date(r.visited_at) AND v.visited_at < r.visited_at)""") == []
    assert rows(database, "SELECT id FROM visits WHERE visited_at >= ? OR visited_at < date(?, '-91 days')",
                TODAY, TODAY) == []
    assert rows(database, "SELECT id FROM visits WHERE nobody_home = 1 AND revisit_due IS NULL") == []
    assert scalar(database, "SELECT count(*) FROM visits WHERE nobody_home = 1") > 0
    # Overdue: a tagged person whose last visit is older than the tag's schedule.
    overdue = scalar(database, """
        SELECT count(*) FROM (
            SELECT pt.person_id, min(t.visit_every_days) AS every,
                   (SELECT max(visited_at) FROM visits v WHERE v.person_id = pt.person_id) AS last
            FROM person_tags pt JOIN tag_types t ON t.id = pt.tag_id
            WHERE t.visit_every_days IS NOT NULL AND pt.until IS NULL GROUP BY pt.person_id)
        WHERE last IS NULL OR julianday(?) - julianday(last) > every""", TODAY)
    due = scalar(database, """SELECT count(DISTINCT pt.person_id) FROM person_tags pt
        JOIN tag_types t ON t.id = pt.tag_id WHERE t.visit_every_days IS NOT NULL AND pt.until IS NULL""")
    assert 0 < overdue < 0.5 * due


# --- cases and disputes -------------------------------------------------------------------------

def test_cases_in_every_state_with_a_consistent_history(demo_db):
    database = demo_db
    cases = rows(database, "SELECT id, state, deadline, category, priority FROM cases")
    assert {case[1] for case in cases} == set(CASE_STATES)
    calendar = WorkCalendar()
    categories = {c.name: c for c in DEFAULT_CATEGORIES}
    events: dict[str, list[tuple]] = {}
    for case_id, action, from_state, to_state, at, data in rows(database, """
            SELECT case_id, action, from_state, to_state, at, data FROM case_events ORDER BY case_id, at, id"""):
        events.setdefault(case_id, []).append((action, from_state, to_state, at, json.loads(data) if data else None))
    returns = 0
    for case_id, state, deadline, category, priority in cases:
        history = events[case_id]
        assert history[0][:3] == ("collect", None, "collected")
        for previous, event in pairwise(history):
            assert event[1] == previous[2] and previous[3] <= event[3]
        for action, from_state, to_state, at, data in history:
            assert (action, from_state, to_state) in TRANSITIONS
            assert at < TODAY
            if action == "dispatch":  # the deadline counts the category's working days from dispatch
                assert data["handler"] and data["deadline"] == deadline
                limit = time_limit(categories[category], priority)
                assert deadline == calendar.add_working_days(date.fromisoformat(at[:10]), limit).isoformat()
            if action == "close":
                assert 1 <= data["rating"] <= 5 and data["comment"]
            if action in ("return", "withdraw", "escalate"):
                assert data["reason"]
            returns += action == "return"
        assert history[-1][2] == state
    assert returns > 0
    overdue = scalar(database, """SELECT count(*) FROM cases WHERE deadline < ?
                                  AND state NOT IN ('closed', 'withdrawn', 'escalated')""", TODAY)
    assert overdue > 0
    assert scalar(database, "SELECT count(*) FROM case_events WHERE action = 'resolve_on_spot'") > 0
    assert {s for (s,) in rows(database, "SELECT source FROM cases")} <= set(SOURCES)
    categories = {c for (c,) in rows(database, "SELECT category FROM cases")}
    assert categories <= {c.name for c in DEFAULT_CATEGORIES} and len(categories) >= 6
    linked = scalar(database, "SELECT count(*) FROM case_parties WHERE person_id IS NOT NULL")
    assert linked > 0


def test_disputes_have_details_and_mediation(demo_db):
    database = demo_db
    disputes = rows(database, """SELECT c.id, c.category, c.state, d.dispute_type, d.outcome FROM cases c
        LEFT JOIN dispute_details d ON d.case_id = c.id WHERE c.kind = 'dispute'""")
    assert len(disputes) >= 3
    for _id, category, state, dispute_type, outcome in disputes:
        assert category == "矛盾纠纷"
        assert dispute_type in DISPUTE_TYPES
        assert outcome in (*OUTCOMES, None)
        if state in ("collected", "reported", "dispatched", "withdrawn"):
            assert outcome is None
    assert scalar(database, "SELECT count(DISTINCT case_id) FROM mediation_sessions") > 0
    assert scalar(database, """SELECT count(*) FROM case_parties p JOIN cases c ON c.id = p.case_id
                               WHERE c.kind = 'dispute' AND p.role = '当事人'""") >= 2 * len(disputes)


# --- the write path -----------------------------------------------------------------------------

def test_every_synced_row_has_its_grid_and_an_outbox_entry(demo_db):
    database = demo_db
    grids = {g for (g,) in rows(database, "SELECT id FROM org_nodes WHERE level = 'grid'")}
    for table in TABLES:
        if table in ("estates", "tag_types"):
            continue
        where = "level IN ('grid', 'microgrid') AND " if table == "org_nodes" else ""
        missing = rows(database, f"SELECT id FROM {table} WHERE {where}(grid_id IS NULL OR grid_id NOT IN "
                                 f"(SELECT id FROM org_nodes WHERE level = 'grid'))")
        assert missing == [], table
    assert {g for (g,) in rows(database, "SELECT DISTINCT grid_id FROM people")} == grids
    outbox = dict(rows(database, "SELECT table_name, count(*) FROM outbox GROUP BY table_name"))
    for table in TABLES:
        assert outbox.get(table, 0) == scalar(database, f"SELECT count(*) FROM {table}"), table


def test_refuses_a_database_that_holds_people(demo_db):
    database = demo_db
    before = scalar(database, "SELECT count(*) FROM outbox")
    with pytest.raises(DemoError, match="已有人员"):
        generate_demo(database, households=10)
    assert scalar(database, "SELECT count(*) FROM outbox") == before


def test_bad_size_is_refused(db):
    with pytest.raises(DemoError):
        generate_demo(db, households=0)


def test_cancel_leaves_the_database_empty(db):
    seen: list[float] = []
    # Cancelled after every row was written, just before the commit: all of it is rolled back.
    with pytest.raises(DemoCancelled):
        generate_demo(db, households=300, progress=lambda _m, f: seen.append(f), cancel=lambda: len(seen) >= 2)
    for table in [*TABLES, "outbox"]:
        assert scalar(db, f"SELECT count(*) FROM {table}") == 0, table


def test_progress_is_reported_up_to_the_end(db):
    seen: list[tuple[str, float]] = []
    generate_demo(db, households=100, progress=lambda m, f: seen.append((m, f)))
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert all(isinstance(m, str) and m for m, _ in seen)


def test_a_large_request_scales_out_to_a_district():
    gen = _Generator(1, 400_000, REFERENCE_DATE, {}, _Keys(1, datetime(2026, 10, 25)))
    org, communities = gen.plan()
    levels = Counter(r["level"] for r in org)
    assert levels["district"] == 1 and levels["subdistrict"] > 1
    assert 130 <= levels["community"] <= 200
    assert sum(c.households for c in communities) == 400_000
    assert all(1500 <= c.households <= 3500 and 3 <= len(c.grids) <= 6 for c in communities)
    assert len({c.name for c in communities}) == len(communities)
    assert sum(c.cases for c in communities) >= 400_000 // 20 - len(communities)
