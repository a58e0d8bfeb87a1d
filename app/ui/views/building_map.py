"""楼盘表: a building drawn as floors (top first) by unit and door, one coloured cell per house.

Painted by hand rather than built from widgets so a 33-floor, 6-unit tower (≈800 houses) draws in a few
milliseconds and stays readable; the cell size adapts to the building, the view scrolls when needed.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QToolTip, QVBoxLayout, QWidget

from app.services.building_map import USES, BuildingMap, MapCell

USE_COLOURS = {"自住": "#cfe8cf", "出租": "#cfe0f5", "空置": "#e6e6e6", "商用": "#f8e2bf"}
BADGES = (("tagged", "特", "#c0392b"), ("open_cases", "事", "#d35400"), ("overdue", "访", "#7d3c98"))
FLOOR_LABEL_W = 44
HEADER_H = 28
GAP = 10


class BuildingCanvas(QWidget):
    """The painted grid; emits the house (and its household, if any) that was clicked."""

    house_clicked = Signal(str, str)  # house_id, household_id ("" when vacant)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self._map: BuildingMap | None = None
        self._rects: list[tuple[QRect, MapCell]] = []
        self.cell_w, self.cell_h = 92, 40

    def set_map(self, building: BuildingMap) -> None:
        self._map = building
        tall = len(building.floors) > 18
        self.cell_h = 26 if tall else 40
        self.cell_w = 76 if sum(building.doors.values()) > 12 else 92
        self._layout()
        self.update()

    def _layout(self) -> None:
        self._rects = []
        m = self._map
        if m is None:
            return
        x = FLOOR_LABEL_W
        self._unit_x: list[tuple[int, int, str]] = []
        for unit, name in m.units:
            doors = m.doors.get(unit, 0)
            if not doors:
                continue
            self._unit_x.append((x, doors, name))
            for row, floor in enumerate(m.floors):
                for door in range(1, doors + 1):
                    cell = m.cells.get((unit, floor, door))
                    if cell is not None:
                        rect = QRect(x + (door - 1) * self.cell_w, HEADER_H + row * self.cell_h,
                                     self.cell_w - 3, self.cell_h - 3)
                        self._rects.append((rect, cell))
            x += doors * self.cell_w + GAP
        self.setMinimumSize(QSize(x, HEADER_H + len(m.floors) * self.cell_h + 4))

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def cell_at(self, pos: QPoint) -> MapCell | None:
        return next((cell for rect, cell in self._rects if rect.contains(pos)), None)

    def paintEvent(self, _event: QPaintEvent) -> None:
        m = self._map
        if m is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = self.font()
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() - 2, 7))
        bold = QFont(base)
        bold.setBold(True)
        p.setFont(bold)
        for x, doors, name in self._unit_x:
            p.drawText(QRect(x, 0, doors * self.cell_w, HEADER_H - 4), Qt.AlignmentFlag.AlignCenter, name)
        p.setFont(small)
        for row, floor in enumerate(m.floors):
            p.drawText(QRect(0, HEADER_H + row * self.cell_h, FLOOR_LABEL_W - 6, self.cell_h - 3),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{floor}层")
        for rect, cell in self._rects:
            self._paint_cell(p, rect, cell, base, small)
        p.end()

    def _paint_cell(self, p: QPainter, rect: QRect, cell: MapCell, base: QFont, small: QFont) -> None:
        p.setPen(QPen(QColor("#9a9a9a")))
        p.setBrush(QColor(USE_COLOURS[cell.use]))
        p.drawRoundedRect(rect, 3, 3)
        p.setPen(QColor("#222222"))
        p.setFont(base)
        inner = rect.adjusted(4, 1, -4, -1)
        if self.cell_h >= 36:
            p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, cell.cell.room)
            p.setFont(small)
            p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, cell.cell.head_name or "")
        else:
            p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, cell.cell.room)
        counts = {"tagged": cell.cell.tagged, "open_cases": cell.open_cases, "overdue": cell.overdue_visits}
        x = rect.right() - 2
        p.setFont(small)
        for key, letter, colour in reversed(BADGES):
            if counts[key]:
                size = min(16, self.cell_h // 2)
                badge = QRect(x - size, rect.top() + 2, size, size)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(colour))
                p.drawEllipse(badge)
                p.setPen(QColor("white"))
                p.drawText(badge, Qt.AlignmentFlag.AlignCenter, letter)
                x -= size + 1

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is None:
            QToolTip.hideText()
            return
        c = cell.cell
        lines = [f"{c.unit_name or ''}{c.room}　{cell.use}"]
        if c.households:
            several = f"（{c.households}户）" if c.households > 1 else ""
            lines.append(f"户主：{c.head_name or '未登记'}　{c.members}人{several}")
        else:
            lines.append("无住户")
        if c.tagged:
            lines.append(f"特殊人群 {c.tagged} 人")
        if cell.open_cases:
            lines.append(f"未办结事件 {cell.open_cases} 件")
        if cell.overdue_visits:
            lines.append(f"走访逾期 {cell.overdue_visits} 人")
        QToolTip.showText(event.globalPosition().toPoint(), "\n".join(lines), self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self.house_clicked.emit(cell.cell.house_id, cell.cell.household_id or "")


class BuildingMapView(QWidget):
    """The canvas in a scroll area, with the building's header, a legend and its counts beside it."""

    print_requested = Signal(str)  # building id
    case_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.building_id: str | None = None
        self.canvas = BuildingCanvas()
        scroll = QScrollArea()
        scroll.setWidget(self.canvas)
        scroll.setWidgetResizable(False)
        scroll.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.legend.setMinimumWidth(170)
        side = QVBoxLayout()
        side.addWidget(self.legend)
        for text, signal in (("打印楼栋台账…", self.print_requested), ("登记本楼事件…", self.case_requested)):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, s=signal: self.building_id and s.emit(self.building_id))
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(scroll, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(body, 1)

    def show_map(self, building: BuildingMap) -> None:
        h = building.header
        self.building_id = h.id
        self.title.setText(f"{h.estate}{h.name}　{h.building_type or ''}　{len(building.floors)}层"
                           f"　{len(building.units)}个单元　楼长：{h.head_name or '未设'}")
        self.canvas.set_map(building)
        counts = building.counts()
        swatches = "".join(
            f"<tr><td style='background:{USE_COLOURS[u]}; border:1px solid #999'>&nbsp;&nbsp;&nbsp;&nbsp;</td>"
            f"<td>&nbsp;{u}</td><td align='right'>{counts[u]}</td></tr>" for u in USES)
        badges = "".join(
            f"<tr><td><span style='color:{colour}; font-weight:bold'>●{letter}</span></td>"
            f"<td>&nbsp;{label}</td><td align='right'>{counts[key]}</td></tr>"
            for (key, letter, colour), label, key in zip(BADGES, ("特殊人群（人）", "未办结事件", "走访逾期（人）"),
                                                         ("tagged", "open_cases", "overdue_visits"), strict=True))
        extra = f"<p>另有 {len(building.unplaced)} 套房屋无楼层信息</p>" if building.unplaced else ""
        self.legend.setText(
            f"<b>图例与统计</b><table cellspacing='3'>{swatches}{badges}</table>"
            f"<p>房屋 {counts['houses']} 套<br>住户 {counts['households']} 户<br>居民 {counts['people']} 人</p>{extra}")
