"""Compacting the change log: what only told clients about old changes is purged, and a horizon per
bucket remembers where the purge reached (DESIGN section 5, must_refetch).

Two kinds of entries exist only to tell clients about a change: tombstones (rows with ``deleted``
set, with their change entries) and "gone" markers (a row's change entry in a bucket it has left, so
that clients of that bucket remove it). Both are purged once the row's last change is older than the
cut-off. A bucket's horizon is the largest change number purged from it: a client whose cursor there
is below the horizon may have missed a purged change, so its pull answers ``must_refetch`` for that
bucket and the client downloads the bucket again from the start.

A tombstone that a remaining row still points at is kept (the reference would break), and so is
everything a kept tombstone needs in turn.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from app.store.db import Database
from app.store.models import SYNCED_MODELS
from sync.rows import bucket_of, references, table_of
from sync.server.models import Change, ServerMeta
from sync.server.push import PUSH_LOCK_KEY

HORIZON_PREFIX = "horizon:"
DAY_MS = 24 * 3600 * 1000
CHUNK = 500
TABLES = [m.__tablename__ for m in reversed(SYNCED_MODELS)]  # type: ignore[attr-defined]
"""Children's tables first: a parent's tombstone goes after its children's."""


@dataclass
class Compaction:
    """What one compaction purged: tombstones per table, gone markers, and each bucket's new horizon."""

    tombstones: dict[str, int] = field(default_factory=dict)
    markers: int = 0
    horizons: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"tombstones": self.tombstones, "markers": self.markers, "horizons": self.horizons}


def horizons(session: Session, buckets: Iterable[str]) -> dict[str, int]:
    """The compaction horizon of each of these buckets that has one."""
    keys = [HORIZON_PREFIX + b for b in buckets]
    rows = session.execute(select(ServerMeta.key, ServerMeta.value).where(ServerMeta.key.in_(keys))).all()
    return {key.removeprefix(HORIZON_PREFIX): int(value) for key, value in rows}


def compact(db: Database, older_than_days: int, now_ms: int | None = None) -> Compaction:
    """Purge tombstones and gone markers whose row last changed more than ``older_than_days`` ago."""
    now = time.time_ns() // 1_000_000 if now_ms is None else now_ms
    cutoff = f"{now - older_than_days * DAY_MS:013d}"  # stamps are fixed-width: string order is time order
    report = Compaction()
    with db.session() as session:
        _lock_out_pushes(session)
        purged: dict[str, int] = defaultdict(int)  # bucket -> largest change number purged
        doomed = _old_tombstones(session, cutoff)
        _spare_referenced(session, doomed)
        for name, ids in doomed.items():
            if ids:
                report.tombstones[name] = len(ids)
                _purge_rows(session, name, sorted(ids), purged)
        report.markers = _purge_markers(session, cutoff, purged)
        report.horizons = _raise_horizons(session, purged)
    return report


def _lock_out_pushes(session: Session) -> None:
    """No push may change a row between our reading it and purging it: the push lock on PostgreSQL; on
    SQLite a first write takes the database's single write lock (pushes of a server in another
    process wait for it)."""
    if session.connection().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PUSH_LOCK_KEY})
    else:
        session.execute(text("UPDATE server_meta SET value = value WHERE key = 'epoch'"))


def _last_change(row: Any) -> str:
    """The newest stamp of a row: its creation's or a later edit's."""
    return max([row["hlc"], *(row["field_hlc"] or {}).values()])


def _old_tombstones(session: Session, cutoff: str) -> dict[str, set[str]]:
    doomed: dict[str, set[str]] = {}
    for name in TABLES:
        table = table_of(name)
        rows = session.execute(select(table.c.id, table.c.hlc, table.c.field_hlc)
                               .where(table.c.deleted.is_(True))).mappings()
        doomed[name] = {row["id"] for row in rows if _last_change(row) < cutoff}
    return doomed


def _spare_referenced(session: Session, doomed: dict[str, set[str]]) -> None:
    """Keep every tombstone a kept row points at, until nothing more changes (a kept child keeps its
    parent, which may keep its own parent)."""
    pointing = [(child, column, parent) for child, columns in references().items()
                for column, parent in columns.items() if doomed.get(parent)]
    values = {}
    for child, column, _parent in pointing:
        source = table_of(child)
        values[(child, column)] = session.execute(select(source.c.id, source.c[column])
                                                  .where(source.c[column].is_not(None))).all()
    changed = True
    while changed:
        changed = False
        for child, column, parent in pointing:
            kept = {target for row_id, target in values[(child, column)]
                    if row_id not in doomed.get(child, ()) and target in doomed[parent]}
            if kept:
                doomed[parent] -= kept
                changed = True


def _purge_rows(session: Session, name: str, ids: list[str], purged: dict[str, int]) -> None:
    table = table_of(name)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        entries = session.execute(select(Change.seq, Change.bucket)
                                  .where(Change.table_name == name, Change.row_id.in_(chunk))).all()
        for seq, bucket in entries:
            purged[bucket] = max(purged[bucket], seq)
        session.execute(delete(Change).where(Change.table_name == name, Change.row_id.in_(chunk)))
        session.execute(delete(table).where(table.c.id.in_(chunk), table.c.deleted.is_(True)))


def _purge_markers(session: Session, cutoff: str, purged: dict[str, int]) -> int:
    """Change entries in a bucket their row has left (or of a row no longer there at all)."""
    count = 0
    for name in TABLES:
        table = table_of(name)
        entries = session.execute(select(Change.seq, Change.bucket, Change.row_id)
                                  .where(Change.table_name == name)).all()
        stale: list[int] = []
        for start in range(0, len(entries), CHUNK):
            chunk = entries[start:start + CHUNK]
            rows = {row["id"]: row for row in session.execute(
                select(table).where(table.c.id.in_({e.row_id for e in chunk}))).mappings()}
            for seq, bucket, row_id in chunk:
                row = rows.get(row_id)
                if row is None or (bucket_of(name, row) != bucket and _last_change(row) < cutoff):
                    stale.append(seq)
                    purged[bucket] = max(purged[bucket], seq)
        for start in range(0, len(stale), CHUNK):
            session.execute(delete(Change).where(Change.seq.in_(stale[start:start + CHUNK])))
        count += len(stale)
    return count


def _raise_horizons(session: Session, purged: dict[str, int]) -> dict[str, int]:
    known = horizons(session, purged)
    raised = {}
    for bucket, seq in purged.items():
        if seq > known.get(bucket, 0):
            row = session.get(ServerMeta, HORIZON_PREFIX + bucket)
            if row is None:
                session.add(ServerMeta(key=HORIZON_PREFIX + bucket, value=str(seq)))
            else:
                row.value = str(seq)
            raised[bucket] = seq
    return raised
