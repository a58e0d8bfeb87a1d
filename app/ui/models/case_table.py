"""A lazy case table for the board: holds the ids of the filter, fetches rows in pages as they are shown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.services.cases import CaseRow, CaseService

COLUMNS: tuple[tuple[str, str], ...] = (
    ("number", "编号"), ("title", "标题"), ("category", "类别"), ("state_label", "状态"), ("priority", "紧急程度"),
    ("deadline", "期限"), ("handler", "处置人"), ("place", "地点"), ("grid", "网格"),
)
PAGE = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1
NEAR_COLOR = QColor("#fff1b8")  # yellow: the deadline is near
OVERDUE_COLOR = QColor("#ffccc7")  # red: the deadline has passed
ModelIndex = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    def __init__(self, service: CaseService, parent: Any = None):
        super().__init__(parent)
        self._service = service
        self._ids: list[str] = []
        self._pages: dict[int, list[CaseRow | None]] = {}

    def set_ids(self, ids: Sequence[str]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._pages.clear()
        self.endResetModel()

    def case_id(self, row: int) -> str:
        return self._ids[row]

    def row_for(self, row: int) -> CaseRow | None:
        page = row // PAGE
        if page not in self._pages:
            ids = self._ids[page * PAGE:(page + 1) * PAGE]
            fetched = {r.id: r for r in self._service.rows(ids)}
            self._pages[page] = [fetched.get(i) for i in ids]
        return self._pages[page][row - page * PAGE]

    # -- Qt model interface ----------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole):
            return None
        row = self.row_for(index.row())
        if row is None:
            return None
        status = row.deadline_status
        if role == Qt.ItemDataRole.BackgroundRole:
            if status is None or status.level == "ok":
                return None
            return OVERDUE_COLOR if status.level == "overdue" else NEAR_COLOR
        key = COLUMNS[index.column()][0]
        if key == "deadline":
            if row.deadline is None:
                return ""
            text = row.deadline.isoformat()
            return f"{text}（{status.label}）" if status else text
        if role == Qt.ItemDataRole.ToolTipRole and key == "title":
            return f"{row.number} {row.title}\n{row.place}"
        value = getattr(row, key)
        return "" if value is None else str(value)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1]
        return str(section + 1)
