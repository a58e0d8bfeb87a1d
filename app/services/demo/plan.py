"""The organisation plan: district → 街道 → 社区 → 网格, each community with its household and case
counts, its grids' workers, its secretary and mediator; and the run-wide state every community draws on."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.domain.calendar import WorkCalendar
from app.domain.phones import generate_phone
from app.services.demo.draws import Keys
from app.services.demo.names import adult_name
from app.services.demo.place_tables import (
    COMMUNITY_SUFFIXES,
    COMMUNITY_WORDS,
    DISTRICT_NAME,
    ESTATE_PREFIXES,
    ESTATE_SUFFIXES,
    SUBDISTRICTS,
)

_CN_NUMERALS = "一二三四五六七八九十"


def _cn_ordinal(n: int) -> str:
    if n <= 10:
        return _CN_NUMERALS[n - 1]
    if n < 20:
        return "十" + _CN_NUMERALS[n - 11]
    return _CN_NUMERALS[n // 10 - 1] + "十" + (_CN_NUMERALS[n % 10 - 1] if n % 10 else "")


@dataclass
class Grid:
    id: str
    name: str
    worker: str


@dataclass
class Community:
    index: int
    id: str
    name: str
    subdistrict: str
    households: int
    cases: int
    grids: list[Grid] = field(default_factory=list)
    secretary: str = ""  # 社区书记: dispatches and verifies cases
    mediator: str = ""  # 人民调解员 of the community


def _split(total: int, parts: int, rng: random.Random, spread: float) -> list[int]:
    """``total`` split into ``parts`` positive integers that vary by about ±spread."""
    weights = [1 + rng.uniform(-spread, spread) for _ in range(parts)]
    scale = total / sum(weights)
    sizes = [max(1, int(w * scale)) for w in weights]
    for i in range(total - sum(sizes)):
        sizes[i % parts] += 1
    return sizes


class Generator:
    """What the whole run shares: the seed's random stream, row keys, the ID numbers and case numbers
    handed out so far, the tag dictionary, the working calendar and the estate names still free.
    ``plan`` lays out the organisation; each community's rows come from :mod:`app.services.demo.community`."""

    def __init__(self, seed: int, households: int, today: date, tag_types: dict[str, tuple[str, int | None]],
                 keys: Keys) -> None:
        self.seed = seed
        self.total = households
        self.today = today
        self.today_ord = today.toordinal()
        self.key = keys
        self.tags = tag_types  # tag name -> (tag id, visit_every_days)
        self.rng = random.Random(f"gridledger-demo:{seed}")
        self.used_ids: set[int] = set()
        self.case_seq = 0
        self.calendar = WorkCalendar()  # deadlines and revisits count working days
        self.estate_names = self._estate_name_pool()

    # -- names -----------------------------------------------------------------------------------

    def _estate_name_pool(self) -> dict[str, list[str]]:
        pools = {}
        for kind, suffixes in ESTATE_SUFFIXES.items():
            names = [p + s for p in ESTATE_PREFIXES for s in suffixes]
            random.Random(f"estates:{self.seed}:{kind}").shuffle(names)
            pools[kind] = names
        return pools

    def estate_name(self, kind: str, taken: set[str]) -> str:
        pool = self.estate_names[kind]
        while pool:
            name = pool.pop()
            if name not in taken:
                return name
        n = 2
        base = self.rng.choice(ESTATE_PREFIXES) + self.rng.choice(ESTATE_SUFFIXES[kind])
        while f"{base}{_cn_ordinal(n)}期" in taken:
            n += 1
        return f"{base}{_cn_ordinal(n)}期"

    # -- org -------------------------------------------------------------------------------------

    def plan(self) -> tuple[list[dict[str, Any]], list[Community]]:
        rng = self.rng
        n_comm = 1 if self.total <= 3000 else round(self.total / 2500)
        sizes = [self.total] if n_comm == 1 else _split(self.total, n_comm, rng, 0.18)
        total_cases = max(30, round(self.total / 20))
        cases = [max(1, round(total_cases * s / self.total)) for s in sizes]
        cases[0] = max(cases[0], 30 if n_comm == 1 else min(30, total_cases))
        words = [w + s for w in COMMUNITY_WORDS for s in COMMUNITY_SUFFIXES if w + s != "幸福里"]
        random.Random(f"communities:{self.seed}").shuffle(words)
        names = ["幸福里社区", *(w + "社区" for w in words)]
        n_sub = max(1, -(-n_comm // 12))
        district = self.key()
        rows = [self._org(district, None, "district", DISTRICT_NAME, "01", None)]
        sub_ids = []
        for s in range(n_sub):
            name = SUBDISTRICTS[s] if s < len(SUBDISTRICTS) else f"第{_cn_ordinal(s + 1)}街道"
            sub_ids.append((self.key(), name))
            rows.append(self._org(sub_ids[-1][0], district, "subdistrict", name, f"01{s + 1:02d}", None))
        communities = []
        for c in range(n_comm):
            sub_index = c * n_sub // n_comm
            sub_id, sub_name = sub_ids[sub_index]
            name = names[c] if c < len(names) else f"第{c + 1}社区"
            comm = Community(c, self.key(), name, sub_name, sizes[c], cases[c])
            code = f"01{sub_index + 1:02d}{c + 1:03d}"
            rows.append(self._org(comm.id, sub_id, "community", name, code, None))
            comm.secretary = adult_name(rng)
            comm.mediator = adult_name(rng)
            n_grids = 3 if n_comm == 1 else min(6, max(3, round(sizes[c] / 600 + rng.uniform(-0.5, 0.5))))
            for g in range(n_grids):
                worker = adult_name(rng, male=rng.random() < 0.3)
                grid = Grid(self.key(), f"第{_cn_ordinal(g + 1)}网格", worker)
                comm.grids.append(grid)
                row = self._org(grid.id, comm.id, "grid", grid.name, f"{code}{g + 1:02d}", grid.id)
                row["worker_name"], row["worker_phone"] = worker, generate_phone(rng)
                rows.append(row)
            communities.append(comm)
        return rows, communities

    @staticmethod
    def _org(row_id: str, parent: str | None, level: str, name: str, code: str,
             grid_id: str | None) -> dict[str, Any]:
        return {"id": row_id, "grid_id": grid_id, "parent_id": parent, "level": level, "name": name,
                "code": code, "worker_name": None, "worker_phone": None}
