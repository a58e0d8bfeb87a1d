"""Compile forms/*.ui into app/ui/forms/ui_*.py with pyside6-uic (run after editing a form).

``--check`` compiles into a temporary folder and exits 1 when a generated file is out of date.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "forms"
TARGET = ROOT / "app" / "ui" / "forms"
HEADER = "# Generated from forms/{name} by scripts/compile_forms.py: do not edit by hand.\n"


def _uic() -> str:
    """pyside6-uic beside this Python (a virtualenv that is not activated is not on PATH), else on PATH."""
    beside = Path(sys.executable).with_name("pyside6-uic")
    return str(beside) if beside.exists() else "pyside6-uic"


def compile_all(target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    init = target / "__init__.py"
    init.write_text('"""Classes generated from forms/*.ui (never edited by hand)."""\n', encoding="utf-8")
    written = [init]
    for ui in sorted(FORMS.glob("*.ui")):
        out = target / f"ui_{ui.stem}.py"
        code = subprocess.run([_uic(), "--from-imports", str(ui)], check=True, capture_output=True,
                              text=True).stdout
        lines = code.splitlines()
        while lines and (not lines[0].strip() or lines[0].startswith("#")):
            lines.pop(0)  # uic's banner names the machine's path and version
        out.write_text(HEADER.format(name=ui.name) + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
        written.append(out)
    return written


def main() -> int:
    if "--check" not in sys.argv:
        for path in compile_all(TARGET):
            print(path.relative_to(ROOT))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        stale = [p.name for p in compile_all(Path(tmp))
                 if not (TARGET / p.name).exists() or (TARGET / p.name).read_text("utf-8") != p.read_text("utf-8")]
    if stale:
        print("out of date: " + ", ".join(stale) + " (run python scripts/compile_forms.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
