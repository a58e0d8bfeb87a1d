"""People as the lists show them: masked by default, with age, place and tags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.domain.dates import age_on
from app.domain.ids import mask_id, mask_phone
from app.store import audit, queries
from app.store.db import Database


@dataclass(frozen=True)
class PersonRow:
    key: int
    id: str
    name: str
    gender: str
    age: int | None
    relation: str
    id_number: str
    phone: str
    address: str
    grid: str
    tags: str
    household_id: str | None


class PeopleService:
    def __init__(self, db: Database):
        self.db = db

    def rows(self, keys: Sequence[int], *, masked: bool = True, on: date | None = None) -> list[PersonRow]:
        """Rows for a list page, in the order of the row ``keys`` (PlaceService.people_keys); ID and phone
        masked unless asked otherwise."""
        today = on or date.today()
        with self.db.engine.connect() as conn:
            cards = queries.person_cards_by_key(conn, keys)
            tags = queries.tag_names(conn, [c.id for c in cards.values()])
        return [PersonRow(
            key=key, id=c.id, name=c.name, gender=c.gender or "",
            age=age_on(c.birth_date, today) if c.birth_date else None,
            relation=c.relation or "",
            id_number=(mask_id(c.id_number) if masked else c.id_number or ""),
            phone=(mask_phone(c.phone) if masked else c.phone or ""),
            address="".join(x for x in (c.estate, c.building, c.unit, c.room) if x),
            grid=c.grid or "", tags="、".join(tags.get(c.id, [])), household_id=c.household_id,
        ) for key, c in ((k, cards[k]) for k in keys if k in cards)]

    def reveal(self, user_name: str, target: str, people: int) -> None:
        """Full ID numbers and phones were asked for: that choice goes to the audit log."""
        audit.record(self.db, user_name, "reveal", target, people)
