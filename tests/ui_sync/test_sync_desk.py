"""The desktop's sync: background rounds against a real server on 127.0.0.1, the status-bar indicator,
the login dialog, rejected changes with their reasons, and conflict review with 恢复此值."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from app.domain.roles import UserProfile
from app.services.sync_rounds import SyncAccount
from app.store.models import Person
from app.store.writes import writing
from app.ui import prompts
from app.ui.settings import Settings
from app.ui.sync import SyncDesk
from app.ui.sync.controller import SyncController
from tests.sync.conftest import PASSWORD, Desktop, Server

pytestmark = pytest.mark.parametrize("server", ["sqlite"], indirect=True)
WAIT_MS = 30_000


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_desk(qtbot: QtBot, settings: Settings) -> Iterator[Callable[[Desktop, UserProfile], SyncDesk]]:
    made: list[SyncDesk] = []

    def make(d: Desktop, user: UserProfile) -> SyncDesk:
        window = QMainWindow()
        qtbot.addWidget(window)
        controller = SyncController(d.db, reviewer=user.role == "secretary", debounce_ms=50)
        desk = SyncDesk(d.db, user, settings, window, controller)
        window.statusBar().addPermanentWidget(desk.status_widget)
        window.menuBar().addMenu(desk.menu)
        made.append(desk)
        desk.start()
        return desk

    yield make
    for desk in made:
        desk.stop()  # no round may outlive its test


def _grid(d: Desktop, name: str) -> str:
    return str(d.scalar("SELECT id FROM org_nodes WHERE name = :n AND level = 'grid'", n=name))


def _person_in(d: Desktop, grid_name: str) -> str:
    return str(d.scalar("SELECT p.id FROM people p JOIN org_nodes g ON g.id = p.grid_id "
                        "WHERE g.name = :n AND p.deleted = 0 ORDER BY p.id LIMIT 1", n=grid_name))


def _pending(d: Desktop) -> int:
    return int(d.scalar("SELECT count(*) FROM outbox WHERE status = 'pending'"))  # type: ignore[arg-type]


def _worker(desktop: Callable[[str, str], Desktop]) -> tuple[Desktop, UserProfile]:
    worker = desktop("worker", "网格员一")
    worker.sync()
    return worker, UserProfile("网格员一", "grid_worker", (_grid(worker, "第一网格"),))


def test_login_then_a_background_round_uploads_and_the_indicator_follows(
        qtbot: QtBot, server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop], live_url: str,
        make_desk: Callable[[Desktop, UserProfile], SyncDesk], settings: Settings, tmp_path: Path) -> None:
    worker, user = _worker(desktop)
    pid = _person_in(worker, "第一网格")
    with writing(worker.db) as w:
        w.update(Person, pid, {"phone": "13800000011"})
    desk = make_desk(worker, user)
    widget = desk.status_widget
    assert widget.text() == "未登录同步服务器 · 1 条修改待上传"
    assert desk.login_dialog is None  # no server remembered yet: nobody is nagged on start

    desk.action_sync.trigger()  # not signed in: 立即同步 asks for the login first
    dialog = desk.login_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.url.setText(live_url)
    dialog.user.setText("网格员一")
    dialog.password.setText(PASSWORD)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert desk.controller.busy and widget.text() == "同步中…"  # the round runs off the GUI thread
    qtbot.waitUntil(lambda: "上次同步" in widget.text(), timeout=WAIT_MS)
    assert "待上传" not in widget.text() and _pending(worker) == 0
    assert server.scalar("SELECT phone FROM people WHERE id = :i", i=pid) == "13800000011"

    with writing(worker.db) as w:  # an edit: the count shows at once, the round follows a moment later
        w.update(Person, pid, {"phone": "13800000012"})
    desk.controller.changed()
    assert "1 条修改待上传" in widget.text()
    qtbot.waitUntil(lambda: server.scalar("SELECT phone FROM people WHERE id = :i", i=pid) == "13800000012",
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not desk.controller.busy and "待上传" not in widget.text(), timeout=WAIT_MS)

    settings.store.sync()
    saved = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert live_url in saved and PASSWORD not in saved  # address and user remembered, never the password


def test_a_second_request_during_a_round_runs_after_it_never_alongside(
        qtbot: QtBot, filled: Desktop, desktop: Callable[[str, str], Desktop], live_url: str,
        make_desk: Callable[[Desktop, UserProfile], SyncDesk], monkeypatch: pytest.MonkeyPatch) -> None:
    worker, user = _worker(desktop)
    running, overlaps, rounds = [0], [], []
    from app.ui.sync import controller as module

    real = module.run_round

    def counted(*args: object, **kwargs: object) -> object:
        running[0] += 1
        overlaps.append(running[0])
        try:
            time.sleep(0.2)
            return real(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            running[0] -= 1
            rounds.append(1)

    monkeypatch.setattr(module, "run_round", counted)
    desk = make_desk(worker, user)
    desk.controller.set_account(SyncAccount(live_url, "网格员一", PASSWORD))
    for _ in range(5):
        desk.controller.sync_now()
    qtbot.waitUntil(lambda: len(rounds) == 2 and not desk.controller.busy, timeout=WAIT_MS)
    assert max(overlaps) == 1  # one round at a time; the five requests folded into one follow-up


def test_offline_shows_offline_and_keeps_the_outbox(
        qtbot: QtBot, filled: Desktop, desktop: Callable[[str, str], Desktop], closed_url: str,
        make_desk: Callable[[Desktop, UserProfile], SyncDesk]) -> None:
    worker, user = _worker(desktop)
    with writing(worker.db) as w:
        w.update(Person, _person_in(worker, "第一网格"), {"employment": "退休"})
    desk = make_desk(worker, user)
    desk.controller.set_account(SyncAccount(closed_url, "网格员一", PASSWORD))
    qtbot.waitUntil(lambda: desk.status_widget.text().startswith("离线"), timeout=WAIT_MS)
    assert desk.status_widget.text() == "离线 · 1 条修改待上传"
    assert "无法连接同步服务器" in desk.status_widget.toolTip()
    assert _pending(worker) == 1


@pytest.mark.parametrize(("patch", "expected"), [
    ("sync.client.PROTOCOL_VERSION", "请升级到最新版本"),
    ("sync.client.time", "本机时钟比服务器快 10 分钟"),
])
def test_refusals_are_named_and_the_outbox_stays(
        qtbot: QtBot, filled: Desktop, desktop: Callable[[str, str], Desktop], live_url: str,
        make_desk: Callable[[Desktop, UserProfile], SyncDesk], monkeypatch: pytest.MonkeyPatch,
        patch: str, expected: str) -> None:
    worker, user = _worker(desktop)
    with writing(worker.db) as w:
        w.update(Person, _person_in(worker, "第一网格"), {"employment": "个体"})

    class Ahead:  # the desktop's clock ten minutes fast (the server's clock is untouched)
        @staticmethod
        def time_ns() -> int:
            return time.time_ns() + 10 * 60 * 10**9 + 10**9

    monkeypatch.setattr(patch, 0 if patch.endswith("VERSION") else Ahead)
    desk = make_desk(worker, user)
    desk.controller.set_account(SyncAccount(live_url, "网格员一", PASSWORD))
    qtbot.waitUntil(lambda: expected in desk.status_widget.text(), timeout=WAIT_MS)
    assert desk.status_widget.state.attention and _pending(worker) == 1


def test_a_bad_password_asks_again(
        qtbot: QtBot, filled: Desktop, desktop: Callable[[str, str], Desktop], live_url: str,
        make_desk: Callable[[Desktop, UserProfile], SyncDesk]) -> None:
    worker, user = _worker(desktop)
    desk = make_desk(worker, user)
    desk.controller.set_account(SyncAccount(live_url, "网格员一", "wrong-password"))
    qtbot.waitUntil(lambda: desk.login_dialog is not None, timeout=WAIT_MS)
    assert desk.login_dialog.message.text() == "用户名或密码不正确。"
    assert desk.controller.account is None and desk.status_widget.text() == "未登录同步服务器"


def test_a_rejected_change_is_listed_with_its_reason(
        qtbot: QtBot, server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop], live_url: str,
        make_desk: Callable[[Desktop, UserProfile], SyncDesk]) -> None:
    worker, user = _worker(desktop)
    pid = _person_in(worker, "第一网格")
    name = worker.scalar("SELECT name FROM people WHERE id = :i", i=pid)
    other_grid = _grid(filled, "第二网格")  # the worker's desktop does not hold the other grid's node
    with writing(worker.db) as w:  # moving a resident into a grid that is not theirs
        w.update(Person, pid, {"grid_id": other_grid})
    desk = make_desk(worker, user)
    desk.controller.set_account(SyncAccount(live_url, "网格员一", PASSWORD))
    qtbot.waitUntil(lambda: "1 条修改被拒绝" in desk.status_widget.text(), timeout=WAIT_MS)
    dialog = desk.show_rejected()
    qtbot.addWidget(dialog)
    [(table, record, action, changes, reason)] = dialog.rows()
    assert (table, record, action) == ("人员", name, "修改")
    assert changes.startswith("所属网格：")
    assert "不在您的负责范围（幸福里社区/第一网格）内" in reason
    assert server.scalar("SELECT grid_id FROM people WHERE id = :i", i=pid) == _grid(worker, "第一网格")
    assert not dialog.resubmit_button.isEnabled()  # nothing selected yet

    # The office makes the account the community's secretary; the refused move is sent again and lands.
    server.user("网格员一", "secretary", "幸福里社区")
    dialog.table.selectRow(0)
    dialog.resubmit_button.click()
    assert dialog.rows() == []
    qtbot.waitUntil(lambda: server.scalar("SELECT grid_id FROM people WHERE id = :i", i=pid) == other_grid,
                    timeout=WAIT_MS)

    def statuses() -> list[str]:
        with worker.db.engine.connect() as conn:
            return [row[0] for row in conn.exec_driver_sql(
                "SELECT status FROM outbox WHERE row_id = ? AND kind = 'patch' ORDER BY device_seq", (pid,))]

    # the refused entry stays in the outbox's history; its copy is sent
    qtbot.waitUntil(lambda: statuses() == ["resubmitted", "sent"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "被拒绝" not in desk.status_widget.text(), timeout=WAIT_MS)


def test_a_secretary_reviews_a_conflict_and_restores_the_losing_value(
        qtbot: QtBot, server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop], live_url: str,
        make_desk: Callable[[Desktop, UserProfile], SyncDesk], monkeypatch: pytest.MonkeyPatch) -> None:
    worker, worker_user = _worker(desktop)
    pid = _person_in(worker, "第一网格")
    with writing(filled.db) as w:  # the secretary's edit is older …
        w.update(Person, pid, {"phone": "13900000001"})
    with writing(worker.db) as w:  # … than the grid worker's, which wins
        w.update(Person, pid, {"phone": "13900000002"})
    filled.sync()
    assert worker.sync().conflicts == 1

    assert not make_desk(worker, worker_user).action_conflicts.isVisible()  # review is the secretary's
    desk = make_desk(filled, UserProfile("书记", "secretary"))
    desk.controller.set_account(SyncAccount(live_url, "书记", PASSWORD))
    qtbot.waitUntil(lambda: "有 1 处冲突待核对" in desk.status_widget.text(), timeout=WAIT_MS)
    assert filled.scalar("SELECT phone FROM people WHERE id = :i", i=pid) == "13900000002"

    review = desk.show_conflicts()
    qtbot.waitUntil(lambda: review.table.rowCount() == 1, timeout=WAIT_MS)
    row = [review.table.item(0, c).text() for c in range(review.table.columnCount())]
    assert row[1:] == ["同时修改", "人员", filled.scalar("SELECT name FROM people WHERE id = :i", i=pid), "电话",
                       "139****0002", "139****0001"]
    detail = review.detail.text()
    assert "由 网格员一 于" in detail and "由 书记 于" in detail
    asked: list[str] = []
    monkeypatch.setattr(prompts, "ask_yes_no", lambda _parent, _title, text: asked.append(text) or True)
    assert review.restore_button.isEnabled()
    qtbot.mouseClick(review.restore_button, Qt.MouseButton.LeftButton)
    assert asked and "恢复为“139****0001”" in asked[0]
    assert filled.rows("SELECT kind, fields FROM outbox WHERE row_id = :i AND status = 'pending'", i=pid) == [
        ("patch", '{"phone": "13900000001"}')]
    assert not review.restore_button.isEnabled()

    qtbot.waitUntil(lambda: server.scalar("SELECT phone FROM people WHERE id = :i", i=pid) == "13900000001",
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not desk.controller.busy and _pending(filled) == 0, timeout=WAIT_MS)
    assert len(server.conflicts(pid)) == 1  # the restore was a plain later edit, not a new conflict
    worker.sync()
    assert worker.scalar("SELECT phone FROM people WHERE id = :i", i=pid) == "13900000001"

    qtbot.mouseClick(review.reviewed_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "冲突" not in desk.status_widget.text() and review.table.rowCount() == 0,
                    timeout=WAIT_MS)
    review.close()


def test_a_secretary_restores_what_another_copy_of_the_ledger_said_about_a_house(
        qtbot: QtBot, server: Server, desktop: Callable[[str, str], Desktop], live_url: str,
        make_desk: Callable[[Desktop, UserProfile], SyncDesk], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    """The worker's copy of the ledger says 201 is let (出租); the server kept the secretary's 自住 when the
    two houses became one, and the review names the house by its address and writes 出租 back on request."""
    from tests.sync.test_import_before_first_sync import two_copies

    secretary, worker = two_copies(desktop, tmp_path, {"201": "自住"}, {"201": "出租"})
    assert worker.sync().conflicts == 2  # the merge and the value it left out

    desk = make_desk(secretary, UserProfile("书记", "secretary"))
    desk.controller.set_account(SyncAccount(live_url, "书记", PASSWORD))
    review = desk.show_conflicts()
    qtbot.waitUntil(lambda: review.table.rowCount() == 2, timeout=WAIT_MS)
    rows = [[review.table.item(r, c).text() for c in range(1, review.table.columnCount())]
            for r in range(review.table.rowCount())]
    assert sorted(rows) == [["重复登记已合并", "房屋", "锦绣花园1号楼2单元201", "房屋用途", "自住", "出租"],
                            ["重复登记已合并", "房屋", "锦绣花园1号楼2单元201", "整条记录", "（服务器上的这条记录）",
                             "（另一台电脑登记的同一记录，已并入）"]]
    review.table.selectRow(next(r for r, row in enumerate(rows) if row[3] == "房屋用途"))
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *_a: True)
    assert review.restore_button.isEnabled()
    qtbot.mouseClick(review.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: server.scalar("SELECT use FROM houses WHERE room = '201'") == "出租", timeout=WAIT_MS)
    review.close()
