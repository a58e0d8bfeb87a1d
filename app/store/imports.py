"""Storage for importing: what a batch needs to look up, its batch and change records, saved profiles.

Import batches, their changes and the mapping profiles are local-only tables (never synced), written
directly here; every synced row an import creates or changes goes through app.store.writes.Writer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from types import MappingProxyType
from typing import Any

from sqlalchemy import Connection, delete, select, text, update
from sqlalchemy.orm import Session

from app.store.models import ImportBatch, ImportChange, ImportCreated, ImportProfile

CHUNK = 500


def _chunks(items: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _rows(conn: Connection, sql: str, keys: Iterable[Any]) -> list[tuple[Any, ...]]:
    """Run ``sql`` (with one "IN ({})" placeholder) over ``keys`` in chunks."""
    found: list[tuple[Any, ...]] = []
    for chunk in _chunks(keys):
        found += [tuple(r) for r in conn.exec_driver_sql(sql.format(_marks(len(chunk))), tuple(chunk))]
    return found


# --- what a batch looks up ----------------------------------------------------------------------

PERSON_COLUMNS = ("id", "id_number", "name", "gender", "birth_date", "ethnicity", "phone", "relation",
                  "political_status", "residence_type", "note", "grid_id", "household_id")


def people_by_id_number(conn: Connection, id_numbers: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Living people with these ID numbers, as dicts of PERSON_COLUMNS (dates as date)."""
    rows = _rows(conn, f"SELECT {', '.join(PERSON_COLUMNS)} FROM people "
                       "WHERE deleted = 0 AND id_number IN ({})", id_numbers)
    people = {}
    for row in rows:
        record = dict(zip(PERSON_COLUMNS, row, strict=True))
        if isinstance(record["birth_date"], str):
            record["birth_date"] = date.fromisoformat(record["birth_date"][:10])
        people[record["id_number"]] = record
    return people


def any_people(conn: Connection) -> bool:
    return conn.exec_driver_sql("SELECT 1 FROM people WHERE deleted = 0 LIMIT 1").first() is not None


def existing_id_numbers(conn: Connection, id_numbers: Iterable[str]) -> set[str]:
    """The ID numbers of these that living people have."""
    return {r[0] for r in _rows(conn, "SELECT id_number FROM people WHERE deleted = 0 AND id_number IN ({})",
                                id_numbers)}


def org_nodes(conn: Connection) -> list[tuple[str, str | None, str, str]]:
    """(id, parent_id, level, name) of living organisation nodes."""
    return [tuple(r) for r in conn.exec_driver_sql(
        "SELECT id, parent_id, level, name FROM org_nodes WHERE deleted = 0")]


def estates(conn: Connection) -> list[tuple[str, str, str]]:
    """(id, community_id, name)."""
    return [tuple(r) for r in conn.exec_driver_sql(
        "SELECT id, community_id, name FROM estates WHERE deleted = 0")]


def estate_names(conn: Connection) -> list[str]:
    return [r[0] for r in conn.exec_driver_sql("SELECT DISTINCT name FROM estates WHERE deleted = 0")]


def buildings(conn: Connection, estate_ids: Iterable[str]) -> list[tuple[str, str, str, str | None]]:
    """(id, estate_id, name, grid_id)."""
    return _rows(conn, "SELECT id, estate_id, name, grid_id FROM buildings WHERE deleted = 0 "
                       "AND estate_id IN ({})", estate_ids)


def units(conn: Connection, building_ids: Iterable[str]) -> list[tuple[str, str, str]]:
    """(id, building_id, name)."""
    return _rows(conn, "SELECT id, building_id, name FROM units WHERE deleted = 0 AND building_id IN ({})",
                 building_ids)


def houses(conn: Connection, building_ids: Iterable[str]
           ) -> list[tuple[str, str, str | None, str, str | None, str | None, float | None, str | None]]:
    """(id, building_id, unit_id, room, use, owner_name, area, note)."""
    return _rows(conn, "SELECT id, building_id, unit_id, room, use, owner_name, area, note FROM houses "
                       "WHERE deleted = 0 AND building_id IN ({})", building_ids)


def households(conn: Connection, house_ids: Iterable[str], household_ids: Iterable[str]
               ) -> list[tuple[str, str | None, str | None]]:
    """(id, house_id, head_person_id) of living, current households at these houses or with these ids."""
    at_houses = _rows(conn, "SELECT id, house_id, head_person_id FROM households WHERE deleted = 0 "
                            "AND moved_out_on IS NULL AND house_id IN ({})", house_ids)
    by_id = _rows(conn, "SELECT id, house_id, head_person_id FROM households WHERE deleted = 0 "
                        "AND id IN ({})", household_ids)
    return list({r[0]: r for r in at_houses + by_id}.values())


def open_memberships(conn: Connection, person_ids: Iterable[str]
                     ) -> list[tuple[str, str, str, str | None, str | None]]:
    """(id, person_id, household_id, relation, reason) of current memberships."""
    return _rows(conn, "SELECT id, person_id, household_id, relation, reason FROM memberships WHERE deleted = 0 "
                       "AND left_on IS NULL AND person_id IN ({})", person_ids)


def tag_types(conn: Connection) -> dict[str, tuple[str, bool]]:
    """Tag name -> (id, deleted): names stay taken by deleted tag types (an undone import's)."""
    return {name: (tid, bool(deleted))
            for tid, name, deleted in conn.exec_driver_sql("SELECT id, name, deleted FROM tag_types")}


def open_person_tags(conn: Connection, person_ids: Iterable[str]) -> list[tuple[str, str, str, Any]]:
    """(id, person_id, tag_id, detail) of current tag links."""
    rows = _rows(conn, "SELECT id, person_id, tag_id, detail FROM person_tags WHERE deleted = 0 "
                       "AND until IS NULL AND person_id IN ({})", person_ids)
    return [(i, p, t, json.loads(d) if isinstance(d, str) else d) for i, p, t, d in rows]


def residents_named(conn: Connection, names: Iterable[str]) -> list[tuple[str, str, str]]:
    """(name, person id, address key) of living people with these names who live in a house."""
    return _rows(conn, """
        SELECT p.name, p.id, COALESCE(e.name, '') || '|' || b.name || '|' || COALESCE(u.name, '') || '|' || h.room
        FROM people p JOIN households hh ON hh.id = p.household_id JOIN houses h ON h.id = hh.house_id
        JOIN buildings b ON b.id = h.building_id LEFT JOIN estates e ON e.id = b.estate_id
        LEFT JOIN units u ON u.id = h.unit_id
        WHERE p.deleted = 0 AND p.name IN ({})""", names)


def cases_by_number(conn: Connection, numbers: Iterable[str]) -> dict[str, str]:
    return dict(_rows(conn, "SELECT number, id FROM cases WHERE deleted = 0 AND number IN ({})", numbers))


# --- batches and changes ------------------------------------------------------------------------

def add_batch(session: Session, batch_id: str, user_name: str | None, files: list[dict[str, Any]]) -> None:
    session.add(ImportBatch(id=batch_id, created_at=datetime.now(), user_name=user_name, files=files,
                            summary=None, undone_at=None))
    session.flush()


def finish_batch(session: Session, batch_id: str, summary: dict[str, Any]) -> None:
    session.execute(update(ImportBatch).where(ImportBatch.id == batch_id).values(summary=summary))


def add_changes(session: Session, batch_id: str, changes: Sequence[tuple[str, str, str, dict[str, Any] | None]],
                created: Mapping[str, Sequence[str]] = MappingProxyType({})) -> None:
    """Record a batch: ``changes`` are (table, row id, "updated", before-values) rows, one executemany;
    ``created`` (table -> ids, in creation order) is stored as one ImportCreated row per table."""
    conn = session.connection()
    if changes:
        conn.exec_driver_sql(
            "INSERT INTO import_changes (batch_id, table_name, row_id, action, before) VALUES (?, ?, ?, ?, ?)",
            [(batch_id, t, r, a, json.dumps(b, ensure_ascii=False, default=str) if b is not None else None)
             for t, r, a, b in changes])
    rows = [(batch_id, table, ",".join(ids)) for table, ids in created.items() if ids]
    if rows:
        conn.exec_driver_sql("INSERT INTO import_created (batch_id, table_name, row_ids) VALUES (?, ?, ?)", rows)


@dataclass(frozen=True)
class BatchInfo:
    id: str
    created_at: datetime
    user_name: str | None
    files: list[dict[str, Any]]
    summary: dict[str, Any] | None
    undone_at: datetime | None
    undone_by: str | None

    @classmethod
    def of(cls, b: ImportBatch) -> BatchInfo:
        return cls(b.id, b.created_at, b.user_name, b.files, b.summary, b.undone_at, b.undone_by)


def batches(session: Session) -> list[BatchInfo]:
    rows = session.scalars(select(ImportBatch).order_by(ImportBatch.created_at.desc()))
    return [BatchInfo.of(b) for b in rows]


def find_batch(session: Session, key: str) -> BatchInfo | None:
    """A batch by its id or a unique prefix of it."""
    rows = list(session.scalars(select(ImportBatch).where(ImportBatch.id.startswith(key)).limit(2)))
    if len(rows) != 1:
        return None
    return BatchInfo.of(rows[0])


def changes(session: Session, batch_id: str) -> list[tuple[str, str, str, dict[str, Any] | None]]:
    """(table, row id, action, before): the changed rows in the order they were recorded, then the created
    ones (ImportChange rows with action "created" from batches recorded before ImportCreated existed
    keep their place)."""
    rows = session.execute(select(ImportChange.table_name, ImportChange.row_id, ImportChange.action,
                                  ImportChange.before)
                           .where(ImportChange.batch_id == batch_id).order_by(ImportChange.id))
    found: list[tuple[str, str, str, dict[str, Any] | None]] = [(t, r, a, b) for t, r, a, b in rows]
    for table, ids in created_ids(session, batch_id).items():
        found += [(table, row_id, "created", None) for row_id in ids]
    return found


def created_ids(session: Session, batch_id: str) -> dict[str, list[str]]:
    """Table -> the ids of the rows the batch created (recorded as ImportCreated)."""
    found: dict[str, list[str]] = {}
    rows = session.execute(select(ImportCreated.table_name, ImportCreated.row_ids)
                           .where(ImportCreated.batch_id == batch_id).order_by(ImportCreated.id))
    for table, ids in rows:
        found.setdefault(table, []).extend(ids.split(",") if ids else [])
    return found


def _later_batches(session: Session, batch: BatchInfo) -> list[str]:
    """The batches imported after ``batch`` and not undone, oldest first."""
    return list(session.execute(select(ImportBatch.id).where(
        ImportBatch.created_at > batch.created_at, ImportBatch.id != batch.id, ImportBatch.undone_at.is_(None))
        .order_by(ImportBatch.created_at)).scalars())


def later_batches_touching(session: Session, batch: BatchInfo) -> list[str]:
    """Batches after ``batch``, not undone, that changed a row ``batch`` created or changed.

    A later batch cannot create a row this one created, so only its ImportChange rows can touch ours."""
    later = _later_batches(session, batch)
    if not later:
        return []
    mine = {(t, r) for t, r, _a, _b in changes(session, batch.id)}
    touching = []
    for other in later:
        rows = session.execute(select(ImportChange.table_name, ImportChange.row_id)
                               .where(ImportChange.batch_id == other))
        if any((t, r) in mine for t, r in rows):
            touching.append(other)
    return touching


@dataclass(frozen=True)
class Dependent:
    """A living row that points by a foreign key at a row of an undo."""

    child_table: str
    child_id: str
    parent_table: str
    parent_id: str


@contextmanager
def _staged(conn: Connection, rows: Mapping[str, Sequence[str]]) -> Iterator[None]:
    """``rows`` (table -> ids) in the temporary table undo_rows for the block, so that a question about
    all of them is one join however large the batch."""
    conn.exec_driver_sql("CREATE TEMPORARY TABLE IF NOT EXISTS undo_rows (table_name VARCHAR(32) NOT NULL, "
                         "row_id VARCHAR(36) NOT NULL, PRIMARY KEY (table_name, row_id))")
    conn.exec_driver_sql("DELETE FROM undo_rows")
    try:
        marks = "?, ?" if conn.dialect.name == "sqlite" else "%s, %s"  # the driver's own executemany: fast
        for table, ids in rows.items():
            if ids:
                conn.exec_driver_sql(f"INSERT INTO undo_rows (table_name, row_id) VALUES ({marks})",
                                     [(table, row_id) for row_id in ids])
        yield
    finally:
        conn.exec_driver_sql("DELETE FROM undo_rows")


def dependents(session: Session, rows: Mapping[str, Sequence[str]]) -> list[Dependent]:
    """The living rows outside ``rows`` (table -> ids) that point by a foreign key at one of ``rows``."""
    from app.store.models import Base

    conn = session.connection()
    found: list[Dependent] = []
    with _staged(conn, rows):
        for child in Base.metadata.sorted_tables:
            if "deleted" not in child.c:
                continue  # local bookkeeping (batches, profiles): not data a user works with
            for fk in child.foreign_keys:
                parent = fk.column.table.name
                if not rows.get(parent):
                    continue
                column = fk.parent.name
                found += [Dependent(child.name, child_id, parent, parent_id) for child_id, parent_id in conn.execute(
                    text(f"SELECT c.id, c.{column} FROM {child.name} c JOIN undo_rows u "
                         f"ON u.table_name = :parent AND u.row_id = c.{column} WHERE c.deleted = :no "
                         "AND NOT EXISTS (SELECT 1 FROM undo_rows m WHERE m.table_name = :child AND m.row_id = c.id)"),
                    {"parent": parent, "child": child.name, "no": False})]
    return found


def never_sent(session: Session, rows: Mapping[str, Sequence[str]]) -> set[tuple[str, str]]:
    """The (table, id) of ``rows`` that have not left this desktop: their insert still waits in the outbox."""
    conn = session.connection()
    with _staged(conn, rows):
        return {(table, row_id) for table, row_id in conn.execute(text(
            "SELECT o.table_name, o.row_id FROM outbox o JOIN undo_rows u "
            "ON u.table_name = o.table_name AND u.row_id = o.row_id WHERE o.kind = 'insert' AND o.status = 'pending'"))}


def batches_that_created(session: Session, batch: BatchInfo, rows: set[tuple[str, str]]) -> list[str]:
    """The batches after ``batch``, not undone, that created one of ``rows`` ((table, id) pairs)."""
    return [other for other in _later_batches(session, batch)
            if any((t, r) in rows for t, r, action, _b in changes(session, other) if action == "created")]


def mark_undone(session: Session, batch_id: str, user_name: str | None) -> None:
    session.execute(update(ImportBatch).where(ImportBatch.id == batch_id)
                    .values(undone_at=datetime.now(), undone_by=user_name or None))


# --- mapping profiles ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Profile:
    name: str
    signature: str
    kind: str
    mapping: dict[str, str | None]


def save_profile(session: Session, profile: Profile) -> None:
    """Create or replace the profile with this name."""
    session.execute(delete(ImportProfile).where(ImportProfile.name == profile.name))
    session.add(ImportProfile(name=profile.name, signature=profile.signature, kind=profile.kind,
                              mapping=profile.mapping, created_at=datetime.now(), used_at=None))


def profiles(session: Session, signature: str | None = None) -> list[Profile]:
    """Saved profiles (those with this signature only, when given), the most recently used first."""
    query = select(ImportProfile).order_by(ImportProfile.used_at.desc(), ImportProfile.created_at.desc())
    if signature is not None:
        query = query.where(ImportProfile.signature == signature)
    return [Profile(p.name, p.signature, p.kind, dict(p.mapping)) for p in session.scalars(query)]


def touch_profile(session: Session, name: str) -> None:
    session.execute(update(ImportProfile).where(ImportProfile.name == name).values(used_at=datetime.now()))
