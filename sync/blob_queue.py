"""The client's side of blobs (DESIGN section 5): after a round's push, send the server every blob it
lacks that a pushed attachment row references; on demand, fetch a blob this desktop lacks.

Both directions resume: an upload asks the server how many bytes it holds (HEAD, ``Upload-Offset``) and
sends the rest; a download keeps its partial file and asks for the rest with Range. Nothing is taken
as a blob until its sha256 matches. ``blobs_on_server`` remembers what the server holds, so a round
asks only about blobs it has not seen there yet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
from sqlalchemy import delete, select

from app.services.attachments import CHUNK, AttachmentError, BlobStore
from app.store.models import Attachment, BlobOnServer, OutboxEntry
from sync.errors import SyncError, offline, refusal
from sync.protocol import UPLOAD_OFFSET

if TYPE_CHECKING:
    from sync.client import RoundResult, SyncClient

ATTEMPTS = 3
Progress = Callable[[int, int | None], None]
"""(bytes so far, total bytes when known)"""


class BlobQueue:
    def __init__(self, client: SyncClient, store: BlobStore):
        self.client = client
        self.store = store

    # -- upload ----------------------------------------------------------------------------------

    def upload(self, result: RoundResult) -> None:
        """Send each local blob the server may lack; a blob the server refuses is noted in the result
        and offered again next round. A lost connection ends the round (SyncError), and the next round
        resumes where the server stopped."""
        if result.epoch_changed:  # a server restored from a backup may lack blobs it had
            with self.client.db.session() as session:
                session.execute(delete(BlobOnServer))
        for sha256 in self._unsent():
            self._upload_one(sha256, result)

    def _unsent(self) -> list[str]:
        """Blobs referenced by live attachment rows the server has (their insert was sent), held here
        and not yet known to be on the server."""
        not_sent = (select(OutboxEntry.row_id)
                    .where(OutboxEntry.table_name == "attachments", OutboxEntry.status != "sent"))
        with self.client.db.session() as session:
            shas = session.execute(
                select(Attachment.sha256).distinct()
                .where(Attachment.deleted.is_(False), Attachment.id.not_in(not_sent),
                       Attachment.sha256.not_in(select(BlobOnServer.sha256)))
                .order_by(Attachment.sha256)).scalars().all()
        return [sha for sha in shas if self.store.has(sha)]

    def _upload_one(self, sha256: str, result: RoundResult) -> None:
        head = self.client.request("HEAD", f"/blobs/{sha256}", ok={404})
        if head.status_code == 200:
            self._remember(sha256)
            return
        size = self.store.path_for(sha256).stat().st_size
        offset = _offset(head)
        for _attempt in range(ATTEMPTS):
            response = self._put(sha256, offset if offset < size else 0, size)
            if response.status_code in (200, 201):
                self._remember(sha256)
                if response.status_code == 201:
                    result.blobs_uploaded += 1
                return
            if response.status_code == 202:  # the body was cut short: send the rest
                offset = _offset(response)
                continue
            refused = refusal(response)
            if refused.code == "offset_mismatch":  # the server holds a different part: send from where it stopped
                offset = _offset(response)
                continue
            if refused.code != "upload_busy":  # busy: another desktop is sending the same blob right now
                result.blob_problems.append({"sha256": sha256, "reason": str(refused)})
            return
        result.blob_problems.append({"sha256": sha256, "reason": "多次上传仍未完成，下一轮同步时继续。"})

    def _put(self, sha256: str, offset: int, size: int) -> httpx.Response:
        headers = {"Content-Type": "application/octet-stream", "Content-Length": str(size - offset)}
        if size:
            headers["Content-Range"] = f"bytes {offset}-{size - 1}/{size}"
        return self.client.request("PUT", f"/blobs/{sha256}", ok={400, 403, 404, 409, 413}, headers=headers,
                                   content=_chunks(self.store.path_for(sha256), offset))

    def _remember(self, sha256: str) -> None:
        with self.client.db.session() as session:
            session.merge(BlobOnServer(sha256=sha256, confirmed_at=datetime.now()))

    # -- download --------------------------------------------------------------------------------

    def fetch(self, sha256: str, progress: Progress | None = None,
              cancelled: Callable[[], bool] = lambda: False) -> Path:
        """The blob's local path, downloaded first when this desktop lacks it (resuming a partial
        download). SyncError when the server cannot give it, the connection drops (what arrived is
        kept), the user cancelled, or the bytes do not match the sha256 (they are discarded)."""
        if self.store.has(sha256):
            return self.store.path_for(sha256)
        for _attempt in range(2):  # a second time from the start when the partial file no longer fits
            offset = self.store.received(sha256)
            response = self.client.request("GET", f"/blobs/{sha256}", ok={416}, stream=True,
                                           headers={"Range": f"bytes={offset}-"} if offset else {})
            try:
                if response.status_code == 416:
                    self.store.resume(sha256, 0).close()
                    continue
                self._receive(sha256, response, offset, progress or (lambda _done, _total: None), cancelled)
                break
            finally:
                response.close()
        try:
            path = self.store.complete(sha256)
        except AttachmentError as exc:
            raise SyncError(f"下载的附件未通过校验：{exc}", "blob_mismatch") from exc
        self._remember(sha256)
        return path

    def _receive(self, sha256: str, response: httpx.Response, offset: int, progress: Progress,
                 cancelled: Callable[[], bool]) -> None:
        start = offset if response.status_code == 206 else 0  # 200: the server sent the whole blob
        length = response.headers.get("Content-Length")
        total = start + int(length) if length and length.isdigit() else None
        done = start
        with self.store.resume(sha256, start) as out:
            try:
                for chunk in response.iter_bytes(CHUNK):
                    if cancelled():
                        raise SyncError("已取消下载；已下载的部分会保留，下次打开时继续。", "cancelled")
                    out.write(chunk)
                    done += len(chunk)
                    progress(done, total)
            except httpx.TransportError as exc:
                raise offline(exc) from exc


def _chunks(path: Path, offset: int) -> Iterator[bytes]:
    with path.open("rb") as source:
        source.seek(offset)
        while chunk := source.read(CHUNK):
            yield chunk


def _offset(response: httpx.Response) -> int:
    value = response.headers.get(UPLOAD_OFFSET, "0")
    return int(value) if value.isdigit() else 0
