"""The closed loop of a case as a state machine over its append-only events (DESIGN sections 2 and 5).

收集问题 (collect) → 上传信息 (report) → 分派流转 (dispatch) → 处置反馈 (handle) → 核查办结 (close);
verification may return a handled case to its handler (return), a case can be escalated to the
sub-district (escalate) or withdrawn (withdraw) with a reason, and a grid worker may settle a small
matter on the spot (resolve_on_spot: collected → handled, then verified like any other).

A case's state is never stored as a field that a sync could overwrite: it is :func:`fold` over the
case's events. Events made on two desktops from the same state are both kept; the later one (by
hybrid-logical-clock stamp) does not move the case and is flagged so a secretary can review it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# --- states and roles ---------------------------------------------------------------------------

COLLECTED, REPORTED, DISPATCHED, HANDLED = "collected", "reported", "dispatched", "handled"
CLOSED, ESCALATED, WITHDRAWN = "closed", "escalated", "withdrawn"

STATE_LABELS: dict[str, str] = {
    COLLECTED: "已收集", REPORTED: "已上报", DISPATCHED: "已分派", HANDLED: "已处置",
    CLOSED: "已办结", ESCALATED: "已上报上级", WITHDRAWN: "已撤销",
}
STATES: tuple[str, ...] = tuple(STATE_LABELS)
FINAL_STATES = frozenset({CLOSED, WITHDRAWN})
CLOCK_STATES = frozenset({COLLECTED, REPORTED, DISPATCHED, ESCALATED})
"""States in which the deadline clock runs: a handled case waits for verification, not for its handler."""

GRID_WORKER, SECRETARY, HANDLER, SUBDISTRICT = "grid_worker", "secretary", "handler", "subdistrict"
ROLE_LABELS: dict[str, str] = {
    GRID_WORKER: "网格员", SECRETARY: "社区书记", HANDLER: "处置人", SUBDISTRICT: "街道",
}
ROLES: tuple[str, ...] = tuple(ROLE_LABELS)

WAITING_ROLE: dict[str, str] = {
    COLLECTED: GRID_WORKER, REPORTED: SECRETARY, DISPATCHED: HANDLER, HANDLED: SECRETARY, ESCALATED: SUBDISTRICT,
}
"""Whose move it is in each open state (the "waiting on me" list of the worklist)."""


class WorkflowError(ValueError):
    """A step the machine refuses; the message (Chinese) says why and what to do instead."""


# --- actions ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Transition:
    action: str
    source: str | None
    target: str
    roles: frozenset[str]


@dataclass(frozen=True)
class ActionSpec:
    code: str
    label: str
    needs: tuple[str, ...]
    """Data the action requires (see :func:`check`): handler, deadline, feedback, reason, rating."""


ACTIONS: dict[str, ActionSpec] = {a.code: a for a in (
    ActionSpec("collect", "登记", ()),
    ActionSpec("report", "上报社区", ()),
    ActionSpec("dispatch", "分派", ("handler", "deadline")),
    ActionSpec("handle", "处置反馈", ("feedback",)),
    ActionSpec("resolve_on_spot", "现场处置", ("feedback",)),
    ActionSpec("return", "退回重办", ("reason",)),
    ActionSpec("close", "核查办结", ("rating",)),
    ActionSpec("escalate", "上报上级", ("reason",)),
    ActionSpec("withdraw", "撤销", ("reason",)),
)}

_W, _S, _H, _D = GRID_WORKER, SECRETARY, HANDLER, SUBDISTRICT


def _t(action: str, source: str | None, target: str, *roles: str) -> Transition:
    return Transition(action, source, target, frozenset(roles))


TRANSITIONS: tuple[Transition, ...] = (
    _t("collect", None, COLLECTED, _W, _S, _D),
    _t("report", COLLECTED, REPORTED, _W, _S),
    _t("resolve_on_spot", COLLECTED, HANDLED, _W),
    _t("dispatch", REPORTED, DISPATCHED, _S, _D),
    _t("dispatch", ESCALATED, DISPATCHED, _D),
    # The handler's feedback; a grid worker or secretary may enter it for a department without the app.
    _t("handle", DISPATCHED, HANDLED, _H, _W, _S),
    _t("return", HANDLED, DISPATCHED, _S, _D),
    _t("close", HANDLED, CLOSED, _S, _D),
    _t("escalate", REPORTED, ESCALATED, _S),
    _t("escalate", DISPATCHED, ESCALATED, _S),
    _t("withdraw", COLLECTED, WITHDRAWN, _W, _S),
    _t("withdraw", REPORTED, WITHDRAWN, _W, _S),
    _t("withdraw", DISPATCHED, WITHDRAWN, _S),
    _t("withdraw", ESCALATED, WITHDRAWN, _D),
)
_BY_KEY: dict[tuple[str | None, str], Transition] = {(t.source, t.action): t for t in TRANSITIONS}


def state_label(state: str | None) -> str:
    return STATE_LABELS.get(state or "", "未登记")


def _roles_text(roles: Iterable[str]) -> str:
    return "或".join(ROLE_LABELS[r] for r in ROLES if r in roles)


def transition(state: str | None, action: str) -> Transition | None:
    """The transition ``action`` takes from ``state``, or None when there is none."""
    return _BY_KEY.get((state, action))


def allowed_actions(state: str | None, role: str) -> list[ActionSpec]:
    """The actions ``role`` may take on a case in ``state``, in loop order."""
    return [ACTIONS[t.action] for t in TRANSITIONS if t.source == state and role in t.roles]


def next_state(state: str | None, action: str) -> str:
    """The state after ``action``; raises :class:`WorkflowError` when the action is illegal there."""
    step = transition(state, action)
    if step is None:
        raise WorkflowError(_illegal_message(state, action))
    return step.target


def _illegal_message(state: str | None, action: str) -> str:
    spec = ACTIONS.get(action)
    if spec is None:
        return f"未知的操作“{action}”。可用的操作：{'、'.join(a.label for a in ACTIONS.values())}。"
    if state in FINAL_STATES:
        return f"事件{state_label(state)}，不能再“{spec.label}”。如问题复发，请登记一条新事件。"
    sources = [state_label(t.source) for t in TRANSITIONS if t.action == action]
    possible = "、".join(a.label for a in ACTIONS.values() if transition(state, a.code))
    hint = f"当前可以进行：{possible}。" if possible else ""
    return (f"事件当前为“{state_label(state)}”，不能“{spec.label}”"
            f"（只有{'或'.join(f'“{s}”' for s in sources)}的事件可以{spec.label}）。{hint}")


# --- checking one step --------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    """A checked step: where it leads and its cleaned data (what the event stores)."""

    action: str
    source: str | None
    target: str
    data: dict[str, Any]


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value).strip()


def _as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise WorkflowError(f"期限“{value}”不是有效日期，请按 2026-10-09 的格式填写。") from None


def check(state: str | None, action: str, role: str, data: Mapping[str, Any] | None = None, *,
          today: date, actor: str = "", handler: str | None = None) -> Step:
    """Check that ``role`` may take ``action`` on a case in ``state`` with ``data``.

    Returns the step with cleaned data (dates as ISO text, rating as int) or raises
    :class:`WorkflowError` with a message for the user. ``handler`` is the case's current handler:
    someone acting as 处置人 may only answer for a case dispatched to them.
    """
    if role not in ROLE_LABELS:
        known = "、".join(f"{k}（{v}）" for k, v in ROLE_LABELS.items())
        raise WorkflowError(f"未知的角色“{role}”。角色应为：{known}。")
    step = transition(state, action)
    if step is None:
        raise WorkflowError(_illegal_message(state, action))
    spec = ACTIONS[action]
    if role not in step.roles:
        raise WorkflowError(f"{ROLE_LABELS[role]}不能对“{state_label(state)}”的事件进行“{spec.label}”，"
                            f"此操作由{_roles_text(step.roles)}办理。")
    if role == HANDLER and handler and actor and actor != handler:
        raise WorkflowError(f"此事件已分派给“{handler}”，“{actor}”不能代为反馈。"
                            "请由该处置人反馈，或由网格员、社区书记代录。")
    given = dict(data or {})
    cleaned: dict[str, Any] = {}
    if "handler" in spec.needs:
        name = _text(given, "handler")
        if not name:
            raise WorkflowError("分派需要填写处置人（部门、物业公司或志愿队伍）。")
        cleaned["handler"] = name
    if "deadline" in spec.needs or action == "return":
        deadline = _as_date(given.get("deadline"))
        if deadline is None and "deadline" in spec.needs:
            raise WorkflowError("分派需要填写办理期限（工作日）。")
        if deadline is not None:
            if deadline < today:
                raise WorkflowError(f"办理期限 {deadline.isoformat()} 早于今天，请选择今天或以后的日期。")
            cleaned["deadline"] = deadline.isoformat()
    if "feedback" in spec.needs:
        feedback = _text(given, "feedback")
        if not feedback:
            raise WorkflowError(f"{spec.label}需要写明处置情况（做了什么、结果如何）。")
        cleaned["feedback"] = feedback
    if "reason" in spec.needs:
        reason = _text(given, "reason")
        if not reason:
            raise WorkflowError(f"{spec.label}需要填写原因。")
        cleaned["reason"] = reason
        if action == "escalate":
            cleaned["to"] = _text(given, "to") or "街道综治中心"
    if "rating" in spec.needs:
        cleaned["rating"] = _rating(given.get("rating"))
        comment = _text(given, "comment")
        if comment:
            cleaned["comment"] = comment
    return Step(action, state, step.target, cleaned)


def _rating(value: Any) -> int:
    if value is None or value == "":
        raise WorkflowError("核查办结需要群众评价：请填写 1–5 分（5 分为非常满意）。")
    try:
        rating = int(str(value).strip())
    except ValueError:
        raise WorkflowError(f"群众评价“{value}”不是 1–5 之间的整数。") from None
    if not 1 <= rating <= 5:
        raise WorkflowError(f"群众评价应为 1–5 分，收到 {rating}。")
    return rating


# --- the fold -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Event:
    """One case event as the machine reads it (the store's CaseEvent row)."""

    id: str
    action: str
    at: datetime
    actor_name: str
    actor_role: str | None = None
    from_state: str | None = None
    to_state: str | None = None
    note: str | None = None
    data: Mapping[str, Any] | None = None
    hlc: str = ""


@dataclass(frozen=True)
class Flag:
    event: Event
    reason: str
    """Chinese text for the reviewer."""


@dataclass
class Folded:
    """What the events say about a case."""

    state: str | None = None
    handler: str | None = None
    deadline: date | None = None
    collected_at: datetime | None = None
    closed_at: datetime | None = None
    rating: int | None = None
    returns: int = 0
    applied: list[Event] = field(default_factory=list)
    flagged: list[Flag] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return bool(self.flagged)


def event_order(event: Event) -> tuple[str, datetime, str]:
    """Causal order: the HLC stamp first (a desktop that saw an event stamps later), then time, then id."""
    return (event.hlc, event.at, event.id)


def fold(events: Iterable[Event]) -> Folded:
    """The case's state and derived fields from its events, in causal order.

    An event that is not a legal step from the state the earlier events reached is kept but does not
    move the case: when it left the same state as the step before it, two desktops acted on the case
    at once (a concurrent transition); otherwise it was taken from a state the case had already left.
    """
    result = Folded()
    last_source: str | None = None
    for event in sorted(events, key=event_order):
        step = transition(result.state, event.action)
        if step is None:
            spec = ACTIONS.get(event.action)
            label = spec.label if spec else event.action
            if result.applied and event.from_state == last_source:
                reason = (f"与另一操作同时发生：{event.actor_name}在“{state_label(event.from_state)}”时进行了"
                          f"“{label}”，但此前事件已变为“{state_label(result.state)}”。请核实后重新操作。")
            else:
                reason = (f"{event.actor_name}的“{label}”无法在“{state_label(result.state)}”时生效"
                          f"（操作时为“{state_label(event.from_state)}”）。请核实后重新操作。")
            result.flagged.append(Flag(event, reason))
            continue
        last_source = result.state
        result.state = step.target
        result.applied.append(event)
        _absorb(result, event)
    return result


def _absorb(result: Folded, event: Event) -> None:
    data = event.data or {}
    if event.action == "collect":
        result.collected_at = event.at
    elif event.action == "dispatch":
        result.handler = data.get("handler") or result.handler
        result.deadline = _as_date(data.get("deadline")) or result.deadline
    elif event.action == "resolve_on_spot":
        result.handler = event.actor_name
    elif event.action == "return":
        result.returns += 1
        result.deadline = _as_date(data.get("deadline")) or result.deadline
    elif event.action == "close":
        result.closed_at = event.at
        rating = data.get("rating")
        result.rating = int(rating) if rating is not None else None
