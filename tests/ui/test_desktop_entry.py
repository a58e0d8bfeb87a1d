"""The desktop entry point: screenshots offscreen, a clear message without a display, bundled fonts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QFontDatabase, QImage

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120, check=False)


def test_screenshot_renders_the_window(demo_db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "main.png"
    result = _run("--db", str(demo_db_path), "--screenshot", str(out), env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() >= 1000 and image.height() >= 600


def test_view_of_an_unknown_household_is_refused(demo_db_path: Path, tmp_path: Path) -> None:
    env = dict(os.environ)
    bad = _run("--db", str(demo_db_path), "--screenshot", str(tmp_path / "x.png"),
               "--view", "household:无此小区|1号楼|1单元|101", env=env)
    assert bad.returncode == 2 and "找不到" in bad.stderr


def test_without_a_display_it_says_how_to_run(demo_db_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = _run("--db", str(demo_db_path), env=env)
    assert result.returncode == 2
    assert "xvfb-run" in result.stderr and "--screenshot" in result.stderr


def test_bundled_font_is_registered(qapp) -> None:
    from app.ui.fonts import install_fonts

    family = install_fonts(qapp)
    assert "Noto Sans SC" in family
    assert family in QFontDatabase.families()
    assert qapp.font().family() == family


def test_generated_forms_are_up_to_date() -> None:
    result = subprocess.run([sys.executable, "scripts/compile_forms.py", "--check"], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout


def test_import_app_and_core_layers_do_not_import_qt() -> None:
    code = ("import sys, app, app.store.db, app.store.writes, app.services.search, app.services.export, app.cli,"
            " sync; bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))];"
            " print(bad); sys.exit(bool(bad))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_standard_buttons_speak_chinese(qapp) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from app.ui.i18n import install_translations

    translators = install_translations(qapp)
    try:
        assert translators
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
