"""What the case widgets share: the database, the user acting and the services of the closed loop."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from app.domain.roles import UserProfile
from app.services.cases import Actor, CaseService, actor_for
from app.services.disputes import DisputeService
from app.services.visits import VisitService
from app.store.db import Database


@dataclass
class CaseDesk:
    db: Database
    actor: Actor  # replaced by follow() when a first sync gives the user's grids the server's ids
    cases: CaseService
    visits: VisitService
    disputes: DisputeService

    @classmethod
    def open(cls, db: Database, user: Actor | UserProfile, *, now: Callable[[], datetime] | None = None) -> CaseDesk:
        """One desk for a signed-in user (a UserProfile) or an explicit workflow actor."""
        actor = user if isinstance(user, Actor) else actor_for(user)
        clock = now or datetime.now
        cases = CaseService(db, now=clock)
        return cls(db, actor, cases, VisitService(db, cases=cases), DisputeService(db, now=clock))

    def follow(self, user: UserProfile) -> None:
        """Act as ``user`` from now on (the same person, whose grids now have the server's ids)."""
        self.actor = actor_for(user)
