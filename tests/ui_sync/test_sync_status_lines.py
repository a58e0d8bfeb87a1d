"""What the sync indicator's tooltip tells after a round (from the desktop's own notes in sync_state)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.services.sync_status import load_status, record_success
from app.store.db import Database
from app.ui.sync.state import IDLE, SyncState


def test_attachments_the_server_refused_are_named_until_a_round_sends_them(tmp_path: Path) -> None:
    db = Database(tmp_path / "desk.sqlite")
    record_success(db, 0, None, datetime(2026, 1, 5, 9, 0), blobs_refused=2)
    tip = SyncState(IDLE, load_status(db), reviewer=False).tooltip
    assert "2 个附件未能上传" in tip and "下次同步时会再试" in tip
    record_success(db, 0, None, datetime(2026, 1, 5, 9, 5))
    assert "附件" not in SyncState(IDLE, load_status(db), reviewer=False).tooltip
    db.close()
