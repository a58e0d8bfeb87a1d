"""Conflict review for a community secretary: both values of every conflict, who wrote each and when,
and 恢复此值 to write the losing value again (a new edit that syncs and wins on the next round)."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.sync_status import ConflictView, mark_reviewed, restore_value
from app.store.db import Database
from app.store.writes import WriteError
from app.ui import prompts
from app.ui.sync.controller import SyncController

COLUMNS = ("记录时间", "类型", "数据", "记录", "项目", "保留的值", "未生效的值")


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else "时间未知"


class ConflictReviewDialog(QDialog):
    restored = Signal(str, str)  # table, row id: a value was written again on this desktop

    def __init__(self, db: Database, controller: SyncController, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.controller = controller
        self.conflicts: list[ConflictView] = []
        self.done_ids: set[int] = set()
        self.setWindowTitle("核对冲突")
        self.resize(1000, 560)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.show_reviewed = QCheckBox("显示已核对的冲突")
        self.show_reviewed.toggled.connect(lambda _checked: self.reload())
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selected)
        self.detail = QLabel("选择一条冲突查看两个值。")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.restore_button = QPushButton("恢复此值")
        self.restore_button.setToolTip("把未生效的值重新写入（作为一次新的修改），下次同步时它将成为最终值")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        self.reviewed_button = QPushButton("全部标为已核对")
        self.reviewed_button.clicked.connect(self.mark_all_reviewed)
        refresh = QPushButton("刷新")
        refresh.clicked.connect(self.reload)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.show_reviewed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        for button in (self.reviewed_button, refresh, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        controller.conflicts_loaded.connect(self._loaded)
        controller.conflicts_failed.connect(self._failed)
        self.reload()

    # -- loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        self.status.setText("正在从服务器读取冲突记录…")
        self.controller.load_conflicts(include_reviewed=self.show_reviewed.isChecked())

    def _failed(self, message: str) -> None:
        self.status.setText(f"无法读取冲突记录：{message}")

    def _loaded(self, conflicts: list[ConflictView]) -> None:
        self.conflicts = conflicts
        self.table.setRowCount(len(conflicts))
        for row, c in enumerate(conflicts):
            for column, text in enumerate((_when(c.logged_at), c.kind, c.table_label, c.record, c.field_label,
                                           c.kept_text, c.lost_text)):
                item = QTableWidgetItem(text)
                item.setToolTip(c.note)
                if not c.reviewed:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        unreviewed = sum(not c.reviewed for c in conflicts)
        self.status.setText(f"共 {len(conflicts)} 处冲突，其中 {unreviewed} 处未核对。" if conflicts else
                            "没有待核对的冲突。")
        self.reviewed_button.setEnabled(unreviewed > 0)
        if conflicts:
            self.table.selectRow(0)
        else:
            self._selected()

    # -- one conflict ----------------------------------------------------------------------------

    def current(self) -> ConflictView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.conflicts[rows[0].row()] if rows else None

    def _selected(self) -> None:
        c = self.current()
        if c is None:
            self.detail.setText("选择一条冲突查看两个值。")
            self.restore_button.setEnabled(False)
            return
        self.detail.setText(
            f"<b>{escape(c.table_label)}“{escape(c.record)}”的{escape(c.field_label)}</b>（{escape(c.kind)}）<br>"
            f"保留的值：<b>{escape(c.kept_text)}</b>，由 {escape(c.kept_by)} 于 {_when(c.kept_at)} 写入<br>"
            f"未生效的值：<b>{escape(c.lost_text)}</b>，由 {escape(c.lost_by)} 于 {_when(c.lost_at)} 写入<br>"
            f"{escape(c.note)}")
        self.restore_button.setEnabled(c.restorable and c.id not in self.done_ids)
        if not c.restorable:
            self.restore_button.setToolTip("这类冲突（合并记录或事件办理）不能按值恢复，请在事件或人员页面处理")

    def restore_selected(self) -> None:
        c = self.current()
        if c is None or not c.restorable or c.field is None:
            return
        if not prompts.ask_yes_no(self, "恢复此值",
                                  f"把{c.table_label}“{c.record}”的{c.field_label}恢复为“{c.lost_text}”？\n"
                                  f"当前的“{c.kept_text}”将被替换，这次修改会同步到服务器。"):
            return
        try:
            changed = restore_value(self.db, c.table, c.row_id, c.field, c.lost_value)
        except WriteError as exc:
            prompts.warn(self, "无法恢复", f"{exc}\n本机可能还没有这条记录，请先同步后再试。")
            return
        self.done_ids.add(c.id)
        self.restore_button.setEnabled(False)
        if not changed:
            self.status.setText("本机的记录已经是这个值，无需恢复。")
            return
        self.status.setText(f"已恢复{c.field_label}为“{c.lost_text}”，正在同步…")
        self.restored.emit(c.table, c.row_id)
        self.controller.changed()
        self.controller.sync_now()

    def mark_all_reviewed(self) -> None:
        if self.conflicts:
            mark_reviewed(self.db, max(c.id for c in self.conflicts))
            self.controller.refresh()
            self.reload()
