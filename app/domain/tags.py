"""The default special-group (特殊人群) tag dictionary and tag-cell normalisation (RULES.md R14).

The dictionary is configurable at run time; these are the defaults a new database starts with.
``visit_every_days`` is the care schedule: how often a tagged person should be visited.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

from app.domain.codes import is_empty


@dataclass(frozen=True)
class TagType:
    code: str
    name: str
    visit_every_days: int | None
    category: str
    description: str


DEFAULT_TAGS: tuple[TagType, ...] = (
    TagType("elderly_alone", "独居老人", 7, "老年人", "60周岁以上、独自居住的老年人"),
    TagType("elderly_empty_nest", "空巢老人", 14, "老年人", "子女不在身边、独自或与配偶居住的老年人"),
    TagType("elderly_advanced", "高龄老人", 30, "老年人", "80周岁以上的老年人"),
    TagType("disabled", "残疾人", 30, "残疾人", "持有残疾人证，记录残疾类别和等级"),
    TagType("dibao", "低保户", 30, "困难群众", "享受城乡最低生活保障的家庭成员"),
    TagType("destitute", "特困人员", 14, "困难群众", "特困供养人员（原五保户、三无人员）"),
    TagType("entitled_group", "优抚对象", 90, "优抚对象", "烈属、伤残军人、在乡老复员军人等优抚对象"),
    TagType("left_behind_child", "留守儿童", 30, "未成年人", "父母外出务工、无人有效监护的儿童"),
    TagType("community_correction", "社区矫正人员", 7, "重点人员", "依法在社区服刑、接受社区矫正的人员"),
    TagType("released_prisoner", "刑满释放人员", 30, "重点人员", "刑满释放五年内的人员（安置帮教对象）"),
    TagType("mental_disorder", "精神障碍患者", 14, "重点人员", "严重精神障碍患者，需关注服药和监护情况"),
    TagType("serious_illness", "重病患者", 30, "健康", "患重大疾病、需要帮扶的居民"),
    TagType("bereaved_parents", "失独家庭", 30, "家庭", "计划生育特殊家庭（独生子女死亡或伤残）"),
    TagType("veteran", "退役军人", None, "优抚对象", "退役军人（不含需定期走访的优抚对象）"),
)

_BY_NAME = {tag.name: tag for tag in DEFAULT_TAGS}
_ALIASES = {
    **{tag.name: tag.name for tag in DEFAULT_TAGS},
    # RULES.md TAG_MAP
    "独居": "独居老人",
    "空巢": "空巢老人",
    "高龄": "高龄老人",
    "残疾": "残疾人",
    "低保": "低保户",
    "特困": "特困人员",
    "五保户": "特困人员",
    "优抚": "优抚对象",
    "留守": "留守儿童",
    "社区矫正": "社区矫正人员",
    "矫正对象": "社区矫正人员",
    # Other forms seen in ledgers
    "五保": "特困人员",
    "残疾人员": "残疾人",
    "低保对象": "低保户",
    "刑满释放": "刑满释放人员",
    "刑释人员": "刑满释放人员",
    "安置帮教对象": "刑满释放人员",
    "精神病人": "精神障碍患者",
    "精神障碍": "精神障碍患者",
    "严重精神障碍患者": "精神障碍患者",
    "重病": "重病患者",
    "大病患者": "重病患者",
    "失独": "失独家庭",
    "计生特殊家庭": "失独家庭",
}
_SEPARATORS = re.compile(r"[、，,/;；\s]+")
_ANNOTATED = re.compile(r"([^、，,/;；\s()（）]+)\s*[(（]([^()（）]*)[)）]")  # a tag and its note: 残疾人（肢体二级）

# The category digit of a 20-digit 残疾人证号 (its 19th character).
DISABILITY_CATEGORIES: dict[int, str] = dict(
    enumerate(("视力", "听力", "言语", "肢体", "智力", "精神", "多重"), 1)
)


def canonical_tag(text: str) -> str:
    """The canonical tag name for one written tag; a tag not in the dictionary is kept as written."""
    return _ALIASES.get(text, text)


def normalise_tags(text: object) -> list[str]:
    """A tag cell -> sorted canonical names: "独居、高龄，残疾" -> ["残疾人", "独居老人", "高龄老人"].

    Splits on 、 ， , / ; ； and whitespace, drops empty markers and duplicates; a tag that is not in
    the dictionary is kept as written so that nothing the worker wrote is lost. An annotation in
    parentheses is no part of the tag (see tags_and_notes).
    """
    return tags_and_notes(text)[0]


def tags_and_notes(text: object) -> tuple[list[str], dict[str, str]]:
    """normalise_tags, and what the cell says about a tag in parentheses: "残疾人（肢体二级）、低保户(2019年起，
    每月500元)" -> (["低保户", "残疾人"], {"残疾人": "肢体二级", "低保户": "2019年起，每月500元"}). Without this
    the annotation became part of a tag of its own ("残疾人(肢体二级)"), and the person was missing from
    the 残疾人 list; a separator inside it split the tag in two."""
    if is_empty(text):
        return [], {}
    notes: dict[str, str] = {}

    def tag_alone(match: re.Match[str]) -> str:
        note = match.group(2).strip()
        if note:
            name = canonical_tag(unicodedata.normalize("NFKC", match.group(1)).strip())
            notes[name] = f"{notes[name]}；{note}" if name in notes else note
        return match.group(1)

    plain = _ANNOTATED.sub(tag_alone, str(text))  # the note as written (R15), the tags after NFKC
    parts = _SEPARATORS.split(unicodedata.normalize("NFKC", plain))
    return sorted({canonical_tag(part) for part in parts if not is_empty(part)}), notes


def tag_by_name(name: str) -> TagType | None:
    """The default tag type for a canonical name or one of its written forms ("独居")."""
    return _BY_NAME.get(canonical_tag(name))


def missing_defaults(names: Collection[str], codes: Collection[str] = ()) -> list[tuple[int, TagType]]:
    """The default tags a dictionary lacks (matched by name or code), each with its sort order."""
    return [(order, tag) for order, tag in enumerate(DEFAULT_TAGS) if tag.name not in names and tag.code not in codes]
