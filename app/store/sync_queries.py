"""Read queries over the local sync bookkeeping: the outbox and the sync_state key/value table.

The desktop's sync indicator reads these; sync_state rows under ``ui:`` are the desktop's own notes
about the last round (time, error, conflicts), never touched by the sync engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.store.db import Database
from app.store.models import MODEL_BY_TABLE, OutboxEntry, SyncState

LABEL_COLUMNS = ("name", "number", "title", "room", "visitor_name")
_ADDRESS = ("coalesce(e.name, '') || b.name || coalesce(u.name, '') || h.room",
            "houses h JOIN buildings b ON b.id = h.building_id LEFT JOIN estates e ON e.id = b.estate_id "
            "LEFT JOIN units u ON u.id = h.unit_id")
_LABEL_SQL = {
    # rows without a name of their own, named as a secretary reviewing a conflict would look for them
    "houses": f"SELECT h.id, {_ADDRESS[0]} FROM {_ADDRESS[1]} WHERE h.id IN ({{ids}})",
    "households": f"SELECT hh.id, coalesce(p.name || '户 ', '') || coalesce({_ADDRESS[0]}, '') "
                  f"FROM households hh LEFT JOIN people p ON p.id = hh.head_person_id "
                  f"LEFT JOIN ({_ADDRESS[1]}) ON h.id = hh.house_id WHERE hh.id IN ({{ids}})",
    "buildings": "SELECT b.id, coalesce(e.name, '') || b.name FROM buildings b "
                 "LEFT JOIN estates e ON e.id = b.estate_id WHERE b.id IN ({ids})",
    "units": "SELECT u.id, coalesce(e.name, '') || b.name || u.name FROM units u "
             "JOIN buildings b ON b.id = u.building_id LEFT JOIN estates e ON e.id = b.estate_id WHERE u.id IN ({ids})",
    "memberships": "SELECT m.id, p.name FROM memberships m JOIN people p ON p.id = m.person_id "
                   "WHERE m.id IN ({ids})",
    "person_tags": "SELECT pt.id, p.name || '·' || t.name FROM person_tags pt JOIN people p ON p.id = pt.person_id "
                   "JOIN tag_types t ON t.id = pt.tag_id WHERE pt.id IN ({ids})",
}


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
            else:
                set_state(session, key, value)


def set_state(session: Session, key: str, value: str) -> None:
    """Set one key in the session's transaction."""
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
            sql = _LABEL_SQL.get(table_name)
            if column is None and sql is None:
                continue
            listed = list(ids)
            for start in range(0, len(listed), 900):
                part = listed[start:start + 900]
                rows: Any = session.execute(select(table.c.id, column).where(table.c.id.in_(part))) if sql is None \
                    else session.connection().exec_driver_sql(sql.format(ids=",".join("?" * len(part))), tuple(part))
                out.update({(table_name, row_id): str(label) for row_id, label in rows if label})
    return out
