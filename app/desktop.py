"""The GUI entry point (composition root): QApplication, bundled fonts, error dialog, first run, main window.

The only module outside app/ui that imports app.ui; the command line reaches it by name only.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from app.domain.roles import UserProfile
from app.domain.workflow import SECRETARY

NO_DISPLAY_MESSAGE = """这台机器没有图形显示（DISPLAY 未设置），无法打开窗口。可以：
  1. 在虚拟显示中运行：  xvfb-run -a gridledger --db {db}
  2. 把主窗口渲染为图片：gridledger --db {db} --screenshot main.png
"""
SCREENSHOT_USER = UserProfile("截图", SECRETARY)


def _has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or os.environ.get("QT_QPA_PLATFORM"))


def _install_excepthook() -> None:
    from app.ui import prompts

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        traceback.print_exception(kind, exc, tb)
        prompts.warn(None, "出错了", f"操作没有完成：{exc}\n\n详细信息已写入控制台日志。")

    sys.excepthook = hook


def _screenshot(db_path: Path, out: str, view: str | None) -> int:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from app.store.db import Database, DatabaseError
    from app.ui.main_window import MainWindow

    try:
        database = Database(db_path, create=False)
    except DatabaseError as exc:
        sys.stderr.write(f"错误：{exc}\n")
        return 2
    window = MainWindow(database, SCREENSHOT_USER)
    window.resize(1280, 800)
    window.show()
    if view:
        kind = view.partition(":")[0]
        node = window.places.resolve(view)
        if node is None:
            sys.stderr.write(f"错误：找不到 --view {view}（格式：building:KEY 或 household:KEY）\n")
            return 2
        if kind == "household":
            window.show_household(node.id)
        else:
            window.show_place(node)
    QApplication.processEvents()
    ok = window.grab().save(out)
    window.close()
    window.deleteLater()  # destroyed by Qt now, not by the garbage collector after QApplication is gone
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    database.close()
    if not ok:
        sys.stderr.write(f"错误：无法保存截图 {out}\n")
        return 2
    return 0


def run(db: str | None = None, screenshot: str | None = None, view: str | None = None) -> int:
    from app.paths import default_db_path

    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif not _has_display():
        sys.stderr.write(NO_DISPLAY_MESSAGE.format(db=db or default_db_path()))
        return 2

    from PySide6.QtWidgets import QApplication

    from app.ui.fonts import install_fonts
    from app.ui.i18n import install_translations

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("GridLedger")
    app.setOrganizationName("GridLedger")
    install_fonts(app)
    install_translations(app)
    if screenshot:
        return _screenshot(Path(db) if db else default_db_path(), screenshot, view)

    from app.ui.session import DesktopSession

    _install_excepthook()
    session = DesktopSession(Path(db) if db else None)
    if not session.start():
        return 0
    return app.exec()
