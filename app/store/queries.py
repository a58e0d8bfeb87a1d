"""Read-side queries the services compose (the store is the only layer that knows tables)."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, text

from app.store.values import as_date

PLACE_JOIN = """
    LEFT JOIN households hh ON hh.id = p.household_id
    LEFT JOIN houses h ON h.id = hh.house_id
    LEFT JOIN units u ON u.id = h.unit_id
    LEFT JOIN buildings b ON b.id = h.building_id
    LEFT JOIN estates e ON e.id = b.estate_id
    LEFT JOIN org_nodes g ON g.id = p.grid_id
    LEFT JOIN org_nodes c ON c.id = g.parent_id"""


@dataclass(frozen=True)
class PersonCard:
    id: str
    name: str
    id_number: str | None
    phone: str | None
    gender: str | None
    birth_date: date | None
    relation: str | None
    household_id: str | None
    house_id: str | None
    estate: str | None
    building: str | None
    unit: str | None
    room: str | None
    grid: str | None


@dataclass(frozen=True)
class HouseCard:
    house_id: str
    estate: str | None
    building_id: str
    building: str
    unit: str | None
    room: str
    use: str | None
    household_ids: tuple[str, ...]
    head_names: tuple[str, ...]


@dataclass(frozen=True)
class BuildingCard:
    id: str
    estate: str
    name: str
    floors: int | None
    households: int


def _in(sql: str, name: str = "ids") -> Any:
    return text(sql).bindparams(bindparam(name, expanding=True))


SCOPED_TABLES = {"person": "people", "household": "households", "house": "houses", "building": "buildings"}


def ids_in_grids(conn: Connection, kind: str, ids: Sequence[str], grids: frozenset[str]) -> set[str]:
    """Those of ``ids`` (rows of a search-hit kind: person, household, house, building) that lie in ``grids``."""
    if not ids or not grids:
        return set()
    stmt = text(f"SELECT id FROM {SCOPED_TABLES[kind]} WHERE id IN :ids AND grid_id IN :grids").bindparams(
        bindparam("ids", expanding=True), bindparam("grids", expanding=True))
    return {row[0] for row in conn.execute(stmt, {"ids": list(ids), "grids": sorted(grids)})}


def person_cards(conn: Connection, ids: Sequence[str]) -> list[PersonCard]:
    """People with their place, in the order of ``ids``."""
    by_id = _cards(conn, "p.id", ids)
    return [by_id[i] for i in ids if i in by_id]


def person_cards_by_key(conn: Connection, keys: Sequence[int]) -> dict[int, PersonCard]:
    """People by SQLite rowid (the compact keys of big lists)."""
    return _cards(conn, "p.rowid", keys)


def _cards(conn: Connection, key: str, values: Sequence[Any]) -> dict[Any, PersonCard]:
    if not values:
        return {}
    rows = conn.execute(_in(f"""
        SELECT {key}, p.id, p.name, p.id_number, p.phone, p.gender, p.birth_date, p.relation,
               p.household_id, h.id, e.name, b.name, u.name, h.room, g.name
        FROM people p {PLACE_JOIN}
        WHERE {key} IN :ids AND p.deleted = false"""), {"ids": list(values)}).all()
    return {r[0]: PersonCard(*r[1:6], as_date(r[6]), *r[7:]) for r in rows}


def house_cards(conn: Connection, house_ids: Sequence[str]) -> list[HouseCard]:
    if not house_ids:
        return []
    rows = conn.execute(_in("""
        SELECT h.id, e.name, b.id, b.name, u.name, h.room, h.use, hh.id, hp.name
        FROM houses h JOIN buildings b ON b.id = h.building_id
        LEFT JOIN estates e ON e.id = b.estate_id
        LEFT JOIN units u ON u.id = h.unit_id
        LEFT JOIN households hh ON hh.house_id = h.id AND hh.deleted = false AND hh.moved_out_on IS NULL
        LEFT JOIN people hp ON hp.id = hh.head_person_id
        WHERE h.id IN :ids AND h.deleted = false"""), {"ids": list(house_ids)}).all()
    grouped: dict[str, list[Any]] = {}
    for r in rows:
        grouped.setdefault(r[0], []).append(r)
    cards = []
    for hid in house_ids:
        group = grouped.get(hid)
        if not group:
            continue
        first = group[0]
        households = tuple(r[7] for r in group if r[7])
        heads = tuple(r[8] or "" for r in group if r[7])
        cards.append(HouseCard(hid, first[1], first[2], first[3], first[4], first[5], first[6],
                               households, heads))
    return cards


def buildings_named(conn: Connection, names: Sequence[str], estate: str | None, limit: int
                    ) -> list[BuildingCard]:
    """Buildings whose canonical name is one of ``names``, optionally in an estate matching text."""
    sql = """
        SELECT b.id, e.name, b.name, b.floors,
               (SELECT count(*) FROM houses h JOIN households hh ON hh.house_id = h.id
                WHERE h.building_id = b.id AND hh.deleted = false AND hh.moved_out_on IS NULL)
        FROM buildings b JOIN estates e ON e.id = b.estate_id
        WHERE b.name IN :names AND b.deleted = false"""
    params: dict[str, Any] = {"names": list(names), "limit": limit}
    if estate:
        sql += " AND instr(e.name, :estate) > 0"
        params["estate"] = estate
    sql += " ORDER BY e.name, b.number LIMIT :limit"
    stmt = text(sql).bindparams(bindparam("names", expanding=True))
    return [BuildingCard(*r) for r in conn.execute(stmt, params).all()]


@dataclass(frozen=True)
class HouseholdCard:
    id: str
    head_name: str | None
    members: int
    house_id: str | None
    estate: str | None
    building: str | None
    unit: str | None
    room: str | None


def household_cards(conn: Connection, ids: Sequence[str]) -> list[HouseholdCard]:
    if not ids:
        return []
    rows = conn.execute(_in("""
        SELECT hh.id, hp.name,
               (SELECT count(*) FROM people m WHERE m.household_id = hh.id AND m.deleted = false),
               h.id, e.name, b.name, u.name, h.room
        FROM households hh LEFT JOIN people hp ON hp.id = hh.head_person_id
        LEFT JOIN houses h ON h.id = hh.house_id
        LEFT JOIN units u ON u.id = h.unit_id
        LEFT JOIN buildings b ON b.id = h.building_id
        LEFT JOIN estates e ON e.id = b.estate_id
        WHERE hh.id IN :ids AND hh.deleted = false"""), {"ids": list(ids)}).all()
    by_id = {r[0]: HouseholdCard(*r) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def tag_names(conn: Connection, person_ids: Sequence[str]) -> dict[str, list[str]]:
    """Current special-group tag names per person, sorted."""
    tags: dict[str, list[str]] = {}
    if not person_ids:
        return tags
    rows = conn.execute(_in("""
        SELECT pt.person_id, t.name FROM person_tags pt JOIN tag_types t ON t.id = pt.tag_id
        WHERE pt.person_id IN :ids AND pt.deleted = false AND pt.until IS NULL"""), {"ids": list(person_ids)})
    for pid, name in rows:
        tags.setdefault(pid, []).append(name)
    return {pid: sorted(names) for pid, names in tags.items()}


def tag_dictionary(conn: Connection) -> list[tuple[str, str, str, int | None]]:
    """(id, code, name, visit days) of every special-group tag type."""
    return [(r[0], r[1], r[2], r[3]) for r in conn.execute(text(
        "SELECT id, code, name, visit_every_days FROM tag_types"))]


def has_people(conn: Connection) -> bool:
    return conn.execute(text("SELECT 1 FROM people LIMIT 1")).first() is not None


# --- statistics ---------------------------------------------------------------------------------

def count_rows(conn: Connection, tables: tuple[str, ...] = (
        "estates", "buildings", "units", "houses", "households", "people", "visits", "cases")) -> dict[str, int]:
    """Living rows per main table."""
    counts = {}
    for table in tables:
        extra = " AND moved_out_on IS NULL" if table == "households" else ""
        counts[table] = conn.execute(text(f"SELECT count(*) FROM {table} WHERE deleted = false{extra}")
                                     ).scalar_one()
    return counts


def people_per_tag(conn: Connection, on: date) -> dict[str, int]:
    rows = conn.execute(text("""
        SELECT t.name, count(DISTINCT pt.person_id) FROM tag_types t
        LEFT JOIN person_tags pt ON pt.tag_id = t.id AND pt.deleted = false
             AND (pt.until IS NULL OR pt.until >= :on)
             AND pt.person_id IN (SELECT id FROM people WHERE deleted = false)
        WHERE t.deleted = false GROUP BY t.name, t.sort_order ORDER BY t.sort_order"""), {"on": on}).all()
    return {name: n for name, n in rows}


def cases_per_state(conn: Connection) -> dict[str, int]:
    rows = conn.execute(text("SELECT state, count(*) FROM cases WHERE deleted = false GROUP BY state")).all()
    return {state: n for state, n in rows}


# --- export -------------------------------------------------------------------------------------

EXPORT_COLUMNS = ("id_number", "name", "gender", "birth_date", "ethnicity", "phone", "relation",
                  "political_status", "community", "grid", "estate", "building", "unit", "room", "tags")


def iter_people_for_export(conn: Connection, *, tag: str | None = None, grid: str | None = None,
                           person_ids: Sequence[str] | None = None, batch: int = 5000) -> Iterator[dict[str, Any]]:
    """People with their place and sorted tag names, streamed in batches (DESIGN section 4 names).

    With ``person_ids`` exactly those people, in that order (a list as the user filtered and sorted it)."""
    if person_ids is not None:
        for start in range(0, len(person_ids), batch):
            chunk = list(person_ids[start:start + batch])
            found = {r["_id"]: r for r in _export_rows(conn, ["p.id IN :ids"], {"ids": chunk}, expanding="ids")}
            yield from (found[pid] for pid in chunk if pid in found)
        return
    where, params = people_filters(tag, grid)
    for record in _export_rows(conn, where, params, batch=batch):
        del record["_id"]
        yield record


def people_filters(tag: str | None, grid: str | None, scope: Collection[str] | None = None
                   ) -> tuple[list[str], dict[str, Any]]:
    """WHERE clauses (over people p and their grid g) for a current special-group tag, a grid name or id and
    the grids a user may see (``scope``: grid ids; None = every grid)."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if scope is not None:
        names = [f"scope_{i}" for i in range(len(scope))]
        where.append(f"g.id IN ({', '.join(':' + n for n in names)})" if names else "1 = 0")
        params.update(zip(names, sorted(scope), strict=True))
    if tag:
        where.append("""p.id IN (SELECT pt.person_id FROM person_tags pt JOIN tag_types t ON t.id = pt.tag_id
                        WHERE t.name = :tag AND pt.deleted = false AND pt.until IS NULL)""")
        params["tag"] = tag
    if grid:
        where.append("(g.name = :grid OR g.id = :grid)")
        params["grid"] = grid
    return where, params


def _export_rows(conn: Connection, where: list[str], params: dict[str, Any], *, expanding: str | None = None,
                 batch: int = 5000) -> Iterator[dict[str, Any]]:
    """Export records (with their person id under "_id") for people matching ``where``, in address order."""
    sql = text(f"""
        SELECT p.id, p.id_number, p.name, p.gender, p.birth_date, p.ethnicity, p.phone, p.relation,
               p.political_status, c.name, g.name, e.name, b.name, u.name, h.room
        FROM people p {PLACE_JOIN}
        WHERE {' AND '.join(["p.deleted = false", *where])}
        ORDER BY e.name, b.number, u.number, h.floor, length(h.room), h.room, p.household_id,
                 p.relation <> '户主', p.id""")
    if expanding:
        sql = sql.bindparams(bindparam(expanding, expanding=True))
    result = conn.execute(sql, params)
    while chunk := result.fetchmany(batch):
        tags = tag_names(conn, [r[0] for r in chunk])
        for r in chunk:
            record = dict(zip(EXPORT_COLUMNS[:-1], r[1:], strict=True))
            record["birth_date"] = as_date(record["birth_date"])
            record["tags"] = sorted(tags.get(r[0], []))
            record["_id"] = r[0]
            yield record


# --- keys (DESIGN section 4: an id or an address key) -------------------------------------------

def building_by_key(conn: Connection, key: str) -> str | None:
    """A building id from its id or "锦绣花园|3号楼"."""
    if "|" not in key:
        row = conn.execute(text("SELECT id FROM buildings WHERE id = :k AND deleted = false"), {"k": key}).first()
        return row[0] if row else None
    estate, building = (part.strip() for part in key.split("|", 1))
    row = conn.execute(text("""
        SELECT b.id FROM buildings b JOIN estates e ON e.id = b.estate_id
        WHERE e.name = :e AND b.name = :b AND b.deleted = false"""), {"e": estate, "b": building}).first()
    return row[0] if row else None


def household_by_key(conn: Connection, key: str) -> str | None:
    """A household id from its id or "锦绣花园|3号楼|2单元|501" (the first living household there)."""
    if "|" not in key:
        row = conn.execute(text("SELECT id FROM households WHERE id = :k AND deleted = false"), {"k": key}).first()
        return row[0] if row else None
    parts = [part.strip() for part in key.split("|")]
    if len(parts) == 3:
        parts.insert(2, "")
    if len(parts) != 4:
        return None
    estate, building, unit, room = parts
    row = conn.execute(text("""
        SELECT hh.id FROM households hh JOIN houses h ON h.id = hh.house_id
        JOIN buildings b ON b.id = h.building_id JOIN estates e ON e.id = b.estate_id
        LEFT JOIN units u ON u.id = h.unit_id
        WHERE e.name = :e AND b.name = :b AND COALESCE(u.name, '') = :u AND h.room = :r
          AND hh.deleted = false AND hh.moved_out_on IS NULL
        ORDER BY hh.id LIMIT 1"""), {"e": estate, "b": building, "u": unit, "r": room}).first()
    return row[0] if row else None
