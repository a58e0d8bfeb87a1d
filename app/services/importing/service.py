"""Importing as a use case for the CLI, the wizard and tests: preview, import, list, undo.

An import is one batch in one transaction: the batch record, every row it creates or changes (through
the Writer: stamps, outbox, search index) and its change log are committed together or not at all, so
a crash, a kill or a cancel leaves the database as it was. ``dry_run`` does all the work and rolls back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.services.importing import mapping as profiles
from app.services.importing.layout import SheetLayout
from app.services.importing.merge import ImportOptions, MergeResult, PeopleAhead, merge_batch
from app.services.importing.normalise import PeopleSink
from app.services.importing.pipeline import (
    ImportCancelled,
    ParsedBatch,
    Progress,
    RowKey,
    names_row,
    parse_files,
    paused_gc,
    row_key,
)
from app.services.importing.readers import ReadError, file_sha256
from app.services.importing.report import summary, write_error_workbook
from app.services.importing.undo import UndoError, undo_batch
from app.store import audit
from app.store import imports as store
from app.store.db import Database
from app.store.writes import Writer, new_id

__all__ = ["ImportCancelled", "ImportOptions", "ImportOutcome", "ReadError", "UndoError", "batches", "keep_rows",
           "preview", "run_import", "still_current", "undo", "write_errors"]

Mappings = dict[tuple[str, str | None], dict[int, str | None]]
Keep = dict[str, RowKey]  # ID number -> the row to keep of conflicting rows


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


@dataclass
class ImportOutcome:
    parsed: ParsedBatch
    batch_id: str | None
    result: MergeResult | None
    document: dict[str, Any]
    dry_run: bool
    applied_profiles: dict[tuple[str, str | None], str]

    @property
    def has_rejects(self) -> bool:
        return bool(self.parsed.rejects)



def _chooser(db: Database, mappings: Mappings | None, applied: dict[tuple[str, str | None], str]
             ) -> Callable[[str, SheetLayout], dict[int, str | None] | None]:
    def choose(file_name: str, layout: SheetLayout) -> dict[int, str | None] | None:
        explicit = (mappings or {}).get((file_name, layout.name))
        if explicit is not None:
            return explicit
        profile = profiles.suggest(db, layout)
        if profile is None:
            return None
        applied[(file_name, layout.name)] = profile.name
        return profiles.mapping_of(profile, layout)
    return choose


def preview(db: Database, paths: Sequence[Path], *, today: date | None = None, mappings: Mappings | None = None,
            progress: Progress | None = None, cancel: Callable[[], bool] | None = None,
            on_people: PeopleSink | None = None, keep: Keep | None = None) -> ParsedBatch:
    """Read, recognise and normalise without writing (saved profiles for known headers are applied, and
    named in the batch's ``applied_profiles``); ``keep`` names the row to keep of an ID number whose rows
    conflict (the user's choice)."""
    with db.engine.connect() as conn:
        known = store.estate_names(conn)
    used: dict[tuple[str, str | None], str] = {}
    batch = parse_files(paths, reference_date=today or date.today(), known_estates=known,
                        mapping_for=_chooser(db, mappings, used), progress=progress, cancel=cancel,
                        on_people=on_people, keep=keep)
    batch.applied_profiles = dict(used)
    return batch


def run_import(db: Database, paths: Sequence[Path], options: ImportOptions | None = None, *, dry_run: bool = False,
               mappings: Mappings | None = None, parsed: ParsedBatch | None = None, progress: Progress | None = None,
               cancel: Callable[[], bool] | None = None, keep: Keep | None = None) -> ImportOutcome:
    """Import ``paths`` as one batch. Raises ReadError for an unreadable file and ImportCancelled when
    ``cancel()`` turns true; either way nothing is written. ``keep``: see :func:`preview`."""
    with paused_gc():
        return _run_import(db, paths, options or ImportOptions(), dry_run=dry_run, mappings=mappings,
                           parsed=parsed, progress=progress, cancel=cancel, keep=keep)


def _run_import(db: Database, paths: Sequence[Path], options: ImportOptions, *, dry_run: bool,
                mappings: Mappings | None, parsed: ParsedBatch | None, progress: Progress | None,
                cancel: Callable[[], bool] | None, keep: Keep | None) -> ImportOutcome:
    report = progress or (lambda _stage, _fraction: None)
    batch_id = new_id()
    result: MergeResult | None = None
    try:
        with db.bulk_session() as session:
            writer = Writer(session, indexing=not dry_run)  # a dry run is rolled back
            with writer.pipelined():  # SQLite writes on a second thread from the first rows read on
                ahead = None
                if parsed is None:
                    ahead = None if keep else PeopleAhead(writer)  # it indexes the first row of each ID
                    parsed = preview(db, paths, today=options.today, mappings=mappings, progress=report,
                                     cancel=cancel, on_people=ahead, keep=keep)
                applied = parsed.applied_profiles
                files = [{"name": f.name, "path": str(f.path), "sha256": f.book.sha256, "size": f.book.size}
                         for f in parsed.files]
                writer.settle()  # the ORM writes below use the connection the pipe is using
                store.add_batch(session, batch_id, options.user_name, files)
                result = merge_batch(writer, parsed, batch_id, options, progress=report, cancel=cancel,
                                     ahead=ahead)
            document = summary(parsed, None if dry_run else batch_id, result, dry_run=dry_run)
            if dry_run:
                raise _DryRun
            store.finish_batch(session, batch_id, {"counts": document["counts"],
                                                   "rejected": len(parsed.rejects)})
            for name in set(applied.values()):
                store.touch_profile(session, name)
            counts = document["counts"]["people"]
            audit.add(session, options.user_name or "", "import", "、".join(f["name"] for f in files)[:200],
                      counts["created"] + counts["updated"], {"batch": batch_id, "files": files})
            report("正在更新搜索索引…", 0.92)
            writer.finish()
    except _DryRun:
        for name in set(applied.values()):
            profiles.mark_used(db, name)
    report("导入完成" if not dry_run else "试导入完成", 1.0)
    return ImportOutcome(parsed, None if dry_run else batch_id, result, document, dry_run, applied)


def write_errors(db: Database, outcome: ImportOutcome, out: Path, user_name: str) -> int:
    """Write the error workbook (the rejected rows as the files have them, ID numbers and phones in full so
    that they can be fixed) and log it in the audit log, as every export of personal data; returns its rows."""
    written = write_error_workbook(outcome.parsed, out)
    audit.record(db, user_name, "export_import_errors", str(out), written,
                 {"batch": outcome.batch_id, "files": [f.name for f in outcome.parsed.files]})
    return written


def keep_rows(parsed: ParsedBatch, refs: Sequence[tuple[tuple[str, ...], int]]) -> Keep:
    """The rows to keep of conflicting rows, named as a user names a row: (names, row number), where
    names are (), (sheet or file,) or (file, sheet). Each must name exactly one row rejected as
    ``duplicate_conflict`` in ``parsed``; ValueError says which does not and why."""
    conflicts = [p for p in parsed.rejects if p.reason == "duplicate_conflict"]
    keep: Keep = {}
    for names, row in refs:
        shown = ":".join([*names, str(row)])
        found = [p for p in conflicts if names_row(names, row, p.source)]
        if not found:
            raise ValueError(f"{shown}：这一行不是因“身份证号相同但内容不同”而被拒绝的行，无法改为保留它。"
                             "可先试导入（--dry-run）查看 duplicate_conflict 所在的行")
        if len(found) > 1:
            where = "、".join(f"{p.source.file}:{p.source.sheet or ''}:{row}" for p in found)
            raise ValueError(f"{shown}：有多行符合（{where}），请写明文件和工作表，如 文件:工作表:行号")
        problem = found[0]
        keep[str(problem.value)] = row_key(problem.source)
    return keep


def still_current(parsed: ParsedBatch, paths: Sequence[Path]) -> bool:
    """True when ``parsed`` was read from exactly these files and none has changed since (same content
    hash): then an import may use it instead of reading the files again (the wizard's preview)."""
    if [f.path for f in parsed.files] != [Path(p) for p in paths]:
        return False
    try:
        return all(file_sha256(f.path) == f.book.sha256 for f in parsed.files)
    except OSError:
        return False


def batches(db: Database) -> list[store.BatchInfo]:
    with db.session() as session:
        return store.batches(session)


def undo(db: Database, key: str, *, user_name: str | None = None, progress: Progress | None = None,
         cancel: Callable[[], bool] | None = None) -> dict[str, int]:
    """Revert batch ``key`` (an id or its unique start); UndoError says why it cannot be, ImportCancelled
    that the user stopped it (nothing changed either way)."""
    reverted = undo_batch(db, key, user_name=user_name, progress=progress, cancel=cancel)
    audit.record(db, user_name or "", "undo_import", key, reverted.get("people"), {"reverted": reverted})
    return reverted
