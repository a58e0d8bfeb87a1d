"""Answering a pull: each bucket of the user's scope from its cursor, parents' buckets first; a bucket
whose cursor is below its compaction horizon is answered ``must_refetch`` (sync/server/compaction.py)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import BucketPage, PullAnswer, PullRequest, RowChange, page_checksum
from sync.rows import bucket_of, row_to_wire, table_of
from sync.server.compaction import horizons
from sync.server.models import Change
from sync.server.scope import Scope


def pull(session: Session, scope: Scope, request: PullRequest, epoch: str) -> PullAnswer:
    buckets = scope.read_buckets()
    removed = sorted(b for b in request.cursors if b not in buckets)
    horizon = horizons(session, buckets)
    remaining = request.limit
    pages = []
    for bucket in buckets:
        cursor, top = request.cursors.get(bucket, 0), horizon.get(bucket, 0)
        if 0 < cursor < top and request.horizons.get(bucket, 0) < top:
            # A cursor from before the compaction: changes it had not seen are gone. (A cursor below the
            # horizon from a download begun after it comes with that horizon and goes on.)
            pages.append(BucketPage(bucket=bucket, changes=[], next_cursor=0, has_more=True,
                                    checksum=page_checksum([]), must_refetch=True, horizon=top))
            continue
        if remaining <= 0:  # the page is full: the client asks again for this bucket
            pages.append(BucketPage(bucket=bucket, changes=[], next_cursor=cursor, has_more=True,
                                    checksum=page_checksum([]), horizon=top))
            continue
        entries = session.execute(select(Change.seq, Change.table_name, Change.row_id)
                                  .where(Change.bucket == bucket, Change.seq > cursor)
                                  .order_by(Change.seq).limit(remaining + 1)).all()
        has_more = len(entries) > remaining
        entries = entries[:remaining]
        remaining -= len(entries)
        changes = _changes(session, bucket, entries)
        pages.append(BucketPage(bucket=bucket, changes=changes, next_cursor=entries[-1][0] if entries else cursor,
                                has_more=has_more, checksum=page_checksum(changes), horizon=top))
    return PullAnswer(epoch=epoch, buckets=pages, removed_buckets=removed)


def _changes(session: Session, bucket: str, entries: list) -> list[RowChange]:  # type: ignore[type-arg]
    ids: dict[str, list[str]] = defaultdict(list)
    for _seq, table, row_id in entries:
        ids[table].append(row_id)
    rows: dict[tuple[str, str], dict] = {}  # type: ignore[type-arg]
    for table_name, wanted in ids.items():
        table = table_of(table_name)
        for start in range(0, len(wanted), 1000):
            for row in session.execute(select(table).where(table.c.id.in_(wanted[start:start + 1000]))).mappings():
                rows[(table_name, row["id"])] = row_to_wire(row)
    out = []
    for seq, table_name, row_id in entries:
        row = rows.get((table_name, row_id))
        if row is None or bucket_of(table_name, row) != bucket:  # moved to another bucket
            out.append(RowChange(table=table_name, id=row_id, seq=seq, gone=True))
        else:
            out.append(RowChange(table=table_name, id=row_id, seq=seq, row=row))
    return out
