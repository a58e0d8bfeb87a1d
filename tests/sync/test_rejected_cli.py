"""`gridledger rejected`: the changes the server refused, listed with their reasons, and sent again once the
office has changed what stood in the way."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import main
from app.store.models import Person
from app.store.writes import writing
from tests.sync.conftest import Desktop, Server

pytestmark = pytest.mark.parametrize("server", ["sqlite"], indirect=True)


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main([*args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_rejected_changes_are_listed_and_resubmitted(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop],
        capsys: pytest.CaptureFixture[str]) -> None:
    worker = desktop("worker", "网格员一")
    worker.sync()
    first = str(worker.scalar("SELECT id FROM org_nodes WHERE name = '第一网格'"))
    second = str(filled.scalar("SELECT id FROM org_nodes WHERE name = '第二网格'"))
    pid = str(worker.scalar("SELECT id FROM people WHERE grid_id = :g AND deleted = 0 ORDER BY id LIMIT 1", g=first))
    with writing(worker.db) as w:  # a grid worker moves a resident into a grid that is not theirs
        w.update(Person, pid, {"grid_id": second})
    assert worker.sync().rejected == 1
    path = str(Path(worker.db.url.removeprefix("sqlite:///")))

    code, listed = _cli(capsys, "rejected", "--db", path)
    [change] = listed["rejected"]
    assert code == 0 and listed["resubmitted"] == 0
    assert (change["table"], change["action"]) == ("人员", "修改") and "负责范围" in change["reason"]

    assert main(["rejected", "--db", path, "--resubmit", str(change["seq"] + 100)]) == 2
    assert "没有编号为" in capsys.readouterr().err

    server.user("网格员一", "secretary", "幸福里社区")  # the office widens the account
    code, after = _cli(capsys, "rejected", "--db", path, "--resubmit", "all")
    assert (code, after["resubmitted"], after["rejected"]) == (0, 1, [])
    result = worker.sync()
    assert (result.pushed, result.rejected) == (1, 0)
    assert server.scalar("SELECT grid_id FROM people WHERE id = :i", i=pid) == second
    code, empty = _cli(capsys, "rejected", "--db", path)
    assert empty["rejected"] == []
