"""Qt's own Chinese translations, so standard buttons and dialogs (确定, 取消, 打印 …) speak Chinese too."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

CATALOGUES = ("qtbase", "qt")


def install_translations(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Load the Qt catalogues for the locale (Simplified Chinese by default); returns what was installed."""
    chosen = locale or QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    QLocale.setDefault(chosen)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for catalogue in CATALOGUES:
        translator = QTranslator(app)
        if translator.load(chosen, catalogue, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed
