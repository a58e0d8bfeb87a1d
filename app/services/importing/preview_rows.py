"""The rows a preview shows: what each source row becomes, in file, sheet and row order.

An accepted person shows their canonical name, masked ID number, address, relation and tags; a doubtful
one (a warning: the 性别 column disagrees with the ID, …) the same with the doubt; a rejected row its name
and raw ID as written (masked) with the reason; a silent duplicate the row it was merged into; a row with
an address only (a vacant flat) its house. The wizard lists the first ``limit`` rows, so that a
100,000-row ledger previews instantly; the problem list beside it is complete.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from app.domain.addresses import Address
from app.domain.ids import mask_id
from app.services.importing.normalise import DisputeRecord, HouseRecord, PersonRecord, Problem, Source
from app.services.importing.pipeline import ParsedBatch, RowKey, row_key

ACCEPTED, DOUBTFUL, REJECTED, MERGED, HOUSE = "导入", "需核对", "拒绝", "重复（已合并）", "房屋（无人）"


@dataclass(frozen=True)
class PreviewRow:
    file: str
    sheet: str | None
    row: int
    status: str  # ACCEPTED | DOUBTFUL | REJECTED | MERGED | HOUSE
    name: str
    id_number: str  # masked
    place: str  # address key, or a dispute's address text
    detail: str  # relation and tags, or the dispute's type and parties
    message: str  # the reason of a reject or warning
    keep_instead: tuple[str, RowKey] | None = None  # a conflicting row: (ID number, this row) to keep it instead

    @property
    def problem(self) -> bool:
        return self.status in (DOUBTFUL, REJECTED)


def _masked_raw(value: Any) -> str:
    """A raw ID cell for the screen: a number as Excel shows it (3.71302E+17: its lost digits are not
    data), a short text (无, /, a typo) as it is, anything longer masked like an ID number."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format(value, ".6G") if abs(value) >= 1e11 else format(value, "g")
    text = str(value).strip()
    return text if len(text) <= 10 else mask_id(text)


def _place(address: Address) -> str:
    return "".join(part or "" for part in (address.estate, address.building, address.unit, address.room))


def _person(record: PersonRecord, status: str, message: str) -> PreviewRow:
    detail = "、".join(part for part in (record.relation, *record.tags) if part)
    return PreviewRow(record.source.file, record.source.sheet, record.source.row, status, record.name,
                      mask_id(record.id_number), _place(record.address), detail, message)


def _house(record: HouseRecord) -> PreviewRow:
    return PreviewRow(record.source.file, record.source.sheet, record.source.row, HOUSE, "", "",
                      _place(record.address), record.housing_status or "", "")


def _dispute(record: DisputeRecord, status: str, message: str) -> PreviewRow:
    detail = "；".join(part for part in (record.type, "、".join(record.parties)) if part)
    when = record.date.isoformat() if record.date else ""
    return PreviewRow(record.source.file, record.source.sheet, record.source.row, status, when, "",
                      record.address_text or "", detail, message)


def _reject(problem: Problem) -> PreviewRow:
    conflict = problem.reason == "duplicate_conflict"
    raw_id = problem.value if problem.reason.startswith("id_") or conflict else None
    return PreviewRow(problem.source.file, problem.source.sheet, problem.source.row, REJECTED,
                      problem.extra.get("name") or "", _masked_raw(raw_id),
                      (problem.extra.get("address_key") or "").replace("|", ""), problem.reason, problem.message,
                      (problem.value, row_key(problem.source)) if conflict else None)


def preview_rows(batch: ParsedBatch, limit: int = 1000) -> list[PreviewRow]:
    """The first ``limit`` rows of the batch in file, sheet and row order. Records come in that order
    already, so the streams are merged lazily: only about ``limit`` rows are ever built."""
    order = {(f.name, lay.name): (i, j) for i, f in enumerate(batch.files) for j, lay in enumerate(f.layouts)}

    def position(source: Source) -> tuple[tuple[int, int], int]:
        return order.get((source.file, source.sheet), (len(order), 0)), source.row

    doubts: dict[tuple[str, str | None, int], str] = {}
    for warning in batch.warnings:
        key = (warning.source.file, warning.source.sheet, warning.source.row)
        doubts[key] = f"{doubts[key]}；{warning.message}" if key in doubts else warning.message

    def doubt(source: Source) -> str:
        return doubts.get((source.file, source.sheet, source.row), "")

    streams: list[Iterator[tuple[Any, PreviewRow]]] = [
        ((position(r.source), _person(r, DOUBTFUL if doubt(r.source) else ACCEPTED, doubt(r.source)))
         for r in records) for records in (batch.people, batch.special)]
    streams.append((position(d.source), _dispute(d, DOUBTFUL if doubt(d.source) else ACCEPTED, doubt(d.source)))
                   for d in batch.disputes)
    streams.append((position(dropped.source),
                    _person(dropped, MERGED, f"与{kept.source.seen_from(dropped.source)}完全相同，已合并"))
                   for dropped, kept in batch.duplicates_merged)
    streams.append((position(p.source), _reject(p)) for p in sorted(batch.rejects, key=lambda p: position(p.source)))
    streams.append((position(h.source), _house(h)) for h in batch.houses if h.row_kind == "house")
    return [row for _key, row in islice(heapq.merge(*streams, key=lambda item: item[0]), limit)]


def problem_count(batch: ParsedBatch) -> int:
    """Rows with a problem: rejected, or accepted with a warning."""
    return len(batch.rejects) + len({(w.source.file, w.source.sheet, w.source.row) for w in batch.warnings})
