"""Demo data: a deterministic, realistic, entirely FICTIONAL community (``gridledger demo``).

``generate_demo`` fills an empty database with a district → 街道 → 社区 → 网格 tree, estates of the
three building types, houses, households, people with checksum-valid generated IDs, special-group
tags, visits, cases in every state with their event history, and disputes with mediation sessions.

Everything is derived from ``seed`` and a fixed reference date ``today`` (never the clock), so two
runs with the same seed and size give identical table contents; only the sync stamps (``hlc``) and
the outbox, which come from the write path's clock, differ. Row keys are UUIDv7-shaped but drawn
from the seed, time-ordered so that inserts append to the B-trees.

The modules: ``generate`` (the entry point), ``plan`` (the organisation and run-wide state),
``community`` (one community's rows, made by the parts in ``places``, ``people``, ``care`` and
``casework`` over the shared state in ``chunk``), the tables they draw from (``names``,
``place_tables``, ``household_tables``, ``casework_tables``) and ``draws`` (row keys, weighted choices).
"""

from app.services.demo.casework_tables import CASE_STATES

# The tests build row keys and an organisation plan on their own, under these names.
from app.services.demo.draws import Keys as _Keys
from app.services.demo.generate import (
    MAX_HOUSEHOLDS,
    REFERENCE_DATE,
    DemoCancelled,
    DemoError,
    DemoSummary,
    Progress,
    generate_demo,
)
from app.services.demo.plan import Generator as _Generator

__all__ = [
    "CASE_STATES",
    "MAX_HOUSEHOLDS",
    "REFERENCE_DATE",
    "DemoCancelled",
    "DemoError",
    "DemoSummary",
    "Progress",
    "_Generator",
    "_Keys",
    "generate_demo",
]
