"""A desktop that imports a ledger before it ever synced: its community, grid, estate, buildings, units,
houses and default tags are made afresh on this desktop; at its first sync they are the server's own rows
again (one row each, everywhere), and everything else it imported reaches the server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.services.importing.merge import ImportOptions
from app.services.importing.service import run_import, undo
from tests.importing.generated import generated_id, ledger
from tests.sync.conftest import COMMUNITY, Desktop, Server

ESTATE = "锦绣花园"
PLACES = ("org_nodes", "estates", "buildings", "units", "houses", "tag_types")
LIVING = "SELECT count(*) FROM {} WHERE deleted = :no"


def estate_ledger(path: Path, rows: list[list[object]]) -> Path:
    """A people ledger whose rows all live in ESTATE (a 小区 column in front)."""
    ledger(path, rows)
    book = load_workbook(path)
    sheet = book.active
    sheet.insert_cols(1)
    sheet["A1"] = "小区"
    for row in range(2, len(rows) + 2):
        sheet.cell(row, 1, ESTATE)
    book.save(path)
    return path


def living(side: Server | Desktop, table: str) -> int:
    return int(side.scalar(LIVING.format(table), no=False))  # type: ignore[arg-type]


def doubles(side: Server | Desktop) -> list[tuple[object, ...]]:
    """Places that are there twice (same parent and name)."""
    return [*side.rows("SELECT level, name FROM org_nodes WHERE deleted = :no GROUP BY level, name "
                       "HAVING count(*) > 1", no=False),
            *side.rows("SELECT name FROM estates WHERE deleted = :no GROUP BY name HAVING count(*) > 1", no=False),
            *side.rows("SELECT estate_id, name FROM buildings WHERE deleted = :no GROUP BY estate_id, name "
                       "HAVING count(*) > 1", no=False),
            *side.rows("SELECT building_id, unit_id, room FROM houses WHERE deleted = :no "
                       "GROUP BY building_id, unit_id, room HAVING count(*) > 1", no=False),
            *side.rows("SELECT code FROM tag_types WHERE deleted = :no GROUP BY code HAVING count(*) > 1", no=False)]


@pytest.fixture
def secretary(server: Server, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> Desktop:
    """The secretary's desktop has imported 第一网格's first households and synced."""
    secretary = desktop("secretary", "书记")
    run_import(secretary.db, [estate_ledger(tmp_path / "一.xlsx", [
        ["甲", generated_id(1), "1号楼", "1单元", "101", "户主", "独居老人"],
        ["乙", generated_id(2), "1号楼", "2单元", "201", "户主"]])],
        ImportOptions(grid=f"{COMMUNITY}/第一网格", user_name="书记"))
    assert secretary.sync().rejected == 0
    return secretary


@pytest.mark.parametrize(("user", "grid_worker"), [("网格员一", True), ("书记", False)])
def test_what_was_imported_before_the_first_sync_reaches_the_server_in_the_servers_places(
        server: Server, secretary: Desktop, desktop: Callable[[str, str], Desktop], tmp_path: Path,
        user: str, grid_worker: bool) -> None:
    places = {table: living(server, table) for table in PLACES}
    house = server.scalar("SELECT id FROM houses WHERE room = '101'")
    fresh = desktop("fresh", user)
    run_import(fresh.db, [estate_ledger(tmp_path / "二.xlsx", [
        ["丙", generated_id(3), "1号楼", "1单元", "101", "妻", "残疾人"],  # a house the server has
        ["丁", generated_id(4), "1号楼", "1单元", "102", "户主"]])],  # a new house in a unit the server has
        ImportOptions(grid=f"{COMMUNITY}/第一网格", user_name=user, grid_worker=grid_worker))
    result = fresh.sync()
    assert result.rejected == 0, result.rejects
    assert result.conflicts == 0  # its default tags are the server's: nothing for the secretary to review
    assert fresh.scalar("SELECT count(*) FROM outbox WHERE status <> 'sent'") == 0
    assert {table: living(server, table) for table in PLACES} == {**places, "houses": places["houses"] + 1}
    assert doubles(server) == doubles(fresh) == []
    grid = server.scalar("SELECT id FROM org_nodes WHERE name = '第一网格'")
    assert server.rows("SELECT name, grid_id FROM people WHERE name IN ('丙', '丁') ORDER BY name") == [
        ("丁", grid), ("丙", grid)]
    assert fresh.scalar("SELECT house_id FROM households h JOIN people p ON p.household_id = h.id "
                        "WHERE p.name = '丙'") == house
    assert fresh.sync().rejected == 0
    assert secretary.sync().rejected == 0
    for table in ("org_nodes", "estates", "buildings", "units", "houses", "people"):
        assert living(secretary, table) == living(server, table), table
    assert doubles(secretary) == []


def test_an_import_before_the_first_sync_into_a_grid_of_someone_else_is_still_refused(
        server: Server, secretary: Desktop, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> None:
    """The server's 第二网格 is not the grid worker's: their rows there stay refused, nothing is merged into it."""
    people = living(server, "people")
    worker = desktop("worker", "网格员一")
    path = estate_ledger(tmp_path / "二.xlsx", [["丙", generated_id(3), "9号楼", "1单元", "901", "户主"]])
    run_import(worker.db, [path], ImportOptions(grid=f"{COMMUNITY}/第二网格", user_name="网格员一", grid_worker=True))
    result = worker.sync()
    assert result.rejected > 0
    assert {r["table"] for r in result.rejects} >= {"people", "buildings"}
    assert living(server, "people") == people
    assert server.scalar("SELECT count(*) FROM buildings WHERE name = '9号楼'") == 0


def test_undoing_an_import_merged_at_the_first_sync_keeps_the_servers_places(
        server: Server, secretary: Desktop, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> None:
    places = {table: living(server, table) for table in PLACES}
    worker = desktop("worker", "网格员一")
    batch = run_import(worker.db, [estate_ledger(tmp_path / "二.xlsx", [
        ["丙", generated_id(3), "1号楼", "1单元", "101", "妻"]])],
        ImportOptions(grid=f"{COMMUNITY}/第一网格", user_name="网格员一", grid_worker=True))
    assert worker.sync().rejected == 0
    undo(worker.db, batch.batch_id or "", user_name="网格员一")
    result = worker.sync()
    assert result.rejected == 0, result.rejects
    assert server.scalar("SELECT deleted FROM people WHERE name = '丙'")
    assert {table: living(server, table) for table in PLACES} == places
    assert secretary.sync().rejected == 0
    assert secretary.rows("SELECT name FROM people WHERE deleted = :no ORDER BY name", no=False) == [("乙",), ("甲",)]
