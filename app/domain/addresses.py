"""Address normalisation (ledgers/RULES.md R6): 三号楼 / 3栋 / 3# -> "3号楼", 2-501 -> "2单元" + "501".

Canonical parts: estate without a trailing 小区, building "3号楼", unit "2单元", room "501"; the
address key joins them with "|": "锦绣花园|3号楼|2单元|501". Text is read after NFKC (full-width
digits and signs become ASCII; Chinese characters are unchanged) with all whitespace removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from app.domain.codes import cell_text, is_empty

_CN_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUM = r"(?:[0-9]+|[零〇一二两三四五六七八九十百千]+)"
_BUILDING_SUFFIX = r"(?:号楼|号栋|号幢|栋|幢|#楼|#|号)"
_DASH = r"[-–—]"
# A room: "501", "501室", "501号", or floor + door "5楼1号".
_ROOM = r"(?:[0-9]+(?:室|号|房)?|[0-9]+[楼层][0-9]+(?:号|室)?)"

_BUILDING_RE = re.compile(rf"第?({_NUM}){_BUILDING_SUFFIX}?")
_UNIT_RE = re.compile(rf"第?({_NUM})(?:单元)?")
_ROOM_RE = re.compile(r"([0-9]+)(?:室|号|房)?")
_FLOOR_DOOR_RE = re.compile(r"([0-9]+)[楼层]([0-9]+)(?:号|室)?")
_UNIT_ROOM_RE = re.compile(rf"({_NUM})(?:{_DASH}|单元)({_ROOM})")
# Full addresses: "3号楼2单元501室" (unit optional) or "3-2-501". Whatever precedes is the estate, which
# must not end in a digit or dash (so "2024-03-15" is not estate "20", building 24).
_ESTATE = r"(?P<estate>.*?)(?<![0-9\-–—])"
_FULL_BODIES = (
    rf"(?P<b>{_NUM}){_BUILDING_SUFFIX}(?:(?P<u>{_NUM})(?:单元|{_DASH}))?(?P<r>{_ROOM})",
    rf"(?P<b>[0-9]{{1,3}}){_DASH}(?P<u>[0-9]{{1,2}}){_DASH}(?P<r>[0-9]{{1,5}})(?:室|号)?",
)
# Search-box forms: also "3-2" (building 3, unit 2), "3号楼", "3号楼2单元", "2单元501". A bare "3号"
# is not taken as a building here: too many other things read like that.
_QUERY_BODIES = (
    *_FULL_BODIES,
    rf"(?P<b>[0-9]{{1,3}}){_DASH}(?P<u>[0-9]{{1,2}})",
    rf"(?P<b>{_NUM})(?:号楼|号栋|号幢|栋|幢|#楼|#)(?:(?P<u>{_NUM})单元)?",
    rf"(?P<u>{_NUM})单元(?P<r>{_ROOM})?",
)
# The largest building or unit number, and the most digits of a room that encodes a floor: a longer
# number in such a cell is something else typed or pasted there (an ID number, a phone), kept as written.
_MAX_NUMBER = 9999
_MAX_FLOOR_ROOM_DIGITS = 6
_FULL_RES = tuple(re.compile(_ESTATE + body) for body in _FULL_BODIES)
_QUERY_RES = tuple(re.compile(_ESTATE + body) for body in _QUERY_BODIES)


def _cn_int(text: str) -> int | None:
    """Arabic or Chinese numerals: "12", "十二", "二十三", "一百零五", "一〇一" -> int."""
    if text.isascii():
        return int(text) if text.isdigit() else None
    if not any(ch in _CN_UNITS for ch in text):
        # Read digit by digit: "一〇一" = 101.
        digits = [_CN_DIGITS.get(ch) for ch in text]
        return None if None in digits else int("".join(map(str, digits)))
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _number(pattern: re.Pattern[str], value: object) -> int | None:
    if is_empty(value) or isinstance(value, bool):
        return None
    match = pattern.fullmatch(cell_text(value))
    n = _cn_int(match.group(1)) if match else None
    return n if n and n <= _MAX_NUMBER else None


def building_number(text: object) -> int | None:
    """3号楼 / 3栋 / 3幢 / 3# / 3#楼 / 3号 / 三号楼 / 3 / 3.0 -> 3; None when not a numbered building."""
    return _number(_BUILDING_RE, text)


def building_name(n: int) -> str:
    return f"{n}号楼"


def normalise_building(text: object) -> str | None:
    """Canonical building: "3号楼"; a named building ("A座") is kept as written; empty -> None."""
    if is_empty(text):
        return None
    n = building_number(text)
    return building_name(n) if n else cell_text(text)


def unit_number(text: object) -> int | None:
    """1单元 / 一单元 / 第1单元 / 1 / 1.0 -> 1."""
    return _number(_UNIT_RE, text)


def normalise_unit(text: object) -> str | None:
    """Canonical unit: "2单元"; other text is kept as written; empty -> None."""
    if is_empty(text):
        return None
    n = unit_number(text)
    return f"{n}单元" if n else cell_text(text)


def normalise_room(text: object) -> str | None:
    """Canonical room: "501" / "501室" / "501号" / "0501" / 501.0 -> "501"; "5楼1号" -> "501".

    Room cells that may also carry the unit ("2-501", "2单元501") go through ``split_room``.
    """
    if is_empty(text):
        return None
    room = cell_text(text)
    match = _ROOM_RE.fullmatch(room)
    if match:
        return str(int(match.group(1)))
    match = _FLOOR_DOOR_RE.fullmatch(room)
    if match:
        floor, door = int(match.group(1)), int(match.group(2))
        return str(door if door >= 100 else floor * 100 + door)
    return room


def split_room(text: object) -> tuple[str | None, str | None]:
    """A 房号 cell -> (unit, room): "2-501" / "2单元501室" -> ("2单元", "501"); "501" -> (None, "501")."""
    if is_empty(text):
        return None, None
    match = _UNIT_ROOM_RE.fullmatch(cell_text(text))
    if match:
        return normalise_unit(match.group(1)), normalise_room(match.group(2))
    return None, normalise_room(text)


UNNAMED_ESTATE = "未注明小区"
"""The estate an address that names none is filed under (a stored name, shown and exported as it is)."""


def normalise_estate(text: object) -> str | None:
    """Estate name without a trailing 小区: "和平里小区" -> "和平里"; "未注明小区" (UNNAMED_ESTATE, as a
    roster exported it) and "未注明" name no estate, so a re-imported roster finds the same one."""
    if is_empty(text):
        return None
    estate = cell_text(text)
    if estate.endswith("小区") and len(estate) > 2:
        estate = estate[:-2]
    return None if estate == UNNAMED_ESTATE.removesuffix("小区") else estate or None


@dataclass(frozen=True)
class Address:
    estate: str | None = None
    building: str | None = None
    unit: str | None = None
    room: str | None = None

    @property
    def key(self) -> str:
        """The address key "锦绣花园|3号楼|2单元|501" (a missing part is empty)."""
        return "|".join(part or "" for part in (self.estate, self.building, self.unit, self.room))

    @property
    def floor(self) -> int | None:
        """5 for room "501", 11 for "1102"; None for rooms that do not encode a floor."""
        if self.room and self.room.isdigit() and len(self.room) <= _MAX_FLOOR_ROOM_DIGITS and int(self.room) >= 100:
            return int(self.room) // 100
        return None

    @classmethod
    def from_key(cls, key: str) -> Address:
        """Inverse of ``key``: "锦绣花园|3号楼" -> Address("锦绣花园", "3号楼")."""
        parts = [part or None for part in key.split("|")]
        if len(parts) > 4:
            raise ValueError(f"not an address key: {key!r}")
        return cls(*parts)


def _estate_and_rest(text: str, known_estates: Iterable[str]) -> tuple[str | None, str]:
    """Split off the longest known estate name (written with or without 小区) at the start."""
    names = {name for name in map(normalise_estate, known_estates) if name}
    for name in sorted(names, key=len, reverse=True):
        for written in (name + "小区", name):
            if text.startswith(written):
                return name, text[len(written) :]
    return None, text


def _match(text: str, patterns: tuple[re.Pattern[str], ...]) -> Address | None:
    for pattern in patterns:
        match = pattern.fullmatch(text)
        if match:
            parts = match.groupdict()
            building, unit, room = parts.get("b"), parts.get("u"), parts.get("r")
            return Address(
                normalise_estate(parts["estate"]),
                normalise_building(building) if building else None,
                normalise_unit(unit) if unit else None,
                normalise_room(room) if room else None,
            )
    return None


def _parse(
    text: str, known_estates: Iterable[str], patterns: tuple[re.Pattern[str], ...], estate_alone: bool
) -> Address | None:
    if is_empty(text):
        return None
    compact = cell_text(text)
    known, rest = _estate_and_rest(compact, known_estates)
    if known:
        if not rest:
            return Address(known) if estate_alone else None
        found = _match(rest, patterns)
        if found and found.estate is None:
            return replace(found, estate=known)
    return _match(compact, patterns)


def parse_address(text: str, known_estates: Iterable[str] = ()) -> Address | None:
    """A whole address: "锦绣花园小区3栋2单元501室", "锦绣花园3-2-501", "三号楼二单元501" (no estate).

    With ``known_estates`` a known name at the start is taken as the estate, even when it ends in a
    digit; otherwise the estate is whatever precedes the building.
    """
    return _parse(text, known_estates, _FULL_RES, estate_alone=False)


def parse_address_query(text: str, known_estates: Iterable[str] = ()) -> Address | None:
    """What a search box may hold: a full address or a part ("3-2", "3号楼", "3号楼2单元", a known
    estate alone); None when the text does not read as an address."""
    return _parse(text, known_estates, _QUERY_RES, estate_alone=True)
