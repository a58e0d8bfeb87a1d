"""A desktop that imports a ledger before it ever synced: its community, grid, estate, buildings, units,
houses and default tags are made afresh on this desktop; at its first sync they are the server's own rows
again (one row each, everywhere), and everything else it imported reaches the server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, text

from app.services.importing.merge import ImportOptions
from app.services.importing.service import run_import, undo
from app.store.db import Database
from app.store.models import House, OrgNode, Person, TagType
from app.store.sync_queries import rejected_entries, resubmit_rejected
from app.store.users import all_users, save_user
from app.store.writes import new_id, writing
from sync.client import ADOPTED_NOTE, remap_local
from sync.local_only import FOLDED_NOTE, LOCAL_ONLY_NOTE
from sync.server.models import ConflictEntry
from tests.importing.conftest import LEDGERS, needs_corpus
from tests.importing.generated import generated_id, ledger
from tests.sync.conftest import COMMUNITY, Desktop, Server

ESTATE = "锦绣花园"
G1 = f"{COMMUNITY}/第一网格"
PLACES = ("org_nodes", "estates", "buildings", "units", "houses", "tag_types")
LIVING = "SELECT count(*) FROM {} WHERE deleted = :no"


def estate_ledger(path: Path, rows: list[list[object]]) -> Path:
    """A people ledger whose rows all live in ESTATE (a 小区 column in front)."""
    ledger(path, rows)
    book = load_workbook(path)
    sheet = book.active
    sheet.insert_cols(1)
    sheet["A1"] = "小区"
    for row in range(2, len(rows) + 2):
        sheet.cell(row, 1, ESTATE)
    book.save(path)
    return path


def living(side: Server | Desktop, table: str) -> int:
    return int(side.scalar(LIVING.format(table), no=False))  # type: ignore[arg-type]


def doubles(side: Server | Desktop) -> list[tuple[object, ...]]:
    """Places that are there twice (same parent and name)."""
    return [*side.rows("SELECT level, name FROM org_nodes WHERE deleted = :no GROUP BY level, name "
                       "HAVING count(*) > 1", no=False),
            *side.rows("SELECT name FROM estates WHERE deleted = :no GROUP BY name HAVING count(*) > 1", no=False),
            *side.rows("SELECT estate_id, name FROM buildings WHERE deleted = :no GROUP BY estate_id, name "
                       "HAVING count(*) > 1", no=False),
            *side.rows("SELECT building_id, unit_id, room FROM houses WHERE deleted = :no "
                       "GROUP BY building_id, unit_id, room HAVING count(*) > 1", no=False),
            *side.rows("SELECT code FROM tag_types WHERE deleted = :no GROUP BY code HAVING count(*) > 1", no=False)]


@pytest.fixture
def secretary(server: Server, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> Desktop:
    """The secretary's desktop has imported 第一网格's first households and synced."""
    secretary = desktop("secretary", "书记")
    run_import(secretary.db, [estate_ledger(tmp_path / "一.xlsx", [
        ["甲", generated_id(1), "1号楼", "1单元", "101", "户主", "独居老人"],
        ["乙", generated_id(2), "1号楼", "2单元", "201", "户主"]])],
        ImportOptions(grid=f"{COMMUNITY}/第一网格", user_name="书记"))
    assert secretary.sync().rejected == 0
    return secretary


@pytest.mark.parametrize(("user", "grid_worker"), [("网格员一", True), ("书记", False)])
def test_what_was_imported_before_the_first_sync_reaches_the_server_in_the_servers_places(
        server: Server, secretary: Desktop, desktop: Callable[[str, str], Desktop], tmp_path: Path,
        user: str, grid_worker: bool) -> None:
    with writing(secretary.db) as w:  # the office visits its lone elderly more often than the default says
        w.update(TagType, str(secretary.scalar("SELECT id FROM tag_types WHERE code = 'elderly_alone'")),
                 {"visit_every_days": 3})
    assert secretary.sync().rejected == 0
    places = {table: living(server, table) for table in PLACES}
    house = server.scalar("SELECT id FROM houses WHERE room = '101'")
    fresh = desktop("fresh", user)
    run_import(fresh.db, [estate_ledger(tmp_path / "二.xlsx", [
        ["丙", generated_id(3), "1号楼", "1单元", "101", "妻", "残疾人"],  # a house the server has
        ["丁", generated_id(4), "1号楼", "1单元", "102", "户主"]])],  # a new house in a unit the server has
        ImportOptions(grid=f"{COMMUNITY}/第一网格", user_name=user, grid_worker=grid_worker))
    result = fresh.sync()
    assert result.rejected == 0, result.rejects
    assert result.conflicts == 0  # its default tags are the server's: nothing for the secretary to review
    assert server.scalar("SELECT visit_every_days FROM tag_types WHERE code = 'elderly_alone'") == 3
    assert fresh.scalar("SELECT count(*) FROM outbox WHERE status <> 'sent'") == 0
    assert {table: living(server, table) for table in PLACES} == {**places, "houses": places["houses"] + 1}
    assert doubles(server) == doubles(fresh) == []
    grid = server.scalar("SELECT id FROM org_nodes WHERE name = '第一网格'")
    assert server.rows("SELECT name, grid_id FROM people WHERE name IN ('丙', '丁') ORDER BY name") == [
        ("丁", grid), ("丙", grid)]
    assert fresh.scalar("SELECT house_id FROM households h JOIN people p ON p.household_id = h.id "
                        "WHERE p.name = '丙'") == house
    assert fresh.sync().rejected == 0
    assert secretary.sync().rejected == 0
    for table in ("org_nodes", "estates", "buildings", "units", "houses", "people"):
        assert living(secretary, table) == living(server, table), table
    assert doubles(secretary) == []


def test_an_import_before_the_first_sync_into_a_grid_of_someone_else_is_still_refused(
        server: Server, secretary: Desktop, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> None:
    """The server's 第二网格 is not the grid worker's: their rows there stay refused, nothing is merged into it."""
    people = living(server, "people")
    worker = desktop("worker", "网格员一")
    path = estate_ledger(tmp_path / "二.xlsx", [["丙", generated_id(3), "9号楼", "1单元", "901", "户主"]])
    run_import(worker.db, [path], ImportOptions(grid=f"{COMMUNITY}/第二网格", user_name="网格员一", grid_worker=True))
    result = worker.sync()
    assert result.rejected > 0
    assert {r["table"] for r in result.rejects} >= {"people", "buildings"}
    assert living(server, "people") == people
    assert server.scalar("SELECT count(*) FROM buildings WHERE name = '9号楼'") == 0


def test_undoing_an_import_merged_at_the_first_sync_keeps_the_servers_places(
        server: Server, secretary: Desktop, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> None:
    places = {table: living(server, table) for table in PLACES}
    worker = desktop("worker", "网格员一")
    batch = run_import(worker.db, [estate_ledger(tmp_path / "二.xlsx", [
        ["丙", generated_id(3), "1号楼", "1单元", "101", "妻"]])],
        ImportOptions(grid=f"{COMMUNITY}/第一网格", user_name="网格员一", grid_worker=True))
    assert worker.sync().rejected == 0
    undo(worker.db, batch.batch_id or "", user_name="网格员一")
    result = worker.sync()
    assert result.rejected == 0, result.rejects
    assert server.scalar("SELECT deleted FROM people WHERE name = '丙'")
    assert {table: living(server, table) for table in PLACES} == places
    assert secretary.sync().rejected == 0
    assert secretary.rows("SELECT name FROM people WHERE deleted = :no ORDER BY name", no=False) == [("乙",), ("甲",)]


@pytest.mark.parametrize(("user", "grid_worker"), [("网格员一", True), ("书记", False)])
def test_an_import_undone_and_done_again_before_the_first_sync_sends_only_the_second(
        server: Server, secretary: Desktop, desktop: Callable[[str, str], Desktop], tmp_path: Path,
        user: str, grid_worker: bool) -> None:
    """The first try never reached the server: nothing of it is sent, so nothing of it is refused."""
    places = {table: living(server, table) for table in PLACES}
    fresh = desktop("fresh", user)
    path = estate_ledger(tmp_path / "二.xlsx", [["丙", generated_id(3), "1号楼", "1单元", "101", "妻", "残疾人"],
                                                 ["丁", generated_id(4), "1号楼", "1单元", "102", "户主"]])
    options = ImportOptions(grid=G1, user_name=user, grid_worker=grid_worker)
    first = run_import(fresh.db, [path], options)
    undo(fresh.db, first.batch_id or "", user_name=user)
    tried = set(fresh.rows("SELECT table_name, row_id FROM import_changes WHERE batch_id = :b", b=first.batch_id))
    run_import(fresh.db, [path], options)
    result = fresh.sync()
    assert result.rejected == 0, result.rejects
    assert result.conflicts == 0
    assert fresh.scalar("SELECT count(*) FROM outbox WHERE status <> 'sent'") == 0
    notes = dict(fresh.rows("SELECT reason, count(*) FROM outbox WHERE reason IS NOT NULL GROUP BY reason"))
    assert notes[LOCAL_ONLY_NOTE] >= 2 * len([t for t in tried if t[0] != "tag_types"])  # insert and delete
    assert notes[FOLDED_NOTE] == 2 * 14  # the default tag types: deleted by the undo, brought back
    reached = [(t, r) for t, r in tried if server.scalar(f"SELECT count(*) FROM {t} WHERE id = :r", r=r)]
    assert reached == []  # the first try's rows never reached the server (its tag types are the server's)
    assert {table: living(server, table) for table in PLACES} == {**places, "houses": places["houses"] + 1}
    assert doubles(server) == []
    assert server.rows("SELECT name FROM people WHERE deleted = :no ORDER BY name", no=False) == [
        ("丁",), ("丙",), ("乙",), ("甲",)]
    assert server.scalar("SELECT count(*) FROM people") == 4  # no tombstones of the first try either
    assert fresh.sync().rejected == 0


FAMILIES = [["甲", generated_id(1), "1号楼", "1单元", "101", "户主", "独居老人"],
            ["甲妻", generated_id(11), "1号楼", "1单元", "101", "妻"],
            ["乙", generated_id(2), "1号楼", "2单元", "201", "户主"],
            ["乙子", generated_id(12), "1号楼", "2单元", "201", "子"],
            ["戊", generated_id(5), "1号楼", "2单元", "202", "配偶"],  # a household whose head is not listed
            ["戊女", generated_id(15), "1号楼", "2单元", "202", "女"]]
MEMBERS = ("SELECT p.name, h.house_id, m.relation FROM memberships m JOIN people p ON p.id = m.person_id "
           "JOIN households h ON h.id = m.household_id WHERE m.deleted = :no AND m.left_on IS NULL ORDER BY p.name")


@pytest.mark.parametrize(("user", "grid_worker"), [("网格员一", True), ("书记", False)])
def test_the_same_ledger_imported_on_two_desktops_is_one_set_of_households(
        server: Server, desktop: Callable[[str, str], Desktop], tmp_path: Path, user: str, grid_worker: bool) -> None:
    """The secretary imported the community's ledger and synced; a second desktop imports it too before its
    first sync: its households, memberships and tags are the server's (same house, same head), so nobody
    has duplicates to clean up and the secretary has nothing to review."""
    first = desktop("secretary", "书记")
    run_import(first.db, [estate_ledger(tmp_path / "一.xlsx", FAMILIES)], ImportOptions(grid=G1, user_name="书记"))
    assert first.sync().rejected == 0
    before = {t: living(server, t) for t in ("households", "memberships", "people", "person_tags")}
    members = server.rows(MEMBERS, no=False)
    second = desktop("second", user)
    run_import(second.db, [estate_ledger(tmp_path / "二.xlsx", [*FAMILIES, ["甲孙", generated_id(13), "1号楼",
                                                                          "1单元", "101", "孙子"]])],
               ImportOptions(grid=G1, user_name=user, grid_worker=grid_worker))
    result = second.sync()
    assert (result.rejected, result.conflicts) == (0, 0), result.rejects
    assert server.scalar("SELECT count(*) FROM conflict_log") == 0
    grown = {**before, "people": before["people"] + 1, "memberships": before["memberships"] + 1}
    assert {t: living(server, t) for t in before} == grown  # 甲孙 joined 甲's household
    house = server.scalar("SELECT house_id FROM households h JOIN people p ON p.id = h.head_person_id "
                          "WHERE p.name = '甲'")
    assert server.rows(MEMBERS, no=False) == sorted([*members, ("甲孙", house, "孙子")])
    assert second.sync().rejected == 0 and first.sync().rejected == 0
    for side in (first, second):
        assert {t: living(side, t) for t in before} == grown
        assert side.rows(MEMBERS, no=False) == server.rows(MEMBERS, no=False)
        assert side.rows("PRAGMA foreign_key_check") == []


def with_use(path: Path, uses: dict[str, str]) -> Path:
    """The ledger with a 房屋状态 column: room -> use."""
    book = load_workbook(path)
    sheet = book.active
    column = sheet.max_column + 1
    sheet.cell(1, column, "房屋状态")
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, column, uses.get(str(sheet.cell(row, 6).value), ""))  # 小区 is in front: room is F
    book.save(path)
    return path


def two_copies(desktop: Callable[[str, str], Desktop], tmp_path: Path, uses: dict[str, str],
               other_uses: dict[str, str], other_rows: list[list[object]] = FAMILIES) -> tuple[Desktop, Desktop]:
    """The secretary's desktop has imported FAMILIES (rooms' 房屋状态 ``uses``) and synced; the worker's has
    imported its own copy (``other_rows``, ``other_uses``) before its first sync."""
    first = desktop("secretary", "书记")
    run_import(first.db, [with_use(estate_ledger(tmp_path / "一.xlsx", FAMILIES), uses)],
               ImportOptions(grid=G1, user_name="书记"))
    assert first.sync().rejected == 0
    second = desktop("second", "网格员一")
    run_import(second.db, [with_use(estate_ledger(tmp_path / "二.xlsx", other_rows), other_uses)],
               ImportOptions(grid=G1, user_name="网格员一", grid_worker=True))
    return first, second


def test_another_version_of_the_ledger_imported_before_the_first_sync_leaves_its_differences_for_review(
        server: Server, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> None:
    """The worker's copy of the secretary's ledger says 乙子 is 孙子, not 子, and that 201 is let: the server
    keeps one household, one membership, one house and its values, and the worker's wait in the conflict log
    for the secretary instead of vanishing; what is the same in both copies is merged without a word."""
    other = [[*row[:5], "孙子", *row[6:]] if row[0] == "乙子" else row for row in FAMILIES]
    _first, second = two_copies(desktop, tmp_path, {"101": "自住", "201": "自住"}, {"101": "自住", "201": "出租"},
                                other)
    before = {t: living(server, t) for t in ("households", "memberships", "houses", "people")}
    members = server.rows(MEMBERS, no=False)
    result = second.sync()
    assert (result.rejected, result.conflicts) == (0, 4)
    assert {t: living(server, t) for t in before} == before and server.rows(MEMBERS, no=False) == members
    with server.db.session() as session:
        logged = sorted((c.table_name, c.field, c.kept_value, c.lost_value)
                        for c in session.scalars(select(ConflictEntry)) if c.field is not None)
    assert logged == [("houses", "use", "自住", "出租"), ("people", "relation", "子", "孙子")]
    assert second.sync().rejected == 0
    assert second.rows(MEMBERS, no=False) == members
    assert second.scalar("SELECT use FROM houses WHERE room = '201' AND deleted = :no", no=False) == "自住"


def test_an_edit_made_after_the_import_and_before_the_first_sync_wins_as_an_edit(
        server: Server, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> None:
    """Both copies say 201 is 自住; the worker let it (出租) after importing, before the first sync: the edit is
    newer than the server's value, so it wins, and the review shows that one concurrent edit, not a merge too."""
    _first, second = two_copies(desktop, tmp_path, {"201": "自住"}, {"201": "自住"})
    with writing(second.db) as w:
        w.update(House, str(second.scalar("SELECT id FROM houses WHERE room = '201'")), {"use": "出租"})
    result = second.sync()
    assert (result.rejected, result.conflicts) == (0, 1)
    assert server.scalar("SELECT use FROM houses WHERE room = '201' AND deleted = :no", no=False) == "出租"
    with server.db.session() as session:
        assert [(c.kind, c.field, c.kept_value, c.lost_value) for c in session.scalars(select(ConflictEntry))] == [
            ("concurrent", "use", "出租", "自住")]


@needs_corpus
def test_a_ledger_of_the_corpus_imported_on_two_desktops_has_no_duplicates(
        server: Server, desktop: Callable[[str, str], Desktop]) -> None:
    """people_12 (grids, households without a listed head): the second desktop's rows are the first's."""
    path = LEDGERS / "people_12_grid_combined.xlsx"
    tables = ("households", "memberships", "people", "person_tags", "houses")
    first, second = desktop("first", "书记"), desktop("second", "书记")
    run_import(first.db, [path], ImportOptions(community=COMMUNITY, user_name="书记"))
    assert first.sync().rejected == 0
    before = {t: living(server, t) for t in tables}
    run_import(second.db, [path], ImportOptions(community=COMMUNITY, user_name="书记"))
    result = second.sync()
    assert (result.rejected, result.conflicts) == (0, 0)
    assert {t: living(server, t) for t in tables} == before
    assert doubles(server) == []


def test_a_household_whose_head_the_server_had_elsewhere_names_the_servers_person(
        server: Server, secretary: Desktop, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> None:
    """甲 moved to 104 in the worker's ledger: the new household's head is the server's 甲, on every desktop."""
    worker = desktop("worker", "网格员一")
    run_import(worker.db, [estate_ledger(tmp_path / "二.xlsx", [["甲", generated_id(1), "1号楼", "1单元", "104",
                                                                 "户主"], ["丁", generated_id(4), "1号楼", "1单元",
                                                                           "104", "妻"]])],
               ImportOptions(grid=G1, user_name="网格员一", grid_worker=True))
    assert worker.sync().rejected == 0
    assert secretary.sync().rejected == 0
    head = ("SELECT p.name FROM households h JOIN houses o ON o.id = h.house_id "
            "JOIN people p ON p.id = h.head_person_id ")
    for side in (server, worker, secretary):
        assert side.rows(head + "WHERE o.room = '104'") == [("甲",)]
        assert side.scalar("SELECT count(*) FROM households WHERE head_person_id IS NOT NULL "
                           "AND head_person_id NOT IN (SELECT id FROM people)") == 0


def test_another_family_at_a_house_the_server_has_is_a_household_of_its_own(
        server: Server, secretary: Desktop, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> None:
    """Same house, another head: two households live there (人户分离, 合租), nothing is merged."""
    households = living(server, "households")
    worker = desktop("worker", "网格员一")
    run_import(worker.db, [estate_ledger(tmp_path / "二.xlsx", [["丙", generated_id(3), "1号楼", "1单元", "101",
                                                                 "户主"]])],
               ImportOptions(grid=G1, user_name="网格员一", grid_worker=True))
    assert worker.sync().rejected == 0
    assert living(server, "households") == households + 1
    assert server.scalar("SELECT count(DISTINCT house_id) FROM households h JOIN people p ON p.id = h.head_person_id "
                         "WHERE p.name IN ('甲', '丙')") == 1


def test_a_grid_workers_own_tag_that_the_server_has_is_the_servers(
        server: Server, secretary: Desktop, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> None:
    """The secretary's 重点帮扶 lies in the shared bucket; the worker's, made by their import, in their grid."""
    run_import(secretary.db, [estate_ledger(tmp_path / "一.xlsx", [["戊", generated_id(5), "1号楼", "1单元", "103",
                                                                    "户主", "重点帮扶"]])],
               ImportOptions(grid=G1, user_name="书记"))
    assert secretary.sync().rejected == 0
    worker = desktop("worker", "网格员一")
    run_import(worker.db, [estate_ledger(tmp_path / "二.xlsx", [["己", generated_id(6), "1号楼", "1单元", "104",
                                                                 "户主", "重点帮扶"]])],
               ImportOptions(grid=G1, user_name="网格员一", grid_worker=True))
    result = worker.sync()
    assert result.rejected == 0, result.rejects
    assert server.rows("SELECT p.name FROM person_tags pt JOIN people p ON p.id = pt.person_id "
                       "JOIN tag_types t ON t.id = pt.tag_id WHERE t.name = '重点帮扶' ORDER BY p.name") == [
        ("己",), ("戊",)]
    assert doubles(server) == doubles(worker) == []


def test_a_refused_import_resubmitted_once_the_server_has_the_community_reaches_it(
        server: Server, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> None:
    """The worker's first sync finds an empty server (nothing of theirs may be written yet); the pull after
    the secretary's first sync finds the same tag codes: the worker's refused tags become the server's
    (their people keep their tags), and everything resubmitted is taken."""
    worker = desktop("worker", "网格员一")
    run_import(worker.db, [estate_ledger(tmp_path / "二.xlsx", [["丙", generated_id(3), "1号楼", "1单元", "101",
                                                                 "户主", "独居老人"]])],
               ImportOptions(grid=G1, user_name="网格员一", grid_worker=True))
    assert worker.sync().rejected > 0
    secretary = desktop("secretary", "书记")
    run_import(secretary.db, [estate_ledger(tmp_path / "一.xlsx", [["甲", generated_id(1), "1号楼", "1单元", "101",
                                                                    "户主", "独居老人"]])],
               ImportOptions(grid=G1, user_name="书记"))
    assert secretary.sync().rejected == 0
    worker.sync()
    assert worker.rows("PRAGMA foreign_key_check") == []
    assert worker.rows("SELECT DISTINCT status, reason FROM outbox WHERE table_name = 'tag_types'") == [
        ("sent", ADOPTED_NOTE)]  # settled: nothing of them is left to resubmit
    resubmit_rejected(worker.db, [entry.device_seq for entry in rejected_entries(worker.db)])
    result = worker.sync()
    assert result.rejected == 0, result.rejects
    assert worker.rows("PRAGMA foreign_key_check") == []
    assert doubles(server) == doubles(worker) == []
    assert server.rows("SELECT p.name FROM person_tags pt JOIN people p ON p.id = pt.person_id "
                       "JOIN tag_types t ON t.id = pt.tag_id WHERE t.name = '独居老人' ORDER BY p.name") == [
        ("丙",), ("甲",)]


def test_the_twin_is_the_one_the_user_may_see(server: Server, secretary: Desktop,
                                              desktop: Callable[[str, str], Desktop], tmp_path: Path) -> None:
    """2号楼 is there twice: in 第二网格 (made first) and in 第一网格 (the worker's); a new desktop of the
    worker's finds the worker's."""
    run_import(secretary.db, [estate_ledger(tmp_path / "一.xlsx", [["戊", generated_id(5), "2号楼", "1单元", "101",
                                                                    "户主"]])],
               ImportOptions(grid=f"{COMMUNITY}/第二网格", user_name="书记"))
    assert secretary.sync().rejected == 0
    synced = desktop("synced", "网格员一")
    assert synced.sync().rejected == 0
    for name, seq, room, desk in (("己", 6, "101", synced), ("庚", 7, "102", desktop("fresh", "网格员一"))):
        run_import(desk.db, [estate_ledger(tmp_path / f"{name}.xlsx", [[name, generated_id(seq), "2号楼", "1单元",
                                                                        room, "户主"]])],
                   ImportOptions(grid=G1, user_name="网格员一", grid_worker=True))
        result = desk.sync()
        assert result.rejected == 0, result.rejects
    assert server.rows("SELECT g.name, count(DISTINCT b.id), count(h.id) FROM buildings b "
                       "JOIN org_nodes g ON g.id = b.grid_id LEFT JOIN houses h ON h.building_id = b.id "
                       "WHERE b.name = '2号楼' GROUP BY g.name ORDER BY g.name") == [
        ("第一网格", 1, 2), ("第二网格", 1, 1)]


def test_a_later_batch_is_undone_after_the_first_sync_renamed_its_rows(
        server: Server, secretary: Desktop, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> None:
    worker = desktop("worker", "网格员一")
    options = ImportOptions(grid=G1, user_name="网格员一", grid_worker=True)
    run_import(worker.db, [estate_ledger(tmp_path / "一.xlsx", [["丙", generated_id(3), "1号楼", "1单元", "101",
                                                                 "户主"]])], options)
    path = estate_ledger(tmp_path / "二.xlsx", [["丙", generated_id(3), "1号楼", "1单元", "101", "户主", "", "出租"]])
    book = load_workbook(path)
    book.active["I1"] = "房屋状态"
    book.save(path)
    later = run_import(worker.db, [path], options)
    assert later.document["counts"]["houses"]["updated"] == 1
    own_grid = worker.scalar("SELECT id FROM org_nodes WHERE level = 'grid'")
    save_user(worker.db, "网格员一", "grid_worker", [str(own_grid)])
    assert worker.sync().rejected == 0
    house = server.scalar("SELECT id FROM houses WHERE room = '101'")
    assert worker.scalar("SELECT use FROM houses WHERE id = :h", h=house) == "出租"
    undo(worker.db, later.batch_id or "", user_name="网格员一")
    assert worker.scalar("SELECT use FROM houses WHERE id = :h", h=house) != "出租"
    assert worker.sync().rejected == 0
    assert server.scalar("SELECT use FROM houses WHERE id = :h", h=house) != "出租"
    grids = all_users(worker.db)[0].grid_ids or []  # the user's grid is the server's now
    assert grids == [server.scalar("SELECT id FROM org_nodes WHERE name = '第一网格'")]


def test_a_person_without_a_grid_takes_the_grid_of_the_desktop_that_registered_them_too(
        server: Server, secretary: Desktop, desktop: Callable[[str, str], Desktop], tmp_path: Path) -> None:
    with writing(secretary.db) as w:
        w.insert(Person, {"name": "壬", "id_number": generated_id(9), "grid_id": None})
    assert secretary.sync().rejected == 0
    fresh = desktop("fresh", "书记")
    path = estate_ledger(tmp_path / "二.xlsx", [["壬", generated_id(9), "1号楼", "1单元", "101", "子"]])
    run_import(fresh.db, [path], ImportOptions(grid=G1, user_name="书记"))
    assert fresh.sync().rejected == 0
    assert server.scalar("SELECT g.name FROM people p JOIN org_nodes g ON g.id = p.grid_id WHERE p.name = '壬'") == \
        "第一网格"


def test_rows_renamed_where_the_servers_row_is_here_already(db: Database) -> None:
    """Two of ours merged into a row that is here already: ours go, what pointed at them follows."""
    with writing(db) as w:
        theirs = w.insert(OrgNode, {"level": "community", "name": COMMUNITY})
        ours = w.insert(OrgNode, {"level": "community", "name": COMMUNITY})
        grid = new_id()
        w.insert(OrgNode, {"id": grid, "level": "grid", "name": "第一网格", "parent_id": ours, "grid_id": grid})
        also_ours = w.insert(OrgNode, {"level": "community", "name": COMMUNITY})
    with db.session() as session:
        remap_local(session, "org_nodes", {ours: theirs, also_ours: theirs})
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT id FROM org_nodes WHERE level = 'community'")).scalars().all() == [theirs]
        assert conn.execute(text("SELECT parent_id FROM org_nodes WHERE id = :g"), {"g": grid}).scalar() == theirs


@pytest.mark.parametrize("grid", ["第一网格", "第三网格"])
def test_someone_a_second_import_moved_before_the_first_sync_reaches_the_server_in_their_new_household(
        server: Server, desktop: Callable[[str, str], Desktop], tmp_path: Path, grid: str) -> None:
    """The person's insert waits in the outbox before the household (and the grid: 第三网格) the second import
    made for them; sent as the person is now, it pointed at rows the server did not have yet, and the server
    refused the person, their memberships and their tags."""
    fresh = desktop("fresh", "书记")
    for name, building, room, into in (("一", "1号楼", "101", "第一网格"), ("二", "2号楼", "201", grid)):
        run_import(fresh.db, [estate_ledger(tmp_path / f"{name}.xlsx", [
            ["甲", generated_id(1), building, "1单元", room, "户主", "独居老人"]])],
            ImportOptions(grid=f"{COMMUNITY}/{into}", user_name="书记"))
    result = fresh.sync()
    assert result.rejected == 0, result.rejects
    assert server.scalar("SELECT o.name FROM people p JOIN org_nodes o ON o.id = p.grid_id") == grid
    where = ("SELECT b.name || h.room FROM people p JOIN households hh ON hh.id = p.household_id "
             "JOIN houses h ON h.id = hh.house_id JOIN buildings b ON b.id = h.building_id WHERE p.name = '甲'")
    assert server.scalar(where) == fresh.scalar(where) == "2号楼201"
    assert server.rows("SELECT h.room, m.left_on IS NULL FROM memberships m JOIN households hh "
                       "ON hh.id = m.household_id JOIN houses h ON h.id = hh.house_id ORDER BY h.room") == [
        ("101", False), ("201", True)]
    assert server.scalar("SELECT count(*) FROM person_tags") == 1
