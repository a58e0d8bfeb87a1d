"""导入台账 wizard: choose files → detected sheets and the editable column mapping → preview with problem
rows highlighted → import with a progress bar and 取消 → summary with a button for the error workbook.

Reading, previewing and importing run in a QThreadPool worker (app.ui.tasks' runnable): the window stays
responsive and a cancelled or failed import leaves the database untouched (one transaction).
The pages are laid out in forms/import_*_page.ui. Open the wizard from the main window with
``open_import_wizard(parent, db, user_name, grids)``.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidgetItem,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.services.importing import mapping as profiles
from app.services.importing.fields import KIND_TITLES
from app.services.importing.layout import SheetLayout
from app.services.importing.pipeline import ImportCancelled, ParsedBatch
from app.services.importing.preview_rows import (
    DOUBTFUL,
    MERGED,
    REJECTED,
    PreviewRow,
    preview_rows,
    problem_count,
)
from app.services.importing.readers import ReadError
from app.services.importing.report import count_lines
from app.services.importing.service import (
    ImportOptions,
    ImportOutcome,
    Keep,
    preview,
    run_import,
    still_current,
    write_errors,
)
from app.store.db import Database
from app.ui import prompts
from app.ui.forms.ui_import_files_page import Ui_ImportFilesPage
from app.ui.forms.ui_import_mapping_page import Ui_ImportMappingPage
from app.ui.forms.ui_import_preview_page import Ui_ImportPreviewPage
from app.ui.forms.ui_import_progress_page import Ui_ImportProgressPage
from app.ui.forms.ui_import_summary_page import Ui_ImportSummaryPage
from app.ui.tables import fit_columns
from app.ui.tasks import Worker, WorkerSignals

REJECT_COLOR = QColor("#FFC7CE")
WARNING_COLOR = QColor("#FFEB9C")
MERGED_COLOR = QColor("#E7E6E6")
STATUS_COLORS = {REJECTED: REJECT_COLOR, DOUBTFUL: WARNING_COLOR, MERGED: MERGED_COLOR}
PREVIEW_ROWS = 1000
LEDGER_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
FILE_FILTER = "台账 (*.xlsx *.xlsm *.xls *.csv);;所有文件 (*)"
SYNC_FIRST_HINT = ("本机还没有与同步服务器同步过，建议先同步再导入：导入会与服务器上已有的人员和住户比对，"
                   "避免重复登记。不便同步时也可直接导入，首次同步时本机新建的社区、网格、小区、楼栋和房屋"
                   "会并入服务器上的同名记录。")


class _Job:
    """One background call with progress and cancel; results come back on the GUI thread."""

    def __init__(self, fn: Callable[[Callable[[str, float], None], Callable[[], bool]], Any],
                 on_progress: Callable[[str, float], None], on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None]):
        self.cancel = threading.Event()
        self.signals = WorkerSignals()
        self.signals.progress.connect(on_progress)
        self.signals.done.connect(on_done)
        self.signals.failed.connect(on_error)
        self.worker = Worker(fn, self.signals, self.cancel)
        self.running = True
        self.signals.done.connect(self._stopped)
        self.signals.failed.connect(self._stopped)

    def _stopped(self, _value: object) -> None:
        self.running = False

    def start(self) -> _Job:
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().start(self.worker)
        return self


class _Busy:
    """A page's stage text, progress bar and 取消 while the wizard reads or tries the files for it: shown only
    then. ``steps``: the bar follows the stages' fractions; else it only shows that work goes on (reading and
    recognising one file reports no steps)."""

    def __init__(self, wizard: ImportWizard, label: QLabel, bar: QProgressBar, cancel: QPushButton, *, steps: bool):
        self.label, self.bar, self.cancel, self.steps = label, bar, cancel, steps
        cancel.clicked.connect(wizard.cancel)
        self.stop()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setRange(0, 1000 if self.steps else 0)
        self.bar.setValue(0)
        self.bar.show()
        self.cancel.show()

    def progress(self, stage: str, fraction: float) -> None:
        self.label.setText(stage)
        if self.steps:
            self.bar.setValue(int(fraction * 1000))

    def stop(self) -> None:
        self.bar.hide()
        self.cancel.hide()


def dropped_files(event: QDragEnterEvent | QDropEvent, suffixes: tuple[str, ...] = ()) -> list[str]:
    """The local files a drag (from Explorer) carries; only those ending in ``suffixes`` when given."""
    paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
    return [p for p in paths if not suffixes or p.lower().endswith(suffixes)]


class FilesPage(QWizardPage):
    """The ledgers to import (添加文件… takes several at once; files dropped from Explorer are added too) and the
    grid their rows go to."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wizard_ = wizard
        self.ui = Ui_ImportFilesPage()
        self.ui.setupUi(self)
        self.setAcceptDrops(True)
        self.ui.addButton.clicked.connect(self._add)
        self.ui.removeButton.clicked.connect(self._remove)
        if wizard.sync_hint:
            self.ui.syncHintLabel.setText(wizard.sync_hint)
            self.ui.syncHintLabel.setVisible(True)
            self.ui.syncNowButton.setVisible(True)
        self.ui.syncNowButton.clicked.connect(wizard.sync_requested)
        grid = self.ui.gridCombo
        if wizard.grids is None:  # all grids: the file's own, one chosen, or a new one typed in
            grid.setEditable(True)
            grid.lineEdit().setPlaceholderText("可不填：按表头写明的网格导入；或选择、填写“社区/网格”")
        else:  # a grid worker writes to their own grids only
            grid.setToolTip("网格员只能导入到自己负责的网格")
        self.fill_grids()

    def fill_grids(self) -> None:
        """The grids offered, keeping the one chosen or typed in."""
        grid, wizard = self.ui.gridCombo, self.wizard_
        chosen = grid.currentText()
        grid.clear()
        grid.addItems(["", *wizard.known_grids] if wizard.grids is None else wizard.grids)
        if chosen:
            found = grid.findText(chosen)
            if found >= 0:
                grid.setCurrentIndex(found)
            elif wizard.grids is None:
                grid.setEditText(chosen)

    def synced(self) -> None:
        """A sync round finished: no more advice to sync first."""
        self.ui.syncHintLabel.setVisible(False)
        self.ui.syncNowButton.setVisible(False)
        self.fill_grids()

    def add_files(self, paths: list[str]) -> None:
        files = self.ui.fileList
        present = {files.item(i).text() for i in range(files.count())}
        for path in paths:
            if path not in present:
                files.addItem(path)
        self.completeChanged.emit()

    def _add(self) -> None:
        self.add_files(prompts.open_files(self, "选择台账文件（可多选）", FILE_FILTER))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_files(event)
        if paths:
            self.add_files(paths)
            event.acceptProposedAction()

    def _remove(self) -> None:
        for item in self.ui.fileList.selectedItems():
            self.ui.fileList.takeItem(self.ui.fileList.row(item))
        self.completeChanged.emit()

    def paths(self) -> list[Path]:
        files = self.ui.fileList
        return [Path(files.item(i).text()) for i in range(files.count())]

    def grid(self) -> str | None:
        """The grid every row goes to (typed or chosen); None: the grid each file names."""
        return self.ui.gridCombo.currentText().strip() or None

    def isComplete(self) -> bool:
        return self.ui.fileList.count() > 0


class MappingPage(QWizardPage):
    """Detected sheets (kind, header rows, rows) and the column mapping of the selected sheet."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wizard_ = wizard
        self.ui = Ui_ImportMappingPage()
        self.ui.setupUi(self)
        self.ui.sheetTree.currentItemChanged.connect(lambda *_: self._show_columns())
        header = self.ui.columnTable.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.ui.saveProfileButton.clicked.connect(self.save_profile)
        self.busy = _Busy(wizard, self.ui.statusLabel, self.ui.progressBar, self.ui.cancelButton, steps=False)
        self.ready = False

    def initializePage(self) -> None:
        self.ready = False
        self.ui.sheetTree.clear()
        self.ui.columnTable.setRowCount(0)
        self.busy.start("正在读取和识别…")
        self.wizard_.run_preview(self._loaded, self.busy.progress)

    def _loaded(self, batch: ParsedBatch | None) -> None:
        self.busy.stop()
        if batch is None:
            self.ui.statusLabel.setText(self.wizard_.error or "")
            return
        tree = self.ui.sheetTree
        for file in batch.files:
            top = QTreeWidgetItem([file.name, "", "", ""])
            tree.addTopLevelItem(top)
            for layout in file.layouts:
                kind = KIND_TITLES.get(layout.kind or "", {"hidden": "隐藏表（跳过）", "empty": "空表（跳过）",
                                                           "unrecognised": "未识别（跳过）"}.get(layout.role, ""))
                item = QTreeWidgetItem([layout.name or file.name, kind,
                                        "、".join(map(str, layout.header_rows)), str(len(layout.data_rows))])
                item.setData(0, 256, (file.name, layout.name))
                top.addChild(item)
                if layout.kind and tree.currentItem() is None:
                    tree.setCurrentItem(item)
            top.setExpanded(True)
        tree.resizeColumnToContents(0)
        applied = self.wizard_.applied_profiles
        self.ui.statusLabel.setText("已识别。" + ("已自动使用映射方案：" + "、".join(sorted(set(applied.values())))
                                                 if applied else ""))
        self.ready = True
        self.completeChanged.emit()

    def current_layout(self) -> SheetLayout | None:
        item = self.ui.sheetTree.currentItem()
        key = item.data(0, 256) if item else None
        return self.wizard_.layouts.get(key) if key else None

    def _show_columns(self) -> None:
        layout = self.current_layout()
        table = self.ui.columnTable
        table.setRowCount(0)
        if layout is None or not layout.kind:
            return
        options = profiles.field_options(layout.kind)
        table.setRowCount(len(layout.columns))
        for row, choice in enumerate(profiles.choices(layout)):
            table.setItem(row, 0, QTableWidgetItem(choice.letter))
            table.setItem(row, 1, QTableWidgetItem(choice.header.replace("\n", " ")))
            combo = QComboBox()
            combo.addItem("（不导入）", None)
            for field, title in options:
                combo.addItem(title, field)
            combo.setCurrentIndex(max(0, combo.findData(choice.field)) if choice.field else 0)
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, index=choice.index, lay=layout: self.wizard_.set_field(lay, index, c.currentData()))
            table.setCellWidget(row, 2, combo)

    def save_profile(self) -> None:
        layout = self.current_layout()
        name = self.ui.profileNameEdit.text().strip()
        if layout is None or not layout.kind or not name:
            prompts.warn(self, "保存映射方案", "请先选中一个已识别的工作表，并填写方案名称。")
            return
        profiles.save(self.wizard_.db, name, layout)
        self.ui.statusLabel.setText(f"已保存映射方案“{name}”。")

    def isComplete(self) -> bool:
        return self.ready


class PreviewPage(QWizardPage):
    """What the import would do (a dry run): counts per entity, the rows as they will be imported with the
    problem rows highlighted (the first PREVIEW_ROWS), and every rejected or doubtful row."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wizard_ = wizard
        self.ui = Ui_ImportPreviewPage()
        self.ui.setupUi(self)
        self.setButtonText(QWizard.WizardButton.NextButton, "开始导入")
        self.shown_rows: list[PreviewRow] = []
        self.ui.onlyProblemsCheck.toggled.connect(self._filter_rows)
        self.ui.keepButton.clicked.connect(self.keep_selected)
        self.ui.rowTable.itemSelectionChanged.connect(self._selection_changed)
        self.busy = _Busy(wizard, self.ui.countsLabel, self.ui.progressBar, self.ui.cancelButton, steps=True)
        self.ready = False

    def initializePage(self) -> None:
        self.ready = False
        self.ui.keepButton.setEnabled(False)
        self.busy.start("正在试导入…")
        self.ui.problemTable.setRowCount(0)
        self.ui.rowTable.setRowCount(0)
        self.shown_rows = []
        self.wizard_.run_import(dry_run=True, done=self._shown, progress=self.busy.progress)

    def _shown(self, outcome: ImportOutcome | None) -> None:
        self.busy.stop()
        if outcome is None:
            self.ui.countsLabel.setText(self.wizard_.error or "")
            return
        self.ui.countsLabel.setText(count_text(outcome.document))
        self._show_rows(outcome)
        shown = show_problems(self.ui.problemTable, outcome.document)
        self.ui.tabs.setTabText(1, f"问题清单（{shown}）")
        self.ready = True
        self.completeChanged.emit()

    def selected_row(self) -> PreviewRow | None:
        chosen = {index.row() for index in self.ui.rowTable.selectedIndexes()}
        return self.shown_rows[chosen.pop()] if len(chosen) == 1 else None

    def _selection_changed(self) -> None:
        row = self.selected_row()
        self.ui.keepButton.setEnabled(self.ready and row is not None and row.keep_instead is not None)

    def keep_selected(self) -> None:
        """Keep the selected conflicting row instead of the one kept so far, and preview again."""
        row = self.selected_row()
        if row is None or row.keep_instead is None:
            return
        number, key = row.keep_instead
        self.wizard_.keep[number] = key
        self.initializePage()

    def _show_rows(self, outcome: ImportOutcome) -> None:
        rows = self.shown_rows = preview_rows(outcome.parsed, PREVIEW_ROWS)
        several = len(outcome.parsed.files) > 1
        table = self.ui.rowTable
        last = table.columnCount() - 1
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            where = f"{row.file} {row.sheet or ''}".strip() if several else (row.sheet or row.file)
            color = STATUS_COLORS.get(row.status)
            for c, value in enumerate((where, str(row.row), row.status, row.name, row.id_number, row.place,
                                       row.detail, row.message)):
                item = QTableWidgetItem(value)
                if color is not None:
                    item.setBackground(QBrush(color))
                if c == last and value:
                    item.setToolTip(value)  # the reason in full; the column is cut at the window's edge
                table.setItem(r, c, item)
        fit_columns(table)
        total = outcome.parsed.record_rows
        self.ui.rowsNoteLabel.setText(f"共 {total} 行，有问题 {problem_count(outcome.parsed)} 行"
                                      + (f"；这里列出前 {len(rows)} 行" if len(rows) == PREVIEW_ROWS else ""))
        self._filter_rows(self.ui.onlyProblemsCheck.isChecked())

    def _filter_rows(self, only_problems: bool) -> None:
        table = self.ui.rowTable
        for r in range(table.rowCount()):
            status = table.item(r, 2).text()
            table.setRowHidden(r, only_problems and status not in (REJECTED, DOUBTFUL))

    def isComplete(self) -> bool:
        return self.ready


class ImportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wizard_ = wizard
        self.ui = Ui_ImportProgressPage()
        self.ui.setupUi(self)
        self.ui.cancelButton.clicked.connect(self.wizard_.cancel)
        self.done = False

    def initializePage(self) -> None:
        self.done = False
        self.ui.stageLabel.setText("正在准备导入…")  # not the preview's last stage
        self.ui.progressBar.setValue(0)
        self.ui.cancelButton.setEnabled(True)
        self.wizard_.run_import(dry_run=False, done=self._finished, progress=self.progress)

    def progress(self, stage: str, fraction: float) -> None:
        self.ui.stageLabel.setText(stage)
        self.ui.progressBar.setValue(int(fraction * 1000))

    def _finished(self, outcome: ImportOutcome | None) -> None:
        self.ui.cancelButton.setEnabled(False)
        self.done = True
        self.completeChanged.emit()
        if outcome is not None:
            self.wizard_.next()

    def isComplete(self) -> bool:
        return self.done and self.wizard_.outcome is not None


class SummaryPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wizard_ = wizard
        self.ui = Ui_ImportSummaryPage()
        self.ui.setupUi(self)
        self.ui.openErrorsButton.clicked.connect(self.write_and_open_errors)
        self.errors_path: Path | None = None

    def initializePage(self) -> None:
        outcome = self.wizard_.outcome
        if outcome is None:
            return
        files = "、".join(f["file"] for f in outcome.document["files"])
        self.ui.summaryLabel.setText(
            f"已导入 {files}：\n" + count_text(outcome.document) +
            f"\n本次导入已记入“文件 → 导入记录”（批次编号 {outcome.batch_id}），需要时可在那里整批撤销。")
        self.ui.openErrorsButton.setEnabled(outcome.has_rejects)
        shown = show_problems(self.ui.problemTable, outcome.document)
        self.ui.problemsLabel.setText(f"问题清单（{shown}）：红色为未导入的行，黄色为已导入但需核对的行" if shown
                                      else "没有被拒绝或需核对的行。")
        self.ui.problemTable.setVisible(bool(shown))

    def write_and_open_errors(self) -> None:
        outcome = self.wizard_.outcome
        if outcome is None:
            return
        first = outcome.parsed.files[0].path  # beside the ledger, named after it: fixed there, imported again
        suggested = first.with_name(f"{first.stem}_导入错误.xlsx")
        path = prompts.save_file(self, "保存错误表", str(suggested), "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        self.errors_path = Path(path)
        write_errors(self.wizard_.db, outcome, self.errors_path, self.wizard_.user_name)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.errors_path)))


Mappings = dict[tuple[str, str | None], dict[int, str | None]]


def show_problems(table: QTableWidget, document: dict[str, Any]) -> int:
    """Every rejected (red) and doubtful (yellow) row of an import's summary in ``table``; returns how many."""
    problems = [(p, REJECT_COLOR) for p in document["rejects"]] + [(p, WARNING_COLOR) for p in document["warnings"]]
    table.setRowCount(len(problems))
    for r, (problem, color) in enumerate(problems):
        values = [problem["file"], problem["sheet"] or "", str(problem["row"]), problem["column"] or "",
                  problem["reason"], problem["message"]]
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setBackground(QBrush(color))
            table.setItem(r, c, item)
    fit_columns(table)
    return len(problems)


def count_text(document: dict[str, Any]) -> str:
    return "\n".join([*count_lines(document), f"需核对的提示 {len(document['warnings'])} 条"])


class ImportWizard(QWizard):
    """``grids``: the "社区/网格" a grid worker may import into (every row goes to the one chosen); None for
    the secretary, whose rows go to the grid the file names or the one chosen or typed in. ``sync_hint``
    advises a desktop that never synced to sync first; its button emits ``sync_requested``, and the owner
    calls :meth:`synced` when a round has finished."""

    sync_requested = Signal()

    def __init__(self, parent: QWidget | None, db: Database, user_name: str, grids: list[str] | None = None,
                 known_grids: list[str] | None = None, sync_hint: str | None = None):
        super().__init__(parent)
        self.db = db
        self.user_name = user_name
        self.grids = grids
        self.known_grids = known_grids or []
        self.sync_hint = sync_hint  # shown on the first page: why to sync before importing
        self.setWindowTitle("导入台账")
        self.setMinimumSize(900, 620)
        # the summary comes after the write: going back from it would show a stale preview whose 开始导入
        # imports the files a second time
        self.setOption(QWizard.WizardOption.DisabledBackButtonOnLastPage)
        self.layouts: dict[tuple[str, str | None], SheetLayout] = {}
        self.mappings: Mappings = {}
        self.applied_profiles: dict[tuple[str, str | None], str] = {}
        self.outcome: ImportOutcome | None = None
        self.keep: Keep = {}  # the rows the user chose to keep of conflicting rows (ID number -> row)
        self.loaded: tuple[ParsedBatch, Mappings] | None = None  # the mapping page's read, with its mapping
        self.previewed: tuple[ImportOutcome, Mappings, Keep] | None = None
        self.job: _Job | None = None
        self.error: str | None = None
        self.files_page = FilesPage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.import_page = ImportPage(self)
        self.summary_page = SummaryPage(self)
        for page in (self.files_page, self.mapping_page, self.preview_page, self.import_page, self.summary_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "完成")
        self.setButtonText(QWizard.WizardButton.NextButton, "下一步")
        self.setButtonText(QWizard.WizardButton.BackButton, "上一步")
        self.setButtonText(QWizard.WizardButton.CancelButton, "关闭")

    def synced(self, grids: list[str] | None, known_grids: list[str]) -> None:
        """A sync round finished (the grids the user may import into, and all known, as they are now)."""
        self.grids = grids
        self.known_grids = known_grids
        self.files_page.synced()
        self.loaded = self.previewed = None  # rows read before may have missed estates the round brought

    # -- background work -------------------------------------------------------------------------

    def _options(self) -> ImportOptions:
        return ImportOptions(grid=self.files_page.grid(), user_name=self.user_name, grid_worker=self.grids is not None)

    def _start(self, fn: Callable[[Callable[[str, float], None], Callable[[], bool]], Any],
               done: Callable[[Any], None], progress: Callable[[str, float], None]) -> None:
        self.error = None

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ReadError | ImportCancelled):
                self.error = str(exc)
            else:
                self.error = f"导入失败，数据库未作改动：{exc}"
            prompts.warn(self, "导入台账", self.error)
            done(None)

        self.job = _Job(fn, progress, done, failed).start()

    def run_preview(self, done: Callable[[ParsedBatch | None], None], progress: Callable[[str, float], None]
                    ) -> None:
        """Read and recognise the files for the mapping page; the preview's dry run takes these rows when
        the mapping is left as it was (a 100,000-row ledger is read once for the three steps)."""
        paths = self.files_page.paths()
        self.applied_profiles = {}
        self.loaded = None
        mappings = copy.deepcopy(self.mappings)

        def work(progress: Callable[[str, float], None], cancelled: Callable[[], bool]) -> ParsedBatch:
            return preview(self.db, paths, mappings=mappings, progress=progress, cancel=cancelled)

        def loaded(batch: ParsedBatch | None) -> None:
            if batch is not None:
                self.layouts = {(f.name, lay.name): lay for f in batch.files for lay in f.layouts}
                self.applied_profiles = batch.applied_profiles
                self.loaded = (batch, mappings)
            done(batch)

        self._start(work, loaded, progress)

    def run_import(self, *, dry_run: bool, done: Callable[[ImportOutcome | None], None],
                   progress: Callable[[str, float], None]) -> None:
        """The preview's dry run, or the import; each takes the rows read before it (by the mapping page,
        by the preview) when the files, the mapping and the rows to keep are as they were then."""
        paths, options = self.files_page.paths(), self._options()
        mappings, keep = copy.deepcopy(self.mappings), dict(self.keep)
        if dry_run:
            read = self.loaded[0] if self.loaded and self.loaded[1] == mappings and not keep else None
        else:
            read = self.previewed[0].parsed if self.previewed and self.previewed[1:] == (mappings, keep) else None

        def work(progress: Callable[[str, float], None], cancelled: Callable[[], bool]) -> ImportOutcome:
            parsed = read if read is not None and still_current(read, paths) else None
            return run_import(self.db, paths, options, dry_run=dry_run, mappings=mappings, parsed=parsed,
                              progress=progress, cancel=cancelled, keep=keep)

        def finished(outcome: ImportOutcome | None) -> None:
            if dry_run:
                self.previewed = (outcome, mappings, keep) if outcome is not None else None
            else:
                self.outcome = outcome
                self.loaded = self.previewed = None  # imported: a second import reads the files again
            done(outcome)

        self._start(work, finished, progress)

    def cancel(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel.set()

    def set_field(self, layout: SheetLayout, index: int, field: str | None) -> None:
        """The user chose another field for one column (applied to the preview and the import)."""
        key = next(k for k, v in self.layouts.items() if v is layout)
        self.mappings.setdefault(key, {c.index: c.field for c in layout.columns})[index] = field

    def busy(self) -> bool:
        return self.job is not None and self.job.running

    def reject(self) -> None:
        """关闭 while work runs cancels it (an import rolls back)."""
        self.cancel()
        super().reject()


def open_import_wizard(parent: QWidget | None, db: Database, user_name: str, grids: list[str] | None = None,
                       known_grids: list[str] | None = None, sync_hint: str | None = None) -> ImportWizard:
    """Show the wizard (non-modal) and return it; the caller may refresh its views on ``finished``."""
    wizard = ImportWizard(parent, db, user_name, grids, known_grids, sync_hint)
    wizard.show()
    return wizard
