"""An attachment's file on this desktop: at hand, or fetched from the sync server when the attachment
was added on another desktop (DESIGN section 5: blobs download lazily, when someone opens them)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import or_, select

from app.services.attachments import AttachmentError, BlobStore
from app.services.cases import AttachmentInfo
from app.services.sync_rounds import SyncAccount, client_call
from app.store.db import Database
from app.store.models import Attachment
from sync.blob_queue import BlobQueue, Progress
from sync.errors import SyncError

MIN_SHA_PREFIX = 8


class AttachmentUnavailable(AttachmentError):
    """The file is not on this desktop and cannot be fetched now; the message says why and what to do."""


def find_attachment(db: Database, key: str, blobs: BlobStore) -> AttachmentInfo:
    """An attachment by its id, its sha256 or the first characters of it (at least 8)."""
    key = key.strip().lower()
    with db.session() as session:
        rows = session.execute(
            select(Attachment.id, Attachment.sha256, Attachment.filename, Attachment.size)
            .where(Attachment.deleted.is_(False),
                   or_(Attachment.id == key, Attachment.sha256.startswith(key) if len(key) >= MIN_SHA_PREFIX
                       else Attachment.sha256 == key))
            .order_by(Attachment.id).limit(20)).all()
    if not rows:
        raise AttachmentError(f"没有 ID 或 sha256 为“{key}”的附件（sha256 至少写前 {MIN_SHA_PREFIX} 位）。")
    if len({r.sha256 for r in rows}) > 1:
        raise AttachmentError(f"“{key}”对应多个不同的附件，请多写几位 sha256 或改用附件 ID。")
    row = rows[0]
    return AttachmentInfo(row.id, row.sha256, row.filename, row.size, blobs.path_for(row.sha256))


def attachment_file(db: Database, info: AttachmentInfo, account: SyncAccount | None, blobs: BlobStore, *,
                    progress: Progress | None = None, cancelled: Callable[[], bool] = lambda: False) -> Path:
    """The attachment's local file, downloaded from the server first when this desktop lacks it (an
    interrupted download resumes). AttachmentUnavailable, with what to do, when it cannot be had now."""
    if blobs.has(info.sha256):
        return blobs.path_for(info.sha256)
    offline = f"附件“{info.filename}”尚未下载，连接服务器后可查看。"
    if account is None:
        raise AttachmentUnavailable(offline)
    try:
        path = client_call(db, account, lambda client: BlobQueue(client, blobs).fetch(info.sha256, progress,
                                                                                     cancelled))
    except SyncError as exc:
        if exc.code == "offline":
            raise AttachmentUnavailable(offline) from exc
        raise AttachmentUnavailable(f"附件“{info.filename}”未能下载：{exc}") from exc
    assert isinstance(path, Path)
    return path
