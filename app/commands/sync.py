"""Sync commands: the server (serve, server init, server user add, server compact), one client round (sync) and
the changes the server refused (rejected)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.commands.common import EXIT_OK, EXIT_PROBLEMS, CliError, emit, open_db
from app.paths import data_dir
from app.store.db import Database, DatabaseError

DEFAULT_PORT = 8765
COMPACT_AFTER_DAYS = 30


def _server_url(args: argparse.Namespace) -> str:
    return args.db_url or str(data_dir() / "server.sqlite")


def _open_server(args: argparse.Namespace) -> Database:
    from sync.server.store import open_server_db

    try:
        return open_server_db(_server_url(args))
    except DatabaseError as exc:
        raise CliError(str(exc)) from exc


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.server.app import create_app
    from sync.server.blobs import blob_dir_for

    db = _open_server(args)
    blobs = Path(args.blob_dir) if args.blob_dir else blob_dir_for(db)
    sys.stderr.write(f"同步服务器：http://{args.host}:{args.port}（数据库 {db.url.split('@')[-1]}，附件 {blobs}）\n")
    uvicorn.run(create_app(db, blob_dir=blobs), host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


def cmd_server_init(args: argparse.Namespace) -> int:
    from sync.server.store import renew_epoch

    db = _open_server(args)
    if args.restored:
        renew_epoch(db)
    note = "已更换服务器纪元：各终端将重新上传并重新下载。" if args.restored else ""
    emit(args, {"ok": True}, "服务器数据库已就绪。" + note)
    return EXIT_OK


def cmd_user_add(args: argparse.Namespace) -> int:
    from sync.server.store import ServerError, add_user

    db = _open_server(args)
    try:
        add_user(db, args.name, args.password, args.role, args.scope)
    except ServerError as exc:
        raise CliError(str(exc)) from exc
    emit(args, {"ok": True, "user": args.name}, f"已保存用户 {args.name}（{args.role}，{args.scope}）。")
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    import httpx

    from sync.client import SyncClient, SyncError

    try:
        db = Database(args.db)
    except DatabaseError as exc:
        raise CliError(str(exc)) from exc
    try:
        with httpx.Client(base_url=args.server, timeout=60) as http:
            result = SyncClient(db, http, args.user, args.password).run()
    except SyncError as exc:
        emit(args, {"ok": False, "error": exc.code, "message": str(exc)}, "")
        sys.stderr.write(f"同步未完成：{exc}\n")
        return EXIT_PROBLEMS
    finally:
        db.close()
    doc = {"ok": True, **result.as_json()}
    emit(args, doc, f"已上传 {result.pushed} 条（被拒绝 {result.rejected} 条）、附件 {result.blobs_uploaded} 个，"
                    f"已下载 {result.pulled} 条，冲突 {result.conflicts} 处。")
    for reject in result.rejects:
        sys.stderr.write(f"被拒绝：{reject['table']} {reject['row_id']}：{reject['reason']}\n")
    for problem in result.blob_problems:
        sys.stderr.write(f"附件未上传：{problem['sha256'][:12]}…：{problem['reason']}\n")
    if result.refetched:
        sys.stderr.write(f"服务器已清理旧的变更记录，已重新下载 {len(result.refetched)} 个分区的数据；"
                         "本机未上传的修改均已保留。\n")
    return EXIT_PROBLEMS if result.rejected else EXIT_OK


def cmd_rejected(args: argparse.Namespace) -> int:
    """List the changes the server refused; --resubmit queues some (or all) again for the next round."""
    from app.services.sync_status import rejected_changes, resubmit

    db = open_db(args)
    try:
        changes = rejected_changes(db)
        queued = 0
        if args.resubmit:
            known = {c.seq for c in changes}
            wanted = known if args.resubmit == ["all"] else set(_seqs(args.resubmit))
            unknown = sorted(wanted - known)
            if unknown:
                raise CliError(f"没有编号为 {'、'.join(map(str, unknown))} 的被拒绝修改；"
                               "不带 --resubmit 运行可查看编号。")
            queued = resubmit(db, sorted(wanted))
            changes = [c for c in changes if c.seq not in wanted]
    finally:
        db.close()
    doc = {"ok": True, "resubmitted": queued, "rejected": [
        {"seq": c.seq, "table": c.table, "record": c.record, "action": c.action, "changes": c.changes,
         "reason": c.reason} for c in changes]}
    lines = [f"{c.seq}\t{c.table}\t{c.record}\t{c.action}\t{c.changes}\t{c.reason}" for c in changes]
    head = f"已重新提交 {queued} 条，下次同步时上传。\n" if queued else ""
    emit(args, doc, head + ("\n".join(lines) if lines else "没有被服务器拒绝的修改。"))
    return EXIT_OK


def _seqs(values: list[str]) -> list[int]:
    try:
        return [int(v) for value in values for v in value.replace("，", ",").split(",") if v.strip()]
    except ValueError:
        raise CliError(f"--resubmit 应为编号（如 12 13）或 all，收到“{' '.join(values)}”。") from None


def cmd_server_compact(args: argparse.Namespace) -> int:
    from sync.server.compaction import compact

    if args.older_than_days < 0:
        raise CliError(f"--older-than-days 应为 0 或正整数，收到 {args.older_than_days}。")
    db = _open_server(args)
    report = compact(db, args.older_than_days)
    purged = sum(report.tombstones.values())
    text = (f"已清理 {args.older_than_days} 天前删除的记录 {purged} 条、迁出标记 {report.markers} 条；"
            f"{len(report.horizons)} 个分区的清理界限已前移，此后未同步过的电脑下次同步时会重新下载这些分区。"
            if purged or report.markers else f"没有 {args.older_than_days} 天前删除或迁出的记录需要清理。")
    emit(args, {"ok": True, "older_than_days": args.older_than_days, **report.as_json()}, text)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("serve", help="运行同步服务器", description="运行同步服务器（FastAPI，/docs 为接口文档）")
    p.add_argument("--db-url", help="服务器数据库：SQLite 文件或 postgresql://…（默认数据目录下 server.sqlite）")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=DEFAULT_PORT)
    p.add_argument("--blob-dir", help="附件（照片、扫描件）存放目录（默认：SQLite 数据库旁的 *.blobs 目录，"
                                      "PostgreSQL 时为数据目录下 server-blobs）")
    p.set_defaults(func=cmd_serve)

    server = sub.add_parser("server", help="管理同步服务器", description="管理同步服务器")
    ssub = server.add_subparsers(dest="server_command", required=True)
    p = ssub.add_parser("init", help="建立或升级服务器数据库")
    p.add_argument("--db-url", required=True)
    p.add_argument("--restored", action="store_true", help="服务器刚从备份恢复：更换纪元，终端重新上传和下载")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_server_init)
    users = ssub.add_parser("user", help="服务器用户").add_subparsers(dest="user_command", required=True)
    p = users.add_parser("add", help="新增或修改用户（密码用 argon2 保存）")
    p.add_argument("name")
    p.add_argument("--password", required=True)
    p.add_argument("--role", required=True, choices=["grid-worker", "secretary"])
    p.add_argument("--scope", required=True, help="社区名 或 社区名/网格名")
    p.add_argument("--db-url")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_user_add)
    p = ssub.add_parser("compact", help="清理变更日志：删除旧的已删除记录（墓碑）和迁出标记")
    p.add_argument("--db-url", required=True)
    p.add_argument("--older-than-days", type=int, default=COMPACT_AFTER_DAYS,
                   help=f"只清理此天数之前的删除和迁出（默认 {COMPACT_AFTER_DAYS}）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_server_compact)

    p = sub.add_parser("sync", help="与同步服务器同步一轮",
                       description="上传本机的修改，下载范围内的数据（一轮后退出）")
    p.add_argument("--db", required=True, help="本机数据库文件（不存在时新建并从服务器下载）")
    p.add_argument("--server", required=True, help="服务器地址，例如 http://127.0.0.1:8765")
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("rejected", help="查看被服务器拒绝的修改，或重新提交",
                       description="列出服务器拒绝的修改（编号、数据、记录、操作、内容、原因）；"
                                   "原因处理好后可用 --resubmit 重新提交，下次同步时上传")
    p.add_argument("--db", required=True, help="本机数据库文件")
    p.add_argument("--resubmit", nargs="+", metavar="编号", help="要重新提交的编号，或 all 表示全部")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rejected)
