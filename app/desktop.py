"""The GUI entry point (composition root): QApplication, bundled fonts, error dialog, main window.

The only module outside app/ui that imports app.ui; the command line reaches it by name only.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

NO_DISPLAY_MESSAGE = """这台机器没有图形显示（DISPLAY 未设置），无法打开窗口。可以：
  1. 在虚拟显示中运行：  xvfb-run -a gridledger --db {db}
  2. 把主窗口渲染为图片：gridledger --db {db} --screenshot main.png
"""


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


def run(db: str | None = None, screenshot: str | None = None, view: str | None = None) -> int:
    from app.paths import default_db_path

    db_path = Path(db) if db else default_db_path()
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif not _has_display():
        sys.stderr.write(NO_DISPLAY_MESSAGE.format(db=db_path))
        return 2

    from PySide6.QtWidgets import QApplication

    from app.store.db import Database, DatabaseError
    from app.ui.fonts import install_fonts
    from app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("GridLedger")
    app.setOrganizationName("GridLedger")
    install_fonts(app)
    try:
        database = Database(db_path)
    except DatabaseError as exc:
        sys.stderr.write(f"错误：{exc}\n")
        return 2
    user = os.environ.get("GRIDLEDGER_USER") or os.environ.get("USER") or "网格员"
    window = MainWindow(database, user)
    if view:
        node = window.places.resolve(view)
        if node is None:
            sys.stderr.write(f"错误：找不到 --view {view}（格式：building:KEY 或 household:KEY）\n")
            return 2
        window.show_place(node)
    if screenshot:
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        ok = window.grab().save(screenshot)
        window.close()
        database.close()
        if not ok:
            sys.stderr.write(f"错误：无法保存截图 {screenshot}\n")
            return 2
        return 0
    _install_excepthook()
    window.show()
    code = app.exec()
    database.close()
    return code
