"""Queries over the place hierarchy for the navigation tree and place lists."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, bindparam, text

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


@dataclass(frozen=True)
class PeopleQuery:
    """Which people a list shows and in what order (every field optional)."""

    level: str | None = None  # a PEOPLE_PLACE_FILTER key
    place_id: str | None = None
    grid_id: str | None = None
    tag: str | None = None
    born_after: date | None = None  # age at most …
    born_before: date | None = None  # age at least …
    gender: str | None = None
    presence: str | None = None  # 人户状态 of the household
    political_status: str | None = None
    sort: str = "address"  # a SORTS key
    descending: bool = False
    grid_scope: tuple[str, ...] | None = None  # the user's grids (None: all)


SORTS = {
    "address": "b.estate_id, b.number, h.floor, length(h.room), h.room, p.household_id, p.relation <> '户主', p.id",
    "name": "p.name, p.id",
    "age": "p.birth_date DESC, p.id",
    "gender": "p.gender, p.id",
    "relation": "p.relation, p.id",
    "id_number": "p.id_number, p.id",
    "phone": "p.phone, p.id",
    "grid": "g.name, p.id",
}


JOINS = (  # alias, join; each may depend on the ones before it
    ("hh.", "LEFT JOIN households hh ON hh.id = p.household_id"),
    ("h.", "LEFT JOIN houses h ON h.id = hh.house_id"),
    ("b.", "LEFT JOIN buildings b ON b.id = h.building_id"),
    ("g.", "LEFT JOIN org_nodes g ON g.id = p.grid_id"),
)


def _joins_needed(sql: str) -> str:
    """Only the joins a list's filters and order use: the whole district's list needs none of them."""
    needed = {alias for alias, _join in JOINS if re.search(rf"\b{re.escape(alias)}", sql)}
    if "b." in needed:
        needed |= {"h.", "hh."}
    if "h." in needed:
        needed.add("hh.")
    return "\n".join(join for alias, join in JOINS if alias in needed)


def people_keys(conn: Connection, query: PeopleQuery) -> list[int]:
    """Row keys (SQLite rowids: small and fast to fetch for a million people) in the list's order.

    The whole ledger in "address" order is listed in registration order (rowid), which for demo data and
    imported ledgers is address order: sorting a million rows through five joins takes seconds.
    """
    where = ["p.deleted = false"]
    params: dict[str, object] = {"id": query.place_id, "grid": query.grid_id}
    if query.level is not None:
        where.append(PEOPLE_PLACE_FILTER[query.level])
    elif query.grid_id:
        where.append("p.grid_id = :grid")
    for column, value in (("p.gender", query.gender), ("hh.presence", query.presence),
                          ("p.political_status", query.political_status)):
        if value:
            name = column.split(".")[1]
            where.append(f"{column} = :{name}")
            params[name] = value
    if query.grid_scope is not None:
        where.append("p.grid_id IN :scope")
        params["scope"] = list(query.grid_scope)
    if query.born_after:
        where.append("p.birth_date >= :born_after")
        params["born_after"] = query.born_after
    if query.born_before:
        where.append("p.birth_date <= :born_before")
        params["born_before"] = query.born_before
    if query.tag:
        where.append("""p.id IN (SELECT pt.person_id FROM person_tags pt JOIN tag_types t ON t.id = pt.tag_id
                        WHERE t.name = :tag AND pt.deleted = false AND pt.until IS NULL)""")
        params["tag"] = query.tag
    order = SORTS[query.sort]
    if query.sort == "address" and query.level is None:
        order = "p.rowid"
    if query.descending:
        order = ", ".join(f"{part} DESC" if not part.endswith("DESC") else part.removesuffix(" DESC")
                          for part in order.split(", "))
    sql = f"""
        SELECT p.rowid FROM people p {_joins_needed(" ".join([*where, order]))}
        WHERE {" AND ".join(where)}
        ORDER BY {order}"""
    stmt = text(sql)
    if query.grid_scope is not None:
        stmt = stmt.bindparams(bindparam("scope", expanding=True))
    return [r[0] for r in conn.execute(stmt, params)]


def _scope_clause(grid_scope: tuple[str, ...] | None) -> tuple[str, dict[str, object]]:
    if grid_scope is None:
        return "", {}
    return " AND grid_id IN :scope", {"scope": list(grid_scope)}


def count_people(conn: Connection, grid_scope: tuple[str, ...] | None) -> int:
    clause, params = _scope_clause(grid_scope)
    stmt = text(f"SELECT count(*) FROM people WHERE deleted = false{clause}")
    if grid_scope is not None:
        stmt = stmt.bindparams(bindparam("scope", expanding=True))
    return conn.execute(stmt, params).scalar_one()


def people_keys_page(conn: Connection, grid_scope: tuple[str, ...] | None, start: int, size: int) -> list[int]:
    """One page of the whole register in registration order, without listing the rest."""
    clause, params = _scope_clause(grid_scope)
    stmt = text(f"SELECT rowid FROM people WHERE deleted = false{clause} ORDER BY rowid LIMIT :size OFFSET :start")
    if grid_scope is not None:
        stmt = stmt.bindparams(bindparam("scope", expanding=True))
    return [r[0] for r in conn.execute(stmt, {**params, "size": size, "start": start})]


def person_ids_for_keys(conn: Connection, keys: Sequence[int]) -> list[str]:
    found: dict[int, str] = {}
    for start in range(0, len(keys), 5000):
        chunk = list(keys[start:start + 5000])
        stmt = text("SELECT rowid, id FROM people WHERE rowid IN :keys").bindparams(bindparam("keys", expanding=True))
        found.update((k, i) for k, i in conn.execute(stmt, {"keys": chunk}))
    return [found[k] for k in keys if k in found]


def tag_type_names(conn: Connection) -> list[str]:
    return [r[0] for r in conn.execute(text(
        "SELECT name FROM tag_types WHERE deleted = false ORDER BY sort_order, name"))]


def grid_paths(conn: Connection) -> list[tuple[str, str]]:
    """(grid id, "社区/网格") of every grid, as an import names the grid its rows go to."""
    return [tuple(r) for r in conn.execute(text(
        "SELECT g.id, coalesce(c.name || '/', '') || g.name FROM org_nodes g "
        "LEFT JOIN org_nodes c ON c.id = g.parent_id "
        "WHERE g.level = 'grid' AND g.deleted = false ORDER BY c.name, g.code, g.name"))]


def grid_names(conn: Connection) -> list[tuple[str, str]]:
    return [tuple(r) for r in conn.execute(text(
        "SELECT id, name FROM org_nodes WHERE level = 'grid' AND deleted = false ORDER BY code, name"))]
