"""What client and server both need to know about synced rows: buckets, wire values, references."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Date, DateTime, Table, false, or_

from app.store.models import MODEL_BY_TABLE, SYNCED_MODELS
from app.store.writes import to_wire
from sync.protocol import COMMUNITY_PREFIX, SHARED_BUCKET, community_bucket

SYSTEM_COLUMNS = frozenset({"hlc", "field_hlc", "server_seq"})
NATURAL_KEYS: dict[str, str] = {"people": "id_number", "tag_types": "code"}
"""One live row per value: a second row with the same value is merged into the first."""
PLACE_KEYS: dict[str, tuple[str, ...]] = {
    "org_nodes": ("parent_id", "level", "name"),
    "estates": ("community_id", "name"),
    "buildings": ("estate_id", "name"),
    "units": ("building_id", "name"),
    "houses": ("building_id", "unit_id", "room"),
}
"""The org tree and the places, by parent (the first column) and name. A desktop that imports a ledger before
it ever synced creates its community, grid, estates, buildings … afresh; when their parent turns out to be a
row the server already had, a live row with the same key there is the same place, and the desktop's row is
merged into it (a community by its name alone: the desktop does not know the district above it)."""
MEMBER_KEYS: dict[str, tuple[str, ...]] = {
    "households": ("house_id",),
    "memberships": ("person_id", "household_id"),
    "person_tags": ("person_id", "tag_id"),
}
"""Rows that belong to a place or a person, by that parent (the first column) and the rest of the key. When two
desktops imported the same ledger, the second one's person (by ID number) and house (PLACE_KEYS) are merged
into the server's; a live row with the same key there is then the same household, membership or tag: a household
when one of its people is there too, as head or open member (the desktop sends their ID numbers with the insert,
the head's first, comma-separated, as the hint ``MEMBER_HINT``), a membership when both are open."""
MEMBER_HINT = "member_id_numbers"
MAX_HINTED_MEMBERS = 20
TABLE_ORDER = {m.__tablename__: i for i, m in enumerate(SYNCED_MODELS)}  # type: ignore[attr-defined]


def table_of(name: str) -> Table:
    return MODEL_BY_TABLE[name].__table__  # type: ignore[attr-defined, no-any-return]


def bucket_of(table: str, row: dict[str, Any]) -> str:
    """The bucket a row syncs in: its grid, else its community's shared bucket, else the global one.

    Org nodes above grid level and dictionaries have no grid; a community node and its estates go to
    the community's bucket, districts, sub-districts and dictionaries to the global shared bucket."""
    if row.get("grid_id"):
        return str(row["grid_id"])
    if table == "estates" and row.get("community_id"):
        return community_bucket(str(row["community_id"]))
    if table == "org_nodes" and row.get("level") == "community":
        return community_bucket(str(row["id"]))
    return SHARED_BUCKET


def in_bucket(table: Table, bucket: str) -> ColumnElement[bool]:
    """SQL for "this row's bucket is ``bucket``": :func:`bucket_of` as a WHERE clause."""
    no_grid = or_(table.c.grid_id.is_(None), table.c.grid_id == "")
    if bucket.startswith(COMMUNITY_PREFIX):
        community = bucket.removeprefix(COMMUNITY_PREFIX)
        if table.name == "estates":
            return no_grid & (table.c.community_id == community)
        if table.name == "org_nodes":
            return no_grid & (table.c.level == "community") & (table.c.id == community)
        return false()
    if bucket != SHARED_BUCKET:
        return table.c.grid_id == bucket
    if table.name == "estates":
        return no_grid & or_(table.c.community_id.is_(None), table.c.community_id == "")
    if table.name == "org_nodes":
        return no_grid & (table.c.level != "community")
    return no_grid


@cache
def references() -> dict[str, dict[str, str]]:
    """table -> {column: referenced table} for every synced row that points at another by id."""
    refs: dict[str, dict[str, str]] = {}
    for name in MODEL_BY_TABLE:
        for column in table_of(name).c:
            for fk in column.foreign_keys:
                refs.setdefault(name, {})[column.name] = fk.column.table.name
    refs.setdefault("households", {})["head_person_id"] = "people"  # no FK: head and household may cross
    return refs


@cache
def pointers() -> dict[str, dict[str, str]]:
    """:func:`references` and every synced row's ``grid_id`` (its bucket, an org node): the columns that must
    follow a row that got another id."""
    refs = {name: dict(columns) for name, columns in references().items()}
    for name in MODEL_BY_TABLE:
        refs.setdefault(name, {})["grid_id"] = "org_nodes"
    return refs


def from_wire(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """Column values from their JSON form (ISO dates back to date/datetime); unknown keys dropped."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        column = table.c.get(key)
        if column is None:
            continue
        if isinstance(value, str) and isinstance(column.type, DateTime):
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            value = date.fromisoformat(value)
        out[key] = value
    return out


def row_to_wire(row: Any) -> dict[str, Any]:
    """A database row (mapping) as JSON-able values, JSON columns left as they are."""
    return {k: to_wire(v) for k, v in dict(row).items()}
