"""导出: the filtered list and the office rosters, written off the GUI thread with a progress dialog.

The services do the writing (app.services.export); this module asks where to write, runs the service in
a background task that 取消 stops (the target file is then left as it was), and offers to open the result.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from app.services.export import (
    ROSTER_TITLES,
    ROSTER_UNITS,
    ExportCancelled,
    ExportResult,
    export_people,
    export_roster,
)
from app.store.db import Database
from app.ui import prompts
from app.ui.tasks import Task, run_task

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"


def _finished(parent: QWidget, what: str) -> Callable[[ExportResult], None]:
    def done(result: ExportResult) -> None:
        if prompts.ask_yes_no(parent, "导出完成",
                              f"已导出 {result.people} {ROSTER_UNITS[what]}到\n{result.path}\n\n现在打开这个文件吗？"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))
    return done


def _failed(parent: QWidget) -> Callable[[BaseException], None]:
    def failed(exc: BaseException) -> None:
        if not isinstance(exc, ExportCancelled):
            prompts.warn(parent, "导出失败", str(exc))
    return failed


def export_list(parent: QWidget, db: Database, user_name: str, person_ids: list[str], *, mask: bool) -> Task | None:
    """The people on screen, in their order (xlsx or csv)."""
    path = prompts.save_file(parent, "导出居民名单", "居民名单.xlsx", f"{XLSX_FILTER};;CSV (*.csv)")
    if not path:
        return None
    return run_task(parent, "正在导出居民名单",
                    lambda progress, cancelled: export_people(db, Path(path), user_name=user_name, mask=mask,
                                                              person_ids=person_ids, progress=progress,
                                                              cancelled=cancelled),
                    _finished(parent, "people"), _failed(parent))


def export_office_roster(parent: QWidget, db: Database, user_name: str, what: str, *,
                         scope: Collection[str] | None, mask: bool) -> Task | None:
    """人口信息台账, 住户台账 or 楼栋台账 of every grid the user sees."""
    title = ROSTER_TITLES[what]
    path = prompts.save_file(parent, f"导出{title}", f"{title}.xlsx", XLSX_FILTER)
    if not path:
        return None
    return run_task(parent, f"正在导出{title}",
                    lambda progress, cancelled: export_roster(db, what, Path(path), user_name=user_name, scope=scope,
                                                              mask=mask, progress=progress, cancelled=cancelled),
                    _finished(parent, what), _failed(parent))
