"""The desktop's view of sync, without Qt: what the status-bar indicator shows, the changes the server
rejected, the conflicts a secretary reviews, and restoring a losing value as a new edit.

The desktop keeps its own notes about rounds in sync_state under ``ui:sync:`` (last success, last
error, conflicts); the engine's keys (clock, cursors, epoch) are never written here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.domain.hlc import Stamp
from app.services.sync_labels import ACTION_LABELS, changes_text, field_label, show_value, table_label
from app.store import sync_queries
from app.store.db import Database
from app.store.writes import WriteError, model_for, writing
from sync.protocol import ConflictItem
from sync.rows import from_wire

LAST_SYNC = "ui:sync:last"
ERROR_CODE = "ui:sync:error_code"
ERROR_MESSAGE = "ui:sync:error"
ROUND_CONFLICTS = "ui:sync:round_conflicts"
OPEN_CONFLICTS = "ui:sync:open_conflicts"
REFETCHED = "ui:sync:refetched"
BLOBS_REFUSED = "ui:sync:blobs_refused"
REVIEWED = "ui:sync:reviewed"  # highest conflict-log id the secretary marked as reviewed on this desktop
PREFIX = "ui:sync:"

KIND_LABELS = {"concurrent": "同时修改", "deleted": "修改了已删除的记录", "duplicate": "重复登记已合并",
               "transition": "事件同时办理"}
RESTORABLE_KINDS = frozenset({"concurrent", "deleted", "duplicate"})
DELETED = "（记录已删除）"
MERGED_KEPT = "（服务器上的这条记录）"
MERGED_LOST = "（另一台电脑登记的同一记录，已并入）"


@dataclass(frozen=True)
class SyncStatus:
    pending: int  # local changes waiting for the server
    rejected: int  # changes the server refused (kept, with reasons)
    last_sync: datetime | None  # end of the last round that finished
    error_code: str | None  # the last round's failure (None: it succeeded)
    error_message: str | None
    round_conflicts: int  # conflicts this desktop's own changes caused in the last round
    open_conflicts: int  # conflicts in the user's scope not yet reviewed here (secretaries)
    refetched: int = 0  # areas the last round downloaded again (the server had compacted its change log)
    blobs_refused: int = 0  # attachments the server would not take in the last round (offered again next round)


def load_status(db: Database) -> SyncStatus:
    state = sync_queries.read_state(db, PREFIX)
    last = state.get(LAST_SYNC)
    return SyncStatus(
        pending=sync_queries.outbox_count(db, "pending"), rejected=sync_queries.outbox_count(db, "rejected"),
        last_sync=datetime.fromisoformat(last) if last else None, error_code=state.get(ERROR_CODE),
        error_message=state.get(ERROR_MESSAGE), round_conflicts=int(state.get(ROUND_CONFLICTS, 0)),
        open_conflicts=int(state.get(OPEN_CONFLICTS, 0)), refetched=int(state.get(REFETCHED, 0)),
        blobs_refused=int(state.get(BLOBS_REFUSED, 0)))


def record_success(db: Database, conflicts: int, open_conflicts: int | None, now: datetime,
                   refetched: int = 0, blobs_refused: int = 0) -> None:
    values: dict[str, str | None] = {LAST_SYNC: now.isoformat(timespec="seconds"), ERROR_CODE: None,
                                     ERROR_MESSAGE: None, ROUND_CONFLICTS: str(conflicts),
                                     REFETCHED: str(refetched), BLOBS_REFUSED: str(blobs_refused)}
    if open_conflicts is not None:
        values[OPEN_CONFLICTS] = str(open_conflicts)
    sync_queries.write_state(db, values)


def record_failure(db: Database, code: str, message: str) -> None:
    sync_queries.write_state(db, {ERROR_CODE: code, ERROR_MESSAGE: message})


def reviewed_up_to(db: Database) -> int:
    return int(sync_queries.read_state(db, REVIEWED).get(REVIEWED, 0))


def mark_reviewed(db: Database, up_to: int) -> None:
    """Conflicts up to this log id count as reviewed on this desktop (the indicator stops showing them)."""
    if up_to > reviewed_up_to(db):
        sync_queries.write_state(db, {REVIEWED: str(up_to), OPEN_CONFLICTS: "0"})


# --- rejected changes -----------------------------------------------------------------------------

@dataclass(frozen=True)
class RejectedChange:
    seq: int
    table: str  # 人员, 住户 …
    record: str  # the row's name or number, when this desktop has one
    action: str  # 新增 / 修改 / 删除
    changes: str
    reason: str


def rejected_changes(db: Database) -> list[RejectedChange]:
    entries = sync_queries.rejected_entries(db)
    labels = sync_queries.row_labels(db, _ids_by_table((e.table_name, e.row_id) for e in entries))
    return [RejectedChange(seq=e.device_seq, table=table_label(e.table_name),
                           record=labels.get((e.table_name, e.row_id), e.row_id[:8]),
                           action=ACTION_LABELS.get(e.kind, e.kind), changes=changes_text(e.table_name, e.fields),
                           reason=e.reason or "服务器未说明原因") for e in entries]


def resubmit(db: Database, seqs: list[int]) -> int:
    """Send refused changes again at the next round (after the office changed a scope or a role)."""
    return sync_queries.resubmit_rejected(db, seqs)


# --- conflicts ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ConflictView:
    id: int
    kind: str  # 同时修改 …
    table: str  # the table's name in the database (restore needs it)
    table_label: str
    row_id: str
    record: str
    field: str | None
    field_label: str
    kept_text: str
    kept_by: str
    kept_at: datetime | None
    lost_value: Any  # as the server sent it: restore_value takes it back
    lost_text: str
    lost_by: str
    lost_at: datetime | None
    note: str
    logged_at: datetime
    restorable: bool  # a field value (not a merge record or a case transition) that can be written again
    reviewed: bool


def describe_conflicts(db: Database, items: list[ConflictItem]) -> list[ConflictView]:
    labels = sync_queries.row_labels(db, _ids_by_table((c.table, c.row_id) for c in items))
    seen = reviewed_up_to(db)
    out = []
    for c in items:
        merge = c.kind == "duplicate" and c.field is None  # the merge itself: its values are the two rows' ids
        out.append(ConflictView(
            id=c.id, kind=KIND_LABELS.get(c.kind, c.kind), table=c.table, table_label=table_label(c.table),
            row_id=c.row_id, record=labels.get((c.table, c.row_id), c.row_id[:8]), field=c.field,
            field_label=field_label(c.table, c.field),
            kept_text=MERGED_KEPT if merge else DELETED if c.kind == "deleted" and c.kept_value is None
            else show_value(c.field, c.kept_value),
            kept_by=c.kept_by or "未知", kept_at=stamp_time(c.kept_hlc), lost_value=c.lost_value,
            lost_text=MERGED_LOST if merge else show_value(c.field, c.lost_value), lost_by=c.lost_by or "未知",
            lost_at=stamp_time(c.lost_hlc),
            note=c.note or "", logged_at=c.at,
            restorable=c.kind in RESTORABLE_KINDS and c.field is not None and c.field != "deleted",
            reviewed=c.id <= seen))
    return out


def stamp_time(stamp: str | None) -> datetime | None:
    """When a value was written: the wall-clock part of its stamp, in local time."""
    if not stamp:
        return None
    try:
        return datetime.fromtimestamp(Stamp.decode(stamp).wall_ms / 1000)
    except ValueError:
        return None


def restore_value(db: Database, table: str, row_id: str, field: str, value: Any) -> dict[str, Any]:
    """Write a losing value again as an ordinary edit (new stamp, outbox patch), so it syncs and wins.

    A value lost to a deletion brings the record back with it. Returns what changed ({}: the record
    already holds this value)."""
    model = model_for(table)
    values = from_wire(model.__table__, {field: value})  # type: ignore[attr-defined]
    if field not in values or field == "deleted":
        raise WriteError(f"{table_label(table)}没有可恢复的字段：{field}")
    with writing(db) as w:
        return w.update(model, row_id, {**values, "deleted": False})


def _ids_by_table(keys: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for table, row_id in keys:
        out[table].add(row_id)
    return out
