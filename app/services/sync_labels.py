"""How sync bookkeeping reads to a user: Chinese names of tables and fields, values shown masked."""

from __future__ import annotations

import json
from typing import Any

from app.domain.ids import mask_id, mask_phone

TABLE_LABELS: dict[str, str] = {
    "org_nodes": "组织架构", "estates": "小区", "buildings": "楼栋", "units": "单元", "houses": "房屋",
    "households": "住户", "people": "人员", "memberships": "家庭成员关系", "tag_types": "人群类别",
    "person_tags": "人员标签", "visits": "走访记录", "cases": "事件", "case_events": "事件进展",
    "case_parties": "当事人", "dispute_details": "纠纷详情", "mediation_sessions": "调解记录",
    "attachments": "附件", "case_categories": "事件类别", "calendar_days": "工作日历",
}
FIELD_LABELS: dict[str, str] = {
    "name": "名称", "id_number": "身份证号", "gender": "性别", "birth_date": "出生日期", "ethnicity": "民族",
    "phone": "电话", "contact_phone": "联系电话", "relation": "与户主关系", "political_status": "政治面貌",
    "marital_status": "婚姻状况", "education": "文化程度", "residence_type": "户籍类型", "employment": "就业情况",
    "note": "备注", "deleted": "删除", "grid_id": "所属网格", "registration": "户籍类别", "state": "办理状态",
    "findings": "走访情况", "description": "描述", "category": "类别", "priority": "紧急程度",
    "deadline": "办理期限", "floors": "楼层数", "area": "面积", "use": "房屋用途", "since": "开始日期",
    "until": "结束日期", "detail": "详细信息", "method": "走访方式", "visited_at": "走访时间",
}
PERSON_FIELDS = {"name": "姓名"}
ACTION_LABELS = {"insert": "新增", "patch": "修改", "delete": "删除", "event": "新增进展"}
PHONE_FIELDS = frozenset({"phone", "contact_phone", "head_phone"})
EMPTY = "（空）"


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def field_label(table: str, field: str | None) -> str:
    if field is None:
        return "整条记录"
    if table == "people" and field in PERSON_FIELDS:
        return PERSON_FIELDS[field]
    return FIELD_LABELS.get(field, field)


def show_value(field: str | None, value: Any) -> str:
    """A value as a list shows it: ID numbers and phones masked (DESIGN: masked in lists by default)."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if field == "id_number":
        return mask_id(str(value))
    if field in PHONE_FIELDS:
        return mask_phone(str(value))
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def changes_text(table: str, fields: dict[str, Any] | None) -> str:
    """The changed fields of an outbox entry as one line ("电话：139****0001；备注：…")."""
    if fields is None:
        return "整条记录"
    return "；".join(f"{field_label(table, k)}：{show_value(k, v)}" for k, v in fields.items())
