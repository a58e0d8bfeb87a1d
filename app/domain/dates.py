"""Dates as ledgers write them (RULES.md R11, DESIGN section 3).

Accepted: date/datetime cells, Excel serials 61..80000 (1900 system), 19900101 (number or text),
"1990-01-01", "1990.01.01", "1990/1/1", "1990年1月1日". Birth-date columns also hold year and month
only ("1956.03", "1956年3月"); ``parse_date_candidates`` returns those as YearMonth, and both
readings of a numeric 1956.1 (Excel dropped the trailing zero of 1956.10).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from app.domain.codes import is_empty

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 0 in the 1900 system, counting Lotus's phantom 1900-02-29
_SERIAL_MIN, _SERIAL_MAX = 61, 80000  # what a date column may hold: 1900-03-01 .. 2119-01-10
_SERIAL_LAST = 2958466  # 10000-01-01
_TIME_SUFFIX = re.compile(r"(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_FULL_PATTERNS = (
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
    re.compile(r"(\d{4})([-./])(\d{1,2})\2(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]?"),
)
_MONTH_PATTERNS = (
    re.compile(r"(\d{4})[-./](\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月?"),
)


class DateInvalid(ValueError):
    """A value that is not a date; the message (Chinese) says what was written and what is accepted."""


@dataclass(frozen=True)
class YearMonth:
    """A date known to the month only ("1956年3月")."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise DateInvalid(f"月份“{self.month}”无效")

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def __str__(self) -> str:
        return self.iso


def _invalid(value: object) -> DateInvalid:
    return DateInvalid(f"“{value}”不是有效日期，请按 1990-01-01、1990/1/1、19900101 或 1990年1月1日 填写")


def excel_serial_to_date(n: float) -> date:
    """Excel 1900-system serial -> date (time of day dropped): 32337 -> 1988-07-13."""
    if not math.isfinite(n) or not 1 <= n < _SERIAL_LAST or int(n) == 60:
        raise DateInvalid(f"“{n}”不是有效的 Excel 日期序号")
    days = int(n)
    # Serials below 60 lie before Excel's phantom 1900-02-29, so they count from one day later.
    return _EXCEL_EPOCH + timedelta(days=days if days > 60 else days + 1)


def _ymd(value: object, year: str, month: str, day: str) -> date:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise _invalid(value) from None


def _from_number(value: float | int | Decimal) -> tuple[date | YearMonth, ...]:
    if not math.isfinite(value) or value <= 0:
        raise _invalid(value)
    if value == int(value):
        n = int(value)
        if 10_000_000 <= n <= 99_999_999:
            text = str(n)
            return (_ymd(value, text[:4], text[4:6], text[6:]),)
        if _SERIAL_MIN <= n <= _SERIAL_MAX:
            return (excel_serial_to_date(n),)
        raise _invalid(value)
    year = int(value)
    if 1900 <= year <= 2100:
        # A plain number like 1956.03 is year.month; 1956.1 may be 1956.10 that lost its zero.
        fraction = f"{value:.2f}".split(".")[1]
        readings = {int(fraction)} if fraction[1] != "0" else {int(fraction[0]), int(fraction)}
        months = sorted(month for month in readings if 1 <= month <= 12)
        if not months:
            raise _invalid(value)
        return tuple(YearMonth(year, month) for month in months)
    if _SERIAL_MIN <= value <= _SERIAL_MAX:
        return (excel_serial_to_date(float(value)),)
    raise _invalid(value)


def _from_text(value: object) -> tuple[date | YearMonth, ...]:
    text = _TIME_SUFFIX.sub("", unicodedata.normalize("NFKC", str(value)).strip())
    text = "".join(text.split())
    for pattern in _FULL_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            parts = [part for part in match.groups() if part.isdigit()]
            return (_ymd(value, *parts),)
    for pattern in _MONTH_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            try:
                return (YearMonth(int(match.group(1)), int(match.group(2))),)
            except DateInvalid:
                raise _invalid(value) from None
    raise _invalid(value)


def parse_date_candidates(value: object) -> tuple[date | YearMonth, ...]:
    """Every reading of a date cell: () when empty, one date or YearMonth, or two YearMonths for
    an ambiguous number like 1956.1. Raises DateInvalid for anything else."""
    if is_empty(value):
        return ()
    if isinstance(value, datetime):
        return (value.date(),)
    if isinstance(value, date):
        return (value,)
    if isinstance(value, bool):
        raise _invalid(value)
    if isinstance(value, int | float | Decimal):
        return _from_number(value)
    return _from_text(value)


def parse_date(value: object) -> date | None:
    """A full date from a cell; None when empty; DateInvalid when not a date or only year+month."""
    candidates = parse_date_candidates(value)
    if not candidates:
        return None
    if len(candidates) == 1 and isinstance(candidates[0], date):
        return candidates[0]
    raise DateInvalid(f"“{value}”只有年月，没有日，请补全为完整日期（如 1990-01-01）")


def age_on(birth: date, on: date) -> int:
    """Age in whole years on a given day (a 29 February birthday counts from 1 March)."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
