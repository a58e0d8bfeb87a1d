"""Counts for the status bar, the CLI and reports."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.services.case_stats import casework_stats
from app.store import queries
from app.store.db import Database


def headline_counts(db: Database) -> dict[str, int]:
    """Buildings, households and people: cheap enough for the status bar of a district database."""
    with db.engine.connect() as conn:
        return queries.count_rows(conn, ("buildings", "households", "people"))


def ledger_stats(db: Database, on: date | None = None) -> dict[str, Any]:
    """Buildings, households, people, people per tag and cases per state."""
    with db.engine.connect() as conn:
        counts = queries.count_rows(conn)
        return {
            "estates": counts["estates"],
            "buildings": counts["buildings"],
            "houses": counts["houses"],
            "households": counts["households"],
            "people": counts["people"],
            "visits": counts["visits"],
            "people_per_tag": queries.people_per_tag(conn, on or date.today()),
            "cases": counts["cases"],
            "cases_per_state": queries.cases_per_state(conn),
            "casework": casework_stats(db, on),
        }
