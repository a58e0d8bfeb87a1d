"""今日工作: care visits overdue and due, revisits (白加黑, 5+2), cases waiting on the user, overdue cases."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTreeWidgetItem, QWidget

from app.services.cases import CaseRow
from app.services.visits import CareItem, RevisitItem
from app.services.worklist import Worklist, today_work
from app.ui.case_desk import CaseDesk
from app.ui.dialogs.visit_dialog import VisitDialog
from app.ui.forms.ui_worklist import Ui_WorklistView

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_COLOR = QColor("#cf1322")
NEAR_COLOR = QColor("#d48806")


class WorklistView(QWidget):
    case_activated = Signal(str)
    visit_recorded = Signal(str, str)  # visit id, case id ("" when none)

    def __init__(self, desk: CaseDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_WorklistView()
        self.ui.setupUi(self)
        self.desk = desk
        self.work: Worklist | None = None
        self.groups: dict[str, QTreeWidgetItem] = {}
        self.ui.workTree.itemActivated.connect(lambda item, _column: self.open_item(item))
        self.ui.openButton.clicked.connect(lambda: self.open_item(self.ui.workTree.currentItem()))
        self.ui.visitButton.clicked.connect(lambda: self.visit_item(self.ui.workTree.currentItem()))
        self.ui.refreshButton.clicked.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        work = today_work(self.desk.db, self.desk.actor, cases=self.desk.cases, visits=self.desk.visits)
        self.work = work
        self.ui.headerLabel.setText(f"今日工作　{work.day.isoformat()}　{self.desk.actor.label}")
        tree = self.ui.workTree
        tree.clear()
        self.groups = {}
        self._group("visits_overdue", "逾期未走访", [self._care(i) for i in work.visits_overdue])
        self._group("visits_due", "近期应走访", [self._care(i) for i in work.visits_due])
        self._group("revisits", "无人在家待补访", [self._revisit(r) for r in work.revisits])
        self._group("cases_waiting", "待我办理的事件", [self._case(c) for c in work.cases_waiting])
        self._group("cases_overdue", "逾期事件", [self._case(c) for c in work.cases_overdue])
        for column, width in enumerate((220, 240, 260)):
            tree.setColumnWidth(column, width)

    def _group(self, key: str, title: str, children: list[QTreeWidgetItem]) -> None:
        group = QTreeWidgetItem([f"{title}（{len(children)}）"])
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        group.addChildren(children)
        self.ui.workTree.addTopLevelItem(group)
        group.setExpanded(bool(children) and len(children) <= 50)
        self.groups[key] = group

    @staticmethod
    def _care(item: CareItem) -> QTreeWidgetItem:
        last = item.last_visit.isoformat() if item.last_visit else "从未走访"
        due = f"{item.status.due_on.isoformat()} {item.status.label}"
        every = f"每 {item.every_days} 天走访，上次 {last}"
        row = QTreeWidgetItem([f"{item.name}　{item.tags}", item.address, every, due])
        row.setData(0, ITEM_ROLE, ("visit", item.household_id, item.person_id))
        if item.status.level == "overdue":
            row.setForeground(3, OVERDUE_COLOR)
        return row

    @staticmethod
    def _revisit(item: RevisitItem) -> QTreeWidgetItem:
        row = QTreeWidgetItem([item.who or "（住户）", item.address,
                               f"{item.visited_at:%m-%d %H:%M} 无人在家，{item.slot}补访",
                               item.due.isoformat() + ("（已过期）" if item.overdue else "")])
        row.setData(0, ITEM_ROLE, ("visit", item.household_id, item.person_id))
        if item.overdue:
            row.setForeground(3, OVERDUE_COLOR)
        return row

    @staticmethod
    def _case(case: CaseRow) -> QTreeWidgetItem:
        status = case.deadline_status
        due = f"{case.deadline.isoformat()} {status.label}" if case.deadline and status else ""
        row = QTreeWidgetItem([f"{case.number}　{case.title}", case.place, f"{case.category}｜{case.state_label}", due])
        row.setData(0, ITEM_ROLE, ("case", case.id, None))
        if status is not None and status.level != "ok":
            row.setForeground(3, OVERDUE_COLOR if status.level == "overdue" else NEAR_COLOR)
        return row

    def open_item(self, item: QTreeWidgetItem | None) -> None:
        """A case opens on the case page; a person or house due for a visit opens the visit dialog."""
        target = item.data(0, ITEM_ROLE) if item else None
        if not target:
            return
        kind, key, person = target
        if kind == "case":
            self.case_activated.emit(key)
        else:
            self.open_visit(key, person)

    def visit_item(self, item: QTreeWidgetItem | None) -> None:
        target = item.data(0, ITEM_ROLE) if item else None
        if target and target[0] == "visit":
            self.open_visit(target[1], target[2])

    def open_visit(self, household_id: str, person_id: str | None = None) -> VisitDialog:
        """The visit dialog (window-modal, not blocking); the list refreshes once the visit is saved."""
        dialog = VisitDialog(self.desk, household_id, self, person_id=person_id)
        dialog.visit_recorded.connect(self._recorded)
        dialog.open()
        return dialog

    def _recorded(self, visit_id: str, case_id: str) -> None:
        self.refresh()
        self.visit_recorded.emit(visit_id, case_id)
