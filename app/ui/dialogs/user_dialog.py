"""Who is working: name and role (网格员 with their grids, 社区书记, 街道)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidgetItem, QWidget

from app.domain.roles import DESKTOP_ROLES, UserProfile
from app.domain.workflow import GRID_WORKER, ROLE_LABELS
from app.ui.forms.ui_user_dialog import Ui_UserDialog


class UserDialog(QDialog):
    def __init__(self, grids: list[tuple[str, str]], known: list[UserProfile],
                 current: UserProfile | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_UserDialog()
        self.ui.setupUi(self)
        self._known = {u.name: u for u in known}
        for role in DESKTOP_ROLES:
            self.ui.roleCombo.addItem(ROLE_LABELS[role], role)
        for grid_id, name in grids:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, grid_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.ui.gridList.addItem(item)
        self.ui.nameCombo.addItems(sorted(self._known))
        self.ui.nameCombo.currentTextChanged.connect(self._name_changed)
        self.ui.roleCombo.currentIndexChanged.connect(self._role_changed)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("开始工作")
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.ui.buttons.accepted.connect(self._accept)
        self.ui.buttons.rejected.connect(self.reject)
        if current:
            self.show_profile(current)
        else:
            self.ui.nameCombo.setCurrentText("")
        self._role_changed()

    def show_profile(self, profile: UserProfile) -> None:
        self.ui.nameCombo.setCurrentText(profile.name)
        self.ui.roleCombo.setCurrentIndex(max(0, self.ui.roleCombo.findData(profile.role)))
        for row in range(self.ui.gridList.count()):
            item = self.ui.gridList.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in profile.grid_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _name_changed(self, name: str) -> None:
        if name in self._known:
            self.show_profile(self._known[name])

    def _role_changed(self) -> None:
        self.ui.gridList.setEnabled(self.ui.roleCombo.currentData() == GRID_WORKER)

    def profile(self) -> UserProfile:
        role = self.ui.roleCombo.currentData()
        grids = tuple(self.ui.gridList.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.ui.gridList.count())
                      if self.ui.gridList.item(r).checkState() == Qt.CheckState.Checked) if role == GRID_WORKER else ()
        return UserProfile(self.ui.nameCombo.currentText().strip(), role, grids)

    def _accept(self) -> None:
        problems = self.profile().problems()
        if problems:
            self.ui.problems.setText("；".join(problems))
            return
        self.accept()
