"""Downloading a bucket again after the server compacted its change log (``must_refetch``).

The server purges tombstones once they are old, so a desktop that was away longer than that can no
longer learn of those deletes from the change log. Its pull then answers ``must_refetch`` for the
bucket; the desktop starts the bucket again from cursor 0 and, when the new download is complete,
removes the rows of the bucket the download did not bring.

Which rows the download brought survives an interrupted round: when the refetch starts, every local
row of the bucket loses its ``server_seq``; every row the server sends carries its own again; what is
still without one when the bucket's last page arrives is no longer on the server. A row kept only
here is never removed: one with a change still waiting in the outbox, or one whose insert the server
refused (its values exist nowhere else). The outbox itself is never touched.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Table, and_, delete, or_, select, update
from sqlalchemy.orm import Session

from app.store.models import SYNCED_MODELS, OutboxEntry, SyncState
from sync.rows import in_bucket

REFETCH_PREFIX = "refetch:"  # sync_state key of a bucket whose new download is not complete yet
HORIZON_PREFIX = "horizon:"  # sync_state key of the compaction horizon a bucket's cursor is valid against
_OUTBOX: Table = OutboxEntry.__table__  # type: ignore[assignment]
_TABLES: list[Table] = [m.__table__ for m in reversed(SYNCED_MODELS)]  # type: ignore[attr-defined]


def start(session: Session, bucket: str) -> None:
    """Forget which local rows of ``bucket`` the server has; the next pages tell again."""
    for table in _TABLES:
        session.execute(update(table).where(in_bucket(table, bucket)).values(server_seq=None))
    session.merge(SyncState(key=REFETCH_PREFIX + bucket, value="1"))


def refetching(session: Session) -> set[str]:
    rows = session.execute(select(SyncState.key).where(SyncState.key.startswith(REFETCH_PREFIX))).scalars()
    return {key.removeprefix(REFETCH_PREFIX) for key in rows}


def finish(session: Session, bucket: str) -> dict[str, set[str]]:
    """Remove the rows of ``bucket`` the completed download did not bring; answer them per table."""
    removed: dict[str, set[str]] = {}
    for table in _TABLES:
        ids = set(session.execute(select(table.c.id).where(in_bucket(table, bucket), table.c.server_seq.is_(None),
                                                           ~_kept_here(table))).scalars())
        if ids:
            listed = sorted(ids)
            for start_at in range(0, len(listed), 900):
                session.execute(delete(table).where(table.c.id.in_(listed[start_at:start_at + 900])))
            removed[table.name] = ids
    session.execute(delete(SyncState).where(SyncState.key == REFETCH_PREFIX + bucket))
    return removed


def forget(session: Session, bucket: str) -> None:
    """A bucket that left the scope: its refetch and horizon state go with it."""
    session.execute(delete(SyncState).where(SyncState.key.in_([REFETCH_PREFIX + bucket, HORIZON_PREFIX + bucket])))


def _kept_here(table: Table) -> ColumnElement[bool]:
    """A row with a change still to send, or whose insert the server refused: it exists only here."""
    return table.c.id.in_(select(_OUTBOX.c.row_id).where(
        _OUTBOX.c.table_name == table.name,
        or_(_OUTBOX.c.status == "pending",
            and_(_OUTBOX.c.status == "rejected", _OUTBOX.c.kind.in_(("insert", "event"))))))


def typed_only_here(table: Table) -> ColumnElement[bool]:
    """A row whose insert has not reached the server (waiting, or refused): the outbox holds no copy of its
    values (an insert entry is read from the row when it is pushed), so removing the row would lose them.

    An uncorrelated IN: the outbox (unindexed, millions of entries on a district) is read once per table,
    not once per row."""
    return table.c.id.in_(select(_OUTBOX.c.row_id).where(
        _OUTBOX.c.table_name == table.name, _OUTBOX.c.status.in_(("pending", "rejected")),
        _OUTBOX.c.kind.in_(("insert", "event"))))
