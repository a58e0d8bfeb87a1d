"""The one write path (DESIGN section 5).

Every change to a synced row goes through :class:`Writer`: it ticks the hybrid logical clock, stamps
the changed fields and appends an outbox entry in the same transaction as the change, and keeps the
search index in step. Import, GUI, CLI and demo all use it; bulk paths use :meth:`Writer.bulk_insert`,
which writes rows and outbox entries with multi-row statements instead of per-object ORM sessions, and
inside :meth:`Writer.pipelined` on a second thread while the caller prepares the next rows.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from itertools import repeat
from typing import Any

import uuid6
from sqlalchemy import JSON, Column, Date, DateTime, Table, insert, select, update
from sqlalchemy.orm import Session

from app.domain.hlc import NODE_LEN, HybridClock
from app.store import search_index
from app.store.db import Database
from app.store.models import MODEL_BY_TABLE, OutboxEntry, SyncedRow, SyncState
from app.store.statement_pipe import Job, StatementPipe, insert_values, piped, run_now, sqlite_connection
from app.store.sync_queries import set_state

STAMP_COLUMNS = frozenset({"id", "hlc", "field_hlc", "server_seq"})
NODE_KEY = "node_id"
CLOCK_KEY = "hlc_last"
_SQL_VARIABLES = 900  # ids per statement, below SQLite's oldest limit of 999 bound values


def new_id() -> str:
    """A UUIDv7 key: time-ordered, so new rows land at the end of B-tree indexes."""
    return str(uuid6.uuid7())


def to_wire(value: Any) -> Any:
    """A JSON-able form of a column value (dates as ISO text)."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _sqlite_converter(column: Column[Any]) -> Callable[[Any], Any] | None:
    """How a Python value is stored in SQLite the way SQLAlchemy would store it (None: as it is).

    Chosen once per column, so bulk inserts do no per-value type checks."""
    if isinstance(column.type, DateTime):
        return lambda v: v.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(v, datetime) else v
    if isinstance(column.type, Date):
        return lambda v: v.isoformat() if isinstance(v, date) else v
    if isinstance(column.type, JSON):
        return lambda v: None if v is None else json.dumps(v, ensure_ascii=False)
    return None


class WriteError(Exception):
    """A write the store refuses (unknown row, unknown field); the message is for the user."""


class Writer:
    """Changes synced rows inside one session transaction, with stamps, outbox and search index."""

    def __init__(self, session: Session, *, indexing: bool = True):
        """``indexing=False`` leaves the search index alone: for a transaction that is always rolled back
        (an import's dry run), where keeping the index in step would be a third of the work for nothing."""
        self.session = session
        self.indexing = indexing
        self.clock = self._load_clock()
        self._touched: dict[str, set[str]] = {}
        self._pipe: StatementPipe | None = None
        self._indexed_ahead: set[str] = set()  # people indexed by index_people_ahead, not inserted yet
        self._next_rid: int | None = None  # search index rids handed out inside a pipelined block

    # -- clock -----------------------------------------------------------------------------------

    def _load_clock(self) -> HybridClock:
        state = {k: v for k, v in self.session.execute(select(SyncState.key, SyncState.value))}
        node = state.get(NODE_KEY)
        if node is None:
            node = secrets.token_hex(NODE_LEN // 2)
            self.session.add(SyncState(key=NODE_KEY, value=node))
        return HybridClock(node, state.get(CLOCK_KEY))

    def _save_clock(self) -> None:
        set_state(self.session, CLOCK_KEY, self.clock.last)

    # -- single-row operations -------------------------------------------------------------------

    def insert(self, model: type[SyncedRow], values: Mapping[str, Any]) -> str:
        """Insert one row; returns its id (generated when ``values`` has none)."""
        return self.bulk_insert(model, [values])[0]

    def update(self, model: type[SyncedRow], row_id: str, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Change some fields of one row; returns the fields that really changed (none: no outbox)."""
        self.settle()
        table: Table = model.__table__  # type: ignore[attr-defined]
        bad = set(changes) - set(table.c.keys()) or set(changes) & STAMP_COLUMNS
        if bad:
            raise WriteError(f"{table.name} 没有可修改的字段：{', '.join(sorted(bad))}")
        row = self.session.execute(select(table).where(table.c.id == row_id)).mappings().first()
        if row is None:
            raise WriteError(f"{table.name} 中没有这条记录：{row_id}")
        if row["deleted"] and changes.get("deleted") is not False:
            raise WriteError(f"{table.name} 中的这条记录已删除：{row_id}")
        changed = {k: v for k, v in changes.items() if row[k] != v}
        if not changed:
            return {}
        stamps = dict(row["field_hlc"] or {})
        base = {field: stamps.get(field, row["hlc"]) for field in changed}
        stamp = self.clock.tick()
        stamps.update(dict.fromkeys(changed, stamp))
        self.session.execute(update(table).where(table.c.id == row_id).values(**changed, field_hlc=stamps))
        kind = "delete" if changed.get("deleted") is True else "patch"
        self._outbox([(table.name, row_id, kind, changed.get("grid_id", row["grid_id"]), stamp,
                       {k: to_wire(v) for k, v in changed.items()}, base)])
        self._touch(table.name, [row_id])
        return changed

    def delete(self, model: type[SyncedRow], row_id: str) -> None:
        """Tombstone a row: it stays, marked deleted, so the deletion can sync."""
        self.update(model, row_id, {"deleted": True})

    # -- bulk ------------------------------------------------------------------------------------

    def bulk_delete(self, model: type[SyncedRow], row_ids: Sequence[str]) -> int:
        """Tombstone many rows with one stamp, as :meth:`delete` does one by one (undoing a 100,000-row
        import row by row takes minutes). Rows already deleted are left alone; returns how many changed.

        The outbox gets the deletions chunk by chunk as given, inside a chunk the rows written last first:
        give the ids newest first, and a grid's deletion reaches the server before its community's (the
        server finds a row's scope through its parent, so a grid whose community is gone is refused)."""
        self.settle()
        table: Table = model.__table__  # type: ignore[attr-defined]
        conn = self.session.connection()
        if conn.dialect.name != "sqlite":
            return sum(bool(self.update(model, row_id, {"deleted": True})) for row_id in row_ids)
        stamp = self.clock.tick()
        changed = 0
        for start in range(0, len(row_ids), _SQL_VARIABLES):
            part = list(row_ids[start:start + _SQL_VARIABLES])
            marks = ",".join("?" * len(part))
            # the outbox entry first: its base is the stamp the deleted field had before this change
            conn.exec_driver_sql(
                "INSERT INTO outbox (table_name, row_id, kind, grid_id, hlc, fields, base, status, reason) "
                "SELECT ?, id, 'delete', grid_id, ?, '{\"deleted\": true}', "
                "json_object('deleted', coalesce(json_extract(field_hlc, '$.deleted'), hlc)), 'pending', NULL "
                f"FROM {table.name} WHERE deleted = 0 AND id IN ({marks}) ORDER BY rowid DESC",
                (table.name, stamp, *part))
            changed += conn.exec_driver_sql(
                f"UPDATE {table.name} SET deleted = 1, "
                "field_hlc = json_set(coalesce(field_hlc, '{}'), '$.deleted', ?) "
                f"WHERE deleted = 0 AND id IN ({marks})", (stamp, *part)).rowcount
            self._touch(table.name, part)
        return changed

    def bulk_insert(self, model: type[SyncedRow], rows: Sequence[Mapping[str, Any]],
                    *, kind: str = "insert") -> list[str]:
        """Insert many rows and their outbox entries (one stamp for the batch); on SQLite with multi-row
        statements, queued on the statement pipe when :meth:`pipelined`."""
        if not rows:
            return []
        table: Table = model.__table__  # type: ignore[attr-defined]
        known = set(table.c.keys())
        for values in rows:
            if not values.keys() <= known:
                unknown = set(values) - known
                raise WriteError(f"{table.name} 没有字段：{', '.join(sorted(unknown))}")
        stamp = self.clock.tick()
        ids = [values.get("id") or new_id() for values in rows]
        conn = self.session.connection()
        if conn.dialect.name != "sqlite":
            self.session.execute(insert(table), [{**values, "id": row_id, "hlc": stamp}
                                                 for values, row_id in zip(rows, ids, strict=True)])
            self._outbox((table.name, row_id, kind, values.get("grid_id"), stamp, None, None)
                         for values, row_id in zip(rows, ids, strict=True))
            self._touch(table.name, ids)
            return ids
        name, indexing = table.name, self.indexing
        insert_rows = self._insert_job(table, rows, {"id": ids, "hlc": stamp})

        def write(cursor: sqlite3.Cursor) -> None:
            before = cursor.execute(f"SELECT coalesce(max(rowid), 0) FROM {name}").fetchone()[0]
            insert_rows(cursor)
            # The outbox entries are copied from the rows just written (those after the old last rowid with
            # this batch's stamp), in insert order, without a second pass over the values in Python.
            cursor.execute(
                "INSERT INTO outbox (table_name, row_id, kind, grid_id, hlc, fields, base, status, reason) "
                f"SELECT ?, id, ?, grid_id, hlc, NULL, NULL, 'pending', NULL FROM {name} "
                "WHERE rowid > ? AND hlc = ? ORDER BY rowid", (name, kind, before, stamp))
            if name == "houses" and indexing:  # indexed in SQL from the rows just written, as the outbox
                search_index.index_new_houses(cursor, before, stamp)

        self._run(write)
        # The search index: houses above (and so no house lies under a new unit, building or estate);
        # people here, from the values at hand instead of being read back at the end.
        if name == "people" and indexing:
            ahead = self._indexed_ahead
            self._index_people([(row_id, r["name"], r.get("id_number"), r.get("phone"))
                                for r, row_id in zip(rows, ids, strict=True)
                                if not r.get("deleted") and row_id not in ahead])
            ahead.difference_update(ids)
        return ids

    def index_people_ahead(self, rows: list[tuple[str, str, str | None, str | None]]) -> None:
        """Index people this transaction is going to insert, before their rows exist: (id, name, ID
        number, phone) as :meth:`bulk_insert` will write them. An import does this while it is still
        reading, so that SQLite builds the index on the pipe's thread meanwhile. Ids that are never
        inserted are taken out of the index again by :meth:`finish`."""
        self._index_people(rows)
        self._indexed_ahead.update(row[0] for row in rows)

    def _index_people(self, rows: list[tuple[str, str, str | None, str | None]]) -> None:
        if not rows or not self.indexing:
            return
        if self._pipe is None:
            search_index.add_people(self.session.connection(), rows)
            return
        if self._next_rid is None:
            self.settle()
            self._next_rid = search_index.top_rid(self.session.connection()) + 1
        entries = search_index.people_entries(rows, self._next_rid)
        self._next_rid += len(rows)
        self._run(lambda cursor: search_index.write_people_entries(cursor, entries))

    # -- running SQL (SQLite) --------------------------------------------------------------------

    @contextmanager
    def pipelined(self) -> Iterator[None]:
        """Bulk inserts inside the block run on a second thread (see app.store.statement_pipe) while the
        caller goes on; the block ends when they have all run. Other writes wait for the queued ones."""
        conn = self.session.connection()
        # Two threads on one connection need SQLite's serialized mode (sqlite3.threadsafety 3, as in the
        # builds Python ships); with another build the block runs its inserts in the caller's thread.
        if conn.dialect.name != "sqlite" or sqlite3.threadsafety != 3:
            yield
            return
        with piped(sqlite_connection(conn)) as pipe:
            self._pipe = pipe
            try:
                yield
            finally:
                self._pipe = None
                self._next_rid = None

    def _run(self, job: Job) -> None:
        """Run ``job`` on this transaction's sqlite3 connection: queued when pipelined, else now."""
        if self._pipe is not None:
            self._pipe.submit(job)
        else:
            run_now(self.session.connection(), job)

    def settle(self) -> None:
        """Wait for queued statements before reading or writing through the session."""
        if self._pipe is not None:
            self._pipe.wait()

    def _insert_rows(self, table: Table, rows: Sequence[Mapping[str, Any]],
                     fixed: Mapping[str, Any] | None = None) -> None:
        conn = self.session.connection()
        if conn.dialect.name != "sqlite":
            self.session.execute(insert(table), [dict(r) for r in rows])
            return
        self._run(self._insert_job(table, rows, fixed or {}))

    def _insert_job(self, table: Table, rows: Sequence[Mapping[str, Any]], fixed: Mapping[str, Any]) -> Job:
        """The SQLite insert of ``rows`` as a job; the values are prepared now, in the caller's thread."""
        names, values = self._row_values(table, rows, fixed)
        head = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES"
        return lambda cursor: insert_values(cursor, head, values)

    @staticmethod
    def _row_values(table: Table, rows: Sequence[Mapping[str, Any]], fixed: Mapping[str, Any]
                    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and value tuples as SQLite stores them, built column by column; ``fixed`` gives
        a column's value list (or one value for every row) that overrides the rows'."""
        present = set(rows[0]) | set(fixed)
        plain = all(r.__class__ is dict for r in rows)  # then dict.get is mapped in C, no Python loop
        columns = [c for c in table.c if c.name in present or c.default is not None]
        values: list[Any] = []
        for column in columns:
            name = column.name
            if name in fixed:
                given = fixed[name]
                values.append(given if isinstance(given, list) else [given] * len(rows))
                continue
            default = column.default.arg if column.default is not None and not callable(column.default.arg) \
                else None
            convert = _sqlite_converter(column)
            got = list(map(dict.get, rows, repeat(name), repeat(default))) if plain else [
                r.get(name, default) for r in rows]
            values.append(got if convert is None else list(map(convert, got)))
        return [c.name for c in columns], list(zip(*values, strict=True))

    def _outbox(self, entries: Iterable[tuple[str, str, str, str | None, str, Any, Any]]) -> None:
        table: Table = OutboxEntry.__table__  # type: ignore[assignment]
        rows = [{"table_name": t, "row_id": r, "kind": k, "grid_id": g, "hlc": h,
                 "fields": f, "base": b, "status": "pending", "reason": None}
                for t, r, k, g, h, f, b in entries]
        self._insert_rows(table, rows)

    def _touch(self, table_name: str, ids: list[str]) -> None:
        if self.indexing and table_name in search_index.INDEXED_TABLES:
            self._touched.setdefault(table_name, set()).update(ids)

    # -- end of transaction ----------------------------------------------------------------------

    def finish(self) -> None:
        """Persist the clock and bring the search index up to date; runs before the commit."""
        self.settle()
        if self._indexed_ahead:  # indexed but never inserted: the refresh finds no row and drops the entries
            self._touch("people", list(self._indexed_ahead))
            self._indexed_ahead = set()
        self._save_clock()
        conn = self.session.connection()
        if conn.dialect.name != "sqlite":
            return
        search_index.refresh(conn, self._touched)
        self._touched = {}


@contextmanager
def writing(db: Database) -> Iterator[Writer]:
    """One transaction with a :class:`Writer`: committed with its outbox and index, or not at all."""
    with db.session() as session:
        writer = Writer(session)
        yield writer
        writer.finish()


def model_for(table_name: str) -> type[SyncedRow]:
    try:
        return MODEL_BY_TABLE[table_name]
    except KeyError:
        raise WriteError(f"未知的数据表：{table_name}") from None
