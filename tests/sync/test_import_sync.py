"""Imports and their undos on desktops that sync: the server takes every change (a secretary's import, undo
and import again; an import undone before it was sent; a grid worker's import that brings a new estate,
a tag of its own and mediated disputes) and other desktops pull the same data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from app.services.importing.merge import ImportOptions
from app.services.importing.service import run_import, undo
from tests.importing.conftest import LEDGERS, needs_corpus
from tests.importing.generated import generated_id, ledger
from tests.sync.conftest import COMMUNITY, Desktop, Server

OPTIONS = ImportOptions(community=COMMUNITY, user_name="书记")
LIVING = "SELECT count(*) FROM {} WHERE deleted = :no"


def living(side: Server | Desktop, table: str) -> object:
    return side.scalar(LIVING.format(table), no=False)


def test_import_undo_import_again_syncs_without_a_refusal(server: Server, desktop: Callable[[str, str], Desktop],
                                                          tmp_path: Path) -> None:
    secretary = desktop("secretary", "书记")
    path = ledger(tmp_path / "人口.xlsx", [["甲", generated_id(1), "1号楼", "1单元", "101", "户主", "独居老人"],
                                          ["乙", generated_id(2), "1号楼", "1单元", "101", "妻", "种植大户"]])
    first = run_import(secretary.db, [path], OPTIONS)
    assert secretary.sync().rejected == 0
    structure = {table: living(server, table) for table in ("org_nodes", "buildings", "houses", "tag_types")}
    undo(secretary.db, first.batch_id or "", user_name="书记")
    result = secretary.sync()
    assert result.rejected == 0, result.rejects
    assert living(server, "people") == living(server, "households") == 0
    assert {table: living(server, table) for table in structure} == structure  # sent, so kept
    run_import(secretary.db, [path], OPTIONS)
    result = secretary.sync()
    assert result.rejected == 0, result.rejects
    other = desktop("other", "书记")
    assert other.sync().rejected == 0
    for table in ("people", "households", "person_tags", "tag_types", "org_nodes"):
        assert living(other, table) == living(secretary, table) == living(server, table), table
    assert living(other, "tag_types") == 15  # the 14 default ones and 种植大户
    assert {table: living(server, table) for table in structure} == structure  # found again, not duplicated


def test_an_import_undone_before_it_was_ever_sent_syncs_without_a_refusal(
        server: Server, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> None:
    """The undone batch made a grid of its own: its rows reach the server as tombstones in a grid that
    is gone, which the server takes without a word instead of refusing them."""
    secretary = desktop("secretary", "书记")
    run_import(secretary.db, [ledger(tmp_path / "一.xlsx", [["甲", generated_id(1), "1号楼", "1单元", "101", "户主"]])],
               OPTIONS)
    assert secretary.sync().rejected == 0
    path = ledger(tmp_path / "二.xlsx", [["乙", generated_id(2), "5号楼", "1单元", "501", "户主", "独居老人"]])
    batch = run_import(secretary.db, [path], ImportOptions(grid=f"{COMMUNITY}/第九网格", user_name="书记"))
    undo(secretary.db, batch.batch_id or "", user_name="书记")
    result = secretary.sync()
    assert result.rejected == 0, result.rejects
    assert living(server, "people") == 1
    assert server.scalar("SELECT count(*) FROM org_nodes WHERE name = '第九网格' AND deleted = :no", no=False) == 0


def test_a_grid_workers_import_is_taken_whole_by_the_server(server: Server, desktop: Callable[[str, str], Desktop],
                                                           tmp_path: Path) -> None:
    """A new estate and a tag type of their own are filed in the worker's grid (they may write nothing
    else), a mediated dispute waits for the secretary's 核查办结."""
    secretary = desktop("secretary", "书记")
    run_import(secretary.db, [ledger(tmp_path / "一.xlsx", [["甲", generated_id(1), "1号楼", "1单元", "101", "户主"]])],
               ImportOptions(grid=f"{COMMUNITY}/第一网格", user_name="书记"))
    assert secretary.sync().rejected == 0
    worker = desktop("worker", "网格员一")
    assert worker.sync().rejected == 0
    path = ledger(tmp_path / "二.xlsx", [["乙", generated_id(2), "3号楼", "1单元", "101", "户主", "种植大户"]])
    book = load_workbook(path)
    book.active.insert_cols(1)
    book.active["A1"], book.active["A2"] = "小区", "新苑小区"
    book.save(path)
    run_import(worker.db, [path], ImportOptions(grid=f"{COMMUNITY}/第一网格", user_name="网格员一", grid_worker=True))
    result = worker.sync()
    assert result.rejected == 0, result.rejects
    assert secretary.sync().rejected == 0
    assert secretary.scalar("SELECT count(*) FROM estates WHERE name = '新苑' AND deleted = :no", no=False) == 1
    assert living(secretary, "people") == living(worker, "people") == 2


@needs_corpus
def test_a_grid_workers_dispute_ledger_is_taken_by_the_server(server: Server, desktop: Callable[[str, str], Desktop]
                                                              ) -> None:
    secretary = desktop("secretary", "书记")
    run_import(secretary.db, [LEDGERS / "people_01_clean.xlsx"], ImportOptions(grid=f"{COMMUNITY}/第一网格"))
    assert secretary.sync().rejected == 0
    worker = desktop("worker", "网格员一")
    assert worker.sync().rejected == 0
    run_import(worker.db, [LEDGERS / "disputes_01.xlsx"],
               ImportOptions(grid=f"{COMMUNITY}/第一网格", user_name="网格员一", grid_worker=True))
    result = worker.sync()
    assert result.rejected == 0, result.rejects
    assert secretary.sync().rejected == 0
    handled = secretary.scalar("SELECT count(*) FROM cases WHERE state = 'handled'")
    assert handled and handled == worker.scalar("SELECT count(*) FROM cases WHERE state = 'handled'")


def test_a_ledger_with_values_too_long_for_the_server_syncs_what_it_imported(
        server: Server, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> None:
    """The desktop's SQLite would keep a 86-character name, a 60-character building and a 22-character tag; the
    server's PostgreSQL refused them, and every row referring to them, at the sync. The import refuses those rows."""
    from tests.importing.test_value_lengths import import_too_long

    secretary = desktop("secretary", "书记")
    import_too_long(secretary.db, tmp_path / "人口台账.xlsx", COMMUNITY)
    result = secretary.sync()
    assert result.rejected == 0, result.rejects
    assert living(server, "people") == 1 and living(server, "houses") == 3
