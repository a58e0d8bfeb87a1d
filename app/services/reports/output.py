"""What a printout produced, writing it safely, and the audit entry every printout leaves behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.roles import UserProfile
from app.services.reports.access import ReportError
from app.services.reports.fonts import Unprintable
from app.store import audit
from app.store.db import Database

Progress = Callable[[str, float], None]
Cancel = Callable[[], bool]


@dataclass
class ReportResult:
    """One written file (or a batch of them: ``files``)."""

    kind: str  # household | building | roster | statistics | grid
    target: str  # what was printed, in words: "嘉禾嘉园3号楼2单元501室"
    path: Path
    pages: int = 0
    households: int = 0
    people: int = 0
    revealed: bool = False
    unprintable: list[Unprintable] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    cancelled: bool = False

    def as_json(self) -> dict[str, object]:
        return {"kind": self.kind, "target": self.target, "out": str(self.path), "pages": self.pages,
                "households": self.households, "people": self.people, "revealed": self.revealed,
                "files": [str(f) for f in self.files], "cancelled": self.cancelled,
                "unprintable": [u.as_json() for u in self.unprintable]}


def record_output(db: Database, user: UserProfile, result: ReportResult, output: str = "file") -> None:
    """The audit entry: who printed what, when, how many people, masked or not (``output``: file|printer)."""
    audit.record(db, user.name, f"report_{result.kind}", result.target, result.people,
                 {"file": str(result.path), "output": output, "role": user.role, "pages": result.pages,
                  "households": result.households, "revealed": result.revealed, "files": len(result.files),
                  "cancelled": result.cancelled, "unprintable": len(result.unprintable)})


@contextmanager
def writing_file(out: Path) -> Iterator[Path]:
    """A temporary file next to ``out`` that replaces it only when the block succeeds, so a failed or
    cancelled printout never leaves half a PDF (or destroys the previous one)."""
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=out.suffix, dir=out.parent)
    except OSError as exc:
        raise ReportError(f"无法写入 {out}：{exc.strerror or exc}。请换一个文件夹或检查权限。") from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, out)
    except OSError as exc:
        raise ReportError(f"无法写入 {out}：{exc.strerror or exc}。文件可能正被其他程序打开，请关闭后重试。") from exc
    finally:
        tmp.unlink(missing_ok=True)
