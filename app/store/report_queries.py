"""Read queries for printed files (一户一档, building rosters, statistics).

Every function takes many households at once, so a building of 500 households costs a handful of
queries rather than thousands. Rows come back as plain dataclasses; formatting, masking and ages are
the reports service's business.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, text

from app.store.values import as_date, as_datetime, as_json

CHUNK = 500
"""Ids per IN (...) list: well under SQLite's variable limit on every version."""

LIVING_HOUSEHOLD = "hh.deleted = false AND hh.moved_out_on IS NULL"
HOUSE_ORDER = "u.number, h.floor, length(h.room), h.room, hh.id"


@dataclass(frozen=True)
class HouseholdRow:
    id: str
    grid_id: str | None
    community: str | None
    grid: str | None
    worker_name: str | None
    worker_phone: str | None
    estate: str | None
    building_id: str | None
    building: str | None
    unit: str | None
    floor: int | None
    room: str | None
    area: float | None
    use: str | None
    registration: str | None
    presence: str | None
    hukou_address: str | None
    contact_phone: str | None
    note: str | None
    head_person_id: str | None


@dataclass(frozen=True)
class MemberRow:
    id: str
    household_id: str
    name: str
    id_number: str | None
    gender: str | None
    birth_date: date | None
    phone: str | None
    relation: str | None
    political_status: str | None


@dataclass(frozen=True)
class TagRow:
    person_id: str
    name: str
    since: date | None
    detail: dict[str, Any] | None


@dataclass(frozen=True)
class VisitRow:
    household_id: str
    visited_at: datetime
    method: str
    visitor_name: str
    person_name: str | None
    findings: str | None
    nobody_home: bool


@dataclass(frozen=True)
class CaseRow:
    household_id: str
    id: str
    number: str
    kind: str
    category: str
    title: str
    state: str
    priority: str | None
    deadline: date | None
    handler: str | None
    occurred_on: date | None
    dispute_type: str | None
    outcome: str | None
    mediations: int


@dataclass(frozen=True)
class BuildingRow:
    id: str
    grid_id: str | None
    community: str | None
    grid: str | None
    worker_name: str | None
    estate: str
    name: str
    floors: int | None
    unit_count: int | None
    building_type: str | None
    head_name: str | None
    head_phone: str | None





def _chunks(ids: Sequence[str]) -> list[list[str]]:
    return [list(ids[i:i + CHUNK]) for i in range(0, len(ids), CHUNK)]


def _rows(conn: Connection, sql: str, ids: Sequence[str], **params: Any) -> list[Any]:
    """Rows of ``sql`` (with ``IN :ids``) over ``ids`` in chunks."""
    stmt = text(sql).bindparams(bindparam("ids", expanding=True))
    rows: list[Any] = []
    for chunk in _chunks(ids):
        rows += conn.execute(stmt, {"ids": chunk, **params}).all()
    return rows


# --- one household's file -------------------------------------------------------------------------

def households(conn: Connection, ids: Sequence[str]) -> list[HouseholdRow]:
    """Households with their house, place and grid, in the order of ``ids`` (unknown ids left out)."""
    rows = _rows(conn, """
        SELECT hh.id, hh.grid_id, c.name, g.name, g.worker_name, g.worker_phone, e.name, b.id, b.name, u.name,
               h.floor, h.room, h.area, h.use, hh.registration, hh.presence, hh.hukou_address,
               hh.contact_phone, hh.note, hh.head_person_id
        FROM households hh
        LEFT JOIN houses h ON h.id = hh.house_id
        LEFT JOIN units u ON u.id = h.unit_id
        LEFT JOIN buildings b ON b.id = h.building_id
        LEFT JOIN estates e ON e.id = b.estate_id
        LEFT JOIN org_nodes g ON g.id = hh.grid_id
        LEFT JOIN org_nodes c ON c.id = g.parent_id
        WHERE hh.id IN :ids AND hh.deleted = false""", ids)
    by_id = {r[0]: HouseholdRow(*r) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def members(conn: Connection, household_ids: Sequence[str]) -> dict[str, list[MemberRow]]:
    """Living members per household: the head first, then by age (oldest first)."""
    rows = _rows(conn, """
        SELECT p.id, p.household_id, p.name, p.id_number, p.gender, p.birth_date, p.phone, p.relation,
               p.political_status
        FROM people p LEFT JOIN households hh ON hh.id = p.household_id
        WHERE p.household_id IN :ids AND p.deleted = false
        ORDER BY p.household_id, p.id = hh.head_person_id DESC, p.relation <> '户主',
                 p.birth_date IS NULL, p.birth_date, p.id""", household_ids)
    grouped: dict[str, list[MemberRow]] = {}
    for r in rows:
        grouped.setdefault(r[1], []).append(MemberRow(*r[:5], as_date(r[5]), *r[6:]))
    return grouped


def current_tags(conn: Connection, person_ids: Sequence[str], on: date) -> dict[str, list[TagRow]]:
    """Special-group tags in force on ``on`` per person, in the dictionary's order."""
    rows = _rows(conn, """
        SELECT pt.person_id, t.name, pt.since, pt.detail
        FROM person_tags pt JOIN tag_types t ON t.id = pt.tag_id
        WHERE pt.person_id IN :ids AND pt.deleted = false
          AND (pt.since IS NULL OR pt.since <= :on) AND (pt.until IS NULL OR pt.until >= :on)
        ORDER BY pt.person_id, t.sort_order, t.name""", person_ids, on=on)
    grouped: dict[str, list[TagRow]] = {}
    for pid, name, since, detail in rows:
        grouped.setdefault(pid, []).append(TagRow(pid, name, as_date(since), as_json(detail)))
    return grouped


def recent_visits(conn: Connection, household_ids: Sequence[str], per_household: int
                  ) -> dict[str, list[VisitRow]]:
    """The latest ``per_household`` visits of each household, newest first."""
    rows = _rows(conn, """
        SELECT household_id, visited_at, method, visitor_name, person_name, findings, nobody_home FROM (
            SELECT v.household_id, v.visited_at, v.method, v.visitor_name, p.name AS person_name, v.findings,
                   v.nobody_home,
                   row_number() OVER (PARTITION BY v.household_id ORDER BY v.visited_at DESC, v.id DESC) AS n
            FROM visits v LEFT JOIN people p ON p.id = v.person_id
            WHERE v.household_id IN :ids AND v.deleted = false) ranked
        WHERE n <= :limit
        ORDER BY household_id, visited_at DESC""", household_ids, limit=per_household)
    grouped: dict[str, list[VisitRow]] = {}
    for hid, at, method, visitor, person, findings, nobody in rows:
        grouped.setdefault(hid, []).append(VisitRow(hid, as_datetime(at), method, visitor, person, findings,
                                                     bool(nobody)))
    return grouped


def household_cases(conn: Connection, household_ids: Sequence[str]) -> dict[str, list[CaseRow]]:
    """Cases and disputes at a household's house or involving one of its members, newest first."""
    rows = _rows(conn, """
        SELECT links.household_id, c.id, c.number, c.kind, c.category, c.title, c.state, c.priority,
               c.deadline, c.handler, c.occurred_on, d.dispute_type, d.outcome,
               (SELECT count(*) FROM mediation_sessions m WHERE m.case_id = c.id AND m.deleted = false)
        FROM (SELECT hh.id AS household_id, c.id AS case_id
              FROM households hh JOIN cases c ON c.house_id = hh.house_id
              WHERE hh.id IN :ids
              UNION
              SELECT p.household_id, cp.case_id
              FROM case_parties cp JOIN people p ON p.id = cp.person_id
              WHERE p.household_id IN :ids AND cp.deleted = false) links
        JOIN cases c ON c.id = links.case_id
        LEFT JOIN dispute_details d ON d.case_id = c.id AND d.deleted = false
        WHERE c.deleted = false
        ORDER BY links.household_id, c.occurred_on DESC, c.number DESC""", household_ids)
    grouped: dict[str, list[CaseRow]] = {}
    for r in rows:
        grouped.setdefault(r[0], []).append(
            CaseRow(*r[:8], as_date(r[8]), r[9], as_date(r[10]), r[11], r[12], int(r[13])))
    return grouped


# --- buildings and grids --------------------------------------------------------------------------

def building(conn: Connection, building_id: str) -> BuildingRow | None:
    row = conn.execute(text("""
        SELECT b.id, b.grid_id, c.name, g.name, g.worker_name, e.name, b.name, b.floors, b.unit_count, b.building_type,
               b.head_name, b.head_phone
        FROM buildings b JOIN estates e ON e.id = b.estate_id
        LEFT JOIN org_nodes g ON g.id = b.grid_id
        LEFT JOIN org_nodes c ON c.id = COALESCE(g.parent_id, e.community_id)
        WHERE b.id = :id AND b.deleted = false"""), {"id": building_id}).first()
    return BuildingRow(*row) if row else None


def building_household_ids(conn: Connection, building_id: str) -> list[str]:
    """Living households of a building in walking order: unit, floor, room."""
    rows = conn.execute(text(f"""
        SELECT hh.id FROM households hh JOIN houses h ON h.id = hh.house_id
        LEFT JOIN units u ON u.id = h.unit_id
        WHERE h.building_id = :b AND h.deleted = false AND {LIVING_HOUSEHOLD}
        ORDER BY {HOUSE_ORDER}"""), {"b": building_id}).all()
    return [r[0] for r in rows]


def grid_by_key(conn: Connection, key: str) -> tuple[str, str] | None:
    """(id, name) of a grid given its id, name or code."""
    row = conn.execute(text("""
        SELECT id, name FROM org_nodes
        WHERE level = 'grid' AND deleted = false AND (id = :k OR name = :k OR code = :k)
        ORDER BY id LIMIT 1"""), {"k": key.strip()}).first()
    return (row[0], row[1]) if row else None


def grid_building_ids(conn: Connection, grid_id: str) -> list[str]:
    rows = conn.execute(text("""
        SELECT b.id FROM buildings b JOIN estates e ON e.id = b.estate_id
        WHERE b.grid_id = :g AND b.deleted = false ORDER BY e.name, b.number, b.name"""), {"g": grid_id}).all()
    return [r[0] for r in rows]


def grid_household_ids(conn: Connection, grid_id: str) -> list[str]:
    """Living households of a grid, building by building in walking order."""
    rows = conn.execute(text(f"""
        SELECT hh.id FROM households hh JOIN houses h ON h.id = hh.house_id
        JOIN buildings b ON b.id = h.building_id JOIN estates e ON e.id = b.estate_id
        LEFT JOIN units u ON u.id = h.unit_id
        WHERE hh.grid_id = :g AND h.deleted = false AND {LIVING_HOUSEHOLD}
        ORDER BY e.name, b.number, b.name, {HOUSE_ORDER}"""), {"g": grid_id}).all()
    return [r[0] for r in rows]


def people_per_building(conn: Connection) -> list[tuple[str, str, int]]:
    """(estate, building, living people) for every building, in estate and number order."""
    rows = conn.execute(text(f"""
        SELECT e.name, b.name,
               (SELECT count(*) FROM houses h JOIN households hh ON hh.house_id = h.id
                JOIN people p ON p.household_id = hh.id
                WHERE h.building_id = b.id AND h.deleted = false AND {LIVING_HOUSEHOLD} AND p.deleted = false)
        FROM buildings b JOIN estates e ON e.id = b.estate_id
        WHERE b.deleted = false ORDER BY e.name, b.number, b.name""")).all()
    return [(r[0], r[1], int(r[2])) for r in rows]


def birth_date_counts(conn: Connection) -> list[tuple[date | None, int]]:
    """Living people per birth date (at most a few tens of thousands of rows, even for a district)."""
    rows = conn.execute(text("SELECT birth_date, count(*) FROM people WHERE deleted = false GROUP BY birth_date"))
    return [(as_date(d), int(n)) for d, n in rows]


def dispute_outcomes(conn: Connection) -> dict[str | None, int]:
    """Disputes per outcome (None: mediation still under way)."""
    rows = conn.execute(text("""
        SELECT d.outcome, count(*) FROM dispute_details d JOIN cases c ON c.id = d.case_id
        WHERE d.deleted = false AND c.deleted = false GROUP BY d.outcome""")).all()
    return {r[0]: int(r[1]) for r in rows}


def community_names(conn: Connection) -> list[str]:
    rows = conn.execute(text("SELECT name FROM org_nodes WHERE level = 'community' AND deleted = false ORDER BY name"))
    return [r[0] for r in rows]
