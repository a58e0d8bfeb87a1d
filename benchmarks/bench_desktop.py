"""Desktop figures on the district database: ``python benchmarks/bench_desktop.py [--db PATH]``.

Cold start to a usable window, opening the whole district's people list, opening a building map and
search-as-you-type latency, each against the issue's target. The database defaults to the one
benchmarks/run.py builds (400,000 households).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

START_SCRIPT = """
import sys, time
from PySide6.QtWidgets import QApplication
from app.ui.fonts import install_fonts
from app.store.db import Database
from app.domain.roles import UserProfile
from app.ui.main_window import MainWindow
app = QApplication(sys.argv[:1])
install_fonts(app)
window = MainWindow(Database(sys.argv[1]), UserProfile("基准", "secretary"))
window.show()
app.processEvents()
window.people_model.data(window.people_model.index(0, 0))
"""


def line(name: str, value: float, unit: str, target: float) -> None:
    print(f"{name}: {value:,.1f} {unit} ({value / target:.2f}x vs target {target:g})", flush=True)


def cold_start(db: Path, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", START_SCRIPT, str(db)], check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=ROOT / "benchmarks" / "out" / "district_400000.sqlite")
    args = parser.parse_args()
    if not args.db.exists():
        print(f"missing {args.db}: run python benchmarks/run.py first", file=sys.stderr)
        return 2

    from PySide6.QtWidgets import QApplication

    from app.domain.roles import UserProfile
    from app.services.building_map import BuildingMapService
    from app.services.search import SearchService
    from app.store.db import Database
    from app.ui.fonts import install_fonts
    from app.ui.main_window import MainWindow

    line("cold_start_to_window", cold_start(args.db), "ms", 2000)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_fonts(app)
    db = Database(args.db)
    window = MainWindow(db, UserProfile("基准", "secretary"))
    window.show()
    app.processEvents()

    start = time.perf_counter()
    window.show_place(None)
    for row in range(40):  # the rows a screen shows
        window.people_model.data(window.people_model.index(row, 0))
    line("people_list_whole_district", (time.perf_counter() - start) * 1000, "ms", 300)
    print(f"# {window.people_model.rowCount():,} people listed", flush=True)

    with db.engine.connect() as conn:
        tower = conn.exec_driver_sql("SELECT id FROM buildings ORDER BY floors * unit_count DESC LIMIT 1").scalar()
        walkup = conn.exec_driver_sql("SELECT id FROM buildings ORDER BY floors, unit_count LIMIT 1").scalar()
    service = BuildingMapService(db)
    for label, building in (("tower", tower), ("walkup", walkup)):
        timings = []
        for _ in range(5):
            start = time.perf_counter()
            window.building_map.show_map(service.load(building))
            window.building_map.canvas.repaint()
            timings.append((time.perf_counter() - start) * 1000)
        line(f"building_map_{label}", statistics.median(timings), "ms", 100)

    search = SearchService(db)
    with db.engine.connect() as conn:
        names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM people WHERE rowid % 4999 = 0 LIMIT 60")]
    keystrokes = []
    for name in names:
        for end in range(1, len(name) + 1):  # each keystroke of the name, as typed
            start = time.perf_counter()
            search.search(name[:end])
            keystrokes.append((time.perf_counter() - start) * 1000)
    keystrokes.sort()
    line("search_keystroke_p50", statistics.median(keystrokes), "ms", 50)
    line("search_keystroke_p95", keystrokes[int(len(keystrokes) * 0.95) - 1], "ms", 50)
    window.close()
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
