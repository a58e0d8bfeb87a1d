"""Queries over the place hierarchy for the navigation tree and place lists."""

from __future__ import annotations

from sqlalchemy import Connection, text

PEOPLE_PLACE_FILTER = {
    "community": "g.parent_id = :id",
    "grid": "p.grid_id = :id",
    "estate": "b.estate_id = :id AND p.grid_id = :grid",
    "building": "h.building_id = :id",
    "unit": "h.unit_id = :id",
    "household": "p.household_id = :id",
}


def communities(conn: Connection) -> list[tuple[str, str]]:
    return [tuple(r) for r in conn.execute(text(
        "SELECT id, name FROM org_nodes WHERE level = 'community' AND deleted = false ORDER BY name"))]


def grids(conn: Connection, community_id: str) -> list[tuple[str, str]]:
    return [tuple(r) for r in conn.execute(text(
        "SELECT id, name FROM org_nodes WHERE level = 'grid' AND parent_id = :c AND deleted = false "
        "ORDER BY code, name"), {"c": community_id})]


def estates_in_grid(conn: Connection, grid_id: str) -> list[tuple[str, str]]:
    return [tuple(r) for r in conn.execute(text(
        "SELECT DISTINCT e.id, e.name FROM estates e JOIN buildings b ON b.estate_id = e.id "
        "WHERE b.grid_id = :g AND b.deleted = false AND e.deleted = false ORDER BY e.name"), {"g": grid_id})]


def buildings(conn: Connection, estate_id: str, grid_id: str | None) -> list[tuple[str, str]]:
    return [tuple(r) for r in conn.execute(text(
        "SELECT id, name FROM buildings WHERE estate_id = :e AND deleted = false "
        "AND (:g IS NULL OR grid_id = :g) ORDER BY number, name"), {"e": estate_id, "g": grid_id})]


def units(conn: Connection, building_id: str) -> list[tuple[str, str]]:
    return [tuple(r) for r in conn.execute(text(
        "SELECT id, name FROM units WHERE building_id = :b AND deleted = false ORDER BY number, name"),
        {"b": building_id})]


def people_in(conn: Connection, level: str | None, place_id: str | None, grid_id: str | None) -> list[str]:
    where = "p.deleted = false"
    if level is not None:
        where += " AND " + PEOPLE_PLACE_FILTER[level]
    sql = f"""
        SELECT p.id FROM people p
        LEFT JOIN households hh ON hh.id = p.household_id
        LEFT JOIN houses h ON h.id = hh.house_id
        LEFT JOIN buildings b ON b.id = h.building_id
        LEFT JOIN org_nodes g ON g.id = p.grid_id
        WHERE {where}
        ORDER BY b.estate_id, b.number, h.floor, length(h.room), h.room, p.household_id, p.relation <> '户主', p.id"""
    return [r[0] for r in conn.execute(text(sql), {"id": place_id, "grid": grid_id})]
