"""Import, undo and import again on a desktop, syncing in between: the server takes every change (a grid is
deleted before its community, a deleted tag type comes back) and another desktop pulls the same data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.services.importing.merge import ImportOptions
from app.services.importing.service import run_import, undo
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
    undo(secretary.db, first.batch_id or "", user_name="书记")  # deletes the grid and community it created
    result = secretary.sync()
    assert result.rejected == 0, result.rejects
    assert living(server, "people") == 0 and living(server, "org_nodes") == 0
    run_import(secretary.db, [path], OPTIONS)  # brings the deleted tag types back
    result = secretary.sync()
    assert result.rejected == 0, result.rejects
    other = desktop("other", "书记")
    assert other.sync().rejected == 0
    for table in ("people", "households", "person_tags", "tag_types", "org_nodes"):
        assert living(other, table) == living(secretary, table) == living(server, table), table
    assert living(other, "tag_types") == 15  # the 14 default ones and 种植大户
