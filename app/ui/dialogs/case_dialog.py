"""登记事件: a case from the household page, the building map or the case board."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QListWidgetItem, QWidget

from app.domain.case_codes import PARTY_ROLES
from app.services.cases import CaseDraft, CaseError, PartyDraft
from app.ui.case_desk import CaseDesk
from app.ui.dialogs.case_fields import CaseFieldsWidget
from app.ui.forms.ui_case_dialog import Ui_CaseDialog

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1


class CaseDialog(QDialog):
    case_created = Signal(str)  # the new case's id

    def __init__(self, desk: CaseDesk, parent: QWidget | None = None, *, household_id: str | None = None,
                 building_id: str | None = None, person_ids: Sequence[str] = (), category: str | None = None):
        super().__init__(parent)
        self.ui = Ui_CaseDialog()
        self.ui.setupUi(self)
        self.desk = desk
        self.case_id: str | None = None
        self.fields = CaseFieldsWidget(desk.cases, self, source="居民反映" if household_id else "巡查发现")
        self.ui.fieldsLayout.addWidget(self.fields)
        if category:
            self.fields.set_category(category)
        self.ui.partyRoleCombo.addItems(list(PARTY_ROLES))
        self.ui.partyRoleCombo.setCurrentText("当事人")
        self.house_id: str | None = None
        self.building_id = building_id
        if household_id:
            address, members = desk.visits.household(household_id)
            try:
                self.house_id = desk.cases.household_house(household_id)
            except CaseError:
                self.house_id = None
            for person_id, name, relation in members:
                item = QListWidgetItem(f"{name}（{relation}）" if relation else name)
                item.setData(PERSON_ROLE, person_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if person_id in person_ids else Qt.CheckState.Unchecked)
                self.ui.partiesList.addItem(item)
            self.ui.placeValue.setText(address)
        else:
            self.ui.placeValue.setText(desk.cases.describe_place(building_id=building_id) or "（请在下方写明地点）")
            self.ui.partiesList.setVisible(False)
        self.ui.buttons.accepted.connect(self.save)
        self.ui.buttons.rejected.connect(self.reject)

    def draft(self) -> CaseDraft:
        draft = self.fields.draft()
        role = self.ui.partyRoleCombo.currentText()
        parties = [PartyDraft(person_id=item.data(PERSON_ROLE), role=role)
                   for item in (self.ui.partiesList.item(i) for i in range(self.ui.partiesList.count()))
                   if item.checkState() == Qt.CheckState.Checked]
        names = self.ui.outsiderEdit.text().replace("，", ",").replace("、", ",").split(",")
        parties += [PartyDraft(name=n.strip(), role=role) for n in names if n.strip()]
        draft.house_id = self.house_id
        draft.building_id = None if self.house_id else self.building_id
        draft.place_text = self.ui.placeEdit.text().strip() or None
        draft.parties = parties
        return draft

    def save(self) -> None:
        try:
            self.case_id = self.desk.cases.create(self.draft(), self.desk.actor)
        except CaseError as exc:
            self.ui.problems.setText(str(exc))
            return
        self.case_created.emit(self.case_id)
        self.accept()
