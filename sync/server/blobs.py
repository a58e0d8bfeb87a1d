"""Blobs by sha256 (DESIGN section 5): HEAD says what the server holds, PUT sends the rest (resumable,
idempotent, checked before it is kept), GET streams a blob with Range.

A user reaches a blob only through an attachment row in their scope that references it: HEAD and GET
through a row they may read, PUT through a row they may write, so the metadata rows are pushed first.
A blob outside the scope is answered like an unknown one. Bytes arrive in the store's partial file,
named by the sha256 they must have, and move to their place only when the whole blob matches it.

No ``from __future__ import annotations`` here: FastAPI must see the endpoints' dependencies, which are
local to :func:`add_blob_routes`, as objects rather than names.
"""

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request, Response
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.requests import ClientDisconnect

from app.paths import data_dir
from app.services.attachments import MAX_BYTES, AttachmentError, BlobStore
from app.store.db import Database
from app.store.models import Attachment
from sync.protocol import SHA256_PATTERN, UPLOAD_OFFSET, BlobState, ErrorAnswer
from sync.rows import bucket_of
from sync.server.refusal import refuse
from sync.server.scope import Scope

Sha256 = Annotated[str, PathParam(pattern=SHA256_PATTERN, description="内容的 sha256（64 位小写十六进制）")]
CONTENT_RANGE = re.compile(r"bytes ([0-9]{1,15})-([0-9]{1,15})/([0-9]{1,15})")
MEGABYTES = MAX_BYTES // (1024 * 1024)
Who = Callable[..., tuple[str, str]]

OFFSET_HEADER = {UPLOAD_OFFSET: {"description": "服务器已收到的字节数", "schema": {"type": "integer"}}}
ERROR = {"model": ErrorAnswer}
HEAD_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {"description": "服务器已有完整的附件（Content-Length 为其大小）", "headers": OFFSET_HEADER, "content": {}},
    401: {"description": "未登录或登录已过期", "content": {}},
    404: {"description": "服务器没有此附件，或它不在您的范围内；上传了一部分时 Upload-Offset 为已收到的字节数",
          "headers": OFFSET_HEADER, "content": {}},
}
PUT_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {"model": BlobState, "description": "服务器此前已有完整的附件（重复上传，未再写入）"},
    202: {"model": BlobState, "description": "已收到一部分，从 Upload-Offset 继续上传", "headers": OFFSET_HEADER},
    400: {**ERROR, "description": "Content-Range 无效，或内容与 sha256 不符（收到的部分已丢弃）"},
    401: ERROR, 403: {**ERROR, "description": "您可修改的记录中没有引用此附件的"},
    409: {**ERROR, "description": "起点与服务器已收到的字节数不符（见 Upload-Offset），或同一附件正在上传",
          "headers": OFFSET_HEADER},
    413: {**ERROR, "description": f"附件超过 {MEGABYTES} MB"},
}
BLOB_BODY = {"application/octet-stream": {}}
GET_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {"content": BLOB_BODY, "description": "附件内容"},
    206: {"content": {**BLOB_BODY, "multipart/byteranges": {}}, "description": "Range 请求的部分"},
    400: {"content": {"text/plain": {}}, "description": "Range 无效"},
    401: ERROR, 404: {**ERROR, "description": "服务器没有此附件，或它不在您的范围内"},
    416: {"content": {"text/plain": {}}, "description": "Range 超出附件大小"},
}
RANGE_NOTE = "bytes 起点-终点/总大小（终点含在内）；省略时请求体为整个附件"
PUT_BODY = {"requestBody": {"required": False, "content": {"application/octet-stream": {
    "schema": {"type": "string", "format": "binary"}}}}}


def blob_dir_for(db: Database) -> Path:
    """Where a server keeps blobs unless told: beside an SQLite database file (server.sqlite →
    server.blobs/), else in the data directory."""
    if db.path is not None:
        return db.path.with_suffix(".blobs")
    return data_dir() / "server-blobs"


def referenced_in_scope(session: Session, scope: Scope, sha256: str, *, write: bool) -> bool:
    """Whether a live attachment row the user may read (or, with ``write``, change) references the blob."""
    readable = set(scope.read_buckets())
    for (grid_id,) in session.execute(select(Attachment.grid_id).where(Attachment.sha256 == sha256,
                                                                       Attachment.deleted.is_(False))):
        bucket = bucket_of("attachments", {"grid_id": grid_id})
        if scope.can_write(bucket) if write else bucket in readable:
            return True
    return False


class Uploads:
    """The blobs being received right now: one upload per blob at a time (another gets 409 and comes
    back in its next round), so two desktops sending the same photo never write one file together."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._busy: set[str] = set()

    @contextmanager
    def claim(self, sha256: str) -> Iterator[bool]:
        with self._lock:
            mine = sha256 not in self._busy
            self._busy.add(sha256)
        try:
            yield mine
        finally:
            if mine:
                with self._lock:
                    self._busy.discard(sha256)


@dataclass(frozen=True)
class Part:
    """What one PUT carries: bytes from ``start``, ``length`` of them out of ``total`` (both None: the
    body is the whole blob, known when it ends)."""

    start: int = 0
    length: int | None = None
    total: int | None = None

    @classmethod
    def of(cls, content_range: str | None) -> "Part":
        """From ``Content-Range: bytes START-END/TOTAL`` (END inclusive), or the whole blob without one."""
        if content_range is None:
            return cls()
        match = CONTENT_RANGE.fullmatch(content_range.strip())
        if match is None:
            raise refuse(400, "bad_range", f"Content-Range“{content_range[:60]}”无效，应为 bytes 起点-终点/总大小。")
        start, end, total = map(int, match.groups())
        if not start <= end < total:
            raise refuse(400, "bad_range", f"Content-Range“{content_range[:60]}”无效：应满足 起点 ≤ 终点 < 总大小。")
        if total > MAX_BYTES:
            raise refuse(413, "too_large", f"附件超过 {MEGABYTES} MB，服务器不接收。")
        return cls(start, end + 1 - start, total)

    def completes(self, written: int) -> bool:
        """Whether the blob is whole once ``written`` bytes of this part arrived."""
        return self.total is None or self.start + written == self.total


def add_blob_routes(app: FastAPI, db: Database, store: BlobStore, authenticated: Who,
                    scope_of: Callable[[Session, str], Scope]) -> None:
    """The /blobs/{sha256} endpoints of ``create_app``, authenticated like the others."""
    uploads = Uploads()

    def may(user: str, sha256: str, *, write: bool) -> bool:
        with db.session() as s:
            return referenced_in_scope(s, scope_of(s, user), sha256, write=write)

    def state(sha256: str) -> BlobState:
        if store.has(sha256):
            size = store.path_for(sha256).stat().st_size
            return BlobState(sha256=sha256, received=size, complete=True)
        return BlobState(sha256=sha256, received=store.received(sha256), complete=False)

    @app.head("/blobs/{sha256}", status_code=200, response_class=Response, responses=HEAD_ANSWERS)
    def head_blob(sha256: Sha256, who: Annotated[tuple[str, str], Depends(authenticated)]) -> Response:
        """Whether the server holds the whole blob (200) or not (404, with the bytes received so far)."""
        now = state(sha256) if may(who[0], sha256, write=False) else BlobState(sha256=sha256, received=0,
                                                                                complete=False)
        headers = {UPLOAD_OFFSET: str(now.received)}
        if now.complete:
            return Response(status_code=200, headers={**headers, "Content-Length": str(now.received)})
        return Response(status_code=404, headers=headers)

    @app.put("/blobs/{sha256}", status_code=201, response_model=BlobState, responses=PUT_ANSWERS,
             openapi_extra=PUT_BODY)
    async def put_blob(sha256: Sha256, request: Request, who: Annotated[tuple[str, str], Depends(authenticated)],
                       content_range: Annotated[str | None, Header(description=RANGE_NOTE)] = None) -> Response:
        """Receive a blob, or its bytes from START (what HEAD reported): 201 when this request completed
        and checked it, 202 with Upload-Offset when more is to come, 200 when it was already here."""
        if not await run_in_threadpool(may, who[0], sha256, write=True):
            raise refuse(403, "blob_forbidden", "服务器上没有引用此附件、且您有权修改的记录：请先同步附件所属的"
                                                "事件，或确认该事件在您的网格内。")
        part = Part.of(content_range)
        with uploads.claim(sha256) as mine:
            if not mine:
                raise refuse(409, "upload_busy", "此附件正在由另一台电脑上传，下一轮同步时再试。",
                             {UPLOAD_OFFSET: str(store.received(sha256))})
            if store.has(sha256):
                return JSONResponse(state(sha256).model_dump(), status_code=200)
            held = store.received(sha256)
            if part.start > held:
                raise refuse(409, "offset_mismatch", f"服务器只收到此附件的前 {held} 字节，请从该处继续上传。",
                             {UPLOAD_OFFSET: str(held)})
            written = await receive(request, store, sha256, part)
            if written is None or not part.completes(written):
                held = store.received(sha256)
                return JSONResponse(state(sha256).model_dump(), status_code=202, headers={UPLOAD_OFFSET: str(held)})
            try:
                await run_in_threadpool(store.complete, sha256)
            except AttachmentError as exc:
                raise refuse(400, "blob_mismatch", f"上传失败：{exc}") from exc
            return JSONResponse(state(sha256).model_dump(), status_code=201)

    @app.get("/blobs/{sha256}", response_class=FileResponse, responses=GET_ANSWERS)
    def get_blob(sha256: Sha256, who: Annotated[tuple[str, str], Depends(authenticated)],
                 range: Annotated[str | None, Header(description="bytes=起点-，从中断处继续下载")] = None
                 ) -> FileResponse:
        """The blob (or the part Range asks for) when an attachment row the user may read references it."""
        if not (store.has(sha256) and may(who[0], sha256, write=False)):
            raise refuse(404, "blob_not_found", "服务器上没有此附件，或它不在您的范围内。")
        return FileResponse(store.path_for(sha256), media_type="application/octet-stream")


async def receive(request: Request, store: BlobStore, sha256: str, part: Part) -> int | None:
    """Write the request body into the partial file from the part's start; the bytes written, or None
    when the sender went away (what arrived is kept: the next upload resumes after it). A body longer
    than its Content-Range, or than the size limit, is refused and not kept."""
    limit = part.length if part.length is not None else MAX_BYTES
    written = 0
    with store.resume(sha256, part.start) as out:
        try:
            async for chunk in request.stream():
                written += len(chunk)
                if written > limit:
                    out.truncate(part.start)
                    if part.length is None:
                        raise refuse(413, "too_large", f"附件超过 {MEGABYTES} MB，服务器不接收。")
                    raise refuse(400, "bad_range", "请求内容比 Content-Range 声明的长，未保存。")
                out.write(chunk)
        except ClientDisconnect:
            return None
    return written
