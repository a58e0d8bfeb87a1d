"""All benchmarks in one command: ``python benchmarks/run.py [--households N] [--rebuild]``.

Builds (or reuses) a district-sized demo database (400,000 households ≈ 1,000,000 people) and prints
each figure as ``name: value unit (ratio vs baseline)``. Baselines: the issue's targets for latencies,
a bare sqlite3 executemany measured here for write speed, the people table's own pages for size.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.services.demo import generate_demo  # noqa: E402
from app.services.search import SearchService  # noqa: E402
from app.store.db import Database  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
SEARCH_TARGET_MS = 20.0


def line(name: str, value: float, unit: str, baseline: float, baseline_name: str) -> None:
    ratio = value / baseline if baseline else float("nan")
    print(f"{name}: {value:,.2f} {unit} ({ratio:.2f}x vs {baseline_name} {baseline:,.2f})", flush=True)


def bare_executemany_rows_per_s(rows: int = 1_000_000) -> float:
    """What raw sqlite3 does on this machine: the ceiling for any bulk write path."""
    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(Path(tmp) / "bare.sqlite", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, name TEXT, id_number TEXT, phone TEXT, d TEXT)")
        data = [(f"{i:036d}", "张三", f"{i:018d}", "13800000000", "1990-01-01") for i in range(rows)]
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?)", data)
        conn.execute("COMMIT")
        seconds = time.perf_counter() - start
        conn.close()
    return rows / seconds


def build(households: int, rebuild: bool) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"district_{households}.sqlite"
    if path.exists() and not rebuild:
        print(f"# reusing {path.name} (pass --rebuild to time generation)", flush=True)
        return path
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = Database(path)
    start = time.perf_counter()
    summary = generate_demo(db, seed=1, households=households)
    seconds = time.perf_counter() - start
    rows = sum(summary.counts.values())
    print(f"# demo: {households:,} households, {summary.counts.get('people', 0):,} people, "
          f"{rows:,} rows in {seconds:.1f} s", flush=True)
    line("demo_generation", rows / seconds, "rows/s", bare_executemany_rows_per_s(), "bare executemany")
    db.close()
    return path


def size_per_person(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    people = conn.execute("SELECT count(*) FROM people").fetchone()[0]
    people_bytes = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name = 'people'").fetchone()[0]
    search_bytes = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search%' "
                                "OR name LIKE 'ix_search%' OR name LIKE 'sqlite_autoindex_search%'").fetchone()[0]
    conn.close()
    total = path.stat().st_size
    line("db_size_per_person", total / people, "bytes", people_bytes / people, "people table alone")
    line("search_index_per_person", search_bytes / people, "bytes", people_bytes / people, "people table alone")


def sample_queries(path: Path, rng: random.Random, n: int) -> dict[str, list[str]]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT name, id_number, phone FROM people WHERE rowid IN "
                        f"(SELECT abs(random()) % (SELECT max(rowid) FROM people) FROM people LIMIT {n * 3})"
                        ).fetchall()
    houses = conn.execute("""
        SELECT b.number, u.number, h.room, e.name FROM houses h JOIN buildings b ON b.id = h.building_id
        JOIN units u ON u.id = h.unit_id JOIN estates e ON e.id = b.estate_id
        WHERE h.rowid IN (SELECT abs(random()) % (SELECT max(rowid) FROM houses) FROM houses LIMIT ?)""",
                          (n * 2,)).fetchall()
    conn.close()
    from app.domain.names import name_initials

    rows = [r for r in rows if r[1] and r[2]][:n]
    houses = [h for h in houses if h[0]][:n]
    return {
        "name_1char": [r[0][0] for r in rows],
        "name_2char": [r[0][:2] for r in rows],
        "name_full": [r[0] for r in rows],
        "initials": [name_initials(r[0])[0] for r in rows],
        "id_full": [r[1] for r in rows],
        "id_tail4": [r[1][-4:] for r in rows],
        "id_tail6": [r[1][-6:] for r in rows],
        "phone_full": [r[2] for r in rows],
        "phone_tail4": [r[2][-4:] for r in rows],
        "address_dash": [f"{b}-{u}-{room}" for b, u, room, _ in houses],
        "address_text": [f"{e}{b}号楼{u}单元{room}" for b, u, room, e in houses],
    }


def time_queries(search: Callable[[str], object], queries: list[str]) -> list[float]:
    timings = []
    for q in queries:
        start = time.perf_counter()
        search(q)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def search_latency(path: Path, n: int) -> None:
    db = Database(path)
    service = SearchService(db)
    service.search("张")  # warm the connection pool and page cache once
    for kind, queries in sample_queries(path, random.Random(7), n).items():
        timings = sorted(time_queries(service.search, queries))
        p50 = statistics.median(timings)
        p95 = timings[int(len(timings) * 0.95) - 1]
        line(f"search_{kind}_p50", p50, "ms", SEARCH_TARGET_MS, "target")
        line(f"search_{kind}_p95", p95, "ms", SEARCH_TARGET_MS, "target")
    db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=400_000)
    parser.add_argument("--rebuild", action="store_true", help="regenerate the database (times generation)")
    parser.add_argument("--queries", type=int, default=200, help="queries per search kind")
    args = parser.parse_args()
    path = build(args.households, args.rebuild)
    size_per_person(path)
    search_latency(path, args.queries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
