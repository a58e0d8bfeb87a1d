"""Column widths of the tables that list ledger rows and problems."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget

MAX_COLUMN_WIDTH = 360
"""Pixels: one long cell (a paragraph pasted into a ledger's 备注) must not push the other columns out of view."""


def fit_columns(table: QTableWidget, limit: int = MAX_COLUMN_WIDTH) -> None:
    """Columns as wide as their contents but no wider than ``limit``; a cell cut short shows its whole
    text as a tooltip."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        if header.sectionSize(column) <= limit:
            continue
        header.resizeSection(column, limit)
        for row in range(table.rowCount()):
            item = table.item(row, column)
            if item is not None and not item.toolTip():
                item.setToolTip(item.text())
