"""The SQLite search index: derived tables, rebuilt or refreshed by the write path, never synced.

Why these shapes (DESIGN section 8): FTS5's trigram tokenizer finds nothing for queries under three
characters, which is most Chinese name searches. So

- ``search_name_piece`` holds every 1- and 2-character piece of each name (WITHOUT ROWID, key
  ``(piece, rank, rid)``; rank 0 = whole name, 1 = prefix, 2 = inside) and answers short queries
  from the index alone, best matches first;
- ``search_name_fts`` (trigram, external content) answers longer substring queries;
- ``search_initials`` holds pinyin initials (several for polyphonic given names);
- ``search_person.id_rev`` / ``phone_rev`` hold the ID number and phone reversed, so an ID or phone
  *tail* of any length is a B-tree prefix search;
- ``search_house.bkey`` ("3|2|501": building, unit, room) answers address queries.
``rid`` is a small integer standing for a person (or house) inside the index, to keep it compact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice

from sqlalchemy import Connection

from app.domain.names import name_initials, name_pieces, names_initials
from app.store.statement_pipe import insert_values, run_now

INDEXED_TABLES = frozenset({"people", "houses", "units", "buildings", "estates"})
CHUNK = 500

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS search_person (
        rid INTEGER PRIMARY KEY,
        person_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        id_rev TEXT,
        phone_rev TEXT)""",
    "CREATE INDEX IF NOT EXISTS ix_search_person_name ON search_person(name)",
    "CREATE INDEX IF NOT EXISTS ix_search_person_id_rev ON search_person(id_rev)",
    "CREATE INDEX IF NOT EXISTS ix_search_person_phone_rev ON search_person(phone_rev)",
    """CREATE TABLE IF NOT EXISTS search_name_piece (
        piece TEXT NOT NULL, rank INTEGER NOT NULL, rid INTEGER NOT NULL,
        PRIMARY KEY (piece, rank, rid)) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS search_initials (
        initials TEXT NOT NULL, rid INTEGER NOT NULL,
        PRIMARY KEY (initials, rid)) WITHOUT ROWID""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_name_fts USING fts5(
        name, content='search_person', content_rowid='rid', tokenize='trigram')""",
    """CREATE TABLE IF NOT EXISTS search_house (
        rid INTEGER PRIMARY KEY,
        house_id TEXT NOT NULL UNIQUE,
        bkey TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS ix_search_house_bkey ON search_house(bkey)",
)
TABLES = ("search_name_fts", "search_name_piece", "search_initials", "search_person", "search_house")


def create_schema(conn: Connection) -> None:
    for statement in SCHEMA:
        conn.exec_driver_sql(statement)


def _chunks(items: Iterable[str], size: int = CHUNK) -> Iterator[list[str]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _many(conn: Connection, sql: str, rows: Sequence[tuple[object, ...]]) -> None:
    """executemany that accepts an empty list."""
    if rows:
        conn.exec_driver_sql(sql, [tuple(r) for r in rows])


def _marks(n: int) -> str:
    return ",".join("?" * n)


def reverse(text: str | None) -> str | None:
    return text[::-1] if text else None


# --- people -------------------------------------------------------------------------------------

def _entries(named: Sequence[tuple[int, str]]) -> tuple[list[tuple[str, int, int]], list[tuple[str, int]]]:
    """Name pieces and pinyin initials rows for (rid, name) pairs, sorted for B-tree friendly inserts."""
    pieces = sorted((piece, rank, rid) for rid, name in named for piece, rank in name_pieces(name))
    initials = sorted({(ini, rid) for rid, name in named for ini in name_initials(name) if ini})
    return pieces, initials


def _remove_people(conn: Connection, old: Sequence[tuple[int, str]]) -> None:
    pieces, initials = _entries(old)
    _many(conn, "DELETE FROM search_name_piece WHERE piece = ? AND rank = ? AND rid = ?", pieces)
    _many(conn, "DELETE FROM search_initials WHERE initials = ? AND rid = ?", initials)
    _many(conn, "INSERT INTO search_name_fts(search_name_fts, rowid, name) VALUES('delete', ?, ?)", old)
    _many(conn, "DELETE FROM search_person WHERE rid = ?", [(rid,) for rid, _ in old])


@dataclass(frozen=True, slots=True)
class PeopleEntries:
    """The index rows of some new people that Python computes; :func:`write_people_entries` writes them
    and derives the name pieces and the trigram entries in SQLite from them."""

    persons: list[tuple[int, str, str, str | None, str | None]]  # rid, person_id, name, id_rev, phone_rev
    initials: list[tuple[str, int]]
    longest: int  # characters in the longest name

    @property
    def rids(self) -> tuple[int, int]:
        return self.persons[0][0], self.persons[-1][0]


# The pieces of name_pieces, computed by SQLite from search_person (C, no Python object per piece; on
# the statement pipe's thread during an import). tests/unit/store/test_search_index.py holds both to one answer.
_PIECES_SQL = """
    WITH RECURSIVE pos(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM pos WHERE i < ?),  -- the longest name
         size(n) AS (VALUES (1), (2))
    INSERT OR IGNORE INTO search_name_piece (piece, rank, rid)
    SELECT piece, CASE WHEN length(name) = n THEN 0 WHEN i = 1 THEN 1 ELSE 2 END, rid FROM (
        SELECT p.rid, p.name, size.n, pos.i, substr(p.name, pos.i, size.n) AS piece
        FROM search_person p JOIN size JOIN pos ON pos.i + size.n - 1 <= length(p.name)
        WHERE p.rid BETWEEN ? AND ?)
    -- a piece's first place gives its lowest rank; "·" pieces are left out
    WHERE instr(name, piece) = i AND instr(piece, '·') = 0
    ORDER BY piece, 2, rid"""


def top_rid(conn: Connection) -> int:
    return conn.exec_driver_sql("SELECT coalesce(max(rid), 0) FROM search_person").scalar() or 0


def people_entries(rows: Sequence[tuple[str, str, str | None, str | None]], first_rid: int) -> PeopleEntries:
    """Entries for (person_id, name, id_number, phone) rows, numbered from ``first_rid`` on."""
    persons = [(rid, pid, name, reverse(idn), reverse(phone))
               for rid, (pid, name, idn, phone) in enumerate(rows, start=first_rid)]
    initials = sorted({(ini, rid) for (rid, *_rest), alternatives in
                       zip(persons, names_initials(row[1] for row in rows), strict=True)
                       for ini in alternatives if ini})
    return PeopleEntries(persons, initials, max((len(row[1]) for row in rows), default=0))


def write_people_entries(cursor: sqlite3.Cursor, entries: PeopleEntries) -> None:
    """Rids are given explicitly, so no lookup of what SQLite chose is needed afterwards."""
    if not entries.persons:
        return
    insert_values(cursor, "INSERT INTO search_person(rid, person_id, name, id_rev, phone_rev) VALUES",
                  entries.persons)
    cursor.execute(_PIECES_SQL, (entries.longest, *entries.rids))
    insert_values(cursor, "INSERT OR IGNORE INTO search_initials VALUES", entries.initials)
    cursor.execute("INSERT INTO search_name_fts(rowid, name) SELECT rid, name FROM search_person "
                   "WHERE rid BETWEEN ? AND ?", entries.rids)


def add_people(conn: Connection, rows: Sequence[tuple[str, str, str | None, str | None]]) -> None:
    """Index (person_id, name, id_number, phone) rows that are not in the index yet (new people)."""
    if not rows:
        return
    entries = people_entries(rows, top_rid(conn) + 1)
    run_now(conn, lambda cursor: write_people_entries(cursor, entries))


def reindex_people(conn: Connection, person_ids: Iterable[str]) -> None:
    """Bring the index entries of these people in line with the people table."""
    for chunk in _chunks(person_ids, 5000):
        old: list[tuple[int, str]] = []
        for part in _chunks(chunk):
            old += [tuple(r) for r in conn.exec_driver_sql(
                f"SELECT rid, name FROM search_person WHERE person_id IN ({_marks(len(part))})", tuple(part))]
        if old:
            _remove_people(conn, old)
        current: list[tuple[str, str, str | None, str | None]] = []
        for part in _chunks(chunk):
            current += [tuple(r) for r in conn.exec_driver_sql(
                f"SELECT id, name, id_number, phone FROM people "
                f"WHERE deleted = 0 AND id IN ({_marks(len(part))})", tuple(part))]
        add_people(conn, current)


# --- houses -------------------------------------------------------------------------------------

HOUSE_KEY_SQL = """
    SELECT h.id,
           COALESCE(CAST(b.number AS TEXT), b.name) || '|' ||
           COALESCE(CAST(u.number AS TEXT), u.name, '') || '|' || h.room
    FROM houses h JOIN buildings b ON b.id = h.building_id LEFT JOIN units u ON u.id = h.unit_id
    WHERE h.deleted = 0 AND b.deleted = 0"""


def index_new_houses(cursor: sqlite3.Cursor, after_rowid: int, hlc: str) -> None:
    """Index the houses just inserted with stamp ``hlc`` (rowids above ``after_rowid``; see Writer.bulk_insert)."""
    cursor.execute(f"INSERT INTO search_house(house_id, bkey) {HOUSE_KEY_SQL} AND h.rowid > ? AND h.hlc = ?",
                   (after_rowid, hlc))


def house_key(building: str, unit: str | None, room: str | None) -> str:
    """The bkey for an address query (building number or name, unit number, room)."""
    return f"{building}|{unit or ''}|{room or ''}"


def reindex_houses(conn: Connection, house_ids: Iterable[str]) -> None:
    for chunk in _chunks(house_ids):
        params = tuple(chunk)
        conn.exec_driver_sql(f"DELETE FROM search_house WHERE house_id IN ({_marks(len(chunk))})", params)
        conn.exec_driver_sql(
            f"INSERT INTO search_house(house_id, bkey) {HOUSE_KEY_SQL} AND h.id IN ({_marks(len(chunk))})",
            params)


def _houses_under(conn: Connection, table: str, ids: Iterable[str]) -> list[str]:
    column = {"units": "h.unit_id", "buildings": "h.building_id", "estates": "b.estate_id"}[table]
    found: list[str] = []
    for chunk in _chunks(ids):
        found += [r[0] for r in conn.exec_driver_sql(
            f"SELECT h.id FROM houses h JOIN buildings b ON b.id = h.building_id "
            f"WHERE {column} IN ({_marks(len(chunk))})", tuple(chunk))]
    return found


# --- entry points -------------------------------------------------------------------------------

def refresh(conn: Connection, touched: Mapping[str, set[str]]) -> None:
    """Refresh the entries of rows a transaction touched (called by the write path)."""
    if touched.get("people"):
        reindex_people(conn, sorted(touched["people"]))  # key order: B-tree friendly lookups
    houses = set(touched.get("houses", ()))
    for table in ("units", "buildings", "estates"):
        if touched.get(table):
            houses.update(_houses_under(conn, table, touched[table]))
    if houses:
        reindex_houses(conn, sorted(houses))


def rebuild(conn: Connection) -> None:
    """Rebuild the whole index from the tables (after a migration or to repair it)."""
    for table in TABLES:
        conn.exec_driver_sql(f"DELETE FROM {table}")
    batch: list[tuple[str, str, str | None, str | None]] = []
    cursor = conn.exec_driver_sql("SELECT id, name, id_number, phone FROM people WHERE deleted = 0")
    for row in cursor:
        batch.append(tuple(row))  # type: ignore[arg-type]
        if len(batch) >= 50_000:
            add_people(conn, batch)
            batch = []
    add_people(conn, batch)
    conn.exec_driver_sql(f"INSERT INTO search_house(house_id, bkey) {HOUSE_KEY_SQL}")


# --- lookups (each answers from one index range) ------------------------------------------------

_TOP = "\U0010ffff"


def _person_ids(conn: Connection, sql: str, params: tuple[object, ...]) -> list[str]:
    """Run a query for index rids (in rank order) and map them to person ids, keeping the order."""
    rids = list(dict.fromkeys(r[0] for r in conn.exec_driver_sql(sql, params)))
    if not rids:
        return []
    owners = dict(conn.exec_driver_sql(
        f"SELECT rid, person_id FROM search_person WHERE rid IN ({_marks(len(rids))})", tuple(rids)).all())
    return [owners[rid] for rid in rids if rid in owners]


def find_name_pieces(conn: Connection, piece: str, limit: int) -> list[str]:
    """People whose name contains a 1- or 2-character piece: whole name, then prefix, then inside."""
    return _person_ids(conn, "SELECT rid FROM search_name_piece WHERE piece = ? "
                             "ORDER BY rank, rid LIMIT ?", (piece, limit))


def find_name_text(conn: Connection, text: str, limit: int) -> list[str]:
    """People whose name equals, starts with, or contains a text of three or more characters."""
    exact = _person_ids(conn, "SELECT rid FROM search_person WHERE name = ? LIMIT ?", (text, limit))
    prefix = _person_ids(conn, "SELECT rid FROM search_person WHERE name > ? AND name < ? "
                               "ORDER BY name LIMIT ?", (text, text + _TOP, limit))
    phrase = '"' + text.replace('"', '""') + '"'
    inside = _person_ids(conn, "SELECT rowid AS rid FROM search_name_fts WHERE search_name_fts MATCH ? "
                               "LIMIT ?", (phrase, limit))
    return list(dict.fromkeys(exact + prefix + inside))[:limit]


def find_initials(conn: Connection, initials: str, limit: int) -> list[str]:
    """People by pinyin initials: exact initials first, then longer names starting with them."""
    return _person_ids(conn, "SELECT rid FROM search_initials WHERE initials >= ? AND initials < ? "
                             "ORDER BY initials, rid LIMIT ?", (initials, initials + "~", limit))


def find_id_tail(conn: Connection, tail: str, limit: int) -> list[str]:
    """People whose ID number ends with ``tail`` (a full number is its own tail)."""
    rev = tail[::-1]
    return _person_ids(conn, "SELECT rid FROM search_person WHERE id_rev >= ? AND id_rev < ? "
                             "ORDER BY id_rev LIMIT ?", (rev, rev + _TOP, limit))


def find_phone_tail(conn: Connection, tail: str, limit: int) -> list[str]:
    rev = tail[::-1]
    return _person_ids(conn, "SELECT rid FROM search_person WHERE phone_rev >= ? AND phone_rev < ? "
                             "ORDER BY phone_rev LIMIT ?", (rev, rev + _TOP, limit))


def find_houses(conn: Connection, key: str, *, exact: bool, estate: str | None, limit: int) -> list[str]:
    """Houses by address key ("3|2|501"): the exact key or every key starting with it, optionally
    only in estates whose name contains ``estate``."""
    where = "s.bkey = ?" if exact else "s.bkey >= ? AND s.bkey < ?"
    params: tuple[object, ...] = (key,) if exact else (key, key + _TOP)
    join = ""
    if estate:
        join = ("JOIN houses h ON h.id = s.house_id JOIN buildings b ON b.id = h.building_id "
                "JOIN estates e ON e.id = b.estate_id")
        where += " AND instr(e.name, ?) > 0"
        params += (estate,)
    rows = conn.exec_driver_sql(f"SELECT s.house_id FROM search_house s {join} WHERE {where} "
                                f"ORDER BY s.bkey LIMIT ?", (*params, limit))
    return [r[0] for r in rows]
