"""Read queries of cases, their events, parties, attachments and disputes (the case board, the case
page, the worklist and the statistics). Writes go through app.store.writes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Connection, Date, DateTime, bindparam, text

from app.domain.workflow import CLOCK_STATES

_CASE_COLUMNS = """c.id, c.grid_id, c.number, c.kind, c.category, c.source, c.building_id, c.house_id,
    c.place_text, c.title, c.description, c.priority, c.deadline, c.handler, c.reported_by, c.occurred_on,
    c.state, g.name AS grid_name"""
_CASE_TYPES = {"deadline": Date, "occurred_on": Date}
_CLOCK = tuple(sorted(CLOCK_STATES))


@dataclass(frozen=True)
class CaseFilter:
    """Which cases a list shows. Empty fields do not filter."""

    states: tuple[str, ...] = ()
    overdue_on: date | None = None
    """Only cases whose deadline passed before this day while the clock runs (see CLOCK_STATES)."""
    grid_ids: tuple[str, ...] | None = None
    building_id: str | None = None
    house_id: str | None = None
    household_id: str | None = None
    person_id: str | None = None
    kind: str | None = None
    category: str | None = None
    handler: str | None = None


def _where(f: CaseFilter) -> tuple[str, dict[str, Any], list[str]]:
    """SQL conditions over ``cases c`` for a filter, their parameters and the expanding parameter names."""
    where = ["c.deleted = false"]
    params: dict[str, Any] = {}
    expanding: list[str] = []
    if f.states:
        where.append("c.state IN :states")
        params["states"] = list(f.states)
        expanding.append("states")
    if f.overdue_on is not None:
        where.append("c.deadline < :overdue_on AND c.state IN :clock")
        params.update(overdue_on=f.overdue_on, clock=list(_CLOCK))
        expanding.append("clock")
    if f.grid_ids is not None:
        where.append("c.grid_id IN :grids")
        params["grids"] = list(f.grid_ids) or [""]
        expanding.append("grids")
    for column in ("building_id", "house_id", "kind", "category", "handler"):
        value = getattr(f, column)
        if value is not None:
            where.append(f"c.{column} = :{column}")
            params[column] = value
    if f.household_id is not None:
        where.append("""(c.house_id = (SELECT house_id FROM households WHERE id = :household_id)
            OR c.id IN (SELECT cp.case_id FROM case_parties cp JOIN people p ON p.id = cp.person_id
                        WHERE p.household_id = :household_id AND cp.deleted = false))""")
        params["household_id"] = f.household_id
    if f.person_id is not None:
        where.append("c.id IN (SELECT case_id FROM case_parties WHERE person_id = :person_id AND deleted = false)")
        params["person_id"] = f.person_id
    return " AND ".join(where), params, expanding


def _stmt(sql: str, expanding: Sequence[str] = (), **types: Any) -> Any:
    stmt = text(sql)
    if expanding:
        stmt = stmt.bindparams(*(bindparam(name, expanding=True) for name in expanding))
    return stmt.columns(**types) if types else stmt


def case_ids(conn: Connection, f: CaseFilter) -> list[str]:
    """Ids of the matching cases, newest first (the lazy board model holds only these)."""
    where, params, expanding = _where(f)
    sql = f"SELECT c.id FROM cases c WHERE {where} ORDER BY c.occurred_on DESC, c.number DESC"
    return [r[0] for r in conn.execute(_stmt(sql, expanding), params)]


def count_by_state(conn: Connection, f: CaseFilter) -> dict[str, int]:
    where, params, expanding = _where(f)
    sql = f"SELECT c.state, count(*) FROM cases c WHERE {where} GROUP BY c.state"
    return {state: n for state, n in conn.execute(_stmt(sql, expanding), params)}


def count_overdue(conn: Connection, f: CaseFilter, today: date) -> int:
    where, params, expanding = _where(replace(f, overdue_on=today))
    return conn.execute(_stmt(f"SELECT count(*) FROM cases c WHERE {where}", expanding), params).scalar_one()


def cases(conn: Connection, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Case rows with their grid's name, in the order of ``ids``."""
    if not ids:
        return []
    sql = f"""SELECT {_CASE_COLUMNS} FROM cases c LEFT JOIN org_nodes g ON g.id = c.grid_id
              WHERE c.id IN :ids AND c.deleted = false"""
    rows = {r["id"]: dict(r) for r in conn.execute(_stmt(sql, ["ids"], **_CASE_TYPES), {"ids": list(ids)}).mappings()}
    return [rows[i] for i in ids if i in rows]


def case(conn: Connection, case_id: str) -> dict[str, Any] | None:
    found = cases(conn, [case_id])
    return found[0] if found else None


def events(conn: Connection, case_ids_: Sequence[str]) -> list[dict[str, Any]]:
    """The events of some cases (any order: the workflow fold sorts them). ``refused`` is the server's reason
    when it refused to record an event typed on this desktop (None otherwise)."""
    if not case_ids_:
        return []
    sql = """SELECT e.id, e.case_id, e.action, e.from_state, e.to_state, e.actor_name, e.actor_role, e.at, e.note,
                    e.data, e.hlc,
                    (SELECT o.reason FROM outbox o WHERE o.table_name = 'case_events' AND o.row_id = e.id
                     AND o.status = 'rejected' LIMIT 1) AS refused
             FROM case_events e WHERE e.case_id IN :ids AND e.deleted = false"""
    stmt = _stmt(sql, ["ids"], at=DateTime, data=JSON)
    return [dict(r) for r in conn.execute(stmt, {"ids": list(case_ids_)}).mappings()]


def parties(conn: Connection, case_id: str) -> list[dict[str, Any]]:
    sql = """SELECT cp.id, cp.person_id, cp.name, cp.role, p.phone, p.household_id
             FROM case_parties cp LEFT JOIN people p ON p.id = cp.person_id
             WHERE cp.case_id = :id AND cp.deleted = false ORDER BY cp.id"""
    return [dict(r) for r in conn.execute(text(sql), {"id": case_id}).mappings()]


def attachments(conn: Connection, owner_table: str, owner_ids: Sequence[str]) -> list[dict[str, Any]]:
    if not owner_ids:
        return []
    sql = """SELECT id, owner_id, sha256, filename, mime, size FROM attachments
             WHERE owner_table = :t AND owner_id IN :ids AND deleted = false ORDER BY id"""
    return [dict(r) for r in conn.execute(_stmt(sql, ["ids"]), {"t": owner_table, "ids": list(owner_ids)}).mappings()]


def dispute(conn: Connection, case_id: str) -> dict[str, Any] | None:
    row = conn.execute(text("""SELECT id, dispute_type, outcome, agreement FROM dispute_details
                               WHERE case_id = :id AND deleted = false ORDER BY id LIMIT 1"""),
                       {"id": case_id}).mappings().first()
    return dict(row) if row else None


def mediation_sessions(conn: Connection, case_id: str) -> list[dict[str, Any]]:
    sql = """SELECT id, held_on, mediator, summary FROM mediation_sessions
             WHERE case_id = :id AND deleted = false ORDER BY held_on, id"""
    return [dict(r) for r in conn.execute(_stmt(sql, held_on=Date), {"id": case_id}).mappings()]


# --- places and numbering -----------------------------------------------------------------------

def place_of_house(conn: Connection, house_id: str) -> dict[str, Any] | None:
    row = conn.execute(text("""
        SELECT h.id AS house_id, b.id AS building_id, b.grid_id, e.name AS estate, b.name AS building,
               u.name AS unit, h.room
        FROM houses h JOIN buildings b ON b.id = h.building_id LEFT JOIN estates e ON e.id = b.estate_id
        LEFT JOIN units u ON u.id = h.unit_id WHERE h.id = :id AND h.deleted = false"""), {"id": house_id}
    ).mappings().first()
    return dict(row) if row else None


def place_of_building(conn: Connection, building_id: str) -> dict[str, Any] | None:
    row = conn.execute(text("""
        SELECT b.id AS building_id, b.grid_id, e.name AS estate, b.name AS building
        FROM buildings b LEFT JOIN estates e ON e.id = b.estate_id WHERE b.id = :id AND b.deleted = false"""),
        {"id": building_id}).mappings().first()
    return dict(row) if row else None


def people_brief(conn: Connection, person_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Name, grid and home of some people (to link them to a case or a visit)."""
    if not person_ids:
        return {}
    sql = """SELECT p.id, p.name, p.grid_id, p.household_id, hh.house_id FROM people p
             LEFT JOIN households hh ON hh.id = p.household_id WHERE p.id IN :ids AND p.deleted = false"""
    return {r["id"]: dict(r) for r in conn.execute(_stmt(sql, ["ids"]), {"ids": list(person_ids)}).mappings()}


def case_by_key(conn: Connection, key: str) -> str | None:
    """A case id from its id or its number (编号)."""
    row = conn.execute(text("SELECT id FROM cases WHERE (id = :k OR number = :k) AND deleted = false LIMIT 1"),
                       {"k": key}).first()
    return row[0] if row else None


def row_exists(conn: Connection, table: str, row_id: str) -> bool:
    """Whether a row (living or tombstoned) of a dictionary table exists."""
    if table not in ("case_categories", "calendar_days"):
        raise ValueError(table)
    return conn.execute(text(f"SELECT 1 FROM {table} WHERE id = :id"), {"id": row_id}).first() is not None


def person_by_key(conn: Connection, key: str) -> str | None:
    """A person id from their id or ID number."""
    row = conn.execute(text("SELECT id FROM people WHERE (id = :k OR id_number = :k) AND deleted = false LIMIT 1"),
                       {"k": key}).first()
    return row[0] if row else None


def grids_by_key(conn: Connection, key: str) -> list[str]:
    """Grid ids whose id, name or code is ``key`` (a name may repeat across communities)."""
    rows = conn.execute(text("""SELECT id FROM org_nodes WHERE level = 'grid' AND deleted = false
                                AND (id = :k OR name = :k OR code = :k) ORDER BY id"""), {"k": key})
    return [r[0] for r in rows]


def grid_exists(conn: Connection, grid_id: str) -> bool:
    return conn.execute(text("SELECT 1 FROM org_nodes WHERE id = :id AND level = 'grid' AND deleted = false"),
                        {"id": grid_id}).first() is not None


def count_numbers(conn: Connection, prefix: str) -> int:
    """How many case numbers start with ``prefix`` (the next number's sequence)."""
    return conn.execute(text("SELECT count(*) FROM cases WHERE number LIKE :p"), {"p": prefix + "%"}).scalar_one()


# --- dictionaries -------------------------------------------------------------------------------

def category_rows(conn: Connection) -> list[dict[str, Any]]:
    sql = """SELECT id, name, time_limit_days, warn_days, on_spot, sort_order, active
             FROM case_categories WHERE deleted = false"""
    return [dict(r) for r in conn.execute(text(sql)).mappings()]


def calendar_days(conn: Connection) -> dict[date, bool]:
    stmt = _stmt("SELECT day, is_workday FROM calendar_days WHERE deleted = false", day=Date)
    return {day: bool(work) for day, work in conn.execute(stmt)}


# --- statistics ---------------------------------------------------------------------------------

def count_by(conn: Connection, column: str, f: CaseFilter) -> dict[str, int]:
    """Living cases per value of ``column`` (state or category)."""
    if column not in ("state", "category"):
        raise ValueError(column)
    where, params, expanding = _where(f)
    sql = f"SELECT c.{column}, count(*) FROM cases c WHERE {where} GROUP BY c.{column} ORDER BY count(*) DESC"
    return {key: n for key, n in conn.execute(_stmt(sql, expanding), params)}


def open_deadlines(conn: Connection, f: CaseFilter) -> list[tuple[str, str, date]]:
    """(id, category, deadline) of the cases whose deadline clock runs."""
    where, params, expanding = _where(replace(f, states=_CLOCK))
    sql = f"SELECT c.id, c.category, c.deadline FROM cases c WHERE {where} AND c.deadline IS NOT NULL"
    return [tuple(r) for r in conn.execute(_stmt(sql, expanding, deadline=Date), params)]


def close_spans(conn: Connection, f: CaseFilter) -> list[tuple[datetime, datetime | None]]:
    """(first event time, last close time) of every closed case."""
    where, params, expanding = _where(replace(f, states=("closed",)))
    sql = f"""SELECT min(e.at) AS first_at, max(CASE WHEN e.action = 'close' THEN e.at END) AS closed_at
              FROM cases c JOIN case_events e ON e.case_id = c.id AND e.deleted = false
              WHERE {where} GROUP BY c.id"""
    stmt = _stmt(sql, expanding, first_at=DateTime, closed_at=DateTime)
    return [(r.first_at, r.closed_at) for r in conn.execute(stmt, params)]


def dispute_outcomes(conn: Connection, f: CaseFilter) -> list[dict[str, Any]]:
    """Every dispute with its grid, the day it occurred and its outcome (None while mediating)."""
    where, params, expanding = _where(f)
    sql = f"""SELECT c.id, g.name AS grid_name, c.grid_id, c.occurred_on, d.outcome
              FROM cases c JOIN dispute_details d ON d.case_id = c.id AND d.deleted = false
              LEFT JOIN org_nodes g ON g.id = c.grid_id WHERE {where}"""
    return [dict(r) for r in conn.execute(_stmt(sql, expanding, occurred_on=Date), params).mappings()]


def open_cases_per_house(conn: Connection, building_id: str) -> dict[str, int]:
    """Open cases per house of a building (badges on the building map)."""
    sql = """SELECT c.house_id, count(*) FROM cases c WHERE c.building_id = :b AND c.house_id IS NOT NULL
             AND c.deleted = false AND c.state NOT IN ('closed', 'withdrawn') GROUP BY c.house_id"""
    return {house: n for house, n in conn.execute(text(sql), {"b": building_id})}
