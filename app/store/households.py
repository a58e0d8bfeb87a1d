"""Reads for the household page (一户一档 on screen)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, text

from app.store.queries import tag_names
from app.store.values import as_date, as_datetime


@dataclass(frozen=True)
class HouseholdRecord:
    id: str
    grid_id: str | None
    house_id: str | None
    address: str
    area: float | None
    use: str | None
    registration: str | None
    presence: str | None
    hukou_address: str | None
    contact_phone: str | None
    note: str | None
    head_person_id: str | None
    grid: str | None
    community: str | None


@dataclass(frozen=True)
class MemberRecord:
    id: str
    name: str
    id_number: str | None
    gender: str | None
    birth_date: date | None
    phone: str | None
    relation: str | None
    ethnicity: str | None
    political_status: str | None
    residence_type: str | None
    note: str | None
    tags: tuple[str, ...]


@dataclass(frozen=True)
class VisitRecord:
    visited_at: datetime
    method: str
    visitor_name: str
    findings: str | None
    nobody_home: bool


@dataclass(frozen=True)
class CaseRecord:
    id: str
    number: str
    kind: str
    category: str
    title: str
    state: str
    deadline: date | None




def household(conn: Connection, household_id: str) -> HouseholdRecord | None:
    row = conn.execute(text("""
        SELECT x.id, x.grid_id, x.house_id,
               COALESCE(e.name, '') || COALESCE(b.name, '') || COALESCE(u.name, '') || COALESCE(h.room, ''),
               h.area, h.use, x.registration, x.presence, x.hukou_address, x.contact_phone, x.note,
               x.head_person_id, g.name, c.name
        FROM households x LEFT JOIN houses h ON h.id = x.house_id
        LEFT JOIN units u ON u.id = h.unit_id LEFT JOIN buildings b ON b.id = h.building_id
        LEFT JOIN estates e ON e.id = b.estate_id LEFT JOIN org_nodes g ON g.id = x.grid_id
        LEFT JOIN org_nodes c ON c.id = g.parent_id
        WHERE x.id = :id AND x.deleted = false"""), {"id": household_id}).first()
    return HouseholdRecord(*row) if row else None


def members(conn: Connection, household_id: str) -> list[MemberRecord]:
    rows = conn.execute(text("""
        SELECT id, name, id_number, gender, birth_date, phone, relation, ethnicity, political_status,
               residence_type, note
        FROM people WHERE household_id = :id AND deleted = false
        ORDER BY relation <> '户主', birth_date, id"""), {"id": household_id}).all()
    tags = tag_names(conn, [r[0] for r in rows])
    return [MemberRecord(*r[:4], as_date(r[4]), *r[5:], tuple(tags.get(r[0], []))) for r in rows]


def visits(conn: Connection, household_id: str, limit: int = 20) -> list[VisitRecord]:
    rows = conn.execute(text("""
        SELECT visited_at, method, visitor_name, findings, nobody_home FROM visits
        WHERE deleted = false AND (household_id = :id
              OR person_id IN (SELECT id FROM people WHERE household_id = :id))
        ORDER BY visited_at DESC LIMIT :limit"""), {"id": household_id, "limit": limit}).all()
    return [VisitRecord(as_datetime(r[0]), r[1], r[2], r[3], bool(r[4])) for r in rows]


def cases(conn: Connection, household_id: str, limit: int = 20) -> list[CaseRecord]:
    rows = conn.execute(text("""
        SELECT DISTINCT c.id, c.number, c.kind, c.category, c.title, c.state, c.deadline, c.hlc FROM cases c
        LEFT JOIN case_parties cp ON cp.case_id = c.id AND cp.deleted = false
        WHERE c.deleted = false AND (
              c.house_id = (SELECT house_id FROM households WHERE id = :id)
              OR cp.person_id IN (SELECT id FROM people WHERE household_id = :id))
        ORDER BY c.hlc DESC LIMIT :limit"""), {"id": household_id, "limit": limit}).all()
    return [CaseRecord(*r[:6], as_date(r[6])) for r in rows]


def person_by_id_number(conn: Connection, id_number: str) -> tuple[str, str, str | None] | None:
    """(person id, name, household id) of the living person with this ID number."""
    row = conn.execute(text("SELECT id, name, household_id FROM people WHERE id_number = :n AND deleted = false"),
                       {"n": id_number}).first()
    return (row[0], row[1], row[2]) if row else None


def house_grid(conn: Connection, house_id: str) -> str | None:
    row = conn.execute(text("SELECT grid_id FROM houses WHERE id = :id AND deleted = false"), {"id": house_id}).first()
    return row[0] if row else None


def open_membership(conn: Connection, person_id: str) -> str | None:
    row = conn.execute(text("""SELECT id FROM memberships WHERE person_id = :p AND left_on IS NULL
                               AND deleted = false ORDER BY hlc DESC LIMIT 1"""), {"p": person_id}).first()
    return row[0] if row else None
