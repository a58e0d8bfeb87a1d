"""First run: open the demo community, start an empty ledger, or open an existing database file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from app.paths import data_dir
from app.ui import prompts
from app.ui.forms.ui_start_dialog import Ui_StartDialog

DB_FILTER = "台账数据库 (*.sqlite *.db);;所有文件 (*)"


class StartDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_StartDialog()
        self.ui.setupUi(self)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("开始")
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("退出")
        self.ui.buttons.accepted.connect(self._accept)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.browseButton.clicked.connect(self._browse)
        for choice in (self.ui.demoChoice, self.ui.newChoice, self.ui.openChoice):
            choice.toggled.connect(self._choice_changed)
        self._choice_changed()

    @property
    def wants_demo(self) -> bool:
        return self.ui.demoChoice.isChecked()

    def chosen_path(self) -> Path:
        if self.wants_demo:
            return data_dir() / "demo.sqlite"
        return Path(self.ui.pathEdit.text().strip())

    def _choice_changed(self) -> None:
        custom = not self.wants_demo
        self.ui.pathEdit.setEnabled(custom)
        self.ui.browseButton.setEnabled(custom)
        if self.ui.newChoice.isChecked() and not self.ui.pathEdit.text():
            self.ui.pathEdit.setText(str(data_dir() / "gridledger.sqlite"))

    def _browse(self) -> None:
        if self.ui.openChoice.isChecked():
            path = prompts.open_file(self, "打开台账数据库", DB_FILTER)
        else:
            path = prompts.save_file(self, "新建台账数据库", str(data_dir() / "gridledger.sqlite"), DB_FILTER)
        if path:
            self.ui.pathEdit.setText(path)

    def _accept(self) -> None:
        path = self.chosen_path()
        if not self.wants_demo and not str(path).strip():
            self.ui.problems.setText("请选择数据库文件。")
        elif self.ui.openChoice.isChecked() and not path.exists():
            self.ui.problems.setText(f"文件不存在：{path}")
        elif self.ui.newChoice.isChecked() and path.exists():
            self.ui.problems.setText(f"文件已存在：{path}（请选“打开已有的台账文件”）")
        else:
            self.accept()
