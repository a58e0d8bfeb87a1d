"""今日工作: what a user should do today — care visits due and overdue, revisits, cases waiting on them,
overdue cases — limited to the grids they serve."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain import visiting
from app.domain import workflow as wf
from app.services.cases import Actor, CaseRow, CaseService
from app.services.visits import CareItem, RevisitItem, VisitService
from app.store.case_queries import CaseFilter
from app.store.db import Database


@dataclass(frozen=True)
class Worklist:
    day: date
    visits_overdue: list[CareItem]
    visits_due: list[CareItem]
    revisits: list[RevisitItem]
    cases_waiting: list[CaseRow]
    cases_overdue: list[CaseRow]

    @property
    def counts(self) -> dict[str, int]:
        return {"visits_overdue": len(self.visits_overdue), "visits_due": len(self.visits_due),
                "revisits": len(self.revisits), "cases_waiting": len(self.cases_waiting),
                "cases_overdue": len(self.cases_overdue)}


def waiting_filter(actor: Actor) -> CaseFilter | None:
    """The cases whose next step is the actor's: by role, and for someone who handles cases, those
    dispatched to them by name (a grid worker's returned on-the-spot fix, a handler's assignments)."""
    states = tuple(s for s, role in wf.WAITING_ROLE.items() if role == actor.role)
    return CaseFilter(states=states, grid_ids=actor.grid_ids) if states else None


def today_work(db: Database, actor: Actor, *, cases: CaseService | None = None,
               visits: VisitService | None = None) -> Worklist:
    case_service = cases or CaseService(db)
    visit_service = visits or VisitService(db, cases=case_service)
    grids = actor.grid_ids
    care = visit_service.care_schedule(grid_ids=grids)
    waiting_ids: list[str] = []
    by_role = waiting_filter(actor)
    if by_role is not None:
        waiting_ids += case_service.ids(by_role)
    assigned = CaseFilter(states=(wf.DISPATCHED,), handler=actor.name, grid_ids=grids)
    seen = set(waiting_ids)
    waiting_ids += [i for i in case_service.ids(assigned) if i not in seen]
    overdue_ids = case_service.board_ids("overdue", CaseFilter(grid_ids=grids))
    return Worklist(
        day=case_service.today(),
        visits_overdue=[c for c in care if c.status.level == visiting.OVERDUE],
        visits_due=[c for c in care if c.status.level == visiting.DUE],
        revisits=visit_service.revisits(grid_ids=grids),
        cases_waiting=case_service.rows(waiting_ids),
        cases_overdue=case_service.rows(overdue_ids))
