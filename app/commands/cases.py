"""Commands of the closed loop: list cases, register and act on them, disputes, visits, 今日工作.

A refusal by the workflow (an illegal step, a missing reason) ran but found a problem: exit 1, the
reason on stderr (and ``{"ok": false, "error": …}`` with ``--json``). Bad usage is exit 2.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time
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
from app.domain import workflow as wf
from app.domain.case_codes import DISPUTE_TYPES, OUTCOMES, PRIORITIES, SOURCES, VISIT_METHODS

ROLE_CHOICES = list(wf.ROLE_LABELS)


# --- shared helpers -----------------------------------------------------------------------------

def _day(text: str | None, what: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(f"{what}“{text}”不是有效日期，请按 2026-10-09 的格式填写。") from None


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise CliError(f"时间“{text}”无效，请按 2026-11-20 19:30 的格式填写。") from None


def _deadline(service: Any, text: str | None) -> date | None:
    """A date, or ``+N``: N working days from today (holidays and 调休 respected)."""
    if text and text.strip().startswith("+"):
        try:
            days = int(text.strip()[1:])
        except ValueError:
            raise CliError(f"期限“{text}”无效：写日期（2026-10-09）或 +N（N 个工作日后）。") from None
        return service.calendar().add_working_days(service.today(), days)
    return _day(text, "期限")


def _state(text: str) -> str:
    by_label = {label: code for code, label in wf.STATE_LABELS.items()}
    code = by_label.get(text, text)
    if code not in wf.STATE_LABELS:
        known = "、".join(f"{c}（{label}）" for c, label in wf.STATE_LABELS.items())
        raise CliError(f"未知的状态“{text}”，应为：{known}。")
    return code


def _grids(service: Any, key: str | None) -> tuple[str, ...] | None:
    from app.services.cases import CaseError

    try:
        return service.find_grids(key) if key else None
    except CaseError as exc:
        raise CliError(str(exc)) from exc


def _actor(args: argparse.Namespace, service: Any) -> Any:
    from app.services.cases import Actor, CaseError

    grids = _grids(service, getattr(args, "grid", None))
    try:
        return Actor(args.user or current_user(args), args.role, grids)
    except CaseError as exc:
        raise CliError(str(exc)) from exc


def _refused(args: argparse.Namespace, message: str) -> int:
    sys.stderr.write(f"错误：{message}\n")
    if getattr(args, "json", False):
        emit(args, {"ok": False, "error": message}, "")
    return EXIT_PROBLEMS


def case_json(row: Any) -> dict[str, Any]:
    status = row.deadline_status
    return {"id": row.id, "number": row.number, "kind": row.kind, "title": row.title, "category": row.category,
            "state": row.state, "state_label": row.state_label, "priority": row.priority,
            "deadline": row.deadline.isoformat() if row.deadline else None,
            "deadline_status": status.level if status else None,
            "working_days_left": status.working_days_left if status else None,
            "overdue": row.overdue, "handler": row.handler or None, "place": row.place, "grid": row.grid,
            "occurred_on": row.occurred_on.isoformat() if row.occurred_on else None}


def _case_line(row: Any) -> str:
    status = f"  [{row.deadline_status.label}]" if row.deadline_status else ""
    return f"{row.number}\t{row.state_label}\t{row.category}\t{row.title}\t{row.place}{status}"


def _detail_json(detail: Any) -> dict[str, Any]:
    return {
        **case_json(detail.row), "description": detail.description, "source": detail.source,
        "reported_by": detail.reported_by, "rating": detail.rating, "returns": detail.returns,
        "needs_review": detail.needs_review,
        "parties": [{"name": p.name, "role": p.role, "person_id": p.person_id} for p in detail.parties],
        "attachments": [{"id": a.id, "filename": a.filename, "sha256": a.sha256, "size": a.size,
                         "downloaded": a.path.exists()} for a in detail.attachments],
        "actions": [a.code for a in detail.actions],
        "timeline": [{"at": t.at.isoformat(sep=" "), "action": t.action, "label": t.label, "actor": t.actor_name,
                      "role": t.actor_role, "from_state": t.from_state, "to_state": t.to_state, "note": t.note,
                      "details": t.details, "flag": t.flag,
                      "attachments": [a.filename for a in t.attachments]} for t in detail.timeline],
    }


def _detail_text(detail: Any) -> str:
    lines = [f"{detail.row.number}  {detail.row.title}（{detail.row.state_label}）",
             f"类别：{detail.row.category}  来源：{detail.source}  地点：{detail.row.place}"]
    for t in detail.timeline:
        extra = "；".join(x for x in (t.note, t.details) if x)
        flag = f"  ⚠ {t.flag}" if t.flag else ""
        lines.append(f"  {t.at:%Y-%m-%d %H:%M}  {t.actor_role} {t.actor_name}  {t.label}  {extra}{flag}")
    files = [*detail.attachments, *(a for t in detail.timeline for a in t.attachments)]
    for a in files:
        where = "已在本机" if a.path.exists() else "未下载"
        lines.append(f"  附件 {a.filename}（{max(1, a.size // 1024)} KB，{where}）sha256 {a.sha256[:12]}")
    if files:
        lines.append("  取出附件：gridledger attachment get <sha256 前 12 位> --out 文件或目录")
    return "\n".join(lines)


def _service(args: argparse.Namespace) -> Any:
    from app.services.cases import CaseService

    today = getattr(args, "on", None)
    if today:
        day = _day(today, "日期")
        assert day is not None
        return CaseService(open_db(args), now=lambda: datetime.combine(day, time(23, 59)))
    return CaseService(open_db(args))


# --- cases --------------------------------------------------------------------------------------

def cmd_cases(args: argparse.Namespace) -> int:
    from app.store.case_queries import CaseFilter

    service = _service(args)
    grids = _grids(service, args.grid)
    f = CaseFilter(states=(_state(args.state),) if args.state else (), grid_ids=grids, category=args.category,
                   overdue_on=service.today() if args.overdue else None)
    ids = service.ids(f)
    rows = service.rows(ids[:args.limit] if args.limit else ids)
    document = {"today": service.today().isoformat(), "count": len(ids), "cases": [case_json(r) for r in rows]}
    emit(args, document, "\n".join(_case_line(r) for r in rows) or "没有符合条件的事件。")
    return EXIT_OK


def cmd_case_new(args: argparse.Namespace) -> int:
    from app.services.cases import CaseDraft, CaseError, PartyDraft

    service = _service(args)
    actor = _actor(args, service)
    try:
        draft = CaseDraft(
            title=args.title or "", category=args.category, description=args.description or "",
            source=args.source, priority=args.priority, place_text=args.place,
            building_id=service.find("building", args.building) if args.building else None,
            parties=[PartyDraft(person_id=service.find("person", key), role=args.person_role) for key in args.person]
            + [_party(text) for text in args.party],
            attachments=[Path(p) for p in args.attach], deadline=_deadline(service, args.deadline),
            occurred_on=_day(args.occurred_on, "发生日期"), reported_by=args.reported_by,
            dispute_type=args.dispute_type)
        if args.household:
            draft.house_id = service.household_house(service.find("household", args.household))
        case_id = service.create(draft, actor)
    except CaseError as exc:
        return _refused(args, str(exc))
    detail = service.detail(case_id, actor)
    emit(args, {"ok": True, **_detail_json(detail)}, f"已登记事件 {detail.row.number}：{detail.row.title}")
    return EXIT_OK


def _party(text: str) -> Any:
    from app.services.cases import PartyDraft

    name, _, role = text.partition(":")
    return PartyDraft(name=name.strip(), role=role.strip() or "当事人")


def cmd_case_act(args: argparse.Namespace) -> int:
    from app.services.cases import CaseError

    service = _service(args)
    actor = _actor(args, service)
    data = {k: v for k, v in {
        "handler": args.handler, "deadline": _deadline(service, args.deadline), "feedback": args.feedback,
        "reason": args.reason, "rating": args.rating, "comment": args.comment, "to": args.to}.items()
        if v is not None}
    try:
        case_id = service.resolve(args.case)
        detail = service.act(case_id, args.action, actor, note=args.note, data=data,
                             attachments=[Path(p) for p in args.attach])
    except CaseError as exc:
        return _refused(args, str(exc))
    emit(args, {"ok": True, **_detail_json(detail)},
         f"事件 {detail.row.number}：{wf.ACTIONS[args.action].label}完成，现为“{detail.row.state_label}”")
    return EXIT_OK


def cmd_case_show(args: argparse.Namespace) -> int:
    from app.services.cases import CaseError
    from app.services.disputes import DisputeService

    service = _service(args)
    try:
        case_id = service.resolve(args.case)
    except CaseError as exc:
        raise CliError(str(exc)) from exc
    actor = _actor(args, service) if args.role else None
    detail = service.detail(case_id, actor)
    document = _detail_json(detail)
    dispute = DisputeService(service.db).info(case_id)
    text = _detail_text(detail)
    if dispute:
        document["dispute"] = {"dispute_type": dispute.dispute_type, "outcome": dispute.outcome,
                               "agreement": dispute.agreement or None,
                               "sessions": [{"held_on": s.held_on.isoformat(), "mediator": s.mediator,
                                             "summary": s.summary} for s in dispute.sessions]}
        text += (f"\n纠纷类型：{dispute.dispute_type}  调解结果：{dispute.outcome_label}  "
                 f"调解 {len(dispute.sessions)} 次")
    emit(args, document, text)
    return EXIT_OK


def cmd_attachment_get(args: argparse.Namespace) -> int:
    """Write an attachment's file to --out, downloading it from the sync server when this desktop lacks it."""
    import shutil

    from app.services.attachment_files import attachment_file, find_attachment
    from app.services.attachments import AttachmentError, BlobStore
    from app.services.sync_rounds import SyncAccount

    if args.server and not (args.user and args.password):
        raise CliError("从服务器下载附件需要同时给出 --server、--user 和 --password。")
    db = open_db(args)
    blobs = BlobStore()
    try:
        info = find_attachment(db, args.attachment, blobs)
    except AttachmentError as exc:
        raise CliError(str(exc)) from exc
    had = info.path.exists()
    show = progress_printer(args)
    account = SyncAccount(args.server, args.user, args.password) if args.server else None
    try:
        source = attachment_file(db, info, account, blobs,
                                 progress=lambda done, total: show("下载附件", done / total) if total else None)
    except AttachmentError as exc:
        return _refused(args, str(exc) + ("" if account else "（可加 --server --user --password 从服务器下载）"))
    out = Path(args.out) if args.out else Path.cwd() / info.filename
    if out.is_dir():
        out = out / info.filename
    try:
        shutil.copyfile(source, out)
    except OSError as exc:
        raise CliError(f"无法写入 {out}：{exc.strerror or exc}") from exc
    emit(args, {"ok": True, "id": info.id, "filename": info.filename, "sha256": info.sha256, "size": info.size,
                "downloaded": not had, "path": str(out)},
         f"已{'从服务器下载并' if not had else ''}写出附件 {info.filename} → {out}")
    return EXIT_OK


def cmd_case_categories(args: argparse.Namespace) -> int:
    from app.services.cases import CaseError

    service = _service(args)
    if args.set:
        if args.days is None:
            raise CliError("设置类别时限需要 --days N（工作日）。")
        try:
            service.set_category(_actor(args, service), args.set, args.days, warn_days=args.warn,
                                 on_spot=args.on_spot, active=not args.disable)
        except CaseError as exc:
            return _refused(args, str(exc))
    cats = service.categories(include_inactive=True)
    document = {"categories": [{"name": c.name, "time_limit_days": c.time_limit_days, "warn_days": c.warn_days,
                                "on_spot": c.on_spot, "active": c.active} for c in cats]}
    emit(args, document, "\n".join(f"{c.name}\t{c.time_limit_days} 个工作日\t临期提醒 {c.warn_days} 天"
                                   + ("" if c.active else "\t（停用）") for c in cats))
    return EXIT_OK


def cmd_case_mediate(args: argparse.Namespace) -> int:
    from app.services.cases import CaseError
    from app.services.disputes import DisputeService

    if not (args.summary or args.outcome):
        raise CliError("请用 --summary 记录一次调解，或用 --outcome 填写调解结果。")
    service = _service(args)
    actor = _actor(args, service)
    disputes = DisputeService(service.db, now=service.now)
    try:
        case_id = service.resolve(args.case)
        if args.summary:
            disputes.add_session(case_id, actor, held_on=_day(args.held_on, "调解日期") or service.today(),
                                 mediator=args.mediator or actor.name, summary=args.summary)
        if args.outcome:
            disputes.conclude(case_id, actor, outcome=args.outcome, agreement=args.agreement or "")
    except CaseError as exc:
        return _refused(args, str(exc))
    info = disputes.info(case_id)
    assert info is not None
    emit(args, {"ok": True, "outcome": info.outcome, "sessions": len(info.sessions)},
         f"已记录：调解 {len(info.sessions)} 次，结果：{info.outcome_label}")
    return EXIT_OK


# --- visits and worklist ------------------------------------------------------------------------

def cmd_visit_add(args: argparse.Namespace) -> int:
    from app.services.cases import CaseDraft, CaseError
    from app.services.visits import VisitDraft, VisitService

    service = _service(args)
    actor = _actor(args, service)
    visits = VisitService(service.db, cases=service)
    try:
        draft = VisitDraft(
            method=args.method, findings=args.findings or "", nobody_home=args.nobody_home,
            visited_at=_moment(args.at),
            household_id=service.find("household", args.household) if args.household else None,
            person_id=service.find("person", args.person) if args.person else None)
        case = None
        if args.case_category:
            case = CaseDraft(title=args.case_title or "", category=args.case_category,
                             description=args.case_description or args.findings or "",
                             priority=args.case_priority, attachments=[Path(p) for p in args.case_attach],
                             dispute_type=args.dispute_type)
        result = visits.record(draft, actor, case)
    except CaseError as exc:
        return _refused(args, str(exc))
    document = {"ok": True, "visit": result.visit_id, "case": result.case_id,
                "revisit_due": result.revisit_due.isoformat() if result.revisit_due else None,
                "revisit_slot": result.revisit_slot}
    text = "已记录走访"
    if result.revisit_due:
        text += f"；无人在家，已安排 {result.revisit_due.isoformat()} {result.revisit_slot}补访"
    if result.case_id:
        text += f"；已登记事件 {service.detail(result.case_id).row.number}"
    emit(args, document, text)
    return EXIT_OK


def cmd_worklist(args: argparse.Namespace) -> int:
    from app.services.visits import VisitService
    from app.services.worklist import today_work

    service = _service(args)
    actor = _actor(args, service)
    work = today_work(service.db, actor, cases=service, visits=VisitService(service.db, cases=service))

    def care(items: list[Any]) -> list[dict[str, Any]]:
        return [{"person_id": i.person_id, "name": i.name, "address": i.address, "tags": i.tags,
                 "last_visit": i.last_visit.isoformat() if i.last_visit else None,
                 "due_on": i.status.due_on.isoformat(), "status": i.status.level} for i in items]

    document = {
        "day": work.day.isoformat(), "counts": work.counts,
        "visits_overdue": care(work.visits_overdue), "visits_due": care(work.visits_due),
        "revisits": [{"visit": r.visit_id, "who": r.who, "address": r.address, "due": r.due.isoformat(),
                      "slot": r.slot, "overdue": r.overdue} for r in work.revisits],
        "cases_waiting": [case_json(r) for r in work.cases_waiting],
        "cases_overdue": [case_json(r) for r in work.cases_overdue],
    }
    c = work.counts
    emit(args, document, (f"今日工作（{work.day.isoformat()}，{actor.label}）：逾期走访 {c['visits_overdue']}，"
                          f"待走访 {c['visits_due']}，补访 {c['revisits']}，待我办理事件 {c['cases_waiting']}，"
                          f"逾期事件 {c['cases_overdue']}"))
    return EXIT_OK


def cmd_calendar(args: argparse.Namespace) -> int:
    from app.services.cases import CaseError

    service = _service(args)
    if args.set:
        day = _day(args.set, "日期")
        assert day is not None
        if args.workday == args.day_off:
            raise CliError("请指定 --workday（调休上班）或 --day-off（放假）之一。")
        try:
            service.set_calendar_day(_actor(args, service), day, args.workday, args.name)
        except CaseError as exc:
            return _refused(args, str(exc))
    calendar = service.calendar()
    year = args.year or service.today().year
    days = [date.fromordinal(o) for o in range(date(year, 1, 1).toordinal(), date(year + 1, 1, 1).toordinal())]
    off = [d for d in days if d.weekday() < 5 and not calendar.is_workday(d)]
    extra = [d for d in days if d.weekday() >= 5 and calendar.is_workday(d)]
    document = {"year": year, "covered": calendar.covers(year), "holidays": [d.isoformat() for d in off],
                "makeup_workdays": [d.isoformat() for d in extra]}
    note = "" if calendar.covers(year) else "（尚未收录本年节假日安排，按周一至周五计算）"
    emit(args, document, f"{year} 年{note}\n工作日放假：{'、'.join(d.strftime('%m-%d') for d in off) or '无'}\n"
                         f"周末调休上班：{'、'.join(d.strftime('%m-%d') for d in extra) or '无'}")
    return EXIT_OK


# --- registration -------------------------------------------------------------------------------

def _who(p: argparse.ArgumentParser, *, role_required: bool = False, default_role: str | None = "grid_worker") -> None:
    p.add_argument("--as", dest="role", choices=ROLE_CHOICES, required=role_required,
                   default=None if role_required else default_role,
                   help="以何种角色操作：grid_worker 网格员、secretary 社区书记、handler 处置人、subdistrict 街道")
    p.add_argument("--user", help="操作人姓名（默认：GRIDLEDGER_USER 或登录名）")
    p.add_argument("--grid", help="只在此网格内（名称或编号），网格员的工作范围")
    p.add_argument("--on", help="以此日期为“今天”（补录当天工作、按某日判断期限；默认今天），时间按当天 23:59 计")


def register(sub: Any) -> None:
    p = add_command(sub, "cases", cmd_cases, "列出事件（可按状态、逾期、类别、网格筛选）")
    p.add_argument("--state", help="状态：" + "、".join(f"{c}（{label}）" for c, label in wf.STATE_LABELS.items()))
    p.add_argument("--overdue", action="store_true", help="只列逾期事件")
    p.add_argument("--category", help="事件类别，如 安全隐患")
    p.add_argument("--grid", help="网格名称或编号")
    p.add_argument("--limit", type=int, default=0, help="最多列出多少条（0：全部）")
    p.add_argument("--on", help="以此日期判断逾期（默认今天）")

    case = sub.add_parser("case", help="登记事件、办理事件的各个环节、查看时间线",
                          description="登记事件、办理事件的各个环节、查看时间线")
    case_sub = case.add_subparsers(dest="case_command", required=True)

    p = add_command(case_sub, "new", cmd_case_new, "登记一条事件或矛盾纠纷（状态：已收集）")
    p.add_argument("--title", help="标题（默认取描述的前 30 字）")
    p.add_argument("--category", required=True, help="类别，如 安全隐患、矛盾纠纷（见 case categories）")
    p.add_argument("--description", help="问题描述")
    p.add_argument("--source", default="巡查发现", choices=SOURCES)
    p.add_argument("--priority", default="一般", choices=PRIORITIES)
    p.add_argument("--household", help="发生地住户：ID 或地址（锦绣花园|3号楼|2单元|501）")
    p.add_argument("--building", help="发生地楼栋：ID 或地址（锦绣花园|3号楼）")
    p.add_argument("--place", help="地点文字（不在楼栋内时，如 小区北门）")
    p.add_argument("--person", action="append", default=[], help="关联居民：ID 或身份证号（可多次）")
    p.add_argument("--person-role", default="当事人", help="关联居民的角色：反映人、当事人、被反映人")
    p.add_argument("--party", action="append", default=[], help="外来人员“姓名:角色”（可多次）")
    p.add_argument("--attach", action="append", default=[], help="照片或扫描件（可多次）")
    p.add_argument("--deadline", help="办理期限：日期或 +N（N 个工作日后）")
    p.add_argument("--occurred-on", help="发生日期（默认今天）")
    p.add_argument("--reported-by", help="反映人姓名")
    p.add_argument("--dispute-type", choices=DISPUTE_TYPES, help="矛盾纠纷的类型")
    _who(p)

    p = add_command(case_sub, "act", cmd_case_act,
                    "办理事件的一个环节（上报、分派、反馈、核查办结、退回、上报上级、撤销）")
    p.add_argument("case", help="事件编号或 ID")
    p.add_argument("action", choices=[a for a in wf.ACTIONS if a != "collect"],
                   help="；".join(f"{code} {a.label}" for code, a in wf.ACTIONS.items() if code != "collect"))
    _who(p, role_required=True)
    p.add_argument("--note", help="备注")
    p.add_argument("--handler", help="分派：处置人（部门、物业公司或志愿队伍）")
    p.add_argument("--deadline", help="分派/退回：期限，日期或 +N（N 个工作日后）")
    p.add_argument("--feedback", help="处置反馈、现场处置：处置情况")
    p.add_argument("--reason", help="退回、上报上级、撤销：原因")
    p.add_argument("--to", help="上报上级：上报到哪里（默认 街道综治中心）")
    p.add_argument("--rating", type=int, help="核查办结：群众评价 1–5 分")
    p.add_argument("--comment", help="核查办结：群众评价意见")
    p.add_argument("--attach", action="append", default=[], help="照片或扫描件（可多次）")

    p = add_command(case_sub, "show", cmd_case_show, "查看一条事件及其完整时间线")
    p.add_argument("case", help="事件编号或 ID")
    _who(p, default_role=None)

    p = add_command(case_sub, "categories", cmd_case_categories, "查看或设置事件类别及办理时限（工作日）")
    p.add_argument("--set", metavar="NAME", help="设置（或新增）此类别，需街道身份")
    p.add_argument("--days", type=int, help="办理时限（工作日）")
    p.add_argument("--warn", type=int, help="剩余几个工作日时提醒（临期，黄色）")
    p.add_argument("--on-spot", action=argparse.BooleanOptionalAction, default=None, help="网格员可现场处置")
    p.add_argument("--disable", action="store_true", help="停用此类别")
    _who(p, default_role="subdistrict")

    p = add_command(case_sub, "mediate", cmd_case_mediate, "矛盾纠纷：记录一次调解，或填写调解结果")
    p.add_argument("case", help="纠纷编号或 ID")
    p.add_argument("--held-on", help="调解日期（默认今天）")
    p.add_argument("--mediator", help="调解员（默认操作人）")
    p.add_argument("--summary", help="调解经过")
    p.add_argument("--outcome", choices=OUTCOMES, help="调解结果")
    p.add_argument("--agreement", help="协议内容（调解成功时必填）")
    _who(p)

    attachment = sub.add_parser("attachment", help="事件的照片和扫描件", description="事件的照片和扫描件")
    attachment_sub = attachment.add_subparsers(dest="attachment_command", required=True)
    p = add_command(attachment_sub, "get", cmd_attachment_get,
                    "把附件写到文件；本机没有时从同步服务器下载（case show 列出附件及其 sha256）")
    p.add_argument("attachment", help="附件 ID、sha256 或其前至少 8 位")
    p.add_argument("--out", help="写到此文件或目录（默认当前目录下的原文件名）")
    p.add_argument("--server", help="本机没有此附件时从此服务器下载，例如 http://127.0.0.1:8765")
    p.add_argument("--user", help="同步服务器用户名")
    p.add_argument("--password", help="同步服务器密码")

    visit = sub.add_parser("visit", help="记录走访、巡查", description="记录走访、巡查")
    visit_sub = visit.add_subparsers(dest="visit_command", required=True)
    p = add_command(visit_sub, "add", cmd_visit_add, "记录一次走访（可同时登记发现的事件）")
    p.add_argument("--household", help="住户：ID 或地址（锦绣花园|3号楼|2单元|501）")
    p.add_argument("--person", help="走访对象：居民 ID 或身份证号")
    p.add_argument("--method", required=True, choices=VISIT_METHODS)
    p.add_argument("--findings", help="走访情况")
    p.add_argument("--nobody-home", action="store_true", help="无人在家（自动安排晚间或周末补访）")
    p.add_argument("--at", help="走访时间（默认现在），如 2026-11-20 19:30")
    p.add_argument("--case-category", help="同时登记事件：类别")
    p.add_argument("--case-title", help="同时登记事件：标题")
    p.add_argument("--case-description", help="同时登记事件：描述（默认为走访情况）")
    p.add_argument("--case-priority", default="一般", choices=PRIORITIES)
    p.add_argument("--case-attach", action="append", default=[], help="同时登记事件：照片（可多次）")
    p.add_argument("--dispute-type", choices=DISPUTE_TYPES, help="同时登记矛盾纠纷：纠纷类型")
    _who(p)

    p = add_command(sub, "worklist", cmd_worklist, "今日工作：待走访、补访、待我办理和逾期的事件")
    _who(p)

    p = add_command(sub, "calendar", cmd_calendar, "查看某年的节假日和调休，或补录尚未收录的安排")
    p.add_argument("--year", type=int, help="年份（默认今年）")
    p.add_argument("--set", metavar="DATE", help="补录一天：日期")
    p.add_argument("--workday", action="store_true", help="这一天调休上班")
    p.add_argument("--day-off", action="store_true", help="这一天放假")
    p.add_argument("--name", help="节日名称，如 春节")
    _who(p, default_role="subdistrict")
