"""A dispute ledger's closed loop is recorded in steps the importing user may take: the server refuses a grid
worker's desktop the secretary's steps (分派, 核查办结)."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import text

from app.domain import workflow as wf
from app.services.importing.merge import ImportOptions
from app.services.importing.service import run_import
from app.store.db import Database
from tests.importing.conftest import LEDGERS, needs_corpus, truth_of

DISPUTES = LEDGERS / "disputes_01.xlsx"


@needs_corpus
@pytest.mark.parametrize(("grid_worker", "mediated_state", "open_state", "role"), [
    (False, wf.CLOSED, wf.DISPATCHED, wf.SECRETARY),  # dispatched to its mediator, handled, closed
    (True, wf.HANDLED, wf.REPORTED, wf.GRID_WORKER)])  # handled on the spot, for the secretary to close
def test_imported_disputes_take_the_importers_own_steps(db: Database, grid_worker: bool, mediated_state: str,
                                                       open_state: str, role: str) -> None:
    run_import(db, [DISPUTES], ImportOptions(user_name="李网格", grid_worker=grid_worker))
    truth = truth_of(DISPUTES)["disputes"]
    mediated = sum(d["result"] in ("成功", "未成功") for d in truth)
    with db.engine.connect() as conn:
        states = Counter(conn.execute(text("SELECT state FROM cases WHERE kind = 'dispute'")).scalars())
        steps = conn.execute(text("SELECT from_state, action FROM case_events")).all()
    assert states == {mediated_state: mediated, open_state: len(truth) - mediated}
    transitions = [wf.transition(source, action) for source, action in steps]
    assert all(step is not None and role in step.roles for step in transitions)
