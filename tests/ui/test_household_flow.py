"""A grid worker registers a household with three members through the real forms, then finds them."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.domain.ids import generate_id
from app.domain.roles import UserProfile
from app.services.search import SearchService
from app.store.db import Database
from app.ui import prompts
from app.ui.dialogs.person_dialog import PersonDialog
from app.ui.main_window import MainWindow

RNG = random.Random(11)


@pytest.fixture
def demo_copy(tmp_path, demo_db_path) -> Iterator[Database]:
    """A private copy of the demo community: these tests write."""
    import shutil

    path = tmp_path / "copy.sqlite"
    shutil.copy(demo_db_path, path)
    database = Database(path)
    yield database
    database.close()


def _typing_dialog(entries: list[dict[str, str]], qtbot: QtBot):
    """Replace PersonDialog.exec: type the next entry into the real fields and press 保存."""
    queue = list(entries)

    def fake_exec(dialog: PersonDialog) -> int:
        if not queue:
            return 0
        entry = queue.pop(0)
        dialog.ui.nameEdit.setText(entry["name"])
        qtbot.keyClicks(dialog.ui.idEdit, entry["id"])  # typed: the checker fills birth date and gender
        dialog.ui.relationCombo.setCurrentText(entry["relation"])
        qtbot.keyClicks(dialog.ui.phoneEdit, entry.get("phone", ""))
        dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()

    return fake_exec


def _vacant_cell(window: MainWindow):
    return next((rect, cell) for rect, cell in window.building_map.canvas._rects if cell.cell.households == 0)


def test_register_a_household_with_three_members(qtbot: QtBot, demo_copy: Database,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow(demo_copy, UserProfile("测试员", "secretary"))
    qtbot.addWidget(window)
    window.show()
    with demo_copy.engine.connect() as conn:
        building = conn.exec_driver_sql("""
            SELECT b.id FROM buildings b JOIN houses h ON h.building_id = b.id
            WHERE NOT EXISTS (SELECT 1 FROM households x WHERE x.house_id = h.id) LIMIT 1""").scalar()
    assert window.show_building(building)
    rect, cell = _vacant_cell(window)
    people = [
        {"name": "测甲", "id": generate_id(RNG, "110101", date(1970, 4, 4), True), "relation": "户主",
         "phone": "13911112222"},
        {"name": "测乙", "id": generate_id(RNG, "110101", date(1972, 6, 6), False), "relation": "配偶"},
        {"name": "测丙", "id": generate_id(RNG, "110101", date(2001, 8, 8), True).lower(), "relation": "子"},
    ]
    monkeypatch.setattr(PersonDialog, "exec", _typing_dialog(people, qtbot))
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *_args: True)
    qtbot.mouseClick(window.building_map.canvas, Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.ui.placeTabs.currentWidget() is window.household_page
    window.household_page.add_member()
    window.household_page.add_member()
    page = window.household_page
    assert [m.name for m in page.file.members] == ["测甲", "测乙", "测丙"]
    assert [m.relation for m in page.file.members] == ["户主", "配偶", "子"]
    assert page.file.members[0].birth_date == date(1970, 4, 4) and page.file.members[1].gender == "女"
    assert page.ui.membersTable.rowCount() == 3
    assert "********" in page.ui.membersTable.item(0, 4).text()
    with demo_copy.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT count(*) FROM people WHERE name IN ('测甲', '测乙', '测丙')").scalar()
        house = conn.exec_driver_sql("SELECT house_id FROM households WHERE id = ?", (page.household_id,)).scalar()
    assert stored == 3 and house == cell.cell.house_id
    assert next(h for h in SearchService(demo_copy).search(people[2]["id"][-6:])).title == "测丙"
    assert window.building_map.canvas.cell_at(rect.center()).cell.members == 3  # the map refreshed


def test_a_duplicate_id_is_refused_in_the_form(qtbot: QtBot, demo_copy: Database,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow(demo_copy, UserProfile("测试员", "secretary"))
    qtbot.addWidget(window)
    with demo_copy.engine.connect() as conn:
        household, existing = conn.exec_driver_sql(
            "SELECT household_id, id_number FROM people WHERE id_number IS NOT NULL LIMIT 1").one()
    assert window.show_household(household)
    dialog = PersonDialog(window.household_service, window)
    qtbot.addWidget(dialog)
    dialog.ui.nameEdit.setText("重复")
    qtbot.keyClicks(dialog.ui.idEdit, existing)
    assert "已登记" in dialog.ui.idStatus.text() and household in dialog.ui.idStatus.text()
    dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == 0 and "已登记" in dialog.ui.problems.text()


def test_clicking_an_occupied_house_opens_its_household(qtbot: QtBot, demo_db: Database) -> None:
    window = MainWindow(demo_db, UserProfile("测试员", "secretary"))
    qtbot.addWidget(window)
    window.show()
    with demo_db.engine.connect() as conn:
        building = conn.exec_driver_sql("SELECT building_id FROM houses h JOIN households x ON x.house_id = h.id "
                                        "WHERE h.floor IS NOT NULL LIMIT 1").scalar()
    window.show_building(building)
    rect, cell = next((r, c) for r, c in window.building_map.canvas._rects if c.cell.households)
    qtbot.mouseMove(window.building_map.canvas, rect.center())
    qtbot.mouseClick(window.building_map.canvas, Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.household_page.household_id == cell.cell.household_id
    assert window.household_page.ui.membersTable.rowCount() == cell.cell.members
    assert window.building_map.canvas.cell_at(QPoint(-5, -5)) is None


def test_household_page_opens_visit_case_and_print(qtbot: QtBot, demo_copy: Database) -> None:
    from app.ui.dialogs.print_preview import PrintPreviewDialog
    from app.ui.dialogs.visit_dialog import VisitDialog

    window = MainWindow(demo_copy, UserProfile("测试员", "secretary"))
    qtbot.addWidget(window)
    window.show()
    with demo_copy.engine.connect() as conn:
        household = conn.exec_driver_sql("SELECT household_id FROM people WHERE relation = '户主' LIMIT 1").scalar()
    window.show_household(household)
    page = window.household_page
    page.ui.visitButton.click()
    assert any(isinstance(w, VisitDialog) and w.isVisible() for w in window.findChildren(VisitDialog))
    page.ui.caseButton.click()
    assert window.ui.placeTabs.currentWidget() is window.cases_view
    window.ui.placeTabs.setCurrentWidget(page)
    window.ui.actionPrint.trigger()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(PrintPreviewDialog)), timeout=10_000)
    for dialog in window.findChildren(PrintPreviewDialog):
        dialog.close()
