"""How a push's row writes reach the server database: at once, or gathered and sent in bulk.

A push of 500 ops written one statement at a time spends its time in round trips (about eight per
op on PostgreSQL: savepoint, read, write, change log, dedupe record). :class:`Deferred` gathers a run
of ops' writes and sends them as one executemany per table and column set, parents' tables first;
:class:`Immediate` writes each at once (the path for ops that must read what earlier ops wrote).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import bindparam, delete, insert, tuple_, update
from sqlalchemy.orm import Session

from sync.rows import TABLE_ORDER, table_of
from sync.server.models import Change, ConflictEntry

CHUNK = 300


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
        self.session.execute(delete(Change).where(Change.table_name == table, Change.row_id == row_id,
                                                  Change.bucket == bucket))
        self.session.execute(insert(Change).values(seq=seq, bucket=bucket, table_name=table, row_id=row_id))

    def conflict(self, values: dict[str, Any]) -> None:
        self.session.execute(insert(ConflictEntry).values(**values))

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
            self.session.execute(insert(table_of(table)), rows)
        by_shape: dict[tuple[str, frozenset[str]], list[dict[str, Any]]] = defaultdict(list)
        for (table, row_id), values in self.updates.items():
            by_shape[(table, frozenset(values))].append({"b_id": row_id, **{f"v_{k}": v for k, v in values.items()}})
        for (table, keys), params in by_shape.items():
            t = table_of(table)
            statement = update(t).where(t.c.id == bindparam("b_id")).values(
                {k: bindparam(f"v_{k}", type_=t.c[k].type) for k in keys})
            self.session.connection().execute(statement, params)
        triples = list(self.changes)
        for start in range(0, len(triples), CHUNK):
            self.session.execute(delete(Change).where(tuple_(Change.table_name, Change.row_id, Change.bucket)
                                                      .in_(triples[start:start + CHUNK])))
        if triples:
            self.session.execute(insert(Change), [{"table_name": t, "row_id": r, "bucket": b, "seq": s}
                                                  for (t, r, b), s in self.changes.items()])
        if self.conflicts:
            self.session.execute(insert(ConflictEntry), self.conflicts)
        self.inserts, self.updates, self.changes, self.conflicts = {}, {}, {}, []
