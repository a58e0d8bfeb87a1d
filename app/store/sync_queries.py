"""Read queries over the local sync bookkeeping: the outbox and the sync_state key/value table.

The desktop's sync indicator reads these; sync_state rows under ``ui:`` are the desktop's own notes
about the last round (time, error, conflicts), never touched by the sync engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, func, select

from app.store.db import Database
from app.store.models import MODEL_BY_TABLE, OutboxEntry, SyncState

LABEL_COLUMNS = ("name", "number", "title", "room", "visitor_name")


def outbox_count(db: Database, status: str) -> int:
    """Outbox entries with this status (pending|sent|rejected)."""
    with db.session() as session:
        return int(session.execute(select(func.count()).select_from(OutboxEntry)
                                   .where(OutboxEntry.status == status)).scalar_one())


def rejected_entries(db: Database) -> list[OutboxEntry]:
    """Changes the server refused, oldest first (detached copies, with their reasons)."""
    with db.session() as session:
        return list(session.execute(select(OutboxEntry).where(OutboxEntry.status == "rejected")
                                    .order_by(OutboxEntry.device_seq)).scalars())


def resubmit_rejected(db: Database, seqs: Sequence[int]) -> int:
    """Queue refused changes again, in one transaction; returns how many.

    The server answers a (device, sequence number) it has seen with the answer it gave before, so each
    change goes back into the outbox as a new entry, with the same fields and base stamps; the refused
    entry stays, marked ``resubmitted``, so the outbox keeps the whole history."""
    with db.session() as session:
        entries = list(session.execute(select(OutboxEntry).where(
            OutboxEntry.status == "rejected", OutboxEntry.device_seq.in_(list(seqs)))
            .order_by(OutboxEntry.device_seq)).scalars())
        for entry in entries:
            session.add(OutboxEntry(table_name=entry.table_name, row_id=entry.row_id, kind=entry.kind,
                                    grid_id=entry.grid_id, hlc=entry.hlc, fields=entry.fields, base=entry.base,
                                    status="pending", reason=None))
            entry.status = "resubmitted"
    return len(entries)


def read_state(db: Database, prefix: str) -> dict[str, str]:
    with db.session() as session:
        return dict(session.execute(select(SyncState.key, SyncState.value)
                                    .where(SyncState.key.startswith(prefix))).all())  # type: ignore[arg-type]


def write_state(db: Database, values: Mapping[str, str | None]) -> None:
    """Set keys (None removes one), in one transaction."""
    with db.session() as session:
        for key, value in values.items():
            if value is None:
                session.execute(delete(SyncState).where(SyncState.key == key))
                continue
            row = session.get(SyncState, key)
            if row is None:
                session.add(SyncState(key=key, value=value))
            else:
                row.value = value


def row_labels(db: Database, wanted: Mapping[str, set[str]]) -> dict[tuple[str, str], str]:
    """A short human label for rows (a person's name, a case's number …), by (table, id); rows without a
    labelling column or not held locally are left out."""
    out: dict[tuple[str, str], str] = {}
    with db.session() as session:
        for table_name, ids in wanted.items():
            model = MODEL_BY_TABLE.get(table_name)
            if model is None or not ids:
                continue
            table = model.__table__  # type: ignore[attr-defined]
            column = next((table.c[c] for c in LABEL_COLUMNS if c in table.c), None)
            if column is None:
                continue
            listed = list(ids)
            for start in range(0, len(listed), 900):
                rows: Any = session.execute(select(table.c.id, column).where(table.c.id.in_(listed[start:start + 900])))
                out.update({(table_name, row_id): str(label) for row_id, label in rows if label})
    return out
