"""Every write path feeds the outbox: after demo, import, household edits, cases and visits, each synced row
that did not come from the server has an outbox entry, and no outbox entry points at a missing row."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from app.cli import main
from app.domain.ids import generate_id
from app.services.demo import generate_demo
from app.services.households import HouseholdService, PersonInput
from app.store.db import Database
from app.store.models import SYNCED_MODELS
from tests.conftest import SHARED

LEDGER = SHARED / "ledgers" / "people_01_clean.xlsx"


def _unqueued(db: Database) -> dict[str, int]:
    missing = {}
    with db.engine.connect() as conn:
        for model in SYNCED_MODELS:
            table = model.__tablename__
            n = conn.execute(text(f"""
                SELECT count(*) FROM {table} t WHERE t.server_seq IS NULL AND NOT EXISTS (
                    SELECT 1 FROM outbox o WHERE o.table_name = :t AND o.row_id = t.id)"""), {"t": table}).scalar()
            if n:
                missing[table] = n
        dangling = conn.execute(text("SELECT DISTINCT table_name FROM outbox")).scalars().all()
        for table in dangling:
            n = conn.execute(text(f"""SELECT count(*) FROM outbox o WHERE o.table_name = :t AND NOT EXISTS (
                                      SELECT 1 FROM {table} t WHERE t.id = o.row_id)"""), {"t": table}).scalar()
            if n:
                missing[f"outbox→{table}"] = n
    return missing


def test_every_write_path_feeds_the_outbox(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "all.sqlite"
    db = Database(path)
    generate_demo(db, households=80, seed=3)
    assert _unqueued(db) == {}

    if LEDGER.exists():  # the import path (the ledgers ship beside the project)
        assert main(["import", str(LEDGER), "--db", str(path), "--json"]) in (0, 1)
        assert json.loads(capsys.readouterr().out)["counts"]["people"]["created"] > 0
        assert _unqueued(db) == {}

    with db.engine.connect() as conn:
        house = conn.execute(text("SELECT id FROM houses WHERE id NOT IN (SELECT house_id FROM households "
                                  "WHERE house_id IS NOT NULL) LIMIT 1")).scalar()
    rng = random.Random(1)
    service = HouseholdService(db)
    head = PersonInput("路人甲", generate_id(rng, "110101", date(1980, 1, 1), True))
    daughter = PersonInput("路人乙", generate_id(rng, "110101", date(2010, 1, 1), False), relation="女")
    household = service.create_household(house, head, [daughter])
    member = service.load(household).members[1].id
    service.update_member(member, PersonInput("路人丙", relation="女"))
    service.remove_member(member, "迁往外地")
    assert _unqueued(db) == {}

    assert main(["case", "new", "--db", str(path), "--category", "楼道堆物", "--title", "楼道堆放杂物",
                 "--household", household, "--json"]) == 0
    case = json.loads(capsys.readouterr().out)["id"]
    assert main(["case", "act", case, "report", "--as", "grid_worker", "--user", "网格员甲", "--db", str(path)]) == 0
    assert main(["visit", "add", "--household", household, "--method", "入户", "--findings", "一切正常",
                 "--db", str(path)]) == 0
    capsys.readouterr()
    assert _unqueued(db) == {}
    db.close()
