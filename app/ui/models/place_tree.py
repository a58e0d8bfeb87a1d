"""The navigation tree 社区 → 网格 → 小区 → 楼栋 → 单元, filled level by level as it is expanded."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from app.services.places import PlaceNode, PlaceService

NODE_ROLE = Qt.ItemDataRole.UserRole + 1
LOADED_ROLE = Qt.ItemDataRole.UserRole + 2


class PlaceTreeModel(QStandardItemModel):
    def __init__(self, service: PlaceService, parent: Any = None):
        super().__init__(parent)
        self._service = service
        self.reload()

    def reload(self) -> None:
        self.clear()
        root = self.invisibleRootItem()
        for node in self._service.roots():
            root.appendRow(self._item(node))

    def _item(self, node: PlaceNode) -> QStandardItem:
        item = QStandardItem(node.name)
        item.setEditable(False)
        item.setData(node, NODE_ROLE)
        item.setData(False, LOADED_ROLE)
        if node.has_children:
            item.appendRow(QStandardItem("…"))  # placeholder so the view shows an expander
        return item

    def node(self, index: QModelIndex) -> PlaceNode | None:
        value = index.data(NODE_ROLE) if index.isValid() else None
        return value if isinstance(value, PlaceNode) else None

    def load_children(self, index: QModelIndex) -> None:
        item = self.itemFromIndex(index)
        node = self.node(index)
        if item is None or node is None or item.data(LOADED_ROLE):
            return
        item.removeRows(0, item.rowCount())
        for child in self._service.children(node):
            item.appendRow(self._item(child))
        item.setData(True, LOADED_ROLE)
