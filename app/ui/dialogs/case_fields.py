"""The fields of a new case, shared by the case entry dialog and the visit dialog (a case found on a visit)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from app.domain.case_codes import DISPUTE_CATEGORY, DISPUTE_TYPES, PRIORITIES, SOURCES, time_limit
from app.services.cases import CaseDraft, CaseService
from app.ui import prompts
from app.ui.forms.ui_case_fields import Ui_CaseFields

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


ATTACHMENT_FILTER = "图片和文档 (*.jpg *.jpeg *.png *.pdf);;所有文件 (*)"


def add_attachment_item(parent: QWidget, files: QListWidget, path: str | None = None) -> None:
    """Add a file (asked for when ``path`` is None) to an attachment list."""
    chosen = path or prompts.open_file(parent, "添加照片或扫描件", ATTACHMENT_FILTER)
    if chosen:
        item = QListWidgetItem(Path(chosen).name)
        item.setData(PATH_ROLE, chosen)
        files.addItem(item)


def attachment_paths(files: QListWidget) -> list[Path]:
    return [Path(files.item(i).data(PATH_ROLE)) for i in range(files.count())]


class CaseFieldsWidget(QWidget):
    def __init__(self, service: CaseService, parent: QWidget | None = None, *, source: str = "巡查发现"):
        super().__init__(parent)
        self.ui = Ui_CaseFields()
        self.ui.setupUi(self)
        self.service = service
        self.categories = {c.name: c for c in service.categories()}
        self.ui.categoryCombo.addItems(list(self.categories))
        self.ui.disputeTypeCombo.addItems(list(DISPUTE_TYPES))
        self.ui.sourceCombo.addItems(list(SOURCES))
        self.ui.sourceCombo.setCurrentText(source)
        self.ui.priorityCombo.addItems(list(PRIORITIES))
        self.ui.deadlineEdit.setMinimumDate(qdate(service.today()))
        self.ui.deadlineCheck.toggled.connect(self.ui.deadlineEdit.setEnabled)
        self.ui.categoryCombo.currentTextChanged.connect(self._category_changed)
        self.ui.priorityCombo.currentTextChanged.connect(lambda _text: self._category_changed())
        self.ui.addAttachmentButton.clicked.connect(lambda: self.add_attachment())
        self.ui.removeAttachmentButton.clicked.connect(self._remove_attachment)
        self._category_changed()

    def _category_changed(self, _name: str = "") -> None:
        name = self.ui.categoryCombo.currentText()
        self.ui.form.setRowVisible(self.ui.disputeTypeCombo, name == DISPUTE_CATEGORY)
        category = self.categories.get(name)
        if category is None:
            return
        days = time_limit(category, self.ui.priorityCombo.currentText())
        suggested = self.service.calendar().add_working_days(self.service.today(), days)
        self.ui.deadlineHint.setText(f"时限 {days} 个工作日")
        if not self.ui.deadlineCheck.isChecked():
            self.ui.deadlineEdit.setDate(qdate(suggested))

    def add_attachment(self, path: str | None = None) -> None:
        add_attachment_item(self, self.ui.attachmentsList, path)

    def _remove_attachment(self) -> None:
        row = self.ui.attachmentsList.currentRow()
        if row >= 0:
            self.ui.attachmentsList.takeItem(row)

    def set_category(self, name: str) -> None:
        self.ui.categoryCombo.setCurrentText(name)

    def draft(self) -> CaseDraft:
        """The fields as a draft; the place and parties are the caller's."""
        category = self.ui.categoryCombo.currentText()
        return CaseDraft(
            title=self.ui.titleEdit.text().strip(), category=category,
            description=self.ui.descriptionEdit.toPlainText().strip(), source=self.ui.sourceCombo.currentText(),
            priority=self.ui.priorityCombo.currentText(),
            deadline=pydate(self.ui.deadlineEdit.date()) if self.ui.deadlineCheck.isChecked() else None,
            attachments=attachment_paths(self.ui.attachmentsList),
            dispute_type=self.ui.disputeTypeCombo.currentText() if category == DISPUTE_CATEGORY else None)
