"""Read queries for the office-style rosters (人口/户/楼栋台账) that export writes as xlsx."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from sqlalchemy import Connection, text

from app.store.queries import PLACE_JOIN, people_filters, tag_names

PEOPLE_COLUMNS = ("community", "grid", "estate", "building", "unit", "room", "household_id", "name", "relation",
                  "gender", "birth_date", "ethnicity", "id_number", "phone", "political_status")
_ORDER = "e.name, b.number, b.name, u.number, h.floor, length(h.room), h.room"
Scope = Collection[str] | None  # the grid ids a user may see; None: every grid


def people_count(conn: Connection, *, tag: str | None = None, grid: str | None = None, scope: Scope = None) -> int:
    """How many people ``people`` will yield (for a progress bar)."""
    where, params = people_filters(tag, grid, scope)
    sql = text(f"""SELECT count(*) FROM people p LEFT JOIN org_nodes g ON g.id = p.grid_id
                   WHERE {' AND '.join(['p.deleted = false', *where])}""")
    return int(conn.execute(sql, params).scalar_one())


def people(conn: Connection, *, tag: str | None = None, grid: str | None = None, scope: Scope = None,
           batch: int = 5000) -> Iterator[dict[str, Any]]:
    """Living people household by household (户主 first), with place and sorted tag names."""
    where, params = people_filters(tag, grid, scope)
    sql = text(f"""
        SELECT p.id, c.name, g.name, e.name, b.name, u.name, h.room, p.household_id, p.name, p.relation, p.gender,
               p.birth_date, p.ethnicity, p.id_number, p.phone, p.political_status
        FROM people p {PLACE_JOIN}
        WHERE {' AND '.join(['p.deleted = false', *where])}
        ORDER BY {_ORDER}, p.household_id, p.relation <> '户主', p.birth_date, p.id""")
    result = conn.execute(sql, params)
    while chunk := result.fetchmany(batch):
        tags = tag_names(conn, [r[0] for r in chunk])
        for r in chunk:
            record = dict(zip(PEOPLE_COLUMNS, r[1:], strict=True))
            record["tags"] = tags.get(r[0], [])
            yield record


def households(conn: Connection, *, grid: str | None = None, scope: Scope = None) -> list[dict[str, Any]]:
    """Current households with their house, head and member count."""
    where, params = people_filters(None, grid, scope)
    sql = text(f"""
        SELECT c.name, g.name, e.name, b.name, u.name, h.room, h.use, p.name, p.id_number, p.phone,
               (SELECT count(*) FROM people m WHERE m.household_id = hh.id AND m.deleted = false), hh.registration
        FROM households hh
        LEFT JOIN people p ON p.id = hh.head_person_id
        LEFT JOIN houses h ON h.id = hh.house_id LEFT JOIN units u ON u.id = h.unit_id
        LEFT JOIN buildings b ON b.id = h.building_id LEFT JOIN estates e ON e.id = b.estate_id
        LEFT JOIN org_nodes g ON g.id = hh.grid_id LEFT JOIN org_nodes c ON c.id = g.parent_id
        WHERE {' AND '.join(['hh.deleted = false', 'hh.moved_out_on IS NULL', *where])}
        ORDER BY {_ORDER}, hh.id""")
    keys = ("community", "grid", "estate", "building", "unit", "room", "use", "head_name", "head_id_number",
            "head_phone", "members", "registration")
    return [dict(zip(keys, r, strict=True)) for r in conn.execute(sql, params)]


def buildings(conn: Connection, *, grid: str | None = None, scope: Scope = None) -> list[dict[str, Any]]:
    """Buildings with their counts of units, houses, households and people."""
    where, params = people_filters(None, grid, scope)
    sql = text(f"""
        SELECT c.name, g.name, e.name, b.name, b.building_type, b.floors,
               (SELECT count(*) FROM units u WHERE u.building_id = b.id AND u.deleted = false),
               (SELECT count(*) FROM houses h WHERE h.building_id = b.id AND h.deleted = false),
               (SELECT count(*) FROM households hh JOIN houses h ON h.id = hh.house_id
                WHERE h.building_id = b.id AND hh.deleted = false AND hh.moved_out_on IS NULL),
               (SELECT count(*) FROM people p JOIN households hh ON hh.id = p.household_id
                JOIN houses h ON h.id = hh.house_id WHERE h.building_id = b.id AND p.deleted = false),
               b.head_name, b.head_phone
        FROM buildings b JOIN estates e ON e.id = b.estate_id
        LEFT JOIN org_nodes g ON g.id = b.grid_id LEFT JOIN org_nodes c ON c.id = g.parent_id
        WHERE {' AND '.join(['b.deleted = false', *where])}
        ORDER BY e.name, b.number, b.name""")
    keys = ("community", "grid", "estate", "building", "building_type", "floors", "units", "houses", "households",
            "people", "head_name", "head_phone")
    return [dict(zip(keys, r, strict=True)) for r in conn.execute(sql, params)]
