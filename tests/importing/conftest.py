"""Fixtures for the importing tests: the shared ledger corpus and the real templates (read-only)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"
LEDGERS = Path(os.environ.get("GRIDLEDGER_LEDGERS", SHARED / "ledgers"))
TEMPLATES = SHARED / "real-templates"
LEDGER_FILES = sorted(p for p in LEDGERS.glob("*") if p.suffix in (".xlsx", ".xls", ".csv"))


def truth_of(path: Path) -> dict[str, Any]:
    return json.loads(path.with_name(path.name + ".truth.json").read_text(encoding="utf-8"))


needs_corpus = pytest.mark.skipif(not LEDGER_FILES, reason=f"ledger corpus not found at {LEDGERS}")
needs_templates = pytest.mark.skipif(not TEMPLATES.exists(), reason=f"templates not found at {TEMPLATES}")
