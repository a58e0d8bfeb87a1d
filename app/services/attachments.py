"""Photos and scans kept by content: ``<data dir>/attachments/ab/abcdef….ext`` named by sha256.

The same file attached twice is stored once; a blob is written to a temporary name and renamed, so a
crash never leaves half a file under a valid name. Metadata rows (``attachments``) sync like other
rows; blobs move by sha256 (DESIGN section 5).
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.paths import data_dir

MAX_BYTES = 50 * 1024 * 1024
CHUNK = 1 << 20
PARTIAL_DIR = ".partial"


class AttachmentError(Exception):
    """A file that cannot be attached; the message (Chinese) says why."""


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    filename: str
    mime: str | None
    size: int


class BlobStore:
    def __init__(self, root: Path | None = None):
        self.root = root or data_dir() / "attachments"

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    # -- transfers: a blob that arrives in parts (upload to the server, download to a desktop) --------

    def partial_path(self, sha256: str) -> Path:
        """Where a blob in transfer grows; it resumes from this file's size and is never taken for the
        whole blob until :meth:`complete` has checked it."""
        return self.root / PARTIAL_DIR / sha256

    def received(self, sha256: str) -> int:
        """Bytes of a blob in transfer held so far (0: none)."""
        try:
            return self.partial_path(sha256).stat().st_size
        except FileNotFoundError:
            return 0

    def resume(self, sha256: str, offset: int) -> BinaryIO:
        """The partial file open for writing at ``offset`` (at most :meth:`received`); anything held
        beyond ``offset`` is dropped, as the bytes from there on are sent again."""
        path = self.partial_path(sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        out = path.open("r+b" if path.exists() else "wb")
        out.truncate(offset)
        out.seek(offset)
        return out

    def complete(self, sha256: str) -> Path:
        """Check the partial file against its sha256 and move it to its place; on a mismatch it is
        deleted (the transfer starts over) and :class:`AttachmentError` says so."""
        partial = self.partial_path(sha256)
        digest = hashlib.sha256()
        with partial.open("rb") as source:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
        if digest.hexdigest() != sha256:
            partial.unlink(missing_ok=True)
            raise AttachmentError(f"附件内容与其 sha256（{sha256[:12]}…）不符，收到的部分已丢弃，需重新传送。")
        target = self.path_for(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, target)
        return target

    def put(self, source: Path) -> StoredBlob:
        """Copy ``source`` into the store (once per content) and describe it."""
        try:
            size = source.stat().st_size
        except OSError as exc:
            raise AttachmentError(f"无法读取附件 {source}：{exc.strerror or exc}") from exc
        if not source.is_file():
            raise AttachmentError(f"附件 {source} 不是文件，请选择照片或扫描件。")
        if size > MAX_BYTES:
            raise AttachmentError(f"附件 {source.name} 超过 {MAX_BYTES // (1024 * 1024)} MB，请压缩后再添加。")
        self.root.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        fd, tmp_name = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out, source.open("rb") as src:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            sha = digest.hexdigest()
            target = self.path_for(sha)
            if target.is_file():
                tmp.unlink()
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(tmp, target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise AttachmentError(f"无法保存附件 {source.name}：{exc.strerror or exc}") from exc
        mime = mimetypes.guess_type(source.name)[0]
        return StoredBlob(sha, source.name[:200], mime, size)
