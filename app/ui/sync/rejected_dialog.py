"""The changes the server refused, each with its reason; they stay on this desktop, nothing is lost.

Once the office has changed what stood in the way (a scope, a role), the selected changes can be sent
again: ``resubmit(seqs)`` queues them and says how many.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.sync_status import RejectedChange

COLUMNS = ("数据", "记录", "操作", "修改内容", "拒绝原因")


class RejectedDialog(QDialog):
    resubmitted = Signal(int)  # how many changes were queued again

    def __init__(self, changes: list[RejectedChange], resubmit: Callable[[list[int]], int],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.changes = list(changes)
        self._resubmit = resubmit
        self.setWindowTitle("被拒绝的修改")
        self.resize(900, 420)
        intro = QLabel(f"服务器拒绝了以下 {len(changes)} 条修改，它们没有同步到服务器，但仍保存在本机。"
                       "请按原因处理（例如请社区书记调整负责范围），处理好后选中并点“重新提交所选”，"
                       "下次同步时会再次上传。" if changes else
                       "没有被服务器拒绝的修改。")
        intro.setWordWrap(True)
        self.table = QTableWidget(len(changes), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        for row, change in enumerate(changes):
            for column, text in enumerate((change.table, change.record, change.action, change.changes, change.reason)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        self.resubmit_button = buttons.addButton("重新提交所选", QDialogButtonBox.ButtonRole.ActionRole)
        self.resubmit_button.setEnabled(False)
        self.resubmit_button.clicked.connect(self.resubmit_selected)
        self.table.itemSelectionChanged.connect(
            lambda: self.resubmit_button.setEnabled(bool(self.table.selectionModel().selectedRows())))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def resubmit_selected(self) -> int:
        """Queue the selected changes again and take them off the list."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()}, reverse=True)
        queued = self._resubmit([self.changes[r].seq for r in rows])
        for r in rows:
            self.table.removeRow(r)
            del self.changes[r]
        self.resubmitted.emit(queued)
        return queued

    def rows(self) -> list[tuple[str, ...]]:
        """What the table shows, row by row (for tests and copy)."""
        return [tuple(self.table.item(r, c).text() for c in range(self.table.columnCount()))
                for r in range(self.table.rowCount())]
