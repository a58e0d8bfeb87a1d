"""Faults on the way down and scope moves: a crash while applying a pull, a truncated or altered pull
answer, a building handed to another grid, a grid worker trying a secretary's step, a bad row in a
bulk-written push."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from app.domain import workflow as wf
from app.domain.ids import generate_id
from app.services.cases import CaseService
from app.store.models import Building, CaseEvent, House, Household, Person
from app.store.writes import writing
from sync.client import SyncClient, SyncError
from tests.sync.conftest import Desktop, Server


def _grid(d: Desktop, name: str) -> str:
    return str(d.scalar("SELECT id FROM org_nodes WHERE name = :n", n=name))


def _state(d: Desktop) -> tuple[Any, ...]:
    """What a pull may change on a desktop: its rows, its cursors, its outbox."""
    return (d.rows("SELECT id, phone, note FROM people ORDER BY id"), d.rows("SELECT id FROM households ORDER BY id"),
            d.rows("SELECT key, value FROM sync_state WHERE key LIKE 'cursor:%' ORDER BY key"),
            d.rows("SELECT device_seq, status FROM outbox ORDER BY device_seq"))


def _secretary_changes_grid_one(secretary: Desktop) -> tuple[str, str]:
    grid = _grid(secretary, "第一网格")
    pid = str(secretary.scalar("SELECT id FROM people WHERE grid_id = :g AND deleted = 0 ORDER BY id LIMIT 1", g=grid))
    with writing(secretary.db) as w:
        w.update(Person, pid, {"note": "书记新写的备注"})
        hid = w.insert(Household, {"grid_id": grid, "registration": "户籍户"})
    assert secretary.sync().rejected == 0
    return pid, hid


def test_killed_between_applying_a_pull_and_saving_its_cursor_applies_nothing_then_completes(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop],
        monkeypatch: pytest.MonkeyPatch) -> None:
    worker = desktop("worker", "网格员一")
    worker.sync()
    pid, hid = _secretary_changes_grid_one(filled)
    before = _state(worker)

    def killed(*_args: Any) -> None:  # the process dies after the rows were written, before the commit
        raise KeyboardInterrupt

    monkeypatch.setattr(SyncClient, "_receive_clock", killed)
    with pytest.raises(KeyboardInterrupt):
        worker.sync()
    assert _state(worker) == before  # nothing applied, no cursor moved
    monkeypatch.undo()
    result = worker.sync()
    assert result.pulled >= 2 and result.rejected == 0
    assert worker.scalar("SELECT note FROM people WHERE id = :i", i=pid) == "书记新写的备注"
    assert worker.scalar("SELECT count(*) FROM households WHERE id = :h", h=hid) == 1
    grid = _grid(worker, "第一网格")
    for table in ("people", "households", "cases"):
        assert worker.scalar(f"SELECT count(*) FROM {table}") == \
            server.scalar(f"SELECT count(*) FROM {table} WHERE grid_id = :g", g=grid)
    assert worker.sync().pulled == 0  # and nothing comes twice


class CorruptsPull:
    """Hands the client a damaged pull answer: cut short, or with a row changed after it was summed."""

    def __init__(self, http: Any, how: str):
        self.http, self.how = http, how

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        response = self.http.post(path, **kwargs)
        if path != "/sync/pull":
            return response
        if self.how == "truncated":
            return httpx.Response(200, content=response.content[: len(response.content) // 2],
                                  headers={"content-type": "application/json"})
        body = response.json()
        page = next(p for p in body["buckets"] if p["changes"])
        page["changes"][0]["row"]["hlc"] = "9" * 13 + page["changes"][0]["row"]["hlc"][13:]
        return httpx.Response(200, json=body)


@pytest.mark.parametrize("how, code", [("truncated", "truncated"), ("altered", "checksum")])
def test_a_damaged_pull_answer_writes_nothing_and_keeps_the_outbox(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop], how: str, code: str) -> None:
    worker = desktop("worker", "网格员一")
    worker.sync()
    pid, hid = _secretary_changes_grid_one(filled)
    mine = str(worker.scalar("SELECT id FROM people WHERE id <> :p AND deleted = 0 ORDER BY id LIMIT 1", p=pid))
    with writing(worker.db) as w:
        w.update(Person, mine, {"phone": "13600000006"})
    worker.client.http = CorruptsPull(server.http, how)
    outbox = worker.scalar("SELECT count(*) FROM outbox")
    with pytest.raises(SyncError) as failed:
        worker.sync()
    assert failed.value.code == code
    assert worker.scalar("SELECT note FROM people WHERE id = :i", i=pid) != "书记新写的备注"
    assert worker.scalar("SELECT count(*) FROM households WHERE id = :h", h=hid) == 0
    assert worker.scalar("SELECT count(*) FROM outbox") == outbox  # nothing discarded
    assert worker.scalar("SELECT phone FROM people WHERE id = :i", i=mine) == "13600000006"
    worker.client.http = server.http
    assert worker.sync().rejected == 0
    assert worker.scalar("SELECT note FROM people WHERE id = :i", i=pid) == "书记新写的备注"
    assert server.scalar("SELECT phone FROM people WHERE id = :i", i=mine) == "13600000006"


def test_a_building_moved_to_another_grid_leaves_the_old_workers_desktop_and_reaches_the_new(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    first, second = desktop("first", "网格员一"), desktop("second", "网格员二")
    first.sync()
    second.sync()
    old, new = _grid(filled, "第一网格"), _grid(filled, "第二网格")
    building = str(filled.scalar("SELECT id FROM buildings WHERE grid_id = :g ORDER BY id LIMIT 1", g=old))
    assert first.scalar("SELECT count(*) FROM buildings WHERE id = :b", b=building) == 1
    assert second.scalar("SELECT count(*) FROM buildings WHERE id = :b", b=building) == 0
    with writing(filled.db) as w:
        w.update(Building, building, {"grid_id": new})
    assert filled.sync().rejected == 0
    first.sync()
    second.sync()
    assert first.scalar("SELECT count(*) FROM buildings WHERE id = :b", b=building) == 0
    assert second.rows("SELECT grid_id FROM buildings WHERE id = :b", b=building) == [(new,)]
    assert first.scalar("SELECT count(*) FROM buildings WHERE grid_id <> :g", g=old) == 0


def test_a_household_typed_offline_survives_its_grid_leaving_the_scope(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    worker = desktop("worker", "网格员一")
    worker.sync()
    old = _grid(worker, "第一网格")
    with writing(worker.db) as w:  # registered offline …
        hid = w.insert(Household, {"grid_id": old, "registration": "户籍户", "note": "离线新登记"})
    server.user("网格员一", "grid-worker", "幸福里社区/第二网格")  # … while the office hands the grid over
    result = worker.sync()
    assert result.rejected == 1  # the insert is refused: the grid is no longer theirs
    assert worker.scalar("SELECT count(*) FROM people WHERE grid_id = :g", g=old) == 0  # the old grid left
    # the refused row stays, with its values, until it can be resubmitted (nothing typed is lost)
    assert worker.rows("SELECT note FROM households WHERE id = :h", h=hid) == [("离线新登记",)]
    assert worker.scalar("SELECT status FROM outbox WHERE row_id = :h", h=hid) == "rejected"


@pytest.mark.parametrize("page", [500, 1])
def test_a_building_moved_between_two_grids_the_desktop_reads_stays_on_it(
        server: Server, filled: Desktop, page: int) -> None:
    """The old grid's "gone" and the new grid's row reach the secretary in either order, in one answer or
    two: the building is kept (found by the state machine in tests/sync/test_state_machine.py)."""
    filled.client.page = page
    one, two = _grid(filled, "第一网格"), _grid(filled, "第二网格")
    building = str(filled.scalar("SELECT id FROM buildings WHERE grid_id = :g ORDER BY id LIMIT 1", g=one))
    for target in (two, one):  # there and back: each direction puts the two buckets in the other order
        with writing(filled.db) as w:
            w.update(Building, building, {"grid_id": target})
        assert filled.sync().rejected == 0
        assert filled.rows("SELECT grid_id FROM buildings WHERE id = :b", b=building) == [(target,)]


def test_an_id_number_registered_again_reaching_a_desktop_before_the_old_holders_deletion_does_not_stop_its_pulls(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    """The old holder (deleted in a later bucket) makes room on the desktop, pulled one change a page."""
    other = desktop("other", "书记")
    other.sync()
    first, second = sorted(str(r[0]) for r in other.rows("SELECT id FROM org_nodes WHERE level = 'grid'"))[:2]
    number = generate_id(random.Random(5), "110105", date(1950, 1, 2), True)
    with writing(other.db) as w:
        old = w.insert(Person, {"grid_id": second, "name": "测试甲", "id_number": number})
    other.sync()
    filled.sync()
    with writing(other.db) as w:
        w.delete(Person, old)
        new = w.insert(Person, {"grid_id": first, "name": "测试乙", "id_number": number})
    other.sync()
    filled.client.page = 1
    assert filled.sync().rejected == 0
    who = "SELECT id, deleted FROM people WHERE id_number = :n ORDER BY id"
    assert filled.rows(who, n=number) == server.rows(who, n=number)
    assert filled.scalar("SELECT id FROM people WHERE id_number = :n AND deleted = 0", n=number) == new


def test_a_grid_worker_cannot_take_a_secretarys_step_on_the_desktop_or_the_server(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    worker = desktop("worker", "网格员一")
    worker.sync()
    grid = _grid(worker, "第一网格")
    case_id, state = worker.rows("SELECT id, state FROM cases WHERE grid_id = :g AND state IN ('reported', 'handled') "
                                 "ORDER BY id LIMIT 1", g=grid)[0]
    action = {"reported": "dispatch", "handled": "close"}[state]
    with pytest.raises(wf.WorkflowError, match="网格员不能"):  # the desktop refuses it …
        wf.check(state, action, wf.GRID_WORKER, {"handler": "物业", "deadline": date(2099, 1, 1), "rating": 5},
                 today=date(2026, 1, 5))
    with writing(worker.db) as w:  # … and a crafted (or outdated) desktop that records it anyway is refused
        event = w.insert(CaseEvent, {"grid_id": grid, "case_id": case_id, "action": action, "from_state": state,
                                     "to_state": wf.next_state(state, action), "actor_name": "网格员一",
                                     "actor_role": "secretary", "at": datetime(2026, 1, 5, 9, 0),
                                     "data": {"handler": "物业", "deadline": "2099-01-01", "rating": 5}})
    result = worker.sync()
    assert result.rejected == 1 and "网格员不能" in result.rejects[0]["reason"]
    assert server.scalar("SELECT count(*) FROM case_events WHERE id = :e", e=event) == 0
    assert server.scalar("SELECT state FROM cases WHERE id = :c", c=case_id) == state
    assert worker.scalar("SELECT status FROM outbox WHERE row_id = :e", e=event) == "rejected"
    # On the desktop the refused step stays visible in the timeline but does not move the case.
    detail = CaseService(worker.db).detail(case_id)
    assert detail.row.state == state
    [entry] = [t for t in detail.timeline if t.event_id == event]
    assert entry.flag and entry.flag.startswith("服务器拒绝了这一步") and "网格员不能" in entry.flag
    assert CaseService(worker.db).refold([case_id]) == 0  # the cached state is not moved by it either


def test_a_bad_row_in_a_bulk_written_push_rejects_only_that_row(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    worker = desktop("worker", "网格员一")
    worker.sync()
    grid = _grid(worker, "第一网格")
    pid = str(worker.scalar("SELECT id FROM people WHERE deleted = 0 ORDER BY id LIMIT 1"))
    building = str(worker.scalar("SELECT id FROM buildings WHERE grid_id = :g LIMIT 1", g=grid))
    with writing(worker.db) as w:
        good = w.insert(Household, {"grid_id": grid, "registration": "户籍户"})
        w.update(Person, pid, {"note": "与坏行同批"})
        house = w.insert(House, {"grid_id": grid, "building_id": building, "room": "9901"})
        bad = w.insert(Household, {"grid_id": grid, "registration": "户籍户", "house_id": house})
        w.update(Household, good, {"contact_phone": "13500000005"})
    with worker.db.engine.begin() as conn:  # a damaged outbox: the house never reaches the server
        conn.execute(text("DELETE FROM outbox WHERE row_id = :h"), {"h": house})
    result = worker.sync()
    assert result.rejected == 1 and result.rejects[0]["row_id"] == bad
    assert server.rows("SELECT contact_phone FROM households WHERE id = :h", h=good) == [("13500000005",)]
    assert server.scalar("SELECT note FROM people WHERE id = :i", i=pid) == "与坏行同批"
    assert server.scalar("SELECT count(*) FROM households WHERE id = :h", h=bad) == 0
    assert result.pushed == 4
