"""A push of many batches: the next batch is built while the server works on the current one, and every
outbox entry still reaches the server exactly once, in order, whatever the batches hold. A run of ops
written in bulk (COPY on PostgreSQL) that the database refuses is applied again op by op."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from app.domain.ids import generate_id
from app.services.demo import generate_demo
from app.store.models import Household, Person
from app.store.writes import writing
from sync.protocol import Op
from sync.server.models import ServerUser
from sync.server.push import Pusher
from sync.server.scope import Scope
from tests.sync.conftest import Desktop, Server


def test_a_community_pushed_in_small_batches_arrives_whole(
        server: Server, desktop: Callable[[str, str], Desktop]) -> None:
    secretary = desktop("secretary", "书记")
    generate_demo(secretary.db, seed=3, households=30)
    secretary.client.batch = 37  # many batches, boundaries falling between parents and children
    queued = secretary.scalar("SELECT count(*) FROM outbox")
    result = secretary.sync()
    assert result.rejected == 0, result.rejects
    assert result.pushed == queued
    assert secretary.scalar("SELECT count(*) FROM outbox WHERE status != 'sent'") == 0
    for table in ("org_nodes", "households", "people", "cases", "case_events"):
        assert server.scalar(f"SELECT count(*) FROM {table}") == secretary.scalar(f"SELECT count(*) FROM {table}")
    assert server.scalar("SELECT count(*) FROM applied_ops") == queued


def test_a_duplicate_merged_in_one_batch_is_followed_by_the_next_batches(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    worker = desktop("worker", "网格员一")
    worker.sync()
    worker.client.batch = 1  # the merge is answered before the batch that points at the duplicate is sent
    grid, household = worker.rows("SELECT grid_id, id FROM households WHERE deleted = 0 ORDER BY id LIMIT 1")[0]
    number = generate_id(random.Random(7), "110101", date(1948, 5, 6), False)
    with writing(filled.db) as w:
        first = w.insert(Person, {"grid_id": grid, "household_id": household, "name": "钱测试", "id_number": number})
    with writing(worker.db) as w:
        second = w.insert(Person, {"grid_id": grid, "household_id": household, "name": "钱测试",
                                   "id_number": number, "phone": "13800000007"})
        w.update(Household, household, {"head_person_id": second})
        w.update(Person, second, {"note": "合并后仍然生效"})
    filled.sync()
    result = worker.sync()
    assert (result.pushed, result.merged, result.rejected) == (3, 1, 0), result.rejects
    filled.sync()
    for d in (filled, worker):
        assert d.rows("SELECT id, phone, note FROM people WHERE id_number = :n", n=number) == [
            (first, "13800000007", "合并后仍然生效")]
        assert d.scalar("SELECT head_person_id FROM households WHERE id = :h", h=household) == first
        assert d.scalar("SELECT count(*) FROM outbox WHERE status = 'pending'") == 0


def test_a_bad_op_in_a_bulk_written_run_rejects_only_itself(server: Server, filled: Desktop) -> None:
    grid = str(filled.scalar("SELECT id FROM org_nodes WHERE name = '第一网格'"))
    with server.db.session() as s:
        user = s.execute(select(ServerUser).where(ServerUser.name == "书记")).scalar_one()
        stamp = f"{2:013d}-0000-00000000000a"

        def household(n: int) -> Op:
            return Op(device_seq=n, table="households", row_id=f"0190bbbb-0000-7000-8000-{n:012d}", kind="insert",
                      hlc=stamp, fields={"grid_id": grid, "registration": "户籍户"})

        orphan = Op(device_seq=2, table="people", row_id="0190bbbb-0000-7000-8000-999999999999", kind="insert",
                    hlc=stamp, fields={"grid_id": grid, "household_id": "0190bbbb-0000-7000-8000-000000000404",
                                       "name": "孤立的人"})
        results = Pusher(s, Scope.of(s, user), "device-bad").push([household(1), orphan, household(3)])
    assert [r.status for r in results] == ["applied", "rejected", "applied"]
    assert "数据不完整" in (results[1].reason or "")
    for n in (1, 3):
        row = f"0190bbbb-0000-7000-8000-{n:012d}"
        assert server.scalar("SELECT count(*) FROM households WHERE id = :i", i=row) == 1
        assert server.scalar("SELECT count(*) FROM sync_changes WHERE row_id = :i", i=row) == 1
    assert server.scalar("SELECT count(*) FROM people WHERE id = :i", i=orphan.row_id) == 0
    assert server.scalar("SELECT count(*) FROM applied_ops WHERE device_id = 'device-bad'") == 3
