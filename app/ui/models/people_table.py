"""A lazy people table: holds only the ids of the place, fetches rows in pages as they are shown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.services.people import PeopleService, PersonRow
from app.services.places import KeyList, PeopleList

COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "姓名"), ("gender", "性别"), ("age", "年龄"), ("relation", "与户主关系"),
    ("id_number", "身份证号"), ("phone", "联系电话"), ("address", "住址"), ("grid", "网格"), ("tags", "特殊人群"),
)
PAGE = 200
ModelIndex = QModelIndex | QPersistentModelIndex


SORT_KEYS = {"name": "name", "gender": "gender", "age": "age", "relation": "relation", "id_number": "id_number",
             "phone": "phone", "address": "address", "grid": "grid"}


class PeopleTableModel(QAbstractTableModel):
    """Sorting is done by the database (the ids are re-queried in the new order), never in memory."""

    sort_requested = Signal(str, bool)  # a places.SORTS key, descending

    def __init__(self, service: PeopleService, parent: Any = None):
        super().__init__(parent)
        self._service = service
        self._list: PeopleList = KeyList([])
        self._pages: dict[int, list[PersonRow]] = {}
        self.masked = True

    def set_list(self, people: PeopleList) -> None:
        self.beginResetModel()
        self._list = people
        self._pages.clear()
        self.endResetModel()

    def set_masked(self, masked: bool) -> None:
        self.beginResetModel()
        self.masked = masked
        self._pages.clear()
        self.endResetModel()

    def keys(self) -> Sequence[int]:
        """Every key of the list in its order (for exporting what is shown)."""
        return self._list.all_keys()

    def row_for(self, row: int) -> PersonRow | None:
        page = row // PAGE
        if page not in self._pages:
            keys = self._list.page(page * PAGE, PAGE)
            fetched = {r.key: r for r in self._service.rows(keys, masked=self.masked)}
            self._pages[page] = [fetched[k] for k in keys if k in fetched]
        rows = self._pages[page]
        offset = row - page * PAGE
        return rows[offset] if offset < len(rows) else None

    # -- Qt model interface ----------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._list)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.row_for(index.row())
        if row is None:
            return None
        value = getattr(row, COLUMNS[index.column()][0])
        return "" if value is None else str(value)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(COLUMNS[column][0])
        if key is not None:
            self.sort_requested.emit(key, order == Qt.SortOrder.DescendingOrder)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1]
        return str(section + 1)
