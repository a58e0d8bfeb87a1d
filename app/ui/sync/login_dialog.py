"""Sign in to the sync server: address, user name, password. Address and user name are remembered
(QSettings); the password never leaves memory and is asked again in the next session."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.services.sync_rounds import SyncAccount
from app.ui.settings import Settings

URL_KEY, USER_KEY = "sync/server_url", "sync/user"


def remembered(settings: Settings) -> tuple[str, str]:
    """The server address and user name of the last sign-in ("" when none)."""
    return str(settings.store.value(URL_KEY) or ""), str(settings.store.value(USER_KEY) or "")


class SyncLoginDialog(QDialog):
    def __init__(self, settings: Settings, message: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("登录同步服务器")
        url, user = remembered(settings)
        self.url = QLineEdit(url)
        self.url.setPlaceholderText("例如 http://192.168.1.10:8765")
        self.user = QLineEdit(user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.message.setVisible(bool(message))
        hint = QLabel("密码只在本次运行中保存在内存里，不会写入电脑。离线时可照常工作，联网后自动同步。")
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("服务器地址：", self.url)
        form.addRow("用户名：", self.user)
        form.addRow("密码：", self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("登录并同步")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("暂不同步")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        (self.password if url and user else self.url).setFocus()

    def problems(self) -> list[str]:
        found = []
        url = self.url.text().strip()
        if not url.startswith(("http://", "https://")):
            found.append("服务器地址应以 http:// 或 https:// 开头")
        if not self.user.text().strip():
            found.append("请填写用户名")
        if not self.password.text():
            found.append("请填写密码")
        return found

    def _accept(self) -> None:
        problems = self.problems()
        if problems:
            self.message.setText("；".join(problems) + "。")
            self.message.setVisible(True)
            return
        self.settings.store.setValue(URL_KEY, self.url.text().strip())
        self.settings.store.setValue(USER_KEY, self.user.text().strip())
        self.accept()

    def account(self) -> SyncAccount:
        return SyncAccount(self.url.text().strip().rstrip("/"), self.user.text().strip(), self.password.text())
