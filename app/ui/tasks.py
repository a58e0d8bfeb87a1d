"""Long work off the GUI thread: a QRunnable with progress and cancel, results back on the GUI thread.

A task function receives ``progress(stage, fraction)`` and ``cancelled()`` callables; whatever it returns
reaches ``on_done``, whatever it raises reaches ``on_error`` (never lost inside the worker).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Progress = Callable[[str, float], None]
TaskFn = Callable[[Progress, Callable[[], bool]], Any]


class WorkerSignals(QObject):
    progress = Signal(str, float)
    done = Signal(object)
    failed = Signal(object)


class Worker(QRunnable):
    def __init__(self, fn: TaskFn, signals: WorkerSignals, cancel: threading.Event):
        super().__init__()
        self.fn, self.signals, self.cancel = fn, signals, cancel

    def run(self) -> None:
        try:
            result = self.fn(lambda stage, fraction: self.signals.progress.emit(stage, fraction), self.cancel.is_set)
        except BaseException as exc:
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class Task(QObject):
    """One background operation with a modal progress dialog that has a 取消 button."""

    finished = Signal()

    def __init__(self, parent: QWidget, title: str, fn: TaskFn, on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None]):
        super().__init__(parent)
        self.cancel = threading.Event()
        self.signals = WorkerSignals()
        self.dialog = QProgressDialog(title, "取消", 0, 1000, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(self.cancel.set)
        self.signals.progress.connect(self._progress)
        self.signals.done.connect(lambda result: self._finish(on_done, result))
        self.signals.failed.connect(lambda exc: self._finish(on_error, exc))
        self._worker = Worker(fn, self.signals, self.cancel)

    def start(self) -> Task:
        QThreadPool.globalInstance().start(self._worker)
        return self

    def _progress(self, stage: str, fraction: float) -> None:
        self.dialog.setLabelText(stage)
        self.dialog.setValue(int(fraction * 1000))

    def _finish(self, callback: Callable[[Any], None], value: Any) -> None:
        callback(value)  # before the dialog goes, so a window opened by the callback keeps the app alive
        self.dialog.reset()
        self.finished.emit()


def run_task(parent: QWidget, title: str, fn: TaskFn, on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None]) -> Task:
    return Task(parent, title, fn, on_done, on_error).start()
