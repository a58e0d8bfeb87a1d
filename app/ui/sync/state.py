"""What the sync indicator says: one SyncState, its short text for the status bar and a tooltip."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.services.sync_status import SyncStatus

SIGNED_OUT, IDLE, SYNCING, OFFLINE, FAILED = "signed_out", "idle", "syncing", "offline", "failed"


@dataclass(frozen=True)
class SyncState:
    phase: str  # signed_out | idle | syncing | offline | failed
    status: SyncStatus
    reviewer: bool  # a secretary: conflicts are theirs to review

    @property
    def text(self) -> str:
        s = self.status
        pending = f"{s.pending} 条修改待上传" if s.pending else ""
        if self.phase == SYNCING:
            return "同步中…"
        if self.phase == SIGNED_OUT:
            return _join("未登录同步服务器", pending)
        if self.phase == OFFLINE:
            return _join("离线", pending)
        if self.phase == FAILED:
            return s.error_message or "同步未完成"
        conflicts = ""
        if self.reviewer and s.open_conflicts:
            conflicts = f"有 {s.open_conflicts} 处冲突待核对"
        elif not self.reviewer and s.round_conflicts:
            conflicts = f"有 {s.round_conflicts} 处冲突，待社区书记核对"
        rejected = f"{s.rejected} 条修改被拒绝" if s.rejected else ""
        last = f"上次同步 {_clock(s.last_sync)}" if s.last_sync else ""
        return _join(conflicts, pending, rejected, last) or "尚未同步"

    @property
    def tooltip(self) -> str:
        s = self.status
        lines = [self.text]
        if self.phase in (OFFLINE, FAILED) and s.error_message:
            lines = [s.error_message]
        if s.pending:
            lines.append(f"本机有 {s.pending} 条修改尚未上传，已安全保存在本机。")
        if s.rejected:
            lines.append(f"{s.rejected} 条修改被服务器拒绝，可在“同步 → 被拒绝的修改”中查看原因。")
        if s.last_sync:
            lines.append(f"上次成功同步：{s.last_sync:%Y-%m-%d %H:%M}")
        if s.blobs_refused:
            lines.append(f"上次同步有 {s.blobs_refused} 个附件未能上传（服务器拒收），下次同步时会再试；"
                         "照片仍保存在本机。")
        if s.refetched:
            lines.append(f"服务器已清理旧的变更记录，上次同步重新下载了 {s.refetched} 个分区的数据；"
                         "本机未上传的修改均已保留。")
        return "\n".join(dict.fromkeys(lines))

    @property
    def attention(self) -> bool:
        """Something the user should act on (shown in a warning colour)."""
        s = self.status
        return self.phase == FAILED or bool(s.rejected) or (self.reviewer and bool(s.open_conflicts))


def _join(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def _clock(when: datetime) -> str:
    return f"{when:%H:%M}" if when.date() == datetime.now().date() else f"{when:%m-%d %H:%M}"
