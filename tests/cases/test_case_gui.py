"""pytest-qt: the case board, the case page with its step dialogs, the visit and case dialogs, 今日工作."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.services.cases import Actor
from app.services.stats import ledger_stats
from app.store.db import Database
from app.ui.case_desk import CaseDesk
from app.ui.models.case_table import ID_ROLE, NEAR_COLOR, OVERDUE_COLOR, CaseTableModel
from app.ui.views.case_board import CaseBoard
from app.ui.views.case_page import CasePage
from app.ui.views.cases_view import CasesView
from app.ui.views.worklist import WorklistView
from tests.cases.conftest import NOW, SECRETARY, Home


def desk_for(db: Database, actor: Actor) -> CaseDesk:
    return CaseDesk.open(db, actor, now=lambda: NOW)


def click(qtbot: QtBot, dialog: object, which: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(dialog.ui.buttons.button(which), Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]


def test_case_table_model_passes_the_model_tester(qtmodeltester: object, case_db: Database) -> None:
    desk = desk_for(case_db, SECRETARY)
    model = CaseTableModel(desk.cases)
    model.set_ids(desk.cases.board_ids("all"))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    overdue = set(desk.cases.board_ids("overdue"))
    colours = {model.data(model.index(r, 0), ID_ROLE): model.data(model.index(r, 0), Qt.ItemDataRole.BackgroundRole)
               for r in range(model.rowCount())}
    assert {i for i, c in colours.items() if c == OVERDUE_COLOR} == overdue
    assert all(c in (None, NEAR_COLOR) for i, c in colours.items() if i not in overdue)


def test_board_filters_show_counts_and_open_a_case(qtbot: QtBot, case_db: Database) -> None:
    desk = desk_for(case_db, SECRETARY)
    board = CaseBoard(desk)
    qtbot.addWidget(board)
    counts = desk.cases.board_counts()
    assert board.buttons["overdue"].text() == f"逾期 {counts['overdue']}"
    assert board.buttons["to_verify"].text() == f"待核查 {counts['to_verify']}"
    qtbot.mouseClick(board.buttons["overdue"], Qt.MouseButton.LeftButton)
    assert board.model.rowCount() == counts["overdue"]
    assert all(board.model.row_for(r).overdue for r in range(board.model.rowCount()))  # type: ignore[union-attr]
    with qtbot.waitSignal(board.case_activated) as opened:
        board.ui.caseTable.doubleClicked.emit(board.model.index(0, 1))
    assert opened.args == [board.model.case_id(0)]


def test_visit_creates_a_case_that_runs_the_whole_loop_with_one_return(
        qtbot: QtBot, case_db: Database, home: Home, worker: Actor) -> None:
    worker_desk = desk_for(case_db, worker)
    before = ledger_stats(case_db, NOW.date())["casework"]

    # 1. The grid worker records a visit and, in the same step, the matter found there.
    worklist = WorklistView(worker_desk)
    qtbot.addWidget(worklist)
    visit = worklist.open_visit(home.household_id, home.person_id)
    visit.ui.findingsEdit.setPlainText("楼道内堆放大量纸箱，堵塞消防通道")
    visit.ui.caseGroup.setChecked(True)
    visit.case_fields.set_category("楼道堆物")
    visit.case_fields.ui.titleEdit.setText("2单元楼道堆物")
    with qtbot.waitSignal(worklist.visit_recorded) as recorded:
        click(qtbot, visit, QDialogButtonBox.StandardButton.Save)
    visit_id, case_id = recorded.args
    assert visit_id and case_id and not visit.isVisible()

    # 2. Each person opens the case page on their own desktop and takes their step.
    pages: dict[str, CasePage] = {}

    def page_of(actor: Actor) -> CasePage:
        if actor.name not in pages:
            pages[actor.name] = CasePage(desk_for(case_db, actor))
            qtbot.addWidget(pages[actor.name])
        pages[actor.name].show_case(case_id)
        return pages[actor.name]

    def step(actor: Actor, action: str, fill: dict[str, object] | None = None) -> CasePage:
        page = page_of(actor)
        assert action in page.action_buttons, f"{actor.name}: {action} not in {list(page.action_buttons)}"
        dialog = page.open_action(action)
        for name, value in (fill or {}).items():
            widget = getattr(dialog.ui, name)
            if hasattr(widget, "setPlainText"):
                widget.setPlainText(value)
            elif name == "ratingCombo":
                dialog.set_rating(int(value))  # type: ignore[arg-type]
            elif name == "deadlineEdit":
                dialog.set_deadline(value)  # type: ignore[arg-type]
            else:
                widget.setCurrentText(value) if hasattr(widget, "setCurrentText") else widget.setText(value)
        with qtbot.waitSignal(page.case_changed):
            click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
        return page

    handler = Actor("锦绣物业", "handler")
    assert "dispatch" not in page_of(worker).action_buttons  # a grid worker cannot dispatch
    step(worker, "report")
    step(SECRETARY, "dispatch", {"handlerCombo": "锦绣物业"})
    step(handler, "handle", {"feedbackEdit": "已通知住户清理"})
    # Verification finds it unresolved: a return needs a reason, the dialog says so and stays open.
    page = page_of(SECRETARY)
    dialog = page.open_action("return")
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert "原因" in dialog.ui.problems.text() and dialog.isVisible()
    dialog.reject()
    step(SECRETARY, "return", {"reasonEdit": "复查时楼道仍有纸箱", "deadlineEdit": date(2026, 11, 6)})
    step(handler, "handle", {"feedbackEdit": "物业已全部清运"})
    page = step(SECRETARY, "close", {"ratingCombo": 4, "commentEdit": "比较满意"})

    # 3. The state, the timeline and the statistics.
    detail = page.detail
    assert detail is not None and detail.row.state == "closed" and detail.returns == 1
    assert "已办结" in page.ui.statusLabel.text() and "★★★★☆" in page.ui.statusLabel.text()
    tree = page.ui.timelineTree
    assert [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())] == [
        "登记", "上报社区", "分派", "处置反馈", "退回重办", "处置反馈", "核查办结"]
    assert "复查时楼道仍有纸箱" in tree.topLevelItem(4).text(4)
    assert tree.topLevelItem(2).text(2) == "社区书记 王书记"
    assert page.action_buttons == {}
    after = ledger_stats(case_db, NOW.date())["casework"]
    assert after["cases_per_state"]["closed"] == before["cases_per_state"]["closed"] + 1
    assert after["cases_per_category"]["楼道堆物"] == before["cases_per_category"]["楼道堆物"] + 1
    assert after["closed"] == before["closed"] + 1


def test_worklist_groups_and_revisit(qtbot: QtBot, case_db: Database, home: Home, worker: Actor) -> None:
    view = WorklistView(desk_for(case_db, SECRETARY))
    qtbot.addWidget(view)
    work = view.work
    assert work is not None
    for key, items in (("visits_overdue", work.visits_overdue), ("cases_overdue", work.cases_overdue),
                       ("cases_waiting", work.cases_waiting), ("revisits", work.revisits)):
        assert view.groups[key].childCount() == len(items)
    with qtbot.waitSignal(view.case_activated) as opened:
        view.open_item(view.groups["cases_overdue"].child(0))
    assert opened.args == [work.cases_overdue[0].id]
    revisits = len(work.revisits)
    dialog = view.open_visit(home.household_id)
    dialog.ui.nobodyHomeCheck.setChecked(True)
    assert not dialog.ui.caseGroup.isEnabled() and "白加黑" in dialog.ui.revisitHint.text()
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.result is not None and dialog.result.revisit_due is not None
    assert view.groups["revisits"].childCount() == revisits + 1


def test_case_dialog_from_a_household_and_mediation(qtbot: QtBot, case_db: Database, home: Home,
                                                    worker: Actor) -> None:
    view = CasesView(desk_for(case_db, worker))
    qtbot.addWidget(view)
    dialog = view.open_new_case(household_id=home.household_id, person_ids=(home.person_id,))
    dialog.fields.set_category("矛盾纠纷")
    assert dialog.fields.ui.disputeTypeCombo.isVisibleTo(dialog)
    dialog.fields.ui.disputeTypeCombo.setCurrentText("噪音扰民")
    dialog.fields.ui.titleEdit.setText("楼上夜间噪音")
    dialog.ui.outsiderEdit.setText("楼上租户")
    with qtbot.waitSignal(view.cases_changed):
        click(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.case_id is not None
    detail = view.page.detail
    assert detail is not None and detail.row.kind == "dispute"
    assert [(p.name, p.role) for p in detail.parties] == [(home.person_name, "当事人"), ("楼上租户", "当事人")]
    assert view.page.ui.disputeBox.isVisibleTo(view.page)
    mediation = view.page.open_mediation()
    mediation.ui.summaryEdit.setPlainText("双方面对面协商，达成一致")
    mediation.ui.outcomeGroup.setChecked(True)
    mediation.ui.outcomeCombo.setCurrentText("调解成功")
    click(qtbot, mediation, QDialogButtonBox.StandardButton.Save)
    assert "协议内容" in mediation.ui.problems.text()
    mediation.ui.agreementEdit.setPlainText("晚十点后不拖动家具")
    click(qtbot, mediation, QDialogButtonBox.StandardButton.Save)
    assert "调解结果：调解成功" in view.page.ui.disputeValue.text()
    assert "李网格：双方面对面协商" in view.page.ui.disputeValue.text()

