"""Background sync for the desktop: rounds on start, every few minutes, shortly after edits and on
demand, one at a time on a private single-thread pool, so the window never waits and rounds never
overlap. Every state change is announced as a SyncState for the indicator."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from app.services.sync_rounds import SyncAccount, fetch_conflicts, run_round
from app.services.sync_status import load_status
from app.store.db import Database
from app.ui.sync.state import FAILED, IDLE, OFFLINE, SIGNED_OUT, SYNCING, SyncState
from app.ui.tasks import Worker, WorkerSignals
from sync.client import SyncError

INTERVAL_MS = 5 * 60 * 1000
DEBOUNCE_MS = 3000
LOGIN_CODES = frozenset({"bad_login", "token_expired", "token_invalid", "not_authenticated"})


class SyncController(QObject):
    state_changed = Signal(object)  # SyncState
    round_finished = Signal(object)  # RoundResult of a round that completed
    login_needed = Signal(str)  # the server refused the user name or password: why, for the login dialog
    conflicts_loaded = Signal(object)  # list[ConflictView]
    conflicts_failed = Signal(str)

    def __init__(self, db: Database, *, reviewer: bool, interval_ms: int = INTERVAL_MS,
                 debounce_ms: int = DEBOUNCE_MS, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self.reviewer = reviewer
        self.account: SyncAccount | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._busy = False
        self._again = False
        self._jobs: list[WorkerSignals] = []  # alive until their answer arrived
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.sync_now)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.sync_now)

    # -- control ---------------------------------------------------------------------------------

    def start(self) -> None:
        """Begin: a round now (when signed in) and then every few minutes."""
        self._timer.start()
        self.sync_now()

    def stop(self, wait_ms: int = 30_000) -> None:
        """No more rounds; waits for one that is running (the window is closing)."""
        self._timer.stop()
        self._debounce.stop()
        self._again = False
        self._pool.waitForDone(wait_ms)

    def set_account(self, account: SyncAccount | None) -> None:
        self.account = account
        self.sync_now()

    def sync_now(self) -> None:
        """A round now, or right after the one that is running."""
        if self.account is None:
            self.refresh()
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        self.refresh()
        account, db, review = self.account, self.db, self.reviewer
        self._run(lambda: run_round(db, account, review=review), self._round_done, self._round_failed)

    def changed(self) -> None:
        """Local data changed: show the new pending count now, sync after a short pause in typing."""
        self.refresh()
        if self.account is not None:
            self._debounce.start()

    def load_conflicts(self, include_reviewed: bool = False) -> None:
        """Fetch the conflict log in the background; answers with conflicts_loaded or conflicts_failed."""
        if self.account is None:
            self.conflicts_failed.emit("请先登录同步服务器，才能读取冲突记录。")
            return
        account, db = self.account, self.db
        self._run(lambda: fetch_conflicts(db, account, include_reviewed=include_reviewed),
                  self.conflicts_loaded.emit, lambda exc: self.conflicts_failed.emit(str(exc)))

    # -- state -----------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy

    def state(self) -> SyncState:
        status = load_status(self.db)
        if self._busy:
            phase = SYNCING
        elif self.account is None:
            phase = SIGNED_OUT
        elif status.error_code == "offline":
            phase = OFFLINE
        elif status.error_code:
            phase = FAILED
        else:
            phase = IDLE
        return SyncState(phase, status, self.reviewer)

    def refresh(self) -> None:
        self.state_changed.emit(self.state())

    # -- rounds ----------------------------------------------------------------------------------

    def _run(self, fn: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[Any], None]) -> None:
        signals = WorkerSignals()
        self._jobs.append(signals)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            self._jobs.remove(signals)
            callback(value)

        signals.done.connect(lambda value: finish(done, value))
        signals.failed.connect(lambda exc: finish(failed, exc))
        self._pool.start(Worker(lambda _progress, _cancelled: fn(), signals, threading.Event()))

    def _round_done(self, result: object) -> None:
        self._settle()
        self.round_finished.emit(result)

    def _round_failed(self, exc: BaseException) -> None:
        code = exc.code if isinstance(exc, SyncError) else "error"
        self._settle()
        if code in LOGIN_CODES:
            self.account = None  # the password is wrong or refused: ask again rather than retry it
            self.refresh()
            self.login_needed.emit(str(exc))

    def _settle(self) -> None:
        self._busy = False
        self.refresh()
        if self._again:
            self._again = False
            self.sync_now()
