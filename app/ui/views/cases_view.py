"""The cases tab: the board above, the selected case's page below; opens the entry dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from app.ui.case_desk import CaseDesk
from app.ui.dialogs.case_dialog import CaseDialog
from app.ui.views.case_board import CaseBoard
from app.ui.views.case_page import CasePage


class CasesView(QWidget):
    cases_changed = Signal()  # a case was registered or moved on: badges and counts elsewhere refresh

    def __init__(self, desk: CaseDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.board = CaseBoard(desk, self)
        self.page = CasePage(desk, self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.board)
        splitter.addWidget(self.page)
        splitter.setSizes([320, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.board.case_activated.connect(self.page.show_case)
        self.board.new_case_requested.connect(lambda: self.open_new_case())
        self.page.case_changed.connect(self._changed)

    def show_case(self, case_id: str) -> None:
        self.page.show_case(case_id)

    def open_new_case(self, *, household_id: str | None = None, building_id: str | None = None,
                      person_ids: tuple[str, ...] = ()) -> CaseDialog:
        """登记事件 (window-modal, not blocking): from the board, a household page or the building map."""
        dialog = CaseDialog(self.desk, self, household_id=household_id, building_id=building_id,
                            person_ids=person_ids)
        dialog.case_created.connect(self._created)
        dialog.open()
        return dialog

    def _created(self, case_id: str) -> None:
        self._changed(case_id)
        self.page.show_case(case_id)

    def _changed(self, _case_id: str) -> None:
        self.board.refresh()
        self.cases_changed.emit()
