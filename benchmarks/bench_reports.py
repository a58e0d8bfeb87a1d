"""Printed files: household files per second for a 500-household building, as one PDF and as separate
files, bytes per page, and the ratio to a bare reportlab baseline drawing the same tables.

``python benchmarks/bench_reports.py [--households 500]`` builds a demo community in a temporary
database, gathers ``--households`` households into one building (through the one write path), and
prints ``name: value unit (ratio vs baseline)``. Target (issue 6): ≥ 50 household files/s as one PDF.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from app.domain.roles import UserProfile  # noqa: E402
from app.services.demo import REFERENCE_DATE, generate_demo  # noqa: E402
from app.services.reports.access import Masking  # noqa: E402
from app.services.reports.building import render_volume  # noqa: E402
from app.services.reports.fonts import FONT, FONT_BOLD, GlyphCheck, register_fonts  # noqa: E402
from app.services.reports.household import MEMBER_COLUMNS, write_household_pdf  # noqa: E402
from app.services.reports.layout import PageInfo  # noqa: E402
from app.services.reports.records import HouseholdFile, load_household_files  # noqa: E402
from app.store import report_queries as rq  # noqa: E402
from app.store.db import Database  # noqa: E402
from app.store.models import House  # noqa: E402
from app.store.writes import writing  # noqa: E402

TARGET_PER_S = 50.0
USER = UserProfile("基准测试", "secretary")


def line(name: str, value: float, unit: str, baseline: float, baseline_name: str) -> None:
    ratio = value / baseline if baseline else float("nan")
    print(f"{name}: {value:,.2f} {unit} ({ratio:.2f}x vs {baseline_name} {baseline:,.2f})", flush=True)


def big_building(db: Database, households: int) -> str:
    """Move houses holding the first ``households`` living households into one building; returns its id."""
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql("""
            SELECT h.id, count(*) FROM houses h JOIN households hh ON hh.house_id = h.id
            WHERE hh.deleted = 0 AND hh.moved_out_on IS NULL
            GROUP BY h.id ORDER BY h.building_id, h.unit_id, h.floor, h.room""").all()
        building_id, unit_id = conn.exec_driver_sql("SELECT building_id, unit_id FROM houses LIMIT 1").one()
    chosen, count = [], 0
    for house_id, living in rows:
        if count >= households:
            break
        chosen.append(house_id)
        count += living
    with writing(db) as w:
        for house_id in chosen:
            w.update(House, house_id, {"building_id": building_id, "unit_id": unit_id})
    return building_id


def bare_baseline(files: list[HouseholdFile], out: Path) -> float:
    """The same members table per household drawn straight onto a canvas (no platypus, no QR, no
    page furniture): the floor for any layout that embeds the same fonts. Returns seconds."""
    start = time.perf_counter()
    canvas = Canvas(str(out), pagesize=A4, initialFontName=FONT, pageCompression=1)
    widths = [w * mm for _h, w in MEMBER_COLUMNS]
    for f in files:
        y = A4[1] - 30 * mm
        canvas.setFont(FONT_BOLD, 20)
        canvas.drawCentredString(A4[0] / 2, y, f"一户一档 {f.address}")
        y -= 12 * mm
        rows = [[h for h, _w in MEMBER_COLUMNS]]
        rows += [[str(i), m.name, m.gender, m.age, m.relation, m.id_number, m.phone, m.political_status, m.tags]
                 for i, m in enumerate(f.members, 1)]
        for r, row in enumerate(rows):
            canvas.setFont(FONT_BOLD if r == 0 else FONT, 8.5)
            x = 16 * mm
            for value, width in zip(row, widths, strict=True):
                canvas.rect(x, y - 3, width, 14, stroke=1, fill=0)
                canvas.drawString(x + 3, y + 1, value)
                x += width
            y -= 14
        canvas.showPage()
    canvas.save()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=500)
    args = parser.parse_args()
    register_fonts()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = Database(tmp / "bench.sqlite")
        generate_demo(db, seed=1, households=max(2000, args.households * 2))
        building_id = big_building(db, args.households)
        with db.engine.connect() as conn:
            household_ids = rq.building_household_ids(conn, building_id)
        n = len(household_ids)
        print(f"# one building with {n} households", flush=True)

        render_volume(db, building_id, tmp / "warm.pdf", user=USER, on=REFERENCE_DATE, audit=False)  # warm caches
        start = time.perf_counter()
        volume = render_volume(db, building_id, tmp / "volume.pdf", user=USER, on=REFERENCE_DATE, audit=False)
        one_pdf_s = time.perf_counter() - start
        volume_bytes = (tmp / "volume.pdf").stat().st_size

        start = time.perf_counter()
        info = PageInfo.for_print(USER.name, False)
        separate_pages = separate_bytes = 0
        for i in range(0, n, 50):
            with db.engine.connect() as conn:
                files = load_household_files(conn, household_ids[i:i + 50], on=REFERENCE_DATE, masking=Masking(),
                                             check=GlyphCheck())
            for f in files:
                out = tmp / "separate" / f"{f.id}.pdf"
                separate_pages += write_household_pdf(f, out, info)
                separate_bytes += out.stat().st_size
        separate_s = time.perf_counter() - start

        with db.engine.connect() as conn:
            files = load_household_files(conn, household_ids, on=REFERENCE_DATE, masking=Masking(),
                                         check=GlyphCheck())
        bare_s = bare_baseline(files, tmp / "bare.pdf")
        bare_bytes = (tmp / "bare.pdf").stat().st_size
        db.close()

    bare_rate = n / bare_s
    line("report_building_one_pdf", n / one_pdf_s, "households/s", TARGET_PER_S, "target")
    line("report_building_one_pdf_vs_bare", n / one_pdf_s, "households/s", bare_rate, "bare reportlab canvas")
    line("report_household_separate_files", n / separate_s, "households/s", bare_rate, "bare reportlab canvas")
    line("report_pages_per_s_one_pdf", volume.pages / one_pdf_s, "pages/s", bare_rate, "bare reportlab pages/s")
    line("report_bytes_per_page_one_pdf", volume_bytes / volume.pages, "bytes", bare_bytes / n, "bare reportlab")
    line("report_bytes_per_page_separate", separate_bytes / separate_pages, "bytes", bare_bytes / n,
         "bare reportlab")
    return 0


if __name__ == "__main__":
    sys.exit(main())
