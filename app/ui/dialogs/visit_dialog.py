"""记录走访: a visit to a household or one of its people, and, in the same step, a case found on it."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import QDialog, QWidget

from app.domain.case_codes import VISIT_METHODS
from app.services.cases import CaseError
from app.services.visits import VisitDraft, VisitResult
from app.ui.case_desk import CaseDesk
from app.ui.dialogs.case_fields import CaseFieldsWidget
from app.ui.forms.ui_visit_dialog import Ui_VisitDialog


def qdatetime(moment: datetime) -> QDateTime:
    return QDateTime.fromString(moment.strftime("%Y-%m-%d %H:%M"), "yyyy-MM-dd HH:mm")


class VisitDialog(QDialog):
    visit_recorded = Signal(str, str)  # visit id, case id ("" when no case was registered)

    def __init__(self, desk: CaseDesk, household_id: str, parent: QWidget | None = None, *,
                 person_id: str | None = None, method: str = "入户"):
        super().__init__(parent)
        self.ui = Ui_VisitDialog()
        self.ui.setupUi(self)
        self.desk = desk
        self.household_id = household_id
        self.result: VisitResult | None = None
        address, members = desk.visits.household(household_id)
        self.ui.householdValue.setText(address)
        self.ui.personCombo.addItem("全户（不指定具体居民）", None)
        for pid, name, relation in members:
            self.ui.personCombo.addItem(f"{name}（{relation}）" if relation else name, pid)
        if person_id:
            self.ui.personCombo.setCurrentIndex(max(0, self.ui.personCombo.findData(person_id)))
        self.ui.methodCombo.addItems(list(VISIT_METHODS))
        self.ui.methodCombo.setCurrentText(method)
        self.ui.visitedAtEdit.setDateTime(qdatetime(desk.visits.now()))
        self.case_fields = CaseFieldsWidget(desk.cases, self)
        self.ui.caseLayout.addWidget(self.case_fields)
        self.ui.nobodyHomeCheck.toggled.connect(self._nobody_home)
        self.ui.buttons.accepted.connect(self.save)
        self.ui.buttons.rejected.connect(self.reject)

    def _nobody_home(self, checked: bool) -> None:
        self.ui.caseGroup.setEnabled(not checked)
        if checked:
            self.ui.caseGroup.setChecked(False)
            self.ui.revisitHint.setText("保存后将按“白加黑、5+2”安排补访：白天无人改晚间，晚间无人改周末。")
        else:
            self.ui.revisitHint.clear()

    def draft(self) -> VisitDraft:
        moment = self.ui.visitedAtEdit.dateTime().toString("yyyy-MM-dd HH:mm")
        return VisitDraft(method=self.ui.methodCombo.currentText(), household_id=self.household_id,
                          person_id=self.ui.personCombo.currentData(),
                          findings=self.ui.findingsEdit.toPlainText().strip(),
                          nobody_home=self.ui.nobodyHomeCheck.isChecked(),
                          visited_at=datetime.strptime(moment, "%Y-%m-%d %H:%M"))

    def save(self) -> None:
        visit = self.draft()
        case = None
        if self.ui.caseGroup.isChecked():
            case = self.case_fields.draft()
            case.description = case.description or visit.findings
        try:
            self.result = self.desk.visits.record(visit, self.desk.actor, case)
        except CaseError as exc:
            self.ui.problems.setText(str(exc))
            return
        self.visit_recorded.emit(self.result.visit_id, self.result.case_id or "")
        self.accept()
