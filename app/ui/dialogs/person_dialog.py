"""Add or edit a household member; the ID is checked as it is typed and fills birth date and gender.

Nothing is written until 保存: the dialog collects a PersonInput, the caller hands it to the household
service, and a ValidationError comes back into the dialog field by field. Ctrl+Z undoes typing in any field.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QWidget

from app.domain import codes
from app.services.households import HouseholdService, PersonInput, ValidationError
from app.store.households import MemberRecord
from app.ui.forms.ui_person_dialog import Ui_PersonDialog

NO_DATE = QDate(1900, 1, 1)


def _fill(combo: QComboBox, names: list[str], *, blank: bool = True) -> None:
    combo.clear()
    if blank:
        combo.addItem("")
    combo.addItems(names)


class PersonDialog(QDialog):
    duplicate_clicked = Signal(str)  # household id of the person who already has this ID

    def __init__(self, service: HouseholdService, parent: QWidget | None = None, *,
                 member: MemberRecord | None = None, relation: str | None = None):
        super().__init__(parent)
        self.ui = Ui_PersonDialog()
        self.ui.setupUi(self)
        self.service = service
        self.person_id = member.id if member else None
        _fill(self.ui.genderCombo, ["男", "女"])
        _fill(self.ui.relationCombo, codes.RELATION.names(), blank=False)
        _fill(self.ui.ethnicityCombo, codes.ETHNICITY.names(), blank=False)
        _fill(self.ui.politicalCombo, codes.POLITICAL_STATUS.names())
        _fill(self.ui.residenceCombo, codes.RESIDENCE_TYPE.names())
        self.ui.birthEdit.setMinimumDate(NO_DATE)
        self.ui.birthEdit.setSpecialValueText("未填写")
        self.ui.birthEdit.setDate(NO_DATE)
        self.ui.ethnicityCombo.setCurrentText("汉族")
        if relation:
            self.ui.relationCombo.setCurrentText(relation)
        if member:
            self.setWindowTitle(f"编辑居民：{member.name}")
            self._show(member)
        self.ui.idEdit.textEdited.connect(self._id_typed)
        self.ui.idStatus.linkActivated.connect(self.duplicate_clicked.emit)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.ui.buttons.accepted.connect(self._validate_and_accept)
        self.ui.buttons.rejected.connect(self.reject)

    def _show(self, m: MemberRecord) -> None:
        self.ui.nameEdit.setText(m.name)
        self.ui.idEdit.setText(m.id_number or "")
        self.ui.genderCombo.setCurrentText(m.gender or "")
        if m.birth_date:
            self.ui.birthEdit.setDate(QDate(m.birth_date.year, m.birth_date.month, m.birth_date.day))
        self.ui.relationCombo.setCurrentText(m.relation or "")
        self.ui.ethnicityCombo.setCurrentText(m.ethnicity or "")
        self.ui.phoneEdit.setText(m.phone or "")
        self.ui.politicalCombo.setCurrentText(m.political_status or "")
        self.ui.residenceCombo.setCurrentText(m.residence_type or "")
        self.ui.noteEdit.setText(m.note or "")

    def _id_typed(self, text: str) -> None:
        feedback = self.service.check_id_number(text, person_id=self.person_id)
        colour = "#2e7d32" if feedback.ok else "#b03020"
        message = feedback.message
        if feedback.duplicate_of and feedback.duplicate_of[2]:
            message += f"　<a href='{feedback.duplicate_of[2]}'>查看该户</a>"
        self.ui.idStatus.setText(f"<span style='color:{colour}'>{message}</span>")
        if feedback.birth_date:
            b = feedback.birth_date
            self.ui.birthEdit.setDate(QDate(b.year, b.month, b.day))
        if feedback.gender:
            self.ui.genderCombo.setCurrentText(feedback.gender)

    def person_input(self) -> PersonInput:
        qd = self.ui.birthEdit.date()
        birth = None if qd == NO_DATE else date(qd.year(), qd.month(), qd.day())
        return PersonInput(
            name=self.ui.nameEdit.text(), id_number=self.ui.idEdit.text() or None,
            relation=self.ui.relationCombo.currentText() or None, phone=self.ui.phoneEdit.text() or None,
            gender=self.ui.genderCombo.currentText() or None, birth_date=birth,
            ethnicity=self.ui.ethnicityCombo.currentText() or None,
            political_status=self.ui.politicalCombo.currentText() or None,
            residence_type=self.ui.residenceCombo.currentText() or None, note=self.ui.noteEdit.text() or None)

    def _validate_and_accept(self) -> None:
        try:
            self.service.clean(self.person_input(), person_id=self.person_id)
        except ValidationError as exc:
            self.show_problems(exc)
            return
        self.accept()

    def show_problems(self, error: ValidationError) -> None:
        self.ui.problems.setText("\n".join(error.problems.values()))
