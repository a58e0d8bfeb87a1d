"""Commands for legacy ledgers: import, imports, undo-import (DESIGN section 4)."""

from __future__ import annotations

import argparse
import sys
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


def cmd_import(args: argparse.Namespace) -> int:
    from app.services.importing.report import summary_text
    from app.services.importing.service import (
        ImportCancelled,
        ImportOptions,
        ReadError,
        keep_rows,
        preview,
        run_import,
        write_errors,
    )

    paths = [Path(f) for f in args.files]
    if args.grid_worker and not args.grid:
        raise CliError("--grid-worker 需要同时用 --grid 写明网格员负责的网格（数据库未作改动）")
    db = open_db(args, create=True)
    options = ImportOptions(community=args.community, grid=args.grid, user_name=current_user(args),
                            today=date.fromisoformat(args.today) if args.today else date.today(),
                            grid_worker=args.grid_worker)
    show = progress_printer(args)
    shown = [False]

    def progress(stage: str, fraction: float) -> None:
        shown[0] = fraction < 1
        show(stage, fraction)

    refs = [_row_ref(ref) for ref in args.keep or ()]
    try:
        keep = None
        if refs:  # a first reading finds the conflicting rows the user names
            parsed = preview(db, paths, today=options.today, progress=progress)
            try:
                keep = keep_rows(parsed, refs)
            except ValueError as exc:
                raise CliError(f"--keep {exc}（数据库未作改动）") from exc
        outcome = run_import(db, paths, options, dry_run=args.dry_run, progress=progress, keep=keep)
    except (ReadError, ImportCancelled, OSError) as exc:
        if shown[0]:
            sys.stderr.write("\n")  # end the progress line before the message
        if isinstance(exc, OSError):
            raise CliError(f"导入失败，数据库未作改动：{exc}") from exc
        raise CliError(str(exc)) from exc
    document = outcome.document
    if args.errors:
        try:
            written = write_errors(db, outcome, Path(args.errors), options.user_name or "")
        except OSError as exc:
            raise CliError(f"无法写入错误表 {args.errors}：{exc.strerror or exc}") from exc
        document["errors_workbook"] = {"path": args.errors, "rows": written}
    for (file, sheet), name in outcome.applied_profiles.items():
        sys.stderr.write(f"已按保存的映射方案“{name}”识别 {file} {sheet or ''}\n")
    emit(args, document, summary_text(document))
    return EXIT_PROBLEMS if outcome.has_rejects else EXIT_OK


def _row_ref(text: str) -> tuple[tuple[str, ...], int]:
    """``[文件:][工作表:]行号`` (a full-width colon too) as (names, row number)."""
    *names, row = text.replace("：", ":").rsplit(":", 2)
    if not row.strip().isdigit() or not all(n.strip() for n in names):
        raise CliError(f"--keep {text}：格式应为 [文件:][工作表:]行号，如 人口信息:12 或 台账.xlsx:人口信息:12")
    return tuple(n.strip() for n in names), int(row)


def cmd_imports(args: argparse.Namespace) -> int:
    from app.services.importing.service import batches

    found = batches(open_db(args))
    document: list[dict[str, Any]] = [{
        "batch": b.id, "created_at": b.created_at.isoformat(sep=" ", timespec="seconds"), "user": b.user_name,
        "files": b.files, "counts": (b.summary or {}).get("counts"),
        "undone_at": b.undone_at.isoformat(sep=" ", timespec="seconds") if b.undone_at else None,
        "undone_by": b.undone_by,
    } for b in found]
    lines = [f"{b['batch']}  {b['created_at']}  {b['user'] or ''}  {'、'.join(f['name'] for f in b['files'])}"
             + (f"  （{b['undone_at']} 由{b['undone_by'] or '未记录的操作人'}撤销）" if b["undone_at"] else "")
             for b in document] or ["还没有导入记录。"]
    emit(args, {"batches": document}, "\n".join(lines))
    return EXIT_OK


def cmd_undo(args: argparse.Namespace) -> int:
    from app.services.importing.service import UndoError, undo

    try:
        reverted = undo(open_db(args), args.batch, user_name=current_user(args))
    except UndoError as exc:
        raise CliError(str(exc)) from exc
    emit(args, {"batch": args.batch, "reverted": reverted},
         f"已撤销批次 {args.batch}：" + ("，".join(f"{k} {v}" for k, v in reverted.items()) or "没有需要撤销的数据"))
    return EXIT_OK


def register(sub: Any) -> None:
    p = add_command(sub, "import", cmd_import, "导入台账（人口、房屋、特殊人群、矛盾纠纷；xlsx / xls / csv）")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入数据库")
    p.add_argument("--errors", metavar="OUT.xlsx", help="把被拒绝的行连同原因写入此工作簿，改正后可再导入")
    p.add_argument("--grid", help="导入到此网格（“网格”或“社区/网格”；不存在则新建）")
    p.add_argument("--community", help="导入到此社区（默认：表头中写明的社区）")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="填报日期（校验出生日期不晚于此日；默认今天）")
    p.add_argument("--keep", action="append", metavar="[文件:][工作表:]行号",
                   help="同一身份证号有两行内容不同时，保留这一行而不是先出现的一行（可多次给出）")
    p.add_argument("--user", help="操作人（写入导入记录和审计日志）")
    p.add_argument("--grid-worker", action="store_true",
                   help="按网格员的权限导入（须同时给出 --grid）：新小区和自定义标签记在该网格，"
                        "已调解的纠纷记为现场处置，待社区书记核查办结")
    p.add_argument("--quiet", action="store_true", help="不显示进度")

    add_command(sub, "imports", cmd_imports, "列出导入批次")

    p = add_command(sub, "undo-import", cmd_undo, "撤销一个导入批次新增或修改的全部数据", json_flag=True)
    p.add_argument("batch", metavar="BATCH", help="批次编号（或其唯一的开头部分）")
    p.add_argument("--user", help="操作人（写入导入记录和审计日志）")
