"""Commands over the local ledger: demo, search, stats, export."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from app.commands.common import EXIT_OK, CliError, add_command, current_user, emit, open_db, progress_printer


def cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo import DemoError, generate_demo

    if args.households < 1:
        raise CliError("--households 至少为 1")
    db = open_db(args, create=True)
    try:
        summary = generate_demo(db, seed=args.seed, households=args.households, today=args.today,
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
    from app.services.export import ROSTER_TITLES, ROSTER_UNITS, ExportError, export_people, export_roster

    db = open_db(args)
    roster = args.roster or args.what != "people"
    options = {"user_name": current_user(args), "tag": args.tag, "grid": args.grid, "mask": args.mask,
               "progress": progress_printer(args)}
    try:
        if roster:
            result = export_roster(db, args.what, Path(args.out), **options)
        else:
            result = export_people(db, Path(args.out), **options)
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    document = {"out": str(result.path), "what": args.what, "roster": roster, "rows": result.people}
    if args.what == "people":
        document["people"] = result.people
    title = ROSTER_TITLES[args.what] if roster else "人口信息"
    emit(args, document, f"已导出{title} {result.people} {ROSTER_UNITS[args.what]}到 {result.path}")
    return EXIT_OK


def register(sub: Any) -> None:
    p = add_command(sub, "demo", cmd_demo, "生成一个虚构的演示社区")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--households", type=int, default=2000)
    p.add_argument("--today", type=date.fromisoformat, default=date.today(),
                   help="演示数据以这一天为“今天”（默认今天；同一种子和日期生成的数据完全相同）")
    p.add_argument("--quiet", action="store_true", help="不显示进度")

    p = add_command(sub, "search", cmd_search, "按姓名、拼音首字母、身份证号（或尾号）、电话、地址查找")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)

    add_command(sub, "stats", cmd_stats, "统计：楼栋、户、人、各类特殊人群、各状态事件")

    p = add_command(sub, "export", cmd_export,
                    "导出人口信息（xlsx / csv / jsonl 数据文件），或人口信息、住户、楼栋台账（xlsx，可直接打印）")
    p.add_argument("what", choices=["people", "households", "buildings"],
                   help="people：人员；households：住户台账；buildings：楼栋台账")
    p.add_argument("--out", required=True)
    p.add_argument("--roster", action="store_true",
                   help="people 也导出为办公用的人口信息台账（households、buildings 总是台账）；"
                        "人口信息台账可再次导入，住户台账、楼栋台账供打印查阅")
    p.add_argument("--tag", help="只导出带此标签的人，如 独居老人")
    p.add_argument("--grid", help="只导出此网格（名称或编号）")
    p.add_argument("--mask", action="store_true", help="身份证号和电话打码")
    p.add_argument("--user", help="操作人（写入审计日志）")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
