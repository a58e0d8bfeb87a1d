"""The main window: place tree on the left, the people of the selected place on the right, search on top."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QHeaderView, QLabel, QLineEdit, QMainWindow

from app.domain import codes
from app.domain.roles import UserProfile
from app.services.building_map import BuildingMapService
from app.services.households import HouseholdService, ValidationError
from app.services.people import PeopleService
from app.services.places import KeyList, PeopleFilter, PlaceNode, PlaceService
from app.services.search import SearchHit, SearchService
from app.services.stats import headline_counts
from app.services.users import UserService
from app.store.db import Database
from app.ui import prompts
from app.ui.case_desk import CaseDesk
from app.ui.dialogs.import_history import ImportHistoryDialog
from app.ui.dialogs.import_wizard import (
    LEDGER_SUFFIXES,
    SYNC_FIRST_HINT,
    ImportWizard,
    dropped_files,
    open_import_wizard,
)
from app.ui.dialogs.person_dialog import PersonDialog
from app.ui.dialogs.print_preview import open_building_print, open_household_print, open_statistics_print
from app.ui.dialogs.visit_dialog import VisitDialog
from app.ui.exporting import export_list, export_office_roster
from app.ui.forms.ui_main_window import Ui_MainWindow
from app.ui.models.people_table import PeopleTableModel
from app.ui.models.place_tree import PlaceTreeModel
from app.ui.settings import Settings
from app.ui.sync import SyncDesk
from app.ui.tasks import Task
from app.ui.views.building_map import BuildingMapView
from app.ui.views.cases_view import CasesView
from app.ui.views.household_page import HouseholdPage
from app.ui.views.worklist import WorklistView

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_DELAY_MS = 120


class MainWindow(QMainWindow):
    switch_requested = Signal(str)  # "database" or "user": the desktop reopens with another choice
    masking_changed = Signal(bool)  # True: masked
    closing = Signal()

    def __init__(self, db: Database, user: UserProfile, settings: Settings | None = None):
        super().__init__()
        self.db = db
        self.user = user
        self.user_name = user.name
        self._totals: dict[str, int] | None = None  # whole-database counts, recounted after edits
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.setWindowTitle(f"网格台账 — {user.name}（{user.role_label}）")
        self.places = PlaceService(db, user.grid_scope)
        self.search_service = SearchService(db, user.grid_scope)

        self.tree_model = PlaceTreeModel(self.places, self)
        self.ui.placeTree.setModel(self.tree_model)
        self.ui.placeTree.expanded.connect(self.tree_model.load_children)
        self.ui.placeTree.selectionModel().currentChanged.connect(self._place_selected)

        self.current_house: str | None = None
        self.current_building: str | None = None
        self._build_people_list()
        self._build_pages()
        self._build_search()
        self.sync = SyncDesk(db, user, settings or Settings(), self)
        self.cases_view.page.account_source = lambda: self.sync.controller.account  # fetches attachments
        self._build_status_bar()
        self._connect_actions()
        self._show_first_place()
        self.sync.start()

    def _show_first_place(self) -> None:
        if self.tree_model.rowCount():
            first = self.tree_model.index(0, 0)
            self.ui.placeTree.expand(first)
            self.ui.placeTree.setCurrentIndex(first)  # shows the community; a view asked for comes after
        else:
            self.show_place(None)

    def _build_people_list(self) -> None:
        """居民名单: the lazy table, its filters and column widths."""
        self.people_service = PeopleService(self.db)
        self.people_model = PeopleTableModel(self.people_service, self)
        self.ui.peopleTable.setModel(self.people_model)
        self.current_node: PlaceNode | None = None
        self._sort: tuple[str, bool] = ("address", False)
        self.people_model.sort_requested.connect(self._sort_people)
        self._setup_filters()
        header = self.ui.peopleTable.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # address order until a column is clicked
        for column, width in enumerate((80, 48, 48, 80, 160, 110, 220, 80)):
            self.ui.peopleTable.setColumnWidth(column, width)
        self.ui.peopleTable.verticalHeader().setDefaultSectionSize(24)
        self.ui.splitter.setSizes([260, 1000])


    def _build_pages(self) -> None:
        """楼盘表, 一户一档, 今日工作, 事件与纠纷 and how they lead into each other."""
        self.map_service = BuildingMapService(self.db)
        self.household_service = HouseholdService(self.db)
        self.building_map = BuildingMapView()
        self.household_page = HouseholdPage(self.household_service, self.search_service)
        self.ui.placeTabs.addTab(self.building_map, "楼盘表")
        self.ui.placeTabs.addTab(self.household_page, "一户一档")
        self.desk = CaseDesk.open(self.db, self.user)
        self.worklist = WorklistView(self.desk)
        self.cases_view = CasesView(self.desk)
        self.ui.placeTabs.addTab(self.worklist, "今日工作")
        self.ui.placeTabs.addTab(self.cases_view, "事件与纠纷")
        self.worklist.case_activated.connect(self.show_case)
        self.worklist.visit_recorded.connect(lambda *_ids: self._casework_changed())
        self.cases_view.cases_changed.connect(self._casework_changed)
        self.household_page.visit_requested.connect(self.record_visit)
        self.household_page.case_requested.connect(lambda hid: self._new_case(household_id=hid))
        self.household_page.print_requested.connect(
            lambda hid: open_household_print(self, self.db, hid, self.user))
        self.building_map.print_requested.connect(lambda bid: open_building_print(self, self.db, bid, self.user))
        self.building_map.case_requested.connect(lambda bid: self._new_case(building_id=bid))
        self.ui.actionPrintStats.triggered.connect(lambda: open_statistics_print(self, self.db, self.user))
        self.ui.actionPrint.triggered.connect(self.print_current)
        self.building_map.canvas.house_clicked.connect(self._house_clicked)
        self.household_page.changed.connect(self._household_changed)
        self.household_page.open_household.connect(self.show_household)
        self.ui.actionNewHousehold.triggered.connect(self.new_household)
        self.ui.actionNewPerson.triggered.connect(self.household_page.add_member)
        editable = self.user.permissions.edit_people
        for action in (self.ui.actionNewHousehold, self.ui.actionNewPerson, self.ui.actionImport):
            action.setEnabled(editable)
        self.setAcceptDrops(editable)  # ledgers dropped on the window open the import wizard with them
        self.household_page.set_editable(editable)

    def _build_status_bar(self) -> None:
        """The database on the left, the counts on the right."""
        self._db_label = QLabel()
        self._count_label = QLabel()
        self.ui.statusbar.addWidget(self._db_label, 1)
        self.ui.statusbar.addPermanentWidget(self._count_label)
        self.ui.statusbar.addPermanentWidget(self.sync.status_widget)

    def _connect_actions(self) -> None:
        """Menu and toolbar actions (shortcuts are in forms/main_window.ui); edits start a background sync."""
        self.menuBar().insertMenu(self.ui.menuHelp.menuAction(), self.sync.menu)
        self.household_page.changed.connect(self.sync.controller.changed)
        self.cases_view.cases_changed.connect(self.sync.controller.changed)
        self.worklist.visit_recorded.connect(lambda *_ids: self.sync.controller.changed())
        self.sync.data_changed.connect(self.refresh_all)
        self.sync.controller.round_finished.connect(self._follow_profile)
        self.ui.actionSwitchDatabase.triggered.connect(lambda: self.switch_requested.emit("database"))
        self.ui.actionSwitchUser.triggered.connect(lambda: self.switch_requested.emit("user"))
        self.ui.actionQuit.triggered.connect(self.close)
        self.ui.actionSearch.triggered.connect(self._focus_search)
        self.ui.actionShowAll.triggered.connect(lambda: self.show_place(None))
        self.ui.actionExport.triggered.connect(self._export)
        for action, what in ((self.ui.actionExportPeopleRoster, "people"),
                             (self.ui.actionExportHouseholdRoster, "households"),
                             (self.ui.actionExportBuildingRoster, "buildings")):
            action.triggered.connect(lambda _checked=False, what=what: self.export_roster(what))
        self.ui.actionImport.triggered.connect(self.open_import)
        self.ui.actionImportHistory.triggered.connect(self.open_import_history)
        self.ui.actionAbout.triggered.connect(self._about)

    # -- places ----------------------------------------------------------------------------------

    def _place_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.show_place(self.tree_model.node(current))

    def show_place(self, node: PlaceNode | None) -> None:
        if node is not None and node.level == "household":
            self.show_household(node.id)
            return
        self.current_node = node
        self.reload_people()
        self.ui.placeTitle.setText(node.path if node else "全部居民")
        building = node.id if node and node.level == "building" else (
            node.parent.id if node and node.level == "unit" and node.parent else None)
        if building:
            self.show_building(building)
        else:
            self.ui.placeTabs.setCurrentIndex(0)
        self._update_status()

    # -- people list: filters, sorting, masking, export ------------------------------------------

    def _setup_filters(self) -> None:
        ui = self.ui
        for combo, values in ((ui.tagFilter, self.places.filter_choices()["tag"]), (ui.genderFilter, ["男", "女"]),
                              (ui.presenceFilter, codes.HOUSEHOLD_PRESENCE.names()),
                              (ui.politicalFilter, codes.POLITICAL_STATUS.names())):
            combo.addItem("全部", None)
            for value in values:
                combo.addItem(value, value)
            combo.currentIndexChanged.connect(self.reload_people)
        ui.gridFilter.addItem("全部", None)
        for grid_id, name in self.places.grids():
            ui.gridFilter.addItem(name, grid_id)
        ui.gridFilter.currentIndexChanged.connect(self.reload_people)
        ui.ageMin.valueChanged.connect(self.reload_people)
        ui.ageMax.valueChanged.connect(self.reload_people)
        self._confirm_reveal = True
        ui.showFull.toggled.connect(self._show_full)
        ui.showFull.setEnabled(self.user.permissions.reveal)
        if not self.user.permissions.reveal:
            ui.showFull.setToolTip("只有社区书记和街道可以查看完整号码")
        ui.exportFiltered.clicked.connect(self._export)

    def people_filter(self) -> PeopleFilter:
        ui = self.ui
        return PeopleFilter(
            tag=ui.tagFilter.currentData(), gender=ui.genderFilter.currentData(),
            presence=ui.presenceFilter.currentData(), political_status=ui.politicalFilter.currentData(),
            grid_id=ui.gridFilter.currentData(),
            age_min=ui.ageMin.value() or None,
            age_max=ui.ageMax.value() if ui.ageMax.value() < ui.ageMax.maximum() else None,
            sort=self._sort[0], descending=self._sort[1])

    def reload_people(self) -> None:
        self.people_model.set_list(self.places.people_list(self.current_node, self.people_filter()))
        self.ui.placeTitle.setText(self.current_node.path if self.current_node else "全部居民")
        self._update_status()

    def _sort_people(self, key: str, descending: bool) -> None:
        self._sort = (key, descending)
        self.reload_people()

    def _show_full(self, checked: bool) -> None:
        if checked and self._confirm_reveal and not prompts.ask_yes_no(
                self, "显示完整号码", "完整的身份证号和电话属于个人信息，显示操作将记入审计日志。确定显示吗？"):
            self.ui.showFull.setChecked(False)
            return
        if checked:
            self.people_service.reveal(self.user_name, self.ui.placeTitle.text(), self.people_model.rowCount())
        self.people_model.set_masked(not checked)
        self.masking_changed.emit(not checked)

    def reveal(self, *, confirm: bool = True) -> None:
        """Show full numbers (the user's saved preference, or the checkbox); always audited."""
        self._confirm_reveal = confirm
        self.ui.showFull.setChecked(True)
        self._confirm_reveal = True

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)

    def show_building(self, building_id: str) -> bool:
        building = self.map_service.load(building_id)
        if building is None:
            return False
        self.current_building = building_id
        self.building_map.show_map(building)
        self.ui.placeTitle.setText(f"{building.header.estate}{building.header.name}")
        self.ui.placeTabs.setCurrentWidget(self.building_map)
        return True

    def show_household(self, household_id: str) -> bool:
        if not self.household_page.show_household(household_id):
            return False
        self.people_model.set_list(self.places.people_list(PlaceNode("household", household_id, "")))
        self.ui.placeTitle.setText(self.household_page.ui.addressValue.text())
        self.ui.placeTabs.setCurrentWidget(self.household_page)
        self._update_status()
        return True

    def _house_clicked(self, house_id: str, household_id: str) -> None:
        self.current_house = house_id
        if household_id:
            self.show_household(household_id)
        elif self.user.permissions.edit_people and prompts.ask_yes_no(
                self, "空置房屋", "这套房屋没有登记住户。现在登记新住户吗？"):
            self.new_household()

    def new_household(self) -> None:
        """Register a household in the house last chosen on the building map, starting with its head."""
        if self.current_house is None:
            prompts.inform(self, "登记新住户", "请先在楼盘表中点选一套房屋。")
            return
        dialog = PersonDialog(self.household_service, self, relation="户主")
        dialog.setWindowTitle("登记新住户：户主信息")
        while dialog.exec():
            try:
                household = self.household_service.create_household(self.current_house, dialog.person_input())
            except ValidationError as exc:
                dialog.show_problems(exc)
                continue
            self._household_changed()
            self.sync.controller.changed()
            self.show_household(household)
            return

    # -- casework and printing --------------------------------------------------------------------

    def show_case(self, case_id: str) -> None:
        self.ui.placeTabs.setCurrentWidget(self.cases_view)
        self.cases_view.show_case(case_id)

    def _new_case(self, **place: str) -> None:
        self.ui.placeTabs.setCurrentWidget(self.cases_view)
        self.cases_view.open_new_case(**place)

    def record_visit(self, household_id: str) -> VisitDialog:
        dialog = VisitDialog(self.desk, household_id, self)
        dialog.visit_recorded.connect(lambda *_ids: self._casework_changed())
        dialog.open()
        return dialog

    def _casework_changed(self) -> None:
        self.sync.controller.changed()
        self.worklist.refresh()
        if self.household_page.household_id:
            self.household_page.show_household(self.household_page.household_id)
        self._household_changed()

    def print_current(self) -> None:
        """Ctrl+P: the household file on the household page, the building roster on the building map."""
        current = self.ui.placeTabs.currentWidget()
        if current is self.household_page and self.household_page.household_id:
            open_household_print(self, self.db, self.household_page.household_id, self.user)
        elif current is self.building_map and self.building_map.building_id:
            open_building_print(self, self.db, self.building_map.building_id, self.user)
        else:
            prompts.inform(self, "打印", "请先打开一户（一户一档）或一栋楼（楼盘表）。")

    def _household_changed(self) -> None:
        self._totals = None
        if self.current_building:
            building = self.map_service.load(self.current_building)
            if building is not None:
                self.building_map.show_map(building)
        self._update_status()

    def show_people(self, title: str, keys: list[int]) -> None:
        self.people_model.set_list(KeyList(keys))
        self.ui.placeTitle.setText(title)
        self._update_status()

    def _update_status(self) -> None:
        self._db_label.setText(f"数据库：{self.db.path or self.db.url}")
        if self._totals is None:
            self._totals = headline_counts(self.db)
        stats = self._totals
        self._count_label.setText(
            f"当前列表 {self.people_model.rowCount()} 人 ｜ 全库 {stats['buildings']} 栋 "
            f"{stats['households']} 户 {stats['people']} 人")

    # -- search ----------------------------------------------------------------------------------

    def _build_search(self) -> None:
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText("查找：姓名、拼音首字母、身份证号或尾号、电话、地址（如 3-2-501）")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(420)
        self.ui.toolBar.addSeparator()
        self.ui.toolBar.addWidget(self.search_box)
        self.search_results = QStandardItemModel(self)
        completer = QCompleter(self.search_results, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(12)
        completer.activated[QModelIndex].connect(self._open_hit)
        self.search_box.setCompleter(completer)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search_box.textEdited.connect(lambda _text: self._search_timer.start())
        self.search_box.returnPressed.connect(self._open_first_hit)

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def run_search(self) -> list[SearchHit]:
        hits = self.search_service.search(self.search_box.text())
        self.search_results.clear()
        for hit in hits:
            item = QStandardItem(f"{hit.title}    {hit.detail}")
            item.setData(hit, HIT_ROLE)
            self.search_results.appendRow(item)
        if hits:
            self.search_box.completer().complete()
        return hits

    def _open_first_hit(self) -> None:
        hits = self.run_search()
        if hits:
            self.open_hit(hits[0])

    def _open_hit(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, SearchHit):
            self.open_hit(hit)

    def open_hit(self, hit: SearchHit) -> None:
        if hit.kind == "building":
            self.show_place(PlaceNode("building", hit.id, hit.title))
        elif hit.household_id:
            self.show_household(hit.household_id)
        else:
            self.current_house = hit.id
            self.show_people(f"{hit.title}（无住户，可按 Ctrl+N 登记）", [])

    # -- actions ---------------------------------------------------------------------------------

    def _export(self) -> Task | None:
        return export_list(self, self.db, self.user_name, self.places.person_ids(self.people_model.keys()),
                           mask=self.people_model.masked)

    def export_roster(self, what: str) -> Task | None:
        """文件 → 导出台账: a roster of every grid the user sees, masked as the list on screen is."""
        return export_office_roster(self, self.db, self.user_name, what, scope=self.user.grid_scope,
                                    mask=self.people_model.masked)

    def open_import(self) -> ImportWizard:
        grids, paths = self._import_grids()
        wizard = open_import_wizard(self, self.db, self.user_name, grids, paths,
                                    SYNC_FIRST_HINT if self.sync.never_synced() else None)
        wizard.finished.connect(lambda _result: (self.refresh_all(), self.sync.controller.changed()))
        wizard.sync_requested.connect(self.sync.sync_now)
        rounds = self.sync.controller.round_finished

        def synced(_result: object) -> None:
            wizard.synced(*self._import_grids())

        rounds.connect(synced)
        wizard.finished.connect(lambda _result: rounds.disconnect(synced))
        return wizard

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event, LEDGER_SUFFIXES):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_files(event, LEDGER_SUFFIXES)
        if paths:
            event.acceptProposedAction()
            self.open_import().files_page.add_files(paths)

    def _import_grids(self) -> tuple[list[str] | None, list[str]]:
        """The grids an import may go to (None: any, for a secretary) and every grid known here."""
        paths = self.places.grid_paths()
        return (None if self.user.grid_scope is None else paths), paths

    def open_import_history(self) -> ImportHistoryDialog:
        dialog = ImportHistoryDialog(self.db, self.user_name, self, can_undo=self.user.permissions.edit_people)
        dialog.undone.connect(lambda _batch: (self.refresh_all(), self.sync.controller.changed()))
        dialog.open()
        return dialog

    def _follow_profile(self, _result: object) -> None:
        """A first sync may give the user's grids the server's ids (the desktop made them afresh for an import;
        sync.client.remap_local renames them in the saved profile too): the window's scope follows, or it
        would show nothing of those grids until the desktop is restarted."""
        saved = next((u for u in UserService(self.db).known() if u.name == self.user.name), None)
        if saved is None or saved.grid_ids == self.user.grid_ids:
            return
        self.user = replace(self.user, grid_ids=saved.grid_ids)
        self.places.scope = self.search_service.scope = self.user.grid_scope
        self.desk.follow(self.user)
        self.refresh_all()
        self._show_first_place()  # the place shown may have been one of the renamed grids
        self.cases_view.board.refresh()
        self.worklist.refresh()

    def refresh_all(self) -> None:
        """After an import or sync: the tree, the list, the map and the counts from the database again."""
        self.tree_model.reload()
        self.reload_people()
        self._household_changed()

    def _about(self) -> None:
        prompts.inform(self, "关于网格台账", "网格台账 GridLedger\n四提四知：提楼知户、提户知人、提人知事、提事知解")
