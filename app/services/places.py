"""The place tree (社区 → 网格 → 小区 → 楼栋 → 单元) and the people living in a place."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from app.store import places as place_queries
from app.store import queries
from app.store.db import Database

LEVELS = ("community", "grid", "estate", "building", "unit")


@dataclass(frozen=True)
class PeopleFilter:
    """What a user narrows the people list by (ages in whole years, inclusive)."""

    tag: str | None = None
    age_min: int | None = None
    age_max: int | None = None
    gender: str | None = None
    presence: str | None = None
    political_status: str | None = None
    grid_id: str | None = None
    sort: str = "address"
    descending: bool = False


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class PlaceNode:
    level: str  # community | grid | estate | building | unit
    id: str
    name: str
    parent: PlaceNode | None = None

    @property
    def grid_id(self) -> str | None:
        node: PlaceNode | None = self
        while node is not None:
            if node.level == "grid":
                return node.id
            node = node.parent
        return None

    @property
    def has_children(self) -> bool:
        return self.level not in ("unit", "household")

    @property
    def path(self) -> str:
        parts = []
        node: PlaceNode | None = self
        while node is not None:
            parts.append(node.name)
            node = node.parent
        return " / ".join(reversed(parts))


class PeopleList(Protocol):
    """Row keys of a people list (for PeopleService.rows), read a page at a time."""

    def __len__(self) -> int: ...

    def page(self, start: int, size: int) -> Sequence[int]: ...

    def all_keys(self) -> Sequence[int]: ...


class KeyList:
    def __init__(self, keys: Sequence[int]):
        self._keys = array("q", keys)

    def __len__(self) -> int:
        return len(self._keys)

    def page(self, start: int, size: int) -> Sequence[int]:
        return self._keys[start:start + size]

    def all_keys(self) -> Sequence[int]:
        return self._keys


class RegisterPages:
    """The whole register in registration order: counted once, pages fetched with LIMIT/OFFSET."""

    def __init__(self, db: Database, scope: tuple[str, ...] | None):
        self.db, self.scope = db, scope
        with db.engine.connect() as conn:
            self._count = place_queries.count_people(conn, scope)

    def __len__(self) -> int:
        return self._count

    def page(self, start: int, size: int) -> Sequence[int]:
        with self.db.engine.connect() as conn:
            return place_queries.people_keys_page(conn, self.scope, start, size)

    def all_keys(self) -> Sequence[int]:
        return self.page(0, self._count)


class PlaceService:
    """Places and people as one user sees them: a grid worker only their own grids (``scope``)."""

    def __init__(self, db: Database, scope: frozenset[str] | None = None):
        self.db = db
        self.scope = scope

    def roots(self) -> list[PlaceNode]:
        with self.db.engine.connect() as conn:
            return [PlaceNode("community", i, n) for i, n in place_queries.communities(conn)]

    def children(self, node: PlaceNode) -> list[PlaceNode]:
        with self.db.engine.connect() as conn:
            if node.level == "community":
                rows = [r for r in place_queries.grids(conn, node.id) if self.scope is None or r[0] in self.scope]
                level = "grid"
            elif node.level == "grid":
                rows = place_queries.estates_in_grid(conn, node.id)
                level = "estate"
            elif node.level == "estate":
                rows = place_queries.buildings(conn, node.id, node.grid_id)
                level = "building"
            elif node.level == "building":
                rows = place_queries.units(conn, node.id)
                level = "unit"
            else:
                return []
        return [PlaceNode(level, i, n, node) for i, n in rows]

    def resolve(self, view: str) -> PlaceNode | None:
        """A place from "building:KEY" or "household:KEY" (KEY: an id or an address key)."""
        kind, _, key = view.partition(":")
        with self.db.engine.connect() as conn:
            if kind == "building":
                found = queries.building_by_key(conn, key)
            elif kind == "household":
                found = queries.household_by_key(conn, key)
            else:
                return None
        return PlaceNode(kind, found, key) if found else None

    def people_list(self, node: PlaceNode | None, filters: PeopleFilter | None = None) -> PeopleList:
        """The people a list shows: the whole register unfiltered is paged from the database as it is
        scrolled (a million keys take longer to fetch than the target to open the list); anything
        narrower or sorted is listed at once."""
        f = filters or PeopleFilter()
        if node is None and f == PeopleFilter(grid_id=f.grid_id) and f.grid_id is None:
            return RegisterPages(self.db, tuple(sorted(self.scope)) if self.scope is not None else None)
        return KeyList(self.people_keys(node, f))

    def people_keys(self, node: PlaceNode | None, filters: PeopleFilter | None = None) -> list[int]:
        """Everyone living in a place who passes the filters, in the chosen order (whole ledger for None),
        as row keys for PeopleService.rows (compact enough to hold a million)."""
        f = filters or PeopleFilter()
        today = date.today()
        query = place_queries.PeopleQuery(
            level=node.level if node else None, place_id=node.id if node else None,
            grid_id=(node.grid_id if node else None) or f.grid_id, tag=f.tag, gender=f.gender,
            presence=f.presence, political_status=f.political_status, sort=f.sort, descending=f.descending,
            grid_scope=tuple(sorted(self.scope)) if self.scope is not None else None,
            born_after=_years_before(today, f.age_max + 1) + timedelta(days=1) if f.age_max is not None else None,
            born_before=_years_before(today, f.age_min) if f.age_min is not None else None)
        with self.db.engine.connect() as conn:
            return place_queries.people_keys(conn, query)

    def person_ids(self, keys: Sequence[int]) -> list[str]:
        with self.db.engine.connect() as conn:
            return place_queries.person_ids_for_keys(conn, keys)

    def filter_choices(self) -> dict[str, list[str]]:
        """The values the people-list filters offer."""
        with self.db.engine.connect() as conn:
            return {"tag": place_queries.tag_type_names(conn)}

    def grids(self) -> list[tuple[str, str]]:
        with self.db.engine.connect() as conn:
            return [g for g in place_queries.grid_names(conn) if self.scope is None or g[0] in self.scope]

    def grid_paths(self) -> list[str]:
        """"社区/网格" of the grids in scope (what an import may write to)."""
        with self.db.engine.connect() as conn:
            return [path for gid, path in place_queries.grid_paths(conn) if self.scope is None or gid in self.scope]
