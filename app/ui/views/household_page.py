"""一户一档 on screen: the house, the household, its members (masked), visits and cases, with the edits."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QInputDialog, QTableWidget, QTableWidgetItem, QWidget

from app.domain.dates import age_on
from app.domain.ids import mask_id, mask_phone
from app.services.households import HouseholdFile, HouseholdService, ValidationError
from app.services.search import SearchService
from app.ui import prompts
from app.ui.dialogs.person_dialog import PersonDialog
from app.ui.forms.ui_household_page import Ui_HouseholdPage
from app.ui.tables import fit_columns

MEMBER_COLUMNS = ("姓名", "与户主关系", "性别", "年龄", "身份证号", "联系电话", "民族", "政治面貌", "特殊人群")
STATE_NAMES = {"collected": "已收集", "reported": "已上报", "dispatched": "已分派", "handled": "已处置",
               "closed": "已办结", "escalated": "已上报上级", "withdrawn": "已撤销"}


def _fill(table: QTableWidget, headers: tuple[str, ...], rows: list[list[str]]) -> None:
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))
    fit_columns(table)
    table.horizontalHeader().setStretchLastSection(True)


class HouseholdPage(QWidget):
    changed = Signal()  # after any saved edit, so lists and counts refresh
    open_household = Signal(str)
    visit_requested = Signal(str)  # household id
    case_requested = Signal(str)
    print_requested = Signal(str)

    def __init__(self, service: HouseholdService, search: SearchService, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_HouseholdPage()
        self.ui.setupUi(self)
        self.service = service
        self.search = search  # the user's scope: a member moves only to a household they may see
        self.file: HouseholdFile | None = None
        self.ui.addButton.clicked.connect(self.add_member)
        self.ui.editButton.clicked.connect(self.edit_member)
        self.ui.membersTable.doubleClicked.connect(lambda _index: self.edit_member())
        self.ui.moveButton.clicked.connect(self.move_member)
        self.ui.removeButton.clicked.connect(self.remove_member)
        self.ui.moveOutButton.clicked.connect(self.move_out)
        for button, signal in ((self.ui.visitButton, self.visit_requested), (self.ui.caseButton, self.case_requested),
                               (self.ui.printButton, self.print_requested)):
            button.clicked.connect(lambda _checked=False, s=signal: self.household_id and s.emit(self.household_id))

    def set_editable(self, editable: bool) -> None:
        for button in (self.ui.addButton, self.ui.editButton, self.ui.moveButton, self.ui.removeButton,
                       self.ui.moveOutButton):
            button.setEnabled(editable)

    @property
    def household_id(self) -> str | None:
        return self.file.household.id if self.file else None

    def show_household(self, household_id: str) -> bool:
        self.file = self.service.load(household_id)
        if self.file is None:
            return False
        h = self.file.household
        head = next((m.name for m in self.file.members if m.id == h.head_person_id), "未登记")
        self.ui.title.setText(f"{head}户 — 一户一档")
        self.ui.addressValue.setText(h.address or "（无房屋）")
        self.ui.houseValue.setText("　".join(x for x in (f"{h.area:g}㎡" if h.area else "", h.use or "") if x))
        self.ui.registrationValue.setText(h.registration or "")
        self.ui.presenceValue.setText(h.presence or "")
        self.ui.contactValue.setText(mask_phone(h.contact_phone))
        self.ui.gridValue.setText(" / ".join(x for x in (h.community, h.grid) if x))
        _fill(self.ui.membersTable, MEMBER_COLUMNS, [
            [m.name, m.relation or "", m.gender or "", str(age_on(m.birth_date, date.today())) if m.birth_date else "",
             mask_id(m.id_number), mask_phone(m.phone), m.ethnicity or "", m.political_status or "", "、".join(m.tags)]
            for m in self.file.members])
        _fill(self.ui.visitsTable, ("时间", "方式", "走访人", "情况"), [
            [f"{v.visited_at:%Y-%m-%d %H:%M}", v.method, v.visitor_name,
             "无人在家" if v.nobody_home else v.findings or ""] for v in self.file.visits])
        _fill(self.ui.casesTable, ("编号", "类型", "类别", "标题", "状态", "期限"), [
            [c.number, "纠纷" if c.kind == "dispute" else "事件", c.category, c.title,
             STATE_NAMES.get(c.state, c.state), c.deadline.isoformat() if c.deadline else ""]
            for c in self.file.cases])
        return True

    def selected_member_index(self) -> int | None:
        rows = self.ui.membersTable.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _dialog(self, **kwargs: object) -> PersonDialog:
        dialog = PersonDialog(self.service, self, **kwargs)  # type: ignore[arg-type]
        dialog.duplicate_clicked.connect(self.open_household.emit)
        return dialog

    def _save(self, dialog: PersonDialog, save: object) -> None:
        """Run the dialog until the input saves or the user cancels; problems go back into the dialog."""
        while dialog.exec():
            try:
                save(dialog.person_input())  # type: ignore[operator]
            except ValidationError as exc:
                dialog.show_problems(exc)
                continue
            self.refresh()
            return

    def refresh(self) -> None:
        if self.household_id:
            self.show_household(self.household_id)
        self.changed.emit()

    def add_member(self) -> None:
        if self.household_id:
            household_id = self.household_id
            self._save(self._dialog(relation="子"), lambda p: self.service.add_member(household_id, p))

    def edit_member(self) -> None:
        index = self.selected_member_index()
        if self.file is None or index is None:
            return
        member = self.file.members[index]
        self._save(self._dialog(member=member), lambda p: self.service.update_member(member.id, p))

    def remove_member(self) -> None:
        index = self.selected_member_index()
        if self.file is None or index is None:
            return
        member = self.file.members[index]
        reason, ok = QInputDialog.getItem(self, "迁出成员", f"{member.name} 迁出的原因：",
                                          ["迁往外地", "去世", "参军", "其他"], 0, True)
        if ok and reason:
            self.service.remove_member(member.id, reason)
            self.refresh()

    def move_member(self) -> None:
        index = self.selected_member_index()
        if self.file is None or index is None:
            return
        member = self.file.members[index]
        query, ok = QInputDialog.getText(self, "迁往他户",
                                         f"把 {member.name} 迁入哪一户？输入地址（如 3-2-501）或户主姓名：")
        if not ok or not query.strip():
            return
        target = next((h.household_id for h in self.search.search(query)
                       if h.household_id and h.household_id != self.file.household.id), None)
        if target is None:
            prompts.warn(self, "迁往他户", f"没有找到“{query}”对应的户，请换一种写法。")
            return
        relation, ok = QInputDialog.getItem(self, "迁往他户", "在新户中与户主关系：",
                                            ["配偶", "子", "女", "父亲", "母亲", "其他"], 0, True)
        if not ok:
            return
        try:
            self.service.move_member(member.id, target, relation)
        except ValidationError as exc:
            prompts.warn(self, "无法迁移", str(exc))
            return
        self.refresh()

    def move_out(self) -> None:
        if self.file is None:
            return
        reason, ok = QInputDialog.getText(self, "本户迁出", "迁出原因（如 房屋出售、搬迁）：")
        if ok and reason.strip() and prompts.ask_yes_no(self, "本户迁出", "确定本户已迁出该房屋吗？"):
            self.service.move_out(self.file.household.id, reason.strip())
            self.refresh()
