"""Shared page furniture for printed files: styles, tables, headers and footers, "第 N 页 共 M 页".

A page's total is known only when the document ends, so :class:`DeferredCanvas` keeps every laid-out
page and draws headers, footers, page numbers, contents-page numbers and bookmarks in a second pass
over the finished pages (the classic reportlab "numbered canvas"): one layout, no second build. A
document may hold several sections (one household file after another); each section counts its own
pages, so every household's file in a building volume reads "第 1 页 共 2 页" and can be filed alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle

from app.services.reports.fonts import FONT, FONT_BOLD, register_fonts

INK = colors.HexColor("#1F2933")
GREY = colors.HexColor("#5F6B7A")
LINE = colors.HexColor("#8A96A3")
HEADER_BG = colors.HexColor("#E4EBF2")
LABEL_BG = colors.HexColor("#F2F5F8")
ALERT = colors.HexColor("#B42318")

CELL_SIZE = 8.5
CELL_LEADING = 11
PAD = 3
CELL_LINES = 20
"""The most lines a table cell prints; longer text is cut with "…". A cell taller than a page cannot be laid
out at all, and reportlab then gives up on the whole printout (a pasted paragraph in one note did)."""

MARGIN_X = 16 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 17 * mm


REVEALED_ALERT = "含完整身份证号和电话，严禁外传"


class ReportCancelled(Exception):
    """The user cancelled a long printout; the partial file is removed."""


def _style(name: str, **kw: Any) -> ParagraphStyle:
    base: dict[str, Any] = {"fontName": FONT, "fontSize": CELL_SIZE, "leading": CELL_LEADING, "textColor": INK,
                            "wordWrap": "CJK"}
    return ParagraphStyle(name, **(base | kw))


TITLE = _style("title", fontName=FONT_BOLD, fontSize=20, leading=26, alignment=TA_CENTER, spaceAfter=2)
SUBTITLE = _style("subtitle", fontSize=9.5, leading=13, alignment=TA_CENTER, textColor=GREY, spaceAfter=6)
HEADING = _style("heading", fontName=FONT_BOLD, fontSize=11, leading=15, spaceBefore=9, spaceAfter=4)
BODY = _style("body", fontSize=9.5, leading=14)
NOTE = _style("note", fontSize=8.5, leading=12, textColor=GREY, spaceBefore=4)
CELL = _style("cell")
CELL_BOLD = _style("cell_bold", fontName=FONT_BOLD)


def para(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def fit(text: str | Flowable, width: float, style: ParagraphStyle = CELL) -> str | Flowable:
    """A plain string when it fits the column on one line (fast to lay out), else a wrapping paragraph;
    a flowable stays as it is."""
    if not isinstance(text, str):
        return text
    if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= width - 2 * PAD:
        return text
    return para(_clipped(text, width - 2 * PAD, style), style)


def _clipped(text: str, width: float, style: ParagraphStyle) -> str:
    """``text`` cut to about CELL_LINES lines of ``width`` (wrapped lines estimated by their width)."""
    left = CELL_LINES
    kept: list[str] = []
    for line in text.split("\n"):
        needed = max(1, math.ceil(stringWidth(line, style.fontName, style.fontSize) / width))
        if needed > left:
            kept.append(line[:max(len(line) * left // needed - 1, 0)] + "…")
            return "\n".join(kept)
        kept.append(line)
        left -= needed
    return text


TEXT_STYLE = [
    ("FONTNAME", (0, 0), (-1, -1), FONT),
    ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
    ("LEADING", (0, 0), (-1, -1), CELL_LEADING),
    ("TEXTCOLOR", (0, 0), (-1, -1), INK),
]
"""Every table states its font: a cell's default is Helvetica, which is never embedded."""

BASE_TABLE = [
    *TEXT_STYLE,
    ("GRID", (0, 0), (-1, -1), 0.5, LINE),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), PAD),
    ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ("TOPPADDING", (0, 0), (-1, -1), 3.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
]


def data_table(header: Sequence[str], rows: Sequence[Sequence[str | Flowable]], widths: Sequence[float], *,
               center: Sequence[int] = (), empty: str = "无", marked: Sequence[int] = (),
               extra: Sequence[tuple[Any, ...]] = ()) -> Table:
    """A ruled table whose header row repeats on every page it spans.

    ``center``: column indexes centred; ``marked``: row indexes (0 = first data row) printed in the alert
    colour (an overdue case); ``extra``: more TableStyle commands.
    """
    body: list[list[Any]] = [[fit(h, w, CELL_BOLD) for h, w in zip(header, widths, strict=True)]]
    body += [[fit(value, w) for value, w in zip(row, widths, strict=True)] for row in rows]
    style = [*BASE_TABLE, ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD), ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
             ("ALIGN", (0, 0), (-1, 0), "CENTER")]
    style += [("ALIGN", (c, 1), (c, -1), "CENTER") for c in center]
    style += [("TEXTCOLOR", (0, r + 1), (-1, r + 1), ALERT) for r in marked]
    if not rows:
        body.append([empty] + [""] * (len(widths) - 1))
        style += [("SPAN", (0, 1), (-1, 1)), ("ALIGN", (0, 1), (-1, 1), "CENTER"), ("TEXTCOLOR", (0, 1), (-1, 1), GREY)]
    table = Table(body, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style + list(extra)))
    return table


def label_table(pairs: Sequence[tuple[str, str]], widths: Sequence[float], wide: frozenset[str] = frozenset()
                ) -> Table:
    """Label/value pairs, two pairs per row; a label in ``wide`` takes a whole row."""
    label_w, value_w = widths[0], widths[1]
    full_w = sum(widths) - label_w
    rows: list[list[Any]] = []
    spans: list[int] = []
    pending: list[Any] = []
    for label, value in pairs:
        if label in wide:
            if pending:
                rows.append([*pending, "", ""])
                pending = []
            spans.append(len(rows))
            rows.append([label, fit(value, full_w), "", ""])
        else:
            pending += [label, fit(value, value_w)]
            if len(pending) == 4:
                rows.append(pending)
                pending = []
    if pending:
        rows.append([*pending, "", ""])
    style = [*BASE_TABLE, ("BACKGROUND", (0, 0), (0, -1), LABEL_BG), ("FONTNAME", (0, 0), (0, -1), FONT_BOLD),
             ("FONTNAME", (2, 0), (2, -1), FONT_BOLD)]
    for r, row in enumerate(rows):
        if r in spans:
            style.append(("SPAN", (1, r), (3, r)))
        elif row[2]:
            style.append(("BACKGROUND", (2, r), (2, r), LABEL_BG))
    table = Table(rows, colWidths=list(widths), hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def signatures(roles: Sequence[str], width: float) -> Table:
    """"网格员（签字）：______ 日期：　　年　　月　　日" for each role, side by side."""
    labels = [f"{role}（签字）：" for role in roles]
    label_w = [stringWidth(text, FONT, CELL_SIZE) + 2 * PAD + 2 for text in labels]
    blank_w = (width - sum(label_w)) / len(roles)
    widths = [w for lw in label_w for w in (lw, blank_w)]
    rows = [[cell for text in labels for cell in (text, "")],
            [cell for _role in roles for cell in ("日期：", "　　　　年　　月　　日")]]
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([*TEXT_STYLE, ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("TOPPADDING", (0, 0), (-1, -1), 14),
                               *[("LINEBELOW", (c, 0), (c, 0), 0.6, LINE) for c in range(1, len(widths), 2)],
                               *[("ALIGN", (c, 0), (c, -1), "RIGHT") for c in range(0, len(widths), 2)]]))
    return table


# --- sections, deferred decoration ---------------------------------------------------------------

@dataclass(frozen=True)
class Section:
    """A run of pages with its own header and its own "第 N 页 共 M 页"."""

    key: str
    header_left: str
    header_right: str
    outline: str | None = None
    """Bookmark title in the PDF's outline (None: no bookmark)."""


@dataclass(frozen=True)
class PageInfo:
    printed_by: str
    printed_on: date
    global_numbers: bool = False
    """Also print "总第 X 页" (a volume with a contents page that refers to these numbers)."""
    alert: str | None = None
    """A line in the header's colour of warning (a printout with full ID numbers)."""

    @classmethod
    def for_print(cls, printed_by: str, revealed: bool, *, global_numbers: bool = False) -> PageInfo:
        """Printed today (the reference date of ages and deadlines may differ: ``on``)."""
        return cls(printed_by, date.today(), global_numbers, REVEALED_ALERT if revealed else None)


class SectionStart(Flowable):
    """Marks where a section begins; ``on_start`` runs when layout reaches it (progress, cancel)."""

    def __init__(self, section: Section, on_start: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.section = section
        self.on_start = on_start

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canv: DeferredCanvas = self.canv  # type: ignore[assignment]
        canv.gl_section = self.section
        canv.gl_marks.append(self.section)
        if self.on_start:
            self.on_start()


class PageRef(Flowable):
    """The first page number of a section, centred in its table cell, filled in once every page is laid
    out (contents pages). The baseline matches the plain-string cells of the same row."""

    def __init__(self, key: str, width: float) -> None:
        super().__init__()
        self.key = key
        self.width = width
        self.height = CELL_SIZE + 2

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv: DeferredCanvas = self.canv  # type: ignore[assignment]
        x, y = canv.absolutePosition(self.width / 2, (CELL_LEADING + self.height) / 2 - CELL_SIZE)
        canv.gl_refs.append((x, y, self.key))


class DeferredCanvas(Canvas):
    """Keeps every page until :meth:`save`, then decorates each with what only the whole document knows."""

    def __init__(self, *args: Any, info: PageInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.info = info
        self.gl_pages: list[dict[str, Any]] = []
        self.gl_section: Section | None = None
        self.gl_marks: list[Section] = []
        self.gl_refs: list[tuple[float, float, str]] = []

    def showPage(self) -> None:
        self.gl_pages.append(dict(self.__dict__))
        self.gl_marks, self.gl_refs = [], []
        self._startPage()

    def save(self) -> None:
        pages = self.gl_pages
        keys = [state["gl_section"].key if state["gl_section"] else "" for state in pages]
        first: dict[str, int] = {}
        count: dict[str, int] = {}
        for index, key in enumerate(keys):
            first.setdefault(key, index)
            count[key] = count.get(key, 0) + 1
        outlined = False
        for index, state in enumerate(pages):
            self.__dict__.update(state)
            section: Section | None = state["gl_section"]
            key = keys[index]
            self._decorate(section, index - first[key] + 1, count[key], index + 1, len(pages))
            for x, y, ref in state["gl_refs"]:
                self.setFont(FONT, CELL_SIZE)
                self.setFillColor(INK)
                self.drawCentredString(x, y, str(first[ref] + 1) if ref in first else "")
            for mark in state["gl_marks"]:
                if mark.outline:
                    self.bookmarkPage(mark.key)
                    self.addOutlineEntry(mark.outline, mark.key, level=0)
                    outlined = True
            Canvas.showPage(self)
        if outlined:
            self.showOutline()
        Canvas.save(self)

    def _decorate(self, section: Section | None, n: int, total: int, page: int, pages: int) -> None:
        width, height = self._pagesize
        info = self.info
        self.saveState()
        self.setStrokeColor(LINE)
        self.setLineWidth(0.6)
        top = height - 12 * mm
        self.setFont(FONT, 8)
        self.setFillColor(GREY)
        if section:
            self.drawString(MARGIN_X, top + 1.5 * mm, section.header_left)
            self.drawRightString(width - MARGIN_X, top + 1.5 * mm, section.header_right)
        if info.alert:
            self.setFillColor(ALERT)
            self.drawCentredString(width / 2, top + 1.5 * mm, info.alert)
            self.setFillColor(GREY)
        self.line(MARGIN_X, top, width - MARGIN_X, top)
        bottom = 10 * mm
        self.line(MARGIN_X, bottom + 4 * mm, width - MARGIN_X, bottom + 4 * mm)
        self.drawString(MARGIN_X, bottom, f"打印人：{info.printed_by}　打印日期：{info.printed_on:%Y年%m月%d日}")
        self.setFont(FONT, 9)
        self.setFillColor(INK)
        self.drawCentredString(width / 2, bottom, f"第 {n} 页 共 {total} 页")
        if info.global_numbers:
            self.setFont(FONT, 8)
            self.setFillColor(GREY)
            self.drawRightString(width - MARGIN_X, bottom, f"总第 {page} 页 / 共 {pages} 页")
        self.restoreState()


def build_pdf(target: Path | IO[bytes], story: list[Flowable], *, info: PageInfo, title: str,
              pagesize: tuple[float, float] = A4) -> int:
    """Lay out ``story`` into ``target`` (a path or a binary stream) and return the number of pages."""
    register_fonts()
    doc = BaseDocTemplate(str(target) if isinstance(target, Path) else target, pagesize=pagesize,
                          leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                          bottomMargin=MARGIN_BOTTOM, title=title, author=info.printed_by, creator="网格台账",
                          initialFontName=FONT, initialFontSize=CELL_SIZE, pageCompression=1)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=pagesize)])
    doc.build(story, canvasmaker=partial(DeferredCanvas, info=info))
    return int(doc.page)
