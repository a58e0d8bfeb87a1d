"""白加黑, 5+2 revisits and the care schedule."""

from __future__ import annotations

from datetime import date, datetime

from app.domain.calendar import WorkCalendar
from app.domain.visiting import DUE, OK, OVERDUE, care_status, revisit_due, revisit_slot

CAL = WorkCalendar()


def test_daytime_miss_is_revisited_the_same_evening() -> None:
    tuesday = datetime(2026, 11, 3, 10, 30)
    assert revisit_due(tuesday, CAL) == date(2026, 11, 3)
    assert revisit_slot(date(2026, 11, 3), CAL).startswith("晚间")


def test_evening_miss_waits_for_the_weekend() -> None:
    assert revisit_due(datetime(2026, 11, 3, 19, 0), CAL) == date(2026, 11, 7)
    assert revisit_slot(date(2026, 11, 7), CAL) == "周末/节假日"


def test_weekend_miss_is_revisited_on_the_next_working_evening() -> None:
    assert revisit_due(datetime(2026, 11, 7, 10, 0), CAL) == date(2026, 11, 9)


def test_make_up_saturday_is_not_a_day_off() -> None:
    # Friday 9 October 2026 evening: Saturday the 10th is a 调休 working day, so Sunday the 11th.
    assert revisit_due(datetime(2026, 10, 9, 19, 0), CAL) == date(2026, 10, 11)
    # Wednesday 30 September evening: the National Day holiday starts the next day.
    assert revisit_due(datetime(2026, 9, 30, 19, 0), CAL) == date(2026, 10, 1)


def test_care_status() -> None:
    today = date(2026, 11, 2)
    assert care_status(date(2026, 10, 30), 7, None, today).level == OK
    due = care_status(date(2026, 10, 27), 7, None, today)
    assert (due.level, due.due_on) == (DUE, date(2026, 11, 3))
    late = care_status(date(2026, 10, 20), 7, None, today)
    assert (late.level, late.days_overdue, late.label) == (OVERDUE, 6, "逾期 6 天")
    assert care_status(None, 7, date(2026, 1, 1), today).level == OVERDUE  # tagged long ago, never visited
    assert care_status(None, 7, today, today).level == DUE  # tagged today
