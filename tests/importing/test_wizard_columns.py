"""The wizard's tables on a ledger with a pasted paragraph in one cell (no corpus needed)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.store.db import Database
from app.ui.tables import MAX_COLUMN_WIDTH
from tests.importing.generated import generated_id, ledger
from tests.importing.test_wizard import _previewed

PLACE = 5  # the preview's 地址 column


def test_a_long_cell_does_not_push_the_other_columns_out_of_the_preview(qtbot: QtBot, db: Database,
                                                                        tmp_path: Path) -> None:
    building = "幸福家园" * 100 + "1号楼"
    path = ledger(tmp_path / "人口台账.xlsx", [["测甲", generated_id(1), building, "1单元", "101", "户主"],
                                            ["测乙", generated_id(2), "2号楼", "1单元", "101", "户主"]])
    table = _previewed(qtbot, db, path).preview_page.ui.rowTable
    assert table.horizontalHeaderItem(PLACE).text() == "地址"
    assert table.columnWidth(PLACE) == MAX_COLUMN_WIDTH
    long_cell = next(table.item(r, PLACE) for r in range(table.rowCount()) if building in table.item(r, PLACE).text())
    assert long_cell.toolTip() == long_cell.text()  # the whole address, on hovering
    assert table.columnWidth(3) < MAX_COLUMN_WIDTH  # 姓名 as wide as its names
