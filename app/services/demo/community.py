"""All rows of one community, from its own random stream: the parts run in order, each building on the
indexes the ones before left in the shared chunk state."""

from __future__ import annotations

import random
from typing import Any

from app.services.demo.care import CarePart
from app.services.demo.casework import CaseworkPart
from app.services.demo.people import PeoplePart
from app.services.demo.places import PlacesPart
from app.services.demo.plan import Community, Generator
from app.store.models import SyncedRow


class Chunk(PlacesPart, PeoplePart, CarePart, CaseworkPart):
    """The rows of one community, generated in memory and written in one go."""


def community_rows(gen: Generator, comm: Community) -> dict[type[SyncedRow], list[dict[str, Any]]]:
    """Every row of ``comm`` per table; the same seed and plan always give the same rows."""
    rng = random.Random(f"gridledger-demo:{gen.seed}:{comm.index}")
    chunk = Chunk(gen, comm, rng)
    chunk.places()
    chunk.households()
    chunk.special_groups()
    chunk.visits()
    chunk.cases()
    return chunk.rows
