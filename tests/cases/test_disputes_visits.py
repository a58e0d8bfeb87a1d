"""Disputes with mediation, visits with revisits and the care schedule, 今日工作 and the statistics."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import text

from app.domain.visiting import DUE, OVERDUE
from app.services.case_stats import casework_stats
from app.services.cases import Actor, CaseDraft, CaseError, CaseService, PartyDraft
from app.services.disputes import DisputeService
from app.services.stats import ledger_stats
from app.services.visits import VisitDraft, VisitService
from app.services.worklist import today_work
from app.store.db import Database
from tests.cases.conftest import NOW, SECRETARY, Home


def _count(db: Database, sql: str, **params: object) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text(sql), params).scalar() or 0)


# --- disputes -------------------------------------------------------------------------------------

def _dispute(cases: CaseService, home: Home, worker: Actor) -> str:
    return cases.create(CaseDraft(title="楼上漏水致楼下受损", category="矛盾纠纷", dispute_type="漏水",
                                  house_id=home.house_id, parties=[PartyDraft(person_id=home.person_id),
                                                                   PartyDraft(name="楼上住户张某")]), worker)


def test_mediation_sessions_and_outcome(cases: CaseService, disputes: DisputeService, home: Home,
                                        worker: Actor) -> None:
    case_id = _dispute(cases, home, worker)
    assert cases.detail(case_id).row.kind == "dispute"
    info = disputes.info(case_id)
    assert info is not None and (info.dispute_type, info.outcome_label) == ("漏水", "调解中")
    disputes.add_session(case_id, worker, held_on=date(2026, 10, 30), mediator="李网格", summary="分别听取双方意见")
    disputes.add_session(case_id, SECRETARY, held_on=date(2026, 11, 2), mediator="王书记", summary="双方达成一致")
    with pytest.raises(CaseError, match="协议内容"):
        disputes.conclude(case_id, SECRETARY, outcome="调解成功")
    with pytest.raises(CaseError, match="调解结果"):
        disputes.conclude(case_id, SECRETARY, outcome="和好如初")
    with pytest.raises(CaseError, match="晚于今天"):
        disputes.add_session(case_id, worker, held_on=date(2026, 11, 3), mediator="李网格", summary="x")
    disputes.conclude(case_id, SECRETARY, outcome="调解成功", agreement="楼上住户维修防水并赔偿")
    info = disputes.info(case_id)
    assert info is not None
    assert [s.mediator for s in info.sessions] == ["李网格", "王书记"]
    assert (info.outcome, info.agreement) == ("调解成功", "楼上住户维修防水并赔偿")


def test_mediation_only_for_open_disputes(cases: CaseService, disputes: DisputeService, home: Home,
                                          worker: Actor) -> None:
    plain = cases.create(CaseDraft(title="路灯不亮", category="物业管理", house_id=home.house_id), worker)
    with pytest.raises(CaseError, match="不是矛盾纠纷"):
        disputes.add_session(plain, worker, held_on=NOW.date(), mediator="李网格", summary="x")
    case_id = _dispute(cases, home, worker)
    cases.act(case_id, "withdraw", worker, data={"reason": "双方自行和解"})
    with pytest.raises(CaseError, match="已撤销"):
        disputes.add_session(case_id, worker, held_on=NOW.date(), mediator="李网格", summary="x")


def test_success_rate_per_grid_and_month(cases: CaseService, disputes: DisputeService, case_db: Database,
                                         home: Home, worker: Actor) -> None:
    before = {r.key: r for r in disputes.success_rates("month")}
    first, second = _dispute(cases, home, worker), _dispute(cases, home, worker)
    disputes.conclude(first, SECRETARY, outcome="调解成功", agreement="赔偿")
    disputes.conclude(second, SECRETARY, outcome="移交")
    _dispute(cases, home, worker)  # still mediating: not counted as concluded
    month = {r.key: r for r in disputes.success_rates("month")}["2026-11"]
    old = before.get("2026-11")
    assert month.disputes == (old.disputes if old else 0) + 3
    assert month.concluded == (old.concluded if old else 0) + 2
    assert month.succeeded == (old.succeeded if old else 0) + 1
    grid_name = cases.detail(first).row.grid
    by_grid = {r.key: r for r in disputes.success_rates("grid")}[grid_name]
    expected_success = _count(case_db, """SELECT count(*) FROM dispute_details d JOIN cases c ON c.id = d.case_id
                                          WHERE c.grid_id = :g AND d.outcome = '调解成功'""", g=home.grid_id)
    assert by_grid.succeeded == expected_success
    assert by_grid.rate == round(by_grid.succeeded / by_grid.concluded, 4)
    only_nov = disputes.success_rates("grid", since=date(2026, 11, 1))
    assert sum(r.disputes for r in only_nov) == month.disputes


# --- visits ---------------------------------------------------------------------------------------

def test_a_visit_that_finds_a_matter_creates_the_case_in_one_step(visits: VisitService, cases: CaseService,
                                                                  case_db: Database, home: Home,
                                                                  worker: Actor) -> None:
    result = visits.record(VisitDraft("入户", person_id=home.person_id, findings="老人反映下水道返水"), worker,
                           CaseDraft(title="卫生间下水道返水", category="下水道堵塞"))
    assert result.case_id and result.revisit_due is None
    detail = cases.detail(result.case_id)
    assert detail.row.state == "collected"
    assert [(p.person_id, p.role) for p in detail.parties] == [(home.person_id, "反映人")]
    assert detail.timeline[0].note == "入户走访时发现"
    assert detail.house_id == home.house_id
    row = visits.visits_of(household_id=home.household_id, limit=1)[0]
    assert (row.id, row.method, row.visitor, row.person_name) == (result.visit_id, "入户", "李网格", home.person_name)


def test_a_failing_case_leaves_no_visit_behind(visits: VisitService, case_db: Database, home: Home,
                                               worker: Actor) -> None:
    before = _count(case_db, "SELECT count(*) FROM visits")
    with pytest.raises(CaseError, match="没有事件类别"):
        visits.record(VisitDraft("入户", household_id=home.household_id, findings="发现问题"), worker,
                      CaseDraft(title="某问题", category="不存在的类别"))
    assert _count(case_db, "SELECT count(*) FROM visits") == before


@pytest.mark.parametrize(("draft", "message"), [
    (VisitDraft("上门"), "走访方式"),
    (VisitDraft("入户"), "走访情况"),
    (VisitDraft("巡查", nobody_home=True), "巡查不需要"),
    (VisitDraft("入户", findings="x", visited_at=NOW + timedelta(hours=2)), "晚于现在"),
])
def test_visit_entry_is_checked(visits: VisitService, home: Home, worker: Actor, draft: VisitDraft,
                                message: str) -> None:
    draft.household_id = home.household_id
    with pytest.raises(CaseError, match=message):
        visits.record(draft, worker)


def test_nobody_home_queues_an_evening_then_weekend_revisit(visits: VisitService, home: Home,
                                                            worker: Actor) -> None:
    morning = visits.record(VisitDraft("入户", household_id=home.household_id, nobody_home=True,
                                       visited_at=datetime(2026, 11, 2, 9, 30)), worker)
    assert (morning.revisit_due, morning.revisit_slot) == (date(2026, 11, 2), "晚间（17:00 后）")
    queued = [r for r in visits.revisits() if r.household_id == home.household_id]
    assert [r.visit_id for r in queued] == [morning.visit_id]
    evening = visits.record(VisitDraft("补访", household_id=home.household_id, nobody_home=True,
                                       visited_at=datetime(2026, 11, 2, 9, 50)), worker)
    assert evening.revisit_due == date(2026, 11, 2)
    later = VisitService(visits.db, cases=CaseService(visits.db, now=lambda: datetime(2026, 11, 2, 20, 0)))
    night = later.record(VisitDraft("补访", household_id=home.household_id, nobody_home=True), worker)
    assert (night.revisit_due, night.revisit_slot) == (date(2026, 11, 7), "周末/节假日")
    queued = [r.visit_id for r in later.revisits() if r.household_id == home.household_id]
    assert queued == [night.visit_id]  # each new attempt replaces the earlier one
    weekend = VisitService(visits.db, cases=CaseService(visits.db, now=lambda: datetime(2026, 11, 7, 10, 0)))
    weekend.record(VisitDraft("补访", household_id=home.household_id, findings="周末见到户主，一切正常"), worker)
    assert not [r for r in weekend.revisits() if r.household_id == home.household_id]


def test_care_schedule_from_tag_frequency_and_last_visit(visits: VisitService, case_db: Database,
                                                         worker: Actor) -> None:
    overdue = visits.care_schedule(levels=(OVERDUE,))
    assert overdue and all(i.status.due_on < NOW.date() for i in overdue)
    person = overdue[0]
    with case_db.engine.connect() as conn:
        every = conn.execute(text("""SELECT min(t.visit_every_days) FROM person_tags pt JOIN tag_types t
            ON t.id = pt.tag_id WHERE pt.person_id = :p AND pt.deleted = 0 AND pt.until IS NULL"""),
            {"p": person.person_id}).scalar()
        last = conn.execute(text("""SELECT max(visited_at) FROM visits WHERE nobody_home = 0 AND
            (person_id = :p OR (person_id IS NULL AND household_id = :h))"""),
            {"p": person.person_id, "h": person.household_id}).scalar()
    assert person.every_days == every
    assert person.last_visit == (datetime.fromisoformat(last).date() if last else None)
    before = visits.coverage()
    actor = Actor("李网格", "grid_worker", (person.grid_id,) if person.grid_id else None)
    visits.record(VisitDraft("电话", person_id=person.person_id, findings="电话问候，身体尚好"), actor)
    assert person.person_id not in {i.person_id for i in visits.care_schedule(levels=(OVERDUE, DUE))}
    after = visits.coverage()
    assert (after.overdue, after.covered) == (before.overdue - 1, before.covered + 1)
    assert after.rate == round(after.covered / after.tagged_people, 4)


def test_overdue_care_badges_per_house(visits: VisitService) -> None:
    item = next(i for i in visits.care_schedule(levels=(OVERDUE,)) if i.house_id)
    with visits.db.engine.connect() as conn:
        building = conn.execute(text("SELECT building_id FROM houses WHERE id = :h"), {"h": item.house_id}).scalar()
    badges = visits.overdue_care_per_house(str(building))
    assert badges[item.house_id] >= 1
    assert sum(badges.values()) == len(visits.care_schedule(building_id=str(building), levels=(OVERDUE,)))


# --- worklist and statistics ----------------------------------------------------------------------

def test_today_work_per_role(case_db: Database, cases: CaseService, visits: VisitService, home: Home,
                             worker: Actor) -> None:
    case_id = cases.create(CaseDraft(title="楼道灯不亮", category="物业管理", house_id=home.house_id), worker)
    mine = today_work(case_db, worker, cases=cases, visits=visits)
    assert case_id in [c.id for c in mine.cases_waiting]
    assert all(c.state == "collected" or c.handler == worker.name for c in mine.cases_waiting)
    assert all(i.grid_id == home.grid_id for i in mine.visits_overdue + mine.visits_due)
    cases.act(case_id, "report", worker)
    secretary = today_work(case_db, SECRETARY, cases=cases, visits=visits)
    assert case_id in [c.id for c in secretary.cases_waiting]
    assert {c.state for c in secretary.cases_waiting} <= {"reported", "handled"}
    assert secretary.counts["cases_overdue"] == cases.board_counts()["overdue"]
    assert case_id not in [c.id for c in today_work(case_db, worker, cases=cases, visits=visits).cases_waiting]
    cases.act(case_id, "dispatch", SECRETARY, data={"handler": "锦绣物业", "deadline": date(2026, 11, 9)})
    handler = today_work(case_db, Actor("锦绣物业", "handler"), cases=cases, visits=visits)
    assert [c.id for c in handler.cases_waiting if c.id == case_id] == [case_id]


def test_stats_gain_the_casework_figures(case_db: Database, cases: CaseService, home: Home, worker: Actor) -> None:
    stats = ledger_stats(case_db, NOW.date())
    work = stats["casework"]
    assert sum(work["cases_per_state"].values()) == stats["cases"] == sum(work["cases_per_category"].values())
    assert work["overdue"] == cases.board_counts()["overdue"] == sum(work["overdue_per_category"].values())
    assert work["closed"] == work["cases_per_state"]["closed"]
    assert work["mediation"]["concluded"] >= work["mediation"]["succeeded"] > 0
    assert 0 < work["visit_coverage"]["coverage"] < 1
    # A case registered and closed the same working day takes 0 working days.
    for _ in range(3 * work["closed"]):
        case_id = cases.create(CaseDraft(title="楼道堆物", category="楼道堆物", house_id=home.house_id), worker)
        cases.act(case_id, "resolve_on_spot", worker, data={"feedback": "已清理"})
        cases.act(case_id, "close", SECRETARY, data={"rating": 5})
    assert casework_stats(case_db, NOW.date())["median_working_days_to_close"] == 0
