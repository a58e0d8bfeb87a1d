"""Working days in mainland China: weekends, public holidays and the 调休 make-up working days.

The State Council publishes each year's arrangement in November or December; the ``chinesecalendar``
package (PyPI, maintained since 2017, a release after every notice) carries them from 2004 on. It is
plain data with no dependencies, so the domain may use it. A year it does not cover yet (an
installed copy is a year behind until it is upgraded) is filled from the ledger's own table of
calendar days, which the sub-district enters once and sync hands to every desktop; without either,
that year counts Monday to Friday and :meth:`WorkCalendar.covers` says so, so the screens can warn.

Deadlines are counted in working days: dispatched on a day with a limit of N working days, the case
is due at the end of the N-th working day after that day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar

OK, NEAR, OVERDUE = "ok", "near", "overdue"
DEADLINE_LABELS = {OK: "未到期", NEAR: "临期", OVERDUE: "逾期"}
DEFAULT_WARN_DAYS = 2
"""A case turns yellow when this many working days or fewer remain before its deadline."""


@lru_cache(maxsize=1)
def _package_days() -> tuple[frozenset[date], frozenset[date], frozenset[int]]:
    holidays = frozenset(chinese_calendar.constants.holidays)
    workdays = frozenset(chinese_calendar.constants.workdays)
    years = frozenset(d.year for d in holidays)
    return holidays, workdays, years


class WorkCalendar:
    """Answers "is this a working day" and counts working days.

    ``overrides`` maps a date to True (a working day, e.g. a 调休 Saturday) or False (a day off);
    it wins over the package, and a year with any override counts as covered.
    """

    def __init__(self, overrides: Mapping[date, bool] | None = None, *, use_package: bool = True):
        holidays, workdays, years = _package_days() if use_package else (frozenset(), frozenset(), frozenset())
        self._overrides = dict(overrides or {})
        self._holidays = holidays
        self._workdays = workdays
        self._years = years | {d.year for d in self._overrides}
        self._prefix: dict[int, list[int]] = {}

    def covers(self, year: int) -> bool:
        """True when the year's holiday arrangement is known (else only weekends are days off)."""
        return year in self._years

    def is_workday(self, day: date) -> bool:
        known = self._overrides.get(day)
        if known is not None:
            return known
        if day in self._workdays:
            return True
        if day in self._holidays:
            return False
        return day.weekday() < 5

    def _year_prefix(self, year: int) -> list[int]:
        """prefix[i] = working days from 1 January to the i-th day of the year (1-based, inclusive)."""
        prefix = self._prefix.get(year)
        if prefix is None:
            day, count, prefix = date(year, 1, 1), 0, [0]
            while day.year == year:
                count += self.is_workday(day)
                prefix.append(count)
                day += timedelta(days=1)
            self._prefix[year] = prefix
        return prefix

    def _count_to(self, day: date) -> int:
        """Working days from 1 January of ``day``'s year up to and including ``day``."""
        return self._year_prefix(day.year)[day.timetuple().tm_yday]

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when ``end`` is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        total = 0
        for year in range(start.year, end.year):
            total += self._year_prefix(year)[-1]
        return total + self._count_to(end) - self._count_to(start)

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start`` (``days`` = 0: ``start`` or the next working day)."""
        day = start
        if days <= 0:
            while not self.is_workday(day):
                day += timedelta(days=1)
            return day
        remaining = days
        while remaining:
            day += timedelta(days=1)
            remaining -= self.is_workday(day)
        return day

    def next_day_off(self, after: date) -> date:
        """The first weekend day or holiday after ``after``."""
        day = after + timedelta(days=1)
        while self.is_workday(day):
            day += timedelta(days=1)
        return day

    def holiday_name(self, day: date) -> str | None:
        """The Chinese name of the public holiday on ``day`` (None on ordinary days and uncovered years)."""
        if day.year not in _package_days()[2]:
            return None
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        if not on_holiday or name is None:
            return None
        return _HOLIDAY_NAMES.get(name, name)


_HOLIDAY_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


@dataclass(frozen=True)
class DeadlineStatus:
    level: str
    """ok | near (yellow) | overdue (red)"""
    working_days_left: int
    """Working days from today to the deadline; negative once it has passed."""

    @property
    def label(self) -> str:
        if self.level == OVERDUE:
            return f"逾期 {-self.working_days_left} 个工作日" if self.working_days_left < 0 else "逾期"
        if self.working_days_left == 0:
            return "今天到期"
        return f"剩 {self.working_days_left} 个工作日"


def deadline_status(deadline: date, today: date, calendar: WorkCalendar,
                    warn_days: int = DEFAULT_WARN_DAYS) -> DeadlineStatus:
    """Red once the deadline day has passed, yellow when ``warn_days`` working days or fewer remain."""
    left = calendar.working_days_between(today, deadline)
    if deadline < today:
        return DeadlineStatus(OVERDUE, left)
    return DeadlineStatus(NEAR if left <= warn_days else OK, left)
