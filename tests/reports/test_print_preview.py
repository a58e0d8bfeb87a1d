"""The print preview and the background batch in the GUI (pytest-qt, offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.domain.roles import UserProfile
from app.services.reports.output import ReportResult
from app.store import audit
from app.store.db import Database
from app.ui import prompts
from app.ui.dialogs import print_preview
from app.ui.dialogs.print_preview import open_building_print, open_grid_batch, open_household_print
from tests.reports.conftest import Community, pages_text

SECRETARY = UserProfile("陈书记", "secretary")
WORKER = UserProfile("刘网格", "grid_worker")


@pytest.fixture(autouse=True)
def _no_thread_left(qtbot: QtBot) -> Iterator[None]:
    yield
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=20_000)


def test_household_preview_print_and_save(community: Community, qtbot: QtBot, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_household_print(None, community.db, community.household, SECRETARY)
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() == 1
    assert dialog.ui.printButton.isEnabled() and "已打码" in dialog.ui.statusLabel.text()
    assert dialog.ui.warningLabel.isVisibleTo(dialog) and "王𠮷" in dialog.ui.warningLabel.text()
    assert audit.entries(community.db, limit=1) == []  # a masked preview is not a print

    printed = tmp_path / "printed.pdf"

    def pdf_printer() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    monkeypatch.setattr(dialog, "ask_printer", pdf_printer)
    dialog.ui.printButton.click()
    assert len(pages_text(printed)) == 1
    entry = audit.entries(community.db, limit=1)[0]
    assert (entry.user_name, entry.action, entry.detail["output"], entry.people_count) == (
        "陈书记", "report_household", "printer", 3)

    saved = tmp_path / "saved"
    monkeypatch.setattr(prompts, "save_file", lambda *_args: str(saved))
    dialog.ui.saveButton.click()
    assert "张伟" in pages_text(saved.with_suffix(".pdf"))[0]
    entry = audit.entries(community.db, limit=1)[0]
    assert entry.detail["output"] == "file" and entry.detail["file"].endswith("saved.pdf")


def test_reveal_only_for_roles_that_allow_it(community: Community, qtbot: QtBot) -> None:
    worker = open_household_print(None, community.db, community.household, WORKER)
    qtbot.addWidget(worker)
    assert not worker.ui.revealCheck.isVisibleTo(worker)
    dialog = open_household_print(None, community.db, community.household, SECRETARY)
    qtbot.addWidget(dialog)
    dialog.ui.revealCheck.setChecked(True)
    assert dialog.result is not None and dialog.result.revealed
    assert "含完整身份证号和电话" in dialog.ui.statusLabel.text()
    entry = audit.entries(community.db, limit=1)[0]
    assert entry.detail["output"] == "preview" and entry.detail["revealed"] is True  # full values on screen


def test_building_preview_renders_in_the_background(demo_db: Database, qtbot: QtBot) -> None:
    with demo_db.engine.connect() as conn:
        building_id = conn.exec_driver_sql("SELECT id FROM buildings ORDER BY number LIMIT 1").scalar_one()
    dialog = open_building_print(None, demo_db, building_id, SECRETARY)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)
    assert dialog.result.kind == "roster" and dialog.document.pageCount() >= 1
    dialog.ui.contentCombo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: dialog.result.kind == "building", timeout=30_000)
    assert dialog.document.pageCount() > dialog.result.households


def test_grid_batch_runs_in_the_background(community: Community, qtbot: QtBot, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(print_preview, "choose_folder", lambda *_args: str(tmp_path))
    told: list[str] = []
    monkeypatch.setattr(prompts, "inform", lambda _parent, _title, text: told.append(text))
    finished: list[ReportResult] = []
    parent = QWidget()
    qtbot.addWidget(parent)
    open_grid_batch(parent, community.db, community.grid, SECRETARY, on_finished=finished.append)
    qtbot.waitUntil(lambda: bool(finished), timeout=20_000)
    assert [p.name for p in finished[0].files] == ["锦绣花园-3号楼-一户一档.pdf"]
    assert "已完成" in told[0] and "〓" in told[0]


def test_grid_batch_can_be_cancelled(demo_db: Database, qtbot: QtBot, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(print_preview, "choose_folder", lambda *_args: str(tmp_path))
    monkeypatch.setattr(prompts, "inform", lambda *_args: None)
    finished: list[ReportResult] = []
    parent = QWidget()
    qtbot.addWidget(parent)
    with demo_db.engine.connect() as conn:
        grid_id = conn.exec_driver_sql("SELECT id FROM org_nodes WHERE level = 'grid' ORDER BY name LIMIT 1"
                                       ).scalar_one()
    task = open_grid_batch(parent, demo_db, grid_id, SECRETARY, per="household", on_finished=finished.append)
    task.cancel.set()  # what the progress dialog's 取消 button does
    qtbot.waitUntil(lambda: bool(finished), timeout=20_000)
    assert finished[0].cancelled and len(finished[0].files) <= 1
    assert all(p.suffix == ".pdf" for p in tmp_path.iterdir())
