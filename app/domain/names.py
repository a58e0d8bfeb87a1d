"""Person names: normalisation (RULES.md R10), pinyin initials for search, and search pieces.

pypinyin (0.55) has no surname mode, and its first reading is wrong for many surnames (曾 céng,
单 dān, 解 jiě, 仇 chóu, 区 qū, 查 chá …), so the first character, or a compound surname, is read
from the tables below. pypinyin also lists archaic readings (王 yù, 吴 tūn), so alternatives for
the given name come only from a short table of characters with more than one reading in real use.

Only pypinyin's per-character table (pinyin_dict.json) is read, once, when the first character needs
it: importing the ``pypinyin`` package loads its phrase dictionary too, which costs about 55 MB of
memory and 0.2 s at every start of the program, and names never need phrases.
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from collections.abc import Iterable
from functools import cache
from itertools import combinations
from pathlib import Path

from app.domain.codes import is_empty, without_controls

MAX_INITIALS_ALTERNATIVES = 4

# Surname readings where pypinyin's first reading starts with another letter, or where the character
# has given-name alternatives (below) that a surname does not have. Other surnames (王 朴 盖 缪 …)
# already come out right from pypinyin's first reading.
_SURNAME_LETTERS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys("曾查翟祭", ("z",)),
    **dict.fromkeys("车种朝长重", ("c",)),
    **dict.fromkeys("单盛宿折召莘", ("s",)),
    **dict.fromkeys("仇覃", ("q",)),
    **dict.fromkeys("谷句", ("g",)),
    "解": ("x",),
    "贾": ("j",),
    "秘": ("b",),
    "繁": ("p",),
    "粘": ("n",),
    "阚": ("k",),
    "区": ("o",),
    "乐": ("y", "l"),
    "隗": ("w", "k"),
}

_COMPOUND_SURNAMES: dict[str, str] = {
    "欧阳": "oy", "司马": "sm", "诸葛": "zg", "上官": "sg", "令狐": "lh", "长孙": "zs", "东方": "df",
    "皇甫": "hf", "尉迟": "yc", "公孙": "gs", "慕容": "mr", "司徒": "st", "司空": "sk", "夏侯": "xh",
    "宇文": "yw", "轩辕": "xy", "端木": "dm", "南宫": "ng", "钟离": "zl", "呼延": "hy", "独孤": "dg",
    "西门": "xm", "闻人": "wr", "赫连": "hl", "公羊": "gy", "淳于": "cy", "濮阳": "py", "申屠": "st",
    "拓跋": "tb", "百里": "bl", "东郭": "dg", "左丘": "zq", "第五": "dw", "单于": "cy", "万俟": "mq",
    "澹台": "tt", "太史": "ts", "仲孙": "zs", "鲜于": "xy", "闾丘": "lq", "公冶": "gy", "宗政": "zz",
    "巫马": "wm", "漆雕": "qd", "乐正": "yz", "壤驷": "rs", "公良": "gl", "谷梁": "gl", "段干": "dg",
}  # fmt: skip

# Characters read more than one way in given names: first letters, most common reading first.
_GIVEN_NAME_LETTERS: dict[str, tuple[str, ...]] = {
    "乐": ("l", "y"), "长": ("c", "z"), "行": ("x", "h"), "重": ("z", "c"), "朝": ("z", "c"),
    "曾": ("z", "c"), "单": ("d", "s"), "传": ("c", "z"), "茜": ("q", "x"), "盛": ("s", "c"),
    "省": ("s", "x"), "会": ("h", "k"), "蔚": ("w", "y"), "晟": ("s", "c"), "解": ("j", "x"),
    "查": ("c", "z"), "仇": ("q", "c"), "藏": ("z", "c"), "参": ("c", "s"), "率": ("s", "l"),
    "降": ("j", "x"), "宿": ("s", "x"), "秘": ("m", "b"), "覃": ("q", "t"), "区": ("q", "o"),
    "种": ("z", "c"), "翟": ("z", "d"), "谷": ("g", "y"), "莘": ("x", "s"), "尉": ("w", "y"),
    "车": ("c", "j"), "召": ("z", "s"), "折": ("z", "s"), "句": ("j", "g"), "调": ("d", "t"),
    "系": ("x", "j"), "贾": ("j", "g"),
}  # fmt: skip

_DOTS = dict.fromkeys(map(ord, "•・･‧∙⋅"), "·")


def normalise_name(text: object) -> str | None:
    """NFKC, all whitespace removed ("王　芳" -> "王芳"); the "·" of minority names is kept (its
    look-alikes • ・ ‧ become "·"); empty markers -> None."""
    if is_empty(text):
        return None
    name = "".join(unicodedata.normalize("NFKC", without_controls(str(text))).split()).translate(_DOTS)
    return name or None


@cache
def _char_letters(ch: str) -> tuple[str, ...]:
    """First letters of a character's readings in a given name (cached: names repeat characters)."""
    if ch in _GIVEN_NAME_LETTERS:
        return _GIVEN_NAME_LETTERS[ch]
    if ch.isascii():
        return (ch.lower(),) if ch.isalpha() else ()
    readings = _character_readings().get(ord(ch))
    if not readings:
        return ()
    return (unicodedata.normalize("NFKD", readings)[0],)  # the first reading's letter; NFKD: "ê" -> "e"


@cache
def _character_readings() -> dict[int, str]:
    """pypinyin's table: code point -> readings with tone marks ("céng,zēng"), first = most common."""
    spec = importlib.util.find_spec("pypinyin")  # finds the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pypinyin")
    table = Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.json"
    return {int(code): readings for code, readings in json.loads(table.read_text(encoding="utf-8")).items()}


class _PrimaryLetters(dict[int, str]):
    """A ``str.translate`` table: character -> first letter of its first reading, filled on demand.

    Translating a whole name in C is what makes 1,000,000 names take well under a second."""

    def __missing__(self, code: int) -> str:
        letters = _char_letters(chr(code))
        self[code] = letters[0] if letters else ""
        return self[code]


_PRIMARY_LETTERS = _PrimaryLetters()
_AMBIGUOUS = frozenset(_GIVEN_NAME_LETTERS)
# A name starting with one of these needs the surname tables; any other name is read char by char.
_SURNAME_FIRST = frozenset(_SURNAME_LETTERS) | {surname[0] for surname in _COMPOUND_SURNAMES}


def _alternatives(options: list[tuple[str, ...]]) -> list[str]:
    """Combinations of per-character letters, those with fewer non-first readings first, at most
    MAX_INITIALS_ALTERNATIVES of them."""
    primary = [letters[0] for letters in options]
    found = ["".join(primary)]
    ambiguous = [i for i, letters in enumerate(options) if len(letters) > 1]
    for depth in range(1, len(ambiguous) + 1):
        for positions in combinations(ambiguous, depth):
            choices: list[list[tuple[int, str]]] = [[]]
            for i in positions:
                choices = [[*c, (i, letter)] for c in choices for letter in options[i][1:]]
            for choice in choices:
                letters = primary.copy()
                for i, letter in choice:
                    letters[i] = letter
                candidate = "".join(letters)
                if candidate not in found:
                    found.append(candidate)
                    if len(found) == MAX_INITIALS_ALTERNATIVES:
                        return found
    return found


def name_initials(name: str) -> list[str]:
    """Pinyin initials, lower-case ASCII: "曾国强" -> ["zgq"], "张乐" -> ["zl", "zy"].

    The surname is read as a surname; given-name characters with several readings in use give up
    to four alternatives, the most common reading first. ASCII letters are kept (lower-cased);
    "·", digits and other signs are dropped. [] when nothing is left.
    """
    if name and name[0] not in _SURNAME_FIRST and _AMBIGUOUS.isdisjoint(name):
        initials = name.translate(_PRIMARY_LETTERS)
        return [initials] if initials else []
    return _initials_with_tables(name)


def names_initials(names: Iterable[str]) -> list[tuple[str, ...]]:
    """``name_initials`` for many names at once (import, index rebuild), as tuples.

    The common case runs without a Python call per name, and tuples rather than lists keep the
    garbage collector out of the way: both matter more than pinyin for a million names."""
    table, surname_first, ambiguous = _PRIMARY_LETTERS, _SURNAME_FIRST, _AMBIGUOUS
    result: list[tuple[str, ...]] = []
    append = result.append
    for name in names:
        if name and name[0] not in surname_first and ambiguous.isdisjoint(name):
            initials = name.translate(table)
            append((initials,) if initials else ())
        else:
            append(tuple(_initials_with_tables(name)))
    return result


def _initials_with_tables(name: str) -> list[str]:
    if not name:
        return []
    compound = _COMPOUND_SURNAMES.get(name[:2]) if len(name) > 2 else None
    if compound:
        head: tuple[str, ...] = (compound,)
        rest = name[2:]
    else:
        head = _SURNAME_LETTERS.get(name[0]) or _char_letters(name[0])
        rest = name[1:]
    if _AMBIGUOUS.isdisjoint(rest):
        tail = rest.translate(_PRIMARY_LETTERS)
        return [letters + tail for letters in head] if head else ([tail] if tail else [])
    options = [head] if head else []
    options += [letters for letters in map(_char_letters, rest) if letters]
    return _alternatives(options)


def name_pieces(name: str) -> set[tuple[str, int]]:
    """Every 1- and 2-character piece of a name with its rank for search ordering: 0 = the whole name,
    1 = a prefix, 2 = elsewhere (the lowest rank wins for a repeated piece). Pieces with "·" are left
    out: nobody searches for them."""
    ranks: dict[str, int] = {}
    for size in (1, 2):
        for start in range(len(name) - size + 1):
            piece = name[start : start + size]
            if "·" in piece:
                continue
            rank = 0 if piece == name else 1 if start == 0 else 2
            ranks[piece] = min(rank, ranks.get(piece, rank))
    return set(ranks.items())
