"""Attachments' blobs between desktops: uploaded by sha256 after the push, resumable, checked, idempotent,
only within scope, and downloaded by the desktop that lacks them when someone opens them."""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete

from app.services.cases import Actor, CaseDraft, CaseService
from app.services.demo import generate_demo
from app.store.models import BlobOnServer
from sync.blob_queue import BlobQueue
from sync.client import RoundResult, SyncError
from sync.protocol import PROTOCOL_VERSION, UPLOAD_OFFSET
from sync.server.app import create_app
from sync.server.blobs import blob_dir_for
from sync.server.store import renew_epoch
from tests.sync.conftest import PASSWORD, Desktop, Server

SIZE = 300_000
NOBODYS = "0" * 64  # a well-formed sha256 no attachment row references


def _bytes(seed: int, size: int = SIZE) -> bytes:
    return random.Random(seed).randbytes(size)


@pytest.fixture
def filled(server: Server, desktop: Callable[[str, str], Desktop]) -> Desktop:
    """The secretary's desktop with a very small demo community (two grids), pushed to the empty server."""
    secretary = desktop("secretary", "书记")
    generate_demo(secretary.db, seed=3, households=6)
    assert secretary.sync().rejected == 0
    return secretary


def _grid(d: Desktop, name: str) -> str:
    return str(d.scalar("SELECT id FROM org_nodes WHERE name = :n AND level = 'grid'", n=name))


def _attach(d: Desktop, grid_name: str, content: bytes, folder: Path) -> str:
    """A case in a grid with one photo, registered by the secretary on ``d``; the photo's sha256."""
    photo = folder / f"现场照片-{hashlib.sha256(content).hexdigest()[:6]}.jpg"
    photo.write_bytes(content)
    CaseService(d.db, blobs=d.blobs).create(
        CaseDraft(title="楼道堆放杂物", category="楼道堆物", place_text="3号楼北侧", grid_id=_grid(d, grid_name),
                  attachments=[photo]), Actor("书记", "secretary"))
    return hashlib.sha256(content).hexdigest()


def _auth(server: Server, user: str) -> dict[str, str]:
    """A bearer header of a fresh login (each login costs an argon2 check: tests reuse their desktops' tokens)."""
    answer = server.http.post("/auth/token", json={
        "user": user, "password": PASSWORD, "device_id": f"probe-{user}", "protocol": PROTOCOL_VERSION,
        "client_time_ms": time.time_ns() // 1_000_000})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def _token(d: Desktop) -> dict[str, str]:
    return {"Authorization": f"Bearer {d.client.token}"}


def _push_rows_only(d: Desktop) -> None:
    """What a round does before its blobs: the metadata rows reach the server, the bytes do not."""
    d.client.login()
    d.client.push(RoundResult())


def _blob_requests(d: Desktop) -> list[tuple[str, str | None]]:
    """(method, Content-Range) of every /blobs request the desktop's client sends from now on."""
    seen: list[tuple[str, str | None]] = []
    send = d.client.http.send

    def recording(request: httpx.Request, **kwargs: Any) -> httpx.Response:
        if request.url.path.startswith("/blobs/"):
            seen.append((request.method, request.headers.get("content-range")))
        return send(request, **kwargs)

    d.client.http.send = recording  # type: ignore[method-assign]
    return seen


def test_a_photo_goes_from_one_desktop_to_another_and_downloads_only_when_opened(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> None:
    content = _bytes(1)
    sha = _attach(filled, "第一网格", content, tmp_path)
    result = filled.sync()
    assert (result.blobs_uploaded, result.blob_problems) == (1, [])
    assert result.as_json()["blobs_uploaded"] == 1

    worker = desktop("worker", "网格员一")
    worker.sync()
    case_id = str(worker.scalar("SELECT owner_id FROM attachments WHERE sha256 = :s", s=sha))
    [info] = CaseService(worker.db, blobs=worker.blobs).detail(case_id).attachments
    assert (info.sha256, info.size, info.path.exists()) == (sha, SIZE, False)  # metadata only, no bytes yet

    queue = BlobQueue(worker.client, worker.blobs)
    with worker.blobs.resume(sha, 0) as partial:  # an earlier download stopped after 100 000 bytes
        partial.write(content[:100_000])
    steps: list[tuple[int, int | None]] = []
    path = queue.fetch(sha, lambda done, total: steps.append((done, total)))
    assert path == info.path and path.read_bytes() == content
    assert steps[0][0] > 100_000 and steps[-1] == (SIZE, SIZE)  # the first 100 000 bytes were not fetched again
    requests = _blob_requests(worker)
    again = worker.sync()
    assert (again.blobs_uploaded, requests) == (0, [])  # known to be on the server: not asked about again

    other = _attach(filled, "第一网格", _bytes(2, 5000), tmp_path)
    filled.sync()
    worker.sync()
    with worker.blobs.resume(other, 0) as partial:
        partial.write(b"\0" * 1000)  # not what the blob begins with
    with pytest.raises(SyncError, match="未通过校验") as refused:
        queue.fetch(other)
    assert refused.value.code == "blob_mismatch" and worker.blobs.received(other) == 0
    assert queue.fetch(other).read_bytes() == _bytes(2, 5000)


def test_an_interrupted_upload_resumes_where_the_server_stopped(
        server: Server, filled: Desktop, tmp_path: Path) -> None:
    content = _bytes(3)
    sha = _attach(filled, "第一网格", content, tmp_path)
    _push_rows_only(filled)
    auth = _token(filled)
    cut = server.http.put(f"/blobs/{sha}", content=content[:70_000], headers={
        **auth, "Content-Range": f"bytes 0-{SIZE - 1}/{SIZE}"})  # the connection dropped after 70 000 bytes
    assert cut.status_code == 202 and cut.headers[UPLOAD_OFFSET] == "70000"
    assert cut.json() == {"sha256": sha, "received": 70_000, "complete": False}
    head = server.http.head(f"/blobs/{sha}", headers=auth)
    assert (head.status_code, head.headers[UPLOAD_OFFSET]) == (404, "70000")
    assert server.http.get(f"/blobs/{sha}", headers=auth).status_code == 404  # not served half-received

    requests = _blob_requests(filled)
    result = filled.sync()
    assert result.blobs_uploaded == 1
    assert requests == [("HEAD", None), ("PUT", f"bytes 70000-{SIZE - 1}/{SIZE}")]  # only the rest was sent
    whole = server.http.get(f"/blobs/{sha}", headers=auth)
    assert whole.status_code == 200 and whole.content == content
    head = server.http.head(f"/blobs/{sha}", headers=auth)
    assert (head.status_code, head.headers["Content-Length"]) == (200, str(SIZE))
    part = server.http.get(f"/blobs/{sha}", headers={**auth, "Range": "bytes=1000-"})
    assert (part.status_code, part.content) == (206, content[1000:])


def test_a_blob_that_does_not_match_its_sha256_is_refused_and_discarded(
        server: Server, filled: Desktop, tmp_path: Path) -> None:
    content = _bytes(4)
    sha = _attach(filled, "第一网格", content, tmp_path)
    _push_rows_only(filled)
    auth = _token(filled)
    forged = bytearray(content)
    forged[-1] ^= 0xFF
    first = server.http.put(f"/blobs/{sha}", content=bytes(forged[:1000]), headers={
        **auth, "Content-Range": f"bytes 0-999/{SIZE}"})
    assert first.status_code == 202
    bad = server.http.put(f"/blobs/{sha}", content=bytes(forged[1000:]), headers={
        **auth, "Content-Range": f"bytes 1000-{SIZE - 1}/{SIZE}"})
    assert bad.status_code == 400
    assert bad.json()["detail"]["code"] == "blob_mismatch" and "sha256" in bad.json()["detail"]["message"]
    head = server.http.head(f"/blobs/{sha}", headers=auth)
    assert (head.status_code, head.headers[UPLOAD_OFFSET]) == (404, "0")  # the bad bytes are gone
    whole_but_wrong = server.http.put(f"/blobs/{sha}", content=bytes(forged), headers=auth)
    assert whole_but_wrong.status_code == 400
    assert filled.sync().blobs_uploaded == 1  # the desktop's own copy then goes up whole
    assert server.http.get(f"/blobs/{sha}", headers=auth).content == content


def test_blobs_stay_within_the_scope_of_the_rows_that_reference_them(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> None:
    content = _bytes(5, 20_000)
    sha = _attach(filled, "第二网格", content, tmp_path)
    assert filled.sync().blobs_uploaded == 1
    worker = desktop("worker", "网格员一")
    worker.sync()
    one, two = _token(worker), _auth(server, "网格员二")
    assert server.http.get(f"/blobs/{sha}", headers=two).content == content
    assert server.http.get(f"/blobs/{sha}", headers=one).status_code == 404
    assert server.http.get(f"/blobs/{sha}", headers={**one, "Range": "bytes=0-99"}).status_code == 404
    assert server.http.head(f"/blobs/{sha}", headers=one).status_code == 404
    refused = server.http.put(f"/blobs/{sha}", content=content, headers=one)
    assert refused.status_code == 403 and "网格" in refused.json()["detail"]["message"]
    assert worker.scalar("SELECT count(*) FROM attachments WHERE sha256 = :s", s=sha) == 0
    with pytest.raises(SyncError) as missing:
        BlobQueue(worker.client, worker.blobs).fetch(sha)
    assert missing.value.code == "blob_not_found" and not worker.blobs.has(sha)

    stranger = _bytes(6, 5000)  # referenced by no row at all: nobody may place it on the server
    unknown = hashlib.sha256(stranger).hexdigest()
    assert server.http.put(f"/blobs/{unknown}", content=stranger, headers=_token(filled)).status_code == 403


def test_blob_endpoints_refuse_the_unauthenticated_and_odd_input_without_a_server_error(
        server: Server, filled: Desktop, tmp_path: Path) -> None:
    content = _bytes(7, 4000)
    sha = _attach(filled, "第一网格", content, tmp_path)
    other = _attach(filled, "第一网格", _bytes(8, 100), tmp_path)
    filled.sync()
    for method in ("HEAD", "GET", "PUT"):
        assert server.http.request(method, f"/blobs/{sha}").status_code == 401
        forged = {"Authorization": "Bearer not-a-token"}
        assert server.http.request(method, f"/blobs/{sha}", headers=forged).status_code == 401
    auth = _token(filled)
    for odd in ("abc", sha.upper(), sha + "0", "../../etc/passwd"):
        assert server.http.get(f"/blobs/{odd}", headers=auth).status_code in (404, 422)
        assert server.http.put(f"/blobs/{odd}", content=b"x", headers=auth).status_code in (404, 422)
    assert server.http.get("/blobs/abc", headers=auth).status_code == 422
    assert server.http.put(f"/blobs/{NOBODYS}", content=b"xy", headers={
        **auth, "Content-Range": "bytes 5-2/10"}).status_code == 403  # scope is checked before anything else
    with filled.db.session() as session:  # the server has the row, not yet the blob
        session.execute(delete(BlobOnServer).where(BlobOnServer.sha256 == other))
    server_copy = blob_dir_for(server.db) / other[:2] / other
    server_copy.unlink()
    for bad_range in ("bytes 5-2/10", "bytes 0-10/10", "items 0-1/2", "bytes=0-1", "bytes 0-1/\xe4", "bytes ١-٢/٣"):
        answer = server.http.put(f"/blobs/{other}", content=b"xy", headers={
            **auth, "Content-Range": bad_range.encode("utf-8")})
        assert (answer.status_code, answer.json()["detail"]["code"]) == (400, "bad_range"), bad_range
    huge = server.http.put(f"/blobs/{other}", content=b"x", headers={
        **auth, "Content-Range": "bytes 0-0/999999999999"})
    assert huge.status_code == 413 and "MB" in huge.json()["detail"]["message"]
    ahead = server.http.put(f"/blobs/{other}", content=b"x", headers={**auth, "Content-Range": "bytes 50-50/100"})
    assert (ahead.status_code, ahead.headers[UPLOAD_OFFSET]) == (409, "0")
    longer = server.http.put(f"/blobs/{other}", content=b"x" * 20, headers={**auth, "Content-Range": "bytes 0-9/100"})
    assert (longer.status_code, longer.json()["detail"]["code"]) == (400, "bad_range")
    assert server.http.get(f"/blobs/{sha}", headers={**auth, "Range": "bytes=9000-"}).status_code == 416
    assert server.http.get(f"/blobs/{sha}", headers={**auth, "Range": "pages=1"}).status_code == 400
    elsewhere = TestClient(create_app(server.db, blob_dir=tmp_path / "附件库"))  # gridledger serve --blob-dir
    assert elsewhere.put(f"/blobs/{other}", content=_bytes(8, 100), headers=auth).status_code == 201
    assert (tmp_path / "附件库" / other[:2] / other).read_bytes() == _bytes(8, 100)
    assert filled.sync().blobs_uploaded == 1  # the default directory lacked it: the real blob still goes up


def test_a_blob_goes_up_once_however_often_it_is_sent_until_the_server_is_restored(
        server: Server, filled: Desktop, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> None:
    content = _bytes(9, 50_000)
    sha = _attach(filled, "第一网格", content, tmp_path)
    assert filled.sync().blobs_uploaded == 1
    auth = _token(filled)
    for _ in range(2):
        again = server.http.put(f"/blobs/{sha}", content=content, headers=auth)
        assert again.status_code == 200 and again.json() == {"sha256": sha, "received": 50_000, "complete": True}

    worker = desktop("worker", "网格员一")
    worker.sync()
    photo = tmp_path / "worker" / "同一现场.jpg"  # the worker photographed the same scene: the same bytes
    photo.parent.mkdir()
    photo.write_bytes(content)
    grid = _grid(worker, "第一网格")
    CaseService(worker.db, blobs=worker.blobs).create(
        CaseDraft(title="楼道堆放杂物（复查）", category="楼道堆物", place_text="3号楼北侧", grid_id=grid,
                  attachments=[photo]), Actor("网格员一", "grid_worker", (grid,)))
    requests = _blob_requests(worker)
    result = worker.sync()
    assert result.rejected == 0 and result.blobs_uploaded == 0
    assert requests == [("HEAD", None)]  # the server already had it: nothing was sent again
    assert server.http.get(f"/blobs/{sha}", headers=auth).content == content

    (blob_dir_for(server.db) / sha[:2] / sha).unlink()  # restored from a backup older than the photo
    renew_epoch(server.db)
    restored = filled.sync()
    assert restored.epoch_changed and restored.blobs_uploaded == 1
    assert server.http.get(f"/blobs/{sha}", headers=_token(filled)).content == content
