"""The case board: filter buttons with counts (待上报 … 逾期) over a lazy table, yellow/red by deadline."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QButtonGroup, QHeaderView, QToolButton, QWidget

from app.services.cases import BOARD_FILTERS, CaseFilter
from app.ui.case_desk import CaseDesk
from app.ui.forms.ui_case_board import Ui_CaseBoard
from app.ui.models.case_table import CaseTableModel

COLUMN_WIDTHS = (150, 240, 80, 80, 70, 190, 140, 220, 80)


class CaseBoard(QWidget):
    case_activated = Signal(str)  # double-click or Enter on a case
    new_case_requested = Signal()

    def __init__(self, desk: CaseDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_CaseBoard()
        self.ui.setupUi(self)
        self.desk = desk
        self.place = CaseFilter()  # the place set_scope asked for; the user's grids are added when asking
        self.current = "all"
        self.model = CaseTableModel(desk.cases, self)
        self.ui.caseTable.setModel(self.model)
        header = self.ui.caseTable.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.ui.caseTable.setColumnWidth(column, width)
        self.ui.caseTable.verticalHeader().setDefaultSectionSize(24)
        self.buttons: dict[str, QToolButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        for board in BOARD_FILTERS:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.clicked.connect(lambda _checked=False, code=board.code: self.show_filter(code))
            group.addButton(button)
            self.ui.filterBar.addWidget(button)
            self.buttons[board.code] = button
        self.ui.caseTable.activated.connect(self._activated)
        self.ui.caseTable.doubleClicked.connect(self._activated)
        self.ui.refreshButton.clicked.connect(self.refresh)
        self.ui.newCaseButton.clicked.connect(self.new_case_requested)
        self.refresh()

    @property
    def scope(self) -> CaseFilter:
        """The cases shown: the place's within the user's grids (read now: a first sync may rename them)."""
        grids = self.place.grid_ids if self.place.grid_ids is not None else self.desk.actor.grid_ids
        return replace(self.place, grid_ids=grids)

    def set_scope(self, scope: CaseFilter) -> None:
        """Show only the cases of a place (a building, a household) within the user's grids."""
        self.place = scope
        self.refresh()

    def refresh(self) -> None:
        counts = self.desk.cases.board_counts(self.scope)
        for board in BOARD_FILTERS:
            self.buttons[board.code].setText(f"{board.label} {counts[board.code]}")
        self.show_filter(self.current)

    def show_filter(self, code: str) -> None:
        self.current = code
        self.buttons[code].setChecked(True)
        self.model.set_ids(self.desk.cases.board_ids(code, self.scope))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_activated.emit(self.model.case_id(index.row()))
