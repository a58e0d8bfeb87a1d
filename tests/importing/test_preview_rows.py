"""The preview's rows: every source row once, in file, sheet and row order, problems marked, IDs masked."""

from __future__ import annotations

from datetime import date

import pytest

from app.services.importing.pipeline import parse_files
from app.services.importing.preview_rows import (
    ACCEPTED,
    DOUBTFUL,
    HOUSE,
    MERGED,
    REJECTED,
    preview_rows,
    problem_count,
)
from tests.importing.conftest import LEDGERS, needs_corpus, truth_of

pytestmark = needs_corpus
P06, P12 = LEDGERS / "people_06_id_mess.xlsx", LEDGERS / "people_12_grid_combined.xlsx"


def test_every_data_row_once_in_order_with_its_outcome() -> None:
    batch = parse_files([P06, P12], reference_date=date(2023, 12, 20))
    rows = preview_rows(batch, limit=10_000)
    assert len(rows) == batch.record_rows
    assert [(r.file, r.row) for r in rows] == sorted((r.file, r.row) for r in rows)  # P06 sorts before P12 too
    for path in (P06, P12):
        truth = truth_of(path)
        got = {r.row: r.status for r in rows if r.file == path.name}
        assert {row for row, status in got.items() if status == REJECTED} == {r["row"] for r in truth["rejects"]}
        assert {row for row, status in got.items() if status == MERGED} == {
            d["row"] for d in truth["duplicates_merged"]}
        assert {row for row, status in got.items() if status == HOUSE} == {
            h["source"]["row"] for h in truth["houses"] if h["row_kind"] == "house"}
        assert {row for row, status in got.items() if status in (ACCEPTED, DOUBTFUL)} == {
            p["source"]["row"] for p in truth["people"]}
    assert problem_count(batch) == sum(r.status in (REJECTED, DOUBTFUL) for r in rows)
    accepted = [r for r in rows if r.status == ACCEPTED]
    assert all(len(r.id_number) == 18 and "********" in r.id_number for r in accepted)
    assert all(r.place and "|" not in r.place for r in accepted)


def test_a_big_batch_lists_only_the_first_rows() -> None:
    batch = parse_files([P12], reference_date=date(2023, 12, 20))
    rows = preview_rows(batch, limit=25)
    assert len(rows) == 25 and [r.row for r in rows] == sorted(r.row for r in preview_rows(batch, 10_000))[:25]


def test_keeping_the_later_of_two_conflicting_rows() -> None:
    conflict = next(r for r in truth_of(P12)["rejects"] if r["reason"] == "duplicate_conflict")
    number, sheet, kept_row = conflict["id_number"], conflict["sheet"], conflict["kept"]["row"]
    batch = parse_files([P12], reference_date=date(2023, 12, 20), keep={number: (P12.name, sheet, conflict["row"])})
    person = next(p for p in batch.people if p.id_number == number)
    assert (person.source.row, person.name) == (conflict["row"], conflict["name"])
    assert [p.source.row for p in batch.people].index(conflict["row"]) == \
        [p.source.row for p in parse_files([P12], reference_date=date(2023, 12, 20)).people].index(kept_row)
    reject = next(r for r in batch.rejects if r.reason == "duplicate_conflict")
    assert reject.source.row == kept_row and "已按您的选择保留" in reject.message
    with pytest.raises(ValueError):
        parse_files([P12], keep={number: (P12.name, sheet, conflict["row"])}, on_people=lambda _records: None)


def test_a_row_merged_with_a_row_of_another_file_names_that_file(tmp_path) -> None:
    """Two grids' 人口台账.xlsx list the same person alike: the second copy's row says where the first one is."""
    from tests.importing.generated import generated_id, ledger

    paths = [tmp_path / grid / "人口台账.xlsx" for grid in ("一网格", "二网格")]
    for path in paths:
        path.parent.mkdir()
        ledger(path, [["测甲", generated_id(1), "1号楼", "1单元", "101", "户主"]])
    rows = preview_rows(parse_files(paths, reference_date=date(2023, 12, 20)))
    [merged] = [r for r in rows if r.status == MERGED]
    assert merged.file == "二网格/人口台账.xlsx"
    assert merged.message == "与一网格/人口台账.xlsx Sheet第 2 行完全相同，已合并"
