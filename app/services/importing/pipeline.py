"""From files to one parsed batch: read, recognise, normalise, then the batch-wide rules.

Batch-wide rules (RULES.md R8, R5, R9): the same canonical ID twice among people rows is either a
silent duplicate (identical in every compared field) or a ``duplicate_conflict`` reject whose kept
row is flagged; accepted people are grouped into households by address (and 户号 when the file has
one); every address seen becomes a house. Nothing here touches the database: ``merge`` writes a
parsed batch, ``--dry-run`` and the wizard's preview stop here.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from app.services.export import ROSTER_TITLES
from app.services.importing.fields import PEOPLE, SPECIAL
from app.services.importing.layout import SheetLayout, analyse, apply_mapping
from app.services.importing.normalise import (
    ADDRESS_FIELDS,
    DisputeRecord,
    HouseRecord,
    PeopleSink,
    PersonRecord,
    Problem,
    Source,
    new_cache,
    normalise_sheet,
)
from app.services.importing.readers import RawBook, ReadError, read_book

Progress = Callable[[str, float], None]
RowKey = tuple[str, str | None, int]  # (file name, sheet, row number)
MappingChooser = Callable[[str, SheetLayout], dict[int, str | None] | None]


class ImportCancelled(Exception):
    """The user cancelled; nothing was written."""


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a batch is built: the import allocates millions of small
    acyclic objects (cells, records), and every automatic collection would walk all the rows read so
    far, a third of the normalising time on a 100,000-row ledger. Reference counting still frees
    everything; collection resumes afterwards (unless it was already off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class FileResult:
    path: Path
    book: RawBook
    layouts: list[SheetLayout]
    label: str  # see file_labels

    @property
    def name(self) -> str:
        return self.label

    def sheets_json(self) -> list[dict[str, Any]]:
        return [{"sheet": lay.name, "kind": lay.role, "header_rows": lay.header_rows,
                 "rows_read": len(lay.data_rows)} for lay in self.layouts]


@dataclass
class Household:
    key: tuple[str, str | None]  # (address key, 户号)
    members: list[PersonRecord] = field(default_factory=list)
    rejected_rows: list[Problem] = field(default_factory=list)

    @property
    def head(self) -> PersonRecord | None:
        return next((m for m in self.members if m.relation == "户主"), None)


@dataclass
class ParsedBatch:
    files: list[FileResult]
    people: list[PersonRecord] = field(default_factory=list)  # people-ledger rows, one per ID
    special: list[PersonRecord] = field(default_factory=list)  # special-group rows (several per ID allowed)
    houses: list[HouseRecord] = field(default_factory=list)  # first row of every address seen
    disputes: list[DisputeRecord] = field(default_factory=list)
    rejects: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    duplicates_merged: list[tuple[PersonRecord, PersonRecord]] = field(default_factory=list)  # (dropped, kept)
    households: list[Household] = field(default_factory=list)
    applied_profiles: dict[tuple[str, str | None], str] = field(default_factory=dict)  # (file, sheet) -> profile

    @property
    def record_rows(self) -> int:
        return sum(len(lay.data_rows) for f in self.files for lay in f.layouts)


def _differing(a: PersonRecord, b: PersonRecord) -> list[str]:
    first, second = a.compare_values(), b.compare_values()
    return [name for name in first if first[name] != second[name]]


def _dedupe(people: list[PersonRecord], batch: ParsedBatch, keep: Mapping[str, RowKey]) -> list[PersonRecord]:
    """R8: the first row of an ID is kept (or the row the user chose in ``keep``: ID number -> row); an
    identical other row is merged, a different one rejected as a conflict for the user to resolve."""
    kept: dict[str, PersonRecord] = {}
    for record in people:
        number = record.id_number
        if number not in kept or keep.get(number) == row_key(record.source):
            kept[number] = record  # a chosen later row takes the place of the ID's first row
    conflicts: list[tuple[PersonRecord, PersonRecord, list[str]]] = []
    for record in people:
        first = kept[record.id_number]
        if record is first:
            continue
        differing = _differing(first, record)
        if differing:
            conflicts.append((record, first, differing))
        else:
            batch.duplicates_merged.append((record, first))
    rejected = [record.source for record, _first, _differing in conflicts]
    for record, first, differing in conflicts:
        where = first.source.seen_from(record.source)
        chosen = keep.get(record.id_number) == row_key(first.source)
        batch.rejects.append(Problem(
            record.source, record.id_column, record.id_number, "duplicate_conflict",
            f"身份证号与{where}相同，但{'、'.join(_TITLES.get(d, d) for d in differing)}不同；"
            + ("已按您的选择保留那一行" if chosen else "已保留先出现的一行")
            + "，请核对后修改其中一行再导入（也可在导入向导的预览中改选保留此行；命令行加 --keep "
            + keep_reference(record.source, rejected) + "）",
            {"name": record.name, "address_key": record.address_key, "differing_fields": differing,
             "kept": first.source.as_json()}))
        first.ambiguities.append({"field": "record", "reason": "duplicate_conflict",
                                  "other_source": record.source.as_json(), "differing_fields": differing})
        batch.warnings.append(Problem(
            first.source, first.id_column, first.id_number, "duplicate_conflict_kept",
            f"同一身份证号在{record.source.seen_from(first.source)}还有一条不同的记录（已拒绝），请核对此人信息"))
    return list(kept.values())


_TITLES = {"name": "姓名", "gender": "性别", "birth_date": "出生日期", "ethnicity": "民族", "phones": "电话",
           "relation": "与户主关系", "political_status": "政治面貌", "residence_type": "户籍类型",
           "tags": "特殊人群", "note": "备注", "address_key": "住址", "housing_status": "房屋状态"}


def _households(batch: ParsedBatch) -> None:
    groups: dict[tuple[str, str | None], Household] = {}
    for person in batch.people:
        if not (person.address.building or person.household_no):
            continue
        key = (person.address_key, person.household_no)
        groups.setdefault(key, Household(key)).members.append(person)
    for problem in batch.rejects:
        key = (problem.extra.get("address_key") or "", None)
        if key in groups:
            groups[key].rejected_rows.append(problem)
    batch.households = list(groups.values())


def _houses(records: Iterable[HouseRecord]) -> list[HouseRecord]:
    first: dict[str, HouseRecord] = {}
    for record in records:
        if record.address.building and record.address.room:
            first.setdefault(record.address.key, record)
    return list(first.values())


def file_labels(paths: Sequence[Path]) -> list[str]:
    """What messages, row references (--keep 文件:工作表:行号) and mappings call each file of a batch: its name,
    with as many of its folders in front as tell apart files of the same name (offices keep a 人口台账.xlsx in
    every grid's folder: "一网格/人口台账.xlsx", "二网格/人口台账.xlsx"); the same file given twice is numbered."""
    full = [Path(p).absolute() for p in paths]
    distinct = list(dict.fromkeys(full))
    labels = {p: p.name for p in distinct}
    for depth in range(2, max((len(p.parts) for p in distinct), default=1) + 1):
        counts = Counter(labels.values())
        if len(counts) == len(labels):
            break
        labels = {p: "/".join(p.parts[-depth:]).lstrip("/\\") if counts[label] > 1 else label
                  for p, label in labels.items()}
    seen: Counter[Path] = Counter()
    numbered = []
    for path in full:
        seen[path] += 1
        numbered.append(labels[path] if seen[path] == 1 else f"{labels[path]}（{seen[path]}）")
    return numbered


def names_row(names: Sequence[str], row: int, source: Source) -> bool:
    """Whether a row as a user names it (``[文件:][工作表:]行号`` split into names and row number) is the row at
    ``source``: the row number alone, with the sheet or the file, or with both."""
    return source.row == row and (not names or (len(names) == 1 and names[0] in (source.sheet, source.file))
                                  or tuple(names) == (source.file, source.sheet))


def keep_reference(source: Source, among: Sequence[Source]) -> str:
    """How to name the row at ``source`` after --keep: sheet (a CSV: file) and row, with the file in front
    when that also names another of ``among`` (the same sheet and row in another file of the batch)."""
    names: tuple[str, ...] = (source.sheet or source.file,)
    if source.sheet and sum(names_row(names, source.row, other) for other in among) > 1:
        names = (source.file, source.sheet)
    return ":".join([*names, str(source.row)])


def row_key(source: Source) -> RowKey:
    return (source.file, source.sheet, source.row)


def parse_files(paths: Sequence[Path], *, reference_date: date | None = None, known_estates: Iterable[str] = (),
                mapping_for: MappingChooser | None = None, progress: Progress | None = None,
                cancel: Callable[[], bool] | None = None, on_people: PeopleSink | None = None,
                keep: Mapping[str, RowKey] | None = None) -> ParsedBatch:
    """Read and normalise every file; ReadError when one cannot be read (then nothing is imported).

    ``mapping_for(file name, layout)`` may override the recognised columns of a sheet (column index ->
    field): the wizard's edits or a saved profile. ``on_people`` receives the records of people sheets
    in the order the batch-wide rules see them, while they are normalised (only the first row of an ID
    is kept then: ``keep`` must be empty). ``keep`` resolves conflicting rows of one ID number: ID
    number -> the row to keep instead of the first.
    """
    if keep and on_people is not None:
        raise ValueError("on_people assumes the first row of every ID number is kept")
    with paused_gc():
        return _parse_files(paths, reference_date=reference_date, known_estates=known_estates,
                            mapping_for=mapping_for, progress=progress, cancel=cancel, on_people=on_people,
                            keep=keep or {})


def _parse_files(paths: Sequence[Path], *, reference_date: date | None, known_estates: Iterable[str],
                 mapping_for: MappingChooser | None, progress: Progress | None,
                 cancel: Callable[[], bool] | None, on_people: PeopleSink | None,
                 keep: Mapping[str, RowKey]) -> ParsedBatch:
    report = progress or (lambda _stage, _fraction: None)
    stop = cancel or (lambda: False)
    today = reference_date or date.today()
    estates = tuple(known_estates)
    batch = ParsedBatch([])
    cache = new_cache()
    people: list[PersonRecord] = []
    houses: list[HouseRecord] = []
    labels = file_labels(paths)
    with _read_ahead(paths) as books:
        for index, (path, label) in enumerate(zip(paths, labels, strict=True)):
            report(f"正在读取 {label}…", 0.5 * index / len(paths))
            try:
                book = next(books)
            except ReadError as exc:  # named by the file's name: by its label when that tells it apart
                message = str(exc)
                raise ReadError(exc.reason, label + message[len(path.name):] if message.startswith(path.name)
                                else message) from None
            file = _recognised(path, label, book, estates, mapping_for)
            batch.files.append(file)
            for layout in file.layouts:
                if stop():
                    raise ImportCancelled("已取消导入，数据库未作改动。")
                if not layout.kind:
                    continue
                result = normalise_sheet(layout, file.name, reference_date=today, known_estates=estates,
                                         cache=cache, on_people=on_people if layout.kind == PEOPLE else None)
                (people if layout.kind == PEOPLE else batch.special if layout.kind == SPECIAL else []).extend(
                    result.people)
                houses += result.houses
                batch.disputes += result.disputes
                batch.rejects += result.rejects
                batch.warnings += result.warnings
            report(f"已识别 {file.name}", 0.5 * (index + 1) / len(paths))
            if stop():
                raise ImportCancelled("已取消导入，数据库未作改动。")
    batch.people = _dedupe(people, batch, keep)
    sheets = {(file.name, layout.name): i for i, (file, layout) in enumerate(
        (file, layout) for file in batch.files for layout in file.layouts)}
    for problems in (batch.rejects, batch.warnings):  # in the order of the files, as a user reads them
        problems.sort(key=lambda p: (sheets.get((p.source.file, p.source.sheet), 0), p.source.row))
    batch.houses = _houses(houses)
    _households(batch)
    _release_rows(batch)
    return batch


@contextmanager
def _read_ahead(paths: Sequence[Path]) -> Iterator[Iterator[RawBook]]:
    """The files' books in order, the next file read on a second thread while the caller works on the
    current one: calamine parses without holding the GIL, so with several files reading overlaps
    normalising. The first file is read in the caller's thread (nothing to overlap yet; a book built on
    another thread also takes about 50 MB more memory on a 100,000-row file). A ReadError is raised
    when the caller reaches that file; leaving the block early abandons a read in progress (its thread
    finishes it and the book is dropped)."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ledger-read")

    def books() -> Iterator[RawBook]:
        upcoming: list[Future[RawBook]] = []
        for index, path in enumerate(paths):
            book = upcoming.pop().result() if upcoming else read_book(path)
            upcoming += [pool.submit(read_book, after) for after in paths[index + 1:index + 2]]
            yield book

    try:
        yield books()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _recognised(path: Path, label: str, book: RawBook, estates: tuple[str, ...],
                mapping_for: MappingChooser | None) -> FileResult:
    """A file's sheets analysed, with the user's mapping (or a saved profile) applied; ReadError when
    nothing in it can be imported."""
    layouts = [analyse(sheet, estates) for sheet in book.sheets]
    for layout in layouts:
        override = mapping_for(label, layout) if mapping_for and layout.kind else None
        if override:
            apply_mapping(layout, override)
    if not any(layout.kind for layout in layouts):
        printed = _printed_roster(book)
        if printed:
            raise ReadError("empty", f"{label}：这是本软件导出的{printed}，供打印查阅，不能导入。"
                                     "要把居民导入其他电脑，请导出“人口信息台账”后导入该文件")
        raise ReadError("empty", f"{label}：没有找到可导入的表格（没有识别出姓名、身份证号等表头）。"
                                 "请确认这是人口、房屋、特殊人群或矛盾纠纷台账")
    if not any(layout.data_rows for layout in layouts if layout.kind):
        raise ReadError("empty", f"{label}：表头已识别，但表中没有数据行，没有可导入的内容")
    return FileResult(path, book, layouts, label)


def _printed_roster(book: RawBook) -> str | None:
    """The title of a roster this application exports for reading only (住户台账, 楼栋台账) when the book is one."""
    for sheet in book.sheets:
        first = next((v for row in sheet.rows[:1] for v in row if v not in ("", None)), None)
        for title in (ROSTER_TITLES["households"], ROSTER_TITLES["buildings"]):
            if isinstance(first, str) and first.strip().endswith(title):  # "幸福里社区楼栋台账"
                return title
    return None


def _release_rows(batch: ParsedBatch) -> None:
    """Keep the raw cells of rejected rows (and of the rows their address comes from) only."""
    rejected: dict[tuple[str, str | None], set[int]] = defaultdict(set)
    for problem in batch.rejects:
        rejected[(problem.source.file, problem.source.sheet)].add(problem.source.row)
    for file in batch.files:
        for layout in file.layouts:
            if not layout.kind:
                continue
            numbers = rejected.get((file.name, layout.name), set())
            sources = layout.address_sources(ADDRESS_FIELDS) if numbers else {}
            keep = {i for i in sources if layout.sheet.row_number(i) in numbers}
            layout.release_rows(keep | {sources[i] for i in keep})
