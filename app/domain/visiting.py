"""Visit rules: when to come back to a house where nobody was home, and the care schedule.

白加黑, 5+2: residents who work are not home on weekday daytimes, so a failed daytime visit on a
working day is repeated the same evening; a failed evening visit waits for the next weekend day or
holiday; a failed visit on a day off is repeated the evening of the next working day.

The care schedule: a person with special-group tags should be visited every ``visit_every_days``
(the smallest of their tags' frequencies); counted from their last visit, or from the day the tag was
given when they were never visited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.domain.calendar import WorkCalendar

EVENING_STARTS = time(17, 0)
DUE_SOON_DAYS = 3
"""A visit counts as due (not yet overdue) from this many days before its due date."""

OK, DUE, OVERDUE = "ok", "due", "overdue"
CARE_LABELS = {OK: "按期", DUE: "待走访", OVERDUE: "已逾期"}


def revisit_due(visited_at: datetime, calendar: WorkCalendar) -> date:
    """The day of the revisit after nobody was home at ``visited_at``."""
    day = visited_at.date()
    if not calendar.is_workday(day):
        return calendar.add_working_days(day, 1)
    if visited_at.time() < EVENING_STARTS:
        return day
    return calendar.next_day_off(day)


def revisit_slot(due: date, calendar: WorkCalendar) -> str:
    """How the revisit is planned: an evening of a working day or a weekend/holiday day."""
    return "晚间（17:00 后）" if calendar.is_workday(due) else "周末/节假日"


@dataclass(frozen=True)
class CareStatus:
    level: str
    due_on: date
    days_overdue: int

    @property
    def label(self) -> str:
        if self.level == OVERDUE:
            return f"逾期 {self.days_overdue} 天"
        return CARE_LABELS[self.level]


def care_status(last_visit: date | None, every_days: int, tagged_since: date | None, today: date) -> CareStatus:
    """Where a tagged person stands in the care schedule on ``today``."""
    due_on = last_visit + timedelta(days=every_days) if last_visit is not None else tagged_since or today
    if due_on < today:
        return CareStatus(OVERDUE, due_on, (today - due_on).days)
    if due_on <= today + timedelta(days=DUE_SOON_DAYS):
        return CareStatus(DUE, due_on, 0)
    return CareStatus(OK, due_on, 0)
