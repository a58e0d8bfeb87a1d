"""Write a parsed batch into the database: one batch, one transaction, through the one write path.

New rows of every table are collected and written with ``Writer.bulk_insert`` (multi-row statements, no
per-object ORM session) every few thousand rows while the rest is planned, parents before children, on the
Writer's statement pipe (a second thread); changed rows go through ``Writer.update``, which
stamps the changed fields and queues them for sync. Every created row and every changed row (with its
values before) is recorded as an ImportChange, so ``undo.undo_batch`` reverts exactly what the batch did,
again through the Writer so the outbox sees the undo too.

Where rows belong (ledgers carry no organisation): a row's grid is, in this order, the ``--grid`` the
user chose, the row's own 所属网格 column, the grid the file's title or fill-in row names ("丰乐社区第7
网格…", "网格：第6网格"), else "未分配网格"; its community is ``--community``, the community the file
names, the database's only community, else "未分配社区". Missing nodes are created. A building keeps
the grid it already has; its people and households follow the building.

A person already in the database (same ID number) is updated, never duplicated: only fields the file has
a column for, and never to empty (an empty cell does not erase what is known). Tags are added, never
removed by an import.
"""

from __future__ import annotations

import hashlib
import secrets
import time as clock
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from operator import attrgetter
from typing import Any

from app.domain.addresses import UNNAMED_ESTATE, Address, building_number, unit_number
from app.domain.case_codes import DISPUTE_CATEGORY
from app.domain.ledger_values import OUTCOME_OF_RESULT
from app.domain.tags import DEFAULT_TAGS
from app.domain.workflow import next_state
from app.services.importing.normalise import DisputeRecord, HouseRecord, PersonRecord
from app.services.importing.pipeline import ImportCancelled, ParsedBatch
from app.store import imports as store
from app.store.models import (
    Building,
    Case,
    CaseEvent,
    CaseParty,
    DisputeDetail,
    Estate,
    House,
    Household,
    MediationSession,
    Membership,
    OrgNode,
    Person,
    PersonTag,
    SyncedRow,
    TagType,
    Unit,
)
from app.store.writes import Writer

WRITE_CHUNK = 5000
UNASSIGNED_GRID = "未分配网格"
UNASSIGNED_COMMUNITY = "未分配社区"
ENTITIES = ("people", "households", "houses", "tags", "disputes")
INSERT_ORDER: tuple[type[SyncedRow], ...] = (OrgNode, Estate, Building, Unit, House, Household, Person, Membership,
                                             TagType, PersonTag, Case, CaseEvent, CaseParty, DisputeDetail,
                                             MediationSession)
PERSON_FIELDS = ("name", "gender", "birth_date", "ethnicity", "phone", "relation", "political_status",
                 "residence_type", "note")
_NO_PERSON_VALUES = dict.fromkeys(PERSON_FIELDS)
# Which file column carries a person field (gender and birth date come from the valid ID).
_FIELD_COLUMN = {"name": "name", "ethnicity": "ethnicity", "phone": "phone", "relation": "relation",
                 "political_status": "political_status", "residence_type": "residence_type", "note": "note"}

Progress = Callable[[str, float], None]
Origin = PersonRecord | HouseRecord | DisputeRecord
"""A record: where it came from (file, sheet) and the grid and community its own row names."""


class BatchIds:
    """UUIDv7 keys for one batch, about ten times faster than uuid6.uuid7() (which a 100,000-row
    import would call 300,000 times): the batch's millisecond stamp and a random 74-bit counter that
    grows by one per key (RFC 9562, monotonic random), so keys stay unique and time-ordered. Only the
    counter's low 48 bits (the last group) change from key to key, so the rest is formatted once per
    2**48 keys."""

    _LOW = (1 << 48) - 1

    def __init__(self) -> None:
        self._ms = int(clock.time() * 1000)
        self._n = secrets.randbits(72)
        self._prefix_of = -1  # the counter's high bits the prefix was made for

    def __call__(self) -> str:
        self._n += 1
        r = self._n
        if r >> 48 != self._prefix_of:
            self._prefix_of = r >> 48
            h = "%032x" % ((self._ms << 80) | (0x7 << 76) | ((r >> 62) << 64) | (0b10 << 62)
                           | (r & 0x3FFF_FFFF_FFFF_FFFF))
            self._prefix = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-"
        return self._prefix + "%012x" % (r & self._LOW)


class PeopleAhead:
    """Gives the new people of people sheets their ids while the files are still being normalised, and
    has them indexed meanwhile (Writer.index_people_ahead): the search index is a third of an import's
    SQLite work, and the statement pipe's thread has nothing else to do while rows are read and checked.

    Records arrive in the order the batch-wide rules see them, so the first record of an ID number, the
    one indexed, is the one the batch keeps (RULES.md R8). Called with the pipelined Writer's transaction
    open; the lookup of known ID numbers reads ``people``, which the pipe does not write meanwhile."""

    def __init__(self, w: Writer):
        self.w = w
        self.ids = BatchIds()
        self.assigned: dict[str, str | None] = {}  # ID number -> new person id, None when already known
        self.lookup = store.any_people(w.session.connection())  # no lookups for a first import

    def __call__(self, records: list[PersonRecord]) -> None:
        fresh: dict[str, PersonRecord] = {}
        for record in records:
            if record.id_number not in self.assigned:
                fresh.setdefault(record.id_number, record)  # the first record of each number
        known = store.existing_id_numbers(self.w.session.connection(), fresh) if self.lookup else set()
        rows = []
        for number, record in fresh.items():
            if number in known:
                self.assigned[number] = None
                continue
            person = self.assigned[number] = self.ids()
            rows.append((person, record.name, number, record.phone))
        self.w.index_people_ahead(rows)


@dataclass
class ImportOptions:
    community: str | None = None
    grid: str | None = None  # "网格" or "社区/网格"
    user_name: str | None = None
    today: date = field(default_factory=date.today)
    grid_worker: bool = False  # the importing user is a grid worker: disputes take a grid worker's steps


@dataclass
class MergeResult:
    counts: dict[str, dict[str, int]]
    created: int
    updated: int


class _Merger:
    """Plans and writes one batch inside the Writer's transaction."""

    def __init__(self, w: Writer, batch: ParsedBatch, options: ImportOptions, progress: Progress,
                 cancel: Callable[[], bool], ahead: PeopleAhead | None):
        self.w = w
        self.conn = w.session.connection()
        self.batch = batch
        self.options = options
        self.progress = progress
        self.cancel = cancel
        self.ids = ahead.ids if ahead else BatchIds()
        self.ahead_ids = ahead.assigned if ahead else {}
        self._fields_of: dict[frozenset[str], tuple[tuple[str, ...], attrgetter[Any]]] = {}
        self.new: dict[type[SyncedRow], list[dict[str, Any]]] = defaultdict(list)
        self.changes: list[tuple[str, str, str, dict[str, Any] | None]] = []  # updated rows, values before
        self.updates: list[tuple[type[SyncedRow], str, dict[str, Any]]] = []  # written by write_updates
        self.created: dict[type[SyncedRow], list[str]] = defaultdict(list)  # ids of the rows created
        self.counts: dict[str, Counter[str]] = {name: Counter() for name in ENTITIES}
        self.contexts = {(f.name, lay.name): lay.context for f in batch.files for lay in f.layouts}
        self._org()
        self._places()

    # -- helpers ---------------------------------------------------------------------------------

    def _insert(self, model: type[SyncedRow], values: dict[str, Any]) -> str:
        """Queue a new row for flush() and record it as created by the batch; returns its id."""
        row_id = values["id"] = values.get("id") or self.ids()
        self.new[model].append(values)
        self.created[model].append(row_id)
        return row_id

    def _update(self, model: type[SyncedRow], row_id: str, current: dict[str, Any], changes: dict[str, Any]) -> bool:
        """Plan a change of a row that existed before the batch (written by write_updates); ``current``
        holds its values as planned so far and takes the change. True when something changes."""
        changed = {k: v for k, v in changes.items() if current.get(k) != v}
        if not changed:
            return False
        self.updates.append((model, row_id, changed))
        self.changes.append((model.__tablename__, row_id, "updated",  # type: ignore[attr-defined]
                             {k: _wire(current.get(k)) for k in changed}))
        current.update(changed)
        return True

    def _check_cancel(self) -> None:
        if self.cancel():
            raise ImportCancelled("已取消导入，数据库未作改动。")

    # -- organisation ----------------------------------------------------------------------------

    def _org(self) -> None:
        nodes = store.org_nodes(self.conn)
        self.communities = {name: nid for nid, _parent, level, name in nodes if level == "community"}
        self.grids = {(parent, name): nid for nid, parent, level, name in nodes if level == "grid"}
        grid_option = self.options.grid
        self.grid_option_community: str | None = None
        if grid_option and "/" in grid_option:
            self.grid_option_community, grid_option = (part.strip() for part in grid_option.split("/", 1))
        self.grid_option = grid_option or None

    def _community_name(self, origin: Origin) -> str:
        context = self.contexts.get((origin.source.file, origin.source.sheet))
        named = (self.options.community or self.grid_option_community or origin.community
                 or (context.community if context else None))
        if named:
            return named
        if len(self.communities) == 1:
            return next(iter(self.communities))
        return UNASSIGNED_COMMUNITY

    def community_id(self, origin: Origin) -> str:
        name = self._community_name(origin)
        if name not in self.communities:
            self.communities[name] = self._insert(OrgNode, {"parent_id": None, "level": "community", "name": name,
                                                            "grid_id": None})
        return self.communities[name]

    def grid_id(self, origin: Origin) -> str:
        context = self.contexts.get((origin.source.file, origin.source.sheet))
        name = self.grid_option or origin.grid or (context.grid if context else None) or UNASSIGNED_GRID
        community = self.community_id(origin)
        key = (community, name)
        if key not in self.grids:
            gid = self.ids()
            self.grids[key] = self._insert(OrgNode, {"id": gid, "parent_id": community, "level": "grid",
                                                     "name": name, "grid_id": gid})
        return self.grids[key]

    # -- places ----------------------------------------------------------------------------------

    def _places(self) -> None:
        self.estates = {(community, name): eid for eid, community, name in store.estates(self.conn)}
        estate_ids = list(self.estates.values())
        self.buildings: dict[tuple[str, str], tuple[str, str | None]] = {
            (estate, name): (bid, grid) for bid, estate, name, grid in store.buildings(self.conn, estate_ids)}
        building_ids = [bid for bid, _grid in self.buildings.values()]
        self.units = {(building, name): uid for uid, building, name in store.units(self.conn, building_ids)}
        self.houses: dict[tuple[str, str | None, str], dict[str, Any]] = {}
        for hid, building, unit, room, use, owner, area, note in store.houses(self.conn, building_ids):
            self.houses[(building, unit, room)] = {"id": hid, "use": use, "owner_name": owner, "area": area,
                                                   "note": note}

    def building(self, address: Address, origin: Origin) -> tuple[str, str] | None:
        """(building id, its grid id) for an address, created with its estate when missing."""
        if not address.building:
            return None
        community = self.community_id(origin)
        estate_name = address.estate or UNNAMED_ESTATE
        estate = self.estates.get((community, estate_name))
        if estate is None:
            estate = self.estates[(community, estate_name)] = self._insert(
                Estate, {"community_id": community, "name": estate_name,
                         # a grid worker may write their grids only: the estate they bring in is filed there
                         "grid_id": self.grid_id(origin) if self.options.grid_worker else None})
        found = self.buildings.get((estate, address.building))
        if found is None or found[1] is None:
            grid = self.grid_id(origin)
            if found is None:
                bid = self._insert(Building, {"estate_id": estate, "name": address.building, "grid_id": grid,
                                              "number": building_number(address.building)})
                found = (bid, grid)
            else:
                found = (found[0], grid)
            self.buildings[(estate, address.building)] = found
        return found[0], found[1] or ""

    def house(self, address: Address, origin: Origin, create: bool = True) -> dict[str, Any] | None:
        """The house of a full address (id, grid, use, …; "row" when new), created when missing."""
        if not address.room:
            return None
        placed = self.building(address, origin) if create else self._known_building(address, origin)
        if placed is None:
            return None
        building, grid = placed
        unit = None
        if address.unit:
            unit = self.units.get((building, address.unit))
            if unit is None:
                if not create:
                    return None
                unit = self.units[(building, address.unit)] = self._insert(
                    Unit, {"building_id": building, "name": address.unit, "number": unit_number(address.unit),
                           "grid_id": grid})
        key = (building, unit, address.room)
        house = self.houses.get(key)
        if house is None:
            if not create:
                return None
            row = {"building_id": building, "unit_id": unit, "room": address.room, "floor": address.floor,
                   "use": None, "grid_id": grid}
            self._insert(House, row)
            house = self.houses[key] = {"id": row["id"], "use": None, "owner_name": None, "area": None, "note": None,
                                        "row": row}
        house["grid"] = grid
        house["building_id"] = building
        return house

    def _known_building(self, address: Address, origin: Origin) -> tuple[str, str] | None:
        estate = self.estates.get((self.community_id(origin), address.estate or UNNAMED_ESTATE))
        found = self.buildings.get((estate, address.building or "")) if estate else None
        return (found[0], found[1] or "") if found else None

    def write_houses(self, records: Iterable[HouseRecord]) -> None:
        """Every address the files name becomes a house; its use, owner and area follow the file."""
        for record in records:
            house = self.house(record.address, record)
            if house is None or house.get("counted"):
                continue
            house["counted"] = True
            wanted = {k: v for k, v in (("use", record.housing_status), ("owner_name", record.owner_name),
                                        ("area", record.area), ("note", record.note)) if v is not None}
            if "row" in house:
                house["row"].update(wanted)
                house.update(wanted)
                self.counts["houses"]["created"] += 1
            else:
                changed = self._update(House, house["id"], house, wanted)
                self.counts["houses"]["updated" if changed else "unchanged"] += 1

    # -- people and households ------------------------------------------------------------------

    def _load_people(self) -> None:
        self.w.settle()  # lookups wait for the rows already queued (see flush)
        ids = {r.id_number for r in self.batch.people} | {r.id_number for r in self.batch.special}
        self.existing = store.people_by_id_number(self.conn, ids)
        person_ids = [p["id"] for p in self.existing.values()]
        self.memberships: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for mid, person, household, relation, reason in store.open_memberships(self.conn, person_ids):
            self.memberships[person].append({"id": mid, "household_id": household, "relation": relation,
                                             "reason": reason, "left_on": None})
        house_ids = [h["id"] for h in self.houses.values() if "row" not in h]
        household_ids = {p["household_id"] for p in self.existing.values() if p["household_id"]}
        self.households: dict[str, dict[str, Any]] = {
            hid: {"id": hid, "house_id": house, "head_person_id": head}
            for hid, house, head in store.households(self.conn, house_ids, household_ids)}
        self.households_at: dict[str | None, list[str]] = defaultdict(list)
        for household in self.households.values():
            self.households_at[household["house_id"]].append(household["id"])
        self.person_ids: dict[str, str] = {number: p["id"] for number, p in self.existing.items()}
        # what write_tags compares with, read now so that it need not wait for the queued rows
        self.tag_types = store.tag_types(self.conn)
        self.tag_links: dict[tuple[str, str], dict[str, Any]] = {
            (person, tag): {"id": link, "detail": detail}
            for link, person, tag, detail in store.open_person_tags(self.conn, person_ids)}

    def _person_values(self, record: PersonRecord, household: str | None, grid: str | None) -> dict[str, Any]:
        """The person fields the record's file has columns for (records of one sheet share ``present``)."""
        fields = self._fields_of.get(record.present)
        if fields is None:
            names = tuple(k for k in PERSON_FIELDS if k not in _FIELD_COLUMN or _FIELD_COLUMN[k] in record.present)
            fields = self._fields_of[record.present] = (names, attrgetter(*names))
        names, values_of = fields
        values = dict(zip(names, values_of(record), strict=True))
        if grid is not None:  # a person the file does not place keeps the grid they have
            values["grid_id"] = grid
        if household is not None:
            values["household_id"] = household
        return values

    def _household_for(self, house: dict[str, Any] | None, members: list[PersonRecord], grid: str) -> dict[str, Any]:
        """The household these members form: the existing one most of them belong to at this house, else
        a new one."""
        house_id = house["id"] if house else None
        existing = self.existing
        known = [h for m in members if m.id_number in existing and (h := existing[m.id_number]["household_id"])]
        for household_id, _n in Counter(known).most_common() if known else ():  # a first import knows none
            household = self.households.get(household_id)
            if household and (house_id is None or household["house_id"] == house_id):
                return household
        row = {"house_id": house_id, "head_person_id": None, "grid_id": grid}
        self._insert(Household, row)
        household = {"id": row["id"], "house_id": house_id, "head_person_id": None, "row": row}
        self.households[row["id"]] = household
        self.households_at[house_id].append(row["id"])
        return household

    def _place_person(self, record: PersonRecord, household: dict[str, Any] | None, grid: str | None) -> str:
        """Insert or update one person; returns their id."""
        existing = self.existing.get(record.id_number)
        values = self._person_values(record, household["id"] if household else None, grid)
        if existing is None:
            person = self._insert(Person, {**_NO_PERSON_VALUES, **values,
                                           "id_number": record.id_number, "id": self.ahead_ids.get(record.id_number)})
            self.person_ids[record.id_number] = person
            self.existing[record.id_number] = {"id": person, "household_id": values.get("household_id"),
                                               "grid_id": values.get("grid_id"), "new": True}
            self.counts["people"]["created"] += 1
            if household is not None:
                self._join(person, household["id"], record.relation, grid)
            return person
        if existing.get("new"):
            return existing["id"]
        before_household = existing["household_id"]
        wanted = {k: v for k, v in values.items() if v is not None}
        changed = self._update(Person, existing["id"], existing, wanted)
        self.counts["people"]["updated" if changed else "unchanged"] += 1
        if household is not None and household["id"] != before_household:
            for membership in self.memberships.pop(existing["id"], []):
                self._update(Membership, membership["id"], membership,
                             {"left_on": self.options.today, "reason": "台账导入：迁入其他户"})
            self._join(existing["id"], household["id"], record.relation, grid)
        elif household is not None and "relation" in record.present and record.relation:
            for membership in self.memberships.get(existing["id"], []):
                self._update(Membership, membership["id"], membership, {"relation": record.relation})
        existing["new"] = False
        return existing["id"]

    def _join(self, person: str, household: str, relation: str | None, grid: str) -> None:
        self._insert(Membership, {"person_id": person, "household_id": household, "relation": relation,
                                  "joined_on": self.options.today, "reason": "台账导入", "grid_id": grid})

    def write_people(self) -> None:
        self._load_people()
        grouped: set[str] = set()
        groups = self.batch.households
        for index, group in enumerate(groups):
            if index % 2000 == 0:
                self._check_cancel()
                self.progress("正在写入人员和户…", 0.5 + 0.3 * index / len(groups))
                self.flush(final=False)
            first = group.members[0]
            house = self.house(first.address, first)
            grid = house["grid"] if house else self.grid_id(first)
            household = self._household_for(house, group.members, grid)
            new_household = "row" in household and not household.get("counted")
            for member in group.members:
                self._place_person(member, household, grid)
                grouped.add(member.id_number)
            head = group.head
            head_id = self.person_ids[head.id_number] if head else None
            if new_household:
                household["row"]["head_person_id"] = head_id
                household["counted"] = True
                self.counts["households"]["created"] += 1
            elif not household.get("counted"):
                household["counted"] = True
                changed = head_id is not None and self._update(Household, household["id"], household,
                                                               {"head_person_id": head_id})
                self.counts["households"]["updated" if changed else "unchanged"] += 1
        for record in self.batch.people:
            if record.id_number not in grouped:  # no address: a person without a household
                known = record.id_number in self.existing
                grid = None if known else self.grid_id(record)
                self._place_person(record, None, grid)
        self._special_people()

    def _special_people(self) -> None:
        """People only a special-group ledger names: new ones are registered at their address (in the
        household living there, or a new one); people already known keep their household."""
        for record in self.batch.special:
            if record.id_number in self.person_ids:
                continue
            house = self.house(record.address, record)
            grid = house["grid"] if house else self.grid_id(record)
            household = None
            if house is not None:
                living = self.households_at.get(house["id"])
                household = self.households[living[0]] if living else self._household_for(house, [record], grid)
                if "row" in household and not household.get("counted"):
                    household["counted"] = True
                    self.counts["households"]["created"] += 1
            self._place_person(record, household, grid)

    # -- tags ------------------------------------------------------------------------------------

    def _tag_type(self, name: str, values: dict[str, Any]) -> str:
        """The id of the tag type ``name``: a living one, a deleted one brought back (an undone import
        deleted it, and its name and code stay taken), else a new one with ``values``."""
        tag_id, deleted = self.tag_types.get(name, (None, False))
        if tag_id is None:
            tag_id = self._insert(TagType, {"name": name, "grid_id": None, **values})
        elif deleted:
            self._update(TagType, tag_id, {"deleted": True}, {"deleted": False})
        self.tag_types[name] = (tag_id, False)
        return tag_id

    def write_tags(self) -> None:
        known: dict[str, str] = {}
        for order, tag in enumerate(DEFAULT_TAGS):
            known[tag.name] = self._tag_type(tag.name, {"code": tag.code, "category": tag.category,
                                                        "visit_every_days": tag.visit_every_days,
                                                        "sort_order": order})
        current = self.tag_links
        wanted: dict[tuple[str, str], dict[str, Any] | None] = {}
        grids: dict[str, str] = {}
        for record in [*self.batch.people, *self.batch.special]:
            person = self.person_ids[record.id_number]
            grids[person] = self.existing[record.id_number].get("grid_id") or ""
            for name in record.tags:
                if name not in known:
                    code = "custom:" + hashlib.sha1(name.encode()).hexdigest()[:12]
                    # a grid worker may write their grids only: a tag type of their own is filed there
                    known[name] = self._tag_type(name, {"code": code, "category": "自定义", "sort_order": 999,
                                                        "visit_every_days": None,
                                                        "grid_id": (grids[person] or None) if self.options.grid_worker
                                                        else None})
                key = (person, known[name])
                detail = record.tag_details.get(name)
                merged = {**(wanted.get(key) or {}), **(detail or {})}
                wanted[key] = merged or None
        for (person, tag), detail in wanted.items():
            link = current.get((person, tag))
            if link is None:
                row = {"person_id": person, "tag_id": tag, "since": None, "until": None, "detail": detail,
                       "grid_id": grids[person] or None}
                self._insert(PersonTag, row)
                self.counts["tags"]["created"] += 1
            else:
                merged = {**(link["detail"] or {}), **(detail or {})} or None
                changed = self._update(PersonTag, link["id"], link, {"detail": merged})
                self.counts["tags"]["updated" if changed else "unchanged"] += 1

    # -- disputes --------------------------------------------------------------------------------

    def write_disputes(self) -> None:
        records = self.batch.disputes
        if not records:
            return
        numbers = {dispute_number(r): r for r in records}
        self.w.settle()
        existing = store.cases_by_number(self.conn, numbers)
        residents: dict[tuple[str, str], str] = {}
        for record in [*self.batch.people, *self.batch.special]:
            residents[(record.name, record.address_key)] = self.person_ids[record.id_number]
        names = {name for r in records for name in r.parties}
        for name, person, key in store.residents_named(self.conn, names):
            residents.setdefault((name, key), person)
        for number, record in numbers.items():
            if number in existing:
                self.counts["disputes"]["unchanged"] += 1
                continue
            self._dispute(number, record, residents)
            self.counts["disputes"]["created"] += 1

    def _dispute(self, number: str, record: DisputeRecord, residents: dict[tuple[str, str], str]) -> None:
        house = next((h for h in (self.house(a, record, create=False)
                                  for a in record.addresses) if h), None)
        grid = house["grid"] if house else self.grid_id(record)
        building = house["building_id"] if house else None
        keys = [a.key for a in record.addresses]
        case = {"number": number, "kind": "dispute", "category": DISPUTE_CATEGORY, "source": None,
                "building_id": building, "house_id": house["id"] if house else None,
                "place_text": record.address_text, "title": dispute_title(record),
                "description": record.summary, "priority": "一般", "deadline": None, "handler": record.mediator,
                "reported_by": None, "occurred_on": record.date, "grid_id": grid}
        case_id = self._insert(Case, case)
        at = datetime.combine(record.date or self.options.today, time(9, 0))
        actions = self._dispute_steps(record)
        state: str | None = None
        source = f"从台账导入：{record.source.file}" + (f" {record.source.sheet}" if record.source.sheet else "") + \
            f" 第 {record.source.row} 行"
        for step, action in enumerate(actions):
            target = next_state(state, action)
            outcome = f"调解结果：{record.result}"
            note = {"collect": source + (f"；备注：{record.note}" if record.note else ""),
                    "handle": outcome, "resolve_on_spot": outcome}.get(action)
            data = {"dispatch": {"handler": record.mediator}, "close": {"rating": None}}.get(action)
            event = {"case_id": case_id, "action": action, "from_state": state, "to_state": target,
                     "actor_name": self.options.user_name or "导入", "actor_role": None,
                     "at": at + timedelta(minutes=step), "note": note, "data": data, "grid_id": grid}
            self._insert(CaseEvent, event)
            state = target
        case["state"] = state
        detail = {"case_id": case_id, "dispute_type": record.type or "其他",
                  "outcome": OUTCOME_OF_RESULT.get(record.result or "调解中"), "agreement": None, "grid_id": grid}
        self._insert(DisputeDetail, detail)
        for name in record.parties:
            person = next((residents[(name, key)] for key in keys if (name, key) in residents), None)
            party = {"case_id": case_id, "person_id": person, "name": name, "role": "当事人", "grid_id": grid}
            self._insert(CaseParty, party)
        if record.date and record.mediator:
            session = {"case_id": case_id, "held_on": record.date, "mediator": record.mediator,
                       "summary": record.summary, "grid_id": grid}
            self._insert(MediationSession, session)

    def _dispute_steps(self, record: DisputeRecord) -> list[str]:
        """The closed loop as the ledger tells it, in steps the importing user may take (the server refuses
        others): a secretary files a mediated dispute as reported, dispatched to its mediator, handled and
        closed; a grid worker as handled on the spot (现场处置), for the secretary to verify and close
        (核查办结). One still being mediated is reported."""
        mediated = record.result in ("成功", "未成功")
        if self.options.grid_worker:
            return ["collect", "resolve_on_spot"] if mediated else ["collect", "report"]
        return ["collect", "report", "dispatch", *(["handle", "close"] if mediated else [])]

    # -- writing ---------------------------------------------------------------------------------

    def flush(self, *, final: bool = True) -> None:
        """Write the new rows collected so far, parents before children (see merge_batch for when).
        Between rounds only every ``WRITE_CHUNK`` rows, so that SQLite works on one chunk while the next
        is planned."""
        pending = sum(len(rows) for rows in self.new.values())
        if not final and pending < WRITE_CHUNK:
            return
        if final:
            self.progress("正在写入…", 0.85)
        for model in INSERT_ORDER:
            rows = self.new.pop(model, None)
            if not rows:
                continue
            self._check_cancel()
            for start in range(0, len(rows), WRITE_CHUNK):  # chunks keep the write path's copies small
                self.w.bulk_insert(model, rows[start:start + WRITE_CHUNK])

    def write_updates(self) -> None:
        """The planned changes of existing rows, in the order planned, once every new row is written: a
        change may point at a row the batch creates (someone moving into a new household, the new head
        of a known household), and the foreign key wants that row to exist already."""
        self.progress("正在更新已有数据…", 0.88)
        for index, (model, row_id, changed) in enumerate(self.updates):
            if index % 500 == 0:
                self._check_cancel()
            self.w.update(model, row_id, changed)

    def result(self) -> MergeResult:
        counts = {name: {k: self.counts[name][k] for k in ("created", "updated", "unchanged")} for name in ENTITIES}
        return MergeResult(counts, sum(map(len, self.created.values())), len(self.changes))


def dispute_title(record: DisputeRecord, limit: int = Case.__table__.c.title.type.length) -> str:
    """"张三、李四邻里纠纷"; with many parties, as many names as the title holds, then "等 N 人"."""
    kind = record.type or "纠纷"
    names = "、".join(record.parties)
    if len(names) + len(kind) <= limit:
        return names + kind
    more = f"等 {len(record.parties)} 人{kind}"
    shown: list[str] = []
    for party in record.parties:  # whole names only
        if len("、".join([*shown, party])) + len(more) > limit:
            break
        shown.append(party)
    return "、".join(shown) + more


def dispute_number(record: DisputeRecord) -> str:
    """A stable 编号 for an imported dispute, so importing the same ledger again finds it."""
    key = "|".join([record.date.isoformat() if record.date else "", "、".join(record.parties), record.type or "",
                    record.address_text or ""])
    day = record.date.strftime("%Y%m%d") if record.date else "00000000"
    return f"JF{day}-{hashlib.sha1(key.encode()).hexdigest()[:6].upper()}"


def merge_batch(w: Writer, batch: ParsedBatch, batch_id: str, options: ImportOptions, *,
                progress: Progress | None = None, cancel: Callable[[], bool] | None = None,
                ahead: PeopleAhead | None = None) -> MergeResult:
    """Plan and write ``batch`` in the Writer's transaction; records the batch's changes. ``ahead``:
    the ids given to new people while the batch was parsed.

    Inside ``Writer.pipelined()`` new rows are written while the rest is planned: rows are final once
    planned (a household's row once its members are placed), and lookups wait for what is queued
    (Writer.settle)."""
    report = progress or (lambda _stage, _fraction: None)
    merger = _Merger(w, batch, options, report, cancel or (lambda: False), ahead)
    report("正在比对已有数据…", 0.5)
    merger.write_houses(batch.houses)
    merger.flush(final=False)
    merger.write_people()
    merger.write_tags()
    merger.write_disputes()
    merger.flush()
    merger.write_updates()
    w.settle()
    store.add_changes(w.session, batch_id, merger.changes,
                      {model.__tablename__: ids for model, ids in merger.created.items()})  # type: ignore[attr-defined]
    return merger.result()


def _wire(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
