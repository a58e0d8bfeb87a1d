"""Print preview (QtPdf) for 一户一档, building volumes and rosters, statistics; batch printing of a grid.

The PDF is made by the reports service exactly as the command line makes it; the dialog shows it with
QPdfView and prints it page by page as images through QPrintDialog (no PDF reader needed on the PC).
Masked by default; a user whose role allows it may tick "显示完整身份证号和电话". Printing and saving
are written to the audit log (a revealed preview too, since full values are then on screen).
Large jobs (a building, a grid) render in the background with progress and cancel (app.ui.tasks).
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QVBoxLayout, QWidget

from app.domain.roles import UserProfile
from app.services.reports.access import ReportError
from app.services.reports.batch import render_grid
from app.services.reports.building import render_building
from app.services.reports.household import render_household
from app.services.reports.layout import ReportCancelled
from app.services.reports.output import Cancel, Progress, ReportResult, record_output
from app.services.reports.statistics import render_statistics
from app.store.db import Database
from app.ui import prompts
from app.ui.forms.ui_print_preview import Ui_PrintPreview
from app.ui.tasks import run_task

Render = Callable[[Path, bool, Progress, Cancel], ReportResult]
MAX_WARNINGS = 6
PRINT_DPI = 300


@dataclasses.dataclass(frozen=True)
class PrintJob:
    """One choice in the 内容 list: its label, how to make its PDF, and whether that takes long."""

    label: str
    render: Render
    background: bool = False
    file_name: str = "打印.pdf"


def print_pdf(document: QPdfDocument, printer: QPrinter, first: int = 0, last: int | None = None) -> int:
    """Paint pages ``first..last`` (0-based) of ``document`` onto ``printer``; returns the pages printed."""
    last = document.pageCount() - 1 if last is None else min(last, document.pageCount() - 1)
    painter = QPainter()
    if not painter.begin(printer):
        raise ReportError("无法开始打印：打印机不可用或已被占用，请检查打印机后重试。")
    try:
        dpi = min(printer.resolution(), PRINT_DPI)
        for index in range(first, last + 1):
            if index > first:
                printer.newPage()
            points = document.pagePointSize(index)
            image = document.render(index, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)))
            area = QRectF(painter.viewport())
            scale = min(area.width() / image.width(), area.height() / image.height())
            target = QRectF(QPointF(0, 0), QSize(round(image.width() * scale), round(image.height() * scale)).toSizeF())
            target.moveCenter(area.center())
            painter.drawImage(target, image)
    finally:
        painter.end()
    return last - first + 1


class PrintPreviewDialog(QDialog):
    def __init__(self, db: Database, user: UserProfile, jobs: list[PrintJob], parent: QWidget | None = None,
                 title: str = "打印预览"):
        super().__init__(parent)
        self.ui = Ui_PrintPreview()
        self.ui.setupUi(self)
        self.setWindowTitle(title)
        self.db, self.user, self.jobs = db, user, jobs
        self.result: ReportResult | None = None
        self._dir = tempfile.TemporaryDirectory(prefix="gridledger-print-")
        self._renders = 0
        self.document = QPdfDocument(self)
        self.view = QPdfView(self.ui.viewHolder)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        holder = QVBoxLayout(self.ui.viewHolder)
        holder.setContentsMargins(0, 0, 0, 0)
        holder.addWidget(self.view)
        for job in jobs:
            self.ui.contentCombo.addItem(job.label)
        self.ui.contentCombo.setVisible(len(jobs) > 1)
        self.ui.contentLabel.setVisible(len(jobs) > 1)
        self.ui.revealCheck.setVisible(user.permissions.reveal)
        self.ui.warningLabel.hide()
        self.ui.contentCombo.currentIndexChanged.connect(self.refresh)
        self.ui.revealCheck.toggled.connect(self.refresh)
        self.ui.printButton.clicked.connect(self.print_document)
        self.ui.saveButton.clicked.connect(self.save_document)
        self.ui.closeButton.clicked.connect(self.close)
        self.ui.zoomInButton.clicked.connect(lambda: self._zoom(1.25))
        self.ui.zoomOutButton.clicked.connect(lambda: self._zoom(0.8))
        self.ui.fitButton.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        self._set_ready(False)

    # -- rendering -------------------------------------------------------------------------------

    @property
    def job(self) -> PrintJob:
        return self.jobs[max(0, self.ui.contentCombo.currentIndex())]

    def refresh(self) -> None:
        """Make the PDF for the current choice (in the background for a long job) and show it."""
        job, reveal = self.job, self.ui.revealCheck.isChecked()
        self._renders += 1
        out = Path(self._dir.name) / f"preview-{self._renders}.pdf"
        self._set_ready(False)
        self.ui.statusLabel.setText("正在生成…")
        if not job.background:
            try:
                self._show(job.render(out, reveal, lambda _m, _f: None, lambda: False))
            except ReportError as exc:
                self._failed(exc)
            return
        run_task(self, f"正在生成{job.label}", lambda progress, cancel: job.render(out, reveal, progress, cancel),
                 self._show, self._failed)

    def _show(self, result: ReportResult) -> None:
        self.result = result
        self.document.close()
        self.document.load(str(result.path))
        if result.revealed:  # full values are on screen from now on
            record_output(self.db, self.user, result, "preview")
        parts = [f"共 {self.document.pageCount()} 页", f"{result.households} 户 {result.people} 人" if result.people
                 else "", "含完整身份证号和电话" if result.revealed else "身份证号和电话已打码"]
        self.ui.statusLabel.setText(" · ".join(p for p in parts if p))
        self._show_warnings(result)
        self._show_page(0)
        self._set_ready(True)

    def _failed(self, exc: BaseException) -> None:
        self._set_ready(self.result is not None)
        self.ui.statusLabel.setText("")
        if isinstance(exc, ReportCancelled):
            if self.result is None:
                self.close()
            return
        if isinstance(exc, ReportError):
            if self.ui.revealCheck.isChecked():
                self.ui.revealCheck.blockSignals(True)
                self.ui.revealCheck.setChecked(False)
                self.ui.revealCheck.blockSignals(False)
            prompts.warn(self, "无法生成打印件", str(exc))
            return
        raise exc

    def _show_warnings(self, result: ReportResult) -> None:
        found = result.unprintable
        if not found:
            self.ui.warningLabel.hide()
            return
        lines = [u.message for u in found[:MAX_WARNINGS]]
        if len(found) > MAX_WARNINGS:
            lines.append(f"……另有 {len(found) - MAX_WARNINGS} 处")
        self.ui.warningLabel.setText("以下文字含字库中没有的生僻字，打印件中以 〓 代替，请在打印后手工补写：\n"
                                     + "\n".join(lines))
        self.ui.warningLabel.show()

    def _set_ready(self, ready: bool) -> None:
        for widget in (self.ui.printButton, self.ui.saveButton, self.ui.contentCombo, self.ui.revealCheck):
            widget.setEnabled(ready)

    def _show_page(self, page: int) -> None:
        count = self.document.pageCount()
        self.ui.pageLabel.setText(f"第 {page + 1} / {count} 页" if count else "")

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(5.0, self.view.zoomFactor() * factor)))

    # -- output ----------------------------------------------------------------------------------

    def ask_printer(self) -> QPrinter | None:
        """The printer the user chose in the system dialog, or None (tests replace this)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)  # the PDF has its own margins; print it 1:1
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        points = self.document.pagePointSize(0)
        landscape = points.width() > points.height()
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape
                                   else QPageLayout.Orientation.Portrait)
        printer.setFromTo(1, self.document.pageCount())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(f"打印{self.job.label}")
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def print_document(self) -> None:
        if self.result is None:
            return
        printer = self.ask_printer()
        if printer is None:
            return
        first, last = printer.fromPage(), printer.toPage()
        pages = print_pdf(self.document, printer, max(first, 1) - 1, (last - 1) if last else None)
        record_output(self.db, self.user, dataclasses.replace(self.result, pages=pages), "printer")
        self.ui.statusLabel.setText(f"已发送 {pages} 页到打印机")

    def save_document(self) -> None:
        if self.result is None:
            return
        chosen = prompts.save_file(self, "另存为 PDF", self.job.file_name, "PDF 文件 (*.pdf)")
        if not chosen:
            return
        target = Path(chosen) if chosen.lower().endswith(".pdf") else Path(chosen + ".pdf")
        try:
            shutil.copyfile(self.result.path, target)
        except OSError as exc:
            prompts.warn(self, "无法保存", f"无法写入 {target}：{exc.strerror or exc}。请换一个文件夹或文件名。")
            return
        record_output(self.db, self.user, dataclasses.replace(self.result, path=target), "file")
        self.ui.statusLabel.setText(f"已保存到 {target}")

    def closeEvent(self, event: object) -> None:
        self.document.close()
        self._dir.cleanup()
        super().closeEvent(event)  # type: ignore[arg-type]


# --- entry points for the main window ---------------------------------------------------------------

def _open(parent: QWidget | None, db: Database, user: UserProfile, jobs: list[PrintJob], title: str
          ) -> PrintPreviewDialog:
    dialog = PrintPreviewDialog(db, user, jobs, parent, title)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.refresh()
    return dialog


def open_household_print(parent: QWidget | None, db: Database, household_id: str, user: UserProfile
                         ) -> PrintPreviewDialog:
    """"打印一户一档" on the household page."""
    def render(out: Path, reveal: bool, _progress: Progress, _cancel: Cancel) -> ReportResult:
        return render_household(db, household_id, out, user=user, reveal=reveal, audit=False)

    return _open(parent, db, user, [PrintJob("一户一档", render, file_name="一户一档.pdf")], "打印一户一档")


def open_building_print(parent: QWidget | None, db: Database, building_id: str, user: UserProfile, *,
                        table: bool = True) -> PrintPreviewDialog:
    """"打印楼栋台账" on the building map: the 楼栋台账 table, or every household's file (switchable)."""
    def job(label: str, as_table: bool) -> PrintJob:
        def render(out: Path, reveal: bool, progress: Progress, cancel: Cancel) -> ReportResult:
            return render_building(db, building_id, out, user=user, table=as_table, reveal=reveal,
                                   progress=progress, cancel=cancel, audit=False)
        return PrintJob(label, render, background=True, file_name=f"{label}.pdf")

    jobs = [job("楼栋台账", True), job("全楼一户一档", False)]
    return _open(parent, db, user, jobs if table else jobs[::-1], "打印楼栋台账")


def open_statistics_print(parent: QWidget | None, db: Database, user: UserProfile) -> PrintPreviewDialog:
    def render(out: Path, _reveal: bool, _progress: Progress, _cancel: Cancel) -> ReportResult:
        return render_statistics(db, out, user=user, audit=False)

    return _open(parent, db, user, [PrintJob("统计报表", render, background=True, file_name="统计报表.pdf")],
                 "打印统计报表")


def choose_folder(parent: QWidget | None, title: str) -> str | None:
    """The output folder of a batch (tests replace this)."""
    return QFileDialog.getExistingDirectory(parent, title) or None


def open_grid_batch(parent: QWidget, db: Database, grid_id: str, user: UserProfile, *, per: str = "building",
                    table: bool = False, on_finished: Callable[[ReportResult], None] | None = None) -> object | None:
    """Print a whole grid into a folder in the background (one PDF per building or per household)."""
    folder = choose_folder(parent, "选择保存打印文件的文件夹")
    if not folder:
        return None

    def done(result: ReportResult) -> None:
        state = "已取消，已完成的文件保留在文件夹中" if result.cancelled else "已完成"
        text = f"{result.target}批量打印{state}：{len(result.files)} 个文件，共 {result.pages} 页。\n{folder}"
        if result.unprintable:
            example = result.unprintable[0].message
            text += f"\n\n有 {len(result.unprintable)} 处生僻字印为 〓，请手工补写，例如：\n{example}"
        prompts.inform(parent, "批量打印", text)
        if on_finished:
            on_finished(result)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, ReportError):
            prompts.warn(parent, "批量打印", str(exc))
            return
        raise exc

    return run_task(parent, "正在批量打印", lambda progress, cancel: render_grid(
        db, grid_id, Path(folder), user=user, per=per, table=table, progress=progress, cancel=cancel), done, failed)
