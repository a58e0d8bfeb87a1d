"""GET /sync/conflicts: the conflict log of the user's own buckets, paged, naming who wrote each value."""

from __future__ import annotations

from collections.abc import Callable

from app.store.models import Person
from app.store.writes import writing
from tests.sync.conftest import Desktop, Server


def _person_in(d: Desktop, grid_name: str) -> str:
    return str(d.scalar("SELECT p.id FROM people p JOIN org_nodes g ON g.id = p.grid_id "
                        "WHERE g.name = :n AND p.deleted = 0 ORDER BY p.id LIMIT 1", n=grid_name))


def _conflict(secretary: Desktop, worker: Desktop, pid: str, mine: str, theirs: str) -> None:
    """The secretary edits a phone offline, the worker edits it later: the secretary's value loses."""
    with writing(secretary.db) as w:
        w.update(Person, pid, {"phone": mine})
    with writing(worker.db) as w:
        w.update(Person, pid, {"phone": theirs})
    secretary.sync()
    assert worker.sync().conflicts == 1


def test_conflicts_are_scoped_to_the_users_grids_and_name_both_writers(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    one, two = desktop("one", "网格员一"), desktop("two", "网格员二")
    one.sync()
    two.sync()
    first, second = _person_in(one, "第一网格"), _person_in(two, "第二网格")
    _conflict(filled, one, first, "13900000001", "13900000002")
    _conflict(filled, two, second, "13900000003", "13900000004")

    page = one.client.conflicts()
    assert [(c.row_id, c.field, c.kept_value, c.lost_value) for c in page.conflicts] == [
        (first, "phone", "13900000002", "13900000001")]  # never the second grid's
    item = page.conflicts[0]
    assert (item.kept_by, item.lost_by, item.kind) == ("网格员一", "书记", "concurrent")
    assert item.kept_hlc > item.lost_hlc and page.total == 1 and not page.has_more
    assert [c.row_id for c in two.client.conflicts().conflicts] == [second]

    everything = filled.client.conflicts(limit=1)  # the secretary sees the whole community, a page at a time
    assert everything.has_more and everything.total == 2 and everything.conflicts[0].row_id == first
    rest = filled.client.conflicts(after=everything.next_after, limit=1)
    assert [c.row_id for c in rest.conflicts] == [second] and not rest.has_more and rest.total == 1


def test_conflicts_need_a_valid_token(server: Server) -> None:
    assert server.http.get("/sync/conflicts").status_code == 401
    forged = server.http.get("/sync/conflicts", headers={"Authorization": "Bearer forged"})
    assert forged.status_code == 401 and forged.json()["detail"]["code"] == "token_invalid"
