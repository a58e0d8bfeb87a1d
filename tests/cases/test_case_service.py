"""Registering cases, acting on the loop through the one write path, the timeline and the board."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from app.domain import workflow as wf
from app.paths import data_dir
from app.services.cases import Actor, CaseDraft, CaseError, CaseFilter, CaseService, PartyDraft
from app.store.db import Database
from app.store.models import CaseEvent
from app.store.writes import writing
from tests.cases.conftest import NOW, SECRETARY, SUBDISTRICT, Home


def _draft(home: Home, **extra: object) -> CaseDraft:
    values: dict[str, object] = {"title": "2单元楼道堆放纸箱", "category": "楼道堆物",
                                 "description": "纸箱堵住消防通道", "house_id": home.house_id}
    values.update(extra)
    return CaseDraft(**values)  # type: ignore[arg-type]


def _scalar(db: Database, sql: str, **params: object) -> object:
    with db.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def test_create_registers_a_collected_case_with_parties_and_attachments(
        cases: CaseService, case_db: Database, home: Home, worker: Actor, tmp_path: Path) -> None:
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8 fake jpeg bytes")
    case_id = cases.create(_draft(home, parties=[PartyDraft(person_id=home.person_id, role="反映人"),
                                                 PartyDraft(name="外来商户", role="被反映人")],
                                  attachments=[photo, photo]), worker)
    detail = cases.detail(case_id, worker)
    assert detail.row.state == "collected"
    assert re.fullmatch(r"SJ20261102[0-9A-F]{4}\d{3}", detail.row.number)
    address = _scalar(case_db, """SELECT e.name || b.name || u.name || h.room FROM houses h
        JOIN buildings b ON b.id = h.building_id JOIN estates e ON e.id = b.estate_id
        JOIN units u ON u.id = h.unit_id WHERE h.id = :h""", h=home.house_id)
    assert detail.row.place == address
    assert _scalar(case_db, "SELECT grid_id FROM cases WHERE id = :c", c=case_id) == home.grid_id
    assert detail.reported_by == home.person_name
    assert [(p.name, p.role) for p in detail.parties] == [(home.person_name, "反映人"), ("外来商户", "被反映人")]
    assert [t.action for t in detail.timeline] == ["collect"]
    assert [a.code for a in detail.actions] == ["report", "resolve_on_spot", "withdraw"]
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert (data_dir() / "attachments" / sha[:2] / sha).read_bytes() == photo.read_bytes()
    assert [a.sha256 for a in detail.attachments] == [sha, sha]  # two rows, one blob
    assert len(list((data_dir() / "attachments").rglob("*"))) == 2  # the folder and the blob
    # Every row went through the write path: stamped and in the outbox.
    owned = {"cases": "id = :c", "case_events": "case_id = :c", "case_parties": "case_id = :c",
             "attachments": "owner_id = :c"}
    for table, where in owned.items():
        rows = _scalar(case_db, f"SELECT count(*) FROM {table} WHERE {where}", c=case_id)
        queued = _scalar(case_db, f"SELECT count(*) FROM outbox WHERE table_name = '{table}' "
                                  f"AND row_id IN (SELECT id FROM {table} WHERE {where})", c=case_id)
        assert rows and queued == rows, table


@pytest.mark.parametrize(("change", "message"), [
    ({"category": "外星人入侵"}, "没有事件类别"),
    ({"house_id": None}, "请填写事件地点"),
    ({"title": "", "description": ""}, "标题或问题描述"),
    ({"source": "微信群"}, "事件来源"),
    ({"category": "矛盾纠纷"}, "纠纷类型"),
    ({"deadline": date(2026, 10, 1)}, "早于今天"),
])
def test_create_refuses_incomplete_cases(cases: CaseService, home: Home, worker: Actor,
                                         change: dict[str, object], message: str) -> None:
    with pytest.raises(CaseError, match=message):
        cases.create(_draft(home, **change), worker)


def test_roles_and_grids_limit_who_registers(cases: CaseService, home: Home) -> None:
    with pytest.raises(CaseError, match="处置人不能"):
        cases.create(_draft(home), Actor("锦绣物业", "handler"))
    with pytest.raises(CaseError, match="不在您负责的网格"):
        cases.create(_draft(home), Actor("外网格员", "grid_worker", ("another-grid",)))


def test_the_whole_loop_with_one_return(cases: CaseService, case_db: Database, home: Home, worker: Actor) -> None:
    case_id = cases.create(_draft(home), worker)
    before = cases.board_counts()
    cases.act(case_id, "report", worker, note="请社区协调")
    deadline = cases.suggested_deadline("楼道堆物")
    assert deadline == date(2026, 11, 5)  # 3 working days from Monday 2 November
    cases.act(case_id, "dispatch", SECRETARY, data={"handler": "锦绣物业", "deadline": deadline})
    handler = Actor("锦绣物业", "handler")
    cases.act(case_id, "handle", handler, data={"feedback": "已通知住户清理"})
    cases.act(case_id, "return", SECRETARY, data={"reason": "复查仍有纸箱", "deadline": date(2026, 11, 6)})
    cases.act(case_id, "handle", handler, data={"feedback": "物业已全部清运"})
    detail = cases.act(case_id, "close", SECRETARY, data={"rating": 4, "comment": "比较满意"})

    assert detail.row.state == "closed" and detail.rating == 4 and detail.returns == 1
    assert detail.row.handler == "锦绣物业" and detail.row.deadline == date(2026, 11, 6)
    assert [t.action for t in detail.timeline] == ["collect", "report", "dispatch", "handle", "return", "handle",
                                                   "close"]
    assert [t.to_state for t in detail.timeline][-3:] == ["dispatched", "handled", "closed"]
    assert detail.timeline[4].details == "退回原因：复查仍有纸箱；新期限：2026-11-06"
    assert detail.timeline[1].note == "请社区协调"
    assert detail.actions == ()
    # The cached state equals the fold and moved the board.
    assert _scalar(case_db, "SELECT state FROM cases WHERE id = :c", c=case_id) == "closed"
    after = cases.board_counts()
    assert after["closed"] == before["closed"] + 1 and after["to_report"] == before["to_report"] - 1
    assert cases.refold([case_id]) == 0


def test_illegal_steps_are_refused_and_nothing_is_written(cases: CaseService, case_db: Database, home: Home,
                                                          worker: Actor) -> None:
    case_id = cases.create(_draft(home), worker)
    events = _scalar(case_db, "SELECT count(*) FROM case_events WHERE case_id = :c", c=case_id)
    with pytest.raises(CaseError, match="不能“分派”"):
        cases.act(case_id, "dispatch", SECRETARY, data={"handler": "物业", "deadline": date(2026, 11, 9)})
    cases.act(case_id, "report", worker)
    with pytest.raises(CaseError, match="网格员不能对“已上报”的事件进行“分派”"):
        cases.act(case_id, "dispatch", worker, data={"handler": "物业", "deadline": date(2026, 11, 9)})
    with pytest.raises(CaseError, match="不在您负责的网格"):
        cases.act(case_id, "withdraw", Actor("外网格员", "grid_worker", ("x",)), data={"reason": "重复"})
    assert _scalar(case_db, "SELECT count(*) FROM case_events WHERE case_id = :c", c=case_id) == events + 1


def test_on_the_spot_fix_then_verification(cases: CaseService, home: Home, worker: Actor) -> None:
    case_id = cases.create(_draft(home, category="飞线充电", title="飞线充电"), worker)
    detail = cases.act(case_id, "resolve_on_spot", worker, data={"feedback": "现场劝导，已拆除飞线"})
    assert detail.row.state == "handled" and detail.row.handler == "李网格"
    assert [a.code for a in cases.detail(case_id, SECRETARY).actions] == ["return", "close"]
    with pytest.raises(CaseError, match="社区书记或街道"):
        cases.act(case_id, "close", worker, data={"rating": 5})
    assert cases.act(case_id, "close", SECRETARY, data={"rating": 5}).row.state == "closed"


def test_escalation_is_dispatched_by_the_subdistrict(cases: CaseService, home: Home, worker: Actor) -> None:
    case_id = cases.create(_draft(home, category="安全隐患", title="外墙脱落"), worker)
    cases.act(case_id, "report", worker)
    cases.act(case_id, "escalate", SECRETARY, data={"reason": "需专项资金"})
    assert cases.detail(case_id, SECRETARY).actions == ()
    detail = cases.act(case_id, "dispatch", SUBDISTRICT, data={"handler": "街道城管科", "deadline": "2026-11-10"})
    assert detail.row.state == "dispatched" and detail.timeline[2].details == "上报至：街道综治中心；原因：需专项资金"


def test_concurrent_steps_from_two_desktops_are_kept_and_flagged(cases: CaseService, case_db: Database, home: Home,
                                                                 worker: Actor) -> None:
    case_id = cases.create(_draft(home), worker)
    cases.act(case_id, "report", worker)
    cases.act(case_id, "dispatch", SECRETARY, data={"handler": "物业", "deadline": date(2026, 11, 9)})
    cases.act(case_id, "handle", worker, data={"feedback": "已清理"})
    # The secretary's desktop, offline, still saw the case dispatched and escalated it; sync brings it in.
    with writing(case_db) as w:
        w.insert(CaseEvent, {"grid_id": home.grid_id, "case_id": case_id, "action": "escalate",
                             "from_state": "dispatched", "to_state": "escalated", "actor_name": "王书记",
                             "actor_role": "secretary", "at": NOW - timedelta(minutes=5),
                             "note": None, "data": {"reason": "跨部门"}})
    assert cases.refold([case_id]) == 0  # the later stamp does not move the case
    detail = cases.detail(case_id, SECRETARY)
    assert detail.row.state == "handled" and detail.needs_review
    flagged = [t for t in detail.timeline if t.flag]
    assert [t.action for t in flagged] == ["escalate"] and "同时发生" in (flagged[0].flag or "")
    assert detail.timeline[-1].action == "escalate"  # shown in causal order, last


def test_refold_repairs_a_stale_cache(cases: CaseService, case_db: Database, home: Home, worker: Actor) -> None:
    case_id = cases.create(_draft(home), worker)
    cases.act(case_id, "report", worker)
    with case_db.engine.begin() as conn:  # a cache overwritten by a buggy or old client
        conn.execute(text("UPDATE cases SET state = 'closed' WHERE id = :c"), {"c": case_id})
    assert cases.refold() == 1
    assert cases.detail(case_id).row.state == "reported"


def test_demo_cases_agree_with_the_machine(cases: CaseService) -> None:
    assert cases.refold() == 0
    counts = cases.board_counts()
    assert all(counts[code] > 0 for code in counts)
    with pytest.raises(CaseError):
        cases.resolve("SJ-nope")


def test_board_filters_and_overdue(cases: CaseService, case_db: Database) -> None:
    overdue = cases.rows(cases.board_ids("overdue"))
    assert overdue and all(r.overdue and r.deadline and r.deadline < NOW.date() for r in overdue)
    assert all(r.state in wf.CLOCK_STATES for r in overdue)
    expected = _scalar(case_db, "SELECT count(*) FROM cases WHERE deadline < :d AND state IN "
                                "('collected','reported','dispatched','escalated')", d=NOW.date())
    assert cases.board_counts()["overdue"] == expected == len(overdue)
    in_progress = cases.rows(cases.board_ids("in_progress"))
    assert {r.state for r in in_progress} == {"dispatched"}
    grid = in_progress[0].grid
    grid_ids = cases.find_grids(grid)
    scoped = cases.board_counts(CaseFilter(grid_ids=grid_ids))
    assert scoped["all"] < cases.board_counts()["all"]


def test_category_time_limits_are_configured_by_the_subdistrict(cases: CaseService, case_db: Database) -> None:
    with pytest.raises(CaseError, match="由街道设置"):
        cases.set_category(SECRETARY, "楼道堆物", 5)
    cases.set_category(SUBDISTRICT, "楼道堆物", 5)
    other = CaseService(case_db, now=lambda: NOW)  # another desktop configuring the same category
    other.set_category(SUBDISTRICT, "楼道堆物", 6, warn_days=1)
    assert _scalar(case_db, "SELECT count(*) FROM case_categories WHERE name = '楼道堆物'") == 1
    fresh = CaseService(case_db, now=lambda: NOW)
    assert fresh.category("楼道堆物").time_limit_days == 6
    assert fresh.suggested_deadline("楼道堆物") == date(2026, 11, 10)
    assert fresh.suggested_deadline("楼道堆物", "紧急") == date(2026, 11, 3)
    fresh.set_category(SUBDISTRICT, "高空抛物", 2, on_spot=False)
    assert "高空抛物" in [c.name for c in fresh.categories()]
    fresh.set_category(SUBDISTRICT, "高空抛物", 2, active=False)
    with pytest.raises(CaseError, match="没有事件类别"):
        fresh.category("高空抛物")


def test_a_calendar_day_entered_for_an_uncovered_year(cases: CaseService) -> None:
    late = CaseService(cases.db, now=lambda: datetime(2027, 2, 5, 9))
    assert not late.calendar().covers(2027)
    with pytest.raises(CaseError, match="街道或社区书记"):
        late.set_calendar_day(Actor("李网格", "grid_worker"), date(2027, 2, 8), False, "春节")
    late.set_calendar_day(SUBDISTRICT, date(2027, 2, 8), False, "春节")
    assert late.calendar().covers(2027)
    assert late.calendar().add_working_days(date(2027, 2, 5), 1) == date(2027, 2, 9)


def test_household_lists_and_building_badges(cases: CaseService, home: Home, worker: Actor) -> None:
    before = cases.open_cases_per_house(home.building_id).get(home.house_id, 0)
    case_id = cases.create(_draft(home, parties=[PartyDraft(person_id=home.person_id)]), worker)
    assert cases.open_cases_per_house(home.building_id)[home.house_id] == before + 1
    assert case_id in cases.ids(CaseFilter(household_id=home.household_id))
    assert case_id in cases.ids(CaseFilter(person_id=home.person_id))
    cases.act(case_id, "withdraw", worker, data={"reason": "居民已自行清理"})
    assert cases.open_cases_per_house(home.building_id).get(home.house_id, 0) == before
