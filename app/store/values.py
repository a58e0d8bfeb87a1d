"""Column values read through text() SQL: SQLite hands back text where PostgreSQL hands back objects."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any


def as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def as_datetime(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def as_json(value: Any) -> Any:
    """A JSON column: a string on SQLite, already decoded on PostgreSQL."""
    return json.loads(value) if isinstance(value, str | bytes) else value
