"""导入记录: the import batches, newest first, and 撤销所选批次 (the same undo as `gridledger undo-import`).

The undo runs in a background task with a progress dialog; 取消 rolls it back, leaving the batch as it was.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidgetItem, QWidget

from app.services.importing.pipeline import ImportCancelled
from app.services.importing.report import count_phrase
from app.services.importing.service import UndoError, batches, undo
from app.store.db import Database
from app.store.imports import BatchInfo
from app.ui import prompts
from app.ui.forms.ui_import_history import Ui_ImportHistoryDialog
from app.ui.tasks import Task, run_task

UNDONE_COLOR = QColor("#9E9E9E")
TABLE_NAMES = {"people": "人员", "households": "户", "houses": "房屋", "memberships": "成员关系",
               "person_tags": "标签", "cases": "纠纷", "buildings": "楼栋", "units": "单元", "estates": "小区"}


def _counts(counts: dict[str, Any] | None, entity: str) -> str:
    return count_phrase((counts or {}).get(entity), brief=True)


class ImportHistoryDialog(QDialog):
    undone = Signal(str)  # the batch id, after its undo was committed

    def __init__(self, db: Database, user_name: str, parent: QWidget | None = None, *, can_undo: bool = True):
        super().__init__(parent)
        self.ui = Ui_ImportHistoryDialog()
        self.ui.setupUi(self)
        self.db, self.user_name, self.can_undo = db, user_name, can_undo
        self.task: Task | None = None
        self.batches: list[BatchInfo] = []
        header = self.ui.batchTable.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.ui.batchTable.verticalHeader().setVisible(False)
        self.ui.batchTable.itemSelectionChanged.connect(self._selection_changed)
        self.ui.undoButton.clicked.connect(self.undo_selected)
        self.ui.buttons.rejected.connect(self.reject)
        if not can_undo:
            self.ui.undoButton.setToolTip("只有可以编辑居民信息的工作人员才能撤销导入")
        self.reload()

    def reload(self) -> None:
        self.batches = batches(self.db)
        table = self.ui.batchTable
        table.setRowCount(len(self.batches))
        for row, batch in enumerate(self.batches):
            counts = (batch.summary or {}).get("counts")
            by = f"由{batch.undone_by}" if batch.undone_by else ""
            state = f"已于 {batch.undone_at:%Y-%m-%d %H:%M} {by}撤销" if batch.undone_at else (
                "已导入" if batch.summary else "未完成")
            cells = (f"{batch.created_at:%Y-%m-%d %H:%M}", batch.user_name or "",
                     "、".join(f["name"] for f in batch.files), _counts(counts, "people"),
                     f"{_counts(counts, 'households')} / {_counts(counts, 'houses')}", state)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, batch.id)
                if column == 2:
                    item.setToolTip("\n".join(f"{f['name']}  sha256 {f['sha256'][:12]}…" for f in batch.files))
                if batch.undone_at:
                    item.setForeground(QBrush(UNDONE_COLOR))
                table.setItem(row, column, item)
        if not self.batches:
            self.ui.hintLabel.setText("还没有导入记录。用“导入台账”（Ctrl+I）导入 Excel/CSV 台账后，批次会列在这里。")
        self._selection_changed()

    def selected(self) -> BatchInfo | None:
        rows = {index.row() for index in self.ui.batchTable.selectedIndexes()}
        return self.batches[rows.pop()] if len(rows) == 1 else None

    def _selection_changed(self) -> None:
        batch = self.selected()
        self.ui.undoButton.setEnabled(self.can_undo and self.task is None and batch is not None
                                      and batch.undone_at is None)

    def undo_selected(self) -> Task | None:
        batch = self.selected()
        if batch is None or batch.undone_at is not None:
            return None
        files = "、".join(f["name"] for f in batch.files)
        if not prompts.ask_yes_no(self, "撤销导入", f"撤销 {batch.created_at:%Y-%m-%d %H:%M} 导入的 {files}？\n\n"
                                  f"人员：{_counts((batch.summary or {}).get('counts'), 'people')}\n"
                                  "新增的数据将被删除，修改过的数据改回导入前的样子。撤销会记入审计日志。"):
            return None
        self.task = run_task(self, "正在撤销导入",
                             lambda progress, cancel: undo(self.db, batch.id, user_name=self.user_name,
                                                           progress=progress, cancel=cancel),
                             lambda reverted: self._done(batch.id, reverted), self._failed)
        self._selection_changed()
        return self.task

    def _done(self, batch_id: str, reverted: dict[str, int]) -> None:
        self.task = None
        self.reload()
        self.undone.emit(batch_id)
        lines = [f"{TABLE_NAMES.get(table, table)} {count}" for table, count in reverted.items() if count]
        prompts.inform(self, "撤销完成", "已撤销本批次：" + ("，".join(lines) or "没有需要撤销的数据"))

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self._selection_changed()
        if isinstance(exc, ImportCancelled):
            return
        prompts.warn(self, "无法撤销", str(exc) if isinstance(exc, UndoError) else f"撤销失败，数据库未作改动：{exc}")
