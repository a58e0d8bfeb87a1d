"""The fonts of printed files and the check that every character can be printed (DESIGN section 8).

The bundled Noto Sans SC Regular and Bold are embedded as TrueType subsets, so a PDF prints the same on
a PC without any Chinese font. reportlab draws nothing, without an error, for a character the font
lacks (a rare name character such as 𠮷 from CJK Extension B), and it garbles characters outside the
Basic Multilingual Plane even when the font has them. :class:`GlyphCheck` therefore passes every string
through the fonts' character map, replaces what cannot be drawn with 〓 — the typesetter's mark for a
missing character, a visible gap the secretary can fill in by hand, never an empty box — and collects
the names that were affected so the user is told which ones.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.paths import resources_dir

FONT = "NotoSansSC"
FONT_BOLD = "NotoSansSC-Bold"
FONT_FILES = {FONT: "NotoSansSC-Regular.ttf", FONT_BOLD: "NotoSansSC-Bold.ttf"}
MISSING_MARK = "〓"
MISSING_NOTE = f"注：{MISSING_MARK} 表示字库中没有的生僻字，请对照户籍资料手工补写。"
_BMP_END = 0xFFFF  # reportlab's TrueType subsetting handles only the Basic Multilingual Plane

_lock = threading.Lock()


def register_fonts() -> None:
    """Register the bundled fonts with reportlab (once per process; safe from worker threads)."""
    with _lock:
        if FONT in pdfmetrics.getRegisteredFontNames():
            return
        for name, filename in FONT_FILES.items():
            path = resources_dir() / "fonts" / filename
            if not path.exists():
                raise FileNotFoundError(f"缺少字体文件 {path}，请重新安装网格台账。")
            pdfmetrics.registerFont(TTFont(name, str(path)))
        for bold, italic in ((0, 0), (0, 1)):
            addMapping(FONT, bold, italic, FONT)
        for bold, italic in ((1, 0), (1, 1)):
            addMapping(FONT, bold, italic, FONT_BOLD)
        # Drawings (QR codes, chart labels) start from reportlab's base font, Helvetica, which is never
        # embedded; every font in a printed file must be ours.
        rl_config.canvas_basefontname = FONT
        rl_config.defaultGraphicsFontName = FONT


@cache
def _printable_codepoints() -> frozenset[int]:
    """Characters both fonts can draw (a name may be set in bold in a heading)."""
    register_fonts()
    maps = [pdfmetrics.getFont(name).face.charToGlyph for name in FONT_FILES]  # type: ignore[attr-defined]
    common = set(maps[0]).intersection(*maps[1:])
    return frozenset(cp for cp in common if cp <= _BMP_END)


def _ignorable(ch: str) -> bool:
    """Line breaks, tabs and format characters: layout, not glyphs."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")


def missing_chars(text: str) -> list[str]:
    """The distinct characters of ``text`` the fonts cannot draw, in order of appearance."""
    cmap = _printable_codepoints()
    return list(dict.fromkeys(ch for ch in text if ord(ch) not in cmap and not _ignorable(ch)))


@dataclass(frozen=True)
class Unprintable:
    """A string that contains characters the fonts cannot draw, and where it appears."""

    text: str
    chars: tuple[str, ...]
    where: str

    @property
    def message(self) -> str:
        codes = "、".join(f"{ch}（U+{ord(ch):04X}）" for ch in self.chars)
        return f"{self.where}：“{self.text}”中的 {codes} 字库中没有，已印为 {MISSING_MARK}"

    def as_json(self) -> dict[str, object]:
        return {"text": self.text, "chars": [f"U+{ord(ch):04X}" for ch in self.chars], "where": self.where,
                "message": self.message}


@dataclass
class GlyphCheck:
    """Makes strings printable and remembers which ones were not (each string and place once)."""

    found: list[Unprintable] = field(default_factory=list)
    hits: int = 0
    """Strings replaced so far, repeats included (a caller compares it before and after)."""
    _seen: set[tuple[str, str]] = field(default_factory=set)

    def __call__(self, text: str | None, where: str) -> str:
        if not text:
            return ""
        cmap = _printable_codepoints()
        if all(ord(ch) in cmap for ch in text):  # the common case, without building lists
            return text
        missing = missing_chars(text)
        if not missing:
            return text
        self.hits += 1
        if (text, where) not in self._seen:
            self._seen.add((text, where))
            self.found.append(Unprintable(text, tuple(missing), where))
        return "".join(MISSING_MARK if ch in missing else ch for ch in text)
