"""Every ledger of the shared corpus imports to exactly its .truth.json (RULES.md), checked twice: on
the parsed batch (what the wizard previews) and on the database after a real import."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from app.services.importing.merge import ImportOptions
from app.services.importing.pipeline import parse_files
from app.services.importing.service import run_import
from app.store import imports as store
from app.store.db import Database
from tests.importing.conftest import LEDGER_FILES, needs_corpus, truth_of

pytestmark = needs_corpus
ledgers = pytest.mark.parametrize("path", LEDGER_FILES, ids=lambda p: p.name.split(".")[0])
people_ledgers = pytest.mark.parametrize("path", [p for p in LEDGER_FILES if truth_of(p)["kind"] == "people"],
                                         ids=lambda p: p.name.split(".")[0])
PERSON_KEYS = ("id_number", "name", "gender", "birth_date", "ethnicity", "phone", "phones", "relation",
               "political_status", "residence_type", "tags", "note", "estate", "building", "unit", "room",
               "address_key", "housing_status", "gender_column", "ambiguous")


def reference(truth: dict[str, Any]) -> date:
    return date.fromisoformat(truth["reference_date"])


def parsed(path: Path) -> Any:
    return parse_files([path], reference_date=reference(truth_of(path)))


def person_view(p: Any) -> dict[str, Any]:
    return {"id_number": p.id_number, "name": p.name, "gender": p.gender, "birth_date": p.birth_date.isoformat(),
            "ethnicity": p.ethnicity, "phone": p.phone, "phones": p.phones, "relation": p.relation,
            "political_status": p.political_status, "residence_type": p.residence_type, "tags": p.tags,
            "note": p.note, "estate": p.address.estate, "building": p.address.building, "unit": p.address.unit,
            "room": p.address.room, "address_key": p.address_key, "housing_status": p.housing_status,
            "gender_column": p.gender_column, "ambiguous": bool(p.ambiguities),
            "source": {"sheet": p.source.sheet, "row": p.source.row}}


@ledgers
def test_sheets_headers_and_skipped_rows(path: Path) -> None:
    truth, batch = truth_of(path), parsed(path)
    layouts = [lay for f in batch.files for lay in f.layouts]
    assert len(layouts) == len(truth["sheets"])
    for layout, sheet in zip(layouts, truth["sheets"], strict=True):
        assert layout.name == sheet["name"]
        assert layout.role == ("hidden" if sheet["role"] == "lookup" else sheet["role"])
        assert layout.header_rows == sheet["header_rows"]
        columns = {c.letter: (c.field, c.imported) for c in layout.columns}
        assert columns == {c["col"]: (c["field"], c["imported"]) for c in sheet["columns"]}
    skipped = [{"sheet": lay.name, "row": row, "kind": kind} for lay in layouts if lay.kind
               for row, kind in lay.skipped()]
    assert skipped == [{k: r[k] for k in ("sheet", "row", "kind")} for r in truth["skipped_rows"]]


@people_ledgers
def test_people_households_houses_rejects(path: Path) -> None:
    truth, batch = truth_of(path), parsed(path)
    assert [person_view(p) for p in batch.people] == [
        {k: p[k] for k in (*PERSON_KEYS, "source")} for p in truth["people"]]
    assert sorted((p.source.sheet or "", p.source.row, p.reason) for p in batch.rejects) == sorted(
        (r["sheet"] or "", r["row"], r["reason"]) for r in truth["rejects"])
    households = [{"address_key": h.key[0], "head_id_number": h.head.id_number if h.head else None,
                   "member_id_numbers": [m.id_number for m in h.members],
                   "rejected_rows": sorted(p.source.row for p in h.rejected_rows)} for h in batch.households]
    assert households == [{"address_key": h["address_key"], "head_id_number": h["head_id_number"],
                           "member_id_numbers": h["member_id_numbers"],
                           "rejected_rows": sorted(r["row"] if isinstance(r, dict) else r
                                                   for r in h["rejected_rows"])}
                          for h in truth["households"]]
    houses = {h.address.key: (h.housing_status, h.row_kind, h.source.row) for h in batch.houses}
    assert houses == {h["address_key"]: (h["housing_status"], h["row_kind"], h["source"]["row"])
                      for h in truth["houses"]}
    merged = [(a.source.sheet, a.source.row, a.id_number, k.source.row) for a, k in batch.duplicates_merged]
    assert merged == [(d["sheet"], d["row"], d["id_number"], d["kept"]["row"]) for d in truth["duplicates_merged"]]


@ledgers
def test_reject_reasons_are_acceptable_and_point_at_the_id_cell(path: Path) -> None:
    truth, batch = truth_of(path), parsed(path)
    found = {(p.source.sheet, p.source.row): p for p in batch.rejects}
    assert len(found) == len(truth["rejects"])
    for reject in truth["rejects"]:
        problem = found[(reject["sheet"], reject["row"])]
        assert problem.reason in reject.get("acceptable_reasons", [reject["reason"]])
        assert problem.message and problem.source.file == path.name
        if problem.reason.startswith("id_"):
            id_column = next(c["col"] for s in truth["sheets"] if s["name"] == reject["sheet"]
                             for c in s["columns"] if c["field"] == "id_number")
            assert problem.column == id_column


def test_disputes_ledger() -> None:
    path = next(p for p in LEDGER_FILES if truth_of(p)["kind"] == "disputes")
    truth, batch = truth_of(path), parsed(path)
    got = [{"date": d.date.isoformat(), "parties": d.parties, "address_text": d.address_text,
            "address_keys": [a.key for a in d.addresses], "type": d.type, "summary": d.summary,
            "result": d.result, "mediator": d.mediator, "note": d.note,
            "source": {"sheet": d.source.sheet, "row": d.source.row}, "ambiguous": bool(d.ambiguities)}
           for d in batch.disputes]
    assert got == [{k: d[k] for k in got[0]} for d in truth["disputes"]]
    assert not batch.rejects


def test_special_groups_ledger() -> None:
    path = next(p for p in LEDGER_FILES if truth_of(p)["kind"] == "special_groups")
    truth, batch = truth_of(path), parsed(path)
    got = []
    for p in batch.special:
        details = p.tag_details
        got.append({
            "id_number": p.id_number, "name": p.name, "gender": p.gender, "gender_column": p.gender_column,
            "categories": sorted(details), "phones": p.phones, "address_key": p.address_key,
            "disability": next((d["disability"] for d in details.values() if "disability" in d), None),
            "dibao_cert_no": next((d["dibao_cert_no"] for d in details.values() if "dibao_cert_no" in d), None),
            "responsible_person": next(iter(details.values())).get("responsible_person"),
            "visit_frequency": next(iter(details.values())).get("visit_frequency"),
            "note": next(iter(details.values())).get("note"),
            "source": {"sheet": p.source.sheet, "row": p.source.row}})
    assert got == [{k: r[k] for k in got[0]} for r in truth["special_records"]]
    assert sorted((p.source.row, p.reason) for p in batch.rejects) == sorted(
        (r["row"], r["reason"]) for r in truth["rejects"])


# --- the database after a real import -----------------------------------------------------------

def _db_people(db: Database) -> dict[str, dict[str, Any]]:
    sql = text("""
        SELECT p.id_number, p.name, p.gender, p.birth_date, p.ethnicity, p.phone, p.relation, p.political_status,
               p.residence_type, p.note, e.name, b.name, u.name, h.room, h.use, p.household_id, hh.head_person_id,
               p.id, g.name
        FROM people p LEFT JOIN households hh ON hh.id = p.household_id LEFT JOIN houses h ON h.id = hh.house_id
        LEFT JOIN buildings b ON b.id = h.building_id LEFT JOIN estates e ON e.id = b.estate_id
        LEFT JOIN units u ON u.id = h.unit_id LEFT JOIN org_nodes g ON g.id = p.grid_id
        WHERE p.deleted = 0""")
    tags: dict[str, list[str]] = defaultdict(list)
    with db.engine.connect() as conn:
        for pid, name in conn.execute(text("SELECT pt.person_id, t.name FROM person_tags pt "
                                           "JOIN tag_types t ON t.id = pt.tag_id WHERE pt.deleted = 0")):
            tags[pid].append(name)
        rows = conn.execute(sql).all()
    keys = ("id_number", "name", "gender", "birth_date", "ethnicity", "phone", "relation", "political_status",
            "residence_type", "note", "estate", "building", "unit", "room", "housing_status", "household",
            "head", "pid", "grid")
    people = {}
    for row in rows:
        record = dict(zip(keys, row, strict=True))
        record["tags"] = sorted(tags[record["pid"]])
        people[record["id_number"]] = record
    return people


@people_ledgers
def test_import_writes_exactly_the_truth(path: Path, db: Database) -> None:
    truth = truth_of(path)
    outcome = run_import(db, [path], ImportOptions(today=reference(truth), user_name="测试员"))
    people = _db_people(db)
    assert set(people) == {p["id_number"] for p in truth["people"]}
    for expected in truth["people"]:
        got = people[expected["id_number"]]
        for key in ("name", "gender", "birth_date", "ethnicity", "phone", "relation", "political_status",
                    "residence_type", "note", "estate", "building", "unit", "room", "tags"):
            assert str(got[key]) == str(expected[key]) if key == "birth_date" else got[key] == expected[key], (
                expected["source"], key)
    by_household: dict[str, set[str]] = defaultdict(set)
    heads = {}
    for number, person in people.items():
        by_household[person["household"]].add(number)
        heads[person["household"]] = person["head"]
    id_of = {number: p["pid"] for number, p in people.items()}
    assert sorted(map(sorted, by_household.values())) == sorted(
        sorted(h["member_id_numbers"]) for h in truth["households"])
    for household in truth["households"]:
        hid = people[household["member_id_numbers"][0]]["household"]
        assert heads[hid] == (id_of[household["head_id_number"]] if household["head_id_number"] else None)
    with db.engine.connect() as conn:
        houses = conn.execute(text("SELECT count(*), sum(use = '空置') FROM houses WHERE deleted = 0")).one()
        outbox = conn.execute(text("SELECT count(*) FROM outbox WHERE table_name = 'people'")).scalar_one()
    with db.session() as session:
        changes = len(store.changes(session, outcome.batch_id))
    assert houses[0] == len(truth["houses"])
    assert houses[1] == sum(1 for h in truth["houses"] if h["housing_status"] == "空置")
    assert outbox == len(truth["people"])  # every person went through the write path
    assert changes >= len(truth["people"]) + len(truth["households"]) + len(truth["houses"])
    assert outcome.document["counts"]["people"] == {
        "created": len(truth["people"]), "updated": 0, "unchanged": 0, "rejected": len(truth["rejects"])}


def test_import_of_special_groups_and_disputes_writes_tags_details_and_cases(db: Database) -> None:
    special = next(p for p in LEDGER_FILES if truth_of(p)["kind"] == "special_groups")
    disputes = next(p for p in LEDGER_FILES if truth_of(p)["kind"] == "disputes")
    truth_s, truth_d = truth_of(special), truth_of(disputes)
    run_import(db, [special, disputes], ImportOptions(today=reference(truth_s)))
    with db.engine.connect() as conn:
        links = conn.execute(text("""SELECT p.id_number, t.name, pt.detail FROM person_tags pt
                                     JOIN people p ON p.id = pt.person_id JOIN tag_types t ON t.id = pt.tag_id
                                     WHERE pt.deleted = 0""")).all()
        cases = conn.execute(text("""SELECT c.number, c.state, d.dispute_type, d.outcome, c.occurred_on,
                                       (SELECT count(*) FROM case_parties cp WHERE cp.case_id = c.id)
                                     FROM cases c JOIN dispute_details d ON d.case_id = c.id""")).all()
    expected = {(p["id_number"], c) for p in truth_s["special_persons"] for c in p["categories"]}
    assert {(n, t) for n, t, _d in links} == expected
    details = {(n, t): json.loads(d) for n, t, d in links}
    for record in truth_s["special_records"]:
        if record["disability"]:
            assert details[(record["id_number"], "残疾人")]["disability"] == record["disability"]
        if record["dibao_cert_no"]:
            assert details[(record["id_number"], "低保户")]["dibao_cert_no"] == record["dibao_cert_no"]
    outcomes = {"成功": "调解成功", "未成功": "调解不成功", "调解中": None}
    assert sorted((str(c[4]), c[2], c[3], c[5]) for c in cases) == sorted(
        (d["date"], d["type"], outcomes[d["result"]], len(d["parties"])) for d in truth_d["disputes"])
    assert {c[1] for c in cases} == {"closed", "dispatched"}
