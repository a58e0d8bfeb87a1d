"""Cases, visits and 今日工作 at district scale: ``python benchmarks/bench_cases.py [--households N]``.

Builds (or reuses) a demo district in benchmarks/out/cases_<N>.sqlite and prints each figure as
``name: value unit (ratio vs target)``. Targets: what a user notices — a board or page that opens in
a blink (≤ 300 ms / ≤ 100 ms), a step saved at once (≤ 100 ms), the worklist and the statistics
in about a second.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain.calendar import WorkCalendar  # noqa: E402
from app.services.case_stats import casework_stats  # noqa: E402
from app.services.cases import Actor, CaseDraft, CaseFilter, CaseService  # noqa: E402
from app.services.demo import REFERENCE_DATE, generate_demo  # noqa: E402
from app.services.visits import VisitService  # noqa: E402
from app.services.worklist import today_work  # noqa: E402
from app.store.db import Database  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
NOW = datetime.combine(REFERENCE_DATE, datetime.min.time()).replace(hour=10)


def line(name: str, value: float, unit: str, target: float) -> None:
    print(f"{name}: {value:,.2f} {unit} ({value / target:.2f}x vs target {target:,.2f})", flush=True)


def timed(fn: Callable[[], Any], repeat: int = 5) -> float:
    """Median milliseconds of ``repeat`` runs after one warm-up."""
    fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def build(households: int) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"cases_{households}.sqlite"
    if path.exists():
        print(f"# reusing {path.name}", flush=True)
        return path
    db = Database(path)
    start = time.perf_counter()
    summary = generate_demo(db, seed=1, households=households)
    print(f"# demo: {households:,} households, {summary.counts.get('cases', 0):,} cases, "
          f"{summary.counts.get('visits', 0):,} visits in {time.perf_counter() - start:.1f} s", flush=True)
    db.close()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=100_000)
    args = parser.parse_args()
    db = Database(build(args.households))
    cases = CaseService(db, now=lambda: NOW)
    visits = VisitService(db, cases=cases)
    with db.engine.connect() as conn:
        grid = conn.exec_driver_sql("SELECT grid_id FROM cases GROUP BY grid_id ORDER BY count(*) DESC").scalar()
        house = conn.exec_driver_sql("SELECT house_id FROM cases WHERE house_id IS NOT NULL AND grid_id = ? LIMIT 1",
                                     (grid,)).scalar()
    total = len(cases.ids())
    print(f"# {total:,} cases", flush=True)

    def board() -> None:
        cases.board_counts()
        cases.rows(cases.board_ids("all")[:200])

    line("case_board_open_all", timed(board), "ms", 300)
    line("case_board_overdue_filter", timed(lambda: cases.rows(cases.board_ids("overdue")[:200])), "ms", 100)
    some = cases.board_ids("closed")[0]
    line("case_page_open", timed(lambda: cases.detail(some, Actor("书记", "secretary"))), "ms", 100)

    worker = Actor("网格员", "grid_worker", (grid,))
    secretary = Actor("书记", "secretary")
    new_ids: list[str] = []
    line("case_create", timed(lambda: new_ids.append(cases.create(
        CaseDraft(title="楼道堆物", category="楼道堆物", house_id=house), worker))), "ms", 100)
    pending = iter(new_ids)
    line("case_act_report", timed(lambda: cases.act(next(pending), "report", worker)), "ms", 100)

    line("worklist_grid_worker", timed(lambda: today_work(db, worker, cases=cases, visits=visits), 3), "ms", 300)
    line("worklist_secretary_all_grids", timed(lambda: today_work(db, secretary, cases=cases, visits=visits), 3),
         "ms", 1000)
    line("care_schedule_all", timed(lambda: visits.care_schedule(), 3), "ms", 1000)
    line("casework_stats", timed(lambda: casework_stats(db, REFERENCE_DATE), 3), "ms", 1000)
    line("refold_all_cases", timed(lambda: cases.refold(), 1) / max(total, 1) * 1000, "us/case", 1000)
    line("case_board_scoped_to_grid", timed(lambda: cases.board_counts(CaseFilter(grid_ids=(grid,)))), "ms", 50)

    calendar = WorkCalendar()
    start = time.perf_counter()
    for offset in range(10_000):
        calendar.working_days_between(date(2024, 1, 1), date.fromordinal(date(2024, 1, 1).toordinal() + offset % 900))
    line("working_days_between", (time.perf_counter() - start) / 10_000 * 1e6, "us", 10)
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
