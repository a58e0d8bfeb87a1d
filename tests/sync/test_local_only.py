"""Rows made and unmade on this desktop before any push are not sent; everything the server may have is."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import text

from app.store.models import Household, Person
from app.store.writes import writing
from sync.client import SyncError
from sync.local_only import LOCAL_ONLY_NOTE, PUSHED_STATE, settle_local_only
from tests.importing.generated import generated_id
from tests.sync.conftest import Desktop, Server
from tests.sync.test_faults_security import DropsFirstAnswer

FLOATING = "流动人口"


def _grid(d: Desktop) -> str:
    return str(d.scalar("SELECT id FROM org_nodes WHERE name = '第一网格'"))


def _on_server(server: Server, table: str, row_id: str) -> list[tuple[object, ...]]:
    return server.rows(f"SELECT deleted FROM {table} WHERE id = :r", r=row_id)


def test_a_row_added_and_deleted_between_two_syncs_is_not_sent(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    worker = desktop("worker", "网格员一")
    assert worker.sync().rejected == 0
    with writing(worker.db) as w:
        gone = w.insert(Household, {"grid_id": _grid(worker), "registration": FLOATING})
        w.update(Household, gone, {"contact_phone": "13700000000"})
        w.delete(Household, gone)
        kept = w.insert(Household, {"grid_id": _grid(worker), "registration": FLOATING})
    result = worker.sync()
    assert (result.pushed, result.rejected) == (1, 0)
    assert _on_server(server, "households", gone) == []
    assert _on_server(server, "households", kept) == [(False,)]
    assert worker.rows("SELECT kind, status, reason FROM outbox WHERE row_id = :r ORDER BY device_seq", r=gone) == [
        ("insert", "sent", LOCAL_ONLY_NOTE), ("patch", "sent", LOCAL_ONLY_NOTE), ("delete", "sent", LOCAL_ONLY_NOTE)]


def test_a_deletion_after_a_push_whose_answer_was_lost_reaches_the_server(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    """The server applied the insert but the desktop never heard it: the row is the server's, and the local
    deletion must follow it there (nothing typed offline is lost)."""
    worker = desktop("worker", "网格员一")
    worker.sync()
    with writing(worker.db) as w:
        hid = w.insert(Household, {"grid_id": _grid(worker), "registration": FLOATING})
    worker.client.http = DropsFirstAnswer(server.http)
    with pytest.raises(SyncError, match="无法连接"):
        worker.sync()
    assert _on_server(server, "households", hid) == [(False,)]
    with writing(worker.db) as w:
        w.delete(Household, hid)
    result = worker.sync()
    assert result.rejected == 0
    assert _on_server(server, "households", hid) == [(True,)]
    assert worker.scalar("SELECT count(*) FROM outbox WHERE reason = :n", n=LOCAL_ONLY_NOTE) == 0


def test_a_deleted_new_row_a_live_row_still_points_at_is_sent(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    """The server's references must hold: the deleted household goes (as deleted) because its member still
    names it; a deleted one nobody names stays here."""
    worker = desktop("worker", "网格员一")
    worker.sync()
    grid = _grid(worker)
    with writing(worker.db) as w:
        household = w.insert(Household, {"grid_id": grid, "registration": FLOATING})
        person = w.insert(Person, {"grid_id": grid, "name": "测试", "id_number": generated_id(77),
                                   "household_id": household})
        w.delete(Household, household)
        alone = w.insert(Household, {"grid_id": grid, "registration": FLOATING})
        w.delete(Household, alone)
    result = worker.sync()
    assert result.rejected == 0, result.rejects
    assert _on_server(server, "households", household) == [(True,)]
    assert server.rows("SELECT household_id FROM people WHERE id = :p", p=person) == [(household,)]
    assert _on_server(server, "households", alone) == []


def test_a_desktop_that_pushed_before_the_mark_was_kept_settles_nothing_it_may_have_sent(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    worker = desktop("worker", "网格员一")
    worker.sync()
    with writing(worker.db) as w:
        w.insert(Household, {"grid_id": _grid(worker), "registration": FLOATING})
    worker.sync()
    with writing(worker.db) as w:
        hid = w.insert(Household, {"grid_id": _grid(worker), "registration": FLOATING})
        w.delete(Household, hid)
    with worker.db.engine.begin() as conn:  # as an older version left it: no mark, some entries sent
        conn.execute(text("DELETE FROM sync_state WHERE key = :k"), {"k": PUSHED_STATE})
        conn.execute(text("UPDATE outbox SET status = 'sent' WHERE row_id <> :h"), {"h": hid})
    with worker.db.session() as session:
        assert settle_local_only(session) == 0
    with worker.db.engine.begin() as conn:
        conn.execute(text("UPDATE outbox SET status = 'pending'"))
    with worker.db.session() as session:
        assert settle_local_only(session) == 2  # nothing was ever sent: the mark is 0
