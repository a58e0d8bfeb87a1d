"""The closed-loop state machine: every (state, action, role), the data each step needs, and the fold."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from app.domain import workflow as wf
from app.domain.workflow import Event, WorkflowError, check, fold

W, S, H, D = "grid_worker", "secretary", "handler", "subdistrict"
TODAY = date(2026, 11, 2)

# Written out by hand from DESIGN section 2 and issue 5, independently of the machine's own table.
LEGAL: dict[tuple[str | None, str], tuple[set[str], str]] = {
    (None, "collect"): ({W, S, D}, "collected"),
    ("collected", "report"): ({W, S}, "reported"),
    ("collected", "resolve_on_spot"): ({W}, "handled"),
    ("collected", "withdraw"): ({W, S}, "withdrawn"),
    ("reported", "dispatch"): ({S, D}, "dispatched"),
    ("reported", "escalate"): ({S}, "escalated"),
    ("reported", "withdraw"): ({W, S}, "withdrawn"),
    ("dispatched", "handle"): ({H, W, S}, "handled"),
    ("dispatched", "escalate"): ({S}, "escalated"),
    ("dispatched", "withdraw"): ({S}, "withdrawn"),
    ("handled", "close"): ({S, D}, "closed"),
    ("handled", "return"): ({S, D}, "dispatched"),
    ("escalated", "dispatch"): ({D}, "dispatched"),
    ("escalated", "withdraw"): ({D}, "withdrawn"),
}
STATES: list[str | None] = [None, *wf.STATES]
VALID_DATA: dict[str, dict[str, Any]] = {
    "collect": {}, "report": {},
    "dispatch": {"handler": "锦绣物业", "deadline": TODAY + timedelta(days=5)},
    "handle": {"feedback": "已清理"}, "resolve_on_spot": {"feedback": "现场劝导，已拆除飞线"},
    "return": {"reason": "现场仍有杂物"}, "close": {"rating": 5, "comment": "满意"},
    "escalate": {"reason": "需多部门协调"}, "withdraw": {"reason": "重复上报"},
}


@pytest.mark.parametrize("role", [W, S, H, D])
@pytest.mark.parametrize("action", list(wf.ACTIONS))
@pytest.mark.parametrize("state", STATES)
def test_every_state_action_and_role(state: str | None, action: str, role: str) -> None:
    legal = LEGAL.get((state, action))
    if legal is not None and role in legal[0]:
        step = check(state, action, role, VALID_DATA[action], today=TODAY)
        assert step.target == legal[1]
        assert step.source == state
        return
    with pytest.raises(WorkflowError) as refused:
        check(state, action, role, VALID_DATA[action], today=TODAY)
    message = str(refused.value)
    if legal is None:
        assert wf.state_label(state) in message  # says where the case stands
    else:
        assert wf.ROLE_LABELS[role] in message  # says who was refused …
        assert any(wf.ROLE_LABELS[r] in message for r in legal[0])  # … and who may do it


def test_machine_table_matches_the_written_design() -> None:
    table = {(t.source, t.action): (set(t.roles), t.target) for t in wf.TRANSITIONS}
    assert table == LEGAL


def test_allowed_actions_per_role() -> None:
    assert [a.code for a in wf.allowed_actions("collected", W)] == ["report", "resolve_on_spot", "withdraw"]
    assert [a.code for a in wf.allowed_actions("handled", S)] == ["return", "close"]
    assert wf.allowed_actions("handled", W) == []
    assert wf.allowed_actions("closed", S) == []
    assert [a.code for a in wf.allowed_actions("escalated", D)] == ["dispatch", "withdraw"]


def test_final_states_say_to_open_a_new_case() -> None:
    with pytest.raises(WorkflowError, match=r"已办结.*新事件"):
        check("closed", "return", S, {"reason": "x"}, today=TODAY)
    with pytest.raises(WorkflowError, match="已撤销"):
        check("withdrawn", "report", W, today=TODAY)


def test_illegal_step_names_what_is_possible() -> None:
    with pytest.raises(WorkflowError) as refused:
        check("collected", "dispatch", S, VALID_DATA["dispatch"], today=TODAY)
    assert "当前可以进行：上报社区、现场处置、撤销" in str(refused.value)


@pytest.mark.parametrize(("action", "data", "message"), [
    ("dispatch", {"deadline": TODAY}, "处置人"),
    ("dispatch", {"handler": "  ", "deadline": TODAY}, "处置人"),
    ("dispatch", {"handler": "物业"}, "办理期限"),
    ("dispatch", {"handler": "物业", "deadline": TODAY - timedelta(days=1)}, "早于今天"),
    ("dispatch", {"handler": "物业", "deadline": "下周五"}, "不是有效日期"),
    ("handle", {"feedback": ""}, "处置情况"),
    ("return", {}, "原因"),
    ("return", {"reason": "未解决", "deadline": TODAY - timedelta(days=3)}, "早于今天"),
    ("close", {}, "1–5"),
    ("close", {"rating": 0}, "1–5"),
    ("close", {"rating": 6}, "1–5"),
    ("close", {"rating": "很好"}, "1–5"),
    ("escalate", {"reason": ""}, "原因"),
    ("withdraw", {"reason": None}, "原因"),
])
def test_required_data_is_refused_with_a_reason(action: str, data: dict[str, Any], message: str) -> None:
    source = next(s for (s, a) in LEGAL if a == action)
    role = sorted(LEGAL[(source, action)][0])[0]
    with pytest.raises(WorkflowError, match=message):
        check(source, action, role, data, today=TODAY)


def test_cleaned_data() -> None:
    dispatch = check("reported", "dispatch", S, {"handler": " 锦绣物业 ", "deadline": "2026-11-09"}, today=TODAY)
    assert dispatch.data == {"handler": "锦绣物业", "deadline": "2026-11-09"}
    close = check("handled", "close", S, {"rating": "4", "comment": " 比较满意 "}, today=TODAY)
    assert close.data == {"rating": 4, "comment": "比较满意"}
    escalate = check("reported", "escalate", S, {"reason": "跨部门"}, today=TODAY)
    assert escalate.data == {"reason": "跨部门", "to": "街道综治中心"}
    back = check("handled", "return", S, {"reason": "未解决"}, today=TODAY)
    assert back.data == {"reason": "未解决"}


def test_a_handler_answers_only_for_cases_dispatched_to_them() -> None:
    with pytest.raises(WorkflowError, match="已分派给“锦绣物业”"):
        check("dispatched", "handle", H, {"feedback": "已修"}, today=TODAY, actor="别的公司", handler="锦绣物业")
    assert check("dispatched", "handle", H, {"feedback": "已修"}, today=TODAY, actor="锦绣物业",
                 handler="锦绣物业").target == "handled"
    # A grid worker may enter the feedback for a department that does not use the app.
    assert check("dispatched", "handle", W, {"feedback": "已修"}, today=TODAY, actor="李网格",
                 handler="锦绣物业").target == "handled"


def test_unknown_role_and_action() -> None:
    with pytest.raises(WorkflowError, match="未知的角色"):
        check("collected", "report", "mayor", today=TODAY)
    with pytest.raises(WorkflowError, match="未知的操作"):
        check("collected", "teleport", W, today=TODAY)


# --- fold -----------------------------------------------------------------------------------------

def _events(*steps: tuple[str, str, dict[str, Any] | None], start: datetime = datetime(2026, 9, 28, 9)
            ) -> list[Event]:
    events, state = [], None
    for i, (action, actor, data) in enumerate(steps):
        target = wf.next_state(state, action)
        events.append(Event(id=f"e{i:02d}", action=action, at=start + timedelta(hours=i), actor_name=actor,
                            from_state=state, to_state=target, data=data, hlc=f"{i:04d}"))
        state = target
    return events


def test_fold_of_the_whole_loop_with_one_return() -> None:
    events = _events(("collect", "李网格", None), ("report", "李网格", None),
                     ("dispatch", "王书记", {"handler": "锦绣物业", "deadline": "2026-10-10"}),
                     ("handle", "锦绣物业", {"feedback": "已清理"}),
                     ("return", "王书记", {"reason": "仍有杂物", "deadline": "2026-10-13"}),
                     ("handle", "锦绣物业", {"feedback": "彻底清理"}),
                     ("close", "王书记", {"rating": 4, "comment": "满意"}))
    result = fold(reversed(events))  # storage order does not matter
    assert result.state == "closed"
    assert result.handler == "锦绣物业"
    assert result.deadline == date(2026, 10, 13)
    assert result.returns == 1
    assert result.rating == 4
    assert result.collected_at == events[0].at and result.closed_at == events[-1].at
    assert [e.id for e in result.applied] == [e.id for e in events]
    assert not result.needs_review


def test_fold_of_an_on_the_spot_fix() -> None:
    result = fold(_events(("collect", "李网格", None), ("resolve_on_spot", "李网格", {"feedback": "已劝导"}),
                          ("close", "王书记", {"rating": 5})))
    assert (result.state, result.handler, result.rating) == ("closed", "李网格", 5)


def test_two_concurrent_steps_are_both_kept_and_the_later_is_flagged() -> None:
    base = _events(("collect", "李网格", None), ("report", "李网格", None),
                   ("dispatch", "王书记", {"handler": "锦绣物业", "deadline": "2026-10-10"}))
    at = base[-1].at + timedelta(hours=2)
    handled = Event("x1", "handle", at, "锦绣物业", "handler", "dispatched", "handled", None, {"feedback": "修好"},
                    hlc="0100")
    escalated = Event("x2", "escalate", at - timedelta(minutes=30), "王书记", "secretary", "dispatched",
                      "escalated", None, {"reason": "跨部门"}, hlc="0101")
    result = fold([*base, escalated, handled])
    assert result.state == "handled"  # the earlier stamp wins, whatever the wall clocks say
    assert [f.event.id for f in result.flagged] == ["x2"]
    assert "同时发生" in result.flagged[0].reason
    assert result.needs_review
    # The later step of the desktop that won still applies on top.
    closed = Event("x3", "close", at + timedelta(hours=1), "王书记", "secretary", "handled", "closed", None,
                   {"rating": 5}, hlc="0102")
    assert fold([*base, handled, escalated, closed]).state == "closed"


def test_a_step_from_a_state_already_left_is_flagged_not_applied() -> None:
    base = _events(("collect", "李网格", None), ("report", "李网格", None),
                   ("dispatch", "王书记", {"handler": "物业", "deadline": "2026-10-10"}),
                   ("handle", "物业", {"feedback": "修好"}))
    stale = Event("s1", "withdraw", base[-1].at + timedelta(hours=1), "李网格", "grid_worker", "collected",
                  "withdrawn", None, {"reason": "已解决"}, hlc="0200")
    result = fold([*base, stale])
    assert result.state == "handled"
    assert "无法在“已处置”时生效" in result.flagged[0].reason


def test_fold_of_nothing_and_of_an_unknown_action() -> None:
    assert fold([]).state is None
    odd = Event("o", "teleport", datetime(2026, 1, 1), "某人", hlc="1")
    result = fold([*_events(("collect", "李网格", None)), odd])
    assert result.state == "collected" and result.flagged[0].event.id == "o"
