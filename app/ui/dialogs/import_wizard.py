"""导入台账 wizard: choose files → detected sheets and the editable column mapping → preview with problem
rows highlighted → import with a progress bar and 取消 → summary with a button for the error workbook.

Reading, previewing and importing run in a QThreadPool worker (app.ui.tasks' runnable): the window stays
responsive and a cancelled or failed import leaves the database untouched (one transaction).
Open it from the main window with ``open_import_wizard(parent, db, user_name, grids)``.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
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
)
from app.store.db import Database
from app.ui import prompts
from app.ui.tasks import Worker, WorkerSignals

REJECT_COLOR = QColor("#FFC7CE")
WARNING_COLOR = QColor("#FFEB9C")
MERGED_COLOR = QColor("#E7E6E6")
STATUS_COLORS = {REJECTED: REJECT_COLOR, DOUBTFUL: WARNING_COLOR, MERGED: MERGED_COLOR}
ROW_HEADERS = ["工作表", "行", "结果", "姓名 / 日期", "身份证号", "地址", "关系、标签 / 类型、当事人", "说明"]
PREVIEW_ROWS = 1000
FILE_FILTER = "台账 (*.xlsx *.xlsm *.xls *.csv);;所有文件 (*)"


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


class FilesPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("选择台账文件")
        self.setSubTitle("可一次选择多个文件（人口、房屋、特殊人群、矛盾纠纷台账；xlsx、xls、csv），作为一个批次导入。")
        self.files = QListWidget()
        add, remove = QPushButton("添加文件…"), QPushButton("移除")
        add.clicked.connect(self._add)
        remove.clicked.connect(self._remove)
        self.grid = QComboBox()
        if wizard.grids is None:  # all grids: the file's own, one chosen, or a new one typed in
            self.grid.setEditable(True)
            self.grid.addItems(["", *wizard.known_grids])
            self.grid.lineEdit().setPlaceholderText("可不填：按表头写明的网格导入；或选择、填写“社区/网格”")
        else:  # a grid worker writes to their own grids only
            self.grid.addItems(wizard.grids)
            self.grid.setToolTip("网格员只能导入到自己负责的网格")
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        form = QFormLayout()
        form.addRow("导入到网格：", self.grid)
        layout = QVBoxLayout(self)
        layout.addWidget(self.files)
        layout.addLayout(buttons)
        layout.addLayout(form)

    def add_files(self, paths: list[str]) -> None:
        present = {self.files.item(i).text() for i in range(self.files.count())}
        for path in paths:
            if path not in present:
                self.files.addItem(path)
        self.completeChanged.emit()

    def _add(self) -> None:
        path = prompts.open_file(self, "选择台账文件", FILE_FILTER)
        if path:
            self.add_files([path])

    def _remove(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self.completeChanged.emit()

    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

    def isComplete(self) -> bool:
        return self.files.count() > 0


class MappingPage(QWizardPage):
    """Detected sheets (kind, header rows, rows) and the column mapping of the selected sheet."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("识别结果与列映射")
        self.setSubTitle("检查每个工作表识别出的表头和列；如有不对，在“导入为”一列中改正。可保存为映射方案，"
                         "下次遇到相同表头的文件会自动使用。")
        self.status = QLabel()
        self.sheets = QTreeWidget()
        self.sheets.setHeaderLabels(["文件 / 工作表", "类型", "表头行", "数据行"])
        self.sheets.currentItemChanged.connect(lambda *_: self._show_columns())
        self.columns = QTableWidget(0, 3)
        self.columns.setHorizontalHeaderLabels(["列", "表头", "导入为"])
        self.columns.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.profile_name = QLineEdit()
        self.profile_name.setPlaceholderText("映射方案名称，如“某街道人口表”")
        save = QPushButton("保存映射方案")
        save.clicked.connect(self.save_profile)
        row = QHBoxLayout()
        row.addWidget(self.profile_name)
        row.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.sheets, 1)
        layout.addWidget(self.columns, 2)
        layout.addLayout(row)
        self.ready = False

    def initializePage(self) -> None:
        self.ready = False
        self.sheets.clear()
        self.columns.setRowCount(0)
        self.status.setText("正在读取和识别…")
        self.wizard_.run_preview(self._loaded)

    def _loaded(self, batch: ParsedBatch | None) -> None:
        if batch is None:
            return
        for file in batch.files:
            top = QTreeWidgetItem([file.name, "", "", ""])
            self.sheets.addTopLevelItem(top)
            for layout in file.layouts:
                kind = KIND_TITLES.get(layout.kind or "", {"hidden": "隐藏表（跳过）", "empty": "空表（跳过）",
                                                           "unrecognised": "未识别（跳过）"}.get(layout.role, ""))
                item = QTreeWidgetItem([layout.name or file.name, kind,
                                        "、".join(map(str, layout.header_rows)), str(len(layout.data_rows))])
                item.setData(0, 256, (file.name, layout.name))
                top.addChild(item)
                if layout.kind and self.sheets.currentItem() is None:
                    self.sheets.setCurrentItem(item)
            top.setExpanded(True)
        applied = self.wizard_.applied_profiles
        self.status.setText("已识别。" + ("已自动使用映射方案：" + "、".join(sorted(set(applied.values())))
                                         if applied else ""))
        self.ready = True
        self.completeChanged.emit()

    def current_layout(self) -> SheetLayout | None:
        item = self.sheets.currentItem()
        key = item.data(0, 256) if item else None
        return self.wizard_.layouts.get(key) if key else None

    def _show_columns(self) -> None:
        layout = self.current_layout()
        self.columns.setRowCount(0)
        if layout is None or not layout.kind:
            return
        options = profiles.field_options(layout.kind)
        self.columns.setRowCount(len(layout.columns))
        for row, choice in enumerate(profiles.choices(layout)):
            self.columns.setItem(row, 0, QTableWidgetItem(choice.letter))
            self.columns.setItem(row, 1, QTableWidgetItem(choice.header.replace("\n", " ")))
            combo = QComboBox()
            combo.addItem("（不导入）", None)
            for field, title in options:
                combo.addItem(title, field)
            combo.setCurrentIndex(max(0, combo.findData(choice.field)) if choice.field else 0)
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, index=choice.index, lay=layout: self.wizard_.set_field(lay, index, c.currentData()))
            self.columns.setCellWidget(row, 2, combo)

    def save_profile(self) -> None:
        layout = self.current_layout()
        name = self.profile_name.text().strip()
        if layout is None or not layout.kind or not name:
            prompts.warn(self, "保存映射方案", "请先选中一个已识别的工作表，并填写方案名称。")
            return
        profiles.save(self.wizard_.db, name, layout)
        self.status.setText(f"已保存映射方案“{name}”。")

    def isComplete(self) -> bool:
        return self.ready


class PreviewPage(QWizardPage):
    """What the import would do (a dry run): counts per entity, the rows as they will be imported with the
    problem rows highlighted (the first PREVIEW_ROWS), and every rejected or doubtful row."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("预览")
        self.setSubTitle("以下为试导入的结果（尚未写入）。红色行将被拒绝，黄色行会导入但需核对，灰色行是重复行（已合并）。")
        self.counts = QLabel()
        self.rows = QTableWidget(0, len(ROW_HEADERS))
        self.rows.setHorizontalHeaderLabels(ROW_HEADERS)
        self.rows.horizontalHeader().setSectionResizeMode(len(ROW_HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self.rows.verticalHeader().setVisible(False)
        self.only_problems = QCheckBox("只看有问题的行")
        self.only_problems.toggled.connect(self._filter_rows)
        self.rows_note = QLabel()
        self.shown_rows: list[PreviewRow] = []
        self.keep_button = QPushButton("保留此行（替换已保留的同号记录）")
        self.keep_button.setToolTip("同一身份证号有两行内容不同时，默认保留先出现的一行；选中被拒绝的一行后点此改为保留它")
        self.keep_button.setEnabled(False)
        self.keep_button.clicked.connect(self.keep_selected)
        self.rows.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.rows.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.rows.itemSelectionChanged.connect(
            lambda: self.keep_button.setEnabled(self.ready and self.selected_row() is not None
                                                and self.selected_row().keep_instead is not None))
        rows_tab = QWidget()
        rows_layout = QVBoxLayout(rows_tab)
        options = QHBoxLayout()
        options.addWidget(self.only_problems)
        options.addWidget(self.keep_button)
        options.addStretch()
        options.addWidget(self.rows_note)
        rows_layout.addLayout(options)
        rows_layout.addWidget(self.rows)
        self.problems = QTableWidget(0, 6)
        self.problems.setHorizontalHeaderLabels(["文件", "工作表", "行", "列", "原因", "说明"])
        self.problems.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.tabs = QTabWidget()
        self.tabs.addTab(rows_tab, "逐行预览")
        self.tabs.addTab(self.problems, "问题清单")
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.tabs, 1)
        self.ready = False

    def initializePage(self) -> None:
        self.ready = False
        self.keep_button.setEnabled(False)
        self.counts.setText("正在试导入…")
        self.problems.setRowCount(0)
        self.rows.setRowCount(0)
        self.shown_rows = []
        self.wizard_.run_import(dry_run=True, done=self._shown)

    def _shown(self, outcome: ImportOutcome | None) -> None:
        if outcome is None:
            return
        self.counts.setText(count_text(outcome.document))
        self._show_rows(outcome)
        problems = [(p, REJECT_COLOR) for p in outcome.document["rejects"]] + \
                   [(p, WARNING_COLOR) for p in outcome.document["warnings"]]
        self.problems.setRowCount(len(problems))
        for r, (problem, color) in enumerate(problems):
            values = [problem["file"], problem["sheet"] or "", str(problem["row"]), problem["column"] or "",
                      problem["reason"], problem["message"]]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setBackground(QBrush(color))
                self.problems.setItem(r, c, item)
        self.tabs.setTabText(1, f"问题清单（{len(problems)}）")
        self.ready = True
        self.completeChanged.emit()

    def selected_row(self) -> PreviewRow | None:
        chosen = {index.row() for index in self.rows.selectedIndexes()}
        return self.shown_rows[chosen.pop()] if len(chosen) == 1 else None

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
        self.rows.setRowCount(len(rows))
        for r, row in enumerate(rows):
            where = f"{row.file} {row.sheet or ''}".strip() if several else (row.sheet or row.file)
            color = STATUS_COLORS.get(row.status)
            for c, value in enumerate((where, str(row.row), row.status, row.name, row.id_number, row.place,
                                       row.detail, row.message)):
                item = QTableWidgetItem(value)
                if color is not None:
                    item.setBackground(QBrush(color))
                if c == len(ROW_HEADERS) - 1 and value:
                    item.setToolTip(value)  # the reason in full; the column is cut at the window's edge
                self.rows.setItem(r, c, item)
        self.rows.resizeColumnsToContents()
        total = outcome.parsed.record_rows
        self.rows_note.setText(f"共 {total} 行，有问题 {problem_count(outcome.parsed)} 行"
                               + (f"；这里列出前 {len(rows)} 行" if len(rows) == PREVIEW_ROWS else ""))
        self._filter_rows(self.only_problems.isChecked())

    def _filter_rows(self, only_problems: bool) -> None:
        for r in range(self.rows.rowCount()):
            status = self.rows.item(r, 2).text()
            self.rows.setRowHidden(r, only_problems and status not in (REJECTED, DOUBTFUL))

    def isComplete(self) -> bool:
        return self.ready


class ImportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("导入")
        self.setSubTitle("正在写入数据库。取消或出错时数据库保持原样。")
        self.stage = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.cancel_button = QPushButton("取消导入")
        self.cancel_button.clicked.connect(self.wizard_.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        layout.addStretch()
        self.done = False

    def initializePage(self) -> None:
        self.done = False
        self.stage.setText("正在准备导入…")  # not the preview's last stage
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self.wizard_.run_import(dry_run=False, done=self._finished)

    def progress(self, stage: str, fraction: float) -> None:
        self.stage.setText(stage)
        self.bar.setValue(int(fraction * 1000))

    def _finished(self, outcome: ImportOutcome | None) -> None:
        self.cancel_button.setEnabled(False)
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
        self.setTitle("导入完成")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.open_errors = QPushButton("打开错误表…")
        self.open_errors.clicked.connect(self.write_and_open_errors)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.open_errors)
        layout.addStretch()
        self.errors_path: Path | None = None

    def initializePage(self) -> None:
        outcome = self.wizard_.outcome
        if outcome is None:
            return
        self.text.setText(f"批次 {outcome.batch_id}\n" + count_text(outcome.document) +
                          "\n可在“文件 → 导入记录”中撤销本批次。")
        self.open_errors.setEnabled(outcome.has_rejects)

    def write_and_open_errors(self) -> None:
        outcome = self.wizard_.outcome
        if outcome is None:
            return
        path = prompts.save_file(self, "保存错误表", "导入错误.xlsx", "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        self.errors_path = Path(path)
        outcome.write_errors(self.errors_path)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.errors_path)))


Mappings = dict[tuple[str, str | None], dict[int, str | None]]


def count_text(document: dict[str, Any]) -> str:
    return "\n".join([*count_lines(document), f"需核对的提示 {len(document['warnings'])} 条"])


class ImportWizard(QWizard):
    """``grids``: the "社区/网格" a grid worker may import into (every row goes to the one chosen); None for
    the secretary, whose rows go to the grid the file names or the one chosen or typed in."""

    def __init__(self, parent: QWidget | None, db: Database, user_name: str, grids: list[str] | None = None,
                 known_grids: list[str] | None = None):
        super().__init__(parent)
        self.db = db
        self.user_name = user_name
        self.grids = grids
        self.known_grids = known_grids or []
        self.setWindowTitle("导入台账")
        self.setMinimumSize(900, 620)
        self.layouts: dict[tuple[str, str | None], SheetLayout] = {}
        self.mappings: Mappings = {}
        self.applied_profiles: dict[tuple[str, str | None], str] = {}
        self.outcome: ImportOutcome | None = None
        self.keep: Keep = {}  # the rows the user chose to keep of conflicting rows (ID number -> row)
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

    # -- background work -------------------------------------------------------------------------

    def _options(self) -> ImportOptions:
        return ImportOptions(grid=self.files_page.grid.currentText().strip() or None, user_name=self.user_name)

    def _start(self, fn: Callable[[Callable[[str, float], None], Callable[[], bool]], Any],
               done: Callable[[Any], None]) -> None:
        self.error = None

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ReadError | ImportCancelled):
                self.error = str(exc)
            else:
                self.error = f"导入失败，数据库未作改动：{exc}"
            prompts.warn(self, "导入台账", self.error)
            done(None)

        self.job = _Job(fn, self.import_page.progress, done, failed).start()

    def run_preview(self, done: Callable[[ParsedBatch | None], None]) -> None:
        paths = self.files_page.paths()
        self.applied_profiles = {}

        def work(progress: Callable[[str, float], None], cancelled: Callable[[], bool]) -> ParsedBatch:
            return preview(self.db, paths, mappings=self.mappings, progress=progress, cancel=cancelled,
                           applied=self.applied_profiles)

        def loaded(batch: ParsedBatch | None) -> None:
            if batch is not None:
                self.layouts = {(f.name, lay.name): lay for f in batch.files for lay in f.layouts}
            done(batch)

        self._start(work, loaded)

    def run_import(self, *, dry_run: bool, done: Callable[[ImportOutcome | None], None]) -> None:
        """The preview's dry run, or the import; the import takes the rows the preview read when the
        files and the mapping are as they were (a 100,000-row ledger is not read a third time)."""
        paths, options = self.files_page.paths(), self._options()
        mappings, keep = copy.deepcopy(self.mappings), dict(self.keep)
        previewed = self.previewed if not dry_run and self.previewed and self.previewed[1:] == (mappings, keep) \
            else None

        def work(progress: Callable[[str, float], None], cancelled: Callable[[], bool]) -> ImportOutcome:
            parsed = previewed[0].parsed if previewed and still_current(previewed[0].parsed, paths) else None
            return run_import(self.db, paths, options, dry_run=dry_run, mappings=mappings, parsed=parsed,
                              progress=progress, cancel=cancelled, keep=keep)

        def finished(outcome: ImportOutcome | None) -> None:
            if dry_run:
                self.previewed = (outcome, mappings, keep) if outcome is not None else None
            else:
                self.outcome = outcome
                self.previewed = None  # imported: a second import reads the files again
            done(outcome)

        self._start(work, finished)

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
                       known_grids: list[str] | None = None) -> ImportWizard:
    """Show the wizard (non-modal) and return it; the caller may refresh its views on ``finished``."""
    wizard = ImportWizard(parent, db, user_name, grids, known_grids)
    wizard.show()
    return wizard
