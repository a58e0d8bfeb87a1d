"""End-to-end rounds: an empty server filled by the secretary, a grid worker who sees only their grid."""

from __future__ import annotations

from collections.abc import Callable

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
