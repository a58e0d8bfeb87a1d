"""How a push's row writes reach the server database: at once, or gathered and sent in bulk.

A push of 500 ops written one statement at a time spends its time in round trips (about eight per
op on PostgreSQL: savepoint, read, write, change log, dedupe record). :class:`Deferred` gathers a run
of ops' writes and sends them as one executemany per table and column set, parents' tables first;
:class:`Immediate` writes each at once (the path for ops that must read what earlier ops wrote).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import psycopg
from sqlalchemy import Table, bindparam, delete, insert, tuple_, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from sync.rows import TABLE_ORDER, table_of
from sync.server.models import Change, ConflictEntry

CHUNK = 300
CHANGES = Change.__table__  # Core tables: the ORM's bulk paths cost more per row than the database does
CONFLICTS = ConflictEntry.__table__


def insert_many(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows that all have the same keys. On PostgreSQL by COPY: psycopg's executemany costs the
    server about as much Python per row as the whole merge, COPY a fraction of it. Values go through
    the columns' own bind processors (JSON to text), so they arrive as an INSERT would store them."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        session.execute(insert(table), rows)
        return
    names = list(rows[0])
    processors = [table.c[n].type.dialect_impl(connection.dialect).bind_processor(connection.dialect) for n in names]
    quote = connection.dialect.identifier_preparer.quote
    statement = f"COPY {quote(table.name)} ({', '.join(map(quote, names))}) FROM STDIN"
    dbapi = connection.connection.dbapi_connection
    assert dbapi is not None
    try:
        with dbapi.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([p(row[n]) if p else row[n] for n, p in zip(names, processors, strict=True)])
    except psycopg.Error as exc:  # as SQLAlchemy would raise it: a broken reference is an IntegrityError
        raise DBAPIError.instance(statement, None, exc, psycopg.Error) from exc


class Immediate:
    """Each write is one statement, executed now."""

    def __init__(self, session: Session):
        self.session = session

    def insert_row(self, table: str, row: dict[str, Any]) -> None:
        self.session.execute(insert(table_of(table)).values(**row))

    def update_row(self, table: str, row_id: str, values: dict[str, Any]) -> None:
        t = table_of(table)
        self.session.execute(update(t).where(t.c.id == row_id).values(**values))

    def changed(self, table: str, row_id: str, bucket: str, seq: int) -> None:
        c = CHANGES.c
        self.session.execute(delete(CHANGES).where(c.table_name == table, c.row_id == row_id, c.bucket == bucket))
        self.session.execute(insert(CHANGES).values(seq=seq, bucket=bucket, table_name=table, row_id=row_id))

    def conflict(self, values: dict[str, Any]) -> None:
        self.session.execute(insert(CONFLICTS).values(**values))

    def flush(self) -> None:
        """Nothing is held back."""


class Deferred(Immediate):
    """Writes held until :meth:`flush`; a later write to the same row is folded into the earlier one."""

    def __init__(self, session: Session):
        super().__init__(session)
        self.inserts: dict[tuple[str, str], dict[str, Any]] = {}
        self.updates: dict[tuple[str, str], dict[str, Any]] = {}
        self.changes: dict[tuple[str, str, str], int] = {}
        self.conflicts: list[dict[str, Any]] = []

    def insert_row(self, table: str, row: dict[str, Any]) -> None:
        self.inserts[(table, row["id"])] = dict(row)

    def update_row(self, table: str, row_id: str, values: dict[str, Any]) -> None:
        key = (table, row_id)
        if key in self.inserts:
            self.inserts[key].update(values)
        else:
            self.updates.setdefault(key, {}).update(values)

    def changed(self, table: str, row_id: str, bucket: str, seq: int) -> None:
        self.changes[(table, row_id, bucket)] = seq

    def conflict(self, values: dict[str, Any]) -> None:
        self.conflicts.append(values)

    def flush(self) -> None:
        """Inserts (parents' tables first), updates, the change log, the conflict log; then empty."""
        groups: dict[tuple[str, frozenset[str]], list[dict[str, Any]]] = defaultdict(list)
        for (table, _id), row in self.inserts.items():
            groups[(table, frozenset(row))].append(row)
        for (table, _keys), rows in sorted(groups.items(), key=lambda g: TABLE_ORDER.get(g[0][0], len(TABLE_ORDER))):
            insert_many(self.session, table_of(table), rows)
        by_shape: dict[tuple[str, frozenset[str]], list[dict[str, Any]]] = defaultdict(list)
        for (table, row_id), values in self.updates.items():
            by_shape[(table, frozenset(values))].append({"b_id": row_id, **{f"v_{k}": v for k, v in values.items()}})
        for (table, keys), params in by_shape.items():
            t = table_of(table)
            statement = update(t).where(t.c.id == bindparam("b_id")).values(
                {k: bindparam(f"v_{k}", type_=t.c[k].type) for k in keys})
            self.session.connection().execute(statement, params)
        # A row inserted by this run was not on the server before it, so it has no older change entry.
        triples = [k for k in self.changes if k[:2] not in self.inserts]
        c = CHANGES.c
        for start in range(0, len(triples), CHUNK):
            self.session.execute(delete(CHANGES).where(tuple_(c.table_name, c.row_id, c.bucket)
                                                       .in_(triples[start:start + CHUNK])))
        insert_many(self.session, CHANGES, [{"table_name": t, "row_id": r, "bucket": b, "seq": s}
                                            for (t, r, b), s in self.changes.items()])
        if self.conflicts:
            self.session.execute(insert(CONFLICTS), self.conflicts)
        self.inserts, self.updates, self.changes, self.conflicts = {}, {}, {}, []
