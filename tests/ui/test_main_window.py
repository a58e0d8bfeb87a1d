"""Drive the real main window on a demo community: tree, people list, search."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from app.domain.names import name_initials
from app.domain.roles import UserProfile
from app.services.demo import generate_demo
from app.services.people import PeopleService
from app.services.places import KeyList, PeopleFilter, PlaceService
from app.store import audit
from app.store.db import Database
from app.store.users import save_user
from app.store.writes import new_id
from app.ui import prompts
from app.ui.main_window import HIT_ROLE, MainWindow
from app.ui.models.people_table import PeopleTableModel
from app.ui.models.place_tree import PlaceTreeModel
from sync.client import RoundResult, remap_local


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database) -> MainWindow:
    win = MainWindow(demo_db, UserProfile("测试员", "secretary"))
    qtbot.addWidget(win)
    win.show()
    return win


def test_opens_on_the_whole_ledger_with_counts(window: MainWindow, demo_db: Database) -> None:
    with demo_db.engine.connect() as conn:
        people = conn.exec_driver_sql("SELECT count(*) FROM people WHERE deleted = 0").scalar()
    assert window.people_model.rowCount() == people
    assert "全库" in window._count_label.text() and str(people) in window._count_label.text()
    assert window.tree_model.rowCount() >= 1


def test_selecting_a_grid_lists_only_its_people(window: MainWindow, demo_db: Database) -> None:
    tree = window.ui.placeTree
    community = window.tree_model.index(0, 0)
    window.tree_model.load_children(community)
    grid_index = window.tree_model.index(0, 0, community)
    grid = window.tree_model.node(grid_index)
    assert grid is not None and grid.level == "grid"
    tree.setCurrentIndex(grid_index)
    with demo_db.engine.connect() as conn:
        expected = conn.exec_driver_sql("SELECT count(*) FROM people WHERE deleted = 0 AND grid_id = ?",
                                        (grid.id,)).scalar()
    assert window.people_model.rowCount() == expected
    assert window.ui.placeTitle.text().endswith(grid.name)


def test_tree_goes_down_to_units(window: MainWindow) -> None:
    model = window.tree_model
    index = model.index(0, 0)
    for level in ("grid", "estate", "building", "unit"):
        model.load_children(index)
        index = model.index(0, 0, index)
        assert model.node(index).level == level


def test_search_as_you_type_jumps_to_the_household(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    with demo_db.engine.connect() as conn:
        name, household, members = conn.exec_driver_sql("""
            SELECT p.name, p.household_id, (SELECT count(*) FROM people m WHERE m.household_id = p.household_id)
            FROM people p WHERE length(p.name) = 3 AND p.deleted = 0 LIMIT 1""").one()
    window.search_box.setFocus()
    qtbot.keyClicks(window.search_box, name_initials(name)[0])  # typed, as a user would
    qtbot.waitUntil(lambda: window.search_results.rowCount() > 0, timeout=2000)
    shown = [window.search_results.item(r).data(HIT_ROLE) for r in range(window.search_results.rowCount())]
    hit = next(h for h in shown if h.title == name and h.household_id == household)
    window.open_hit(hit)
    assert window.people_model.rowCount() == members
    assert {window.people_model.row_for(r).household_id for r in range(members)} == {household}


def test_lists_mask_ids_and_phones(window: MainWindow) -> None:
    row = window.people_model.row_for(0)
    assert row is not None and "********" in row.id_number


def test_people_table_model_passes_the_model_tester(qtmodeltester, demo_db: Database) -> None:
    model = PeopleTableModel(PeopleService(demo_db))
    model.set_list(KeyList(PlaceService(demo_db).people_keys(None)[:500]))
    qtmodeltester.check(model)


def test_place_tree_model_passes_the_model_tester(qtmodeltester, demo_db: Database) -> None:
    model = PlaceTreeModel(PlaceService(demo_db))
    model.load_children(model.index(0, 0))
    qtmodeltester.check(model)


def test_filter_the_people_list_by_tag_age_and_gender(window: MainWindow, demo_db: Database) -> None:
    window.show_place(None)
    window.ui.tagFilter.setCurrentText("独居老人")
    with demo_db.engine.connect() as conn:
        alone = conn.exec_driver_sql("""
            SELECT count(DISTINCT pt.person_id) FROM person_tags pt JOIN tag_types t ON t.id = pt.tag_id
            JOIN people p ON p.id = pt.person_id
            WHERE t.name = '独居老人' AND pt.until IS NULL AND pt.deleted = 0 AND p.deleted = 0""").scalar()
    assert alone > 0 and window.people_model.rowCount() == alone
    assert all("独居老人" in window.people_model.row_for(r).tags for r in range(alone))
    window.ui.tagFilter.setCurrentIndex(0)
    window.ui.genderFilter.setCurrentText("女")
    window.ui.ageMin.setValue(60)
    rows = [window.people_model.row_for(r) for r in range(window.people_model.rowCount())]
    assert rows and all(r.gender == "女" and r.age >= 60 for r in rows)
    window.ui.ageMax.setValue(65)
    assert all(60 <= window.people_model.row_for(r).age <= 65 for r in range(window.people_model.rowCount()))


def test_sorting_asks_the_database(window: MainWindow) -> None:
    window.show_place(None)
    window.people_model.sort(2, Qt.SortOrder.DescendingOrder)  # 年龄
    ages = [window.people_model.row_for(r).age for r in range(50)]
    assert ages == sorted(ages, reverse=True)


def test_show_full_numbers_is_audited(window: MainWindow, demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *_args: True)
    window.ui.showFull.setChecked(True)
    assert "*" not in window.people_model.row_for(0).id_number
    entry = audit.entries(demo_db)[0]
    assert (entry.action, entry.user_name, entry.people_count) == ("reveal", "测试员", window.people_model.rowCount())
    window.ui.showFull.setChecked(False)
    assert "********" in window.people_model.row_for(0).id_number


def test_export_the_filtered_list(window: MainWindow, qtbot: QtBot, tmp_path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    window.ui.tagFilter.setCurrentText("残疾人")
    out = tmp_path / "残疾人.xlsx"
    offered: list[str] = []
    monkeypatch.setattr(prompts, "save_file", lambda *_args: str(out))
    monkeypatch.setattr(prompts, "ask_yes_no", lambda _parent, _title, text: offered.append(text) or False)
    window.ui.exportFiltered.click()
    qtbot.waitUntil(lambda: bool(offered), timeout=20000)  # written off the GUI thread
    sheet = load_workbook(out).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [window.people_model.row_for(r).name for r in range(window.people_model.rowCount())]
    assert all("*" in row[0] for row in sheet.iter_rows(min_row=2, values_only=True))  # masked by default
    assert f"已导出 {len(names)} 人" in offered[0]


def test_grid_worker_exports_rosters_of_their_grid_only(qtbot: QtBot, demo_db: Database, tmp_path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    with demo_db.engine.connect() as conn:
        grid_id, grid_name = conn.exec_driver_sql(
            "SELECT id, name FROM org_nodes WHERE level = 'grid' ORDER BY code LIMIT 1").one()
        households = conn.exec_driver_sql("SELECT count(*) FROM households WHERE deleted = 0 AND grid_id = ? "
                                          "AND moved_out_on IS NULL", (grid_id,)).scalar()
        people = conn.exec_driver_sql("SELECT count(*) FROM people WHERE deleted = 0 AND grid_id = ?",
                                      (grid_id,)).scalar()
    win = MainWindow(demo_db, UserProfile("李网格", "grid_worker", (grid_id,)))
    qtbot.addWidget(win)
    done: list[str] = []
    monkeypatch.setattr(prompts, "ask_yes_no", lambda _parent, _title, text: done.append(text) or False)
    for step, (what, action, expected) in enumerate((("households", win.ui.actionExportHouseholdRoster, households),
                                                     ("people", win.ui.actionExportPeopleRoster, people)), start=1):
        out = tmp_path / f"{what}.xlsx"
        monkeypatch.setattr(prompts, "save_file", lambda *_args, out=out: str(out))
        action.trigger()
        qtbot.waitUntil(lambda step=step: len(done) == step, timeout=20000)
        rows = list(load_workbook(out).active.iter_rows(min_row=4, values_only=True))
        data = [r for r in rows if isinstance(r[0], int)]
        assert len(data) == expected > 0
        assert {r[2] for r in data} == {grid_name}  # 网格 column: only the worker's grid
        id_column = 8 if what == "households" else 13
        assert all("********" in r[id_column] for r in data)  # a grid worker never sees full numbers
    entry = audit.entries(demo_db)[0]
    assert (entry.action, entry.user_name) == ("export_people_roster", "李网格")


def test_whole_register_is_paged_in_the_same_order_as_listed(demo_db: Database) -> None:
    places = PlaceService(demo_db)
    paged = places.people_list(None)
    assert not isinstance(paged, KeyList)  # the whole register is not fetched up front
    keys = places.people_keys(None)
    assert len(paged) == len(keys)
    assert [k for start in range(0, len(keys), 333) for k in paged.page(start, 333)] == keys
    assert isinstance(places.people_list(None, PeopleFilter(gender="女")), KeyList)


def test_the_window_follows_a_grid_the_first_sync_gave_the_servers_id(qtbot: QtBot, tmp_path) -> None:
    """A grid worker's desktop made its grid afresh for an import; the first sync renamed it to the server's
    grid (in the rows and the saved profile): the open window shows that grid's people at once."""
    db = Database(tmp_path / "worker.sqlite")
    generate_demo(db, seed=4, households=30)
    grid = PlaceService(db).grids()[0][0]
    save_user(db, "网格员", "grid_worker", [grid])
    win = MainWindow(db, UserProfile("网格员", "grid_worker", (grid,)))
    qtbot.addWidget(win)
    people = win.people_model.rowCount()
    assert people > 0
    renamed = new_id()
    with db.session() as session:
        remap_local(session, "org_nodes", {grid: renamed})
    win.sync.controller.round_finished.emit(RoundResult(pushed=1, merged=1))
    assert win.user.grid_ids == (renamed,)
    assert win.people_model.rowCount() == people
    assert win.places.scope == win.search_service.scope == frozenset({renamed})
    assert win.desk.actor.grid_ids == win.cases_view.board.scope.grid_ids == (renamed,)
    assert win.cases_view.board.model.rowCount() > 0
    db.close()


def test_ledgers_dropped_on_the_window_open_the_import_wizard_with_them(window: MainWindow, tmp_path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    ledger, photo = tmp_path / "人口台账.xlsx", tmp_path / "照片.jpg"
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(ledger)), QUrl.fromLocalFile(str(photo))])
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    wizard = next(w for w in window.findChildren(QWizard) if w.isVisible())
    assert [str(p) for p in wizard.files_page.paths()] == [str(ledger)]  # the photo is not a ledger
    wizard.reject()
    reader = MainWindow(window.db, UserProfile("街道干部", "subdistrict"))
    assert not reader.acceptDrops()  # who may not import is not offered it by a drop either
    reader.close()
