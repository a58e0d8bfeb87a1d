"""Values of the special-group and dispute ledgers (RULES.md R15-R17): free text, dispute types and
results, parties, the flats a dispute names, disability details, 低保证号, helpers and visit frequency."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from app.domain.addresses import Address, parse_address
from app.domain.case_codes import DISPUTE_TYPES
from app.domain.codes import CodeList, _aliases, _codes, cell_text, is_empty, without_controls
from app.domain.tags import DISABILITY_CATEGORIES

DISPUTE_TYPE = CodeList(
    "纠纷类型", "",
    tuple(_codes(", ".join(f"{i:02d} {name}" for i, name in enumerate(DISPUTE_TYPES, 1)))),
    _aliases({
        "邻里纠纷": "邻里矛盾", "物业纠纷": "物业服务纠纷", "家庭纠纷": "家庭矛盾 婚姻家庭",
        "楼道堆物": "楼道堆放杂物", "宠物扰民": "养犬扰民", "漏水": "漏水纠纷 渗水", "噪音扰民": "噪声扰民",
        "停车纠纷": "车位纠纷",
    }),
)
MEDIATION_RESULT = CodeList(
    "调解结果", "", _codes("1 成功, 2 未成功, 3 调解中"),
    _aliases({"成功": "调解成功 已调解 达成协议", "未成功": "调解不成功 未达成协议 调解失败",
              "调解中": "正在调解 跟进中 持续跟进"}),
)
OUTCOME_OF_RESULT = {"成功": "调解成功", "未成功": "调解不成功", "调解中": None}
"""A ledger's 调解结果 as the dispute outcome of the case model (None: still being mediated)."""

_PARTY_SPLIT = re.compile(r"[、与和,，/;；]")
_PAREN = re.compile(r"[（(][^（）()]*[）)]")
_ROLE_WORDS = re.compile(r"网格员|社区书记|社区主任|人民调解员|调解员|楼长|社工|志愿者|社区")
_CN_COUNT = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_PER = {"天": "day", "日": "day", "周": "week", "星期": "week", "月": "month", "季度": "quarter", "季": "quarter"}
_FREQ_EVERY = re.compile(r"每(半)?(天|日|周|星期|月|季度|季)([0-9]+|[一两二三四五六七八九十])次")
_FREQ_SLASH = re.compile(r"([0-9]+|[一两二三四五六七八九十])次/(半)?(天|日|周|星期|月|季度|季)")
_LEVEL = re.compile(r"([一二三四1-4])级")
_CERT20 = re.compile(r"(?<![0-9])([0-9]{17}[0-9X][1-7][1-4])(?![0-9])")
_DIGITS = re.compile(r"[0-9]{6,}")


def free_text(value: object) -> str | None:
    """R15: outer whitespace stripped, CRLF -> LF, empty markers -> None; the inside kept as written."""
    if is_empty(value):
        return None
    if isinstance(value, float) and value == int(value):
        value = int(value)
    text = without_controls(str(value)).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def split_parties(value: object) -> list[str]:
    """"李斌、王佳怡" / "刘鹏与黄丹丹" / "杨浩（101）、叶诗雨（102）" -> names, annotations dropped."""
    if is_empty(value):
        return []
    text = _PAREN.sub("", unicodedata.normalize("NFKC", without_controls(str(value))))
    return [name for name in ("".join(part.split()) for part in _PARTY_SPLIT.split(text)) if name]


def dispute_addresses(value: object, known_estates: tuple[str, ...] = ()) -> list[Address]:
    """Every flat a dispute's address names: "…3号楼1单元501、502" -> two; "停车场" or "楼道" -> []."""
    if is_empty(value):
        return []
    parts = [p for p in re.split(r"[、与和,，]", cell_text(value)) if p]
    first = parse_address(parts[0], known_estates)
    if first is None or first.room is None:
        return []
    found = [first]
    for part in parts[1:]:
        room = re.fullmatch(r"([0-9]+)(?:室|号)?", part)
        if room:
            found.append(Address(first.estate, first.building, first.unit, str(int(room.group(1)))))
    return found


def _count(text: str) -> int:
    return int(text) if text.isdigit() else _CN_COUNT[text]


def visit_frequency(value: object) -> dict[str, object] | None:
    """"每周一次" / "1次/周" -> {"times": 1, "per": "week"}; "每半月一次" -> 2 per month."""
    if is_empty(value):
        return None
    text = cell_text(value)
    match = _FREQ_EVERY.fullmatch(text)
    if match:
        half, per, times = match.groups()
    else:
        match = _FREQ_SLASH.fullmatch(text)
        if not match:
            return None
        times, half, per = match.groups()
    count = _count(times) * (2 if half else 1)
    return {"times": count, "per": _PER[per]}


def responsible_person(value: object) -> str | None:
    """"李红（网格员）" / "网格员李红" / "李红(社区)" -> "李红"."""
    if is_empty(value):
        return None
    text = _ROLE_WORDS.sub("", _PAREN.sub("", unicodedata.normalize("NFKC", str(value))))
    return "".join(text.split()) or None


@dataclass(frozen=True)
class SpecialDetail:
    disability: dict[str, object] | None = None  # {"category": "肢体", "level": 3, "cert_no": None}
    dibao_cert_no: str | None = None


def special_detail(value: object, categories: list[str]) -> SpecialDetail:
    """The 残疾等级/低保证号 cell: "肢体三级", a 20-digit 残疾人证号 (ID + category + level digits),
    "低保证号…" or a bare number on a 低保户 row."""
    if is_empty(value):
        return SpecialDetail()
    text = cell_text(value).upper()
    cert = _CERT20.search(text)
    if cert:
        number = cert.group(1)
        return SpecialDetail({"category": DISABILITY_CATEGORIES[int(number[18])], "level": int(number[19]),
                              "cert_no": number})
    level = _LEVEL.search(text)
    category = next((name for name in DISABILITY_CATEGORIES.values() if name in text), None)
    if level and category:
        return SpecialDetail({"category": category, "level": _count_level(level.group(1)), "cert_no": None})
    digits = _DIGITS.search(text)
    if digits and ("低保" in text or "低保户" in categories):
        return SpecialDetail(dibao_cert_no=digits.group(0))
    return SpecialDetail()


def tag_note_detail(tag: str, note: str) -> dict[str, object]:
    """A tag's annotation in a people ledger (残疾人（肢体二级）) as the tag's detail: a disability on 残疾人,
    a certificate number on 低保户 (the number alone, or after 低保证), anything else kept as its note."""
    found = special_detail(note, [tag])
    if tag == "残疾人" and found.disability:
        return {"disability": found.disability}
    if tag == "低保户" and found.dibao_cert_no and ("低保证" in note or cell_text(note).isalnum()):
        return {"dibao_cert_no": found.dibao_cert_no}
    return {"note": note}


def _count_level(text: str) -> int:
    return int(text) if text.isdigit() else "一二三四".index(text) + 1


def disability_from_columns(kind: object, level: object, cert: object) -> dict[str, object] | None:
    """The 残疾类型 / 残疾等级 / 残疾证号 columns of a registration template, as a disability detail."""
    if is_empty(kind) and is_empty(level) and is_empty(cert):
        return None
    kind_text = cell_text(kind) if not is_empty(kind) else ""
    category = next((name for name in DISABILITY_CATEGORIES.values() if name in kind_text), None)
    level_match = _LEVEL.search(cell_text(level)) if not is_empty(level) else None
    level_number = _count_level(level_match.group(1)) if level_match else None
    if level_number is None and not is_empty(level) and cell_text(level).isdigit():
        level_number = int(cell_text(level))
    cert_no = cell_text(cert).upper() if not is_empty(cert) else None
    return {"category": category, "level": level_number, "cert_no": cert_no}
