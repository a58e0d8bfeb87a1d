"""One query for the 楼盘表: every house of a building with its household, people, tags and open cases."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text


@dataclass(frozen=True)
class HouseCell:
    house_id: str
    unit: int | None
    unit_name: str | None
    floor: int | None
    room: str
    use: str | None
    household_id: str | None
    households: int
    head_name: str | None
    members: int
    tagged: int


@dataclass(frozen=True)
class BuildingHeader:
    id: str
    name: str
    estate: str
    floors: int | None
    unit_count: int | None
    building_type: str | None
    head_name: str | None
    grid: str | None


def building_header(conn: Connection, building_id: str) -> BuildingHeader | None:
    row = conn.execute(text("""
        SELECT b.id, b.name, e.name, b.floors, b.unit_count, b.building_type, b.head_name, g.name
        FROM buildings b JOIN estates e ON e.id = b.estate_id LEFT JOIN org_nodes g ON g.id = b.grid_id
        WHERE b.id = :b AND b.deleted = false"""), {"b": building_id}).first()
    return BuildingHeader(*row) if row else None


def house_cells(conn: Connection, building_id: str) -> list[HouseCell]:
    rows = conn.execute(text("""
        WITH hh AS (
            SELECT h.id AS house_id, x.id AS household_id, x.head_person_id
            FROM houses h JOIN households x ON x.house_id = h.id
            WHERE h.building_id = :b AND x.deleted = false AND x.moved_out_on IS NULL),
        members AS (
            SELECT hh.house_id, count(p.id) AS n,
                   count(DISTINCT CASE WHEN EXISTS (
                       SELECT 1 FROM person_tags pt WHERE pt.person_id = p.id AND pt.deleted = false
                       AND pt.until IS NULL) THEN p.id END) AS tagged
            FROM hh JOIN people p ON p.household_id = hh.household_id AND p.deleted = false
            GROUP BY hh.house_id)
        SELECT h.id, u.number, u.name, h.floor, h.room, h.use,
               (SELECT min(hh.household_id) FROM hh WHERE hh.house_id = h.id),
               (SELECT count(*) FROM hh WHERE hh.house_id = h.id),
               (SELECT p.name FROM hh JOIN people p ON p.id = hh.head_person_id
                WHERE hh.house_id = h.id ORDER BY hh.household_id LIMIT 1),
               COALESCE(m.n, 0), COALESCE(m.tagged, 0)
        FROM houses h LEFT JOIN units u ON u.id = h.unit_id
        LEFT JOIN members m ON m.house_id = h.id
        WHERE h.building_id = :b AND h.deleted = false
        ORDER BY u.number, h.floor, h.room"""), {"b": building_id}).all()
    return [HouseCell(*r) for r in rows]

