"""Outbox entries that never need to reach the server: rows made and unmade on this desktop before any push.

An import tried, undone and done again before the first sync (a wrong file, a wrong grid) leaves each row of
the first try with a pending insert and a pending delete; the default tag types it made were brought back by
the second try (a delete, then a patch of ``deleted`` only). The server never saw any of them, so pushing
them only earns refusals: a grid worker may not create a community or delete a shared tag type, and a
delete of a row the server does not have is refused. Before a push:

- a row whose insert was never sent and that is deleted now is *local only*: none of its entries is sent;
- a row whose insert was never sent and that is live now has its deletes and its ``deleted``-only patches
  settled with the insert, which is read from the row as it is when pushed (live).

"Never sent" means above the highest entry number any push request ever carried (``PUSHED_STATE``,
recorded before a request goes out): a request whose answer was lost may have been applied, and then its
rows are the server's and their deletes must follow. A deleted row that a row still to be pushed points at
is pushed as before (the server's references must hold). Entries are settled as sent with a note, never
deleted, so the outbox still tells what happened to each change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from app.store.models import OutboxEntry, SyncState
from app.store.sync_queries import set_state
from sync.rows import pointers

PUSHED_STATE = "pushed_through"
LOCAL_ONLY_NOTE = "这条记录在本机新增后又删除，从未上传，无需同步。"
FOLDED_NOTE = "这条删除或恢复发生在记录上传之前，已随新增记录一并上传。"
_OUTBOX: Table = OutboxEntry.__table__  # type: ignore[assignment]
_OF_ROWS = "WHERE status = 'pending' AND device_seq > ? AND (table_name, row_id)"  # … IN (rows)


def pushed_through(session: Session) -> int:
    """The highest outbox entry number a push request has carried (0: none yet). A desktop that pushed before
    this was recorded counts everything in its outbox as possibly carried."""
    row = session.get(SyncState, PUSHED_STATE)
    if row is not None:
        return int(row.value)
    if session.execute(select(_OUTBOX.c.device_seq).where(_OUTBOX.c.status != "pending").limit(1)).first() is None:
        return 0  # nothing ever settled: nothing was ever pushed
    return session.execute(select(func.max(_OUTBOX.c.device_seq))).scalar() or 0


def mark_pushed(session: Session, last: int) -> None:
    """Record that entries up to ``last`` are on their way to the server (before the request is sent)."""
    row = session.get(SyncState, PUSHED_STATE)
    if row is None or int(row.value) < last:  # never down
        set_state(session, PUSHED_STATE, str(last))


def settle_local_only(session: Session) -> int:
    """Settle the entries of rows that were never sent (see the module docstring); returns how many.

    Set-based, in temporary tables: an import of 100,000 people undone and done again leaves 600,000
    entries, which a statement per chunk of ids would scan hundreds of times."""
    conn = session.connection()
    run = conn.exec_driver_sql
    for name in ("lo_fresh", "lo_dead", "lo_kept"):
        run(f"CREATE TEMP TABLE IF NOT EXISTS {name} (table_name TEXT, row_id TEXT, "
            "PRIMARY KEY (table_name, row_id)) WITHOUT ROWID")
        run(f"DELETE FROM {name}")
    after = pushed_through(session)
    run("INSERT OR IGNORE INTO lo_fresh SELECT table_name, row_id FROM outbox "
        "WHERE status = 'pending' AND kind = 'insert' AND device_seq > ?", (after,))
    tables = [name for (name,) in run("SELECT DISTINCT table_name FROM lo_fresh")]
    for name in tables:
        run(f"INSERT INTO lo_dead SELECT f.table_name, f.row_id FROM lo_fresh f JOIN {name} t ON t.id = f.row_id "
            "WHERE f.table_name = ? AND t.deleted", (name,))
    _keep_referenced(run)
    settled = run(f"UPDATE outbox SET status = 'sent', reason = ? {_OF_ROWS} IN "
                  "(SELECT table_name, row_id FROM lo_dead EXCEPT SELECT table_name, row_id FROM lo_kept)",
                  (LOCAL_ONLY_NOTE, after)).rowcount
    # the deletes and the patches of ``deleted`` alone of rows that are live now
    settled += run(f"UPDATE outbox SET status = 'sent', reason = ? {_OF_ROWS} IN "
                   "(SELECT table_name, row_id FROM lo_fresh EXCEPT SELECT table_name, row_id FROM lo_dead) "
                   "AND (kind = 'delete' OR kind = 'patch' AND json_type(fields, '$.deleted') IS NOT NULL "
                   "AND (SELECT count(*) FROM json_each(fields)) = 1)", (FOLDED_NOTE, after)).rowcount
    for name in ("lo_fresh", "lo_dead", "lo_kept"):
        run(f"DROP TABLE {name}")
    return settled


def _keep_referenced(run: Callable[..., Any]) -> None:
    """Fill lo_kept with the dead rows (lo_dead) that a row still to be pushed points at: any row that is not
    dead-and-unsent itself, then, round by round, the rows that kept rows point at."""
    links = [(name, column, target) for name, columns in pointers().items() for column, target in columns.items()]
    targets = {target for (target,) in run("SELECT DISTINCT table_name FROM lo_dead")}
    links = [link for link in links if link[2] in targets]
    for name, column, target in links:
        run(f"INSERT OR IGNORE INTO lo_kept SELECT ?, s.{column} FROM {name} s "
            f"WHERE s.{column} IN (SELECT row_id FROM lo_dead WHERE table_name = ?) AND s.id <> s.{column} "
            "AND NOT EXISTS (SELECT 1 FROM lo_dead d WHERE d.table_name = ? AND d.row_id = s.id)",
            (target, target, name))
    grew = True
    while grew:
        grew = False
        for name, column, target in links:
            grew |= run(f"INSERT OR IGNORE INTO lo_kept SELECT ?, s.{column} FROM {name} s "
                        "JOIN lo_kept k ON k.table_name = ? AND k.row_id = s.id "
                        f"WHERE s.{column} IN (SELECT row_id FROM lo_dead WHERE table_name = ?)",
                        (target, name, target)).rowcount > 0
