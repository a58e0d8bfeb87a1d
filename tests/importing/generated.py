"""Small generated ledgers for tests (fictional people: valid check characters, made-up numbers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

from app.domain.ids import check_char

HEADER = ["姓名", "身份证号", "楼栋", "单元", "房号", "与户主关系", "特殊人群"]


def generated_id(seq: int) -> str:
    first17 = f"21011219800101{seq:03d}"
    return first17 + check_char(first17)


def ledger(path: Path, rows: list[list[Any]]) -> Path:
    """A people ledger with HEADER and ``rows`` (missing trailing cells are empty)."""
    wb = Workbook()
    wb.active.append(HEADER)
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path
