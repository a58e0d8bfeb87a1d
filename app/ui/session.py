"""One working session on the desktop: which database, who is working, and the main window for them.

First run offers the demo community, a new ledger or an existing file; the choice and the user are
remembered (QSettings). The main window asks to switch database or user through ``switch_requested``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QDialog

from app.domain.roles import UserProfile
from app.services.demo import generate_demo
from app.services.places import PlaceService
from app.services.users import UserService
from app.store.db import Database, DatabaseError
from app.ui import prompts
from app.ui.dialogs.start_dialog import StartDialog
from app.ui.dialogs.user_dialog import UserDialog
from app.ui.main_window import MainWindow
from app.ui.settings import Settings
from app.ui.tasks import run_task


class DesktopSession:
    def __init__(self, db_path: Path | None, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.db_path = db_path
        self.db: Database | None = None
        self.window: MainWindow | None = None

    def start(self) -> bool:
        """Open the database (asking on first run) and the window; False when the user gave up."""
        path = self.db_path or (Path(self.settings.last_db) if self.settings.last_db else None)
        if path is None or not path.exists():
            return self.choose_database()
        return self.open(path)

    def choose_database(self) -> bool:
        dialog = StartDialog(self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return self.window is not None
        path = dialog.chosen_path()
        if dialog.wants_demo and not path.exists():
            self._build_demo(path)
            return True
        return self.open(path)

    def _build_demo(self, path: Path) -> None:
        def work(progress, cancelled):
            database = Database(path)
            try:
                generate_demo(database, today=date.today(), progress=progress, cancel=cancelled)
            finally:
                database.close()

        def failed(exc: BaseException) -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            prompts.warn(None, "演示社区", f"演示社区没有生成：{exc}")
            self.choose_database()

        self._task = run_task(None, "正在生成演示社区…", work, lambda _result: self.open(path), failed)  # type: ignore[arg-type]

    def open(self, path: Path) -> bool:
        try:
            database = Database(path)
        except DatabaseError as exc:
            prompts.warn(None, "无法打开台账", str(exc))
            return self.choose_database()
        user = self._user_for(database)
        if user is None:
            database.close()
            return self.window is not None
        self._replace_window(database, user)
        self.settings.last_db = str(path)
        return True

    def _user_for(self, database: Database, *, ask: bool = False) -> UserProfile | None:
        users = UserService(database)
        saved = self.settings.user()
        known = {u.name: u for u in users.known()}
        if saved is not None and not ask and saved.name in known:
            return known[saved.name]  # the database's grids: a first sync may have given them the server's ids
        dialog = UserDialog(PlaceService(database).grids(), list(known.values()), saved, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        profile = users.sign_in(dialog.profile())
        self.settings.set_user(profile)
        return profile

    def _replace_window(self, database: Database, user: UserProfile) -> None:
        old = self.window
        window = MainWindow(database, user, self.settings)
        geometry = self.settings.geometry()
        if geometry is not None:
            window.restoreGeometry(geometry)
        if not self.settings.masked and user.permissions.reveal:
            window.reveal(confirm=False)
        window.masking_changed.connect(lambda masked: setattr(self.settings, "masked", masked))
        window.switch_requested.connect(self._switch)
        window.closing.connect(lambda: self.settings.set_geometry(window.saveGeometry()))
        self.window, self.db = window, database
        window.show()
        if old is not None:
            old.close()
            if old.db is not database:
                old.db.close()

    def _switch(self, what: str) -> None:
        if what == "database":
            self.choose_database()
        elif self.db is not None:
            user = self._user_for(self.db, ask=True)
            if user is not None:
                self._replace_window(self.db, user)
