"""``gridledger report``: 一户一档, building volumes and rosters, statistics, a grid's batch (issue 6)."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from app.commands.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    CliError,
    add_command,
    current_user,
    emit,
    open_db,
    progress_printer,
)
from app.domain.dates import DateInvalid, parse_date
from app.domain.roles import UserProfile
from app.services.reports.access import ReportError, resolve_user
from app.services.reports.output import ReportResult
from app.store.db import Database

KIND_NAMES = {"household": "一户一档", "building": "楼栋一户一档汇编", "roster": "楼栋台账", "statistics": "统计报表",
              "grid": "网格批量打印"}


def _on(args: argparse.Namespace) -> date | None:
    if not args.on:
        return None
    try:
        return parse_date(args.on)
    except DateInvalid as exc:
        raise CliError(f"--on：{exc}") from exc


def _user(db: Database, args: argparse.Namespace) -> UserProfile:
    try:
        return resolve_user(db, current_user(args), args.role)
    except ReportError as exc:
        raise CliError(str(exc)) from exc


def _finish(args: argparse.Namespace, result: ReportResult) -> int:
    """Print the result; warn on stderr about names printed with 〓 (exit 1: the file needs a hand)."""
    for item in result.unprintable:
        sys.stderr.write(f"警告：{item.message}。请在打印件上手工补写。\n")
    what = KIND_NAMES.get(result.kind, result.kind)
    if result.kind == "statistics":
        pages = f"（{result.pages} 页）" if result.pages else ""
        text = f"已生成{what}：{result.target}{pages} → {result.path}"
    elif result.kind == "grid":
        state = "已取消，已完成的文件保留" if result.cancelled else "已完成"
        text = f"{what}（{result.target}）{state}：{len(result.files)} 个文件，{result.pages} 页，" \
               f"{result.households} 户 {result.people} 人 → {result.path}"
    else:
        text = f"已生成{what}：{result.target}（{result.pages} 页，{result.households} 户 {result.people} 人）" \
               f"→ {result.path}"
    if result.revealed:
        text += "\n注意：打印件含完整身份证号和电话，已记入审计日志。"
    emit(args, result.as_json(), text)
    return EXIT_PROBLEMS if result.unprintable or result.cancelled else EXIT_OK


def _run(args: argparse.Namespace, render: Callable[[Database, UserProfile], ReportResult]) -> int:
    db = open_db(args)
    try:
        return _finish(args, render(db, _user(db, args)))
    except ReportError as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.close()


def _pdf_out(args: argparse.Namespace) -> Path:
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise CliError(f"--out 应是 .pdf 文件：{out}")
    return out


def cmd_household(args: argparse.Namespace) -> int:
    from app.services.reports.household import render_household

    out = _pdf_out(args)
    return _run(args, lambda db, user: render_household(db, args.key, out, user=user, reveal=args.reveal,
                                                        on=_on(args)))


def cmd_building(args: argparse.Namespace) -> int:
    from app.services.reports.building import render_building

    out = _pdf_out(args)
    return _run(args, lambda db, user: render_building(db, args.key, out, user=user, table=args.table,
                                                       reveal=args.reveal, on=_on(args),
                                                       progress=progress_printer(args)))


def cmd_stats(args: argparse.Namespace) -> int:
    from app.services.reports.statistics import render_statistics

    return _run(args, lambda db, user: render_statistics(db, Path(args.out), user=user, on=_on(args)))


@contextmanager
def _ctrl_c_cancels() -> Iterator[Callable[[], bool]]:
    """Ctrl-C asks the batch to stop after the current file (so the audit entry is still written)."""
    stop = {"asked": False}

    def ask(_signum: int, _frame: Any) -> None:
        stop["asked"] = True
        sys.stderr.write("\n正在取消，当前文件完成后停止…\n")

    previous = signal.signal(signal.SIGINT, ask)
    try:
        yield lambda: stop["asked"]
    finally:
        signal.signal(signal.SIGINT, previous)


def cmd_grid(args: argparse.Namespace) -> int:
    from app.services.reports.batch import render_grid

    def render(db: Database, user: UserProfile) -> ReportResult:
        with _ctrl_c_cancels() as cancel:
            return render_grid(db, args.grid, Path(args.out_dir), user=user, per=args.per, table=args.table,
                               reveal=args.reveal, on=_on(args), progress=progress_printer(args), cancel=cancel)

    return _run(args, render)


def _common(p: argparse.ArgumentParser, *, reveal: bool = True) -> None:
    p.add_argument("--user", help="操作人（写入审计日志；默认 GRIDLEDGER_USER 或登录名）")
    p.add_argument("--role", help="操作人角色：grid-worker（网格员）、secretary（社区书记）、subdistrict（街道）")
    p.add_argument("--on", help="年龄、逾期和统计的基准日期（默认今天）")
    if reveal:
        p.add_argument("--reveal", action="store_true",
                       help="打印完整身份证号和电话（仅社区书记、街道可用，记入审计日志）")


def register(sub: Any) -> None:
    report = sub.add_parser("report", help="打印：一户一档、楼栋台账、统计报表、网格批量",
                            description="生成打印用 PDF（统计报表也可为 xlsx）；每次打印都记入审计日志。")
    kinds = report.add_subparsers(dest="report_kind", required=True, metavar="household|building|stats|grid")

    p = add_command(kinds, "household", cmd_household, "一户一档（KEY：户编号或“小区|楼栋|单元|室”）")
    p.add_argument("key", metavar="KEY")
    p.add_argument("--out", required=True, help="输出的 PDF 文件")
    _common(p)

    p = add_command(kinds, "building", cmd_building,
                    "楼栋每户一户一档汇编，或 --table 楼栋台账（KEY：楼栋编号或“小区|楼栋”）")
    p.add_argument("key", metavar="KEY")
    p.add_argument("--out", required=True, help="输出的 PDF 文件")
    p.add_argument("--table", action="store_true", help="输出楼栋台账（每位居民一行的表格）")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
    _common(p)

    p = add_command(kinds, "stats", cmd_stats, "统计报表（PDF 或 xlsx，含图表）")
    p.add_argument("--out", required=True, help="输出文件：.pdf 或 .xlsx")
    _common(p, reveal=False)

    p = add_command(kinds, "grid", cmd_grid, "整个网格批量打印：每栋楼一个 PDF（默认）或每户一个 PDF")
    p.add_argument("grid", metavar="GRID", help="网格名称、编码或编号")
    p.add_argument("--out-dir", required=True, help="输出文件夹")
    p.add_argument("--per", choices=["building", "household"], default="building",
                   help="building：每栋楼一个文件；household：每户一个文件")
    p.add_argument("--table", action="store_true", help="每栋楼输出楼栋台账而不是一户一档汇编")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
    _common(p)
