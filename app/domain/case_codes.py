"""Code lists of cases, disputes and visits, and the default time limits per case category.

The category dictionary is configurable: the sub-district may change a category's time limit or add
categories (stored in the ``case_categories`` table, see app.services.cases); these defaults apply
wherever the table says nothing. Time limits are in working days (app.domain.calendar).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.calendar import DEFAULT_WARN_DAYS


@dataclass(frozen=True)
class Category:
    name: str
    time_limit_days: int
    """Working days from dispatch to the deadline."""
    warn_days: int = DEFAULT_WARN_DAYS
    on_spot: bool = False
    """A small matter a grid worker may settle on the spot."""
    sort_order: int = 0
    active: bool = True


DISPUTE_CATEGORY = "矛盾纠纷"

DEFAULT_CATEGORIES: tuple[Category, ...] = (
    Category(DISPUTE_CATEGORY, 15, 3, sort_order=0),
    Category("安全隐患", 3, 1, sort_order=1),
    Category("民生诉求", 10, 2, sort_order=2),
    Category("环境卫生", 5, 2, on_spot=True, sort_order=3),
    Category("物业管理", 7, 2, sort_order=4),
    Category("飞线充电", 2, 1, on_spot=True, sort_order=5),
    Category("楼道堆物", 3, 1, on_spot=True, sort_order=6),
    Category("宠物扰民", 5, 2, on_spot=True, sort_order=7),
    Category("下水道堵塞", 3, 1, sort_order=8),
)

SOURCES: tuple[str, ...] = ("巡查发现", "居民反映", "上级交办", "随手拍")
PRIORITIES: tuple[str, ...] = ("一般", "较急", "紧急")
PRIORITY_LIMIT_DAYS: dict[str, int] = {"较急": 3, "紧急": 1}
"""An urgent case gets at most this many working days, whatever its category allows."""
PARTY_ROLES: tuple[str, ...] = ("反映人", "当事人", "被反映人")

DISPUTE_TYPES: tuple[str, ...] = ("邻里纠纷", "物业纠纷", "家庭纠纷", "婚姻纠纷", "漏水", "噪音扰民", "停车纠纷",
                                  "宠物扰民", "楼道堆物", "劳动纠纷", "其他")
OUTCOME_SUCCESS = "调解成功"
OUTCOMES: tuple[str, ...] = (OUTCOME_SUCCESS, "调解不成功", "移交")

VISIT_METHODS: tuple[str, ...] = ("入户", "电话", "巡查", "补访")

HANDLER_SUGGESTIONS: tuple[str, ...] = ("社区居委会", "物业服务中心", "社区人民调解委员会", "社区警务室", "街道城管科",
                                        "街道应急管理办公室", "街道社会事务办公室", "志愿服务队")
"""Handlers offered when dispatching (departments, property company, volunteer team); any name may be typed."""
RATING_LABELS: dict[int, str] = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}


class CodeError(ValueError):
    """A value outside its code list; the message (Chinese) lists the allowed values."""


def require(value: str | None, allowed: Iterable[str], what: str) -> str:
    """``value`` stripped, when it is one of ``allowed``; else :class:`CodeError`."""
    options = tuple(allowed)
    text = (value or "").strip()
    if text not in options:
        shown = f"“{text}”" if text else "空白"
        raise CodeError(f"{what}不能为{shown}，应为：{'、'.join(options)}。")
    return text


def time_limit(category: Category, priority: str) -> int:
    """Working days a case of ``category`` with ``priority`` gets from dispatch."""
    cap = PRIORITY_LIMIT_DAYS.get(priority)
    return min(category.time_limit_days, cap) if cap else category.time_limit_days


def merge_categories(overrides: Iterable[Category]) -> list[Category]:
    """The defaults with the configured rows laid over them (same name replaces), sorted for lists."""
    merged = {c.name: c for c in DEFAULT_CATEGORIES}
    for row in overrides:
        merged[row.name] = row
    return sorted(merged.values(), key=lambda c: (c.sort_order, c.name))
