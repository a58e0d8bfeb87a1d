"""A writable copy of the session's demo community, a fixed clock and the people who act."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from app.services.cases import Actor, CaseService
from app.services.disputes import DisputeService
from app.services.visits import VisitService
from app.store.db import Database

NOW = datetime(2026, 11, 2, 10, 0)  # a Monday, the day after the demo's reference date


@pytest.fixture
def case_db(demo_db_path: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "cases.sqlite"
    shutil.copy(demo_db_path, path)
    database = Database(path)
    yield database
    database.close()


@dataclass
class Home:
    household_id: str
    house_id: str
    building_id: str
    grid_id: str
    person_id: str
    person_name: str


@pytest.fixture
def home(case_db: Database) -> Home:
    """A household with a house and at least two people, in some grid."""
    with case_db.engine.connect() as conn:
        row = conn.exec_driver_sql("""
            SELECT hh.id, hh.house_id, h.building_id, hh.grid_id, p.id, p.name
            FROM households hh JOIN houses h ON h.id = hh.house_id JOIN people p ON p.household_id = hh.id
            WHERE (SELECT count(*) FROM people m WHERE m.household_id = hh.id) >= 2
            ORDER BY hh.id LIMIT 1""").one()
    return Home(*row)


@pytest.fixture
def cases(case_db: Database) -> CaseService:
    return CaseService(case_db, now=lambda: NOW)


@pytest.fixture
def visits(case_db: Database, cases: CaseService) -> VisitService:
    return VisitService(case_db, cases=cases)


@pytest.fixture
def disputes(case_db: Database) -> DisputeService:
    return DisputeService(case_db, now=lambda: NOW)


@pytest.fixture
def worker(home: Home) -> Actor:
    return Actor("李网格", "grid_worker", (home.grid_id,))


SECRETARY = Actor("王书记", "secretary")
SUBDISTRICT = Actor("街道赵科长", "subdistrict")
