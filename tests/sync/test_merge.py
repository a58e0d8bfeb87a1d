"""Merging on the server: per-field last writer wins with the loser logged, deletes win, one person per
ID number, concurrent case transitions kept and flagged."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import date, datetime

from app.domain.ids import generate_id
from app.services.cases import Actor, CaseService
from app.store.models import CaseEvent, Household, Person
from app.store.writes import writing
from sync.client import RoundResult
from tests.sync.conftest import Desktop, Server


def _person_in(d: Desktop, grid_name: str) -> str:
    return str(d.scalar("SELECT p.id FROM people p JOIN org_nodes g ON g.id = p.grid_id "
                        "WHERE g.name = :n AND p.deleted = 0 ORDER BY p.id LIMIT 1", n=grid_name))


def test_concurrent_edits_merge_per_field_and_the_loser_is_logged(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    worker = desktop("worker", "网格员一")
    worker.sync()
    pid = _person_in(worker, "第一网格")
    with writing(filled.db) as w:  # the secretary edits phone and note offline …
        w.update(Person, pid, {"phone": "13900000001", "note": "书记的备注"})
    with writing(worker.db) as w:  # … the worker edits the phone later, and the employment
        w.update(Person, pid, {"phone": "13900000002", "employment": "退休"})
    assert filled.sync().conflicts == 0
    result = worker.sync()
    assert result.conflicts == 1 and result.rejected == 0
    filled.sync()
    for d in (filled, worker):
        assert d.rows("SELECT phone, note, employment FROM people WHERE id = :i", i=pid) == [
            ("13900000002", "书记的备注", "退休")]
    assert server.conflicts(pid) == [("concurrent", "phone", "13900000002", "13900000001")]


def test_delete_wins_and_the_later_edit_is_logged(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    worker = desktop("worker", "网格员一")
    worker.sync()
    pid = _person_in(worker, "第一网格")
    with writing(worker.db) as w:
        w.update(Person, pid, {"note": "走访时更新"})
    with writing(filled.db) as w:
        w.delete(Person, pid)
    filled.sync()
    assert worker.sync().conflicts == 1
    filled.sync()
    for d in (filled, worker):
        assert d.scalar("SELECT deleted FROM people WHERE id = :i", i=pid) in (1, True)
    assert server.conflicts(pid) == [("deleted", "note", None, "走访时更新")]


def _synced_worker(desktop: Callable[[str, str], Desktop]) -> tuple[Desktop, str, str]:
    """The grid worker's desktop after its first sync, and a grid and household it holds."""
    worker = desktop("worker", "网格员一")
    worker.sync()
    grid, household = worker.rows("SELECT grid_id, id FROM households WHERE deleted = 0 ORDER BY id LIMIT 1")[0]
    return worker, grid, household


def test_same_id_number_created_on_two_desktops_ends_as_one_person(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    worker, grid, household = _synced_worker(desktop)
    number = generate_id(random.Random(99), "110101", date(1950, 3, 4), True)
    with writing(filled.db) as w:
        first = w.insert(Person, {"grid_id": grid, "household_id": household, "name": "赵测试", "id_number": number})
    with writing(worker.db) as w:
        second = w.insert(Person, {"grid_id": grid, "household_id": household, "name": "赵测试",
                                   "id_number": number, "phone": "13800000009"})
        w.update(Household, household, {"head_person_id": second})
    filled.sync()
    result = worker.sync()
    assert result.merged >= 1 and result.rejected == 0
    filled.sync()
    for d in (filled, worker):
        assert d.rows("SELECT id, phone FROM people WHERE id_number = :n", n=number) == [(first, "13800000009")]
        assert d.scalar("SELECT head_person_id FROM households WHERE id = :h", h=household) == first
    assert server.scalar("SELECT count(*) FROM people WHERE id_number = :n", n=number) == 1
    assert server.scalar("SELECT new_id FROM id_aliases WHERE old_id = :o", o=second) == first
    assert server.scalar("SELECT count(*) FROM conflict_log WHERE kind = 'duplicate' AND row_id = :i", i=first) >= 1


def test_a_person_registered_twice_whose_twin_is_pulled_before_the_push_ends_as_one_person(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    """The pull leaves the twin out while the desktop's own registration is not pushed yet (instead of
    failing on the ID number), the push merges them, and the server's row comes back (found by
    tests/sync/test_state_machine.py)."""
    worker, grid, household = _synced_worker(desktop)
    number = generate_id(random.Random(98), "110101", date(1951, 6, 7), False)
    with writing(filled.db) as w:
        first = w.insert(Person, {"grid_id": grid, "household_id": household, "name": "钱测试", "id_number": number})
    filled.sync()
    with writing(worker.db) as w:
        w.insert(Person, {"grid_id": grid, "household_id": household, "name": "钱测试", "id_number": number})
    worker.client.login()
    worker.client.pull(RoundResult())
    assert worker.sync().merged == 1
    who = "SELECT id, name, phone, hlc FROM people WHERE id_number = :n"
    assert worker.rows(who, n=number) == server.rows(who, n=number) == filled.rows(who, n=number)
    assert worker.scalar("SELECT id FROM people WHERE id_number = :n", n=number) == first


def test_concurrent_case_transitions_are_both_kept_and_flagged(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    worker = desktop("worker", "网格员一")
    worker.sync()
    case_id, grid, state = worker.rows("SELECT id, grid_id, state FROM cases WHERE state = 'dispatched' "
                                       "ORDER BY id LIMIT 1")[0]
    at = datetime(2026, 1, 5, 9, 0)
    event = {"grid_id": grid, "case_id": case_id, "from_state": state, "actor_role": "grid_worker", "at": at}
    with writing(worker.db) as w:
        w.insert(CaseEvent, {**event, "action": "handle", "to_state": "handled", "actor_name": "网格员一",
                             "data": {"feedback": "已处理"}})
    with writing(filled.db) as w:
        w.insert(CaseEvent, {**event, "action": "withdraw", "to_state": "withdrawn", "actor_name": "书记",
                             "actor_role": "secretary", "data": {"reason": "重复上报"}})
    worker.sync()
    assert filled.sync().conflicts == 1
    worker.sync()
    assert server.scalar("SELECT count(*) FROM case_events WHERE case_id = :c", c=case_id) == \
        worker.scalar("SELECT count(*) FROM case_events WHERE case_id = :c", c=case_id) == \
        filled.scalar("SELECT count(*) FROM case_events WHERE case_id = :c", c=case_id)
    assert server.scalar("SELECT state FROM cases WHERE id = :c", c=case_id) == "handled"
    assert worker.scalar("SELECT state FROM cases WHERE id = :c", c=case_id) == "handled"
    assert server.scalar("SELECT count(*) FROM conflict_log WHERE kind = 'transition' AND row_id = :c", c=case_id) == 1


def test_a_case_step_pending_while_a_pull_brings_another_step_ends_in_the_servers_state(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    """The desktop's case state is a cache of the server's fold: a pull that arrives between a local step and
    its push must not leave the desktop on its own state when the server flags that step."""
    worker = desktop("worker", "网格员一")
    worker.sync()
    grid = str(worker.scalar("SELECT id FROM org_nodes WHERE name = '第一网格'"))
    case = str(worker.scalar("SELECT id FROM cases WHERE state = 'dispatched' AND grid_id = :g ORDER BY id LIMIT 1",
                             g=grid))
    CaseService(filled.db).act(case, "escalate", Actor("书记", "secretary"), data={"reason": "需街道协调"})
    filled.sync()
    CaseService(worker.db).act(case, "handle", Actor("网格员一", "grid_worker", (grid,)), data={"feedback": "已处理"})
    worker.client.login()
    worker.client.pull(RoundResult())  # e.g. the step was taken while a background round was between push and pull
    assert worker.sync().conflicts == 1  # the handling came after the escalation: kept and flagged
    assert _case_state(worker, case) == _case_state(server, case)
    assert _case_state(server, case)[0] == "escalated"


def test_a_desktop_whose_edit_lost_after_it_had_pulled_the_winner_gets_the_winner_back(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    """The pull kept the desktop's pending value; the push then lost: the server sends its row back, so the
    desktop does not keep the losing value (or its stamp) for good (found by tests/sync/test_state_machine.py)."""
    worker = desktop("worker", "网格员一")
    worker.sync()
    pid = _person_in(worker, "第一网格")
    with writing(worker.db) as w:
        w.update(Person, pid, {"note": "网格员先写", "political_status": "群众"})
    with writing(filled.db) as w:
        w.update(Person, pid, {"note": "书记后写", "political_status": "群众"})
    filled.sync()
    worker.client.login()
    worker.client.pull(RoundResult())
    assert worker.sync().conflicts == 1
    row = "SELECT note, political_status, field_hlc FROM people WHERE id = :i"
    (note, status, stamps), = worker.rows(row, i=pid)
    assert (note, status, _json(stamps)) == ("书记后写", "群众", _json(server.rows(row, i=pid)[0][2]))
    assert server.conflicts(pid) == [("concurrent", "note", "书记后写", "网格员先写")]


def _json(value: object) -> object:
    return json.loads(value) if isinstance(value, str) else value


def _case_state(d: Desktop | Server, case_id: str) -> tuple[str, str]:
    """A case's state and the stamp the state carries."""
    state, stamps = d.rows("SELECT state, field_hlc FROM cases WHERE id = :c", c=case_id)[0]
    return state, _json(stamps)["state"]  # type: ignore[index]



def test_two_desktops_deleting_one_person_end_with_the_servers_stamp_everywhere(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    """The worker deleted first but synced last, after pulling the secretary's deletion while its own was
    pending (found by the state machine in tests/sync/test_state_machine.py)."""
    worker = desktop("worker", "网格员一")
    worker.sync()
    pid = _person_in(worker, "第一网格")
    with writing(worker.db) as w:
        w.delete(Person, pid)
    filled.sync()
    with writing(filled.db) as w:
        w.delete(Person, pid)
    filled.sync()
    worker.client.login()
    worker.client.pull(RoundResult())  # the secretary's deletion arrives; the worker's own is still pending
    worker.sync()
    stamps = "SELECT deleted, hlc, field_hlc FROM people WHERE id = :p"
    server_row = [(bool(d), h, json.loads(f) if isinstance(f, str) else f) for d, h, f in server.rows(stamps, p=pid)]
    for side in (worker, filled):
        assert [(bool(d), h, json.loads(f)) for d, h, f in side.rows(stamps, p=pid)] == server_row
