"""What every command shares: exit codes, errors, the one-JSON-document output, opening the database."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.paths import default_db_path
from app.store.db import Database, DatabaseError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


class CliError(Exception):
    """Bad usage or unreadable input: message to stderr, exit code 2."""


def add_command(sub: Any, name: str, func: Handler, help_text: str, *, json_flag: bool = True
                ) -> argparse.ArgumentParser:
    """A subcommand with the contract's common options (``--db``, ``--json``)."""
    p = sub.add_parser(name, help=help_text, description=help_text)
    p.add_argument("--db", default=argparse.SUPPRESS, help="数据库文件")
    if json_flag:
        p.add_argument("--json", action="store_true", help="在标准输出打印一个 JSON 文档")
    p.set_defaults(func=func)
    return p


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
