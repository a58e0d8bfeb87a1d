"""The wire format of DESIGN section 5: what client and server say to each other over HTTP/JSON.

Every synced row travels as an :class:`Op`. An insert carries the full row with its per-field stamps
(``stamps``); a patch or delete carries the changed fields, all stamped with ``hlc``, and the stamps
the edit was made on (``base``), so the server can tell a sequential edit from a concurrent one.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

PROTOCOL_MIN = 1
PROTOCOL_MAX = 1
PROTOCOL_VERSION = 1
MAX_PUSH_OPS = 500
MAX_CLOCK_SKEW_MS = 5 * 60 * 1000
MAX_SEQ = 2**63 - 1  # sequence numbers and cursors are BIGINT columns on the server
NO_NUL = r"^[^\x00]*$"  # names the server looks up: PostgreSQL refuses text holding a NUL character
SHARED_BUCKET = "shared"
COMMUNITY_PREFIX = "c:"

OpKind = Literal["insert", "patch", "delete", "event"]
OpStatus = Literal["applied", "merged", "rejected"]


class ErrorBody(BaseModel):
    """Every refusal: a machine code and a sentence for the user (Chinese, says what to do next)."""

    code: str
    message: str


class ErrorAnswer(BaseModel):
    """The body of every 4xx the server answers itself (FastAPI puts the refusal under ``detail``)."""

    detail: ErrorBody


class TokenRequest(BaseModel):
    user: str = Field(max_length=50, pattern=NO_NUL)
    password: str = Field(max_length=200)
    device_id: str = Field(min_length=1, max_length=64, pattern=NO_NUL)
    protocol: int
    client_time_ms: int


class TokenAnswer(BaseModel):
    token: str
    expires_in: int
    epoch: str
    server_time_ms: int
    role: str
    scope: str


class Op(BaseModel):
    device_seq: int = Field(ge=1, le=MAX_SEQ)
    table: str = Field(max_length=40)
    row_id: str = Field(min_length=1, max_length=36)
    kind: OpKind
    hlc: str = Field(min_length=1, max_length=40)
    fields: dict[str, Any]
    stamps: dict[str, str] | None = None  # inserts: each field's stamp (others default to hlc)
    base: dict[str, str] | None = None  # patches: the stamps each changed field had when edited
    hints: dict[str, str] | None = None  # inserts: what the server needs to find the row's twin (rows.MEMBER_HINT)


class PushRequest(BaseModel):
    protocol: int
    device_id: str = Field(min_length=1, max_length=64, pattern=NO_NUL)
    epoch: str | None = None
    ops: list[Op] = Field(max_length=MAX_PUSH_OPS)


class OpResult(BaseModel):
    device_seq: int
    status: OpStatus
    reason: str | None = None
    merged_into: str | None = None  # the duplicate (same ID number) was merged into this row
    conflicts: int = 0


class PushAnswer(BaseModel):
    epoch: str
    results: list[OpResult]


class PullRequest(BaseModel):
    protocol: int
    device_id: str = Field(min_length=1, max_length=64, pattern=NO_NUL)
    epoch: str | None = None
    cursors: dict[str, Annotated[int, Field(ge=0, le=MAX_SEQ)]] = Field(default_factory=dict)
    limit: int = Field(default=2000, ge=1, le=10000)
    horizons: dict[str, Annotated[int, Field(ge=0, le=MAX_SEQ)]] = Field(default_factory=dict)
    """Per bucket, the compaction horizon the last page of the bucket named: the cursor is valid against it."""


class RowChange(BaseModel):
    """A row's whole current state (``row``), or ``gone``: it left this bucket (moved or out of scope)."""

    table: str
    id: str
    seq: int
    row: dict[str, Any] | None = None
    gone: bool = False


class BucketPage(BaseModel):
    bucket: str
    changes: list[RowChange]
    next_cursor: int
    has_more: bool
    checksum: str
    must_refetch: bool = False
    """Changes this cursor had not seen were compacted away: download the bucket again from cursor 0, then
    remove what the new download did not bring."""
    horizon: int = 0  # the bucket's compaction horizon: send it back in PullRequest.horizons


class PullAnswer(BaseModel):
    epoch: str
    buckets: list[BucketPage]
    removed_buckets: list[str]


class Health(BaseModel):
    status: str
    protocol_min: int
    protocol_max: int
    epoch: str


class ConflictItem(BaseModel):
    """One conflict_log entry for review: both values, their stamps and who wrote them (None: unknown)."""

    id: int
    at: datetime
    kind: str  # concurrent|deleted|duplicate|transition
    table: str
    row_id: str
    field: str | None
    kept_value: Any = None
    kept_hlc: str | None = None
    kept_by: str | None = None
    lost_value: Any = None
    lost_hlc: str | None = None
    lost_by: str | None = None
    note: str | None = None


class ConflictPage(BaseModel):
    conflicts: list[ConflictItem]
    next_after: int  # ask again with after=next_after while has_more
    has_more: bool
    total: int  # entries above the requested ``after`` in the user's buckets


SHA256_PATTERN = "^[0-9a-f]{64}$"
UPLOAD_OFFSET = "Upload-Offset"
"""Header of HEAD and PUT /blobs/{sha256}: how many bytes of a blob the server holds (resume from there)."""


class BlobState(BaseModel):
    """What the server holds of a blob: ``received`` bytes so far, ``complete`` once checked by sha256."""

    sha256: str
    received: int
    complete: bool


def page_checksum(changes: list[RowChange]) -> str:
    """A sha256 over what a page says (ids, stamps, tombstones): the client recomputes it to catch a
    truncated or altered answer before it applies anything."""
    digest = hashlib.sha256()
    for change in changes:
        row = change.row or {}
        digest.update(json.dumps([change.table, change.id, change.seq, change.gone, row.get("hlc"),
                                  row.get("field_hlc"), row.get("deleted")], sort_keys=True).encode())
    return digest.hexdigest()


def community_bucket(community_id: str) -> str:
    return COMMUNITY_PREFIX + community_id
