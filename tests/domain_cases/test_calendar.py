"""Working days with public holidays and 调休 make-up days; deadlines across National Day 2026."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.domain.calendar import NEAR, OK, OVERDUE, WorkCalendar, deadline_status

CAL = WorkCalendar()


def test_national_day_week_2026_and_its_make_up_days() -> None:
    assert not any(CAL.is_workday(date(2026, 10, d)) for d in range(1, 8))
    assert CAL.is_workday(date(2026, 9, 20))  # Sunday worked instead
    assert CAL.is_workday(date(2026, 10, 10))  # Saturday worked instead
    assert CAL.is_workday(date(2026, 10, 8)) and CAL.is_workday(date(2026, 10, 9))
    assert not CAL.is_workday(date(2026, 10, 11))
    assert CAL.holiday_name(date(2026, 10, 2)) == "国庆节"
    assert CAL.holiday_name(date(2026, 10, 10)) is None


def test_deadline_in_working_days_across_national_day() -> None:
    dispatched = date(2026, 9, 30)
    assert CAL.add_working_days(dispatched, 1) == date(2026, 10, 8)
    assert CAL.add_working_days(dispatched, 3) == date(2026, 10, 10)  # the make-up Saturday counts
    assert CAL.add_working_days(dispatched, 4) == date(2026, 10, 12)  # Sunday 11th does not
    assert CAL.working_days_between(dispatched, date(2026, 10, 10)) == 3
    assert CAL.working_days_between(date(2026, 10, 10), dispatched) == -3


def test_yellow_when_near_red_when_passed() -> None:
    deadline = date(2026, 10, 10)
    assert deadline_status(deadline, date(2026, 10, 3), CAL).level == OK  # 3 working days left
    near = deadline_status(deadline, date(2026, 10, 8), CAL)
    assert (near.level, near.working_days_left, near.label) == (NEAR, 2, "剩 2 个工作日")
    assert deadline_status(deadline, deadline, CAL).label == "今天到期"
    passed = deadline_status(deadline, date(2026, 10, 11), CAL)  # a Sunday: no working day lost yet
    assert (passed.level, passed.label) == (OVERDUE, "逾期")
    late = deadline_status(deadline, date(2026, 10, 14), CAL)
    assert (late.level, late.working_days_left, late.label) == (OVERDUE, -3, "逾期 3 个工作日")
    assert deadline_status(deadline, date(2026, 10, 3), CAL, warn_days=3).level == NEAR


def test_new_year_make_up_sunday_and_year_boundary() -> None:
    assert not CAL.is_workday(date(2026, 1, 2))
    assert CAL.is_workday(date(2026, 1, 4))  # Sunday worked for the New Year holiday
    assert CAL.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 4)
    assert CAL.working_days_between(date(2025, 12, 30), date(2026, 1, 5)) == 3


def test_a_year_the_package_does_not_cover_falls_back_to_weekdays_until_entered() -> None:
    assert not CAL.covers(2027)
    assert CAL.is_workday(date(2027, 2, 8))  # a Monday; the Spring Festival arrangement is not known yet
    entered = WorkCalendar({date(2027, 2, 8): False, date(2027, 2, 20): True})
    assert entered.covers(2027)
    assert not entered.is_workday(date(2027, 2, 8))
    assert entered.is_workday(date(2027, 2, 20))  # a Saturday entered as 调休上班
    assert entered.add_working_days(date(2027, 2, 5), 1) == date(2027, 2, 9)


def test_zero_days_means_today_or_the_next_working_day() -> None:
    assert CAL.add_working_days(date(2026, 10, 9), 0) == date(2026, 10, 9)
    assert CAL.add_working_days(date(2026, 10, 3), 0) == date(2026, 10, 8)


@given(st.dates(date(2024, 1, 1), date(2027, 12, 31)), st.integers(0, 400))
def test_counting_agrees_with_walking_day_by_day(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    walked = sum(CAL.is_workday(start + timedelta(days=i)) for i in range(1, span + 1))
    assert CAL.working_days_between(start, end) == walked
    if walked:
        assert CAL.add_working_days(start, walked) <= end
        assert CAL.working_days_between(start, CAL.add_working_days(start, walked)) == walked
