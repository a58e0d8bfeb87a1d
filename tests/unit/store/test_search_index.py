"""The search index written by SQL during imports answers like the rules in app.domain.names."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from app.domain.names import name_initials, name_pieces
from app.services.importing.merge import ImportOptions
from app.services.importing.service import run_import
from app.store import search_index
from app.store.db import Database
from benchmarks.ledger_data import write_xlsx

# Surnames, polyphonic and repeated characters, the "·" of transliterated names, a Latin letter.
_NAME = st.text(alphabet="王李张欧阳乐曾单·阿依古丽aB", min_size=1, max_size=50)


def _index(db: Database, names: list[str]) -> None:
    with db.session() as session:
        conn = session.connection()
        for table in search_index.TABLES:
            conn.exec_driver_sql(f"DELETE FROM {table}")
        search_index.add_people(conn, [(f"p{i}", name, None, None) for i, name in enumerate(names)])


def _rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    with db.session() as session:
        return [tuple(r) for r in session.execute(text(sql))]


# _index clears the index, so the function-scoped database can serve every example
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(_NAME, min_size=1, max_size=8))
def test_pieces_written_by_sql_are_the_name_pieces_of_each_name(db: Database, names: list[str]) -> None:
    _index(db, names)
    rid_of = dict(_rows(db, "SELECT person_id, rid FROM search_person"))
    expected = {(piece, rank, rid_of[f"p{i}"]) for i, name in enumerate(names) for piece, rank in name_pieces(name)}
    assert set(_rows(db, "SELECT piece, rank, rid FROM search_name_piece")) == expected
    expected_initials = {(ini, rid_of[f"p{i}"]) for i, name in enumerate(names) for ini in name_initials(name)}
    assert set(_rows(db, "SELECT initials, rid FROM search_initials")) == expected_initials


def test_short_long_and_trigram_queries_find_the_people_indexed_in_bulk(db: Database) -> None:
    names = ["王", "王芳", "王芳芳", "欧阳乐乐", "阿依古丽·买买提", "张王芳芳", "王芳芬"]
    _index(db, names)
    with db.session() as session:
        conn = session.connection()
        assert search_index.find_name_pieces(conn, "王", 10) == ["p0", "p1", "p2", "p6", "p5"]  # whole, prefix, inside
        assert search_index.find_name_pieces(conn, "芳芳", 10) == ["p2", "p5"]
        assert search_index.find_name_text(conn, "古丽·买", 10) == ["p4"]
        assert search_index.find_name_text(conn, "王芳芳", 10) == ["p2", "p5"]  # the name itself, then inside
        assert search_index.find_name_text(conn, "芳芳芳", 10) == []
        assert search_index.find_initials(conn, "oyl", 10) == ["p3"]


def _index_content(db: Database) -> dict[str, set[tuple[object, ...]]]:
    """The index by person and house ids (rids are internal numbers and may differ)."""
    queries = {
        "person": "SELECT person_id, name, id_rev, phone_rev FROM search_person",
        "pieces": "SELECT s.person_id, p.piece, p.rank FROM search_name_piece p JOIN search_person s USING (rid)",
        "initials": "SELECT s.person_id, i.initials FROM search_initials i JOIN search_person s USING (rid)",
        "trigram": "SELECT s.person_id FROM search_name_fts f JOIN search_person s ON s.rid = f.rowid "
                   "WHERE search_name_fts MATCH '\"' || substr(s.name, 1, 3) || '\"' AND length(s.name) >= 3",
        "houses": "SELECT house_id, bkey FROM search_house",
    }
    return {name: set(_rows(db, sql)) for name, sql in queries.items()}


def test_the_index_an_import_builds_equals_a_rebuild(db: Database, tmp_path: Path) -> None:
    """An import indexes people while reading and houses as they are inserted, in SQL; a rebuild does it
    all from the tables afterwards: both must give the same index."""
    ledger = tmp_path / "人口台账.xlsx"
    write_xlsx(ledger, 2500)
    run_import(db, [ledger], ImportOptions(user_name="测试"))
    imported = _index_content(db)
    assert len(imported["person"]) == 2500 and imported["houses"]
    with db.session() as session:
        search_index.rebuild(session.connection())
    assert _index_content(db) == imported
