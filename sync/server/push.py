"""Applying a push on the server (DESIGN section 5): dedupe, authorise, merge per field, log conflicts.

One push is one transaction, serialised with every other push (an advisory lock on PostgreSQL, a
process lock on SQLite), and change numbers are taken inside that lock: a change can only become
visible after every change numbered below it, so a pull's cursor never skips one.

Speed: the rows a push touches are read in one query per table, and runs of ops whose merge needs
nothing but those rows are written in bulk at the end of the run (sync/server/writes.py). Ops that
must see the database as earlier ops left it (the org tree, a possible duplicate by ID number) end
the run and are applied one by one in their own savepoint. When a run's bulk write fails (a broken
reference, say), the run is rolled back and applied again op by op, so only the bad op is rejected.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from app.domain import workflow as wf
from app.domain.tags import DEFAULT_TAGS
from app.store.models import MODEL_BY_TABLE, CaseEvent
from app.store.writes import to_wire
from sync.protocol import Op, OpResult
from sync.rows import (
    MAX_HINTED_MEMBERS,
    MEMBER_HINT,
    MEMBER_KEYS,
    NATURAL_KEYS,
    PLACE_KEYS,
    SYSTEM_COLUMNS,
    bucket_of,
    from_wire,
    pointers,
    table_of,
)
from sync.server.models import AppliedOp, Change, IdAlias, ServerMeta
from sync.server.scope import Scope
from sync.server.writes import CHUNK, Deferred, Immediate, insert_many

TWIN_KEYS = {**PLACE_KEYS, **MEMBER_KEYS}  # a new row under a row others were merged into may have a twin there
ALIASED = frozenset(NATURAL_KEYS) | frozenset(TWIN_KEYS)  # tables whose rows may become aliases of others
TWIN_PARENTS = {table: pointers()[table][keys[0]] for table, keys in TWIN_KEYS.items()}
PUSH_LOCK_KEY = 0x6772_6964  # "grid": the advisory lock every push takes on PostgreSQL
SQLITE_PUSH_LOCK = threading.Lock()
APPLIED = AppliedOp.__table__


NUL_REASON = "数据中含有无法保存的不可见字符（NUL），服务器拒绝了这条修改，请检查后重新录入。"


_BUILT_IN_TAGS: dict[str, dict[str, Any]] = {
    tag.code: {"name": tag.name, "category": tag.category, "visit_every_days": tag.visit_every_days,
               "sort_order": order} for order, tag in enumerate(DEFAULT_TAGS)}
"""A default tag type as every desktop creates it: such a value of a duplicate tag type was never typed by
anyone, so the server's differing value (the secretary set 独居老人 to every 3 days) is no conflict."""
_NOTHING = object()
_NOT_COMPARED: dict[str, frozenset[str]] = {"memberships": frozenset({"joined_on", "reason", "relation"}),
                                            "households": frozenset({"head_person_id"})}
"""Fields of a twin (_take_twin) whose difference is not logged: when and how a membership came to be on its
desktop (an import sets the day it ran and 台账导入), not facts about the household, and its relation, which
the person's own relation repeats (a membership's twin is always a merged person's, whose differences are
logged with the person); a household's head, which
the desktop may send as its own person's id before that person's insert makes it an alias of the server's
(the twin was found through its people; _repoint_heads settles the head)."""


class Rejected(Exception):
    """An op the server refuses; the message (Chinese) goes back to the device and its user."""


class NeedsDatabase(Exception):
    """A deferred op that must read what the ops before it wrote: end the run, apply it on its own."""


class Sequencer:
    """Change numbers for one push, taken while the push lock is held."""

    def __init__(self, session: Session):
        self.session = session
        self.pg = session.connection().dialect.name == "postgresql"
        if self.pg:
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PUSH_LOCK_KEY})
            self.next = int(session.execute(text("SELECT nextval('sync_change_seq')")).scalar_one())
        else:
            top = session.execute(select(func.max(Change.seq))).scalar_one()
            self.next = (top or 0) + 1
        self.used = False

    def take(self) -> int:
        self.used = True
        value, self.next = self.next, self.next + 1
        return value

    def finish(self) -> None:
        if self.pg and self.used:
            self.session.execute(text("SELECT setval('sync_change_seq', :v)"), {"v": self.next - 1})


class Pusher:
    def __init__(self, session: Session, scope: Scope, device_id: str):
        self.session = session
        self.scope = scope
        self.device_id = device_id
        self.now = datetime.now()
        self.seq = Sequencer(session)
        self.aliases: dict[tuple[str, str], str] = {}
        self.targets: set[tuple[str, str]] = set()  # rows another row was merged into (TWIN_KEYS' parents)
        self.out: Immediate = Immediate(session)
        self.rows: dict[tuple[str, str], dict[str, Any] | None] = {}  # server rows as the run left them
        self.twins: set[tuple[str, Any]] = set()  # natural-key values a deferred insert must not reuse
        # live rows under merge targets, by (table, parent id), read for a deferred run (see _prefetch_twins)
        self.under: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.refolds: dict[str, list[tuple[str, int]]] = {}  # case -> (event, device_seq) of the run

    # -- entry -----------------------------------------------------------------------------------

    def push(self, sent: list[Op]) -> list[OpResult]:
        unstorable = {op.device_seq: OpResult(device_seq=op.device_seq, status="rejected", reason=NUL_REASON)
                      for op in sent if _holds_nul(op)}
        ops = [op for op in sent if op.device_seq not in unstorable]
        seqs = {op.device_seq for op in ops}
        applied = APPLIED.c
        low, high = min(seqs, default=0), max(seqs, default=0)
        # A batch's sequence numbers are (nearly) consecutive: a range read is cheaper than a 500-value IN list.
        wanted = applied.device_seq.between(low, high) if high - low < 2 * len(seqs) else applied.device_seq.in_(seqs)
        done = {s: OpResult(**r) for s, r in self.session.execute(
            select(applied.device_seq, applied.result).where(applied.device_id == self.device_id, wanted))
            if s in seqs}
        fresh: dict[int, OpResult] = {}
        self._load_aliases(ops)
        for op in ops:
            if op.device_seq in done:  # answered before, but the desktop never heard it, and may have pulled
                self._send_back_op(op)  # the row meanwhile and kept its own copy while the op was pending
        run: list[Op] = []
        savepoint: Any = None  # the open deferred run's savepoint
        stale = True
        for i, op in enumerate(ops):
            if op.device_seq in done or op.device_seq in fresh:
                continue
            if stale:
                self._prefetch(ops[i:])
                stale = False
            if op.table != "org_nodes":
                if savepoint is None:
                    self.out = Deferred(self.session)
                    savepoint = self.session.begin_nested()
                    merged_before = dict(self.aliases), set(self.targets)  # a refused run's merges are undone
                try:
                    fresh[op.device_seq] = self._attempt(op)
                    run.append(op)
                    continue
                except NeedsDatabase:
                    pass
            if savepoint is not None:
                self._close_run(savepoint, run, fresh, merged_before)
                run, savepoint = [], None
            fresh[op.device_seq] = self._one(op)
            self.rows.clear()
            stale = True
        if savepoint is not None:
            self._close_run(savepoint, run, fresh, merged_before)
        insert_many(self.session, APPLIED, [{"device_id": self.device_id, "device_seq": s, "result": r.model_dump()}
                                            for s, r in fresh.items()])
        self.seq.finish()
        return [done.get(op.device_seq) or unstorable.get(op.device_seq) or fresh[op.device_seq] for op in sent]

    def _attempt(self, op: Op) -> OpResult:
        """One op of a deferred run: its writes are held, a refusal writes nothing."""
        try:
            status, merged_into, conflicts = self._apply(op)
            return OpResult(device_seq=op.device_seq, status=status, merged_into=merged_into, conflicts=conflicts)
        except Rejected as exc:
            self._send_back_op(op)
            return OpResult(device_seq=op.device_seq, status="rejected", reason=str(exc))
        except (ValueError, TypeError) as exc:
            self._send_back_op(op)
            return _unusable(op, exc)

    def _close_run(self, savepoint: Any, run: list[Op], fresh: dict[int, OpResult],
                   merged_before: tuple[dict[tuple[str, str], str], set[tuple[str, str]]]) -> None:
        """Write the run in bulk; if the database refuses it, roll it back (with the merges it made) and apply
        it op by op."""
        deferred, self.out = self.out, Immediate(self.session)
        refolds, self.refolds = self.refolds, {}
        try:
            deferred.flush()
            for case_id, events in refolds.items():
                flagged = self._refold(case_id, {e for e, _s in events})
                for event_id, device_seq in events:
                    fresh[device_seq].conflicts += flagged.get(event_id, 0)
            savepoint.commit()
        except (IntegrityError, DBAPIError):
            savepoint.rollback()
            self.rows.clear()
            self.aliases, self.targets = merged_before
            for op in run:
                fresh[op.device_seq] = self._one(op)

    def _one(self, op: Op) -> OpResult:
        savepoint = self.session.begin_nested()
        try:
            status, merged_into, conflicts = self._apply(op)
            savepoint.commit()
            return OpResult(device_seq=op.device_seq, status=status, merged_into=merged_into, conflicts=conflicts)
        except Rejected as exc:
            savepoint.rollback()
            self._send_back_op(op)
            return OpResult(device_seq=op.device_seq, status="rejected", reason=str(exc))
        except (IntegrityError, DBAPIError, ValueError, TypeError) as exc:
            savepoint.rollback()
            self._send_back_op(op)
            return _unusable(op, exc)

    @property
    def deferring(self) -> bool:
        return isinstance(self.out, Deferred)

    def _prefetch(self, ops: list[Op]) -> None:
        """The rows these ops touch (None: not on the server) and the natural-key values already taken."""
        wanted: dict[str, set[str]] = {}
        keys: dict[str, set[Any]] = {}
        for op in ops:
            if op.table not in MODEL_BY_TABLE:
                continue
            wanted.setdefault(op.table, set()).add(self.aliases.get((op.table, op.row_id), op.row_id))
            key = NATURAL_KEYS.get(op.table)
            if key and op.fields.get(key):
                keys.setdefault(op.table, set()).add(op.fields[key])
        self.rows.clear()
        self.twins.clear()
        self._prefetch_twins(ops)
        for name, ids in wanted.items():
            table = table_of(name)
            self.rows.update(dict.fromkeys(((name, i) for i in ids), None))
            for chunk in _chunks(ids):
                for row in self.session.execute(select(table).where(table.c.id.in_(chunk))).mappings():
                    self.rows[(name, row["id"])] = dict(row)
        for name, values in keys.items():
            column = table_of(name).c[NATURAL_KEYS[name]]
            for chunk in _chunks(values):
                self.twins.update((name, v) for v in self.session.execute(
                    select(column).where(column.in_(chunk), table_of(name).c.deleted.is_(False))).scalars())

    def _prefetch_twins(self, ops: list[Op]) -> None:
        """The live rows under the merge targets these ops' new rows hang under (a second desktop's import of the
        same ledger: thousands of memberships of merged people), so that a deferred run finds their twins
        without the database; a household's twin needs its people's ID numbers and is looked up alone."""
        self.under.clear()
        parents: dict[str, set[str]] = defaultdict(set)
        for op in ops:
            keys = TWIN_KEYS.get(op.table)
            if not keys or op.kind != "insert" or op.table in ("households", "org_nodes"):
                continue
            parent_table = TWIN_PARENTS[op.table]
            value = op.fields.get(keys[0])
            value = self.aliases.get((parent_table, value), value) if isinstance(value, str) else None
            if value is not None and (parent_table, value) in self.targets:
                parents[op.table].add(value)
        for name, ids in parents.items():
            table, column = table_of(name), TWIN_KEYS[name][0]
            for value in ids:
                self.under[(name, value)] = []
            for chunk in _chunks(ids):
                for row in self.session.execute(select(table).where(table.c[column].in_(chunk),
                                                                    table.c.deleted.is_(False))).mappings():
                    self.under[(name, row[column])].append(dict(row))

    def _existing(self, table: str, row_id: str) -> dict[str, Any] | None:
        if self.deferring and (table, row_id) in self.rows:
            return self.rows[(table, row_id)]
        t = table_of(table)
        found = self.session.execute(select(t).where(t.c.id == row_id)).mappings().first()
        row = dict(found) if found else None
        if self.deferring:
            self.rows[(table, row_id)] = row
        return row

    # -- ids of merged duplicates ----------------------------------------------------------------

    def _load_aliases(self, ops: list[Op]) -> None:
        """The aliases the ops may name, and which of the rows their new rows hang under are rows that others
        were merged into (only there can a new row have a twin, see TWIN_KEYS). Only tables that have aliases
        at all are asked about (few do: a 500-op batch's ids in one IN list were a fifth of a push on
        PostgreSQL), each by its key (table, id)."""
        aliased = ALIASED & set(self.session.execute(select(IdAlias.table_name).distinct()).scalars())
        if not aliased:
            return
        refs = pointers()
        wanted: dict[str, set[str]] = defaultdict(set)
        parents: dict[str, set[str]] = defaultdict(set)
        for op in ops:
            if op.table in aliased:
                wanted[op.table].add(op.row_id)
            for column, target in refs.get(op.table, {}).items():
                if target in aliased and isinstance(op.fields.get(column), str):
                    wanted[target].add(op.fields[column])
            keys = TWIN_KEYS.get(op.table)
            if keys and op.kind == "insert" and isinstance(op.fields.get(keys[0]), str):
                parents[TWIN_PARENTS[op.table]].add(op.fields[keys[0]])
        alias = IdAlias.__table__.c
        for table, ids in wanted.items():
            for chunk in _chunks(ids):
                self.aliases.update(((table, old), new) for old, new in self.session.execute(
                    select(alias.old_id, alias.new_id).where(alias.table_name == table, alias.old_id.in_(chunk))))
        for (table, _old), new in self.aliases.items():
            parents[table].add(new)
        for table, ids in parents.items():
            if table in aliased:
                for chunk in _chunks(ids):
                    self.targets.update((table, new) for new in self.session.execute(
                        select(alias.new_id).where(alias.table_name == table, alias.new_id.in_(chunk))).scalars())

    def _resolve(self, op: Op) -> tuple[str, dict[str, Any]]:
        row_id = self.aliases.get((op.table, op.row_id), op.row_id)
        fields = dict(op.fields)
        for column, target in pointers().get(op.table, {}).items():
            value = fields.get(column)
            if isinstance(value, str) and (target, value) in self.aliases:
                fields[column] = self.aliases[(target, value)]
        return row_id, fields

    # -- one op ----------------------------------------------------------------------------------

    def _apply(self, op: Op) -> tuple[str, str | None, int]:
        try:
            table = table_of(op.table)
        except KeyError:
            raise Rejected(f"未知的数据表：{op.table}") from None
        row_id, raw = self._resolve(op)
        values = from_wire(table, {k: v for k, v in raw.items() if k not in SYSTEM_COLUMNS and k != "id"})
        sets_state = op.table == "cases" and op.kind not in ("insert", "event") and "state" in values
        if sets_state:
            del values["state"]  # a case's state is the fold of its events, never last-writer-wins
        existing = self._existing(op.table, row_id)
        if op.kind in ("insert", "event") and existing is None:
            return self._insert(op, row_id, values)
        if existing is None:
            raise Rejected("服务器上没有这条记录（它可能早已被他人删除，或它的新增被拒绝了），此修改无法生效。")
        stamps = ({k: (op.stamps or {}).get(k, op.hlc) for k in values} if op.kind in ("insert", "event")
                  else dict.fromkeys(values, op.hlc))
        base = op.base if op.kind in ("patch", "delete") else None
        merged = self._merge(op, existing, values, stamps, base)
        if sets_state:  # the desktop stamped a state of its own: it gets the fold back
            self._send_back(op.table, existing)
        return merged

    def _insert(self, op: Op, row_id: str, values: dict[str, Any]) -> tuple[str, str | None, int]:
        twin = self._known_twin(op.table, row_id, values, op.hints or {})
        if twin is not None:
            return self._take_twin(op, row_id, values, twin)
        row = {**values, "id": row_id}
        bucket = bucket_of(op.table, row)
        creates_org = op.table == "org_nodes" and self.scope.may_create_org(row, row_id)
        if not self.scope.can_write(bucket) and not (creates_org or (values.get("deleted") and self._gone(bucket))):
            raise Rejected(_outside(self.scope))
        if op.table == "case_events":
            self._check_step(values)
        key = NATURAL_KEYS.get(op.table)
        if key and values.get(key) and not values.get("deleted"):
            if self.deferring:
                if (op.table, values[key]) in self.twins:
                    raise NeedsDatabase
                self.twins.add((op.table, values[key]))
                return self._write_insert(op, row_id, row, bucket)
            table = table_of(op.table)
            twin = self.session.execute(select(table).where(table.c[key] == values[key], table.c.deleted.is_(False))
                                        ).mappings().first()
            if twin is not None:
                return self._merge_duplicate(op, row_id, values, dict(twin))
        return self._write_insert(op, row_id, row, bucket)

    def _gone(self, bucket: str) -> bool:
        """The bucket is a grid deleted on the server. A row created and deleted on a desktop before it was
        ever sent may lie in a grid that went the same way (an undone import that had made the grid): its
        tombstone is kept there, where nobody reads, instead of being refused (and its delete op then
        deletes what is deleted)."""
        return bool(self.session.execute(text("SELECT deleted FROM org_nodes WHERE id = :id"), {"id": bucket}
                                         ).scalar())

    def _check_step(self, event: dict[str, Any]) -> None:
        """A grid worker's desktop may only record the steps a grid worker may take (the role comes from
        the server's user table, never from the event). A secretary's desktop fills the server with
        the community's whole history, every role's steps included, so it is not limited here."""
        if self.scope.is_secretary:
            return
        action = str(event.get("action"))
        step = wf.transition(event.get("from_state"), action)
        if step is None or wf.GRID_WORKER not in step.roles:
            spec = wf.ACTIONS.get(action)
            who = "或".join(wf.ROLE_LABELS[r] for r in wf.ROLES if step and r in step.roles) or "社区书记"
            raise Rejected(f"网格员不能对“{wf.state_label(event.get('from_state'))}”的事件进行"
                           f"“{spec.label if spec else action}”，此操作由{who}办理，服务器拒绝了这一步。")

    def _write_insert(self, op: Op, row_id: str, row: dict[str, Any], bucket: str) -> tuple[str, str | None, int]:
        stamps = op.stamps or {}
        field_hlc = {k: v for k, v in stamps.items() if k in row and v != op.hlc} or None
        seq = self.seq.take()
        full = {**row, "hlc": op.hlc, "field_hlc": field_hlc, "server_seq": seq}
        self.out.insert_row(op.table, full)
        if self.deferring:
            self.rows[(op.table, row_id)] = {c.name: full.get(c.name, _default(c)) for c in table_of(op.table).c}
        self._changed(op.table, row_id, bucket, seq)
        conflicts = self._after(op.table, row, op.device_seq)
        return "applied", None, conflicts

    def _merge(self, op: Op, row: dict[str, Any], values: dict[str, Any], stamps: dict[str, str],
               base: dict[str, str] | None) -> tuple[str, str | None, int]:
        if row["deleted"] and values == {"deleted": True}:  # deleting what is deleted changes nothing (even where
            if stamps["deleted"] != (row["field_hlc"] or {}).get("deleted", row["hlc"]):  # a grid is gone), but a
                self._send_back(op.table, row)  # desktop that pulled the deletion meanwhile kept its own stamp
            return "applied", None, 0
        old_bucket = bucket_of(op.table, row)
        new_bucket = bucket_of(op.table, {**row, **values})
        if not (self.scope.can_write(old_bucket) and self.scope.can_write(new_bucket)):
            raise Rejected(_outside(self.scope))
        stored = dict(row["field_hlc"] or {})
        current = {k: stored.get(k, row["hlc"]) for k in values}
        conflicts = 0
        if row["deleted"] and values.get("deleted") is not False:
            for name, value in values.items():  # deletes win: the later edits are kept in the log only
                if name != "deleted" and value != row[name]:
                    conflicts += self._log("deleted", op, row, name, row[name], current[name], value, stamps[name],
                                           "记录已被删除，这项修改未生效。")
            if _differs(row, current, values, stamps):
                self._send_back(op.table, row)
            return ("merged" if conflicts else "applied"), None, conflicts
        changes: dict[str, Any] = {}
        for name, value in values.items():
            mine, theirs = stamps[name], current[name]
            if mine == theirs or (value == row[name] and mine < theirs):
                continue
            if name == "deleted" and value is True:
                changes[name] = True
                stored[name] = max(mine, theirs)
                for other, stamp in {k: stored.get(k, row["hlc"]) for k in row if k in stored}.items():
                    if other != "deleted" and stamp > mine:
                        conflicts += self._log("deleted", op, row, other, None, mine, row[other], stamp,
                                               "在删除之后作出的修改，因记录被删除而未生效。")
                continue
            if mine > theirs:
                concurrent = base is None or base.get(name) != theirs
                if concurrent and value != row[name]:
                    conflicts += self._log("concurrent", op, row, name, value, mine, row[name], theirs,
                                           "同时修改：时间较早的值未生效。")
                changes[name] = value
                stored[name] = mine
            elif value != row[name]:
                conflicts += self._log("concurrent", op, row, name, row[name], theirs, value, mine,
                                       "同时修改：时间较早的值未生效。")
        if changes:
            key = NATURAL_KEYS.get(op.table)
            if self.deferring and key and (key in changes or "deleted" in changes):
                self.twins.update({(op.table, row[key]), (op.table, changes.get(key, row[key]))})
            seq = self.seq.take()
            self.out.update_row(op.table, row["id"], {**changes, "field_hlc": stored, "server_seq": seq})
            if self.deferring:
                self.rows[(op.table, row["id"])] = {**row, **changes, "field_hlc": stored, "server_seq": seq}
            self._changed(op.table, row["id"], new_bucket, seq)
            if new_bucket != old_bucket:
                self._changed(op.table, row["id"], old_bucket, self.seq.take())
            conflicts += self._after(op.table, {**row, **changes}, op.device_seq)
        elif _differs(row, current, values, stamps):  # the edit lost: the desktop gets the winner back
            self._send_back(op.table, row)
        return ("merged" if conflicts else "applied"), None, conflicts

    def _merge_duplicate(self, op: Op, row_id: str, values: dict[str, Any], twin: dict[str, Any]
                         ) -> tuple[str, str | None, int]:
        """Same ID number (or tag code) created twice offline: one row, the duplicate's fields filled in
        where the first was empty and logged where they differ, its id an alias from now on. A duplicate
        that brings nothing new (the default tags of a desktop that imported before its first sync) is
        merged without a word: nothing was lost to review."""
        if not self.scope.can_write(bucket_of(op.table, twin)):
            raise Rejected("此身份证号的人员已登记在您范围之外的网格，请联系社区书记办理迁入。")
        fill = self._merge_into(op, row_id, values, twin)  # a person without a grid takes the duplicate's
        if op.table == "people":
            self._repoint_heads(row_id, twin["id"])
        built_in = _BUILT_IN_TAGS.get(values.get("code")) if op.table == "tag_types" else None
        lost = {name: value for name, value in values.items()
                if name not in fill and name not in ("deleted", "grid_id") and value != twin.get(name)
                and not (built_in and built_in.get(name, _NOTHING) == value)}
        if not (fill or lost):
            return "merged", twin["id"], 0
        note = f"两台电脑分别登记了同一{'人员' if op.table == 'people' else '标签'}，已合并为一条。"
        return "merged", twin["id"], self._log_merge(op, row_id, twin, lost, note)

    def _log_merge(self, op: Op, row_id: str, twin: dict[str, Any], lost: dict[str, Any], note: str) -> int:
        """The conflict log of a row merged into ``twin``: one entry for the merge, one per value not taken
        (the secretary can restore it from the review)."""
        conflicts = self._log("duplicate", op, twin, None, twin["id"], twin["hlc"], row_id, op.hlc, note)
        for name, value in lost.items():
            conflicts += self._log("duplicate", op, twin, name, twin.get(name), twin["hlc"], value, op.hlc,
                                   "合并重复记录时未采用的值。")
        return conflicts

    def _repoint_heads(self, old: str, new: str) -> None:
        """Households that name the merged duplicate as their head (sent before the person, and
        head_person_id has no foreign key to refuse it) name the person it became."""
        t = table_of("households")
        for row in self.session.execute(select(t).where(t.c.head_person_id == old)).mappings():
            seq = self.seq.take()
            self.out.update_row("households", row["id"], {"head_person_id": new, "server_seq": seq})
            self._changed("households", row["id"], bucket_of("households", dict(row)), seq)

    def _known_twin(self, table: str, row_id: str, values: dict[str, Any], hints: dict[str, str]
                    ) -> dict[str, Any] | None:
        """The live row of the user's scope that a new row made on a desktop before its first sync already is,
        if any: its community (by name), a place, household, membership or tag link under a row that others
        were merged into (TWIN_KEYS), or a tag type of the same code in a bucket the user may read but not
        write (a grid worker's default tags)."""
        t = table_of(table)
        keys = TWIN_KEYS.get(table)
        if values.get("deleted"):
            return None
        if table == "org_nodes" and values.get("level") == "community":
            if values.get("name") != self.scope.community or self.scope.community_id in (None, row_id):
                return None
            found = self.session.execute(select(t).where(t.c.id == self.scope.community_id)).mappings().first()
            candidates = [found] if found is not None else []
        elif keys is not None:
            if (TWIN_PARENTS[table], values.get(keys[0])) not in self.targets:
                return None  # a new row under a row the server gave: the desktop had its twin, if any
            extra = self._member_clauses(table, values, hints)
            if extra is None:
                return None
            under = self.under.get((table, values[keys[0]])) if self.deferring else None
            if under is not None:  # read for this run: the same test as the query below, in Python
                open_only = table == "memberships"
                candidates = sorted((r for r in under if all(r[k] == values.get(k) for k in keys)
                                     and r["id"] != row_id and not (open_only and r["left_on"] is not None)),
                                    key=lambda r: r["id"])
            elif self.deferring:
                raise NeedsDatabase
            else:
                candidates = list(self.session.execute(
                    select(t).where(*(t.c[k].is_(None) if values.get(k) is None else t.c[k] == values[k]
                                      for k in keys), *extra, t.c.deleted.is_(False), t.c.id != row_id)
                    .order_by(t.c.id)).mappings())
        elif table == "tag_types" and values.get("code"):
            if self.deferring:
                raise NeedsDatabase
            candidates = list(self.session.execute(
                select(t).where(t.c.code == values["code"], t.c.deleted.is_(False), t.c.id != row_id)).mappings())
            if any(self.scope.can_write(bucket_of(table, dict(c))) for c in candidates):
                return None  # merged as a duplicate (NATURAL_KEYS), with what differs logged
        else:
            return None
        readable = set(self.scope.read_buckets())
        return next((dict(c) for c in candidates if bucket_of(table, dict(c)) in readable), None)

    @staticmethod
    def _member_clauses(table: str, values: dict[str, Any], hints: dict[str, str]) -> list[Any] | None:
        """What else a twin must match beyond its key (None: this row can have none): a household has one of
        the people the desktop names (MEMBER_HINT) as its head or an open member; a membership is open on both
        sides."""
        if table == "households":
            numbers = [n for n in hints.get(MEMBER_HINT, "").split(",") if n][:MAX_HINTED_MEMBERS]
            if not numbers:
                return None
            people, memberships, households = table_of("people"), table_of("memberships"), table_of(table)
            person = select(people.c.id).where(people.c.id_number.in_(numbers), people.c.deleted.is_(False))
            return [households.c.head_person_id.in_(person) | households.c.id.in_(
                select(memberships.c.household_id).where(memberships.c.person_id.in_(person),
                                                         memberships.c.left_on.is_(None),
                                                         memberships.c.deleted.is_(False)))]
        if table == "memberships":
            return None if values.get("left_on") is not None else [table_of(table).c.left_on.is_(None)]
        return []

    def _take_twin(self, op: Op, row_id: str, values: dict[str, Any], twin: dict[str, Any]
                   ) -> tuple[str, str | None, int]:
        """A row the desktop made afresh that the server has (_known_twin): the desktop's row becomes an alias
        of the server's, which takes the desktop's values only where it had none (and the user may write it),
        never its bucket; the desktop's other values that differ go to the conflict log, as a duplicate's do."""
        writable = self.scope.can_write(bucket_of(op.table, twin))
        fill = self._merge_into(op, row_id, {k: v for k, v in values.items() if k != "grid_id"} if writable else {},
                                twin)
        skipped = _NOT_COMPARED.get(op.table, frozenset()) | {"deleted", "grid_id"}
        # a field edited on the desktop after the row was made has its own patch coming, merged by its stamp
        edited = {name for name, stamp in (op.stamps or {}).items() if stamp != op.hlc}
        lost = {name: value for name, value in values.items() if value is not None and name not in fill
                and name not in skipped and name not in edited and value != twin.get(name)}
        if not (lost and writable):  # the same ledger twice; a grid worker's default tags, which they never typed
            return "merged", twin["id"], 0
        return "merged", twin["id"], self._log_merge(
            op, row_id, twin, lost, "两台电脑在首次同步前分别登记了同一条记录，已合并为一条；下列不同的值未采用。")

    def _merge_into(self, op: Op, row_id: str, values: dict[str, Any], twin: dict[str, Any]) -> dict[str, Any]:
        """``row_id`` an alias of ``twin`` from now on; ``values`` fill the twin's empty fields. Returns the
        fields filled in."""
        self.session.add(IdAlias(table_name=op.table, old_id=row_id, new_id=twin["id"]))
        self.aliases[(op.table, row_id)] = twin["id"]
        self.targets.add((op.table, twin["id"]))
        fill = {k: v for k, v in values.items() if v is not None and twin.get(k) is None and k != "deleted"}
        if fill:
            stamps = {**(twin["field_hlc"] or {}), **dict.fromkeys(fill, op.hlc)}
            seq = self.seq.take()
            self.out.update_row(op.table, twin["id"], {**fill, "field_hlc": stamps, "server_seq": seq})
            if self.deferring:  # later ops of the run see the twin as this op left it
                self.rows[(op.table, twin["id"])] = {**twin, **fill, "field_hlc": stamps, "server_seq": seq}
            self._changed(op.table, twin["id"], bucket_of(op.table, twin), seq)
        else:  # the desktop renames its row to the twin's id, keeping its own values: it gets the twin's back
            self._send_back(op.table, twin)
        return fill

    # -- bookkeeping -----------------------------------------------------------------------------

    def _send_back(self, table: str, row: dict[str, Any] | None) -> None:
        """The desktop that sent this op holds values (or stamps) of the row that the server did not take,
        and the op changed nothing that would send the row out: a new change number brings the server's
        row back to it at its next pull. Without it a desktop that had already pulled the row while its
        edit was pending would keep its own copy for good."""
        if row is not None:
            self._changed(table, row["id"], bucket_of(table, row), self.seq.take())

    def _send_back_op(self, op: Op) -> None:
        """:meth:`_send_back` for the row an op names (a refused op, or one already applied before)."""
        if op.table in MODEL_BY_TABLE:
            self._send_back(op.table, self._existing(op.table, self.aliases.get((op.table, op.row_id), op.row_id)))

    def _changed(self, table: str, row_id: str, bucket: str, seq: int) -> None:
        self.out.changed(table, row_id, bucket, seq)

    def _log(self, kind: str, op: Op, row: dict[str, Any], name: str | None, kept: Any, kept_hlc: str | None,
             lost: Any, lost_hlc: str | None, note: str) -> int:
        self.out.conflict({"at": self.now, "kind": kind, "table_name": op.table, "row_id": row["id"],
                           "bucket": bucket_of(op.table, row), "field": name, "kept_value": to_wire(kept),
                           "kept_hlc": kept_hlc, "lost_value": to_wire(lost), "lost_hlc": lost_hlc,
                           "user_name": self.scope.user, "device_id": self.device_id, "note": note})
        return 1

    def _after(self, table: str, row: dict[str, Any], device_seq: int) -> int:
        """Derived state: the org tree decides scope; a case's state is the fold of its events (in a
        deferred run, folded once per case when the run is written)."""
        if table == "org_nodes":
            self.scope.refresh(self.session)
        if table == "case_events":
            if self.deferring:
                self.refolds.setdefault(row["case_id"], []).append((row["id"], device_seq))
                return 0
            return self._refold(row["case_id"], {row["id"]}).get(row["id"], 0)
        return 0

    def _refold(self, case_id: str, new_events: set[str]) -> dict[str, int]:
        """Fold a case's events into its state; log the new events the fold flags (event -> conflicts)."""
        events = self.session.execute(select(CaseEvent).where(CaseEvent.case_id == case_id,
                                                              CaseEvent.deleted.is_(False))).scalars().all()
        folded = wf.fold(wf.Event(e.id, e.action, e.at, e.actor_name, e.actor_role, e.from_state, e.to_state,
                                  e.note, e.data, e.hlc) for e in events)
        cases = table_of("cases")
        case = self.session.execute(select(cases.c.grid_id, cases.c.state, cases.c.field_hlc)
                                    .where(cases.c.id == case_id)).first()
        bucket = bucket_of("cases", {"grid_id": case.grid_id if case else None})
        flagged: dict[str, int] = {}
        for flag in folded.flagged:
            if flag.event.id in new_events:
                self.out.conflict({"at": self.now, "kind": "transition", "table_name": "cases", "row_id": case_id,
                                   "bucket": bucket, "field": "state", "kept_value": folded.state, "kept_hlc": None,
                                   "lost_value": flag.event.action, "lost_hlc": flag.event.hlc,
                                   "user_name": self.scope.user, "device_id": self.device_id, "note": flag.reason})
                flagged[flag.event.id] = flagged.get(flag.event.id, 0) + 1
        if case is not None and folded.state and case.state != folded.state:
            stamp = max(e.hlc for e in events)
            seq = self.seq.take()
            self.out.update_row("cases", case_id, {"state": folded.state, "server_seq": seq,
                                                   "field_hlc": {**(case.field_hlc or {}), "state": stamp}})
            self.rows.pop(("cases", case_id), None)
            self._changed("cases", case_id, bucket, seq)
        return flagged


def _default(column: Any) -> Any:
    """The value an insert that leaves ``column`` out stores (its scalar Python default, else None)."""
    default = column.default
    return default.arg if default is not None and default.is_scalar else None


def _holds_nul(value: Any) -> bool:
    """Whether a NUL character is anywhere in an op (PostgreSQL stores no text holding one, and even
    looking a row up by such an id fails there)."""
    if isinstance(value, Op):
        return _holds_nul([value.table, value.row_id, value.hlc, value.fields, value.stamps, value.base])
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(map(_holds_nul, value))
    return False


def _differs(row: dict[str, Any], current: dict[str, str], values: dict[str, Any], stamps: dict[str, str]) -> bool:
    """Whether an op's values or stamps differ from what the server keeps for those fields."""
    return any(value != row[name] or stamps[name] != current[name] for name, value in values.items())


def _unusable(op: Op, exc: Exception) -> OpResult:
    detail = str(getattr(exc, "orig", exc)).splitlines()[0][:200]
    return OpResult(device_seq=op.device_seq, status="rejected",
                    reason=f"数据不完整或与服务器上的记录冲突（{detail}），请检查后重新录入。")


def _chunks(values: set[Any]) -> Iterator[list[Any]]:
    """``values`` in a stable order, CHUNK at a time (for IN lists)."""
    listed = sorted(values, key=str)
    for start in range(0, len(listed), CHUNK):
        yield listed[start:start + CHUNK]


def _outside(scope: Scope) -> str:
    where = f"{scope.community}/{scope.grid}" if scope.grid else scope.community
    return f"这条记录不在您的负责范围（{where}）内，服务器拒绝了此修改。如需调整请联系社区书记。"


def epoch_of(session: Session) -> str:
    row = session.get(ServerMeta, "epoch")
    return row.value if row else ""

