"""The command-line contract (DESIGN section 4), thin over the services.

Exit codes: 0 success, 1 the command ran but found problems, 2 bad usage or unreadable input.
With ``--json`` stdout carries exactly one JSON document; progress and messages go to stderr.
Without a subcommand the desktop opens; the GUI module is imported only then, by name, so the
command line (and everything the server imports) stays free of Qt.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from app import __version__
from app.commands import COMMAND_MODULES
from app.commands.common import EXIT_PROBLEMS, EXIT_USAGE, CliError


def run_desktop(args: argparse.Namespace) -> int:
    desktop = importlib.import_module("app.desktop")
    return int(desktop.run(db=args.db, screenshot=args.screenshot, view=args.view))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gridledger", description="网格台账 GridLedger")
    parser.add_argument("--version", action="version", version=f"gridledger {__version__}")
    parser.add_argument("--db", help="数据库文件（默认：用户数据目录下的 gridledger.sqlite）")
    parser.add_argument("--screenshot", metavar="FILE.png", help="不显示窗口，把主窗口渲染为 PNG")
    parser.add_argument("--view", help="截图时打开的页面：building:KEY 或 household:KEY")
    sub = parser.add_subparsers(dest="command")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
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
