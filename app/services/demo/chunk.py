"""One community's rows while they are made: the tables filled so far and the indexes each part of the
generator leaves for the next (places → households and people → care → casework)."""

from __future__ import annotations

import random
from typing import Any

from app.services.demo.plan import Community, Generator
from app.store.models import (
    Building,
    Case,
    CaseEvent,
    CaseParty,
    DisputeDetail,
    Estate,
    House,
    Household,
    MediationSession,
    Membership,
    Person,
    PersonTag,
    SyncedRow,
    Unit,
    Visit,
)

# Parents before children: the order in which one community's rows are written.
WRITE_ORDER: tuple[type[SyncedRow], ...] = (Estate, Building, Unit, House, Household, Person, Membership, PersonTag,
                                            Visit, Case, CaseEvent, CaseParty, DisputeDetail, MediationSession)


class ChunkState:
    """The rows of one community, generated in memory and written in one go.

    The parts (``PlacesPart``, ``PeoplePart``, ``CarePart``, ``CaseworkPart``, one module each) extend
    this class and share its state; ``community.Chunk`` puts them together."""

    def __init__(self, gen: Generator, comm: Community, rng: random.Random) -> None:
        self.gen = gen
        self.comm = comm
        self.rng = rng
        self.key = gen.key
        self.today = gen.today
        self.rows: dict[type[SyncedRow], list[dict[str, Any]]] = {m: [] for m in WRITE_ORDER}
        self.worker = {g.id: g.worker for g in comm.grids}
        # Filled by places(): building tuples and house index (for households and cases).
        self.buildings: list[dict[str, Any]] = []
        # building id -> (estate name, property company, building name); its houses
        self.building_info: dict[str, tuple[str, str | None, str]] = {}
        self.building_houses: dict[str, list[dict[str, Any]]] = {}
        self.houses: list[dict[str, Any]] = []
        self.house_unit: dict[str, int] = {}
        # Filled by households(): adults at home per house (for cases), and (person, age, household)
        # for tags and visits.
        self.residents: dict[str, list[tuple[str, str, int]]] = {}  # house id -> (person id, name, age)
        self.people: list[tuple[dict[str, Any], int, dict[str, Any]]] = []
        # Filled by special_groups(): person id -> names of the tags in force (for visits).
        self.tagged: dict[str, list[str]] = {}
