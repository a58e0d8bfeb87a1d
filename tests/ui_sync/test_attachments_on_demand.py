"""An attachment added on another desktop opens on this one: the case page (and the CLI) fetch its bytes
from the server on a real socket when someone opens it, and say so in Chinese when that cannot be done."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.cli import main
from app.services.cases import Actor, CaseDraft, CaseService
from app.services.sync_rounds import SyncAccount
from app.ui import prompts
from app.ui.case_desk import CaseDesk
from app.ui.views.case_page import CasePage
from tests.sync.conftest import PASSWORD, Desktop

pytestmark = pytest.mark.parametrize("server", ["sqlite"], indirect=True)
WAIT_MS = 30_000
PHOTO = random.Random(12).randbytes(180_000)


def _grid(d: Desktop, name: str) -> str:
    return str(d.scalar("SELECT id FROM org_nodes WHERE name = :n AND level = 'grid'", n=name))


@pytest.fixture
def worker(filled: Desktop, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> tuple[Desktop, str]:
    """A grid worker's desktop that has pulled a case the secretary photographed elsewhere (metadata only)."""
    photo = tmp_path / "楼道照片.jpg"
    photo.write_bytes(PHOTO)
    case_id = CaseService(filled.db, blobs=filled.blobs).create(
        CaseDraft(title="楼道堆放杂物", category="楼道堆物", place_text="3号楼北侧",
                  grid_id=_grid(filled, "第一网格"), attachments=[photo]), Actor("书记", "secretary"))
    assert filled.sync().blobs_uploaded == 1
    d = desktop("worker", "网格员一")
    d.sync()
    return d, case_id


def test_the_case_page_downloads_a_missing_attachment_in_the_background_and_opens_it(
        qtbot: QtBot, worker: tuple[Desktop, str], live_url: str, closed_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    d, case_id = worker
    grid = _grid(d, "第一网格")
    page = CasePage(CaseDesk.open(d.db, Actor("网格员一", "grid_worker", (grid,))))
    qtbot.addWidget(page)
    opened: list[Path] = []
    page.open_path = opened.append
    page.show_case(case_id)
    files = page.ui.attachmentsList
    assert files.item(0).text() == "楼道照片.jpg（未下载）"

    told: list[str] = []
    monkeypatch.setattr(prompts, "inform", lambda _parent, _title, text: told.append(text))
    monkeypatch.setattr(prompts, "warn", lambda _parent, _title, text: told.append(text))
    assert page.open_attachment(page.files[0]) is None  # not signed in: nothing to fetch from
    assert "尚未下载，连接服务器后可查看" in told[-1] and "登录" in told[-1]

    page.account_source = lambda: SyncAccount(closed_url, "网格员一", PASSWORD)
    assert page.open_attachment(page.files[0]) is not None
    qtbot.waitUntil(lambda: len(told) == 2, timeout=WAIT_MS)
    assert told[-1] == "附件“楼道照片.jpg”尚未下载，连接服务器后可查看。" and opened == []

    page.account_source = lambda: SyncAccount(live_url, "网格员一", PASSWORD)
    files.itemActivated.emit(files.item(0))  # a double click on the file
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT_MS)
    assert opened[0].read_bytes() == PHOTO and len(told) == 2
    assert files.item(0).text() == "楼道照片.jpg"
    files.itemActivated.emit(files.item(0))  # now at hand: opened at once, without a download
    assert opened[1] == opened[0]


def test_the_cli_lists_attachments_and_writes_one_fetched_from_the_server(
        worker: tuple[Desktop, str], live_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d, case_id = worker
    db = str(d.db.path)
    sha = hashlib.sha256(PHOTO).hexdigest()
    assert main(["case", "show", case_id, "--db", db]) == 0
    assert f"附件 楼道照片.jpg（175 KB，未下载）sha256 {sha[:12]}" in capsys.readouterr().out

    out = tmp_path / "取出"
    out.mkdir()
    assert main(["attachment", "get", sha[:12], "--db", db, "--out", str(out), "--json"]) == 1
    refused = json.loads(capsys.readouterr().out)
    assert "连接服务器后可查看" in refused["error"] and "--server" in refused["error"]

    assert main(["attachment", "get", sha[:12], "--db", db, "--out", str(out), "--json", "--server", live_url,
                 "--user", "网格员一", "--password", PASSWORD]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["downloaded"] and (out / "楼道照片.jpg").read_bytes() == PHOTO
    assert main(["case", "show", case_id, "--db", db, "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)["attachments"]
    assert (listed["sha256"], listed["downloaded"]) == (sha, True)
    assert main(["attachment", "get", "feedbeef", "--db", db]) == 2  # no such attachment: bad usage


def test_a_cli_sync_round_uploads_the_photos_of_cases_registered_on_the_command_line(
        filled: Desktop, live_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(filled.db.path)
    photo = tmp_path / "门口照片.jpg"
    photo.write_bytes(PHOTO[:40_000])
    assert main(["case", "new", "--db", db, "--category", "楼道堆物", "--title", "门口堆放杂物", "--place", "1号楼门口",
                 "--as", "secretary", "--user", "书记", "--grid", "第一网格", "--attach", str(photo), "--json"]) == 0
    capsys.readouterr()
    account = ["--server", live_url, "--user", "书记", "--password", PASSWORD, "--json"]
    assert main(["sync", "--db", db, *account]) == 0
    done = json.loads(capsys.readouterr().out)
    assert (done["blobs_uploaded"], done["blob_problems"], done["rejected"]) == (1, [], 0)
    assert main(["sync", "--db", db, *account]) == 0
    assert json.loads(capsys.readouterr().out)["blobs_uploaded"] == 0
