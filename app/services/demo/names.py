"""Fictional names: common surnames, given names by generation and sex, minority naming styles, and
how the members of one household get names that fit together."""

from __future__ import annotations

import random
from typing import Any

from app.services.demo.draws import chooser

_SURNAMES = chooser([
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
ETHNICITY = chooser([
    (("汉族", HAN), 91.5), (("回族", HAN), 2.2), (("满族", HAN), 2.0), (("蒙古族", HAN), 1.0),
    (("壮族", HAN), 0.8), (("朝鲜族", HAN), 0.6), (("土家族", HAN), 0.5), (("苗族", HAN), 0.4),
    (("维吾尔族", DOT), 0.4), (("藏族", TIBETAN), 0.2), (("哈萨克族", DOT), 0.1), (("锡伯族", HAN), 0.1),
    (("彝族", HAN), 0.1), (("白族", HAN), 0.1),
])


def given_name(rng: random.Random, era: int, male: bool) -> str:
    table = _GIVEN[era, male]
    return table[int(rng.random() * len(table))]


def adult_name(rng: random.Random, male: bool | None = None) -> str:
    if male is None:
        male = rng.random() < 0.5
    return _SURNAMES(rng) + given_name(rng, 1 + (rng.random() < 0.5), male)


def household_names(rng: random.Random, members: list[list[Any]], eras: list[int], style: int) -> list[str]:
    """Names for a household: children carry their father's surname (Han) or his given name after
    the "·" (Uyghur, Kazakh); the head's father shares the head's; Tibetan names stand alone.
    ``members`` as ``PeoplePart._compose`` lists them, ``eras`` as ``_GIVEN`` counts them."""
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
        own = given_name(rng, eras[i], male) if style == HAN else rng.choice(_DOT_GIVEN[male])
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
