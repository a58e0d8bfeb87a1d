"""Where things live: the user's data directory and bundled resources (source tree or frozen build)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The resources/ folder, next to app/ in the source tree or inside a PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The per-user data directory (database, attachments); GRIDLEDGER_HOME overrides it."""
    override = os.environ.get("GRIDLEDGER_HOME")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home())) / "GridLedger"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "gridledger"
    base.mkdir(parents=True, exist_ok=True)
    return base


def default_db_path() -> Path:
    return data_dir() / "gridledger.sqlite"
