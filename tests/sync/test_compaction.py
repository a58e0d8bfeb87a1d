"""Compacting the server's change log and must_refetch: a desktop that was away while rows were deleted
and the log compacted downloads its bucket again, loses the deleted rows and keeps everything of its own."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app.cli import main
from app.services.demo import generate_demo
from app.store.db import Database
from app.store.models import SYNCED_MODELS, Building, Household, Membership, Person, PersonTag
from app.store.writes import writing
from sync.client import SyncError
from sync.rows import bucket_of, in_bucket
from sync.server.compaction import Compaction, compact
from tests.sync.conftest import Desktop, Server


@pytest.fixture
def filled(server: Server, desktop: Callable[[str, str], Desktop]) -> Desktop:
    """The secretary's desktop with a small demo community pushed to the empty server (smaller than the
    shared fixture's: these tests need a handful of rows per grid, and each fills its own server)."""
    secretary = desktop("secretary", "书记")
    generate_demo(secretary.db, seed=3, households=16)
    assert secretary.sync().rejected == 0
    return secretary


def _grid(d: Desktop, name: str) -> str:
    return str(d.scalar("SELECT id FROM org_nodes WHERE name = :n", n=name))


def _compact_now(server: Server) -> Compaction:
    """Compact everything deleted or moved until now (the stamps of this test are milliseconds old)."""
    return compact(server.db, 0, now_ms=time.time_ns() // 1_000_000 + 1000)


def _leaf_person(d: Desktop, grid: str, nth: int = 0) -> tuple[str, list[str], list[str]]:
    """A person of ``grid`` only memberships and tag links point at: (person, memberships, tag links)."""
    person = str(d.scalar(
        "SELECT p.id FROM people p WHERE p.grid_id = :g AND p.deleted = :no"
        " AND NOT EXISTS (SELECT 1 FROM households h WHERE h.head_person_id = p.id)"
        " AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.person_id = p.id)"
        " AND NOT EXISTS (SELECT 1 FROM case_parties c WHERE c.person_id = p.id) ORDER BY p.id LIMIT 1 OFFSET :n",
        g=grid, no=False, n=nth))
    memberships = [r[0] for r in d.rows("SELECT id FROM memberships WHERE person_id = :p", p=person)]
    tags = [r[0] for r in d.rows("SELECT id FROM person_tags WHERE person_id = :p", p=person)]
    return person, memberships, tags


def _delete_person(d: Desktop, person: tuple[str, list[str], list[str]]) -> None:
    pid, memberships, tags = person
    with writing(d.db) as w:
        for mid in memberships:
            w.delete(Membership, mid)
        for tid in tags:
            w.delete(PersonTag, tid)
        w.delete(Person, pid)
    assert d.sync().rejected == 0


def _ids(d: Desktop | Server, table: str, grid: str) -> set[str]:
    return {r[0] for r in d.rows(f"SELECT id FROM {table} WHERE grid_id = :g", g=grid)}


class FailsPull:
    """Passes requests through; the ``fail_at``-th pull is lost on the way (the network dropped)."""

    def __init__(self, http: Any, fail_at: int, before: Callable[[], None] | None = None):
        self.http, self.fail_at, self.pulls, self.before = http, fail_at, 0, before

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        if path == "/sync/pull":
            self.pulls += 1
            if self.pulls == 1 and self.before:
                self.before()
            if self.pulls == self.fail_at:
                raise httpx.ReadError("connection reset")
        return self.http.post(path, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.http, name)


def test_a_desktop_away_during_deletes_and_compaction_drops_them_and_keeps_its_own_work(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    worker = desktop("worker", "网格员一")
    worker.client.page = 15  # the new download takes several pages, their cursors below the horizon
    worker.sync()
    grid, other = _grid(worker, "第一网格"), _grid(filled, "第二网格")
    person, edited_person = _leaf_person(worker, grid), _leaf_person(worker, grid, 1)
    building = str(worker.scalar("SELECT id FROM buildings WHERE grid_id = :g ORDER BY id LIMIT 1", g=grid))
    edited = str(worker.scalar("SELECT id FROM households WHERE grid_id = :g ORDER BY id LIMIT 1", g=grid))
    # Offline: the worker edits a household, registers a new one, and edits a person about to be deleted.
    with writing(worker.db) as w:
        w.update(Household, edited, {"contact_phone": "13700000001"})
        created = w.insert(Household, {"grid_id": grid, "registration": "流动人口"})
        w.update(Person, edited_person[0], {"phone": "13700000002"})
    outbox = worker.rows("SELECT device_seq, fields FROM outbox ORDER BY device_seq")
    # Meanwhile the secretary deletes both people (with their links) and moves a building to another grid.
    _delete_person(filled, person)
    _delete_person(filled, edited_person)
    with writing(filled.db) as w:
        w.update(Building, building, {"grid_id": other})
    assert filled.sync().rejected == 0
    report = _compact_now(server)
    assert report.tombstones["people"] == 2 and report.markers >= 1
    assert grid in report.horizons
    assert server.scalar("SELECT count(*) FROM people WHERE id = :p", p=person[0]) == 0
    assert server.scalar("SELECT count(*) FROM sync_changes WHERE row_id = :b AND bucket = :g", b=building, g=grid) == 0

    result = worker.sync()
    assert result.refetched == [grid]
    # What was deleted or moved away is gone from the desktop …
    for pid, memberships, tags in (person, edited_person):
        assert worker.scalar("SELECT count(*) FROM people WHERE id = :p", p=pid) == 0
        assert not _ids(worker, "memberships", grid) & set(memberships)
        assert not _ids(worker, "person_tags", grid) & set(tags)
    assert worker.scalar("SELECT count(*) FROM buildings WHERE id = :b", b=building) == 0
    # … what it typed offline reached the server and stayed here; its edit of the deleted person was
    # refused with a reason and kept in the outbox with its value; no outbox entry was discarded.
    assert server.scalar("SELECT contact_phone FROM households WHERE id = :h", h=edited) == "13700000001"
    assert worker.scalar("SELECT contact_phone FROM households WHERE id = :h", h=edited) == "13700000001"
    assert server.scalar("SELECT count(*) FROM households WHERE id = :h", h=created) == 1
    assert worker.scalar("SELECT count(*) FROM households WHERE id = :h", h=created) == 1
    assert worker.rows("SELECT device_seq, fields FROM outbox ORDER BY device_seq") == outbox
    refused = worker.rows("SELECT status, reason FROM outbox WHERE row_id = :p", p=edited_person[0])
    assert refused[0][0] == "rejected" and "服务器上没有这条记录" in refused[0][1]
    # The desktop holds exactly the server's rows of its grid now, and the next round has nothing to redo.
    for table in ("people", "households", "memberships", "person_tags", "buildings", "houses"):
        assert _ids(worker, table, grid) == _ids(server, table, grid), table
    again = worker.sync()
    assert (again.refetched, again.pulled, again.pushed) == ([], 0, 0)



def test_rows_edited_while_the_bucket_downloads_again_survive_and_are_sent_next_round(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    worker = desktop("worker", "网格员一")
    worker.sync()
    grid = _grid(worker, "第一网格")
    # A person registered here whom the server refused (the ID number belongs to someone in another grid):
    # the row is the only copy of what was typed, so no download may remove it.
    taken = filled.scalar("SELECT id_number FROM people WHERE grid_id <> :g AND id_number IS NOT NULL LIMIT 1", g=grid)
    with writing(worker.db) as w:
        refused = w.insert(Person, {"grid_id": grid, "name": "测试重号", "id_number": taken})
    assert worker.sync().rejected == 1
    person = _leaf_person(worker, grid)
    _delete_person(filled, person)
    _compact_now(server)
    added: list[str] = []

    def edit_meanwhile() -> None:  # the user keeps working while the round runs in the background
        with writing(worker.db) as w:
            w.update(Person, person[0], {"phone": "13700000003"})
            added.append(w.insert(Household, {"grid_id": grid, "registration": "户籍户"}))

    worker.client.http = FailsPull(server.http, fail_at=0, before=edit_meanwhile)
    assert worker.sync().refetched == [grid]
    # The server no longer has the person, but the edit waiting to be sent keeps it here, and the new
    # household the server has never seen stays too.
    assert worker.scalar("SELECT phone FROM people WHERE id = :p", p=person[0]) == "13700000003"
    assert worker.scalar("SELECT count(*) FROM households WHERE id = :h", h=added[0]) == 1
    assert worker.scalar("SELECT count(*) FROM outbox WHERE status = 'pending'") == 2
    assert worker.scalar("SELECT name FROM people WHERE id = :p", p=refused) == "测试重号"
    result = worker.sync()
    assert result.pushed == 2 and result.rejected == 1 and result.rejects[0]["row_id"] == person[0]
    assert server.scalar("SELECT count(*) FROM households WHERE id = :h", h=added[0]) == 1
    assert worker.rows("SELECT status, fields FROM outbox WHERE row_id = :p", p=person[0]) == [
        ("rejected", '{"phone": "13700000003"}')]


def test_a_desktop_that_saw_the_deletes_is_not_asked_to_download_again(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    worker = desktop("worker", "网格员一")
    worker.sync()
    grid = _grid(worker, "第一网格")
    _delete_person(filled, _leaf_person(worker, grid))
    assert worker.sync().pulled > 0  # its cursor is now above everything the compaction will purge
    assert grid in _compact_now(server).horizons
    again = worker.sync()
    assert (again.refetched, again.pulled) == ([], 0)
    # A new desktop downloads from the start in small pages, its cursors below the horizon on the way:
    # it goes on to the end instead of being sent back to the start.
    fresh = desktop("fresh", "网格员一")
    fresh.client.page = 10
    first = fresh.sync()
    assert first.refetched == [] and first.pulled > 10
    for table in ("people", "households", "memberships", "buildings"):
        assert _ids(fresh, table, grid) == _ids(server, table, grid), table


def test_an_interrupted_download_goes_on_next_round_and_then_removes_what_the_server_dropped(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop]) -> None:
    worker = desktop("worker", "网格员一")
    worker.client.page = 10
    worker.sync()
    grid = _grid(worker, "第一网格")
    person = _leaf_person(worker, grid)
    _delete_person(filled, person)
    _compact_now(server)
    worker.client.http = FailsPull(server.http, fail_at=3)  # the answer to must_refetch, one page, then offline
    with pytest.raises(SyncError, match="无法连接"):
        worker.sync()
    assert worker.scalar("SELECT count(*) FROM people WHERE id = :p", p=person[0]) == 1  # not complete yet
    worker.client.http = server.http
    result = worker.sync()
    assert result.refetched == []  # it went on where it stopped
    assert worker.scalar("SELECT count(*) FROM people WHERE id = :p", p=person[0]) == 0
    assert _ids(worker, "people", grid) == _ids(server, "people", grid)


def test_server_compact_command(server: Server, filled: Desktop, capsys: pytest.CaptureFixture[str]) -> None:
    url = server.db.url
    assert main(["server", "compact", "--db-url", url, "--older-than-days", "-1"]) == 2
    assert "--older-than-days" in capsys.readouterr().err
    assert main(["server", "compact", "--db-url", url, "--json"]) == 0  # default: 30 days, nothing that old
    assert json.loads(capsys.readouterr().out) == {"ok": True, "older_than_days": 30, "tombstones": {},
                                                   "markers": 0, "horizons": {}}
    grid = _grid(filled, "第一网格")
    household = str(filled.scalar("SELECT household_id FROM people WHERE grid_id = :g AND household_id IS NOT NULL"
                                  " ORDER BY id LIMIT 1", g=grid))
    tag = str(filled.scalar("SELECT id FROM person_tags WHERE grid_id = :g ORDER BY id LIMIT 1", g=grid))
    with writing(filled.db) as w:
        w.delete(Household, household)  # its people still point at it: its tombstone must stay
        w.delete(PersonTag, tag)
    assert filled.sync().rejected == 0
    assert main(["server", "compact", "--db-url", url, "--older-than-days", "0", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["tombstones"] == {"person_tags": 1} and doc["markers"] == 0 and list(doc["horizons"]) == [grid]
    assert server.rows("SELECT deleted FROM households WHERE id = :h", h=household) == [(True,)]
    assert server.scalar("SELECT count(*) FROM person_tags WHERE id = :t", t=tag) == 0
    assert main(["server", "compact", "--db-url", url, "--older-than-days", "0"]) == 0
    assert "没有 0 天前删除或迁出的记录需要清理" in capsys.readouterr().out


def test_the_sql_bucket_rule_matches_the_one_rows_are_sent_by(tmp_path: Path) -> None:
    """A refetch removes rows by the SQL form of the bucket rule; it must pick exactly the rows the server
    sends in that bucket."""
    db = Database(tmp_path / "demo.sqlite")
    generate_demo(db, seed=3, households=40)
    with db.session() as session:
        for model in SYNCED_MODELS:
            table = model.__table__  # type: ignore[attr-defined]
            rows = session.execute(select(table)).mappings().all()
            buckets = {bucket_of(table.name, row) for row in rows}
            for bucket in buckets:
                chosen = set(session.execute(select(table.c.id).where(in_bucket(table, bucket))).scalars())
                assert chosen == {row["id"] for row in rows if bucket_of(table.name, row) == bucket}, table.name
    db.close()


def test_the_desktop_status_tells_when_a_round_downloaded_areas_again(tmp_path: Path) -> None:
    from app.services.sync_status import load_status, record_success
    from app.ui.sync.state import IDLE, SyncState

    db = Database(tmp_path / "desk.sqlite")
    record_success(db, 0, None, datetime(2026, 1, 5, 9, 0), refetched=2)
    assert "重新下载了 2 个分区" in SyncState(IDLE, load_status(db), reviewer=False).tooltip
    record_success(db, 0, None, datetime(2026, 1, 5, 9, 5))
    assert "重新下载" not in SyncState(IDLE, load_status(db), reviewer=False).tooltip
    db.close()
