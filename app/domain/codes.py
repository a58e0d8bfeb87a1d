"""Code lists with their national-standard codes, and the empty markers of ledgers/RULES.md R12.

``normalise`` maps what people write in ledgers (synonyms, short forms, numeric cells) to the
canonical name; unknown text gives None so the caller can report it with the row it came from.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

T = TypeVar("T")

EMPTY_MARKERS: frozenset[str] = frozenset(
    {"", "-", "--", "/", "\\", "—", "——", "不详", "待补", "无", "暂无", "－", "／"}
)


def is_empty(value: object) -> bool:
    """True for None, NaN, blank text and the R12 empty markers ("/", "无", "——", "待补" …)."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if not isinstance(value, str):
        return False
    text = value.strip()
    return text in EMPTY_MARKERS or unicodedata.normalize("NFKC", text) in EMPTY_MARKERS


# Control characters but tab and line breaks: invisible, and a workbook cannot hold them (openpyxl refuses
# the cell, so one such name made every roster of the community fail). They come with text pasted from
# web pages and other systems, as Excel's _x0001_ escapes, and in CSV and .xls files.
_CONTROLS = dict.fromkeys([*(c for c in range(32) if chr(c) not in "\t\n\r"), *range(127, 160)])


def without_controls(value: T) -> T:
    """Text without control characters (tab and line breaks stay); any other value as it is."""
    if isinstance(value, str) and not value.isprintable():
        return value.translate(_CONTROLS)  # type: ignore[return-value]
    return value


def cell_text(value: object) -> str:
    """The text of a cell: NFKC, all whitespace (incl. U+3000) and control characters removed; 2.0 and 2
    both give "2"."""
    if isinstance(value, float | Decimal) and math.isfinite(value) and value == int(value):
        value = int(value)
    return "".join(unicodedata.normalize("NFKC", without_controls(str(value))).split())


@dataclass(frozen=True)
class Code:
    code: str
    name: str


class UnknownCode(ValueError):
    """A value that is not in a code list; the message (Chinese) names the list and its values."""


class CodeList:
    """An ordered code list; ``aliases`` maps written forms to canonical names."""

    def __init__(self, title: str, standard: str, codes: Iterable[Code], aliases: Mapping[str, str]) -> None:
        self.title = title
        self.standard = standard
        self.codes: tuple[Code, ...] = tuple(codes)
        self._by_code = {c.code: c for c in self.codes}
        self._by_name = {c.name: c for c in self.codes}
        if len(self._by_code) != len(self.codes) or len(self._by_name) != len(self.codes):
            raise ValueError(f"{title}: duplicate code or name")
        unknown = {target for target in aliases.values() if target not in self._by_name}
        if unknown:
            raise ValueError(f"{title}: aliases point to unknown names {sorted(unknown)}")
        self._lookup = {c.name: c.name for c in self.codes} | dict(aliases)
        self._lookup_upper = {key.upper(): name for key, name in self._lookup.items()}

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def by_code(self, code: str) -> Code | None:
        return self._by_code.get(code)

    def by_name(self, name: str) -> Code | None:
        return self._by_name.get(name)

    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.codes)

    def normalise(self, text: object) -> str | None:
        """Canonical name for a written value; None for empty markers and for unknown values."""
        if is_empty(text):
            return None
        key = cell_text(text)
        return self._lookup.get(key) or self._lookup_upper.get(key.upper())

    def normalise_strict(self, text: object) -> str | None:
        """Like ``normalise`` but an unknown (non-empty) value raises UnknownCode."""
        name = self.normalise(text)
        if name is None and not is_empty(text):
            names = self.names()
            shown = "、".join(names[:12]) + ("等" if len(names) > 12 else "")
            raise UnknownCode(f"“{text}”不是有效的{self.title}，请改为以下之一：{shown}")
        return name


def _codes(pairs: str) -> tuple[Code, ...]:
    """Parse "01 汉族, 02 蒙古族" into Codes (keeps the tables below readable)."""
    return tuple(Code(*item.split()) for item in pairs.split(","))


def _aliases(table: Mapping[str, str]) -> dict[str, str]:
    """Invert {canonical: "written forms separated by spaces"} into {written: canonical}."""
    return {written: name for name, forms in table.items() for written in forms.split()}


GENDER = CodeList(
    "性别",
    "GB/T 2261.1-2003",
    _codes("0 未知的性别, 1 男, 2 女, 9 未说明的性别"),
    _aliases({"男": "男性 1 M", "女": "女性 2 F", "未知的性别": "未知"}),
)

# GB/T 4761-2008 家庭关系代码. Group codes (10 配偶, 20 子, 30 女, 70 兄弟姐妹, 80 其他) stand for their
# whole group where ledgers do not distinguish further: RULES.md maps 妻/夫 -> 配偶 and 长子/次子 -> 子,
# so the standard's finer codes for those (11 夫, 12 妻, 21-27 独生子..养子, 31-37) are aliases here;
# 01 本人 is the 户主 row itself (RULES: 本人 -> 户主).
RELATION = CodeList(
    "与户主关系",
    "GB/T 4761-2008",
    _codes(
        "02 户主, 10 配偶, 20 子, 28 女婿, 30 女, 38 儿媳, 41 孙子, 42 孙女, 43 外孙子, 44 外孙女,"
        " 45 孙媳妇, 46 孙女婿, 47 曾孙子, 48 曾孙女, 51 父亲, 52 母亲, 53 公公, 54 婆婆, 55 岳父,"
        " 56 岳母, 57 继父, 58 继母, 61 祖父, 62 祖母, 63 外祖父, 64 外祖母, 70 兄弟姐妹, 71 兄, 72 嫂,"
        " 73 弟, 74 弟媳, 75 姐姐, 76 姐夫, 77 妹妹, 78 妹夫, 80 其他, 81 伯父, 82 伯母, 83 叔父, 84 婶母,"
        " 85 舅父, 86 舅母, 87 姨父, 88 姨母, 89 姑父, 90 姑母, 91 堂兄弟姐妹, 92 表兄弟姐妹, 93 侄子,"
        " 94 侄女, 95 外甥, 96 外甥女, 97 其他亲属, 99 非亲属"
    ),
    _aliases(
        {
            "户主": "本人",
            "配偶": "妻 妻子 夫 丈夫 爱人 老伴",
            "子": "儿子 之子 长子 次子 三子 独生子 养子 继子",
            "女": "女儿 之女 长女 次女 三女 独生女 养女 继女",
            "儿媳": "儿媳妇 媳妇",
            "父亲": "父 爸爸",
            "母亲": "母 妈妈",
            "孙媳妇": "孙媳",
            "祖父": "爷爷",
            "祖母": "奶奶",
            "外祖父": "外公 姥爷",
            "外祖母": "外婆 姥姥",
            "兄弟姐妹": "兄弟 姐妹",
            "兄": "哥哥",
            "弟": "弟弟",
            "姐姐": "姐",
            "妹妹": "妹",
            "伯父": "伯伯",
            "叔父": "叔叔",
            "舅父": "舅舅",
            "姑母": "姑姑",
            "其他": "租户 合租 租客",
        }
    ),
)

_ETHNIC_GROUPS = _codes(
    "01 汉族, 02 蒙古族, 03 回族, 04 藏族, 05 维吾尔族, 06 苗族, 07 彝族, 08 壮族, 09 布依族, 10 朝鲜族,"
    " 11 满族, 12 侗族, 13 瑶族, 14 白族, 15 土家族, 16 哈尼族, 17 哈萨克族, 18 傣族, 19 黎族, 20 傈僳族,"
    " 21 佤族, 22 畲族, 23 高山族, 24 拉祜族, 25 水族, 26 东乡族, 27 纳西族, 28 景颇族, 29 柯尔克孜族,"
    " 30 土族, 31 达斡尔族, 32 仫佬族, 33 羌族, 34 布朗族, 35 撒拉族, 36 毛南族, 37 仡佬族, 38 锡伯族,"
    " 39 阿昌族, 40 普米族, 41 塔吉克族, 42 怒族, 43 乌孜别克族, 44 俄罗斯族, 45 鄂温克族, 46 德昂族,"
    " 47 保安族, 48 裕固族, 49 京族, 50 塔塔尔族, 51 独龙族, 52 鄂伦春族, 53 赫哲族, 54 门巴族,"
    " 55 珞巴族, 56 基诺族, 97 其他, 98 外国血统中国籍人士"
)

# R14: an ethnic group written without 族 ("汉", "朝鲜") means that group.
ETHNICITY = CodeList(
    "民族",
    "GB/T 3304-1991",
    _ETHNIC_GROUPS,
    {c.name[:-1]: c.name for c in _ETHNIC_GROUPS if c.name.endswith("族")}
    | _aliases({"蒙古族": "蒙", "维吾尔族": "维"}),
)

POLITICAL_STATUS = CodeList(
    "政治面貌",
    "GB/T 4762-1984",
    _codes(
        "01 中共党员, 02 中共预备党员, 03 共青团员, 04 民革党员, 05 民盟盟员, 06 民建会员, 07 民进会员,"
        " 08 农工党党员, 09 致公党党员, 10 九三学社社员, 11 台盟盟员, 12 无党派人士, 13 群众"
    ),
    _aliases(
        {
            "中共党员": "党员 共产党员 中国共产党党员",
            "中共预备党员": "预备党员 中国共产党预备党员",
            "共青团员": "团员 中国共产主义青年团团员",
            "民革党员": "民革",
            "民盟盟员": "民盟",
            "民建会员": "民建",
            "民进会员": "民进",
            "农工党党员": "农工党",
            "致公党党员": "致公党",
            "九三学社社员": "九三学社",
            "台盟盟员": "台盟",
            "无党派人士": "无党派 无党派民主人士",
            "群众": "普通群众",
        }
    ),
)

MARITAL_STATUS = CodeList(
    "婚姻状况",
    "GB/T 2261.2-2003",
    _codes("10 未婚, 20 已婚, 21 初婚, 22 再婚, 23 复婚, 30 丧偶, 40 离婚, 90 未说明的婚姻状况"),
    _aliases({"离婚": "离异", "已婚": "有配偶", "未婚": "单身"}),
)

EDUCATION = CodeList(
    "文化程度",
    "GB/T 4658-2006",
    _codes("10 研究生, 20 大学本科, 30 大学专科, 40 中等专科, 60 普通高中, 70 初中, 80 小学, 90 其他"),
    _aliases(
        {
            "研究生": "研究生教育 博士 博士研究生 硕士 硕士研究生",
            "大学本科": "本科 大学本科教育",
            "大学专科": "大专 专科 大学专科教育",
            "中等专科": "中专 中技 技校 职高 中等职业教育",
            "普通高中": "高中 普通高级中学教育",
            "初中": "初级中学 初级中学教育",
            "小学": "小学教育",
            "其他": "文盲 半文盲",
        }
    ),
)

RESIDENCE_TYPE = CodeList(
    "户籍类型",
    "",
    _codes("1 本地户籍, 2 流动人口"),
    _aliases({"本地户籍": "本地 户籍 户籍人口 常住户籍", "流动人口": "流动 外来人口 外来"}),
)

HOUSEHOLD_PRESENCE = CodeList(
    "人户状态", "", _codes("1 人户同在, 2 人在户不在, 3 户在人不在"), _aliases({"人户同在": "人户一致"})
)

HOUSING_USE = CodeList(
    "房屋用途",
    "",
    _codes("1 自住, 2 出租, 3 空置, 4 商用"),
    _aliases(
        {
            "自住": "自有 业主自住",
            "出租": "租住 租赁",
            "空置": "空房 闲置",
            "商用": "商铺 经营 门市 商业",
        }
    ),
)

BUILDING_TYPE = CodeList(
    "楼栋类型",
    "",
    _codes("1 老旧住宅, 2 回迁安置, 3 商品房"),
    _aliases({"老旧住宅": "老旧小区", "回迁安置": "回迁房 安置房", "商品房": "商品住宅"}),
)

REGISTRATION = CodeList(
    "户别", "", _codes("1 户籍户, 2 人户分离, 3 流动人口"), _aliases({"流动人口": "流动户"})
)
