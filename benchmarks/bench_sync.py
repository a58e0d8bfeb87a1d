"""Sync on loopback with PostgreSQL: ``python benchmarks/bench_sync.py [--households N] [--clients N] [--seconds S]``.

A fresh PostgreSQL database (dropped afterwards) behind a real ``gridledger serve`` (uvicorn in a
subprocess on 127.0.0.1). A demo of 5,000 households is a district of two communities, so each
community's secretary pushes their own part from a copy of the generated desktop. Prints each figure
as ``name: value unit (ratio vs target)``. Targets (issue 7): ≥ 5,000 rows/s for the initial sync,
≤ 500 ms for a round of 100 pending edits, ≥ 1,000 merged ops/s on the server; the concurrent
clients must finish every round without an error.

PostgreSQL admin URL: $GRIDLEDGER_BENCH_PG (default postgresql://postgres@127.0.0.1:5432/postgres).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from sqlalchemy import delete, func, select  # noqa: E402

from app.services.demo import generate_demo  # noqa: E402
from app.store.db import Database, scratch_postgres  # noqa: E402
from app.store.models import OrgNode, OutboxEntry, Person, SyncState, Visit  # noqa: E402
from app.store.writes import CLOCK_KEY, NODE_KEY, writing  # noqa: E402
from sync.client import RoundResult, SyncClient, SyncError  # noqa: E402
from sync.protocol import SHARED_BUCKET, community_bucket  # noqa: E402
from sync.rows import bucket_of, table_of  # noqa: E402
from sync.server.store import add_user, open_server_db  # noqa: E402

PASSWORD = "bench-pass-1"
INITIAL_TARGET = 5000.0  # rows/s
EDITS_TARGET_MS = 500.0
MERGE_TARGET = 1000.0  # ops/s


def line(name: str, value: float, unit: str, target: float, *, lower_is_better: bool = False) -> None:
    ratio = target / value if lower_is_better else value / target
    print(f"{name}: {value:,.2f} {unit} ({ratio:.2f}x vs target {target:,.0f})", flush=True)


# --- the server -----------------------------------------------------------------------------------

@contextmanager
def fresh_database(admin_url: str) -> Iterator[str]:
    with scratch_postgres(admin_url, "gridledger_bench") as url:
        yield url


@contextmanager
def running_server(db_url: str) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--db-url", db_url, "--host", "127.0.0.1",
                             "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the sync server did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


# --- desktops -------------------------------------------------------------------------------------

def client(db: Database, base: str, user: str) -> SyncClient:
    return SyncClient(db, httpx.Client(base_url=base, timeout=300), user, PASSWORD)


def communities(db: Database) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(community id, name, [(grid id, grid name)]) of the demo district."""
    with db.session() as s:
        comms = s.execute(select(OrgNode.id, OrgNode.name).where(OrgNode.level == "community")
                          .order_by(OrgNode.name)).all()
        return [(cid, name, [tuple(g) for g in s.execute(  # type: ignore[misc]
            select(OrgNode.id, OrgNode.name).where(OrgNode.parent_id == cid, OrgNode.level == "grid")
            .order_by(OrgNode.name)).all()]) for cid, name in comms]


def keep_only(path: Path, buckets: set[str]) -> None:
    """Leave in a copied desktop's outbox only the changes of ``buckets``; the copy gets its own device id."""
    db = Database(path)
    with db.session() as s:
        drop: list[int] = []
        entries = s.execute(select(OutboxEntry.device_seq, OutboxEntry.table_name, OutboxEntry.row_id)).all()
        by_table: dict[str, list[tuple[int, str]]] = {}
        for seq, table, row_id in entries:
            by_table.setdefault(table, []).append((seq, row_id))
        for name, items in by_table.items():
            table = table_of(name)
            rows = {r["id"]: dict(r) for r in s.execute(select(table)).mappings()}
            drop.extend(seq for seq, row_id in items if bucket_of(name, rows.get(row_id, {})) not in buckets)
        for start in range(0, len(drop), 900):
            s.execute(delete(OutboxEntry).where(OutboxEntry.device_seq.in_(drop[start:start + 900])))
        s.execute(delete(SyncState).where(SyncState.key.in_([NODE_KEY, CLOCK_KEY])))
    db.close()


def edit_people(db: Database, n: int, rng: random.Random, tag: str, grids: set[str]) -> None:
    with db.session() as s:
        ids = s.execute(select(Person.id).where(Person.deleted.is_(False), Person.grid_id.in_(grids))
                        .order_by(Person.id)).scalars().all()
    with writing(db) as w:
        for pid in rng.sample(ids, min(n, len(ids))):
            w.update(Person, pid, {"phone": f"139{rng.randrange(10**8):08d}", "note": f"{tag} {rng.random():.6f}"})


def timed_push(c: SyncClient) -> tuple[float, RoundResult]:
    result = RoundResult()
    c.login()
    start = time.perf_counter()
    c.push(result)
    return time.perf_counter() - start, result


def timed_round(c: SyncClient) -> tuple[float, RoundResult]:
    start = time.perf_counter()
    result = c.run()
    return time.perf_counter() - start, result


def check(result: RoundResult, what: str) -> None:
    if result.rejected:
        raise SystemExit(f"{what}: {result.rejected} ops rejected, e.g. {result.rejects[:3]}")


# --- concurrent clients ---------------------------------------------------------------------------

def _client_loop(args: tuple[str, str, str, float, int]) -> dict[str, Any]:
    """One desktop (its own SQLite file): edit a few people and a visit, sync, repeat until the deadline."""
    path, base, user, deadline, seed = args
    rng = random.Random(seed)
    db = Database(path)
    c = client(db, base, user)
    rounds, errors, times, pushed, pulled, conflicts = 0, [], [], 0, 0, 0
    with db.session() as s:
        people = s.execute(select(Person.id, Person.household_id, Person.grid_id)
                           .where(Person.deleted.is_(False))).all()
    while time.time() < deadline:
        with writing(db) as w:
            for pid, _hid, _grid in rng.sample(people, 3):
                w.update(Person, pid, {"phone": f"137{rng.randrange(10**8):08d}"})
            _pid, hid, grid = rng.choice(people)
            w.insert(Visit, {"grid_id": grid, "household_id": hid, "visitor_name": user, "method": "入户",
                             "visited_at": datetime.now().replace(microsecond=0), "findings": "压测走访"})
        start = time.perf_counter()
        try:
            result = c.run()
        except (SyncError, httpx.HTTPError) as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
            continue
        times.append((time.perf_counter() - start) * 1000)
        rounds += 1
        pushed += result.pushed
        pulled += result.pulled
        conflicts += result.conflicts
        if result.rejected:
            errors.append(f"rejected: {result.rejects[:2]}")
        time.sleep(rng.uniform(0.0, 0.5))  # a person at a keyboard, not a loop
    with db.session() as s:
        left = s.execute(select(OutboxEntry.device_seq).where(OutboxEntry.status != "sent")).all()
    db.close()
    return {"rounds": rounds, "errors": errors, "times": times, "pushed": pushed, "pulled": pulled,
            "conflicts": conflicts, "unsent": len(left)}


def concurrent_clients(work: Path, base: str, templates: list[tuple[Path, str]], clients: int,
                       seconds: float) -> None:
    paths = []
    for i in range(clients):
        template, user = templates[i % len(templates)]
        path = work / f"client_{i:02d}.sqlite"
        shutil.copy(template, path)
        db = Database(path)
        with db.session() as s:  # a new device: its own id and clock
            s.execute(delete(SyncState).where(SyncState.key.in_([NODE_KEY, CLOCK_KEY])))
        db.close()
        paths.append((str(path), base, user))
    deadline = time.time() + seconds
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(clients) as pool:
        results = pool.map(_client_loop, [(p, b, u, deadline, i) for i, (p, b, u) in enumerate(paths)])
    rounds = sum(r["rounds"] for r in results)
    errors = [e for r in results for e in r["errors"]]
    times = sorted(t for r in results for t in r["times"])
    unsent = sum(r["unsent"] for r in results)
    p95 = times[int(len(times) * 0.95) - 1] if times else float("nan")
    print(f"# {clients} clients for {seconds:.0f} s: {rounds} rounds, {sum(r['pushed'] for r in results)} ops "
          f"pushed, {sum(r['pulled'] for r in results)} rows pulled, {sum(r['conflicts'] for r in results)} "
          f"conflicts logged, round median {statistics.median(times) if times else float('nan'):,.0f} ms, "
          f"p95 {p95:,.0f} ms, {unsent} changes left unsent", flush=True)
    line(f"concurrent {clients} clients rounds", rounds / seconds, "rounds/s", 1.0)
    print(f"concurrent {clients} clients errors: {len(errors)} errors (target 0)", flush=True)
    for e in errors[:10]:
        print(f"#   {e}", flush=True)
    if errors or unsent:
        raise SystemExit("concurrent clients: errors or unsent changes")


# --- the run --------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--merge-edits", type=int, default=2000)
    args = parser.parse_args()
    admin = os.environ.get("GRIDLEDGER_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
    with tempfile.TemporaryDirectory() as tmp, fresh_database(admin) as url:
        work = Path(tmp)
        server_db = open_server_db(url)
        source = work / "generated.sqlite"
        db = Database(source)
        start = time.perf_counter()
        generate_demo(db, seed=7, households=args.households)
        district = communities(db)
        with db.session() as s:
            total = s.execute(select(func.count()).select_from(OutboxEntry)).scalar_one()
        db.close()
        print(f"# demo: {args.households:,} households, {len(district)} communities, {total:,} rows "
              f"({time.perf_counter() - start:,.1f} s to generate)", flush=True)
        secretaries: list[tuple[str, Path]] = []
        workers: list[str] = []
        for i, (cid, name, grids) in enumerate(district):
            add_user(server_db, f"书记{i}", PASSWORD, "secretary", name)
            for _gid, gname in grids:
                add_user(server_db, f"网格员{i}-{gname}", PASSWORD, "grid-worker", f"{name}/{gname}")
                workers.append(f"网格员{i}-{gname}")
            path = work / f"secretary_{i}.sqlite"
            shutil.copy(source, path)
            own = {community_bucket(cid), *(g for g, _n in grids)} | ({SHARED_BUCKET} if i == 0 else set())
            keep_only(path, own)
            secretaries.append((f"书记{i}", path))
        server_db.close()

        with running_server(url) as base:
            # 1. initial sync: each secretary pushes their community (the first also the district and dictionaries)
            pushed, seconds = 0, 0.0
            desks = []
            for user, path in secretaries:
                d = Database(path)
                spent, result = timed_push(client(d, base, user))
                check(result, f"initial push by {user}")
                pushed, seconds = pushed + result.pushed, seconds + spent
                desks.append(d)
            line("initial push (secretaries fill the server)", pushed / seconds, "rows/s", INITIAL_TARGET)
            print(f"#   {pushed:,} rows in {seconds:,.1f} s", flush=True)

            # 2. initial pull into new desktops: a secretary's and a grid worker's
            fresh = Database(work / "new_secretary.sqlite")
            spent, result = timed_round(client(fresh, base, secretaries[0][0]))
            line("initial pull (new secretary desktop)", result.pulled / spent, "rows/s", INITIAL_TARGET)
            print(f"#   {result.pulled:,} rows in {spent:,.1f} s", flush=True)
            templates: list[tuple[Path, str]] = []
            worker_rows, worker_seconds = 0, 0.0
            for user in workers:
                path = work / f"template_{len(templates)}.sqlite"
                d = Database(path)
                spent, result = timed_round(client(d, base, user))
                worker_rows, worker_seconds = worker_rows + result.pulled, worker_seconds + spent
                d.close()
                templates.append((path, user))
            line("initial pull (new grid-worker desktops)", worker_rows / worker_seconds, "rows/s", INITIAL_TARGET)
            print(f"#   {worker_rows:,} rows into {len(workers)} desktops in {worker_seconds:,.1f} s", flush=True)

            # 3. a round of 100 pending edits (push, then pull them back with whatever else changed)
            rng = random.Random(11)
            own_grids = {g for g, _n in district[0][2]}
            rounds = []
            c = client(fresh, base, secretaries[0][0])
            for n in range(5):
                edit_people(fresh, 100, rng, f"round {n}", own_grids)
                spent, result = timed_round(c)
                check(result, "100 edits")
                rounds.append(spent * 1000)
            line("round of 100 pending edits", statistics.median(rounds), "ms", EDITS_TARGET_MS, lower_is_better=True)

            # 4. server merge: the same people edited on two desktops; sequential, then concurrent edits
            first, second = desks[0], fresh
            edit_people(first, args.merge_edits, random.Random(5), "first", own_grids)
            edit_people(second, args.merge_edits, random.Random(5), "second", own_grids)
            spent, result = timed_push(client(first, base, secretaries[0][0]))
            check(result, "merge")
            line("server merge, edits on the current stamp", result.pushed / spent, "ops/s", MERGE_TARGET)
            spent, result = timed_push(client(second, base, secretaries[0][0]))
            check(result, "merge")
            line("server merge, concurrent edits (loser logged)", result.pushed / spent, "ops/s", MERGE_TARGET)
            print(f"#   {result.pushed:,} ops, {result.conflicts:,} conflicts logged", flush=True)
            for d in [*desks, fresh]:
                d.close()

            # 5. many desktops pushing and pulling at once
            concurrent_clients(work, base, templates, args.clients, args.seconds)


if __name__ == "__main__":
    main()
