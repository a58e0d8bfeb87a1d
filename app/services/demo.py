"""Demo data: a deterministic, realistic, entirely FICTIONAL community (``gridledger demo``).

``generate_demo`` fills an empty database with a district → 街道 → 社区 → 网格 tree, estates of the
three building types, houses, households, people with checksum-valid generated IDs, special-group
tags, visits, cases in every state with their event history, and disputes with mediation sessions.

Everything is derived from ``seed`` and a fixed reference date ``today`` (never the clock), so two
runs with the same seed and size give identical table contents; only the sync stamps (``hlc``) and
the outbox, which come from the write path's clock, differ. Row keys are UUIDv7-shaped but drawn
from the seed, time-ordered so that inserts append to the B-trees.

Rows go through the one write path (:func:`app.store.writes.writing`, ``bulk_insert``) in a single
transaction, one community at a time: a cancelled or failed run leaves the database as it was.
"""

from __future__ import annotations

import random
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import Any

from app.domain.addresses import building_name
from app.domain.calendar import WorkCalendar
from app.domain.case_codes import DEFAULT_CATEGORIES, DISPUTE_CATEGORY, OUTCOMES, SOURCES, time_limit
from app.domain.ids import generate_id
from app.domain.phones import generate_phone
from app.domain.tags import DEFAULT_TAGS, missing_defaults
from app.domain.visiting import revisit_due
from app.store import queries
from app.store.db import Database
from app.store.models import (
    Building,
    Case,
    CaseEvent,
    CaseParty,
    DisputeDetail,
    Estate,
    House,
    Household,
    MediationSession,
    Membership,
    OrgNode,
    Person,
    PersonTag,
    SyncedRow,
    TagType,
    Unit,
    Visit,
)
from app.store.writes import Writer, writing

REFERENCE_DATE = date(2026, 11, 1)
"""The demo's "today": ages, visit schedules and case deadlines are relative to it."""

VISIT_WINDOW_DAYS = 90
MAX_HOUSEHOLDS = 2_000_000

# Parents before children: the order in which one community's rows are written.
_ORDER: tuple[type[SyncedRow], ...] = (Estate, Building, Unit, House, Household, Person, Membership, PersonTag,
                                        Visit, Case, CaseEvent, CaseParty, DisputeDetail, MediationSession)

Progress = Callable[[str, float], None]


class DemoError(Exception):
    """The demo cannot be generated here; the message (Chinese) tells the user what to do."""


class DemoCancelled(Exception):
    """The user cancelled; nothing was written."""


@dataclass
class DemoSummary:
    seed: int
    counts: dict[str, int]
    """Rows inserted per table name (org_nodes, estates, …, mediation_sessions)."""
    seconds: float
    today: date = REFERENCE_DATE

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    @property
    def households(self) -> int:
        return self.counts.get("households", 0)

    @property
    def people(self) -> int:
        return self.counts.get("people", 0)


# --- small helpers ------------------------------------------------------------------------------

class _Keys:
    """Deterministic row keys in UUIDv7 layout: a 48-bit millisecond stamp that advances by one per
    key (so keys sort in creation order and inserts append to the index), version 7, variant 10,
    and 74 random bits from the seed."""

    def __init__(self, seed: int, start: datetime) -> None:
        self._bits = random.Random(f"gridledger-demo-keys:{seed}").getrandbits
        self._ms = int(start.timestamp() * 1000)

    def __call__(self) -> str:
        self._ms += 1
        r = self._bits(74)
        h = "%032x" % ((self._ms << 80) | (0x7 << 76) | ((r >> 62) << 64) | (0b10 << 62)
                       | (r & 0x3FFF_FFFF_FFFF_FFFF))
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _chooser(pairs: Sequence[tuple[Any, float]]) -> Callable[[random.Random], Any]:
    """A weighted choice over (value, weight) pairs, cumulative weights computed once."""
    values = [v for v, _ in pairs]
    cum = list(accumulate(w for _, w in pairs))
    total = cum[-1]

    def choose(rng: random.Random) -> Any:
        return values[bisect_right(cum, rng.random() * total)]
    return choose


def _age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


_CN_NUMERALS = "一二三四五六七八九十"


def _cn_ordinal(n: int) -> str:
    if n <= 10:
        return _CN_NUMERALS[n - 1]
    if n < 20:
        return "十" + _CN_NUMERALS[n - 11]
    return _CN_NUMERALS[n // 10 - 1] + "十" + (_CN_NUMERALS[n % 10 - 1] if n % 10 else "")


# --- name tables (fictional people: common surnames and given names by generation) --------------

_SURNAMES = _chooser([
    ("王", 7.1), ("李", 7.0), ("张", 6.7), ("刘", 5.4), ("陈", 4.6), ("杨", 3.1), ("黄", 2.5),
    ("赵", 2.3), ("吴", 2.0), ("周", 1.9), ("徐", 1.7), ("孙", 1.5), ("马", 1.5), ("朱", 1.3),
    ("胡", 1.3), ("郭", 1.2), ("何", 1.2), ("林", 1.1), ("高", 1.1), ("罗", 1.0), ("郑", 1.0),
    ("梁", 0.9), ("谢", 0.8), ("宋", 0.8), ("唐", 0.8), ("许", 0.7), ("韩", 0.7), ("冯", 0.7),
    ("邓", 0.7), ("曹", 0.6), ("彭", 0.6), ("曾", 0.6), ("肖", 0.6), ("田", 0.5), ("董", 0.5),
    ("袁", 0.5), ("潘", 0.5), ("于", 0.5), ("蒋", 0.5), ("蔡", 0.5), ("余", 0.5), ("杜", 0.5),
    ("叶", 0.4), ("程", 0.4), ("苏", 0.4), ("魏", 0.4), ("吕", 0.4), ("丁", 0.4), ("任", 0.4),
    ("沈", 0.4), ("姚", 0.4), ("卢", 0.4), ("姜", 0.3), ("崔", 0.3), ("钟", 0.3), ("谭", 0.3),
    ("陆", 0.3), ("汪", 0.3), ("范", 0.3), ("金", 0.3), ("石", 0.3), ("廖", 0.3), ("贾", 0.3),
    ("夏", 0.3), ("韦", 0.3), ("付", 0.3), ("方", 0.3), ("白", 0.3), ("邹", 0.3), ("孟", 0.3),
    ("熊", 0.3), ("秦", 0.2), ("邱", 0.2), ("江", 0.2), ("尹", 0.2), ("薛", 0.2), ("闫", 0.2),
    ("段", 0.2), ("雷", 0.2), ("侯", 0.2), ("龙", 0.2), ("史", 0.2), ("陶", 0.2), ("黎", 0.2),
    ("贺", 0.2), ("顾", 0.2), ("毛", 0.2), ("郝", 0.2), ("龚", 0.2), ("邵", 0.2), ("万", 0.2),
    ("钱", 0.2), ("严", 0.2), ("武", 0.2), ("戴", 0.2), ("覃", 0.1), ("莫", 0.1), ("孔", 0.1),
    ("向", 0.1), ("汤", 0.1), ("常", 0.1), ("葛", 0.1), ("乐", 0.05), ("单", 0.08), ("解", 0.06),
    ("仇", 0.05), ("区", 0.03), ("查", 0.05), ("翟", 0.05), ("欧阳", 0.06), ("司马", 0.01),
    ("上官", 0.01), ("诸葛", 0.01), ("司徒", 0.01), ("东方", 0.01), ("皇甫", 0.01), ("慕容", 0.005),
])


def _given_table(curated: str, firsts: str, seconds: str) -> tuple[str, ...]:
    """Curated given names (each three times, so they are the common ones) plus every pairing of the
    first and second characters (different characters only)."""
    names = curated.split() * 3
    names += [a + b for a in firsts for b in seconds if a != b]
    return tuple(names)


# (era, male) -> given names; era 0: born before 1955, 1: 1955-74, 2: 1975-94, 3: 1995 on.
_GIVEN: dict[tuple[int, bool], tuple[str, ...]] = {
    (0, True): _given_table(
        "建国 国强 国庆 建华 建军 德明 德胜 永福 永贵 树林 振华 志刚 志明 长生 福生 玉林 宝山 金山 文斌 "
        "学文 卫国 援朝 保国 和平 富贵 新民 洪涛 明 忠 林 福 山 成",
        "建国德永志振树文学长福宝金洪庆有明世", "国华明林山生成才民发荣海祥贵忠平"),
    (0, False): _given_table(
        "秀英 桂英 秀兰 玉兰 凤英 淑珍 桂兰 玉梅 秀珍 淑英 素珍 翠兰 凤兰 玉珍 桂芳 秀云 金凤 桂珍 玉英 "
        "淑华 红英 秀芳 玉芬 翠英 素芬 兰 英 珍 芬",
        "秀桂玉淑凤翠素金春兰月巧", "英兰珍芳华云梅琴花芬荣香"),
    (1, True): _given_table(
        "伟 强 军 勇 斌 刚 平 明 辉 建平 建新 卫东 海涛 志强 志勇 立新 春生 红军 新民 宏伟 国华 永刚 俊 "
        "涛 东 健 晓东 建明 海军",
        "建志海立宏永晓国春新卫俊文忠", "平新军强勇涛东明华伟峰刚斌辉"),
    (1, False): _given_table(
        "丽 红 霞 燕 萍 敏 静 芳 丽华 红梅 艳 玲 春梅 秀梅 晓红 海燕 丽萍 雪梅 冬梅 亚萍 美玲 丽娟 红霞 "
        "艳华 晓梅",
        "丽红春晓海雪冬亚美秀艳桂玉", "梅霞燕萍华红玲娟芳琴英莉"),
    (2, True): _given_table(
        "磊 鹏 超 浩 杰 亮 涛 俊杰 文博 晓东 志鹏 宇 帆 凯 鑫 博 海洋 晨 飞 明杰 建伟 鹏飞 晓明 伟 冬 "
        "子健 浩宇 天宇",
        "俊文志晓鹏浩天家明子海宇建振", "杰博鹏宇飞明伟磊超涛洋龙辉凯"),
    (2, False): _given_table(
        "婷 丹 静 倩 娜 丽娟 晓燕 雪 莉 佳 琳 悦 颖 佳慧 晓丽 娟 婷婷 丹丹 欢 蕾 晶晶 梦 璐 雪莹 思雨 婉婷",
        "晓佳雅思婉雪丽欣梦文慧静", "婷丹静倩娜琳颖慧莹雯洁丽雨"),
    (3, True): _given_table(
        "子轩 浩然 宇轩 梓豪 俊熙 一鸣 子墨 宇航 博文 皓轩 铭泽 思远 昊天 晨阳 嘉懿 子睿 奕辰 宸 诺 睿 "
        "沐阳 天佑 锦程",
        "子浩宇梓俊一博皓铭思昊晨嘉奕沐天锦泽明辰", "轩然豪熙鸣墨航文泽远天阳睿辰宇程言川"),
    (3, False): _given_table(
        "欣怡 梓涵 雨桐 一诺 诗涵 子涵 可欣 若曦 语嫣 思琪 雨萱 梓萱 佳怡 欣妍 梦瑶 芷若 依诺 安琪 沐晴 悦",
        "欣梓雨诗子可若语思佳梦芷依安沐紫雅一书静", "怡涵桐诺琪萱妍瑶若晴彤然汐宁菲悦"),
}

# Uyghur and Kazakh names are written "given·father's given"; Tibetan names have no surname.
_DOT_GIVEN = {
    True: ("艾力", "买买提", "阿不都", "吐尔逊", "艾尔肯", "热合曼", "阿迪力", "伊力哈木", "努尔兰",
           "库尔班", "艾买提", "亚森", "肉孜", "依明", "托合提"),
    False: ("古丽", "阿依古丽", "古丽娜尔", "热依拉", "迪丽娜尔", "帕提古丽", "米日古丽", "阿依努尔",
            "再娜甫", "阿米娜"),
}
_TIBETAN_GIVEN = {
    True: ("扎西", "次仁", "多吉", "格桑", "旺堆", "平措", "洛桑", "丹增", "尼玛", "次仁多吉", "扎西顿珠"),
    False: ("卓玛", "央金", "拉姆", "德吉", "次仁卓玛", "格桑梅朵", "白玛", "曲珍", "央宗"),
}

HAN, DOT, TIBETAN = 0, 1, 2
_ETHNICITY = _chooser([
    (("汉族", HAN), 91.5), (("回族", HAN), 2.2), (("满族", HAN), 2.0), (("蒙古族", HAN), 1.0),
    (("壮族", HAN), 0.8), (("朝鲜族", HAN), 0.6), (("土家族", HAN), 0.5), (("苗族", HAN), 0.4),
    (("维吾尔族", DOT), 0.4), (("藏族", TIBETAN), 0.2), (("哈萨克族", DOT), 0.1), (("锡伯族", HAN), 0.1),
    (("彝族", HAN), 0.1), (("白族", HAN), 0.1),
])

# Region codes for generated ID numbers (the first six digits), with the place for 户籍地址.
_LOCAL_REGIONS = _chooser([
    ("210102", 12), ("210103", 12), ("210104", 10), ("210105", 10), ("210106", 10), ("210111", 5),
    ("210112", 8), ("210113", 5), ("210114", 6), ("210202", 2), ("210302", 2), ("210402", 2),
    ("211002", 2),
])
_ORIGINS: tuple[tuple[str, str], ...] = (
    ("410102", "河南省郑州市中原区"), ("411621", "河南省周口市扶沟县"), ("411323", "河南省南阳市淅川县"),
    ("130102", "河北省石家庄市长安区"), ("130681", "河北省保定市涿州市"), ("370102", "山东省济南市历下区"),
    ("371302", "山东省临沂市兰山区"), ("340102", "安徽省合肥市瑶海区"), ("341202", "安徽省阜阳市颍州区"),
    ("220102", "吉林省长春市南关区"), ("230102", "黑龙江省哈尔滨市道里区"),
    ("231002", "黑龙江省牡丹江市东安区"), ("150102", "内蒙古自治区呼和浩特市新城区"),
    ("420102", "湖北省武汉市江岸区"), ("430102", "湖南省长沙市芙蓉区"), ("510104", "四川省成都市锦江区"),
    ("511302", "四川省南充市顺庆区"), ("500101", "重庆市万州区"), ("360102", "江西省南昌市东湖区"),
    ("610102", "陕西省西安市新城区"), ("620102", "甘肃省兰州市城关区"),
)
_ORIGIN = _chooser([(o, 1.0) for o in _ORIGINS])
_MINORITY_ORIGINS = {
    "维吾尔族": ("653101", "新疆维吾尔自治区喀什市"), "哈萨克族": ("654002", "新疆维吾尔自治区伊宁市"),
    "藏族": ("540102", "西藏自治区拉萨市城关区"), "壮族": ("450102", "广西壮族自治区南宁市兴宁区"),
    "朝鲜族": ("222401", "吉林省延吉市"), "回族": ("640104", "宁夏回族自治区银川市兴庆区"),
    "土家族": ("433101", "湖南省吉首市"), "苗族": ("433101", "湖南省吉首市"),
}

# --- places: fictional organisation, estate and company names -----------------------------------

DISTRICT_NAME = "明川区"
_SUBDISTRICTS = ("望湖街道", "桂园街道", "新桥街道", "春江街道", "清河街道", "东城街道", "柳荫街道",
                 "文华街道", "双塔街道", "金水街道", "兴安街道", "北苑街道", "南湖街道", "长乐街道",
                 "石桥街道", "云岭街道", "永宁街道", "安澜街道", "庆丰街道", "和畅街道")
_COMMUNITY_WORDS = ("幸福", "春晖", "和平", "光明", "向阳", "东风", "新华", "朝阳", "建设", "团结", "长安",
                    "文昌", "育英", "景园", "桃源", "梅园", "竹园", "枫桥", "杏林", "双桥", "三里河",
                    "五里墩", "振兴", "繁荣", "康宁", "怡和", "锦华", "秀水", "丽泽", "青松", "翠柏",
                    "银河", "金台", "玉泉", "望江", "临湖", "观澜", "水岸", "书院", "花溪")
_COMMUNITY_SUFFIXES = ("里", "路", "街", "园", "苑", "坊", "湾", "桥")
_ESTATE_PREFIXES = (
    "锦绣", "和平", "幸福", "阳光", "金桥", "翠苑", "紫荆", "春晖", "丽景", "康乐", "安居", "碧水",
    "桂花", "枫林", "梧桐", "兰亭", "银杏", "松鹤", "明珠", "朝阳", "东湖", "西苑", "南湖", "北辰",
    "新华", "建设", "光明", "团结", "胜利", "友谊", "育才", "长青", "怡和", "嘉禾", "瑞丰", "祥和",
    "泰和", "福润", "书香", "星河", "云锦", "海棠", "玉兰", "芙蓉", "凤凰", "锦江", "望江", "滨江",
    "江畔", "湖滨", "御景", "天悦", "君悦", "悦澜", "清华", "水岸", "柳岸", "荷塘", "青竹", "绿洲",
    "万和", "宏达", "永安", "永兴", "昌盛", "兴隆", "富康", "惠民", "利民", "润泽", "鸿运", "百合",
    "牡丹", "丁香", "紫薇", "香樟", "青年", "工人", "红星", "前进", "胜景", "晨曦", "映月", "观湖",
    "听涛", "逸景", "博雅", "世纪", "金色", "翡翠", "华彩", "宜居", "盛世", "汇景", "龙湾", "蓝湾",
)
_ESTATE_SUFFIXES = {
    "老旧住宅": ("里", "新村", "北里", "南里", "东里", "西里", "东村", "家属院"),
    "回迁安置": ("家园", "新苑", "嘉园", "雅苑", "新城", "安居苑"),
    "商品房": ("花园", "华庭", "公馆", "名苑", "华府", "天地", "雅居", "御府", "湾", "国际", "首府"),
}
_PROPERTY_COMPANIES = ("明川安居物业服务有限公司", "瑞祥物业管理有限公司", "绿城家园物业服务有限公司",
                       "金盾物业服务有限公司", "德和物业管理有限公司", "嘉信物业服务有限公司")
_SHOPS = ("便利店", "理发店", "药店", "早餐店", "五金店", "快递驿站", "洗衣店", "水果店", "彩票站", "小饭馆")

# Estate types: weight, flats per estate, built years, use rates (自住, 出租, 空置, 商用).
_ESTATE_TYPES = {
    "老旧住宅": (0.40, (150, 600), (1980, 1999), (0.65, 0.25, 0.09, 0.01)),
    "回迁安置": (0.25, (300, 1200), (2005, 2020), (0.71, 0.20, 0.09, 0.00)),
    "商品房": (0.35, (400, 1500), (2000, 2022), (0.75, 0.13, 0.11, 0.01)),
}
_MIN_FLOORS = {"老旧住宅": 5, "回迁安置": 11, "商品房": 6}
_MIN_UNITS = {"老旧住宅": 2, "回迁安置": 1, "商品房": 1}
_AREAS = {"老旧住宅": (48, 82), "回迁安置": (58, 112), "商品房": (78, 140)}
USES = ("自住", "出租", "空置", "商用")
_USE_CHOOSERS = {kind: _chooser(list(zip(USES, spec[3], strict=True))) for kind, spec in _ESTATE_TYPES.items()}

# --- households ---------------------------------------------------------------------------------

# Household size distributions (1..6): owners follow the census shape (mean ~2.6), renters are smaller.
_SIZE_OWNER = _chooser([(1, 24), (2, 30), (3, 22), (4, 13), (5, 7), (6, 4)])
_SIZE_RENTER = _chooser([(1, 36), (2, 30), (3, 24), (4, 8), (5, 2)])
# (weight, head age range, other members) per size; renters also live as roommates (其他).
_TEMPLATES: dict[int, list[tuple[float, tuple[int, int], tuple[str, ...]]]] = {
    1: [(40, (65, 95), ()), (40, (20, 40), ()), (20, (41, 64), ())],
    2: [(40, (60, 90), ("spouse",)), (25, (23, 38), ("spouse",)), (15, (41, 64), ("spouse",)),
        (12, (30, 58), ("child",)), (8, (62, 88), ("child",))],
    3: [(70, (27, 56), ("spouse", "child")), (10, (30, 55), ("spouse", "parent")),
        (6, (55, 72), ("spouse", "grandchild")), (5, (33, 55), ("child", "child")),
        (4, (60, 85), ("daughter", "child_spouse"))],
    4: [(45, (30, 55), ("spouse", "child", "child")), (30, (30, 52), ("spouse", "child", "parent")),
        (12, (52, 72), ("spouse", "son", "child_spouse")), (6, (52, 72), ("spouse", "daughter", "child_spouse")),
        (6, (55, 72), ("spouse", "grandchild", "grandchild"))],
    5: [(35, (32, 52), ("spouse", "child", "child", "parent")),
        (30, (30, 50), ("spouse", "child", "parent", "parent")),
        (35, (52, 72), ("spouse", "son", "child_spouse", "grandchild"))],
    6: [(50, (52, 72), ("spouse", "son", "child_spouse", "grandchild", "grandchild")),
        (35, (33, 50), ("spouse", "child", "child", "parent", "parent")),
        (15, (34, 52), ("spouse", "child", "child", "child", "parent"))],
}
_TEMPLATE = {size: _chooser([((ages, roles), w) for w, ages, roles in options])
             for size, options in _TEMPLATES.items()}
_ROOMMATES = {2: ((20, 35), ("other",)), 3: ((20, 35), ("other", "other")),
              4: ((20, 40), ("other", "other", "other")), 5: ((22, 45), ("other",) * 4)}

_EDUCATION_BY_ERA = {
    0: _chooser([("小学", 35), ("初中", 30), ("普通高中", 15), ("中等专科", 8), ("大学专科", 5), ("大学本科", 4),
                 ("其他", 3)]),
    1: _chooser([("小学", 12), ("初中", 35), ("普通高中", 25), ("中等专科", 11), ("大学专科", 9), ("大学本科", 7),
                 ("研究生", 1)]),
    2: _chooser([("初中", 18), ("普通高中", 18), ("中等专科", 12), ("大学专科", 22), ("大学本科", 25),
                 ("研究生", 5)]),
    3: _chooser([("初中", 7), ("普通高中", 11), ("中等专科", 10), ("大学专科", 28), ("大学本科", 36),
                 ("研究生", 8)]),
}
_EDUCATION_MIGRANT = _chooser([("小学", 8), ("初中", 38), ("普通高中", 22), ("中等专科", 14), ("大学专科", 10),
                               ("大学本科", 8)])
_JOBS_LOCAL = _chooser([("企业职工", 30), ("个体经营", 11), ("机关事业单位", 8), ("灵活就业", 11), ("自由职业", 5),
                        ("教师", 3), ("医务人员", 3), ("网约车司机", 2), ("快递员", 1), ("外卖骑手", 1),
                        ("待业", 6), ("无业", 5)])
_JOBS_MIGRANT = _chooser([("务工", 35), ("个体经营", 18), ("外卖骑手", 8), ("快递员", 8), ("灵活就业", 10),
                          ("企业职工", 14), ("家政服务", 4), ("网约车司机", 3)])
_PARTIES = _chooser([("民盟盟员", 2), ("九三学社社员", 2), ("民进会员", 1), ("民建会员", 1), ("农工党党员", 1),
                     ("无党派人士", 2)])

# --- special groups, visits and cases -----------------------------------------------------------

_DISABILITY = _chooser([("肢体", 45), ("视力", 12), ("听力", 15), ("言语", 3), ("智力", 8), ("精神", 10),
                        ("多重", 7)])
_DISABILITY_DIGIT = {"视力": 1, "听力": 2, "言语": 3, "肢体": 4, "智力": 5, "精神": 6, "多重": 7}
_ENTITLED = _chooser([("退役军人（在乡复员）", 50), ("伤残军人", 25), ("烈属", 10), ("因公牺牲军人遗属", 5),
                      ("带病回乡退伍军人", 10)])
_ILLNESS = ("尿毒症", "恶性肿瘤", "脑卒中后遗症", "重症肌无力", "白血病", "心脏搭桥术后")

_FINDINGS = {
    "老年人": ("老人身体状况良好，生活能够自理", "血压偏高，已提醒按时服药", "检查了燃气灶和烟感报警器，使用正常",
            "子女每周回来探望，精神状态不错", "老人腿脚不便，已联系志愿者帮忙购买生活用品",
            "提醒老人防范电信诈骗和保健品推销", "协助老人完成高龄津贴资格认证", "天气转凉，提醒注意保暖、用电安全"),
    "残疾人": ("了解康复情况，已告知残疾人两项补贴政策", "轮椅老化，已登记申请辅具适配", "家属照料到位，情况稳定"),
    "困难群众": ("核实家庭收入情况，无明显变化", "提醒按时参加低保年审", "送去米面油等慰问物资",
             "了解就医需求，已告知医疗救助办理流程"),
    "优抚对象": ("走访慰问，送去节日慰问品", "了解身体和生活情况，无特殊困难"),
    "未成年人": ("孩子学习情况正常，祖辈照顾较好", "提醒监护人注意假期防溺水安全", "与学校老师沟通了孩子近况"),
    "重点人员": ("按时报到，思想情绪稳定", "参加公益活动情况良好", "家属配合，按时服药，情绪稳定",
             "了解就业情况，已推荐社区公益岗位"),
    "健康": ("按时复查，病情稳定", "了解医保报销情况，协助申请大病救助"),
    "家庭": ("情绪平稳，社区志愿者定期陪伴", "节日走访慰问，了解生活需求"),
}
_PHONE_FINDINGS = ("电话联系，本人表示一切正常", "电话回访，家属称近况良好", "电话联系，提醒近期注意用电用气安全")
_NOBODY_HOME = ("敲门无人应答，电话未接通，已在门上留下联系卡", "家中无人，邻居称老人去子女家小住",
                "无人应答，已与家属电话联系，约定改日再访")
_PATROL = ("入户安全检查：燃气、电线无异常", "楼道消防通道畅通，灭火器在有效期内", "核对家庭成员信息，无变化",
           "宣传防诈骗知识，发放宣传单", "了解出租房屋居住人员情况，已登记")

# Case categories with their time limits (working days) and whether a grid worker may settle them on
# the spot come from the category dictionary (app.domain.case_codes).
_CATEGORIES = {c.name: c for c in DEFAULT_CATEGORIES}
_ON_SPOT = frozenset(c.name for c in DEFAULT_CATEGORIES if c.on_spot)
_STEP_HOURS = {"report": (0.3, 8), "dispatch": (1, 30), "return": (12, 72), "close": (6, 96), "escalate": (2, 72),
               "withdraw": (1, 120), "resolve_on_spot": (0.2, 2)}
CASE_STATES = ("collected", "reported", "dispatched", "handled", "closed", "escalated", "withdrawn")

# The first community shows every state, disputes, overdue cases, a return loop and an on-the-spot
# fix whatever the seed: (state, dispute, overdue, return loop, resolved on the spot); None = random.
_SHOWCASE: tuple[tuple[str, bool, bool, bool | None, bool | None], ...] = (
    ("collected", False, False, None, None), ("reported", False, False, None, None),
    ("dispatched", False, True, None, None), ("handled", False, False, None, None),
    ("closed", False, False, None, None), ("escalated", False, False, None, None),
    ("withdrawn", False, False, None, None), ("closed", True, False, False, None),
    ("dispatched", True, False, False, None), ("handled", True, False, False, None),
    ("dispatched", False, True, None, None), ("closed", False, False, True, False),
    ("closed", False, False, False, True),
)
_CASE_CATEGORY = _chooser([(name, w) for name, w in (
    ("安全隐患", 12), ("民生诉求", 15), ("环境卫生", 13), ("物业管理", 12), ("飞线充电", 10), ("楼道堆物", 12),
    ("宠物扰民", 8), ("下水道堵塞", 9)) if name in _CATEGORIES])
_CASE_SOURCE = _chooser(list(zip(SOURCES, (40, 35, 10, 15), strict=True)))  # 巡查发现 居民反映 上级交办 随手拍
_CASE_STATE = _chooser([("closed", 46), ("handled", 9), ("dispatched", 14), ("reported", 7), ("collected", 7),
                        ("escalated", 7), ("withdrawn", 10)])
_DISPUTE_TYPE = _chooser([("邻里纠纷", 22), ("物业纠纷", 14), ("家庭纠纷", 14), ("漏水", 14), ("噪音扰民", 14),
                          ("停车纠纷", 10), ("宠物扰民", 6), ("楼道堆物", 6)])
_PRIORITY = _chooser([("一般", 70), ("较急", 22), ("紧急", 8)])
_RATING = _chooser([(5, 55), (4, 30), (3, 10), (2, 4), (1, 1)])
_RATING_COMMENTS = {5: "处理及时，非常满意", 4: "比较满意", 3: "基本满意，希望后续多关注", 2: "处理较慢",
                    1: "问题没有彻底解决"}

# Case and dispute wording: (title, description) templates; {p} is the place, {b} {u} building and unit.
_CASE_TEXT = {
    "安全隐患": (("{b}楼顶防水层破损漏雨", "{p}楼顶防水层老化破损，雨天顶层住户家中漏雨，存在墙体渗水隐患。"),
             ("{b}消火栓无水", "巡查时测试{p}楼道消火栓，打开后无水，消防设施失效。"),
             ("{b}{u}单元门禁损坏", "{p}单元门禁损坏无法关闭，外来人员可随意进出。"),
             ("{b}外墙瓷砖脱落", "{p}外墙瓷砖有脱落现象，楼下为人行通道，存在高空坠物隐患。"),
             ("{b}燃气管道锈蚀", "{p}外墙燃气立管锈蚀严重，居民担心漏气。")),
    "民生诉求": (("申请办理高龄津贴", "{p}居民反映家中老人年满80周岁，咨询并申请办理高龄津贴。"),
             ("咨询低保申请条件", "{p}居民因家庭成员患病收入下降，咨询最低生活保障申请条件和材料。"),
             ("申请安装楼道扶手", "{p}老年居民较多，上下楼不便，申请在楼道加装扶手。"),
             ("反映小区缺少电动车充电桩", "{p}居民反映小区内充电桩数量不足，电动车充电困难。"),
             ("申请居家适老化改造", "{p}独居老人申请卫生间防滑、扶手等居家适老化改造。")),
    "环境卫生": (("{b}垃圾清运不及时", "{p}旁垃圾桶满溢，清运不及时，气味较大。"),
             ("绿化带内积存垃圾", "{p}附近绿化带内积存建筑垃圾和生活垃圾，影响环境。"),
             ("{b}化粪池满溢", "{p}化粪池满溢，污水外流至道路。"),
             ("{b}楼下卫生死角", "{p}楼下角落长期堆积杂物，滋生蚊蝇。")),
    "物业管理": (("{b}电梯频繁故障", "{p}电梯近一个月多次停运困人，居民要求物业彻底检修。"),
             ("小区监控损坏", "{p}附近监控摄像头损坏，夜间照明不足，居民担心安全。"),
             ("地下车库积水", "{p}地下车库雨后积水，物业未及时抽排。"),
             ("{b}楼道灯不亮", "{p}楼道声控灯损坏多日，物业未及时维修。")),
    "飞线充电": (("{b}电动车飞线充电", "巡查发现{p}有居民从窗户私拉电线为电动自行车充电，存在火灾隐患。"),
             ("{b}{u}单元楼道内电动车充电", "{p}楼道内停放电动车并从家中拉线充电，堵塞疏散通道。")),
    "楼道堆物": (("{b}{u}单元楼道堆放杂物", "{p}楼道内堆放纸箱、旧家具等杂物，堵塞消防通道。"),
             ("{b}{u}单元楼梯间堆放废品", "{p}楼梯间长期堆放回收的废品，易燃物较多。")),
    "宠物扰民": (("{b}犬只夜间吠叫扰民", "{p}住户饲养的犬只夜间持续吠叫，影响邻居休息。"),
             ("{b}楼下遛狗不拴绳", "{p}有居民遛狗不拴绳、不清理粪便，邻居多次反映。")),
    "下水道堵塞": (("{b}{u}单元下水道堵塞返水", "{p}下水主管道堵塞，低层住户卫生间返水。"),
              ("{b}门前雨水井堵塞", "{p}门前雨水井被杂物堵塞，雨天积水严重。")),
}
_DISPUTE_TEXT = {
    "邻里纠纷": ("邻里因琐事发生口角", "{p}两户邻居因公共区域使用问题多次发生口角，情绪较为激动。"),
    "物业纠纷": ("业主与物业因服务费产生纠纷", "{p}业主认为物业服务不到位，拒缴物业费，双方发生争执。"),
    "家庭纠纷": ("家庭成员因赡养问题发生矛盾", "{p}子女之间因老人赡养费用分担问题发生矛盾。"),
    "漏水": ("楼上漏水致楼下受损", "{p}楼上卫生间漏水，致楼下天花板和墙面受损，双方就赔偿问题协商未果。"),
    "噪音扰民": ("楼上夜间噪音扰民", "{p}楼下住户反映楼上夜间经常有拖拽家具、跑跳等噪音，影响休息。"),
    "停车纠纷": ("车位被占引发纠纷", "{p}附近居民因固定车位被他人长期占用发生纠纷。"),
    "宠物扰民": ("养犬扰民引发邻里矛盾", "{p}住户养犬吠叫、随地便溺，邻居多次交涉未果。"),
    "楼道堆物": ("楼道堆物引发邻里矛盾", "{p}住户在楼道堆放杂物，邻居要求清理未果，双方发生争吵。"),
}
_HANDLERS = {
    "安全隐患": ("街道应急管理办公室", "{pm}"), "民生诉求": ("社区居委会", "街道社会事务办公室"),
    "环境卫生": ("街道环卫所", "{pm}"), "物业管理": ("{pm}", "社区物业管理办公室"),
    "飞线充电": ("{pm}", "街道消防工作站"), "楼道堆物": ("{pm}", "社区居委会"),
    "宠物扰民": ("社区警务室", "社区居委会"), "下水道堵塞": ("区市政排水管理所", "{pm}"),
    "矛盾纠纷": ("社区人民调解委员会",),
}
_FEEDBACK = {
    "安全隐患": "已组织维修，隐患已消除", "民生诉求": "已协助居民提交申请材料，按流程办理",
    "环境卫生": "已安排清运清理，现场整洁", "物业管理": "物业已完成维修，恢复正常",
    "飞线充电": "已劝导居民拆除飞线，引导到集中充电点充电", "楼道堆物": "已通知住户清理，楼道已清空",
    "宠物扰民": "已上门劝导犬主文明养犬", "下水道堵塞": "已疏通管道，排水恢复正常",
    "矛盾纠纷": "经调解，双方情绪平稳",
}
_RETURN_REASONS = ("现场核查问题仍未解决", "居民反映处理不彻底", "处置反馈材料不完整，缺少现场照片")
_WITHDRAW_REASONS = ("居民已自行协商解决，申请撤销", "经核实为重复上报", "经核实不属于本社区管辖范围")
_ESCALATE_REASONS = ("涉及多个部门，社区无法协调处理", "问题需要专项资金解决，报街道统筹",
                     "矛盾有激化风险，报街道综治中心")
# The first session, possible middle ones, and the one where the parties agree.
_MEDIATION_SUMMARIES = ("分别听取双方意见，初步了解纠纷经过", "组织双方面对面协商，情绪有所缓和",
                        "邀请物业、楼长共同参与，提出解决方案", "一方未到场，另行约定时间",
                        "双方就主要问题达成一致意见")
_AGREEMENTS = {
    "邻里纠纷": "双方相互谅解，约定今后文明相处", "物业纠纷": "物业限期整改服务问题，业主补缴物业费",
    "家庭纠纷": "子女签订赡养协议，按月分担老人生活费用", "漏水": "楼上住户维修防水并赔偿楼下维修费用",
    "噪音扰民": "楼上住户承诺晚十点后避免噪音，加铺地垫", "停车纠纷": "占用方归还车位，物业加装车位锁",
    "宠物扰民": "犬主承诺文明养犬，遛狗拴绳并清理粪便", "楼道堆物": "住户三日内清理楼道杂物",
}


# --- org plan -------------------------------------------------------------------------------------

@dataclass
class _Grid:
    id: str
    name: str
    worker: str


@dataclass
class _Community:
    index: int
    id: str
    name: str
    subdistrict: str
    households: int
    cases: int
    grids: list[_Grid] = field(default_factory=list)
    secretary: str = ""  # 社区书记: dispatches and verifies cases
    mediator: str = ""  # 人民调解员 of the community


def _split(total: int, parts: int, rng: random.Random, spread: float) -> list[int]:
    """``total`` split into ``parts`` positive integers that vary by about ±spread."""
    weights = [1 + rng.uniform(-spread, spread) for _ in range(parts)]
    scale = total / sum(weights)
    sizes = [max(1, int(w * scale)) for w in weights]
    for i in range(total - sum(sizes)):
        sizes[i % parts] += 1
    return sizes


# --- the generator --------------------------------------------------------------------------------

class _Generator:
    def __init__(self, seed: int, households: int, today: date, tag_types: dict[str, tuple[str, int | None]],
                 keys: _Keys) -> None:
        self.seed = seed
        self.total = households
        self.today = today
        self.today_ord = today.toordinal()
        self.key = keys
        self.tags = tag_types  # tag name -> (tag id, visit_every_days)
        self.rng = random.Random(f"gridledger-demo:{seed}")
        self.used_ids: set[int] = set()
        self.case_seq = 0
        self.calendar = WorkCalendar()  # deadlines and revisits count working days
        self.estate_names = self._estate_name_pool()

    # -- names -----------------------------------------------------------------------------------

    def _estate_name_pool(self) -> dict[str, list[str]]:
        pools = {}
        for kind, suffixes in _ESTATE_SUFFIXES.items():
            names = [p + s for p in _ESTATE_PREFIXES for s in suffixes]
            random.Random(f"estates:{self.seed}:{kind}").shuffle(names)
            pools[kind] = names
        return pools

    def estate_name(self, kind: str, taken: set[str]) -> str:
        pool = self.estate_names[kind]
        while pool:
            name = pool.pop()
            if name not in taken:
                return name
        n = 2
        base = self.rng.choice(_ESTATE_PREFIXES) + self.rng.choice(_ESTATE_SUFFIXES[kind])
        while f"{base}{_cn_ordinal(n)}期" in taken:
            n += 1
        return f"{base}{_cn_ordinal(n)}期"

    @staticmethod
    def given(rng: random.Random, era: int, male: bool) -> str:
        table = _GIVEN[era, male]
        return table[int(rng.random() * len(table))]

    def adult_name(self, rng: random.Random, male: bool | None = None) -> str:
        if male is None:
            male = rng.random() < 0.5
        return _SURNAMES(rng) + self.given(rng, 1 + (rng.random() < 0.5), male)

    # -- org -------------------------------------------------------------------------------------

    def plan(self) -> tuple[list[dict[str, Any]], list[_Community]]:
        rng = self.rng
        n_comm = 1 if self.total <= 3000 else round(self.total / 2500)
        sizes = [self.total] if n_comm == 1 else _split(self.total, n_comm, rng, 0.18)
        total_cases = max(30, round(self.total / 20))
        cases = [max(1, round(total_cases * s / self.total)) for s in sizes]
        cases[0] = max(cases[0], 30 if n_comm == 1 else min(30, total_cases))
        words = [w + s for w in _COMMUNITY_WORDS for s in _COMMUNITY_SUFFIXES if w + s != "幸福里"]
        random.Random(f"communities:{self.seed}").shuffle(words)
        names = ["幸福里社区", *(w + "社区" for w in words)]
        n_sub = max(1, -(-n_comm // 12))
        district = self.key()
        rows = [self._org(district, None, "district", DISTRICT_NAME, "01", None)]
        sub_ids = []
        for s in range(n_sub):
            name = _SUBDISTRICTS[s] if s < len(_SUBDISTRICTS) else f"第{_cn_ordinal(s + 1)}街道"
            sub_ids.append((self.key(), name))
            rows.append(self._org(sub_ids[-1][0], district, "subdistrict", name, f"01{s + 1:02d}", None))
        communities = []
        for c in range(n_comm):
            sub_index = c * n_sub // n_comm
            sub_id, sub_name = sub_ids[sub_index]
            name = names[c] if c < len(names) else f"第{c + 1}社区"
            comm = _Community(c, self.key(), name, sub_name, sizes[c], cases[c])
            code = f"01{sub_index + 1:02d}{c + 1:03d}"
            rows.append(self._org(comm.id, sub_id, "community", name, code, None))
            comm.secretary = self.adult_name(rng)
            comm.mediator = self.adult_name(rng)
            n_grids = 3 if n_comm == 1 else min(6, max(3, round(sizes[c] / 600 + rng.uniform(-0.5, 0.5))))
            for g in range(n_grids):
                worker = self.adult_name(rng, male=rng.random() < 0.3)
                grid = _Grid(self.key(), f"第{_cn_ordinal(g + 1)}网格", worker)
                comm.grids.append(grid)
                row = self._org(grid.id, comm.id, "grid", grid.name, f"{code}{g + 1:02d}", grid.id)
                row["worker_name"], row["worker_phone"] = worker, generate_phone(rng)
                rows.append(row)
            communities.append(comm)
        return rows, communities

    @staticmethod
    def _org(row_id: str, parent: str | None, level: str, name: str, code: str,
             grid_id: str | None) -> dict[str, Any]:
        return {"id": row_id, "grid_id": grid_id, "parent_id": parent, "level": level, "name": name,
                "code": code, "worker_name": None, "worker_phone": None}

    # -- one community ---------------------------------------------------------------------------

    def community(self, comm: _Community) -> dict[type[SyncedRow], list[dict[str, Any]]]:
        rng = random.Random(f"gridledger-demo:{self.seed}:{comm.index}")
        chunk = _Chunk(self, comm, rng)
        chunk.places()
        chunk.households()
        chunk.special_groups()
        chunk.visits()
        chunk.cases()
        return chunk.rows


class _Chunk:
    """The rows of one community, generated in memory and written in one go."""

    def __init__(self, gen: _Generator, comm: _Community, rng: random.Random) -> None:
        self.gen = gen
        self.comm = comm
        self.rng = rng
        self.key = gen.key
        self.today = gen.today
        self.rows: dict[type[SyncedRow], list[dict[str, Any]]] = {m: [] for m in _ORDER}
        self.worker = {g.id: g.worker for g in comm.grids}
        # Filled by places(): building tuples and house index (for households and cases).
        self.buildings: list[dict[str, Any]] = []
        # building id -> (estate name, property company, building name); its houses
        self.building_info: dict[str, tuple[str, str | None, str]] = {}
        self.building_houses: dict[str, list[dict[str, Any]]] = {}
        self.houses: list[dict[str, Any]] = []
        self.house_unit: dict[str, int] = {}
        self.residents: dict[str, list[tuple[str, str, int]]] = {}  # house id -> (person id, name, age)
        # Filled by households(): (person, age, household) for tags and visits.
        self.people: list[tuple[dict[str, Any], int, dict[str, Any]]] = []

    # -- places ----------------------------------------------------------------------------------

    def places(self) -> None:
        """Estates of the three types, buildings, units and houses, until the occupied houses (with a
        few holding two households) fit the community's household count."""
        rng, gen, comm = self.rng, self.gen, self.comm
        target = comm.households - round(comm.households * 0.03)  # occupied houses wanted
        type_choice = _chooser([(t, spec[0]) for t, spec in _ESTATE_TYPES.items()])
        first_types = ["老旧住宅", "商品房", "回迁安置"]
        rng.shuffle(first_types)
        taken: set[str] = set()
        occupied = 0
        # No building is larger than a grid's share, so that every grid gets buildings.
        per_grid = max(10, target // len(comm.grids))
        while occupied < target:
            index = len(self.rows[Estate])
            kind = first_types[index] if index < 3 else type_choice(rng)
            _w, (lo, hi), (y0, y1), rates = _ESTATE_TYPES[kind]
            budget = rng.randint(lo, hi)
            if index < 3:  # at least three estates, one of each type, even in a small community
                budget = min(budget, max(40, int(target / 0.86 / 3)))
            name = gen.estate_name(kind, taken)
            taken.add(name)
            company = None if kind == "老旧住宅" and rng.random() < 0.6 else rng.choice(_PROPERTY_COMPANIES)
            estate = {"id": self.key(), "grid_id": None, "community_id": comm.id, "name": name,
                      "estate_type": kind, "property_company": company, "built_year": rng.randint(y0, y1)}
            self.rows[Estate].append(estate)
            occ_rate = rates[0] + rates[1]
            number = 0
            while budget > 0 and occupied < target:
                number += 1
                wanted = min(budget, int((target - occupied) / occ_rate) + 2, per_grid)
                floors, units, per_floor = self._shape(kind, wanted)
                grid = comm.grids[min(len(comm.grids) - 1, occupied * len(comm.grids) // target)]
                occupied += self._building(estate, kind, number, floors, units, per_floor, grid.id)
                budget -= floors * units * per_floor
                rest = (target - occupied) / occ_rate
                if index >= 2 and budget <= 0 and 0 < rest < 150:  # too few flats left for another estate
                    budget = int(rest) + 2
        # The last building may overshoot a little: fewer flats hold two households, and what is
        # still too many stands empty.
        lived_in = [h for h in self.houses if h["use"] in ("自住", "出租")]
        for house in rng.sample(lived_in, max(0, occupied - comm.households)):
            house["use"] = "空置"
        for house in self.houses:
            if house["use"] != "自住":
                house["owner_name"] = gen.adult_name(rng)
        self.rows[House] = self.houses

    def _shape(self, kind: str, wanted: int) -> tuple[int, int, int]:
        """(floors, units, flats per floor) of a new building of this type, made smaller (within the
        type's limits) when it would have more than ``wanted`` flats."""
        rng = self.rng
        if kind == "老旧住宅":  # walk-ups, no lift
            floors, units, per_floor = rng.choice((5, 6, 6, 6, 7)), rng.randint(2, 4), 2
        elif kind == "回迁安置":
            floors, units, per_floor = rng.randint(11, 18), rng.randint(2, 3), rng.choice((2, 2, 3, 4))
        else:
            floors = rng.choice((6, 11, 18, 26, 32, 33))
            if floors >= 26:  # towers
                units, per_floor = rng.randint(1, 2), rng.choice((2, 3, 4))
            else:  # slabs and low-rise
                units, per_floor = rng.randint(2, 6 if floors >= 11 else 4), 2
        if floors * units * per_floor > wanted:
            units = max(_MIN_UNITS[kind], min(units, -(-wanted // (floors * per_floor))))
            floors = max(_MIN_FLOORS[kind], min(floors, wanted // (units * per_floor)))
            per_floor = max(2, min(per_floor, wanted // (floors * units)))
        return floors, units, per_floor

    def _building(self, estate: dict[str, Any], kind: str, number: int, floors: int, units: int,
                  per_floor: int, grid_id: str) -> int:
        """One building with its units and houses; returns how many houses are lived in."""
        rng, gen = self.rng, self.gen
        building = {"id": self.key(), "grid_id": grid_id, "estate_id": estate["id"],
                    "name": building_name(number), "number": number, "floors": floors,
                    "unit_count": units, "building_type": kind, "head_name": gen.adult_name(rng),
                    "head_phone": generate_phone(rng)}
        self.rows[Building].append(building)
        self.buildings.append(building)
        self.building_info[building["id"]] = (estate["name"], estate["property_company"], building["name"])
        houses = self.building_houses[building["id"]] = []
        shops = kind == "老旧住宅" and rng.random() < 0.3  # ground-floor shops on a street-facing block
        use_of = _USE_CHOOSERS[kind]
        lo, hi = _AREAS[kind]
        areas = [round(rng.uniform(lo, hi), 2) for _ in range(per_floor)]  # the same flat on every floor
        occupied = 0
        for u in range(1, units + 1):
            unit = {"id": self.key(), "grid_id": grid_id, "building_id": building["id"], "name": f"{u}单元",
                    "number": u}
            self.rows[Unit].append(unit)
            for floor in range(1, floors + 1):
                shop_floor = shops and floor == 1
                for door in range(1, per_floor + 1):
                    use = "商用" if shop_floor else use_of(rng)
                    note = None
                    if use == "商用":
                        note = f"临街商铺（{rng.choice(_SHOPS)}）"
                    elif use == "空置":
                        note = rng.choice(("长期空置", "待售", "装修中")) if rng.random() < 0.3 else None
                    else:
                        occupied += 1
                    house = {"id": self.key(), "grid_id": grid_id, "building_id": building["id"],
                             "unit_id": unit["id"], "floor": floor, "room": str(floor * 100 + door),
                             "area": round(rng.uniform(30, 80), 2) if shop_floor else areas[door - 1],
                             "use": use, "owner_name": None, "note": note}
                    self.houses.append(house)
                    houses.append(house)
                    self.house_unit[house["id"]] = u
        return occupied

    # -- households and people -------------------------------------------------------------------

    def households(self) -> None:
        rng = self.rng
        occupied = [h for h in self.houses if h["use"] in ("自住", "出租")]
        extra = self.comm.households - len(occupied)
        second = set(range(len(occupied))) if extra >= len(occupied) else (
            set(rng.sample(range(len(occupied)), max(0, extra))))
        for i, house in enumerate(occupied):
            renter = house["use"] == "出租"
            head = self._household(house, renter, first=True)
            if house["use"] == "自住":
                house["owner_name"] = head
            if i in second:
                other = self._household(house, renter, first=False)
                if renter:  # the owner's family, registered here, lets the flat
                    house["owner_name"] = other

    def _household(self, house: dict[str, Any], renter: bool, *, first: bool) -> str:
        """One household in ``house``; returns the head's name."""
        rng = self.rng
        x = rng.random()
        if first and renter:
            registration = "流动人口" if x < 0.75 else "人户分离" if x < 0.95 else "户籍户"
            presence = "人户同在" if registration == "户籍户" else "人在户不在"
        elif first:
            registration = "户籍户" if x < 0.80 else "人户分离" if x < 0.97 else "流动人口"
            presence = ("人户同在" if rng.random() < 0.95 else "户在人不在") if registration == "户籍户" \
                else "人在户不在"
        elif renter:  # the owner's family keeps its 户口 here but lives elsewhere
            registration = "户籍户" if x < 0.6 else "人户分离"
            presence = "户在人不在"
        else:  # a separately registered family under the same roof (grandparents, a married child)
            registration, presence = "户籍户", "人户同在"
        migrant = registration == "流动人口"
        size = (_SIZE_RENTER if renter else _SIZE_OWNER)(rng) if first else rng.choice((1, 1, 2, 2, 3))
        ethnicity, style = _ETHNICITY(rng)
        if migrant:
            origin = _MINORITY_ORIGINS.get(ethnicity) if style != HAN or rng.random() < 0.3 else None
            origin = origin or _ORIGIN(rng)
        else:
            origin = None
        members = self._compose(size, renter and migrant and size > 1 and rng.random() < 0.25)
        hid = self.key()
        grid_id = house["grid_id"]
        estate, _company, building = self.building_info[house["building_id"]]
        if registration == "户籍户" or presence == "户在人不在":
            hukou = (f"{DISTRICT_NAME}{self.comm.subdistrict}{self.comm.name}{estate}{building}"
                     f"{self.house_unit[house['id']]}单元{house['room']}")
        elif origin is not None:
            hukou = origin[1]
        else:
            hukou = f"{DISTRICT_NAME}{rng.choice(_SUBDISTRICTS)}{rng.choice(_COMMUNITY_WORDS)}社区"
        household = {"id": hid, "grid_id": grid_id, "house_id": house["id"], "head_person_id": None,
                     "registration": registration, "presence": presence, "hukou_address": hukou,
                     "contact_phone": None, "moved_out_on": None, "note": None}
        if presence == "户在人不在":
            household["note"] = rng.choice(("全家常住外地", "在子女处居住", "房屋已出租，户口未迁出"))
        self.rows[Household].append(household)
        people = self._people(household, members, ethnicity, style, origin, migrant)
        household["head_person_id"] = people[0]["id"]
        household["contact_phone"] = next((p["phone"] for p in people if p["phone"]), None)
        if presence != "户在人不在":
            self.residents.setdefault(house["id"], []).extend(
                (p["id"], p["name"], age) for p, age in zip(people, (m[1] for m in members), strict=True)
                if age >= 18)
        return people[0]["name"]

    def _compose(self, size: int, roommates: bool) -> list[list[Any]]:
        """[relation, age, male, role, link] per member, head first; ``link`` is the index of the
        member's parent (grandchildren) or spouse (儿媳, 女婿) when that member lives here."""
        rng = self.rng
        (lo, hi), roles = _ROOMMATES[size] if roommates else _TEMPLATE[size](rng)
        # Old heads: more in their sixties and seventies than in their nineties.
        head_age = lo + int((hi - lo + 1) * rng.random() ** (1.8 if lo >= 55 else 1.0))
        if "spouse" in roles:
            head_male = rng.random() < 0.72
        elif size == 1 and head_age >= 65:
            head_male = rng.random() < 0.35  # more widows than widowers
        else:
            head_male = rng.random() < 0.5
        members: list[list[Any]] = [["户主", head_age, head_male, "head", None]]
        last_child: int | None = None
        last_grandchild: int | None = None
        heir: int | None = None  # an adult child living here with a spouse
        for role in roles:
            if role == "spouse":
                gap = min(6, max(-2, round(rng.gauss(2, 2))))
                age = head_age - gap if head_male else head_age + gap
                members.append(["配偶", max(20, age), not head_male, "spouse", 0])
            elif role in ("child", "son", "daughter"):
                adult = role != "child"
                if last_child is None:
                    age = head_age - (rng.randint(24, 34) if adult else rng.randint(22, 38))
                else:
                    gap = rng.randint(2, 8)
                    age = last_child - gap if last_child >= gap else last_child + gap
                age = last_child = max(22 if adult else 0, age)
                male = role == "son" or (role == "child" and rng.random() < 0.515)
                members.append(["子" if male else "女", age, male, "child", 0])
                if adult:
                    heir = len(members) - 1
            elif role == "child_spouse":
                partner = members[heir]
                age = partner[1] + (-1 if partner[2] else 1) * rng.randint(-2, 4)
                members.append(["儿媳" if partner[2] else "女婿", max(20, age), not partner[2], "child_spouse",
                                heir])
            elif role == "parent":
                have = {m[0] for m in members}
                male = "父亲" not in have and ("母亲" in have or rng.random() < 0.35)
                age = min(100, head_age + rng.randint(22, 34) + (2 if male else 0))
                members.append(["父亲" if male else "母亲", age, male, "parent", None])
            elif role == "grandchild":
                if last_grandchild is None:
                    base = members[heir][1] if heir is not None else head_age - rng.randint(26, 34)
                    age = max(0, min(base - rng.randint(23, 33), 15 if heir is None else 40))
                else:
                    gap = rng.randint(2, 6)
                    age = last_grandchild - gap if last_grandchild >= gap else last_grandchild + gap
                last_grandchild = age
                male = rng.random() < 0.515
                members.append(["孙子" if male else "孙女", age, male, "grandchild", heir])
            else:  # roommate
                members.append(["其他", max(18, head_age + rng.randint(-6, 6)), rng.random() < 0.6, "other",
                                None])
        return members

    def _names(self, members: list[list[Any]], eras: list[int], style: int) -> list[str]:
        """Names for a household: children carry their father's surname (Han) or his given name after
        the "·" (Uyghur, Kazakh); the head's father shares the head's; Tibetan names stand alone."""
        rng = self.rng
        given: list[str] = []
        lines: list[str] = []  # Han: the surname; "·" names: the part after the dot
        spouse = next((i for i, m in enumerate(members) if m[3] == "spouse"), None)
        head_male = members[0][2]
        paternal: str | None = None  # what the head's children inherit
        for i, (_relation, _age, male, role, link) in enumerate(members):
            if style == TIBETAN:
                given.append(rng.choice(_TIBETAN_GIVEN[male]))
                lines.append("")
                continue
            own = self.gen.given(rng, eras[i], male) if style == HAN else rng.choice(_DOT_GIVEN[male])
            line = _SURNAMES(rng) if style == HAN else rng.choice(_DOT_GIVEN[True])
            if role == "parent" and male:  # the head's father
                if style == HAN:
                    line = lines[0]
                else:
                    own = lines[0]
            elif role == "child":
                if paternal is None:
                    father = 0 if head_male else spouse
                    if father is not None:
                        paternal = lines[father] if style == HAN else given[father]
                    else:  # a single mother: the absent father's line, now and then her own
                        paternal = lines[0] if style == HAN and rng.random() < 0.3 else line
                line = paternal
            elif role == "grandchild":
                if link is not None:  # their father is the son living here
                    line = lines[link] if style == HAN else given[link]
                elif style == HAN:  # the son works elsewhere: the grandfather's surname
                    line = lines[0] if head_male or spouse is None else lines[spouse]
            given.append(own)
            lines.append(line)
        if style == HAN:
            return [line + own for own, line in zip(given, lines, strict=True)]
        if style == DOT:
            return [f"{own}·{line}" for own, line in zip(given, lines, strict=True)]
        return given

    def _id_number(self, region: str, birth: date, male: bool) -> str:
        """A checksum-valid ID number not used before in this demo."""
        used = self.gen.used_ids
        while True:
            id_number = generate_id(self.rng, region, birth, male)
            key = int(id_number[:17])
            if key not in used:
                used.add(key)
                return id_number

    def _people(self, household: dict[str, Any], members: list[list[Any]], ethnicity: str, style: int,
                origin: tuple[str, str] | None, migrant: bool) -> list[dict[str, Any]]:
        rng, gen, today = self.rng, self.gen, self.today
        today_ord = gen.today_ord
        roles = [m[3] for m in members]
        has_spouse = "spouse" in roles
        parents_both = sum(role == "parent" for role in roles) == 2
        births = [date.fromordinal(today_ord - m[1] * 365 - m[1] // 4 - rng.randrange(1, 365)) for m in members]
        eras = [0 if b.year < 1955 else 1 if b.year < 1975 else 2 if b.year < 1995 else 3 for b in births]
        names = self._names(members, eras, style)
        away = household["presence"] == "户在人不在"
        people: list[dict[str, Any]] = []
        for i, (relation, _age, male, role, _link) in enumerate(members):
            birth = births[i]
            age = _age_on(birth, today)
            members[i][1] = age
            if migrant:
                region = origin[0] if origin else _ORIGIN(rng)[0]
            elif role in ("spouse", "child_spouse", "other") and rng.random() < 0.15:
                region = _ORIGIN(rng)[0]  # married in from another province
            else:
                region = _LOCAL_REGIONS(rng)
            if age < 6:
                education, employment = None, "学龄前儿童" if age < 3 else "幼儿园"
            elif age < 18:
                education = "小学" if age < 12 else "初中" if age < 15 else (
                    "普通高中" if rng.random() < 0.8 else "中等专科")
                employment = "学生"
            elif age < 23 and rng.random() < 0.6:
                education, employment = ("大学本科" if rng.random() < 0.6 else "大学专科"), "学生"
            else:
                education = (_EDUCATION_MIGRANT if migrant and age < 60 else _EDUCATION_BY_ERA[eras[i]])(rng)
                if age >= (60 if male else 55):
                    employment = "退休" if not migrant or rng.random() < 0.7 else "务工"
                else:
                    employment = (_JOBS_MIGRANT if migrant else _JOBS_LOCAL)(rng)
            married_here = (role in ("head", "spouse") and has_spouse) or role == "child_spouse" or (
                role == "child" and any(m[4] == i and m[3] == "child_spouse" for m in members))
            y = rng.random()
            if age < 20:
                marital = "未婚"
            elif married_here:
                marital = "已婚"
            elif role == "parent":
                marital = "已婚" if parents_both else "丧偶" if y < 0.85 else "离婚"
            elif age >= 60:
                marital = "丧偶" if y < 0.7 else "离婚" if y < 0.85 else "已婚" if y < 0.95 else "未婚"
            elif age >= 30:
                marital = "离婚" if y < 0.3 else "已婚" if y < 0.55 else "未婚"
            else:
                marital = "未婚" if y < 0.95 else "已婚"
            y = rng.random()
            if age < 14:
                political = None
            elif age < 29:
                political = "共青团员" if y < 0.4 else "中共党员" if y < 0.45 and age >= 18 else "群众"
            else:
                party = 0.09 + (0.04 if male and age >= 60 else 0)
                political = ("中共党员" if y < party else "中共预备党员" if y < party + 0.003
                             else _PARTIES(rng) if y < party + 0.01 else "群众")
            phone = generate_phone(rng) if age >= 16 and rng.random() < (0.55 if age >= 80 else 0.96) else None
            people.append({
                "id": self.key(), "grid_id": household["grid_id"], "household_id": household["id"],
                "name": names[i], "id_number": self._id_number(region, birth, male), "gender": "男" if male else "女",
                "birth_date": birth, "ethnicity": ethnicity, "phone": phone, "relation": relation,
                "political_status": political, "marital_status": marital, "education": education,
                "residence_type": "流动人口" if migrant else "本地户籍", "employment": employment,
                "note": "常住外地" if away else "合租" if role == "other" else None,
            })
        self.rows[Person].extend(people)
        self._memberships(household, people, members, migrant)
        return people

    def _memberships(self, household: dict[str, Any], people: list[dict[str, Any]], members: list[list[Any]],
                     migrant: bool) -> None:
        """Each person's current stay; a few adults moved here from another household of the community."""
        rng, today_ord = self.rng, self.gen.today_ord
        rows = self.rows[Membership]
        households = self.rows[Household]
        for person, (relation, age, _male, role, _link) in zip(people, members, strict=True):
            birth = person["birth_date"].toordinal()
            if age < 18 and role in ("child", "grandchild") and rng.random() < 0.7:
                joined, reason = birth, "出生"
            else:
                moved = rng.randint(30, (8 if migrant else 30) * 365)
                joined = min(max(birth + 18 * 365, today_ord - moved), today_ord - 1)
                reason = "租住" if migrant else "婚入" if role in ("spouse", "child_spouse") else "迁入"
            if age >= 25 and len(households) > 1 and rng.random() < 0.03:
                before = households[int(rng.random() * (len(households) - 1))]
                came = max(birth + 18 * 365, joined - rng.randint(200, 4000))
                if came < joined:
                    rows.append({"id": self.key(), "grid_id": before["grid_id"], "person_id": person["id"],
                                 "household_id": before["id"], "relation": "其他",
                                 "joined_on": date.fromordinal(came), "left_on": date.fromordinal(joined),
                                 "reason": "迁出"})
            rows.append({"id": self.key(), "grid_id": household["grid_id"], "person_id": person["id"],
                         "household_id": household["id"], "relation": relation,
                         "joined_on": date.fromordinal(joined), "left_on": None, "reason": reason})
            self.people.append((person, age, household))

    # -- special groups --------------------------------------------------------------------------

    def special_groups(self) -> None:
        rng, today = self.rng, self.today
        tags = self.gen.tags
        rows = self.rows[PersonTag]
        today_ord = self.gen.today_ord
        self.tagged: dict[str, list[str]] = {}  # person id -> tag names

        def add(person: dict[str, Any], name: str, since: date, until: date | None = None,
                detail: dict[str, Any] | None = None) -> None:
            tag = tags.get(name)
            if tag is None:
                return
            rows.append({"id": self.key(), "grid_id": person["grid_id"], "person_id": person["id"],
                         "tag_id": tag[0], "since": since, "until": until, "detail": detail})
            if until is None or until >= today:
                self.tagged.setdefault(person["id"], []).append(name)

        def recent(years: int, birth: date, at_age: int = 0) -> date:
            earliest = max(birth.toordinal() + at_age * 365 + at_age // 4 + 1, today_ord - years * 365)
            return date.fromordinal(rng.randint(min(earliest, today_ord - 1), today_ord - 1))

        # Household-level facts: all elderly? any parent of the children at home? 低保 households.
        by_household: dict[str, list[tuple[dict[str, Any], int]]] = {}
        for person, age, household in self.people:
            by_household.setdefault(household["id"], []).append((person, age))
        households = {h["id"]: h for h in self.rows[Household]}
        # A flat where two households live: nobody there lives alone.
        present = Counter(h["house_id"] for h in households.values() if h["presence"] != "户在人不在")
        dibao_seq = 0
        for hid, members in by_household.items():
            household = households[hid]
            away = household["presence"] == "户在人不在"
            local = household["registration"] != "流动人口"
            ages = [age for _p, age in members]
            all_elderly = min(ages) >= 60
            alone = len(members) == 1 and present[household["house_id"]] == 1
            no_parents = not any(p["relation"] in ("子", "女", "儿媳", "女婿") and a >= 18 for p, a in members)
            dibao_p = 0.015 + (0.015 if all_elderly else 0)
            if local and rng.random() < dibao_p:
                dibao_seq += 1
                start = recent(8, date(1900, 1, 1))
                cert = f"MC{start.year}{self.comm.index + 1:03d}{dibao_seq:04d}"
                ended = rng.random() < 0.06
                until = date.fromordinal(rng.randint(start.toordinal(), today_ord - 1)) if ended else None
                for person, _age in members:
                    add(person, "低保户", start, until, {"cert_no": cert})
            for person, age in members:
                birth = person["birth_date"]
                male = person["gender"] == "男"
                if age >= 70 and alone and not away:
                    add(person, "独居老人", recent(6, birth, 70))
                    if rng.random() < 0.05:
                        add(person, "特困人员", recent(8, birth, 60), detail={"support": "分散供养"})
                elif age >= 60 and all_elderly and not away:
                    add(person, "空巢老人", recent(6, birth, 60))
                if age >= 80:
                    add(person, "高龄老人", recent(20, birth, 80))
                disabled_p = 0.005 if age < 18 else 0.015 if age < 60 else 0.03 if age < 80 else 0.06
                if rng.random() < disabled_p:
                    category = _DISABILITY(rng)
                    level = rng.choice((1, 2, 2, 3, 3, 3, 4, 4))
                    add(person, "残疾人", recent(15, birth, 1),
                        detail={"category": category, "level": level,
                                "cert_no": f"{person['id_number']}{_DISABILITY_DIGIT[category]}{level}"})
                    if alone and age >= 18 and rng.random() < 0.2:
                        add(person, "特困人员", recent(8, birth, 18), detail={"support": "分散供养"})
                if age < 16 and no_parents and local and person["relation"] in ("孙子", "孙女"):
                    add(person, "留守儿童", recent(max(1, age), birth),
                        detail={"guardian": members[0][0]["name"], "parents": "外出务工"})
                if 20 <= age < 56 and rng.random() < 0.0006:
                    start = recent(2, birth, 20)
                    add(person, "社区矫正人员", start, date.fromordinal(start.toordinal() + rng.randint(180, 1095)),
                        detail={"term": "缓刑"})
                if 25 <= age < 62 and rng.random() < (0.002 if male else 0.0004):
                    add(person, "刑满释放人员", recent(5, birth, 20))
                if age >= 18 and rng.random() < 0.003:
                    add(person, "精神障碍患者", recent(10, birth, 16),
                        detail={"risk_level": rng.choice((0, 0, 1, 1, 2, 3)), "guardian": members[0][0]["name"]
                                if members[0][0] is not person else None})
                if age >= 40 and male and rng.random() < 0.012:
                    add(person, "退役军人", recent(30, birth, 22))
                    if rng.random() < 0.4:
                        add(person, "优抚对象", recent(20, birth, 22), detail={"type": _ENTITLED(rng)})
                if age >= 30 and rng.random() < 0.004:
                    add(person, "重病患者", recent(4, birth, 18), detail={"illness": rng.choice(_ILLNESS)})
            if all_elderly and not away and len(members) <= 2 and min(ages) >= 55 and rng.random() < 0.004:
                for person, _age in members:
                    add(person, "失独家庭", recent(10, person["birth_date"], 50))

    # -- visits ----------------------------------------------------------------------------------

    def visits(self) -> None:
        """Visits to tagged people over the last 90 days on their care schedule (some overdue), with
        revisits after nobody was home (白加黑: the same evening, or the next day off), and patrols."""
        rng, gen = self.rng, self.gen
        rows = self.rows[Visit]
        today_ord = gen.today_ord
        start = today_ord - VISIT_WINDOW_DAYS
        tags = gen.tags
        calendar = gen.calendar
        categories = {t.name: t.category for t in DEFAULT_TAGS}
        people = {p["id"]: (p, h) for p, _age, h in self.people}

        def at(day: date, evening: bool = False) -> datetime:
            hour = rng.randint(17, 19) if evening else rng.randint(8, 16)
            return datetime(day.year, day.month, day.day, hour, rng.randrange(60))

        def visit(person: dict[str, Any] | None, household: dict[str, Any], when: datetime, method: str,
                  findings: str, due: date | None = None) -> None:
            rows.append({"id": self.key(), "grid_id": household["grid_id"], "household_id": household["id"],
                         "person_id": person["id"] if person else None,
                         "visitor_name": self.worker[household["grid_id"]], "visited_at": when,
                         "method": method, "findings": findings, "nobody_home": due is not None,
                         "revisit_due": due})

        for pid, names in self.tagged.items():
            every = [tags[n][1] for n in names if tags[n][1]]
            if not every:
                continue
            freq = min(every)
            main = min(names, key=lambda n: tags[n][1] or 10_000)
            texts = _FINDINGS.get(categories.get(main, ""), _FINDINGS["老年人"])
            person, household = people[pid]
            if rng.random() < 0.15:  # overdue: the last visit is older than the schedule allows
                day = today_ord - freq - rng.randint(1, max(3, freq // 2 + 10))
            else:
                day = today_ord - rng.randint(1, freq)
            while day >= start:
                x = rng.random()
                when = at(date.fromordinal(day))
                if household["presence"] == "户在人不在" or x < 0.25:
                    visit(person, household, when, "电话", rng.choice(_PHONE_FINDINGS))
                elif x < 0.32:
                    due = revisit_due(when, calendar)
                    visit(person, household, when, "入户", rng.choice(_NOBODY_HOME), due)
                    if due.toordinal() < today_ord and rng.random() < 0.85:
                        visit(person, household, at(due, calendar.is_workday(due)), "补访", rng.choice(texts))
                else:
                    visit(person, household, when, "入户", rng.choice(texts))
                day -= max(1, freq + rng.randint(-(freq // 5), freq // 5))
        # Routine patrols of ordinary households.
        for household in self.rows[Household]:
            if household["presence"] != "户在人不在" and rng.random() < 0.05:
                day = date.fromordinal(today_ord - rng.randint(1, VISIT_WINDOW_DAYS))
                visit(None, household, at(day), "巡查", rng.choice(_PATROL))

    # -- cases and disputes ----------------------------------------------------------------------

    def cases(self) -> None:
        rng = self.rng
        showcase = _SHOWCASE if self.comm.index == 0 else ()
        for i in range(self.comm.cases):
            if i < len(showcase):
                self._case(*showcase[i])
            else:
                state = _CASE_STATE(rng)
                self._case(state, rng.random() < 0.2, state == "dispatched" and rng.random() < 0.4)

    def _path(self, state: str, dispute: bool, category: str, overdue: bool, loop: bool | None,
              on_spot: bool | None) -> tuple[list[str], bool]:
        """The actions that lead to ``state`` and whether the path has a return loop."""
        rng = self.rng
        loop = rng.random() < 0.2 if loop is None else loop
        if on_spot is None:
            on_spot = not dispute and category in _ON_SPOT and rng.random() < 0.35
        handled = ["collect", "report", "dispatch", "handle"] + (["return", "handle"] if loop else [])
        if state == "collected":
            path = ["collect"]
        elif state == "reported":
            path = ["collect", "report"]
        elif state == "dispatched":
            loop = loop and not overdue
            path = ["collect", "report", "dispatch"] + (["handle", "return"] if loop else [])
        elif state == "handled":
            path = ["collect", "resolve_on_spot"] if on_spot else handled
        elif state == "closed":
            path = (["collect", "resolve_on_spot"] if on_spot else handled) + ["close"]
        elif state == "escalated":
            path = ["collect", "report"] + (["dispatch"] if rng.random() < 0.5 else []) + ["escalate"]
        else:
            path = ["collect"] + (["report"] if rng.random() < 0.6 else []) + ["withdraw"]
        return path, loop and "return" in path

    def _case(self, state: str, dispute: bool, overdue: bool, loop: bool | None = None,
              on_spot: bool | None = None) -> None:
        rng, gen = self.rng, self.gen
        building = self.buildings[int(rng.random() * len(self.buildings))]
        estate, company, _name = self.building_info[building["id"]]
        grid_id = building["grid_id"]
        worker = self.worker[grid_id]
        house = rng.choice(self.building_houses[building["id"]])
        unit = self.house_unit[house["id"]]
        category = DISPUTE_CATEGORY if dispute else "楼道堆物" if on_spot else _CASE_CATEGORY(rng)
        dispute_type = _DISPUTE_TYPE(rng) if dispute else None
        source = _CASE_SOURCE(rng)
        with_house = dispute or category in ("宠物扰民", "民生诉求", "下水道堵塞") or rng.random() < 0.3
        place = f"{estate}{building['name']}" + (f"{unit}单元{house['room']}" if with_house else "")
        title, text = _DISPUTE_TEXT[dispute_type] if dispute_type else rng.choice(_CASE_TEXT[category])
        fill = {"p": place, "b": building["name"], "u": unit}
        priority = _PRIORITY(rng)
        limit = time_limit(_CATEGORIES[category], priority)  # working days from dispatch
        handler = rng.choice(_HANDLERS[category]).format(pm=company or "社区物业托管中心")
        residents = self.residents.get(house["id"]) or []
        reporter = rng.choice(residents) if residents and source in ("居民反映", "随手拍") else None
        if reporter:
            reported_by = reporter[1]
        elif source == "巡查发现":
            reported_by = worker
        elif source == "上级交办":
            reported_by = rng.choice(("街道综治中心", "12345热线"))
        else:
            reported_by = gen.adult_name(rng)
        path, loop = self._path(state, dispute, category, overdue, loop, on_spot)
        # The timeline, in working hours from an arbitrary start; shifted to end before today below.
        t = datetime(2000, 1, 3, rng.randint(8, 16), rng.randrange(60))
        handle_hours = rng.uniform(4, limit * 24 * 1.2) * (2 if rng.random() < 0.1 else 1)  # now and then late
        events: list[list[Any]] = []
        current: str | None = None
        for action in path:
            if action == "handle":
                hours = handle_hours if events[-1][0] == "dispatch" else rng.uniform(12, 96)  # after a return
            elif action != "collect":
                lo, hi = _STEP_HOURS[action]
                hours = rng.uniform(lo, hi)
            if action != "collect":
                t = self._working(t + timedelta(minutes=int(hours * 60)))
            to_state, actor, role, note, data = self._transition(
                action, category, worker, handler, loop)
            events.append([action, current, to_state, actor, role, t, note, data])
            current = to_state
        # Anchor: the last event lies ``back`` days before today.
        if path[-1] == "dispatch":
            # Not overdue: dispatched at most ``limit`` calendar days ago, so the deadline is today or
            # later; overdue: long enough ago that weekends and a holiday week cannot save it.
            back = 2 * limit + 10 + rng.randint(1, 20) if overdue else rng.randint(1, limit)
        elif state in ("collected", "reported", "handled", "dispatched"):
            back = rng.randint(1, 4)
        elif state == "closed":
            back = rng.randint(1, 170)
        else:
            back = rng.randint(1, 120)
        shift = timedelta(days=(events[-1][5].date() - date.fromordinal(gen.today_ord - back)).days)
        deadline = None
        for event in events:
            event[5] -= shift
            if event[0] == "dispatch":
                deadline = gen.calendar.add_working_days(event[5].date(), limit)
                event[7] = {"handler": handler, "deadline": deadline.isoformat()}
        gen.case_seq += 1
        first_at: datetime = events[0][5]
        case_id = self.key()
        self.rows[Case].append({
            "id": case_id, "grid_id": grid_id,
            "number": f"{'TJ' if dispute else 'SJ'}{first_at:%Y%m%d}{gen.case_seq:05d}",
            "kind": "dispute" if dispute else "case", "category": category, "source": source,
            "building_id": building["id"], "house_id": house["id"] if with_house else None,
            "place_text": place, "title": title.format(**fill), "description": text.format(**fill),
            "priority": priority, "deadline": deadline,
            "handler": worker if "resolve_on_spot" in path else handler if deadline else None,
            "reported_by": reported_by,
            "occurred_on": first_at.date() - timedelta(days=0 if source == "巡查发现" else rng.randint(0, 2)),
            "state": current})
        for action, from_state, to_state, actor, role, at, note, data in events:
            self.rows[CaseEvent].append({
                "id": self.key(), "grid_id": grid_id, "case_id": case_id, "action": action,
                "from_state": from_state, "to_state": to_state, "actor_name": actor, "actor_role": role,
                "at": at, "note": note, "data": data})
        parties = self.rows[CaseParty]

        def party(person: tuple[str, str, int] | None, name: str, role: str) -> None:
            parties.append({"id": self.key(), "grid_id": grid_id, "case_id": case_id,
                            "person_id": person[0] if person else None, "name": person[1] if person else name,
                            "role": role})

        if dispute_type:
            first = reporter or (rng.choice(residents) if residents else None)
            party(first, gen.adult_name(rng), "当事人")
            if dispute_type == "物业纠纷":
                party(None, company or "社区物业托管中心", "当事人")
            else:
                party(self._counterpart(dispute_type, house, first), gen.adult_name(rng), "当事人")
            self._dispute(case_id, grid_id, dispute_type, state, events, worker)
            return
        if reporter:
            party(reporter, "", "反映人")
        if category in ("宠物扰民", "楼道堆物", "飞线充电") and residents and rng.random() < 0.6:
            target = rng.choice(residents)
            if not reporter or target[0] != reporter[0]:
                party(target, "", "被反映人")

    def _counterpart(self, dispute_type: str, house: dict[str, Any],
                     first: tuple[str, str, int] | None) -> tuple[str, str, int] | None:
        """The other party: a household member (家庭纠纷), the flat above/below or a neighbour."""
        rng = self.rng
        if dispute_type == "家庭纠纷":
            others = [r for r in self.residents.get(house["id"], []) if not first or r[0] != first[0]]
            return rng.choice(others) if others else None
        floor = house["floor"] + (1 if dispute_type in ("漏水", "噪音扰民") else rng.choice((-1, 0, 1)))
        room = str(floor * 100 + int(house["room"]) % 100)
        houses = self.building_houses[house["building_id"]]
        candidates = [h for h in houses if h["unit_id"] == house["unit_id"] and h["room"] == room
                      and h["id"] != house["id"]]
        if not candidates:
            candidates = [h for h in houses if h["id"] != house["id"]]
        for neighbour in rng.sample(candidates, min(5, len(candidates))):
            residents = self.residents.get(neighbour["id"])
            if residents:
                return rng.choice(residents)
        return None

    def _transition(self, action: str, category: str, worker: str, handler: str,
                    loop: bool) -> tuple[str, str, str, str | None, dict[str, Any] | None]:
        """(to_state, actor, actor role, note, data) of one action."""
        rng, secretary = self.rng, self.comm.secretary
        if action == "collect":
            return "collected", worker, "grid_worker", "网格员登记问题", None
        if action == "report":
            return "reported", worker, "grid_worker", "上报社区", None
        if action == "dispatch":
            return "dispatched", secretary, "secretary", f"分派至{handler}", None
        if action == "handle":
            return "handled", handler, "handler", _FEEDBACK[category], {"feedback": _FEEDBACK[category]}
        if action == "return":
            reason = rng.choice(_RETURN_REASONS)
            return "dispatched", secretary, "secretary", reason, {"reason": reason}
        if action == "close":
            rating = _RATING(rng)
            if loop and rating > 3:
                rating -= 1
            comment = _RATING_COMMENTS[rating]
            return "closed", secretary, "secretary", "核查属实，予以办结", {"rating": rating, "comment": comment}
        if action == "escalate":
            reason = rng.choice(_ESCALATE_REASONS)
            return "escalated", secretary, "secretary", reason, {"to": "街道综治中心", "reason": reason}
        if action == "withdraw":
            reason = rng.choice(_WITHDRAW_REASONS)
            return "withdrawn", worker, "grid_worker", reason, {"reason": reason}
        # resolve_on_spot
        return "handled", worker, "grid_worker", "网格员现场处置完毕", {"feedback": _FEEDBACK[category]}

    def _dispute(self, case_id: str, grid_id: str, dispute_type: str, state: str, events: list[list[Any]],
                 worker: str) -> None:
        rng = self.rng
        success, failure, transfer = OUTCOMES
        outcome = None  # still mediating
        if state == "closed":
            x = rng.random()
            outcome = success if x < 0.8 else failure if x < 0.92 else transfer
        elif state == "handled":
            outcome = success if rng.random() < 0.7 else failure
        elif state == "escalated":
            outcome = transfer
        self.rows[DisputeDetail].append({
            "id": self.key(), "grid_id": grid_id, "case_id": case_id, "dispute_type": dispute_type,
            "outcome": outcome, "agreement": _AGREEMENTS[dispute_type] if outcome == success else None})
        starts = [e[5] for e in events if e[0] in ("dispatch", "resolve_on_spot")]
        if not starts:
            return
        begin = starts[0].date()
        ends = [e[5] for e in events if e[0] in ("handle", "resolve_on_spot", "escalate")]
        end = ends[-1].date() if ends else date.fromordinal(self.gen.today_ord - 1)
        span = max(0, (end - begin).days) + 1
        days = sorted(rng.sample(range(span), min(rng.randint(1, 3), span)))
        first, *middle, agreed = _MEDIATION_SUMMARIES
        summaries = [first, *rng.sample(middle, len(days) - 1)]
        if outcome == success:
            summaries[-1] = agreed
        mediators = (worker, self.comm.secretary, self.comm.mediator)
        for day, summary in zip(days, summaries, strict=True):
            self.rows[MediationSession].append({
                "id": self.key(), "grid_id": grid_id, "case_id": case_id,
                "held_on": begin + timedelta(days=day), "mediator": rng.choice(mediators), "summary": summary})

    def _working(self, t: datetime) -> datetime:
        """Move a time outside 8:00-19:00 to the next morning (keeps the order of events)."""
        if t.hour < 8:
            return t.replace(hour=8, minute=self.rng.randrange(60))
        if t.hour >= 19:
            return (t + timedelta(days=1)).replace(hour=8, minute=self.rng.randrange(60))
        return t


# --- entry point ----------------------------------------------------------------------------------

def _tag_types(w: Writer, keys: _Keys) -> tuple[list[dict[str, Any]], dict[str, tuple[str, int | None]]]:
    """The default tags the dictionary lacks (rows to insert), and the whole dictionary afterwards
    (name -> id, visit days): entries a user already has are kept as they are."""
    existing = queries.tag_dictionary(w.session.connection())
    codes = {code for _id, code, _name, _days in existing}
    names = {name for _id, _code, name, _days in existing}
    rows = [{"id": keys(), "grid_id": None, "code": t.code, "name": t.name, "category": t.category,
             "visit_every_days": t.visit_every_days, "sort_order": i} for i, t in missing_defaults(names, codes)]
    table = {name: (tid, days) for tid, _code, name, days in existing}
    table.update({r["name"]: (r["id"], r["visit_every_days"]) for r in rows})
    return rows, table


def generate_demo(db: Database, *, seed: int = 1, households: int = 2000, today: date = REFERENCE_DATE,
                  progress: Progress | None = None, cancel: Callable[[], bool] | None = None) -> DemoSummary:
    """Fill an empty database with a fictional community (or district) of ``households`` households.

    Raises :class:`DemoError` when the database already holds people and :class:`DemoCancelled`
    when ``cancel()`` turns true; either way nothing is written (one transaction).
    """
    if not isinstance(households, int) or not 1 <= households <= MAX_HOUSEHOLDS:
        raise DemoError(f"户数应在 1 到 {MAX_HOUSEHOLDS:,} 之间，请重新输入。")
    started = time.perf_counter()
    report = progress or (lambda _message, _fraction: None)
    stop = cancel or (lambda: False)
    counts: dict[str, int] = {}
    keys = _Keys(seed, datetime.combine(today, datetime.min.time()) - timedelta(days=7))

    def insert(w: Writer, model: type[SyncedRow], rows: list[dict[str, Any]]) -> None:
        if rows:
            w.bulk_insert(model, rows)
            name = model.__tablename__  # type: ignore[attr-defined]
            counts[name] = counts.get(name, 0) + len(rows)

    report("正在检查数据库…", 0.0)
    with writing(db) as w:
        if queries.has_people(w.session.connection()):
            raise DemoError("数据库中已有人员数据，演示数据只能生成到空数据库中。"
                            "请新建一个数据库文件后再生成演示数据。")
        tag_rows, tag_types = _tag_types(w, keys)
        insert(w, TagType, tag_rows)
        gen = _Generator(seed, households, today, tag_types, keys)
        org_rows, communities = gen.plan()
        insert(w, OrgNode, org_rows)
        done = 0
        for comm in communities:
            if stop():
                raise DemoCancelled("已取消生成演示数据，数据库未作改动。")
            report(f"正在生成{comm.subdistrict}{comm.name}（{comm.index + 1}/{len(communities)}）…",
                   0.9 * done / households)
            rows = gen.community(comm)
            for model in _ORDER:
                insert(w, model, rows[model])
            done += comm.households
        if stop():
            raise DemoCancelled("已取消生成演示数据，数据库未作改动。")
        report("正在建立搜索索引…", 0.9)
    report("演示数据已生成", 1.0)
    return DemoSummary(seed=seed, counts=counts, seconds=time.perf_counter() - started, today=today)
