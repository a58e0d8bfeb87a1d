"""A QR code flowable drawn straight onto the page as one path.

reportlab's ``QrCodeWidget`` encodes the value twice (once for its bounds, once to draw) and builds one
shape object per dark run: about 30 ms per code, most of a household file's time. This uses the same
encoder (reportlab's qrencoder, with the standard's best-mask choice), once, and draws the dark runs
as rectangles of a single path: well under 5 ms.
"""

from __future__ import annotations

from itertools import groupby

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.platypus import Flowable

QUIET_ZONE = 2
"""Modules of white border; printed inside a white table cell, 2 suffices for phone scanners."""
SEAM = 0.05


def qr_modules(value: str, level: str = "M") -> list[list[bool]]:
    """The module matrix (True = dark) of ``value`` at error-correction ``level`` (L, M, Q or H)."""
    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    code.addData(value)
    code.make()
    return [[bool(cell) for cell in row] for row in code.modules]


class QrCode(Flowable):
    def __init__(self, value: str, size: float) -> None:
        super().__init__()
        self.value = value
        self.size = size
        self.modules = qr_modules(value)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        count = len(self.modules)
        box = self.size / (count + 2 * QUIET_ZONE)
        canv = self.canv
        canv.saveState()
        canv.setFillColor(colors.black)
        path = canv.beginPath()
        for r, row in enumerate(self.modules):
            y = self.size - (r + QUIET_ZONE + 1) * box
            c = 0
            for dark, run in groupby(row):
                n = len(list(run))
                if dark:
                    path.rect((c + QUIET_ZONE) * box, y - SEAM, n * box, box + SEAM)  # overlap: no hairline seams
                c += n
        canv.drawPath(path, stroke=0, fill=1)
        canv.restoreState()
