"""Cross-check the domain rules against the ground truth of the shared ledger corpus (RULES.md).

The corpus lives outside the repository (../shared/ledgers, or $GRIDLEDGER_LEDGERS); without it
these tests are skipped. Every raw cell a truth file records is run through the domain functions
and must give the truth's canonical value; every ID reject must give the truth's reason.
"""

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.domain.addresses import (
    normalise_building,
    normalise_estate,
    normalise_room,
    normalise_unit,
    parse_address,
    split_room,
)
from app.domain.codes import GENDER, HOUSING_USE
from app.domain.dates import YearMonth, parse_date_candidates
from app.domain.ids import check_id
from app.domain.names import normalise_name
from app.domain.phones import normalise_phones
from app.domain.tags import normalise_tags

LEDGERS = Path(
    os.environ.get("GRIDLEDGER_LEDGERS", Path(__file__).resolve().parents[4] / "shared" / "ledgers")
)
TRUTH_FILES = sorted(LEDGERS.glob("*.truth.json"))

pytestmark = pytest.mark.skipif(
    not TRUTH_FILES, reason=f"ledger corpus not found at {LEDGERS} (set GRIDLEDGER_LEDGERS to its folder)"
)
truth_files = pytest.mark.parametrize("truth_path", TRUTH_FILES, ids=lambda path: path.name.split(".")[0])


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def records(truth: dict[str, Any]) -> list[dict[str, Any]]:
    """People of a people ledger, or the rows of a special-group ledger (both carry raw cells)."""
    return truth.get("people", []) + truth.get("special_records", [])


def known_estates() -> list[str]:
    return load(LEDGERS / "manifest.json")["community"]["estates"]


def raw_date(cell: Any) -> object:
    """The truth writes a real date cell as {"date": "YYYY-MM-DD"}."""
    return date.fromisoformat(cell["date"]) if isinstance(cell, dict) else cell


def iso(value: date | YearMonth) -> str:
    return value.iso if isinstance(value, YearMonth) else value.isoformat()


@truth_files
def test_ids_of_accepted_people(truth_path: Path) -> None:
    truth = load(truth_path)
    reference = date.fromisoformat(truth["reference_date"])
    for person in records(truth):
        result = check_id(person["raw"]["id_number"], reference)
        assert (result.value, result.gender) == (person["id_number"], person["gender"]), person["source"]
        if "birth_date" in person:
            assert result.birth_date == date.fromisoformat(person["birth_date"]), person["source"]


@truth_files
def test_ids_of_rejected_rows(truth_path: Path) -> None:
    truth = load(truth_path)
    reference = date.fromisoformat(truth["reference_date"])
    for reject in truth["rejects"]:
        if reject["reason"].startswith("id_"):
            acceptable = reject.get("acceptable_reasons", [reject["reason"]])
            problem = check_id(reject["id_raw"], reference).problem
            assert problem is not None and problem.value in acceptable, (reject["row"], reject["id_raw"])


def test_id_corpus_covers_every_id_problem() -> None:
    reasons = {r["reason"] for path in TRUTH_FILES for r in load(path)["rejects"]}
    assert {"id_missing", "id_precision_lost", "id_invalid_date", "id_checksum"} <= reasons


@truth_files
def test_person_cells(truth_path: Path) -> None:
    for person in records(load(truth_path)):
        raw, where = person["raw"], person["source"]
        assert normalise_name(raw["name"]) == person["name"], where
        if "phone" in raw:
            assert normalise_phones(raw["phone"]) == person["phones"], where
        if "gender" in raw:
            assert GENDER.normalise(raw["gender"]) == person["gender_column"], where
        if "housing_status" in raw:
            assert HOUSING_USE.normalise(raw["housing_status"]) == person["housing_status"], where
        if "category" in raw:
            assert normalise_tags(raw["category"]) == person["categories"], where


@truth_files
def test_birth_date_columns(truth_path: Path) -> None:
    for person in records(load(truth_path)):
        if "birth_date" not in person["raw"]:
            continue
        readings = [iso(value) for value in parse_date_candidates(raw_date(person["raw"]["birth_date"]))]
        expected = person["birth_date_column_candidates"] or [person["birth_date_column"]]
        assert readings == expected, person["source"]


@truth_files
def test_address_cells(truth_path: Path) -> None:
    for person in records(load(truth_path)):
        raw, where = person["raw"], person["source"]
        if "estate" in raw:
            assert normalise_estate(raw["estate"]) == person["estate"], where
        if "building" in raw:
            assert normalise_building(raw["building"]) == person["building"], where
        if "unit" in raw:
            assert normalise_unit(raw["unit"]) == person["unit"], where
            assert normalise_room(raw["room"]) == person["room"], where
        elif "room" in raw:
            assert split_room(raw["room"]) == (person["unit"], person["room"]), where


@truth_files
def test_address_texts(truth_path: Path) -> None:
    estates = known_estates()
    for person in records(load(truth_path)):
        text = person["raw"].get("address") or person.get("address_text")
        if text:
            assert parse_address(text, estates).key == person["address_key"], person["source"]
            assert parse_address(text).key == person["address_key"], person["source"]
