"""The closed loop, visits and statistics on PostgreSQL (the server's database), when one is reachable."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import text

from app.services.case_stats import casework_stats
from app.services.cases import Actor, CaseDraft, CaseFilter, CaseService
from app.services.demo import generate_demo
from app.services.disputes import DisputeService
from app.services.visits import VisitDraft, VisitService
from app.services.worklist import today_work
from app.store.db import Database, scratch_postgres
from tests.cases.conftest import NOW, SECRETARY
from tests.conftest import postgres_url

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_db() -> Iterator[Database]:
    with scratch_postgres(postgres_url(), "gridledger_cases") as url:
        db = Database(url)
        yield db
        db.close()


def test_loop_visits_and_stats_on_postgresql(pg_db: Database) -> None:
    generate_demo(pg_db, seed=5, households=60)
    cases = CaseService(pg_db, now=lambda: NOW)
    visits = VisitService(pg_db, cases=cases)
    assert cases.refold() == 0
    with pg_db.engine.connect() as conn:
        household, grid = conn.execute(text("SELECT id, grid_id FROM households WHERE house_id IS NOT NULL "
                                            "ORDER BY id LIMIT 1")).one()
    worker = Actor("李网格", "grid_worker", (grid,))
    result = visits.record(VisitDraft("入户", household_id=household, findings="楼道堆物"), worker,
                           CaseDraft(title="楼道堆物", category="楼道堆物"))
    assert result.case_id
    cases.act(result.case_id, "report", worker)
    cases.act(result.case_id, "dispatch", SECRETARY, data={"handler": "物业", "deadline": date(2026, 11, 5)})
    cases.act(result.case_id, "handle", worker, data={"feedback": "已清理"})
    cases.act(result.case_id, "return", SECRETARY, data={"reason": "未清理干净"})
    cases.act(result.case_id, "handle", worker, data={"feedback": "已清理干净"})
    assert cases.act(result.case_id, "close", SECRETARY, data={"rating": 5}).row.state == "closed"
    missed = visits.record(VisitDraft("入户", household_id=household, nobody_home=True), worker)
    assert missed.visit_id in {r.visit_id for r in visits.revisits(grid_ids=(grid,))}
    assert visits.coverage().tagged_people == len(visits.care_schedule(levels=("ok", "due", "overdue")))
    counts = cases.board_counts(CaseFilter(grid_ids=(grid,)))
    assert counts["closed"] >= 1
    stats = casework_stats(pg_db, NOW.date())
    assert stats["cases_per_state"]["closed"] >= 1 and stats["median_working_days_to_close"] is not None
    with pg_db.engine.connect() as conn:
        disputes = conn.execute(text("SELECT count(*) FROM dispute_details")).scalar()
    assert DisputeService(pg_db).overall().disputes == disputes
    work = today_work(pg_db, SECRETARY, cases=cases, visits=visits)
    assert work.counts["cases_overdue"] == cases.board_counts()["overdue"]
    cases.set_category(Actor("街道", "subdistrict"), "楼道堆物", 4)
    assert cases.category("楼道堆物").time_limit_days == 4
