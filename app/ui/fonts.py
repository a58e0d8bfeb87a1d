"""Register the bundled Noto Sans SC so Chinese renders on a PC without CJK fonts."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.paths import resources_dir

FONT_FILES = ("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf")


def install_fonts(app: QApplication, point_size: int = 10) -> str:
    """Load the bundled fonts and make them the application font; returns the family name."""
    families: list[str] = []
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / name))
        if font_id < 0:
            raise RuntimeError(f"无法加载字体文件 resources/fonts/{name}")
        families += QFontDatabase.applicationFontFamilies(font_id)
    family = families[0]
    app.setFont(QFont(family, point_size))
    return family
