"""First run: pick the demo community, say who is working; the choice is remembered; roles scope the view."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.domain.roles import UserProfile
from app.services.demo import generate_demo
from app.store import audit
from app.store.db import Database
from app.ui.dialogs.start_dialog import StartDialog
from app.ui.dialogs.user_dialog import UserDialog
from app.ui.main_window import MainWindow
from app.ui.session import DesktopSession
from app.ui.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def _answer_user_dialog(monkeypatch: pytest.MonkeyPatch, name: str, role: str, grids: int = 0) -> list[UserDialog]:
    shown: list[UserDialog] = []

    def fake_exec(dialog: UserDialog) -> int:
        shown.append(dialog)
        dialog.ui.nameCombo.setCurrentText(name)
        dialog.ui.roleCombo.setCurrentIndex(dialog.ui.roleCombo.findData(role))
        for row in range(grids):
            dialog.ui.gridList.item(row).setCheckState(Qt.CheckState.Checked)
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(UserDialog, "exec", fake_exec)
    return shown


def test_first_run_opens_the_demo_and_remembers(qtbot: QtBot, settings: Settings, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRIDLEDGER_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(StartDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)

    def small_demo(db, today, progress, cancel):
        return generate_demo(db, households=60, today=today, progress=progress, cancel=cancel)

    monkeypatch.setattr("app.ui.session.generate_demo", small_demo)
    shown = _answer_user_dialog(monkeypatch, "李网格", "grid_worker", grids=1)
    session = DesktopSession(None, settings)
    assert session.start()
    qtbot.waitUntil(lambda: session.window is not None, timeout=60_000)
    window = session.window
    qtbot.addWidget(window)
    assert len(shown) == 1 and window.user.name == "李网格"
    assert settings.last_db == str(tmp_path / "home" / "demo.sqlite")
    assert settings.user().role == "grid_worker" and len(settings.user().grid_ids) == 1
    assert audit.entries(window.db)[0].action == "sign_in"
    window.close()
    again = DesktopSession(None, settings)
    assert again.start()  # no dialog this time: remembered database and user
    qtbot.addWidget(again.window)
    assert len(shown) == 1 and again.window.user == settings.user()
    again.window.close()


def test_a_grid_worker_sees_only_their_grid(qtbot: QtBot, demo_db: Database) -> None:
    with demo_db.engine.connect() as conn:
        grid, name = conn.exec_driver_sql("SELECT id, name FROM org_nodes WHERE level = 'grid' LIMIT 1").one()
        in_grid = conn.exec_driver_sql("SELECT count(*) FROM people WHERE grid_id = ? AND deleted = 0",
                                       (grid,)).scalar()
    window = MainWindow(demo_db, UserProfile("王网格", "grid_worker", (grid,)))
    qtbot.addWidget(window)
    community = window.tree_model.index(0, 0)
    window.tree_model.load_children(community)
    assert window.tree_model.rowCount(community) == 1
    assert window.tree_model.index(0, 0, community).data() == name
    window.show_place(None)
    assert window.people_model.rowCount() == in_grid
    assert not window.ui.showFull.isEnabled()


def test_the_user_dialog_requires_grids_for_a_grid_worker(qtbot: QtBot) -> None:
    dialog = UserDialog([("g1", "第一网格")], [])
    qtbot.addWidget(dialog)
    dialog.ui.nameCombo.setCurrentText("赵")
    dialog.ui.roleCombo.setCurrentIndex(dialog.ui.roleCombo.findData("grid_worker"))
    dialog._accept()
    assert dialog.result() == 0 and "网格" in dialog.ui.problems.text()
    dialog.ui.roleCombo.setCurrentIndex(dialog.ui.roleCombo.findData("secretary"))
    assert not dialog.ui.gridList.isEnabled()
    dialog._accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.profile().grid_ids == ()
