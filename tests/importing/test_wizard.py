"""The import wizard driven as a user would: files → mapping → preview → import → summary."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.services.importing import mapping as profiles
from app.store import audit
from app.store.db import Database
from app.ui import prompts
from app.ui.dialogs.import_wizard import ImportWizard, open_import_wizard
from tests.importing.conftest import LEDGERS, needs_corpus, truth_of

pytestmark = needs_corpus
P06 = LEDGERS / "people_06_id_mess.xlsx"


def people(db: Database) -> int:
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM people WHERE deleted = 0")).scalar_one()


def wait_idle(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: not wizard.busy() and (wizard.currentPage().isComplete() or wizard.error is not None),
                    timeout=30_000)


def _at_mapping(qtbot: QtBot, db: Database, *ledgers: Path) -> ImportWizard:
    """A wizard on ``ledgers`` at its mapping page (the files read)."""
    wizard = ImportWizard(None, db, "测试员")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.files_page.add_files([str(ledger) for ledger in ledgers])
    wizard.next()
    wait_idle(qtbot, wizard)
    return wizard


def _leave_out(wizard: ImportWizard, header: str) -> None:
    """Map the column under ``header`` of the sheet shown on the mapping page to （不导入）."""
    columns = wizard.mapping_page.ui.columnTable
    row = next(r for r in range(columns.rowCount()) if columns.item(r, 1).text() == header)
    columns.cellWidget(row, 2).setCurrentIndex(0)


def _previewed(qtbot: QtBot, db: Database, ledger: Path) -> ImportWizard:
    """A wizard on ``ledger`` at its preview page (the file read for the mapping and the dry run)."""
    wizard = _at_mapping(qtbot, db, ledger)
    wizard.next()
    wait_idle(qtbot, wizard)
    return wizard


def test_wizard_imports_with_preview_progress_and_error_workbook(qtbot: QtBot, db: Database, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = open_import_wizard(None, db, "测试员")
    qtbot.addWidget(wizard)
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()
    monkeypatch.setattr(prompts, "open_files", lambda *_a: [str(P06)])
    wizard.files_page._add()
    wizard.next()
    wait_idle(qtbot, wizard)
    page = wizard.mapping_page
    qtbot.waitUntil(page.isComplete)
    assert page.ui.sheetTree.topLevelItem(0).child(0).text(1) == "人口台账"
    assert page.ui.columnTable.rowCount() == 17
    columns = page.ui.columnTable
    id_row = next(r for r in range(columns.rowCount()) if columns.item(r, 1).text() == "身份证")
    assert columns.cellWidget(id_row, 2).currentData() == "id_number"
    wizard.next()
    wait_idle(qtbot, wizard)
    preview = wizard.preview_page
    qtbot.waitUntil(preview.isComplete)
    assert "人员：新增 140" in preview.ui.countsLabel.text() and "拒绝 7" in preview.ui.countsLabel.text()
    assert not preview.ui.progressBar.isVisible()  # shown only while the dry run goes on
    assert preview.ui.problemTable.rowCount() == 7
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "开始导入"  # the next step writes
    assert preview.ui.problemTable.item(0, 0).background().color().name().upper() == "#FFC7CE"
    rows = preview.ui.rowTable
    shown = {int(rows.item(r, 1).text()): rows.item(r, 2).text() for r in range(rows.rowCount())}
    assert shown[12] == "拒绝" and shown[3] == "导入"  # row 12 holds an ID Excel turned into a number
    assert rows.item(next(r for r in range(rows.rowCount()) if rows.item(r, 1).text() == "12"), 4).text() \
        .endswith("E+17")
    assert all("*" in rows.item(r, 4).text() for r in range(rows.rowCount()) if rows.item(r, 2).text() == "导入")
    preview.ui.onlyProblemsCheck.setChecked(True)
    visible = [r for r in range(rows.rowCount()) if not rows.isRowHidden(r)]
    assert len(visible) == 7 and {rows.item(r, 2).text() for r in visible} == {"拒绝"}
    assert people(db) == 0  # the preview was a dry run
    wizard.next()
    wait_idle(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=30_000)
    assert wizard.import_page.ui.progressBar.value() == 1000
    assert people(db) == 140
    summary = wizard.summary_page.ui
    assert summary.openErrorsButton.isEnabled()
    # the rejected rows stay in view after the import, and there is no way back to the stale preview
    assert summary.problemTable.rowCount() == 7 and summary.problemTable.item(0, 4).text() == "id_precision_lost"
    assert "问题清单（7）" in summary.problemsLabel.text() and P06.name in summary.summaryLabel.text()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    out = tmp_path / "错误.xlsx"
    opened: list[str] = []
    suggested: list[str] = []
    monkeypatch.setattr(prompts, "save_file", lambda _p, _t, name, _f: suggested.append(name) or str(out))
    monkeypatch.setattr("app.ui.dialogs.import_wizard.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()))
    wizard.summary_page.write_and_open_errors()
    assert opened == [str(out)] and suggested == [str(P06.with_name("people_06_id_mess_导入错误.xlsx"))]
    assert [(e.user_name, e.target, e.people_count) for e in audit.entries(db)
            if e.action == "export_import_errors"] == [("测试员", str(out), 7)]
    ws = load_workbook(out).active
    assert ws.max_row == 8 and ws.cell(1, ws.max_column).value == "错误原因"
    assert "id_precision_lost" in ws.cell(2, ws.max_column).value


def test_wizard_mapping_edit_and_saved_profile_are_used(qtbot: QtBot, db: Database) -> None:
    wizard = _at_mapping(qtbot, db, P06)
    page = wizard.mapping_page
    _leave_out(wizard, "联系电话")
    page.ui.profileNameEdit.setText("不导电话")
    page.save_profile()
    assert [p.name for p in profiles.all_profiles(db)] == ["不导电话"]
    wizard.next()
    wait_idle(qtbot, wizard)
    wizard.next()
    wait_idle(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=30_000)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM people WHERE phone IS NOT NULL")).scalar_one() == 0
    # The next wizard finds the saved profile for the same headers by itself.
    again = ImportWizard(None, db, "测试员")
    qtbot.addWidget(again)
    again.show()
    again.files_page.add_files([str(P06)])
    again.next()
    wait_idle(qtbot, again)
    assert again.applied_profiles == {(P06.name, "人口信息"): "不导电话"}
    assert "不导电话" in again.mapping_page.ui.statusLabel.text()


def test_cancelled_import_leaves_database_untouched(qtbot: QtBot, db: Database,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(prompts, "warn", lambda _p, _t, message: warnings.append(message))
    wizard = _previewed(qtbot, db, P06)
    from app.ui.dialogs import import_wizard

    real_job = import_wizard._Job

    class CancelledAtOnce(real_job):  # the user presses 取消导入 before the first row is written
        def start(self) -> import_wizard._Job:
            self.cancel.set()
            return super().start()

    monkeypatch.setattr(import_wizard, "_Job", CancelledAtOnce)
    wizard.next()
    wait_idle(qtbot, wizard)
    qtbot.waitUntil(lambda: bool(warnings), timeout=30_000)
    assert "已取消导入" in warnings[0]
    assert wizard.currentPage() is wizard.import_page and wizard.outcome is None
    assert people(db) == 0


def test_reading_for_the_mapping_shows_progress_and_can_be_cancelled(qtbot: QtBot, db: Database,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A big ledger takes a while to read: the mapping page shows that work goes on and 取消 stops it."""
    from app.services.importing import service
    from app.services.importing.pipeline import ImportCancelled

    warnings: list[str] = []
    monkeypatch.setattr(prompts, "warn", lambda _p, _t, message: warnings.append(message))
    started = threading.Event()

    def slow(*_args: object, progress, cancel, **_kwargs: object):  # type: ignore[no-untyped-def]
        progress(f"正在读取 {P06.name}…", 0.0)
        started.set()
        while not cancel():
            time.sleep(0.01)
        raise ImportCancelled("已取消导入，数据库未作改动。")

    monkeypatch.setattr(service, "parse_files", slow)
    wizard = ImportWizard(None, db, "测试员")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.files_page.add_files([str(P06)])
    wizard.next()
    page = wizard.mapping_page.ui
    qtbot.waitUntil(lambda: started.is_set() and page.statusLabel.text() == f"正在读取 {P06.name}…", timeout=10_000)
    assert page.progressBar.isVisible() and page.cancelButton.isVisible() and wizard.busy()
    qtbot.mouseClick(page.cancelButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.busy(), timeout=10_000)
    assert warnings == ["已取消导入，数据库未作改动。"] and "已取消" in page.statusLabel.text()
    assert not page.progressBar.isVisible() and not page.cancelButton.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    from app.services.importing import pipeline

    reads: list[Path] = []
    real = pipeline.read_book

    def counted(path: Path):  # type: ignore[no-untyped-def]
        reads.append(path)
        return real(path)

    monkeypatch.setattr(pipeline, "read_book", counted)
    return reads


def test_the_file_is_read_once_for_mapping_preview_and_import_when_nothing_changed(
        qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = _count_reads(monkeypatch)
    wizard = _previewed(qtbot, db, P06)
    assert len(reads) == 1  # the mapping page read it; the preview's dry run took those rows
    assert "人员：新增 140" in wizard.preview_page.ui.countsLabel.text()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=30_000)
    assert len(reads) == 1 and people(db) == 140


def test_a_mapping_edited_on_the_mapping_page_is_read_again_for_the_preview(
        qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = _count_reads(monkeypatch)
    wizard = _at_mapping(qtbot, db, P06)
    _leave_out(wizard, "联系电话")
    wizard.next()
    wait_idle(qtbot, wizard)
    assert len(reads) == 2
    wizard.next()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=30_000)
    assert len(reads) == 2
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM people WHERE phone IS NOT NULL")).scalar_one() == 0


def test_a_file_changed_after_the_preview_is_read_again(qtbot: QtBot, db: Database, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    ledger = tmp_path / "人口台账.xlsx"
    shutil.copy(P06, ledger)
    reads = _count_reads(monkeypatch)
    wizard = _previewed(qtbot, db, ledger)
    book = load_workbook(ledger)
    sheet = book.active
    assert sheet.cell(2, 1).value == "序号"  # title row, then the header
    sheet.delete_rows(3, 10)  # the user deletes ten rows in Excel before pressing 下一步
    book.save(ledger)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=30_000)
    assert len(reads) == 2
    assert people(db) < 140


def test_the_user_resolves_a_conflict_by_keeping_the_other_row(qtbot: QtBot, db: Database) -> None:
    path = LEDGERS / "people_12_grid_combined.xlsx"
    conflict = next(r for r in truth_of(path)["rejects"] if r["reason"] == "duplicate_conflict")
    wizard = _previewed(qtbot, db, path)
    preview = wizard.preview_page
    qtbot.waitUntil(preview.isComplete)

    def status(row: int) -> str:
        return next(r.status for r in preview.shown_rows if r.row == row)

    assert (status(conflict["row"]), status(conflict["kept"]["row"])) == ("拒绝", "需核对")
    kept_row = next(i for i, r in enumerate(preview.shown_rows) if r.row == conflict["kept"]["row"])
    preview.ui.rowTable.selectRow(kept_row)
    assert not preview.ui.keepButton.isEnabled()  # only a rejected conflicting row can be chosen
    preview.ui.rowTable.selectRow(next(i for i, r in enumerate(preview.shown_rows) if r.row == conflict["row"]))
    assert preview.ui.keepButton.isEnabled()
    preview.ui.keepButton.click()
    wait_idle(qtbot, wizard)
    qtbot.waitUntil(preview.isComplete)
    assert (status(conflict["row"]), status(conflict["kept"]["row"])) == ("需核对", "拒绝")
    assert "已按您的选择保留" in next(r.message for r in preview.shown_rows if r.row == conflict["kept"]["row"])
    wizard.next()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=30_000)
    with db.engine.connect() as conn:
        names = conn.execute(text("SELECT name FROM people WHERE id_number = :n"),
                             {"n": conflict["id_number"]}).scalars().all()
    assert names == [conflict["name"]]  # the chosen row's name, one person


def test_a_grid_worker_imports_into_their_own_grid_only(qtbot: QtBot, db: Database) -> None:
    from app.domain.roles import UserProfile
    from app.services.importing.merge import ImportOptions
    from app.services.importing.service import run_import
    from app.ui.main_window import MainWindow

    run_import(db, [LEDGERS / "people_01_clean.xlsx"], ImportOptions(grid="幸福社区/第二网格"))
    run_import(db, [LEDGERS / "people_03_household_vmerge.xlsx"], ImportOptions(grid="幸福社区/第一网格"))
    with db.engine.connect() as conn:
        first = conn.execute(text("SELECT id FROM org_nodes WHERE name = '第一网格'")).scalar_one()
    window = MainWindow(db, UserProfile("李网格", "grid_worker", (first,)))
    qtbot.addWidget(window)
    wizard = window.open_import()
    chooser = wizard.files_page.ui.gridCombo
    assert not chooser.isEditable() and [chooser.itemText(i) for i in range(chooser.count())] == ["幸福社区/第一网格"]
    assert wizard._options().grid_worker  # disputes take a grid worker's steps
    wizard.files_page.add_files([str(P06)])
    for _page in ("mapping", "preview"):
        wizard.next()
        wait_idle(qtbot, wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=30_000)
    with db.engine.connect() as conn:
        grids = conn.execute(text("SELECT DISTINCT g.name FROM people p JOIN org_nodes g ON g.id = p.grid_id "
                                  "WHERE p.id_number IN (SELECT id_number FROM people ORDER BY rowid DESC LIMIT 140)"
                                  )).scalars().all()
    assert grids == ["第一网格"] and wizard.outcome.document["counts"]["people"]["created"] == 140

    secretary = MainWindow(db, UserProfile("王书记", "secretary"))
    qtbot.addWidget(secretary)
    secretary_wizard = secretary.open_import()
    assert not secretary_wizard._options().grid_worker
    chooser = secretary_wizard.files_page.ui.gridCombo
    assert chooser.isEditable() and chooser.currentText() == ""  # the file's own grid unless one is chosen
    assert {chooser.itemText(i) for i in range(1, chooser.count())} == {"幸福社区/第一网格", "幸福社区/第二网格"}
    street = MainWindow(db, UserProfile("街道", "subdistrict"))
    qtbot.addWidget(street)
    assert not street.ui.actionImport.isEnabled()  # 街道 reads the ledgers, it does not change them


def test_a_desktop_set_up_for_sync_that_never_synced_is_told_to_sync_before_importing(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    from datetime import datetime

    from PySide6.QtCore import QSettings, Qt

    from app.domain.roles import UserProfile
    from app.services.sync_status import record_success
    from app.store.models import OrgNode
    from app.store.writes import new_id, writing
    from app.ui.main_window import MainWindow
    from app.ui.settings import Settings
    from app.ui.sync.login_dialog import URL_KEY
    from sync.client import RoundResult

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(db, UserProfile("王书记", "secretary"), settings)
    qtbot.addWidget(window)

    def hint(wizard: ImportWizard) -> str | None:
        label = wizard.files_page.ui.syncHintLabel
        return label.text() if label.isVisibleTo(wizard) else None

    assert hint(window.open_import()) is None  # no server set up: a desktop of its own
    settings.store.setValue(URL_KEY, "http://192.168.1.10:8765")
    asked: list[bool] = []
    window.sync.sync_now = lambda: asked.append(True)  # type: ignore[method-assign]
    wizard = window.open_import()
    assert "先同步" in (hint(wizard) or "")
    button = wizard.files_page.ui.syncNowButton
    assert button.isVisibleTo(wizard)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked == [True]
    with writing(db) as w:  # the round brought the server's grids
        community = w.insert(OrgNode, {"level": "community", "name": "幸福里社区"})
        grid = new_id()
        w.insert(OrgNode, {"id": grid, "level": "grid", "name": "第一网格", "parent_id": community, "grid_id": grid})
    record_success(db, 0, None, datetime(2026, 12, 1, 9, 0))
    window.sync.controller.round_finished.emit(RoundResult())
    assert hint(wizard) is None and not button.isVisibleTo(wizard)
    combo = wizard.files_page.ui.gridCombo
    assert "幸福里社区/第一网格" in [combo.itemText(i) for i in range(combo.count())]
    assert hint(window.open_import()) is None


def test_two_ledgers_of_the_same_name_keep_their_own_mapping(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    """二网格's 人口台账.xlsx has its 与户主关系 column left out; 一网格's, of the same name, keeps it."""
    from tests.importing.generated import generated_id, ledger

    paths = [tmp_path / grid / "人口台账.xlsx" for grid in ("一网格", "二网格")]
    for number, path in enumerate(paths, start=1):
        path.parent.mkdir()
        ledger(path, [[f"测{number}", generated_id(number), f"{number}号楼", "1单元", "101", "户主"]])
    wizard = _at_mapping(qtbot, db, *paths)
    tree = wizard.mapping_page.ui.sheetTree
    assert [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())] == [
        "一网格/人口台账.xlsx", "二网格/人口台账.xlsx"]
    tree.setCurrentItem(tree.topLevelItem(1).child(0))
    _leave_out(wizard, "与户主关系")
    for _page in ("preview", "import"):
        wizard.next()
        wait_idle(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=30_000)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT name, relation FROM people ORDER BY name")).all() == [
            ("测1", "户主"), ("测2", None)]


def test_ledgers_dropped_from_explorer_and_chosen_together_are_added_once(
        qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    wizard = ImportWizard(None, db, "测试员")
    qtbot.addWidget(wizard)
    page = wizard.files_page
    other = tmp_path / "人口台账.xlsx"
    other.write_bytes(P06.read_bytes())
    monkeypatch.setattr(prompts, "open_files", lambda *_a: [str(P06), str(other)])
    page._add()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other)), QUrl.fromLocalFile(str(tmp_path / "新台账.xlsx")),
                  QUrl("https://example.invalid/x.xlsx")])  # a link is not a file here
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    page.dropEvent(drop)
    assert drop.isAccepted()
    assert [str(p) for p in page.paths()] == [str(P06), str(other), str(tmp_path / "新台账.xlsx")]
    assert page.isComplete()
