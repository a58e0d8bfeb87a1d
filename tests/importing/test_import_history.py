"""导入记录 in the desktop: batches listed newest first, undo with confirmation, progress and cancel."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.domain.roles import UserProfile
from app.services.importing.merge import ImportOptions
from app.services.importing.service import run_import
from app.store import audit
from app.store.db import Database
from app.ui import prompts
from app.ui.dialogs.import_history import ImportHistoryDialog
from app.ui.main_window import MainWindow
from tests.importing.conftest import LEDGERS, needs_corpus

pytestmark = needs_corpus
P01, SPECIAL = LEDGERS / "people_01_clean.xlsx", LEDGERS / "special_groups_01.xlsx"


def living(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        found = {t: conn.execute(text(f"SELECT count(*) FROM {t} WHERE deleted = 0")).scalar_one()
                 for t in ("people", "households", "houses", "person_tags")}
        found["tag details"] = conn.execute(text(
            "SELECT count(*) FROM person_tags WHERE deleted = 0 AND detail IS NOT NULL")).scalar_one()
    return found


@pytest.fixture
def two_batches(db: Database) -> tuple[str, dict[str, int]]:
    """The people ledger, then the special-group ledger; returns the latter's batch and what the former left."""
    run_import(db, [P01], ImportOptions(user_name="王网格"))
    after_first = living(db)
    second = run_import(db, [SPECIAL], ImportOptions(user_name="李书记")).batch_id
    assert second and living(db) != after_first
    return second, after_first


def test_batches_are_listed_and_the_newest_is_undone(qtbot: QtBot, db: Database,
                                                     two_batches: tuple[str, dict[str, int]],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    second, after_first = two_batches
    dialog = ImportHistoryDialog(db, "李书记")
    qtbot.addWidget(dialog)
    table = dialog.ui.batchTable
    assert table.rowCount() == 2
    assert [table.item(r, 2).text() for r in range(2)] == [SPECIAL.name, P01.name]  # newest first
    assert table.item(1, 1).text() == "王网格" and table.item(1, 3).text() == "新增 94"
    assert not dialog.ui.undoButton.isEnabled()  # nothing selected yet

    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(prompts, "ask_yes_no", lambda _p, _t, message: asked.append(message) or True)
    monkeypatch.setattr(prompts, "inform", lambda _p, _t, message: told.append(message))
    table.selectRow(0)
    assert dialog.ui.undoButton.isEnabled()
    with qtbot.waitSignal(dialog.undone, timeout=30_000) as undone:
        dialog.ui.undoButton.click()
    assert undone.args == [second]
    assert SPECIAL.name in asked[0] and told and "已撤销" in told[0]
    assert living(db) == after_first  # details the special ledger added to existing tags are gone too
    assert table.item(0, 5).text().startswith("已于") and table.item(0, 5).text().endswith("由李书记撤销")
    assert not dialog.ui.undoButton.isEnabled()
    assert audit.entries(db)[0].action == "undo_import" and audit.entries(db)[0].user_name == "李书记"


def test_an_undo_blocked_by_a_later_batch_or_cancelled_changes_nothing(
        qtbot: QtBot, db: Database, two_batches: tuple[str, dict[str, int]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    warned: list[str] = []
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *_a: True)
    monkeypatch.setattr(prompts, "warn", lambda _p, _t, message: warned.append(message))
    before = living(db)
    dialog = ImportHistoryDialog(db, "李书记")
    qtbot.addWidget(dialog)
    dialog.ui.batchTable.selectRow(1)  # the people ledger, whose people the special ledger changed since
    task = dialog.undo_selected()
    assert task is not None
    qtbot.waitUntil(lambda: bool(warned), timeout=30_000)
    assert "请先撤销那些批次" in warned[0] and living(db) == before

    dialog.ui.batchTable.selectRow(0)
    task = dialog.undo_selected()
    assert task is not None
    task.cancel.set()  # 取消 in the progress dialog
    with qtbot.waitSignal(task.finished, timeout=30_000):
        pass
    assert living(db) == before and len(warned) == 1  # cancelled quietly, nothing undone
    dialog.reload()
    assert dialog.ui.batchTable.item(0, 5).text() == "已导入"


def test_the_main_window_opens_the_import_history(qtbot: QtBot, db: Database,
                                                 two_batches: tuple[str, dict[str, int]]) -> None:
    window = MainWindow(db, UserProfile("街道", "subdistrict"))
    qtbot.addWidget(window)
    dialog = window.open_import_history()
    assert dialog.ui.batchTable.rowCount() == 2
    dialog.ui.batchTable.selectRow(0)
    assert not dialog.ui.undoButton.isEnabled()  # 街道 reads households but does not edit them
