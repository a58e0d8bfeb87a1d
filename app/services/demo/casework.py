"""Casework of one community: cases in every state with the events that led there, the people they
concern, and disputes with their outcome and mediation sessions."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from app.domain.case_codes import DISPUTE_CATEGORY, OUTCOMES, time_limit
from app.services.demo.casework_tables import (
    AGREEMENTS,
    CASE_CATEGORY,
    CASE_SOURCE,
    CASE_STATE,
    CASE_TEXT,
    CATEGORIES,
    DISPUTE_TEXT,
    DISPUTE_TYPE,
    ESCALATE_REASONS,
    FEEDBACK,
    HANDLERS,
    MEDIATION_SUMMARIES,
    ON_SPOT,
    PRIORITY,
    RATING,
    RATING_COMMENTS,
    RETURN_REASONS,
    SHOWCASE,
    STEP_HOURS,
    WITHDRAW_REASONS,
)
from app.services.demo.chunk import ChunkState
from app.services.demo.names import adult_name
from app.store.models import Case, CaseEvent, CaseParty, DisputeDetail, MediationSession


class CaseworkPart(ChunkState):
    """Fills cases, their events and parties, dispute details and mediation sessions, placed in the
    buildings and houses that ``PlacesPart`` made and naming the residents that ``PeoplePart`` put there."""

    def cases(self) -> None:
        rng = self.rng
        showcase = SHOWCASE if self.comm.index == 0 else ()
        for i in range(self.comm.cases):
            if i < len(showcase):
                self._case(*showcase[i])
            else:
                state = CASE_STATE(rng)
                self._case(state, rng.random() < 0.2, state == "dispatched" and rng.random() < 0.4)

    def _path(self, state: str, dispute: bool, category: str, overdue: bool, loop: bool | None,
              on_spot: bool | None) -> tuple[list[str], bool]:
        """The actions that lead to ``state`` and whether the path has a return loop."""
        rng = self.rng
        loop = rng.random() < 0.2 if loop is None else loop
        if on_spot is None:
            on_spot = not dispute and category in ON_SPOT and rng.random() < 0.35
        handled = ["collect", "report", "dispatch", "handle"] + (["return", "handle"] if loop else [])
        if state == "collected":
            path = ["collect"]
        elif state == "reported":
            path = ["collect", "report"]
        elif state == "dispatched":
            loop = loop and not overdue
            path = ["collect", "report", "dispatch"] + (["handle", "return"] if loop else [])
        elif state == "handled":
            path = ["collect", "resolve_on_spot"] if on_spot else handled
        elif state == "closed":
            path = (["collect", "resolve_on_spot"] if on_spot else handled) + ["close"]
        elif state == "escalated":
            path = ["collect", "report"] + (["dispatch"] if rng.random() < 0.5 else []) + ["escalate"]
        else:
            path = ["collect"] + (["report"] if rng.random() < 0.6 else []) + ["withdraw"]
        return path, loop and "return" in path

    def _case(self, state: str, dispute: bool, overdue: bool, loop: bool | None = None,
              on_spot: bool | None = None) -> None:
        rng, gen = self.rng, self.gen
        building = self.buildings[int(rng.random() * len(self.buildings))]
        estate, company, _name = self.building_info[building["id"]]
        grid_id = building["grid_id"]
        worker = self.worker[grid_id]
        house = rng.choice(self.building_houses[building["id"]])
        unit = self.house_unit[house["id"]]
        category = DISPUTE_CATEGORY if dispute else "楼道堆物" if on_spot else CASE_CATEGORY(rng)
        dispute_type = DISPUTE_TYPE(rng) if dispute else None
        source = CASE_SOURCE(rng)
        with_house = dispute or category in ("宠物扰民", "民生诉求", "下水道堵塞") or rng.random() < 0.3
        place = f"{estate}{building['name']}" + (f"{unit}单元{house['room']}" if with_house else "")
        title, text = DISPUTE_TEXT[dispute_type] if dispute_type else rng.choice(CASE_TEXT[category])
        fill = {"p": place, "b": building["name"], "u": unit}
        priority = PRIORITY(rng)
        limit = time_limit(CATEGORIES[category], priority)  # working days from dispatch
        handler = rng.choice(HANDLERS[category]).format(pm=company or "社区物业托管中心")
        residents = self.residents.get(house["id"]) or []
        reporter = rng.choice(residents) if residents and source in ("居民反映", "随手拍") else None
        if reporter:
            reported_by = reporter[1]
        elif source == "巡查发现":
            reported_by = worker
        elif source == "上级交办":
            reported_by = rng.choice(("街道综治中心", "12345热线"))
        else:
            reported_by = adult_name(rng)
        path, loop = self._path(state, dispute, category, overdue, loop, on_spot)
        # The timeline, in working hours from an arbitrary start; shifted to end before today below.
        t = datetime(2000, 1, 3, rng.randint(8, 16), rng.randrange(60))
        handle_hours = rng.uniform(4, limit * 24 * 1.2) * (2 if rng.random() < 0.1 else 1)  # now and then late
        events: list[list[Any]] = []
        current: str | None = None
        for action in path:
            if action == "handle":
                hours = handle_hours if events[-1][0] == "dispatch" else rng.uniform(12, 96)  # after a return
            elif action != "collect":
                lo, hi = STEP_HOURS[action]
                hours = rng.uniform(lo, hi)
            if action != "collect":
                t = self._working(t + timedelta(minutes=int(hours * 60)))
            to_state, actor, role, note, data = self._transition(
                action, category, worker, handler, loop)
            events.append([action, current, to_state, actor, role, t, note, data])
            current = to_state
        # Anchor: the last event lies ``back`` days before today.
        if path[-1] == "dispatch":
            # Not overdue: dispatched at most ``limit`` calendar days ago, so the deadline is today or
            # later; overdue: long enough ago that weekends and a holiday week cannot save it.
            back = 2 * limit + 10 + rng.randint(1, 20) if overdue else rng.randint(1, limit)
        elif state in ("collected", "reported", "handled", "dispatched"):
            back = rng.randint(1, 4)
        elif state == "closed":
            back = rng.randint(1, 170)
        else:
            back = rng.randint(1, 120)
        shift = timedelta(days=(events[-1][5].date() - date.fromordinal(gen.today_ord - back)).days)
        deadline = None
        for event in events:
            event[5] -= shift
            if event[0] == "dispatch":
                deadline = gen.calendar.add_working_days(event[5].date(), limit)
                event[7] = {"handler": handler, "deadline": deadline.isoformat()}
        gen.case_seq += 1
        first_at: datetime = events[0][5]
        case_id = self.key()
        self.rows[Case].append({
            "id": case_id, "grid_id": grid_id,
            "number": f"{'TJ' if dispute else 'SJ'}{first_at:%Y%m%d}{gen.case_seq:05d}",
            "kind": "dispute" if dispute else "case", "category": category, "source": source,
            "building_id": building["id"], "house_id": house["id"] if with_house else None,
            "place_text": place, "title": title.format(**fill), "description": text.format(**fill),
            "priority": priority, "deadline": deadline,
            "handler": worker if "resolve_on_spot" in path else handler if deadline else None,
            "reported_by": reported_by,
            "occurred_on": first_at.date() - timedelta(days=0 if source == "巡查发现" else rng.randint(0, 2)),
            "state": current})
        for action, from_state, to_state, actor, role, at, note, data in events:
            self.rows[CaseEvent].append({
                "id": self.key(), "grid_id": grid_id, "case_id": case_id, "action": action,
                "from_state": from_state, "to_state": to_state, "actor_name": actor, "actor_role": role,
                "at": at, "note": note, "data": data})
        parties = self.rows[CaseParty]

        def party(person: tuple[str, str, int] | None, name: str, role: str) -> None:
            parties.append({"id": self.key(), "grid_id": grid_id, "case_id": case_id,
                            "person_id": person[0] if person else None, "name": person[1] if person else name,
                            "role": role})

        if dispute_type:
            first = reporter or (rng.choice(residents) if residents else None)
            party(first, adult_name(rng), "当事人")
            if dispute_type == "物业纠纷":
                party(None, company or "社区物业托管中心", "当事人")
            else:
                party(self._counterpart(dispute_type, house, first), adult_name(rng), "当事人")
            self._dispute(case_id, grid_id, dispute_type, state, events, worker)
            return
        if reporter:
            party(reporter, "", "反映人")
        if category in ("宠物扰民", "楼道堆物", "飞线充电") and residents and rng.random() < 0.6:
            target = rng.choice(residents)
            if not reporter or target[0] != reporter[0]:
                party(target, "", "被反映人")

    def _counterpart(self, dispute_type: str, house: dict[str, Any],
                     first: tuple[str, str, int] | None) -> tuple[str, str, int] | None:
        """The other party: a household member (家庭纠纷), the flat above/below or a neighbour."""
        rng = self.rng
        if dispute_type == "家庭纠纷":
            others = [r for r in self.residents.get(house["id"], []) if not first or r[0] != first[0]]
            return rng.choice(others) if others else None
        floor = house["floor"] + (1 if dispute_type in ("漏水", "噪音扰民") else rng.choice((-1, 0, 1)))
        room = str(floor * 100 + int(house["room"]) % 100)
        houses = self.building_houses[house["building_id"]]
        candidates = [h for h in houses if h["unit_id"] == house["unit_id"] and h["room"] == room
                      and h["id"] != house["id"]]
        if not candidates:
            candidates = [h for h in houses if h["id"] != house["id"]]
        for neighbour in rng.sample(candidates, min(5, len(candidates))):
            residents = self.residents.get(neighbour["id"])
            if residents:
                return rng.choice(residents)
        return None

    def _transition(self, action: str, category: str, worker: str, handler: str,
                    loop: bool) -> tuple[str, str, str, str | None, dict[str, Any] | None]:
        """(to_state, actor, actor role, note, data) of one action."""
        rng, secretary = self.rng, self.comm.secretary
        if action == "collect":
            return "collected", worker, "grid_worker", "网格员登记问题", None
        if action == "report":
            return "reported", worker, "grid_worker", "上报社区", None
        if action == "dispatch":
            return "dispatched", secretary, "secretary", f"分派至{handler}", None
        if action == "handle":
            return "handled", handler, "handler", FEEDBACK[category], {"feedback": FEEDBACK[category]}
        if action == "return":
            reason = rng.choice(RETURN_REASONS)
            return "dispatched", secretary, "secretary", reason, {"reason": reason}
        if action == "close":
            rating = RATING(rng)
            if loop and rating > 3:
                rating -= 1
            comment = RATING_COMMENTS[rating]
            return "closed", secretary, "secretary", "核查属实，予以办结", {"rating": rating, "comment": comment}
        if action == "escalate":
            reason = rng.choice(ESCALATE_REASONS)
            return "escalated", secretary, "secretary", reason, {"to": "街道综治中心", "reason": reason}
        if action == "withdraw":
            reason = rng.choice(WITHDRAW_REASONS)
            return "withdrawn", worker, "grid_worker", reason, {"reason": reason}
        # resolve_on_spot
        return "handled", worker, "grid_worker", "网格员现场处置完毕", {"feedback": FEEDBACK[category]}

    def _dispute(self, case_id: str, grid_id: str, dispute_type: str, state: str, events: list[list[Any]],
                 worker: str) -> None:
        rng = self.rng
        success, failure, transfer = OUTCOMES
        outcome = None  # still mediating
        if state == "closed":
            x = rng.random()
            outcome = success if x < 0.8 else failure if x < 0.92 else transfer
        elif state == "handled":
            outcome = success if rng.random() < 0.7 else failure
        elif state == "escalated":
            outcome = transfer
        self.rows[DisputeDetail].append({
            "id": self.key(), "grid_id": grid_id, "case_id": case_id, "dispute_type": dispute_type,
            "outcome": outcome, "agreement": AGREEMENTS[dispute_type] if outcome == success else None})
        starts = [e[5] for e in events if e[0] in ("dispatch", "resolve_on_spot")]
        if not starts:
            return
        begin = starts[0].date()
        ends = [e[5] for e in events if e[0] in ("handle", "resolve_on_spot", "escalate")]
        end = ends[-1].date() if ends else date.fromordinal(self.gen.today_ord - 1)
        span = max(0, (end - begin).days) + 1
        days = sorted(rng.sample(range(span), min(rng.randint(1, 3), span)))
        first, *middle, agreed = MEDIATION_SUMMARIES
        summaries = [first, *rng.sample(middle, len(days) - 1)]
        if outcome == success:
            summaries[-1] = agreed
        mediators = (worker, self.comm.secretary, self.comm.mediator)
        for day, summary in zip(days, summaries, strict=True):
            self.rows[MediationSession].append({
                "id": self.key(), "grid_id": grid_id, "case_id": case_id,
                "held_on": begin + timedelta(days=day), "mediator": rng.choice(mediators), "summary": summary})

    def _working(self, t: datetime) -> datetime:
        """Move a time outside 8:00-19:00 to the next morning (keeps the order of events)."""
        if t.hour < 8:
            return t.replace(hour=8, minute=self.rng.randrange(60))
        if t.hour >= 19:
            return (t + timedelta(days=1)).replace(hour=8, minute=self.rng.randrange(60))
        return t
