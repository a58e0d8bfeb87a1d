"""One step of the closed loop (分派, 处置反馈, 核查办结, 退回, 上报上级, 撤销 …) with the data it needs.

The rows shown follow the step's needs in app.domain.workflow; the machine checks them again and its
refusal stays in the dialog, so the user can correct the entry.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from app.domain import workflow as wf
from app.domain.case_codes import HANDLER_SUGGESTIONS, RATING_LABELS, time_limit
from app.services.cases import CaseDetail, CaseError
from app.ui.case_desk import CaseDesk
from app.ui.dialogs.case_fields import add_attachment_item, attachment_paths, pydate, qdate
from app.ui.forms.ui_case_action_dialog import Ui_CaseActionDialog


class CaseActionDialog(QDialog):
    acted = Signal(str)  # the case id, after the step was recorded

    def __init__(self, desk: CaseDesk, detail: CaseDetail, action: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_CaseActionDialog()
        self.ui.setupUi(self)
        self.desk = desk
        self.detail = detail
        self.action = action
        spec = wf.ACTIONS[action]
        self.setWindowTitle(f"{spec.label} — {detail.row.number}")
        self.ui.caseLabel.setText(f"{detail.row.number}  {detail.row.title}（{detail.row.state_label}）")
        needs = set(spec.needs) | ({"deadline"} if action == "return" else set())
        rows = {"handler": self.ui.handlerCombo, "deadline": self.ui.deadlineRow, "feedback": self.ui.feedbackEdit,
                "reason": self.ui.reasonEdit, "to": self.ui.toEdit, "rating": self.ui.ratingCombo,
                "comment": self.ui.commentEdit}
        self.shown = needs | ({"to"} if action == "escalate" else set()) | ({"comment"} if "rating" in needs else set())
        for key, widget in rows.items():
            self.ui.form.setRowVisible(widget, key in self.shown)
        handlers = [detail.row.handler] if detail.row.handler else []
        self.ui.handlerCombo.addItems([*handlers, *(h for h in HANDLER_SUGGESTIONS if h not in handlers)])
        self.ui.handlerCombo.setCurrentText(detail.row.handler)
        self._suggest_deadline()
        self.ui.ratingCombo.addItem("请选择", None)
        for score, label in RATING_LABELS.items():
            self.ui.ratingCombo.addItem(f"{score} 分  {label}", score)
        if action == "return":
            self.ui.deadlineLabel.setText("重办期限")
        self.ui.addAttachmentButton.clicked.connect(lambda: self.add_attachment())
        self.ui.buttons.accepted.connect(self.save)
        self.ui.buttons.rejected.connect(self.reject)
        self.adjustSize()

    def _suggest_deadline(self) -> None:
        cases = self.desk.cases
        today = cases.today()
        self.ui.deadlineEdit.setMinimumDate(qdate(today))
        try:
            category = cases.category(self.detail.row.category)
        except CaseError:  # a category since disabled: no suggestion, the user picks the date
            self.ui.deadlineEdit.setDate(qdate(today))
            return
        days = time_limit(category, self.detail.row.priority)
        current = self.detail.row.deadline
        suggested = cases.calendar().add_working_days(today, days)
        if self.action == "return" and current and current >= today:
            suggested = current
        self.ui.deadlineEdit.setDate(qdate(suggested))
        self.ui.deadlineHint.setText(f"{category.name}时限 {days} 个工作日（已扣除节假日）")

    def add_attachment(self, path: str | None = None) -> None:
        add_attachment_item(self, self.ui.attachmentsList, path)

    def data(self) -> dict[str, Any]:
        """What the step carries, from the rows the action shows."""
        values: dict[str, Any] = {
            "handler": self.ui.handlerCombo.currentText(), "deadline": pydate(self.ui.deadlineEdit.date()),
            "feedback": self.ui.feedbackEdit.toPlainText(), "reason": self.ui.reasonEdit.toPlainText(),
            "to": self.ui.toEdit.text(), "rating": self.ui.ratingCombo.currentData(),
            "comment": self.ui.commentEdit.text()}
        return {key: value for key, value in values.items() if key in self.shown}

    def set_rating(self, score: int) -> None:
        self.ui.ratingCombo.setCurrentIndex(self.ui.ratingCombo.findData(score))

    def set_deadline(self, day: date) -> None:
        self.ui.deadlineEdit.setDate(qdate(day))

    def save(self) -> None:
        files = attachment_paths(self.ui.attachmentsList)
        try:
            self.desk.cases.act(self.detail.row.id, self.action, self.desk.actor, note=self.ui.noteEdit.text(),
                                data=self.data(), attachments=files)
        except CaseError as exc:
            self.ui.problems.setText(str(exc))
            return
        self.acted.emit(self.detail.row.id)
        self.accept()

