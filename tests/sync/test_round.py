"""End-to-end rounds: an empty server filled by the secretary, a grid worker who sees only their grid."""

from __future__ import annotations

from collections.abc import Callable

from app.store.models import Person
from app.store.writes import writing
from tests.sync.conftest import Desktop, Server

SYNCED_COUNT = "SELECT count(*) FROM {t}"


def test_secretary_fills_empty_server_and_worker_pulls_only_own_grid(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    pushed_people = filled.scalar("SELECT count(*) FROM people")
    assert server.scalar("SELECT count(*) FROM people") == pushed_people
    assert server.scalar("SELECT count(*) FROM org_nodes") == 6
    assert filled.scalar("SELECT count(*) FROM outbox WHERE status = 'pending'") == 0

    worker = desktop("worker", "网格员一")
    result = worker.sync()
    grid = worker.scalar("SELECT id FROM org_nodes WHERE name = '第一网格'")
    assert result.pulled > 0 and result.rejected == 0
    own = server.scalar("SELECT count(*) FROM people WHERE grid_id = :g", g=grid)
    assert own and worker.scalar("SELECT count(*) FROM people") == own
    assert worker.scalar("SELECT count(*) FROM people WHERE grid_id <> :g", g=grid) == 0
    assert worker.scalar("SELECT count(*) FROM households WHERE grid_id <> :g", g=grid) == 0
    # The shared rows come with it: the org tree down to their own grid, the community's estates, the tags.
    assert {r[0] for r in worker.rows("SELECT name FROM org_nodes")} == {"明川区", "望湖街道", "幸福里社区", "第一网格"}
    assert worker.scalar("SELECT count(*) FROM estates") == filled.scalar("SELECT count(*) FROM estates")
    assert worker.scalar("SELECT count(*) FROM tag_types") == filled.scalar("SELECT count(*) FROM tag_types")
    # A second round brings nothing new and sends nothing.
    again = worker.sync()
    assert (again.pulled, again.pushed) == (0, 0)


def test_a_round_counts_only_what_changed_here_not_the_echo_of_its_own_uploads(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    worker = desktop("worker", "网格员一")
    worker.sync()
    grid = worker.scalar("SELECT id FROM org_nodes WHERE name = '第一网格'")
    mine, other = [r[0] for r in worker.rows(
        "SELECT id FROM people WHERE grid_id = :g AND deleted = 0 ORDER BY id LIMIT 2", g=grid)]
    with writing(worker.db) as w:
        w.update(Person, mine, {"phone": "13900000011"})
    own = worker.sync()
    assert own.pushed == 1 and own.pulled >= 1 and own.changed == 0  # only its own edit came back
    with writing(filled.db) as w:
        w.update(Person, other, {"phone": "13900000012"})
    filled.sync()
    theirs = worker.sync()
    assert theirs.changed == 1 and worker.scalar("SELECT phone FROM people WHERE id = :i", i=other) == "13900000012"
