"""Disputes (矛盾纠纷): parties, dispute type, mediation sessions, the outcome and the agreement.

A dispute is a case of the category 矛盾纠纷 (created with :meth:`CaseService.create` and a
``dispute_type``), so it runs through the same closed loop; this service adds what mediation needs.
The mediation success rate is 调解成功 over the disputes that have an outcome (调解成功, 调解不成功
and 移交 all count as concluded); disputes still being mediated are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection

from app.domain import workflow as wf
from app.domain.case_codes import OUTCOME_SUCCESS, OUTCOMES, CodeError, require
from app.services.cases import Actor, CaseError
from app.store import case_queries as q
from app.store.case_queries import CaseFilter
from app.store.db import Database
from app.store.models import DisputeDetail, MediationSession
from app.store.writes import writing


@dataclass(frozen=True)
class Session:
    id: str
    held_on: date
    mediator: str
    summary: str


@dataclass(frozen=True)
class DisputeInfo:
    case_id: str
    dispute_type: str
    outcome: str | None
    agreement: str
    sessions: tuple[Session, ...]

    @property
    def outcome_label(self) -> str:
        return self.outcome or "调解中"


@dataclass(frozen=True)
class Rate:
    """Mediation results of one grid or period."""

    key: str
    disputes: int
    concluded: int
    succeeded: int

    @property
    def rate(self) -> float | None:
        return round(self.succeeded / self.concluded, 4) if self.concluded else None

    def as_json(self) -> dict[str, object]:
        return {"key": self.key, "disputes": self.disputes, "concluded": self.concluded,
                "succeeded": self.succeeded, "success_rate": self.rate}


class DisputeService:
    def __init__(self, db: Database, *, now: Callable[[], datetime] = datetime.now):
        self.db = db
        self.now = now

    def info(self, case_id: str) -> DisputeInfo | None:
        """The dispute part of a case (None for an ordinary case)."""
        with self.db.engine.connect() as conn:
            detail = q.dispute(conn, case_id)
            sessions = q.mediation_sessions(conn, case_id) if detail else []
        if detail is None:
            return None
        return DisputeInfo(case_id, detail["dispute_type"], detail["outcome"], detail["agreement"] or "",
                           tuple(Session(s["id"], s["held_on"], s["mediator"], s["summary"] or "") for s in sessions))

    @staticmethod
    def _open_dispute(conn: Connection, case_id: str, actor: Actor) -> tuple[dict[str, Any], dict[str, Any]]:
        row = q.case(conn, case_id)
        if row is None:
            raise CaseError(f"没有 ID 为 {case_id} 的事件。")
        if actor.grid_ids is not None and row["grid_id"] not in actor.grid_ids:
            raise CaseError("这起纠纷不在您负责的网格内，请联系所在网格的网格员或社区书记。")
        detail = q.dispute(conn, case_id)
        if detail is None:
            raise CaseError(f"事件 {row['number']} 不是矛盾纠纷，不能记录调解。")
        if row["state"] == wf.WITHDRAWN:
            raise CaseError(f"纠纷 {row['number']} 已撤销，不能再记录调解。")
        if actor.role == wf.HANDLER and row["handler"] != actor.name:
            raise CaseError(f"纠纷 {row['number']} 未分派给“{actor.name}”，不能记录调解。")
        return row, detail

    def add_session(self, case_id: str, actor: Actor, *, held_on: date, mediator: str, summary: str) -> str:
        """Record one mediation session (date, mediator, what happened)."""
        if not mediator.strip():
            raise CaseError("请填写调解员姓名。")
        if not summary.strip():
            raise CaseError("请写明本次调解的经过和结果。")
        if held_on > self.now().date():
            raise CaseError(f"调解日期 {held_on.isoformat()} 晚于今天，请记录已经进行的调解。")
        with writing(self.db) as w:
            row, _detail = self._open_dispute(w.session.connection(), case_id, actor)
            return w.insert(MediationSession, {"grid_id": row["grid_id"], "case_id": case_id, "held_on": held_on,
                                               "mediator": mediator.strip()[:50], "summary": summary.strip()})

    def conclude(self, case_id: str, actor: Actor, *, outcome: str, agreement: str = "") -> None:
        """Set the outcome (调解成功 needs the agreement's content)."""
        try:
            outcome = require(outcome, OUTCOMES, "调解结果")
        except CodeError as exc:
            raise CaseError(str(exc)) from exc
        if outcome == OUTCOME_SUCCESS and not agreement.strip():
            raise CaseError("调解成功需要填写协议内容（双方约定的事项）。")
        with writing(self.db) as w:
            _row, detail = self._open_dispute(w.session.connection(), case_id, actor)
            w.update(DisputeDetail, str(detail["id"]), {"outcome": outcome, "agreement": agreement.strip() or None})

    def success_rates(self, by: str, *, since: date | None = None, until: date | None = None,
                      grid_ids: tuple[str, ...] | None = None) -> list[Rate]:
        """Mediation success per grid (``by="grid"``) or per month (``by="month"``, YYYY-MM of the day the
        dispute occurred), for disputes that occurred between ``since`` and ``until``."""
        if by not in ("grid", "month"):
            raise ValueError(by)
        with self.db.engine.connect() as conn:
            rows = q.dispute_outcomes(conn, CaseFilter(grid_ids=grid_ids))
        groups: dict[str, list[str | None]] = {}
        for r in rows:
            day = r["occurred_on"]
            if (since and (day is None or day < since)) or (until and (day is None or day > until)):
                continue
            month = day.strftime("%Y-%m") if day else "（无日期）"
            key = (r["grid_name"] or "（未分网格）") if by == "grid" else month
            groups.setdefault(key, []).append(r["outcome"])
        return [Rate(key, len(outcomes), sum(o is not None for o in outcomes),
                     sum(o == OUTCOME_SUCCESS for o in outcomes)) for key, outcomes in sorted(groups.items())]

    def overall(self, *, grid_ids: tuple[str, ...] | None = None) -> Rate:
        rates = self.success_rates("grid", grid_ids=grid_ids)
        return Rate("全部", sum(r.disputes for r in rates), sum(r.concluded for r in rates),
                    sum(r.succeeded for r in rates))
