"""Everything the main window needs for sync, in one object: the controller, the status-bar
indicator, the 同步 menu actions and the dialogs they open."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from app.domain.roles import UserProfile
from app.domain.workflow import SECRETARY
from app.services.sync_status import load_status, rejected_changes, resubmit
from app.store.db import Database
from app.ui.settings import Settings
from app.ui.sync.conflict_review import ConflictReviewDialog
from app.ui.sync.controller import SyncController
from app.ui.sync.login_dialog import SyncLoginDialog, remembered
from app.ui.sync.rejected_dialog import RejectedDialog
from app.ui.sync.status_widget import SyncStatusWidget


class SyncDesk(QObject):
    data_changed = Signal()  # rows came from the server or a value was restored: views should reload

    def __init__(self, db: Database, user: UserProfile, settings: Settings, parent: QWidget,
                 controller: SyncController | None = None):
        super().__init__(parent)
        self.window = parent
        self.db = db
        self.settings = settings
        self.reviewer = user.role == SECRETARY
        self.controller = controller or SyncController(db, reviewer=self.reviewer, parent=self)
        self.action_sync = QAction("立即同步", self)
        self.action_sync.setShortcut(QKeySequence("F9"))
        self.action_sync.triggered.connect(self.sync_now)
        self.action_login = QAction("登录同步服务器…", self)
        self.action_login.triggered.connect(lambda: self.open_login())
        self.action_rejected = QAction("被拒绝的修改…", self)
        self.action_rejected.triggered.connect(self.show_rejected)
        self.action_conflicts = QAction("核对冲突…", self)
        self.action_conflicts.triggered.connect(self.show_conflicts)
        self.action_conflicts.setVisible(self.reviewer)
        self.menu = QMenu("同步", parent)
        self.menu.addActions(self.actions())
        self.status_widget = SyncStatusWidget(self.menu, parent)
        self.controller.state_changed.connect(self.status_widget.show_state)
        self.controller.login_needed.connect(self.open_login)
        self.controller.round_finished.connect(self._round_finished)
        self.login_dialog: SyncLoginDialog | None = None
        self.review_dialog: ConflictReviewDialog | None = None

    def actions(self) -> list[QAction]:
        return [self.action_sync, self.action_login, self.action_rejected, self.action_conflicts]

    def start(self) -> None:
        """Show the state, and ask for the password once the window is up when a server is remembered."""
        self.controller.start()
        if remembered(self.settings)[0] and self.controller.account is None:
            QTimer.singleShot(0, self.open_login)

    def stop(self) -> None:
        self.controller.stop()

    def never_synced(self) -> bool:
        """A server is set up but this desktop has not finished a round with it yet."""
        return bool(remembered(self.settings)[0]) and load_status(self.db).last_sync is None

    def sync_now(self) -> None:
        if self.controller.account is None:
            self.open_login()
        else:
            self.controller.sync_now()

    def open_login(self, message: str = "") -> SyncLoginDialog:
        """The login dialog, window-modal and non-blocking; a round starts when it is accepted."""
        if self.login_dialog is not None and self.login_dialog.isVisible():
            return self.login_dialog
        dialog = SyncLoginDialog(self.settings, message, self.window)
        dialog.finished.connect(lambda code: self._logged_in(dialog, code))
        self.login_dialog = dialog
        dialog.open()
        return dialog

    def _logged_in(self, dialog: SyncLoginDialog, code: int) -> None:
        if code == QDialog.DialogCode.Accepted:
            self.controller.set_account(dialog.account())
        dialog.deleteLater()
        self.login_dialog = None

    def show_rejected(self) -> RejectedDialog:
        dialog = RejectedDialog(rejected_changes(self.db), lambda seqs: resubmit(self.db, seqs), self.window)
        dialog.resubmitted.connect(lambda _n: self.controller.changed())  # a round soon sends them
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def show_conflicts(self) -> ConflictReviewDialog | None:
        if not self.reviewer:
            return None
        if self.review_dialog is None:
            dialog = ConflictReviewDialog(self.db, self.controller, self.window)
            dialog.restored.connect(lambda _table, _row: self.data_changed.emit())
            dialog.finished.connect(self._review_closed)
            self.review_dialog = dialog
        self.review_dialog.show()
        self.review_dialog.raise_()
        return self.review_dialog

    def _review_closed(self) -> None:
        if self.review_dialog is not None:
            self.review_dialog.deleteLater()
            self.review_dialog = None

    def _round_finished(self, result: object) -> None:
        if getattr(result, "changed", 0):  # not for a round that only brought back this desktop's own uploads
            self.data_changed.emit()
