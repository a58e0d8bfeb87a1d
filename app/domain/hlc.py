"""Hybrid logical clock stamps (DESIGN section 5).

A stamp is a fixed-width string ``<wall ms:13 digits>-<counter:4 hex>-<node:12 hex>`` so that string
order is clock order: the larger stamp wins a concurrent edit, and the node breaks ties.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

MAX_COUNTER = 0xFFFF
NODE_LEN = 12


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    node: str

    def encode(self) -> str:
        return f"{self.wall_ms:013d}-{self.counter:04x}-{self.node}"

    @classmethod
    def decode(cls, text: str) -> Stamp:
        wall, counter, node = text.split("-")
        return cls(int(wall), int(counter, 16), node)


class HybridClock:
    """Issues monotonically increasing stamps for one node, never behind any stamp it has seen."""

    def __init__(self, node: str, last: str | None = None, now_ms: Callable[[], int] | None = None):
        if len(node) != NODE_LEN:
            raise ValueError(f"node id must be {NODE_LEN} hex characters")
        self.node = node
        self._now_ms = now_ms or (lambda: time.time_ns() // 1_000_000)
        self._last = Stamp.decode(last) if last else Stamp(0, 0, node)

    @property
    def last(self) -> str:
        return self._last.encode()

    def tick(self) -> str:
        wall = self._now_ms()
        if wall > self._last.wall_ms:
            self._last = Stamp(wall, 0, self.node)
        else:
            self._last = self._advance(self._last.wall_ms, self._last.counter + 1)
        return self._last.encode()

    def receive(self, remote: str) -> str:
        """Merge a stamp seen from elsewhere so later local stamps sort after it."""
        other = Stamp.decode(remote)
        wall = self._now_ms()
        top = max(wall, self._last.wall_ms, other.wall_ms)
        if top == self._last.wall_ms == other.wall_ms:
            counter = max(self._last.counter, other.counter) + 1
        elif top == self._last.wall_ms:
            counter = self._last.counter + 1
        elif top == other.wall_ms:
            counter = other.counter + 1
        else:
            counter = 0
        self._last = self._advance(top, counter)
        return self._last.encode()

    def _advance(self, wall: int, counter: int) -> Stamp:
        if counter > MAX_COUNTER:
            return Stamp(wall + 1, 0, self.node)
        return Stamp(wall, counter, self.node)
