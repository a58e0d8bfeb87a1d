"""Statistics of the closed loop for ``gridledger stats``: cases per state and category, overdue and
near-deadline counts, the median working days from registration to closing, mediation success and
the visit coverage of tagged people."""

from __future__ import annotations

from datetime import date, datetime
from statistics import median
from typing import Any

from app.domain.calendar import NEAR, OVERDUE, deadline_status
from app.services.cases import CaseService
from app.services.disputes import DisputeService
from app.services.visits import VisitService
from app.store import case_queries as q
from app.store.case_queries import CaseFilter
from app.store.db import Database


def casework_stats(db: Database, on: date | None = None, *, grid_ids: tuple[str, ...] | None = None
                   ) -> dict[str, Any]:
    """One JSON-able document; ``on`` is the day deadlines and care visits are judged against."""
    day = on or date.today()
    cases = CaseService(db, now=lambda: datetime.combine(day, datetime.min.time()))
    calendar = cases.calendar()
    warn = {c.name: c.warn_days for c in cases.categories(include_inactive=True)}
    scope = CaseFilter(grid_ids=grid_ids)
    with db.engine.connect() as conn:
        per_state = q.count_by(conn, "state", scope)
        per_category = q.count_by(conn, "category", scope)
        deadlines = q.open_deadlines(conn, scope)
        spans = q.close_spans(conn, scope)
    overdue: dict[str, int] = {}
    near = 0
    for _id, category, deadline in deadlines:
        level = deadline_status(deadline, day, calendar, warn.get(category, 2)).level
        if level == OVERDUE:
            overdue[category] = overdue.get(category, 0) + 1
        near += level == NEAR
    days_to_close = [calendar.working_days_between(first.date(), closed.date())
                     for first, closed in spans if first and closed]
    disputes = DisputeService(db)
    visits = VisitService(db, cases=cases)
    return {
        "cases_per_state": per_state,
        "cases_per_category": per_category,
        "overdue": sum(overdue.values()),
        "overdue_per_category": dict(sorted(overdue.items(), key=lambda kv: -kv[1])),
        "near_deadline": near,
        "closed": len(days_to_close),
        "median_working_days_to_close": median(days_to_close) if days_to_close else None,
        "mediation": {
            **disputes.overall(grid_ids=grid_ids).as_json(),
            "per_grid": [r.as_json() for r in disputes.success_rates("grid", grid_ids=grid_ids)],
            "per_month": [r.as_json() for r in disputes.success_rates("month", grid_ids=grid_ids)],
        },
        "visit_coverage": visits.coverage(grid_ids=grid_ids).as_json(),
        "calendar_covers_year": calendar.covers(day.year),
    }
