"""Read queries of visits: the care schedule of tagged people, the revisit queue, visit lists."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Date, DateTime, bindparam, text

ADDRESS_JOIN = """
    LEFT JOIN houses h ON h.id = hh.house_id
    LEFT JOIN buildings b ON b.id = h.building_id
    LEFT JOIN estates e ON e.id = b.estate_id
    LEFT JOIN units u ON u.id = h.unit_id"""
ADDRESS = "COALESCE(e.name, '') || COALESCE(b.name, '') || COALESCE(u.name, '') || COALESCE(h.room, '')"


def _dicts(result: Any) -> list[dict[str, Any]]:
    """Rows as dicts, without building a RowMapping per row (the care schedule reads every tagged person)."""
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result]


def _grids(sql: str, column: str, grid_ids: Sequence[str] | None, params: dict[str, Any]) -> Any:
    """``sql`` with ``{scope}`` filled: a grid filter on ``column`` when ``grid_ids`` is given."""
    if grid_ids is None:
        return text(sql.format(scope=""))
    params["grids"] = list(grid_ids) or [""]
    return text(sql.format(scope=f" AND {column} IN :grids")).bindparams(bindparam("grids", expanding=True))


def care_rows(conn: Connection, on: date, grid_ids: Sequence[str] | None, *,
              building_id: str | None = None, with_address: bool = True) -> list[dict[str, Any]]:
    """Every person with a current tag that has a visit frequency: the smallest frequency, the earliest
    tag date, and the day of their last visit where somebody was met (a visit naming them, or a
    household visit naming nobody). Limited to some grids or one building, the tags are read only for
    the people there (indexes from the grid or the building down), not for the whole ledger."""
    params: dict[str, Any] = {"on": on}
    source = "person_tags pt"
    where = ""
    if grid_ids is not None or building_id:
        source = "people sp JOIN person_tags pt ON pt.person_id = sp.id"
    if building_id:
        source = ("houses sh JOIN households shh ON shh.house_id = sh.id "
                  "JOIN people sp ON sp.household_id = shh.id JOIN person_tags pt ON pt.person_id = sp.id")
        where += " AND sh.building_id = :building"
        params["building"] = building_id
    if grid_ids is not None:
        where += " AND sp.grid_id IN :grids"
        params["grids"] = list(grid_ids) or [""]
    sql = f"""
        WITH tagged AS (
            SELECT pt.person_id, min(t.visit_every_days) AS every_days, min(pt.since) AS since
            FROM {source} JOIN tag_types t ON t.id = pt.tag_id
            WHERE pt.deleted = false AND t.deleted = false AND t.visit_every_days IS NOT NULL
              AND (pt.until IS NULL OR pt.until >= :on) AND (pt.since IS NULL OR pt.since <= :on){where}
            GROUP BY pt.person_id)
        SELECT p.id AS person_id, p.name, p.household_id, hh.house_id, p.grid_id, tg.every_days, tg.since,
               {ADDRESS if with_address else "NULL"} AS address,
               (SELECT max(v.visited_at) FROM visits v WHERE v.person_id = p.id
                   AND v.deleted = false AND v.nobody_home = false) AS last_own,
               (SELECT max(v.visited_at) FROM visits v WHERE v.household_id = p.household_id
                   AND v.person_id IS NULL AND v.deleted = false AND v.nobody_home = false) AS last_household
        FROM tagged tg JOIN people p ON p.id = tg.person_id AND p.deleted = false
        LEFT JOIN households hh ON hh.id = p.household_id {ADDRESS_JOIN if with_address else ""}"""
    stmt = text(sql).columns(since=Date, last_own=DateTime, last_household=DateTime)
    if grid_ids is not None:
        stmt = stmt.bindparams(bindparam("grids", expanding=True))
    return _dicts(conn.execute(stmt, params))


def open_revisits(conn: Connection, grid_ids: Sequence[str] | None) -> list[dict[str, Any]]:
    """Visits where nobody was home and no later visit to the household has happened yet."""
    params: dict[str, Any] = {}
    sql = f"""
        SELECT v.id, v.household_id, v.person_id, v.visitor_name, v.visited_at, v.method, v.revisit_due,
               v.grid_id, p.name AS person_name, hp.name AS head_name, {ADDRESS} AS address
        FROM visits v
        LEFT JOIN people p ON p.id = v.person_id
        LEFT JOIN households hh ON hh.id = v.household_id
        LEFT JOIN people hp ON hp.id = hh.head_person_id {ADDRESS_JOIN}
        WHERE v.deleted = false AND v.nobody_home = true AND v.revisit_due IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM visits w WHERE w.household_id = v.household_id AND w.deleted = false
                          AND w.visited_at > v.visited_at){{scope}}
        ORDER BY v.revisit_due, v.visited_at"""
    stmt = _grids(sql, "v.grid_id", grid_ids, params).columns(visited_at=DateTime, revisit_due=Date)
    return _dicts(conn.execute(stmt, params))


def visits_of(conn: Connection, *, household_id: str | None = None, person_id: str | None = None,
              limit: int = 200) -> list[dict[str, Any]]:
    """Recent visits to a household (including those naming one of its people) or to a person."""
    if household_id is None and person_id is None:
        return []
    where = "v.household_id = :hh" if household_id else "v.person_id = :p"
    sql = f"""SELECT v.id, v.household_id, v.person_id, p.name AS person_name, v.visitor_name, v.visited_at,
                     v.method, v.findings, v.nobody_home, v.revisit_due
              FROM visits v LEFT JOIN people p ON p.id = v.person_id
              WHERE {where} AND v.deleted = false ORDER BY v.visited_at DESC LIMIT :limit"""
    stmt = text(sql).columns(visited_at=DateTime, revisit_due=Date)
    rows = conn.execute(stmt, {"hh": household_id, "p": person_id, "limit": limit}).mappings()
    return [dict(r) for r in rows]


def household_brief(conn: Connection, household_id: str) -> dict[str, Any] | None:
    """Grid, house and address of a household (where a visit happens)."""
    row = conn.execute(text(f"""
        SELECT hh.id, hh.grid_id, hh.house_id, h.building_id, hp.name AS head_name, {ADDRESS} AS address
        FROM households hh LEFT JOIN people hp ON hp.id = hh.head_person_id {ADDRESS_JOIN}
        WHERE hh.id = :id AND hh.deleted = false"""), {"id": household_id}).mappings().first()
    return dict(row) if row else None


def household_members(conn: Connection, household_id: str) -> list[dict[str, Any]]:
    """The people of a household, the head first (to choose whom a visit or a case is about)."""
    sql = """SELECT p.id, p.name, p.relation FROM people p WHERE p.household_id = :hh AND p.deleted = false
             ORDER BY p.relation <> '户主', p.birth_date, p.id"""
    return [dict(r) for r in conn.execute(text(sql), {"hh": household_id}).mappings()]
