from datetime import date, datetime

import pytest

from app.domain.dates import (
    DateInvalid,
    YearMonth,
    age_on,
    excel_serial_to_date,
    parse_date,
    parse_date_candidates,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(1990, 1, 1), date(1990, 1, 1)),
        (datetime(1990, 1, 1, 8, 30), date(1990, 1, 1)),
        (32874, date(1990, 1, 1)),  # Excel serial
        (32874.0, date(1990, 1, 1)),
        (32874.75, date(1990, 1, 1)),  # serial with a time of day
        (61, date(1900, 3, 1)),
        (19900101, date(1990, 1, 1)),
        (19900101.0, date(1990, 1, 1)),
        ("19900101", date(1990, 1, 1)),
        ("1990-01-01", date(1990, 1, 1)),
        ("1990-1-1", date(1990, 1, 1)),
        ("1990.01.01", date(1990, 1, 1)),
        ("1990.1.1", date(1990, 1, 1)),
        ("1990/1/1", date(1990, 1, 1)),
        ("1990/01/01", date(1990, 1, 1)),
        ("1990年1月1日", date(1990, 1, 1)),
        ("1990年01月01日", date(1990, 1, 1)),
        (" 1990 年 1 月 1 日 ", date(1990, 1, 1)),
        ("１９９０－０１－０１", date(1990, 1, 1)),
        ("1990-01-01 00:00:00", date(1990, 1, 1)),
        (None, None),
        ("", None),
        ("/", None),
        ("不详", None),
    ],
)
def test_parse_date(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    ["1990-02-30", "1990-13-01", "19901301", "1990-01/01", "90.1.1", "昨天", "33002", 60, 12, 80001, -5, True,
     "1990.01", "1990年1月", 1956.03],
)  # fmt: skip
def test_invalid_dates_raise_with_a_chinese_message(value: object) -> None:
    with pytest.raises(DateInvalid) as error:
        parse_date(value)
    assert "日" in str(error.value) or "年月" in str(error.value)
    assert isinstance(error.value, ValueError)


@pytest.mark.parametrize(
    ("value", "candidates"),
    [
        ("1956.03", (YearMonth(1956, 3),)),
        ("1956.3", (YearMonth(1956, 3),)),
        ("1956年3月", (YearMonth(1956, 3),)),
        ("1956-03", (YearMonth(1956, 3),)),
        (1956.03, (YearMonth(1956, 3),)),
        (1956.12, (YearMonth(1956, 12),)),
        (1956.1, (YearMonth(1956, 1), YearMonth(1956, 10))),  # numeric: 1956.10 lost its zero
        (1956.2, (YearMonth(1956, 2),)),  # 1956.20 is no month
        ("1990-01-01", (date(1990, 1, 1),)),
        ("无", ()),
    ],
)
def test_year_month_candidates(value: object, candidates: tuple[object, ...]) -> None:
    assert parse_date_candidates(value) == candidates


def test_year_month_iso() -> None:
    assert YearMonth(1956, 3).iso == str(YearMonth(1956, 3)) == "1956-03"
    with pytest.raises(DateInvalid):
        YearMonth(1956, 13)


def test_excel_serial_to_date() -> None:
    assert excel_serial_to_date(1) == date(1900, 1, 1)
    assert excel_serial_to_date(59) == date(1900, 2, 28)
    assert excel_serial_to_date(61) == date(1900, 3, 1)
    assert excel_serial_to_date(32337) == date(1988, 7, 13)
    assert excel_serial_to_date(45366.5) == date(2024, 3, 15)
    for bad in (0, 60, float("nan"), 1e12):
        with pytest.raises(DateInvalid):
            excel_serial_to_date(bad)


def test_age_on() -> None:
    born = date(1990, 3, 15)
    assert age_on(born, date(2024, 3, 14)) == 33
    assert age_on(born, date(2024, 3, 15)) == 34
    assert age_on(date(2000, 2, 29), date(2023, 2, 28)) == 22
    assert age_on(date(2000, 2, 29), date(2023, 3, 1)) == 23
