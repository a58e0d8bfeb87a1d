"""How long an imported value may be: the length of the database column it is written to.

The desktop's SQLite keeps text of any length, but the server's PostgreSQL refuses a longer value, and that
row, with every row that refers to it, would be refused at the next sync, long after the import and with a
database error for a message. A ledger row with such a value is refused by the import instead, where the
user sees the file, sheet, row and column, and the error workbook holds it for correcting."""

from __future__ import annotations

from collections.abc import Iterable

from app.domain.addresses import Address
from app.store.models import (
    Building,
    Case,
    CaseParty,
    Estate,
    House,
    MediationSession,
    OrgNode,
    Person,
    TagType,
    Unit,
)

LIMITS: dict[str, int] = {field: model.__table__.c[column].type.length for field, model, column in (  # type: ignore[attr-defined]
    ("name", Person, "name"), ("estate", Estate, "name"), ("building", Building, "name"), ("unit", Unit, "name"),
    ("room", House, "room"), ("tags", TagType, "name"), ("s_category", TagType, "name"),
    ("h_owner", House, "owner_name"), ("grid", OrgNode, "name"), ("community", OrgNode, "name"),
    ("d_address", Case, "place_text"), ("d_parties", CaseParty, "name"), ("d_mediator", MediationSession, "mediator"))}

Values = Iterable[tuple[str, str | None]]


def address_values(address: Address) -> Values:
    return (("estate", address.estate), ("building", address.building), ("unit", address.unit),
            ("room", address.room))


def first_too_long(values: Values) -> tuple[str, str] | None:
    """The first (field, value) of ``values`` longer than its column holds; None when all fit."""
    return next(((field, value) for field, value in values if value is not None and len(value) > LIMITS[field]),
                None)
