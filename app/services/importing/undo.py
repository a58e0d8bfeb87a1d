"""Undoing an import batch: what it changed gets its values back, what it created is deleted (tombstoned),
through the Writer in one transaction, so the outbox sees the undo too.

What was done with the batch's rows since decides whether it can be undone: a later batch that changed
them must be undone first; rows created since that point at the batch's people, households or cases (a
later batch's tags for the same people, a visit recorded at the desk) would lose what they belong to,
so the undo is refused and says which. Shared entries (tag types, grids, estates, buildings, units,
houses) are kept instead when still in use here (the special-group ledger imported after the people
ledger still needs 独居老人 and the building its people live in) or already sent to the server (another
desktop may use them by now, and the server refuses rows under a deleted grid or estate).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from app.services.importing.merge import INSERT_ORDER
from app.services.importing.pipeline import ImportCancelled, Progress
from app.services.sync_labels import TABLE_LABELS
from app.store import imports as store
from app.store.db import Database
from app.store.models import MODEL_BY_TABLE, SyncedRow
from app.store.writes import Writer, writing

SHARED_TABLES = frozenset({"tag_types", "org_nodes", "estates", "buildings", "units", "houses"})


class UndoError(Exception):
    """A batch that cannot be undone; the message says why and what to do."""


def undo_batch(db: Database, key: str, *, user_name: str | None = None, progress: Progress | None = None,
               cancel: Callable[[], bool] | None = None) -> dict[str, int]:
    """Revert one batch: changed rows get their values back, created rows are deleted (tombstoned),
    children before parents, all through the Writer, in one transaction; the batch is marked undone by
    ``user_name``. Returns rows reverted per table. Raises UndoError when the batch cannot be undone and
    ImportCancelled when ``cancel()`` turns true; the batch then stays as it was."""
    report = progress or (lambda _stage, _fraction: None)
    cancelled = cancel or (lambda: False)

    def checkpoint(done: int, total: int) -> None:
        if cancelled():
            raise ImportCancelled("已取消撤销，数据库未作改动。")
        report("正在撤销导入…", done / total if total else 1.0)

    with writing(db) as w:
        batch = store.find_batch(w.session, key)
        if batch is None:
            raise UndoError(f"找不到导入批次“{key}”。可用 gridledger imports 查看批次编号")
        if batch.undone_at is not None:
            raise UndoError(f"批次 {batch.id} 已于 {batch.undone_at:%Y-%m-%d %H:%M} "
                            f"由{batch.undone_by or '（未记录操作人）'}撤销过")
        later = store.later_batches_touching(w.session, batch)
        if later:
            raise UndoError(f"之后的导入批次（{'、'.join(b[:8] for b in later)}）又修改了这些数据，"
                            "请先撤销那些批次，再撤销本批次")
        changes = store.changes(w.session, batch.id)
        created: dict[str, list[str]] = defaultdict(list)
        for table, row_id, action, _before in changes:
            if action == "created":
                created[table].append(row_id)
        reverted: Counter[str] = Counter()
        done = 0
        for table, row_id, action, before in reversed(changes):
            if action == "updated" and before:
                model = MODEL_BY_TABLE[table]
                w.update(model, row_id, _from_wire(model, before))
                reverted[table] += 1
            done += 1
            if done % 200 == 0:
                checkpoint(done, len(changes))
        in_use = _keep_shared_in_use(w, batch, created)  # asked once the changed rows point where they did
        order = {model.__tablename__: i for i, model in enumerate(INSERT_ORDER)}  # type: ignore[attr-defined]
        for table in sorted(created, key=lambda t: -order.get(t, 0)):  # children before parents
            checkpoint(done, len(changes))
            gone = [row_id for row_id in reversed(created[table]) if row_id not in in_use[table]]  # newest first
            reverted[table] += w.bulk_delete(MODEL_BY_TABLE[table], gone)
            done += len(created[table])
        checkpoint(done, len(changes))
        store.mark_undone(w.session, batch.id, user_name)
    return dict(reverted)


def _keep_shared_in_use(w: Writer, batch: store.BatchInfo, created: dict[str, list[str]]) -> dict[str, set[str]]:
    """The shared rows the batch created that stay (table -> ids): those already sent to the server (another
    desktop may have put its own rows in that building or under that grid since) and those rows from
    elsewhere here still point at. Raises UndoError when other rows from elsewhere point at the batch's
    rows. A kept row's own parents are then in use too, so this repeats until nothing more is kept."""
    shared = {table: ids for table, ids in created.items() if table in SHARED_TABLES}
    local = store.never_sent(w.session, shared)
    kept: dict[str, set[str]] = defaultdict(set)
    for table, ids in shared.items():
        kept[table].update(row_id for row_id in ids if (table, row_id) not in local)
    while True:
        pending = {table: [i for i in ids if i not in kept[table]] for table, ids in created.items()}
        found = store.dependents(w.session, pending)
        blocking = [d for d in found if d.parent_table not in SHARED_TABLES]
        if blocking:
            raise UndoError(_blocked_message(w, batch, blocking))
        more = [(d.parent_table, d.parent_id) for d in found if d.parent_id not in kept[d.parent_table]]
        if not more:
            return kept
        for table, row_id in more:
            kept[table].add(row_id)


def _blocked_message(w: Writer, batch: store.BatchInfo, blocking: list[store.Dependent]) -> str:
    rows = {(d.child_table, d.child_id) for d in blocking}  # a visit points at a person and a household
    children = Counter(table for table, _id in rows)
    parents = dict.fromkeys(TABLE_LABELS.get(d.parent_table, d.parent_table) for d in blocking)
    what = "、".join(f"{TABLE_LABELS.get(t, t)} {n} 条" for t, n in children.most_common())
    by = store.batches_that_created(w.session, batch, rows)
    advice = (f"请先撤销之后的导入批次（{'、'.join(b[:8] for b in by)}），再撤销本批次" if by else
              "这些数据是之后录入的，如确需撤销，请先删除它们")
    return f"本批次新增的{'、'.join(parents)}之后又被用到（{what}），撤销会让它们失去归属，所以没有撤销。{advice}"


def _from_wire(model: type[SyncedRow], values: dict[str, Any]) -> dict[str, Any]:
    """Before-values as the columns want them (dates were stored as ISO text)."""
    table = model.__table__  # type: ignore[attr-defined]
    result = {}
    for name, value in values.items():
        try:
            python_type = table.c[name].type.python_type
        except (KeyError, NotImplementedError):
            python_type = None
        if isinstance(value, str) and python_type is date:
            value = date.fromisoformat(value)
        elif isinstance(value, str) and python_type is datetime:
            value = datetime.fromisoformat(value)
        result[name] = value
    return result

