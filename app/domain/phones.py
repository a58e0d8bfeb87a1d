"""Mobile phone numbers (RULES.md R13): every number in a cell, in order, without duplicates."""

from __future__ import annotations

import random
import re
import unicodedata

from app.domain.codes import cell_text, is_empty, without_controls

_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?!\d)")
# Prefixes for generated demo numbers. They are ordinary mobile prefixes: the numbers are random,
# not reserved, so demo data must never be used to call or text anyone.
_DEMO_PREFIXES = ("130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156",
                  "158", "159", "176", "177", "180", "181", "186", "187", "188", "189", "199")  # fmt: skip


def normalise_phones(value: object) -> list[str]:
    """All mobile numbers in a cell: "138-1234-5678/13912345678（女儿）" -> two numbers.

    Numeric cells read as their integer (13812345678.0 -> "13812345678"); annotations are dropped.
    """
    if value.__class__ is str and len(value) == 11 and value.isdigit() and value.isascii() \
            and value[0] == "1" and value[1] in "3456789":
        return [value]  # already one plain number, as most cells of a ledger are
    if is_empty(value):
        return []
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = cell_text(value)
    else:
        text = unicodedata.normalize("NFKC", without_controls(str(value)))
    return list(dict.fromkeys("".join(match) for match in _MOBILE.findall(text)))


def generate_phone(rng: random.Random) -> str:
    """A random, fictional-for-demo mobile number (see _DEMO_PREFIXES)."""
    return rng.choice(_DEMO_PREFIXES) + f"{rng.randrange(100_000_000):08d}"
