"""The sync indicator in the status bar: one line of text, a tooltip with details, a menu on click."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from app.ui.sync.state import SyncState


class SyncStatusWidget(QToolButton):
    def __init__(self, menu: QMenu, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAutoRaise(True)
        self.setMenu(menu)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setText("未登录同步服务器")
        self.state: SyncState | None = None

    def show_state(self, state: SyncState) -> None:
        self.state = state
        self.setText(state.text)
        self.setToolTip(state.tooltip)
        self.setStyleSheet("color: #b3261e;" if state.attention else "")
