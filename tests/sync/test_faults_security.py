"""Scope, tokens, versions and clocks, repeated and interrupted pushes, a server restored from backup."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.store.models import Household, Person
from app.store.writes import writing
from sync.client import RoundResult, SyncError
from sync.protocol import PROTOCOL_VERSION, Op, PullRequest
from sync.server.app import create_app
from sync.server.models import ServerUser
from sync.server.pull import pull
from sync.server.push import Pusher
from sync.server.scope import Scope
from sync.server.store import renew_epoch
from tests.sync.conftest import Desktop, Server


def _grid(d: Desktop, name: str) -> str:
    return str(d.scalar("SELECT id FROM org_nodes WHERE name = :n", n=name))


def test_out_of_scope_writes_are_rejected_per_op_and_reads_never_leave_scope(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    worker = desktop("worker", "网格员一")
    worker.sync()
    own, other = _grid(worker, "第一网格"), _grid(filled, "第二网格")
    pid = worker.scalar("SELECT id FROM people WHERE grid_id = :g LIMIT 1", g=own)
    with writing(worker.db) as w:
        w.insert(Household, {"grid_id": other, "registration": "户籍户"})  # crafted: another grid's bucket
        w.update(Person, str(pid), {"grid_id": other})  # moving a person out of the own grid
        w.update(Person, str(pid), {"note": "正常修改"})
    result = worker.sync()
    assert result.rejected == 2 and result.applied == 1
    assert all("负责范围" in r["reason"] for r in result.rejects)
    assert worker.scalar("SELECT count(*) FROM outbox WHERE status = 'rejected'") == 2
    assert server.scalar("SELECT grid_id FROM people WHERE id = :i", i=pid) == own
    assert server.scalar("SELECT note FROM people WHERE id = :i", i=pid) == "正常修改"
    # A crafted pull for another grid's bucket returns nothing from it.
    token = worker.client.login().token
    answer = server.http.post("/sync/pull", headers={"Authorization": f"Bearer {token}"}, json=PullRequest(
        protocol=PROTOCOL_VERSION, device_id=worker.client.device_id, cursors={other: 0}).model_dump()).json()
    assert other in answer["removed_buckets"]
    assert all(page["bucket"] != other for page in answer["buckets"])


def test_a_refused_edit_leaves_the_desktop_with_the_servers_row_and_the_typed_values_in_its_outbox(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    """Otherwise the desktop would show its refused values (here: a person in a grid it may not read) for
    good, since nothing else would bring the row again (the state machine found a refused case step)."""
    worker = desktop("worker", "网格员一")
    worker.sync()
    own, other = _grid(worker, "第一网格"), _grid(filled, "第二网格")
    pid = str(worker.scalar("SELECT id FROM people WHERE grid_id = :g ORDER BY id LIMIT 1", g=own))
    with writing(worker.db) as w:
        w.update(Person, pid, {"grid_id": other, "note": "搬去第二网格"})
    assert worker.sync().rejected == 1
    row = "SELECT grid_id, note FROM people WHERE id = :i"
    assert worker.rows(row, i=pid) == server.rows(row, i=pid)
    assert worker.scalar("SELECT grid_id FROM people WHERE id = :i", i=pid) == own
    assert "搬去第二网格" in str(worker.scalar("SELECT fields FROM outbox WHERE status = 'rejected'"))


def test_forged_expired_and_foreign_tokens_are_refused(server: Server, filled: Desktop) -> None:
    token = filled.client.login().token
    body = PullRequest(protocol=PROTOCOL_VERSION, device_id=filled.client.device_id).model_dump()
    ok = server.http.post("/sync/pull", headers={"Authorization": f"Bearer {token}"}, json=body)
    assert ok.status_code == 200
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    for headers in ({}, {"Authorization": f"Bearer {forged}"}):
        answer = server.http.post("/sync/pull", headers=headers, json=body)
        assert answer.status_code == 401
    expired = TestClient(create_app(server.db, token_seconds=-1))
    answer = expired.post("/sync/pull", headers={"Authorization": f"Bearer {token}"}, json=body)
    assert answer.status_code == 401 and answer.json()["detail"]["code"] == "token_expired"
    other_device = server.http.post("/sync/pull", headers={"Authorization": f"Bearer {token}"},
                                    json={**body, "device_id": "0123456789ab"})
    assert other_device.status_code == 403
    bad = server.http.post("/auth/token", json={"user": "书记", "password": "wrong-one", "device_id": "x",
                                                "protocol": PROTOCOL_VERSION, "client_time_ms": 0})
    assert bad.status_code == 401


def test_old_protocol_and_skewed_clock_are_named(server: Server, filled: Desktop,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    pending = filled.scalar("SELECT count(*) FROM outbox")
    monkeypatch.setattr("sync.client.PROTOCOL_VERSION", PROTOCOL_VERSION + 1)
    with pytest.raises(SyncError, match="升级") as refused:
        filled.client.run()
    assert refused.value.code == "upgrade_required"
    monkeypatch.undo()
    real = filled.client.now_ms
    filled.client.now_ms = lambda: real() - 7 * 60 * 1000
    with pytest.raises(SyncError, match="时钟比服务器慢 7 分钟") as skewed:
        filled.client.run()
    assert skewed.value.code == "clock_skew"
    assert filled.scalar("SELECT count(*) FROM outbox") == pending  # the outbox survives every refusal


class DropsFirstAnswer:
    """The client is killed after the server committed a push and before it read the answer."""

    def __init__(self, http: Any):
        self.http = http
        self.dropped = False

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        response = self.http.post(path, **kwargs)
        if path == "/sync/push" and not self.dropped:
            self.dropped = True
            raise httpx.ReadError("connection reset")
        return response


def test_killed_between_commit_and_answer_repushes_without_duplicates(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    worker = desktop("worker", "网格员一")
    worker.sync()
    grid = _grid(worker, "第一网格")
    with writing(worker.db) as w:
        hid = w.insert(Household, {"grid_id": grid, "registration": "流动人口"})
        w.update(Household, hid, {"contact_phone": "13700000000"})
    worker.client.http = DropsFirstAnswer(server.http)
    with pytest.raises(SyncError, match="无法连接"):
        worker.sync()
    assert worker.scalar("SELECT count(*) FROM outbox WHERE status = 'pending'") == 2  # nothing lost
    result = worker.sync()
    assert result.pushed == 2 and result.rejected == 0
    assert server.scalar("SELECT count(*) FROM households WHERE id = :h", h=hid) == 1
    assert server.scalar("SELECT count(*) FROM applied_ops WHERE device_id = :d", d=worker.client.device_id) == 2
    # A repeated push of the very same ops answers the stored results and changes no data (the row is only
    # sent back to the desktop, which may have pulled it while the ops were unanswered).
    row = "SELECT * FROM households WHERE id = :h"
    before = server.rows(row, h=hid)
    with worker.db.engine.begin() as conn:
        conn.execute(text("UPDATE outbox SET status = 'pending'"))
    again = worker.sync()
    assert again.pushed == 2 and again.rejected == 0
    assert server.rows(row, h=hid) == before
    assert server.scalar("SELECT count(*) FROM applied_ops WHERE device_id = :d", d=worker.client.device_id) == 2


def test_a_pull_between_a_lost_answer_and_the_repeated_push_does_not_leave_the_desktops_own_copy(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    """The pull keeps a row whose insert is still pending as it is; the insert had been applied, and another
    desktop changed the row since: the repeated push brings the server's row back (found by the state
    machine in tests/sync/test_state_machine.py)."""
    worker, second = desktop("worker", "网格员一"), desktop("second", "网格员一")  # one grid worker, two desktops
    worker.sync()
    second.sync()
    with writing(worker.db) as w:
        hid = w.insert(Household, {"grid_id": _grid(worker, "第一网格"), "registration": "流动人口"})
    worker.client.http = DropsFirstAnswer(server.http)
    with pytest.raises(SyncError, match="无法连接"):
        worker.sync()
    worker.client.http = server.http
    second.sync()
    with writing(second.db) as w:
        w.update(Household, hid, {"contact_phone": "13700000001"})
    second.sync()
    worker.client.login()
    worker.client.pull(RoundResult())  # brings the row while its insert is pending here: left as it is
    worker.sync()
    row = "SELECT contact_phone, server_seq FROM households WHERE id = :h"
    assert worker.rows(row, h=hid) == server.rows(row, h=hid)
    assert worker.scalar("SELECT contact_phone FROM households WHERE id = :h", h=hid) == "13700000001"


def test_restored_server_gets_the_outbox_again_and_clients_redownload(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    worker = desktop("worker", "网格员一")
    worker.sync()
    grid = _grid(worker, "第一网格")
    with writing(worker.db) as w:
        hid = w.insert(Household, {"grid_id": grid, "registration": "户籍户"})
    worker.sync()
    # The server is restored from a backup taken before that household arrived.
    with server.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM households WHERE id = :h"), {"h": hid})
        conn.execute(text("DELETE FROM sync_changes WHERE row_id = :h"), {"h": hid})
        conn.execute(text("DELETE FROM applied_ops"))
    renew_epoch(server.db)
    result = worker.sync()
    assert result.epoch_changed and result.rejected == 0
    assert server.scalar("SELECT count(*) FROM households WHERE id = :h", h=hid) == 1
    assert result.pulled >= worker.scalar("SELECT count(*) FROM people")  # downloaded again


@pytest.mark.postgres
def test_concurrent_pushes_never_let_a_pull_skip_a_change(server: Server, filled: Desktop) -> None:
    if server.db.is_sqlite:
        pytest.skip("PostgreSQL only: SQLite serialises writers by itself")
    grid = _grid(filled, "第一网格")
    with server.db.session() as s:
        user = s.query(ServerUser).filter_by(name="书记").one()
        s.expunge(user)
    writers, per_writer = 4, 60
    created: set[str] = set()
    lock = threading.Lock()

    def push(n: int) -> None:
        for i in range(per_writer):
            row = f"0190aaaa-0000-7000-8000-{n:04d}{i:08d}"
            stamp = f"{1:013d}-0000-0000000000{n:02d}"
            op = Op(device_seq=i + 1, table="households", row_id=row, kind="insert", hlc=stamp,
                    fields={"grid_id": grid, "registration": "户籍户"})
            with server.db.session() as s:
                Pusher(s, Scope.of(s, user), f"device-{n}").push([op])
            with lock:
                created.add(row)

    seen: set[str] = set()
    cursors: dict[str, int] = {}
    stop = threading.Event()

    def read() -> None:
        while True:
            finished = stop.is_set()
            with server.db.session() as s:
                answer = pull(s, Scope.of(s, user), PullRequest(protocol=1, device_id="r", cursors=cursors,
                                                                 limit=10000), "e")
            for page in answer.buckets:
                seen.update(c.id for c in page.changes)
                cursors[page.bucket] = page.next_cursor
            if finished:
                return

    reader = threading.Thread(target=read)
    reader.start()
    threads = [threading.Thread(target=push, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    reader.join()
    assert len(created) == writers * per_writer
    assert created <= seen
