"""The client sync engine: one round is login, push the outbox, pull every bucket of the scope.

Nothing here ever deletes a pending outbox entry: a network error, a refusal or a crash leaves the
queue as it was and the next round sends it again (the server deduplicates by device and sequence); the
entries of rows that were made and unmade before any push are settled unsent (sync.local_only).
Pulled rows are applied per page in one transaction together with the cursors they advance, parents'
tables first, never over a field that still has a pending local edit.
"""

from __future__ import annotations

import secrets
import time
from collections import defaultdict
from collections.abc import Callable, Container, Iterable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import Row, Table, bindparam, case, delete, false, insert, literal, select, update
from sqlalchemy.orm import Session

from app.domain.hlc import NODE_LEN, HybridClock
from app.services.attachments import BlobStore
from app.store import search_index
from app.store.db import Database
from app.store.models import SYNCED_MODELS, ImportChange, OutboxEntry, SyncState, User
from app.store.sync_queries import set_state
from app.store.writes import CLOCK_KEY, NODE_KEY
from sync import refetch
from sync.blob_queue import BlobQueue
from sync.errors import SyncError, offline, refusal
from sync.local_only import mark_pushed, settle_local_only
from sync.protocol import (
    MAX_PUSH_OPS,
    PROTOCOL_VERSION,
    SHARED_BUCKET,
    BucketPage,
    ConflictPage,
    Op,
    PullAnswer,
    PullRequest,
    PushAnswer,
    PushRequest,
    RowChange,
    TokenAnswer,
    TokenRequest,
    page_checksum,
)
from sync.rows import (
    MAX_HINTED_MEMBERS,
    MEMBER_HINT,
    NATURAL_KEYS,
    TABLE_ORDER,
    from_wire,
    in_bucket,
    pointers,
    row_to_wire,
    table_of,
)

EPOCH_STATE = "server_epoch"
CURSOR_PREFIX = "cursor:"
REINDEX_ALL_ABOVE = 5000
ADOPTED_NOTE = "服务器拒绝了这条新增，之后从服务器收到了身份证号（或编码）相同的记录，本机的这条已并入该记录。"


@dataclass
class RoundResult:
    pushed: int = 0
    applied: int = 0
    merged: int = 0
    rejected: int = 0
    pulled: int = 0
    changed: int = 0
    """Local rows the pull really changed (new, updated, removed); echoes of this desktop's own uploads are
    pulled but change nothing, so the window need not reload for them."""
    conflicts: int = 0
    epoch_changed: bool = False
    refetched: list[str] = field(default_factory=list)
    """Buckets downloaded again from the start because the server compacted their change log."""
    rejects: list[dict[str, Any]] = field(default_factory=list)
    blobs_uploaded: int = 0
    blob_problems: list[dict[str, str]] = field(default_factory=list)
    """Blobs the server refused this round (sha256, reason); they are offered again next round."""

    def as_json(self) -> dict[str, Any]:
        return {"pushed": self.pushed, "applied": self.applied, "merged": self.merged, "rejected": self.rejected,
                "pulled": self.pulled, "changed": self.changed, "conflicts": self.conflicts,
                "epoch_changed": self.epoch_changed, "refetched": self.refetched,
                "rejects": self.rejects, "blobs_uploaded": self.blobs_uploaded,
                "blob_problems": self.blob_problems}


class SyncClient:
    def __init__(self, db: Database, http: httpx.Client, user: str, password: str, *,
                 batch: int = MAX_PUSH_OPS, page: int = 2000, now_ms: Callable[[], int] | None = None,
                 blobs: BlobStore | None = None):
        self.db = db
        self.blobs = blobs or BlobStore()
        self.now_ms = now_ms or (lambda: time.time_ns() // 1_000_000)
        self.http = http
        self.user = user
        self.password = password
        self.batch = min(batch, MAX_PUSH_OPS)
        self.page = page
        self.device_id = self._device_id()
        self.token: str | None = None

    # -- one round -------------------------------------------------------------------------------

    def run(self) -> RoundResult:
        result = RoundResult()
        answer = self.login()
        result.epoch_changed = self._adopt_epoch(answer.epoch)
        self.push(result)
        BlobQueue(self, self.blobs).upload(result)
        self.pull(result)
        return result

    def login(self) -> TokenAnswer:
        body = TokenRequest(user=self.user, password=self.password, device_id=self.device_id,
                            protocol=PROTOCOL_VERSION, client_time_ms=self.now_ms())
        answer = TokenAnswer.model_validate(self._post("/auth/token", body.model_dump(), auth=False))
        self.token = answer.token
        return answer

    def conflicts(self, after: int = 0, limit: int = 100) -> ConflictPage:
        """One page of the server's conflict log for the user's buckets: entries with id above ``after``."""
        if self.token is None:
            self.login()
        params = {"after": after, "limit": limit}
        try:
            answer = self._get("/sync/conflicts", params)
        except SyncError as exc:
            if exc.code != "token_expired":
                raise
            self.login()
            answer = self._get("/sync/conflicts", params)
        return ConflictPage.model_validate(answer)

    # -- push ------------------------------------------------------------------------------------

    def push(self, result: RoundResult) -> None:
        """Send the pending outbox in batches, one request after another in outbox order. While the server
        works on a batch, the next one is read and built in a helper thread (on a big first sync that
        work is a third of the time); it is used only if the batch before settled cleanly."""
        with self.db.session() as session:
            settle_local_only(session)
        with ThreadPoolExecutor(max_workers=1) as reader:
            batch = self._batch(result, 0)
            while batch is not None:
                ops, last = batch
                if not ops:
                    batch = self._batch(result, last)
                    continue
                request = PushRequest(protocol=PROTOCOL_VERSION, device_id=self.device_id, epoch=self._epoch(),
                                      ops=ops)
                with self.db.session() as session:
                    mark_pushed(session, max(last, *(op.device_seq for op in ops)))
                ahead = reader.submit(self._batch, result, last)
                try:
                    answer = PushAnswer.model_validate(self._post("/sync/push", request.model_dump()))
                except BaseException:
                    wait([ahead])
                    raise
                following = ahead.result()  # no local writes overlap: settling waits for the reader
                settled = self._settle(answer, ops, result)
                ahead_of_turn = any(op.device_seq > last for op in ops)  # sent early: the read-ahead holds them
                batch = following if settled and not ahead_of_turn else self._batch(result, 0)

    def _batch(self, result: RoundResult, after: int) -> tuple[list[Op], int] | None:
        """The ops of the next pending entries above ``after`` and the last entry's number (None: none
        left). Entries whose row is gone locally are marked rejected here."""
        with self.db.session() as session:
            entries = session.execute(_PENDING.where(_OUTBOX.c.device_seq > after).limit(self.batch)).all()
            if not entries:
                return None
            ops, missing = self._ops(session, entries)
            last = entries[-1].device_seq
            if len(ops) > self.batch:  # inserts placed first made it longer: the entries that do not fit wait
                del ops[self.batch:]
                last = max((op.device_seq for op in ops if op.device_seq <= last), default=entries[0].device_seq - 1)
            if missing:
                session.execute(update(_OUTBOX).where(_OUTBOX.c.device_seq.in_([e.device_seq for e in missing]))
                                .values(status="rejected", reason="本地记录已不存在，无法上传。"))
                result.rejected += len(missing)
        return ops, last

    def _ops(self, session: Session, entries: Iterable[Row[Any]]) -> tuple[list[Op], list[Row[Any]]]:
        ops, missing = _build_ops(session, entries)
        return _parents_first(session, ops), missing

    def _settle(self, answer: PushAnswer, ops: list[Op], result: RoundResult) -> bool:
        """Record each op's result in the outbox. False when the next batch must be read afresh: an op
        got no result (it stays pending) or a merged duplicate renamed rows that later entries refer to."""
        by_seq = {op.device_seq: op for op in ops}
        settled: list[dict[str, Any]] = []
        renamed: dict[str, dict[str, str]] = defaultdict(dict)  # table -> our id -> the server's
        with self.db.session() as session:
            for r in answer.results:
                op = by_seq.get(r.device_seq)
                if op is None:
                    continue
                settled.append({"b_seq": r.device_seq, "status": "rejected" if r.status == "rejected" else "sent",
                                "reason": r.reason})
                result.pushed += 1
                result.conflicts += r.conflicts
                if r.status == "rejected":
                    result.rejected += 1
                    result.rejects.append({"table": op.table, "row_id": op.row_id, "reason": r.reason})
                elif r.status == "merged":
                    result.merged += 1
                else:
                    result.applied += 1
                if r.merged_into and r.merged_into != op.row_id:
                    renamed[op.table][op.row_id] = r.merged_into
            for table_name, ids in renamed.items():
                remap_local(session, table_name, ids)
            if settled:  # one executemany: a statement per op was most of a big push's client time
                session.connection().execute(_SETTLE, settled)
        return not renamed and len(settled) == len(ops)

    # -- pull ------------------------------------------------------------------------------------

    def pull(self, result: RoundResult) -> None:
        while True:
            request = PullRequest(protocol=PROTOCOL_VERSION, device_id=self.device_id, epoch=self._epoch(),
                                  cursors=self._numbers(CURSOR_PREFIX), limit=self.page,
                                  horizons=self._numbers(refetch.HORIZON_PREFIX))
            answer = PullAnswer.model_validate(self._post("/sync/pull", request.model_dump()))
            for page in answer.buckets:
                if page_checksum(page.changes) != page.checksum:
                    raise SyncError("从服务器收到的数据不完整（校验不一致），本次未写入任何数据，请稍后重试。",
                                    "checksum")
            again = [page.bucket for page in answer.buckets if page.must_refetch]
            if set(again) & set(result.refetched):  # a server that never lets a new download finish
                raise SyncError("服务器一再要求重新下载同一分区，本次同步已停止；本机数据和待上传的修改均未受影响，"
                                "请联系管理员检查服务器。", "refetch_loop")
            received, changed = self._apply(answer)
            result.pulled += received
            result.changed += changed
            result.refetched += again
            if not any(page.has_more for page in answer.buckets):
                return

    def _apply(self, answer: PullAnswer) -> tuple[int, int]:
        """Apply one pull answer in one transaction; (rows received, local rows changed)."""
        changes = [c for page in answer.buckets for c in page.changes]
        with self.db.engine.connect() as conn:
            # Rows of a grid may point at rows outside the scope (a party living in another grid), and
            # pages arrive in change order, not parent order: foreign keys are not checked while applying.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()  # ends SQLAlchemy's autobegun (empty) transaction; the session starts its own
            try:
                with Session(conn) as session, session.begin():
                    dropped = 0
                    for bucket in answer.removed_buckets:
                        dropped += _drop_bucket(session, bucket)
                        session.execute(delete(SyncState).where(SyncState.key == CURSOR_PREFIX + bucket))
                        refetch.forget(session, bucket)
                    refetching = refetch.refetching(session)
                    for page in answer.buckets:
                        if page.must_refetch:
                            refetch.start(session, page.bucket)
                    touched = _apply_changes(session, answer.buckets)
                    for page in answer.buckets:
                        set_state(session, CURSOR_PREFIX + page.bucket, str(page.next_cursor))
                        # Kept even when 0: a server restored from a backup may have a lower horizon than before.
                        set_state(session, refetch.HORIZON_PREFIX + page.bucket, str(page.horizon))
                        if page.bucket in refetching and not page.has_more:  # the new download is complete
                            for name, ids in refetch.finish(session, page.bucket).items():
                                touched[name] |= ids
                    self._receive_clock(session, changes)
                    if touched and self.db.is_sqlite:
                        if sum(map(len, touched.values())) > REINDEX_ALL_ABOVE:
                            search_index.rebuild(session.connection())
                        else:
                            search_index.refresh(session.connection(), touched)
            finally:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()
        return len(changes), dropped + sum(map(len, touched.values()))

    def _receive_clock(self, session: Session, changes: list[RowChange]) -> None:
        """Later local edits must sort after everything pulled (they were made on top of it)."""
        stamps = [c.row["hlc"] for c in changes if c.row] + [
            s for c in changes if c.row and c.row.get("field_hlc") for s in c.row["field_hlc"].values()]
        if not stamps:
            return
        state = dict(session.execute(select(SyncState.key, SyncState.value)).all())
        clock = HybridClock(state[NODE_KEY], state.get(CLOCK_KEY))
        clock.receive(max(stamps))
        set_state(session, CLOCK_KEY, clock.last)

    # -- state -----------------------------------------------------------------------------------

    def _device_id(self) -> str:
        with self.db.session() as session:
            node = session.get(SyncState, NODE_KEY)
            if node is None:
                node = SyncState(key=NODE_KEY, value=secrets.token_hex(NODE_LEN // 2))
                session.add(node)
            return node.value

    def _epoch(self) -> str | None:
        with self.db.session() as session:
            row = session.get(SyncState, EPOCH_STATE)
            return row.value if row else None

    def _numbers(self, prefix: str) -> dict[str, int]:
        """Per bucket, the number kept under ``prefix``: cursors, horizons."""
        with self.db.session() as session:
            rows = session.execute(select(SyncState.key, SyncState.value)
                                   .where(SyncState.key.startswith(prefix))).all()
        return {k.removeprefix(prefix): int(v) for k, v in rows}

    def _adopt_epoch(self, epoch: str) -> bool:
        """A server restored from backup (new epoch) may lack what was sent: send everything again, then
        download everything again."""
        with self.db.session() as session:
            known = session.get(SyncState, EPOCH_STATE)
            changed = known is not None and known.value != epoch
            if changed:
                session.execute(update(OutboxEntry).where(OutboxEntry.status == "sent").values(status="pending"))
                session.execute(delete(SyncState).where(SyncState.key.startswith(CURSOR_PREFIX)))
            set_state(session, EPOCH_STATE, epoch)
        return changed

    # -- HTTP ------------------------------------------------------------------------------------

    def _post(self, path: str, body: dict[str, Any], *, auth: bool = True) -> dict[str, Any]:
        return self._answer(lambda headers: self.http.post(path, json=body, headers=headers), auth)

    def _get(self, path: str, params: dict[str, Any]) -> dict[str, Any]:
        return self._answer(lambda headers: self.http.get(path, params=params, headers=headers), True)

    def request(self, method: str, path: str, *, ok: Container[int] = (), stream: bool = False,
                headers: dict[str, str] | None = None, content: Any = None) -> httpx.Response:
        """An authenticated request besides push and pull (blobs), signing in first when needed and once
        more when the token expired. Answers of 400 and above raise SyncError unless listed in ``ok``;
        with ``stream`` the caller reads the body and closes the response."""
        if self.token is None:
            self.login()

        def send(auth: dict[str, str]) -> httpx.Response:
            built = self.http.build_request(method, path, headers={**auth, **(headers or {})}, content=content)
            return self.http.send(built, stream=stream)

        try:
            return self._checked(send, True, ok)
        except SyncError as exc:
            if exc.code != "token_expired":
                raise
            self.login()
            return self._checked(send, True, ok)

    def _checked(self, send: Callable[[dict[str, str]], httpx.Response], auth: bool,
                 ok: Container[int] = ()) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token}"} if auth and self.token else {}
        try:
            response = send(headers)
        except httpx.TransportError as exc:
            raise offline(exc) from exc
        if response.status_code >= 400 and response.status_code not in ok:
            raise refusal(response)
        return response

    def _answer(self, send: Callable[[dict[str, str]], httpx.Response], auth: bool) -> dict[str, Any]:
        response = self._checked(send, auth)
        try:
            return response.json()  # type: ignore[no-any-return]
        except ValueError as exc:
            raise SyncError("同步服务器的回答不完整，请稍后重试；本机数据不受影响。", "truncated") from exc


# Core statements on the outbox: a push reads and settles up to 500 entries a batch, and ORM objects for
# them cost more than the queries.
_OUTBOX: Table = OutboxEntry.__table__  # type: ignore[assignment]
_PENDING = (select(*(_OUTBOX.c[name] for name in ("device_seq", "table_name", "row_id", "kind", "hlc", "fields",
                                                   "base")))
            .where(_OUTBOX.c.status == "pending").order_by(_OUTBOX.c.device_seq))
_SETTLE = (update(_OUTBOX).where(_OUTBOX.c.device_seq == bindparam("b_seq"))
           .values(status=bindparam("status"), reason=bindparam("reason")))


def _build_ops(session: Session, entries: Iterable[Row[Any]]) -> tuple[list[Op], list[Row[Any]]]:
    """The ops of outbox entries: a patch as queued, an insert with its row as it is now; entries whose row is
    gone are returned apart."""
    entries = list(entries)
    full_rows: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    wanted: dict[str, list[str]] = defaultdict(list)
    for e in entries:
        if e.fields is None:
            wanted[e.table_name].append(e.row_id)
    for name, ids in wanted.items():
        table = table_of(name)
        for start in range(0, len(ids), 900):
            for row in session.execute(select(table).where(table.c.id.in_(ids[start:start + 900]))).mappings():
                full_rows[name][row["id"]] = row_to_wire(row)
    members = _member_hints(session, full_rows.get("households", {}))
    ops, missing = [], []
    for e in entries:
        if e.fields is not None:
            ops.append(Op(device_seq=e.device_seq, table=e.table_name, row_id=e.row_id, kind=e.kind,  # type: ignore[arg-type]
                          hlc=e.hlc, fields=e.fields, base=e.base))
            continue
        row = full_rows[e.table_name].get(e.row_id)
        if row is None:
            missing.append(e)
            continue
        stamps = row.pop("field_hlc") or {}
        fields = {k: v for k, v in row.items() if k not in ("id", "hlc", "server_seq")}
        member = members.get(e.row_id) if e.table_name == "households" else None
        hints = {MEMBER_HINT: member} if member else None
        ops.append(Op(device_seq=e.device_seq, table=e.table_name, row_id=e.row_id, kind=e.kind,  # type: ignore[arg-type]
                      hlc=row["hlc"], fields=fields, stamps=stamps, hints=hints))
    return ops, missing


_PENDING_INSERTS = _PENDING.where(_OUTBOX.c.kind == "insert")


def _parents_first(session: Session, ops: list[Op]) -> list[Op]:
    """``ops`` with the pending insert of every row an insert points at placed before it.

    An insert goes with its row as it is now, in the place its entry has in the outbox; a reference changed
    since (its stamp is not the row's) may name a row made later, whose insert comes later: a person a second
    import moved, before the first sync, into a household and a grid that import made. The server, keeping
    its foreign keys and its grids, refused that person, and with them their memberships and tags. Those
    later inserts (and the ones they point at in turn) go first now; their own entries are then sent.
    The outbox is read once per table and level of parents for the whole batch (it has no index by row)."""
    refs = {op.device_seq: _refs(op, changed_only=True) for op in ops if op.kind == "insert"}
    earliest = min(refs, default=0)
    parents: dict[tuple[str, str], Op] = {}  # the pending inserts found, as ops
    parent_refs: dict[tuple[str, str], list[tuple[str, str]]] = {}
    wanted = {ref for found in refs.values() for ref in found}
    looked: set[tuple[str, str]] = set()  # each row is looked for once
    while wanted:
        looked |= wanted
        by_table: dict[str, list[str]] = defaultdict(list)
        for table, row_id in wanted:
            by_table[table].append(row_id)
        later: list[Row[Any]] = []
        for table, ids in by_table.items():
            for start in range(0, len(ids), 900):
                later += session.execute(_PENDING_INSERTS.where(
                    _OUTBOX.c.table_name == table, _OUTBOX.c.row_id.in_(ids[start:start + 900]),
                    _OUTBOX.c.device_seq > earliest)).all()
        wanted = set()
        for parent in _build_ops(session, later)[0]:
            key = (parent.table, parent.row_id)
            parents[key] = parent
            parent_refs[key] = _refs(parent, changed_only=False)
            wanted.update(ref for ref in parent_refs[key] if ref not in looked)
    if not parents:
        return ops
    pulled: set[int] = set()
    out: list[Op] = []

    def place(key: tuple[str, str], turn: int) -> None:
        parent = parents.get(key)
        if parent is None or parent.device_seq <= turn or parent.device_seq in pulled:
            return
        pulled.add(parent.device_seq)
        for ref in parent_refs[key]:
            place(ref, turn)
        out.append(parent)

    for op in ops:
        if op.device_seq in pulled:
            continue
        for ref in refs.get(op.device_seq, ()):
            place(ref, op.device_seq)
        out.append(op)
    return out


def _refs(op: Op, *, changed_only: bool) -> list[tuple[str, str]]:
    """(table, id) of the rows an insert points at (only through references changed since the row was
    made, when ``changed_only``)."""
    stamps = op.stamps or {}
    return [(target, value) for column, target in pointers().get(op.table, {}).items()
            if isinstance(value := op.fields.get(column), str)
            and not (changed_only and stamps.get(column, op.hlc) == op.hlc)]


def _member_hints(session: Session, households: dict[str, dict[str, Any]]) -> dict[str, str]:
    """The ID numbers of the people of these households (the head's first), comma-separated, by household id:
    the server finds a household it has already by its house and one of them (rows.MEMBER_KEYS)."""
    people, memberships, homes = table_of("people"), table_of("memberships"), table_of("households")
    numbers: dict[str, list[str]] = defaultdict(list)
    ids = sorted(households)
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        heads = (select(people.c.id_number, literal(0).label("rank"), homes.c.id.label("hid"))
                 .join(homes, homes.c.head_person_id == people.c.id).where(homes.c.id.in_(chunk)))
        members = (select(people.c.id_number, literal(1).label("rank"), memberships.c.household_id.label("hid"))
                   .join(memberships, memberships.c.person_id == people.c.id)
                   .where(memberships.c.household_id.in_(chunk), memberships.c.left_on.is_(None),
                          memberships.c.deleted.is_(False)))
        for number, _rank, hid in session.execute(heads.union_all(members).order_by("hid", "rank", "id_number")):
            if number and number not in numbers[hid] and len(numbers[hid]) < MAX_HINTED_MEMBERS:
                numbers[hid].append(number)
    return {hid: ",".join(found) for hid, found in numbers.items()}


# --- applying rows --------------------------------------------------------------------------------

def _pending_fields(session: Session, keys: set[tuple[str, str]]) -> dict[tuple[str, str], set[str] | None]:
    """Fields with a pending local edit per row (None: the whole row is a pending insert)."""
    out: dict[tuple[str, str], set[str] | None] = {}
    if not keys:
        return out
    ids = list({row_id for _t, row_id in keys})
    for start in range(0, len(ids), 900):
        for e in session.execute(select(OutboxEntry).where(OutboxEntry.status == "pending",
                                                           OutboxEntry.row_id.in_(ids[start:start + 900]))).scalars():
            key = (e.table_name, e.row_id)
            if key not in keys:
                continue
            if e.fields is None:
                out[key] = None
            elif out.get(key, set()) is not None:
                out.setdefault(key, set()).update(e.fields)  # type: ignore[union-attr]
    return out


def _apply_changes(session: Session, pages: list[BucketPage]) -> dict[str, set[str]]:
    """Upsert or remove the pulled rows; returns the ids of rows whose content changed, by table (an echo of
    this desktop's own upload carries the stamps the row has already: it only gets its server_seq)."""
    changes = sorted(((page.bucket, c) for page in pages for c in page.changes),
                     key=lambda item: TABLE_ORDER.get(item[1].table, len(TABLE_ORDER)))
    pending = _pending_fields(session, {(c.table, c.id) for _bucket, c in changes})
    touched: dict[str, set[str]] = defaultdict(set)
    by_table: dict[str, list[tuple[str, RowChange]]] = defaultdict(list)
    for bucket, change in changes:
        by_table[change.table].append((bucket, change))
    for name, group in by_table.items():
        table = table_of(name)
        ids = [c.id for _bucket, c in group]
        local: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), 900):
            for row in session.execute(select(table.c.id, table.c.hlc, table.c.field_hlc)
                                       .where(table.c.id.in_(ids[start:start + 900]))).mappings():
                local[row["id"]] = dict(row)
        left_out = _make_room(session, table, group, local, touched[name])
        fresh = []
        for bucket, change in group:
            if change.id in left_out:
                continue
            if change.gone:
                # The row left this bucket, maybe for another one this desktop also reads, whose copy may
                # have been applied already: it is removed only while it is still in this bucket.
                if session.execute(delete(table).where(table.c.id == change.id, in_bucket(table, bucket))).rowcount:
                    local.pop(change.id, None)
                    touched[name].add(change.id)
                continue
            values = from_wire(table, change.row or {})
            mine = pending.get((name, change.id), set())
            if mine is None:  # not yet pushed: the local row stays as it is
                continue
            if change.id not in local:
                fresh.append(values)
                touched[name].add(change.id)
                continue
            if not _same_stamps(local[change.id], values):
                touched[name].add(change.id)
            if mine:
                stamps = dict(values.get("field_hlc") or {})
                own = local[change.id]["field_hlc"] or {}
                stamps.update({f: own.get(f, local[change.id]["hlc"]) for f in mine})
                values = {k: v for k, v in values.items() if k not in mine} | {"field_hlc": stamps}
            session.execute(update(table).where(table.c.id == change.id).values(**values))
        if fresh:
            session.execute(insert(table), fresh)
    return touched


def _make_room(session: Session, table: Table, group: list[tuple[str, RowChange]],
               local: dict[str, dict[str, Any]], touched: set[str]) -> set[str]:
    """Pulled rows whose natural key (an ID number) another live local row still holds; returns the pulled
    rows to leave out. A local row not pushed yet keeps the number: its push is merged into the pulled row,
    which the server then sends back. A local row whose insert the server refused becomes the pulled row
    (_adopt_refused). Any other holder is stale (its deletion or new number is still on the way, in a later
    page or bucket) and makes room: its own change brings it back."""
    key = NATURAL_KEYS.get(table.name)
    if key is None:
        return set()
    incoming = {c.row[key]: c.id for _bucket, c in group if c.row and c.row.get(key) and not c.row.get("deleted")}
    holders: list[tuple[str, Any]] = []
    values = list(incoming)
    for start in range(0, len(values), 900):
        holders += [(i, v) for i, v in session.execute(
            select(table.c.id, table.c[key]).where(table.c[key].in_(values[start:start + 900]),
                                                   table.c.deleted == false())) if incoming[v] != i]
    unpushed = _pending_fields(session, {(table.name, i) for i, _v in holders})
    refused = _refused_inserts(session, table.name, [i for i, _v in holders])
    left_out = set()
    adopted: dict[str, str] = {}
    for holder, value in holders:
        if unpushed.get((table.name, holder), set()) is None:
            left_out.add(incoming[value])
        elif holder in refused:
            adopted[holder] = incoming[value]
        else:
            session.execute(delete(table).where(table.c.id == holder))
            local.pop(holder, None)
            touched.add(holder)
    if adopted:
        _adopt_refused(session, table, adopted, local, touched)
    return left_out


def _refused_inserts(session: Session, table_name: str, ids: list[str]) -> set[str]:
    """The rows among ``ids`` whose insert the server refused: they were never on the server."""
    found: set[str] = set()
    for start in range(0, len(ids), 900):
        found.update(session.execute(select(_OUTBOX.c.row_id).where(
            _OUTBOX.c.table_name == table_name, _OUTBOX.c.row_id.in_(ids[start:start + 900]),
            _OUTBOX.c.kind == "insert", _OUTBOX.c.status == "rejected")).scalars())
    return found


def _adopt_refused(session: Session, table: Table, adopted: dict[str, str], local: dict[str, dict[str, Any]],
                   touched: set[str]) -> None:
    """Local rows the server refused (a tag type a grid worker may not create, a person registered in another
    grid) whose natural key a pulled row now holds: they are that row (old id -> pulled id). Instead of
    being removed, which would leave what points at them dangling, they take its id, everything local
    follows, and the pulled row is applied over them. Their refused inserts are settled as a merge on the
    server would settle them: renamed with the row, sent, with a note of what happened."""
    remap_local(session, table.name, adopted)
    new_ids = list(adopted.values())
    session.execute(update(_OUTBOX).where(_OUTBOX.c.table_name == table.name, _OUTBOX.c.row_id.in_(new_ids),
                                          _OUTBOX.c.kind == "insert", _OUTBOX.c.status == "rejected")
                    .values(status="sent", reason=ADOPTED_NOTE))
    for row in session.execute(select(table.c.id, table.c.hlc, table.c.field_hlc)
                               .where(table.c.id.in_(new_ids))).mappings():
        local[row["id"]] = dict(row)
    touched.update(adopted)
    touched.update(new_ids)


def _same_stamps(local: dict[str, Any], values: dict[str, Any]) -> bool:
    return local["hlc"] == values.get("hlc") and (local["field_hlc"] or {}) == (values.get("field_hlc") or {})


def _drop_bucket(session: Session, bucket: str) -> int:
    """Remove what a bucket that left the user's scope brought (a grid handed to someone else); returns how
    many rows. Rows typed here whose insert never reached the server stay: their values exist nowhere else
    (the push refuses them with a reason, and they can be resubmitted if the grid comes back)."""
    if bucket == SHARED_BUCKET:
        return 0
    removed = 0
    for model in reversed(SYNCED_MODELS):
        table = model.__table__  # type: ignore[attr-defined]
        removed += session.execute(delete(table).where(in_bucket(table, bucket),
                                                       ~refetch.typed_only_here(table))).rowcount
    return removed


def remap_local(session: Session, table_name: str, renamed: dict[str, str]) -> None:
    """The server merged our rows (old id -> new id) into rows it had (same ID number, or the same place:
    sync.rows.PLACE_KEYS): one row here too, every local reference (a grid's: every row's grid_id) and
    queued change following it. A statement per column for all of them: a big first sync merges thousands."""
    session.connection().exec_driver_sql("PRAGMA defer_foreign_keys=ON")
    table = table_of(table_name)
    olds = list(renamed)
    for start in range(0, len(olds), 300):  # 300 ids: 900 bound values in a CASE and its IN list
        part = {old: renamed[old] for old in olds[start:start + 300]}
        for child, columns in pointers().items():
            for column, target in columns.items():
                if target == table_name:
                    col = table_of(child).c[column]
                    session.execute(update(col.table).where(col.in_(part)).values({column: case(part, value=col)}))
        taken = set(session.execute(select(table.c.id).where(table.c.id.in_(set(part.values())))).scalars())
        doubles = []  # ours where the server's row is here already (or another of ours takes its id)
        for old, new in part.items():
            if new in taken:
                doubles.append(old)
            taken.add(new)
        if doubles:
            session.execute(delete(table).where(table.c.id.in_(doubles)))
        moving = {old: new for old, new in part.items() if old not in doubles}
        if moving:  # (an empty CASE is not SQL)
            session.execute(update(table).where(table.c.id.in_(moving)).values(id=case(moving, value=table.c.id)))
        session.execute(update(OutboxEntry).where(OutboxEntry.table_name == table_name, OutboxEntry.row_id.in_(part))
                        .values(row_id=case(part, value=OutboxEntry.row_id)))
        # an import's undo reverts its changes by row id (what it created and was merged existed before it)
        session.execute(update(ImportChange).where(ImportChange.table_name == table_name, ImportChange.row_id.in_(part))
                        .values(row_id=case(part, value=ImportChange.row_id)))
    if table_name == "org_nodes":  # the grids of this desktop's users
        for user in session.scalars(select(User).where(User.grid_ids.is_not(None))):
            if set(user.grid_ids or ()) & set(renamed):
                user.grid_ids = [renamed.get(grid, grid) for grid in user.grid_ids or ()]
    if session.connection().dialect.name == "sqlite" and table_name in search_index.INDEXED_TABLES:
        search_index.refresh(session.connection(), {table_name: set(renamed) | set(renamed.values())})
