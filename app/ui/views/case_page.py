"""The case page: what, where, who, the whole timeline, and the steps the current user may take."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import QListWidgetItem, QPushButton, QTreeWidgetItem, QWidget

from app.domain import workflow as wf
from app.services.attachment_files import attachment_file
from app.services.cases import AttachmentInfo, CaseDetail
from app.services.sync_rounds import SyncAccount
from app.ui import prompts
from app.ui.case_desk import CaseDesk
from app.ui.dialogs.case_action_dialog import CaseActionDialog
from app.ui.dialogs.mediation_dialog import MediationDialog
from app.ui.forms.ui_case_page import Ui_CasePage
from app.ui.tasks import Progress, Task, run_task

STATE_COLORS = {wf.COLLECTED: "#8c8c8c", wf.REPORTED: "#1677ff", wf.DISPATCHED: "#fa8c16", wf.HANDLED: "#722ed1",
                wf.CLOSED: "#389e0d", wf.ESCALATED: "#cf1322", wf.WITHDRAWN: "#595959"}
DEADLINE_COLORS = {"ok": "#389e0d", "near": "#d48806", "overdue": "#cf1322"}
FLAG_COLOR = QColor("#ffccc7")


class CasePage(QWidget):
    case_changed = Signal(str)  # after a step or a mediation record, so boards and counts refresh

    def __init__(self, desk: CaseDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_CasePage()
        self.ui.setupUi(self)
        self.desk = desk
        self.detail: CaseDetail | None = None
        self.action_buttons: dict[str, QPushButton] = {}
        self.ui.mediateButton.clicked.connect(lambda: self.open_mediation())
        self.files: list[AttachmentInfo] = []  # the attachment list's rows
        self.account_source: Callable[[], SyncAccount | None] = lambda: None
        """The signed-in sync account (the main window passes its sync controller's), to fetch attachments
        added on another desktop."""
        self.open_path: Callable[[Path], object] = lambda path: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(path)))
        self.ui.attachmentsList.itemActivated.connect(
            lambda item: self.open_attachment(self.files[self.ui.attachmentsList.row(item)]))
        self.ui.disputeBox.setVisible(False)
        self.ui.titleLabel.setText("请在事件列表中选择一条事件")

    def show_case(self, case_id: str) -> None:
        detail = self.desk.cases.detail(case_id, self.desk.actor)
        self.detail = detail
        row = detail.row
        self.ui.titleLabel.setText(f"{row.number}  {row.title}")
        status = f'<span style="color:{STATE_COLORS.get(row.state, "#000")}; font-weight:bold">{row.state_label}</span>'
        if row.deadline:
            color = DEADLINE_COLORS[row.deadline_status.level] if row.deadline_status else "#595959"
            label = f"（{row.deadline_status.label}）" if row.deadline_status else ""
            status += f'　期限 <span style="color:{color}">{row.deadline.isoformat()}{label}</span>'
        if detail.rating:
            status += f"　群众评价 {'★' * detail.rating}{'☆' * (5 - detail.rating)}"
        if detail.returns:
            status += f"　退回 {detail.returns} 次"
        self.ui.statusLabel.setText(status)
        self.ui.categoryValue.setText(f"{row.category}　来源：{detail.source}　紧急程度：{row.priority}"
                                      f"　反映人：{detail.reported_by}")
        self.ui.placeValue.setText(f"{row.place}（{row.grid}）" if row.grid else row.place)
        self.ui.handlerValue.setText(row.handler or "（未分派）")
        self.ui.partiesValue.setText("、".join(f"{p.name}（{p.role}）" for p in detail.parties) or "无")
        self.ui.descriptionValue.setText(detail.description)
        self._timeline(detail)
        self._attachments(detail)
        self._dispute(case_id)
        self._actions(detail)

    def _timeline(self, detail: CaseDetail) -> None:
        tree = self.ui.timelineTree
        tree.clear()
        for entry in detail.timeline:
            change = f"{wf.state_label(entry.from_state)} → {wf.state_label(entry.to_state)}"
            if entry.action == "collect":
                change = wf.state_label(entry.to_state)
            text = "；".join(x for x in (entry.details, entry.note) if x)
            if entry.attachments:
                text += f"（附件 {len(entry.attachments)} 个）"
            item = QTreeWidgetItem([entry.at.strftime("%Y-%m-%d %H:%M"), entry.label,
                                    f"{entry.actor_role} {entry.actor_name}", change, text])
            if entry.flag:
                item.setToolTip(4, entry.flag)
                for column in range(5):
                    item.setBackground(column, FLAG_COLOR)
            tree.addTopLevelItem(item)
        for column, width in enumerate((130, 80, 160, 150)):
            tree.setColumnWidth(column, width)
        flags = [e.flag for e in detail.timeline if e.flag]
        self.ui.reviewLabel.setText("需复核：" + "；".join(flags) if flags else "")

    def _attachments(self, detail: CaseDetail) -> None:
        files = self.ui.attachmentsList
        files.clear()
        every = [*detail.attachments, *(a for e in detail.timeline for a in e.attachments)]
        self.files = every
        for info in every:
            item = QListWidgetItem(info.filename if info.path.exists() else f"{info.filename}（未下载）")
            item.setToolTip("双击打开" if info.path.exists() else "尚未下载到本机：双击从同步服务器下载后打开")
            files.addItem(item)
        self.ui.attachmentsLabel.setVisible(bool(every))
        files.setVisible(bool(every))

    def open_attachment(self, info: AttachmentInfo) -> Task | None:
        """Open an attachment; one this desktop lacks is downloaded first, off the GUI thread and with a
        progress dialog (the returned task), then opened."""
        if info.path.exists():
            self.open_path(info.path)
            return None
        account = self.account_source()
        if account is None:
            prompts.inform(self, "附件", f"附件“{info.filename}”尚未下载，连接服务器后可查看："
                                       "请在“同步”菜单中登录同步服务器。")
            return None
        db, blobs = self.desk.db, self.desk.cases.blobs

        def fetch(progress: Progress, cancelled: Callable[[], bool]) -> Path:
            def step(done: int, total: int | None) -> None:
                progress(f"正在下载附件“{info.filename}”（{done // 1024} KB）…", done / total if total else 0.0)
            return attachment_file(db, info, account, blobs, progress=step, cancelled=cancelled)

        task = run_task(self, "下载附件", fetch, self._downloaded,
                        lambda exc: None if task.cancel.is_set() else prompts.warn(self, "附件", str(exc)))
        return task

    def _downloaded(self, path: Path) -> None:
        if self.detail is not None:
            self._attachments(self.detail)  # no longer marked 未下载
        self.open_path(path)

    def _dispute(self, case_id: str) -> None:
        info = self.desk.disputes.info(case_id)
        self.ui.disputeBox.setVisible(info is not None)
        if info is None:
            return
        lines = [f"纠纷类型：{info.dispute_type}　调解结果：{info.outcome_label}"]
        if info.agreement:
            lines.append(f"协议：{info.agreement}")
        lines += [f"{s.held_on.isoformat()}　{s.mediator}：{s.summary}" for s in info.sessions]
        self.ui.disputeValue.setText("\n".join(lines))
        self.ui.mediateButton.setEnabled(self.detail is not None and self.detail.row.state != wf.WITHDRAWN
                                         and self.desk.actor.role != wf.SUBDISTRICT)

    def _actions(self, detail: CaseDetail) -> None:
        bar = self.ui.actionBar
        while bar.count():
            widget = bar.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.action_buttons = {}
        for spec in detail.actions:
            button = QPushButton(f"{spec.label}…", self)
            button.clicked.connect(lambda _checked=False, code=spec.code: self.open_action(code))
            bar.addWidget(button)
            self.action_buttons[spec.code] = button
        if not detail.actions:
            bar.addWidget(QPushButton("（当前无可办理的环节）", self, enabled=False))
        bar.addStretch(1)

    def open_action(self, action: str) -> CaseActionDialog:
        """Open the dialog of one step (window-modal, not blocking); the page reloads when it is saved."""
        if self.detail is None:
            raise RuntimeError("no case shown")
        dialog = CaseActionDialog(self.desk, self.detail, action, self)
        dialog.acted.connect(self._changed)
        dialog.open()
        return dialog

    def open_mediation(self) -> MediationDialog:
        if self.detail is None:
            raise RuntimeError("no case shown")
        dialog = MediationDialog(self.desk, self.detail.row.id, self)
        dialog.saved.connect(self._changed)
        dialog.open()
        return dialog

    def _changed(self, case_id: str) -> None:
        self.show_case(case_id)
        self.case_changed.emit(case_id)
