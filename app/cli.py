"""The command-line contract (DESIGN section 4), thin over the services.

Exit codes: 0 success, 1 the command ran but found problems, 2 bad usage or unreadable input.
With ``--json`` stdout carries exactly one JSON document; progress and messages go to stderr.
Without a subcommand the desktop opens; the GUI module is imported only then, by name, so the
command line (and everything the server imports) stays free of Qt.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app import __version__
from app.paths import default_db_path
from app.store.db import Database, DatabaseError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """Bad usage or unreadable input: message to stderr, exit code 2."""


def current_user(args: argparse.Namespace) -> str:
    return getattr(args, "user", None) or os.environ.get("GRIDLEDGER_USER") or getpass.getuser()


def emit(args: argparse.Namespace, document: Any, text: str) -> None:
    if getattr(args, "json", False):
        sys.stdout.write(json.dumps(document, ensure_ascii=False, default=str) + "\n")
    else:
        sys.stdout.write(text + ("\n" if text and not text.endswith("\n") else ""))


def open_db(args: argparse.Namespace, *, create: bool = False) -> Database:
    path = Path(args.db) if args.db else default_db_path()
    try:
        return Database(path, create=create)
    except DatabaseError as exc:
        raise CliError(str(exc)) from exc
    except Exception as exc:  # a file that is not a database, a locked file …
        raise CliError(f"无法打开数据库 {path}：{exc}") from exc


def progress_printer(args: argparse.Namespace) -> Callable[[str, float], None]:
    def show(stage: str, fraction: float) -> None:
        if not getattr(args, "quiet", False):
            sys.stderr.write(f"\r{stage} {fraction * 100:5.1f}%")
            sys.stderr.flush()
            if fraction >= 1:
                sys.stderr.write("\n")
    return show


# --- commands -----------------------------------------------------------------------------------

def cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo import DemoError, generate_demo

    if args.households < 1:
        raise CliError("--households 至少为 1")
    db = open_db(args, create=True)
    try:
        summary = generate_demo(db, seed=args.seed, households=args.households,
                                progress=progress_printer(args))
    except DemoError as exc:
        raise CliError(str(exc)) from exc
    document = {"seed": summary.seed, "households": args.households, "counts": summary.counts,
                "seconds": round(summary.seconds, 2)}
    emit(args, document, "演示社区已生成：" + "，".join(f"{k} {v}" for k, v in summary.counts.items()))
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from app.services.search import SearchService, classify

    db = open_db(args)
    hits = SearchService(db).search(args.query, limit=args.limit)
    document = {"query": args.query, "kinds": [k.value for k in classify(args.query)],
                "count": len(hits), "results": [h.as_json() for h in hits]}
    lines = [f"{h.title}\t{h.detail}" for h in hits] or ["没有找到匹配的结果。"]
    emit(args, document, "\n".join(lines))
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from app.services.stats import ledger_stats

    stats = ledger_stats(open_db(args))
    text = (f"楼栋 {stats['buildings']}，户 {stats['households']}，人 {stats['people']}\n"
            + "\n".join(f"  {k}: {v}" for k, v in stats["people_per_tag"].items())
            + "\n事件：" + "，".join(f"{k} {v}" for k, v in stats["cases_per_state"].items()))
    emit(args, stats, text)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from app.services.export import ExportError, export_people

    db = open_db(args)
    try:
        result = export_people(db, Path(args.out), user_name=current_user(args), tag=args.tag,
                               grid=args.grid, mask=args.mask)
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    emit(args, {"out": str(result.path), "people": result.people},
         f"已导出 {result.people} 人到 {result.path}")
    return EXIT_OK


def run_desktop(args: argparse.Namespace) -> int:
    desktop = importlib.import_module("app.desktop")
    return int(desktop.run(db=args.db, screenshot=args.screenshot, view=args.view))


# --- parser -------------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gridledger", description="网格台账 GridLedger")
    parser.add_argument("--version", action="version", version=f"gridledger {__version__}")
    parser.add_argument("--db", help="数据库文件（默认：用户数据目录下的 gridledger.sqlite）")
    parser.add_argument("--screenshot", metavar="FILE.png", help="不显示窗口，把主窗口渲染为 PNG")
    parser.add_argument("--view", help="截图时打开的页面：building:KEY 或 household:KEY")
    sub = parser.add_subparsers(dest="command")

    def command(name: str, func: Callable[[argparse.Namespace], int], help_text: str,
                *, json_flag: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--db", default=argparse.SUPPRESS, help="数据库文件")
        if json_flag:
            p.add_argument("--json", action="store_true", help="在标准输出打印一个 JSON 文档")
        p.set_defaults(func=func)
        return p

    p = command("demo", cmd_demo, "生成一个虚构的演示社区")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--households", type=int, default=2000)
    p.add_argument("--quiet", action="store_true", help="不显示进度")

    p = command("search", cmd_search, "按姓名、拼音首字母、身份证号（或尾号）、电话、地址查找")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)

    command("stats", cmd_stats, "统计：楼栋、户、人、各类特殊人群、各状态事件")

    p = command("export", cmd_export, "导出人口信息（xlsx / csv / jsonl）")
    p.add_argument("what", choices=["people"])
    p.add_argument("--out", required=True)
    p.add_argument("--tag", help="只导出带此标签的人，如 独居老人")
    p.add_argument("--grid", help="只导出此网格（名称或编号）")
    p.add_argument("--mask", action="store_true", help="身份证号和电话打码")
    p.add_argument("--user", help="操作人（写入审计日志）")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        return run_desktop(args)
    try:
        return args.func(args)
    except CliError as exc:
        sys.stderr.write(f"错误：{exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("已取消。\n")
        return EXIT_PROBLEMS


if __name__ == "__main__":
    sys.exit(main())
