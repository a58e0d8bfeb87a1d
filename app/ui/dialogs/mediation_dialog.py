"""纠纷调解: record a mediation session and/or the outcome (调解成功 needs the agreement)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from app.domain.case_codes import OUTCOME_SUCCESS, OUTCOMES
from app.services.cases import CaseError
from app.ui.case_desk import CaseDesk
from app.ui.dialogs.case_fields import pydate, qdate
from app.ui.forms.ui_mediation_dialog import Ui_MediationDialog


class MediationDialog(QDialog):
    saved = Signal(str)  # the case id

    def __init__(self, desk: CaseDesk, case_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_MediationDialog()
        self.ui.setupUi(self)
        self.desk = desk
        self.case_id = case_id
        today = qdate(desk.cases.today())
        self.ui.heldOnEdit.setMaximumDate(today)
        self.ui.heldOnEdit.setDate(today)
        self.ui.mediatorEdit.setText(desk.actor.name)
        self.ui.outcomeCombo.addItems(list(OUTCOMES))
        self.ui.buttons.accepted.connect(self.save)
        self.ui.buttons.rejected.connect(self.reject)

    def _problem(self) -> str | None:
        session, outcome = self.ui.sessionGroup.isChecked(), self.ui.outcomeGroup.isChecked()
        if not (session or outcome):
            return "请记录一次调解，或填写调解结果。"
        if session and not (self.ui.mediatorEdit.text().strip() and self.ui.summaryEdit.toPlainText().strip()):
            return "请填写调解员和调解经过。"
        if (outcome and self.ui.outcomeCombo.currentText() == OUTCOME_SUCCESS
                and not self.ui.agreementEdit.toPlainText().strip()):
            return "调解成功需要填写协议内容（双方约定的事项）。"
        return None

    def save(self) -> None:
        problem = self._problem()
        if problem:
            self.ui.problems.setText(problem)
            return
        try:
            if self.ui.sessionGroup.isChecked():
                self.desk.disputes.add_session(self.case_id, self.desk.actor, held_on=pydate(self.ui.heldOnEdit.date()),
                                               mediator=self.ui.mediatorEdit.text(),
                                               summary=self.ui.summaryEdit.toPlainText())
            if self.ui.outcomeGroup.isChecked():
                self.desk.disputes.conclude(self.case_id, self.desk.actor, outcome=self.ui.outcomeCombo.currentText(),
                                            agreement=self.ui.agreementEdit.toPlainText())
        except CaseError as exc:
            self.ui.problems.setText(str(exc))
            return
        self.saved.emit(self.case_id)
        self.accept()
