"""What the demo draws from its seed besides plain random numbers: row keys and weighted choices."""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Callable, Sequence
from datetime import datetime
from itertools import accumulate
from typing import Any


class Keys:
    """Deterministic row keys in UUIDv7 layout: a 48-bit millisecond stamp that advances by one per
    key (so keys sort in creation order and inserts append to the index), version 7, variant 10,
    and 74 random bits from the seed."""

    def __init__(self, seed: int, start: datetime) -> None:
        self._bits = random.Random(f"gridledger-demo-keys:{seed}").getrandbits
        self._ms = int(start.timestamp() * 1000)

    def __call__(self) -> str:
        self._ms += 1
        r = self._bits(74)
        h = "%032x" % ((self._ms << 80) | (0x7 << 76) | ((r >> 62) << 64) | (0b10 << 62)
                       | (r & 0x3FFF_FFFF_FFFF_FFFF))
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def chooser(pairs: Sequence[tuple[Any, float]]) -> Callable[[random.Random], Any]:
    """A weighted choice over (value, weight) pairs, cumulative weights computed once."""
    values = [v for v, _ in pairs]
    cum = list(accumulate(w for _, w in pairs))
    total = cum[-1]

    def choose(rng: random.Random) -> Any:
        return values[bisect_right(cum, rng.random() * total)]
    return choose
