"""The 楼盘表 (building map): floors top first, by unit and door, each house with its badges."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from app.services.visits import VisitService
from app.store import building_map as store
from app.store.db import Database

USES = ("自住", "出租", "空置", "商用")


@dataclass(frozen=True)
class MapCell:
    cell: store.HouseCell
    open_cases: int
    overdue_visits: int

    @property
    def use(self) -> str:
        if self.cell.use in USES:
            return self.cell.use
        return "空置" if self.cell.households == 0 else "自住"


@dataclass
class BuildingMap:
    header: store.BuildingHeader
    units: list[tuple[int | None, str]]  # (number, name) in order
    doors: dict[int | None, int]  # doors per floor in each unit
    floors: list[int]  # top floor first
    cells: dict[tuple[int | None, int, int], MapCell] = field(default_factory=dict)  # (unit, floor, door)
    unplaced: list[MapCell] = field(default_factory=list)  # houses without a floor/room layout

    def counts(self) -> dict[str, int]:
        every = [*self.cells.values(), *self.unplaced]
        uses = Counter(c.use for c in every)
        return {
            "houses": len(every), **{u: uses.get(u, 0) for u in USES},
            "households": sum(c.cell.households for c in every),
            "people": sum(c.cell.members for c in every),
            "tagged": sum(c.cell.tagged for c in every),
            "open_cases": sum(c.open_cases for c in every),
            "overdue_visits": sum(c.overdue_visits for c in every),
        }


def _door(cell: store.HouseCell) -> int | None:
    """Door number within a floor: room 1203 on floor 12 is door 3."""
    if not cell.room.isdigit() or cell.floor is None:
        return None
    room = int(cell.room)
    return room - cell.floor * 100 if room // 100 == cell.floor else None


class BuildingMapService:
    """Houses from the store; open cases and overdue care visits from the case and visit services, so the
    badges mean exactly what the case board and the care schedule mean."""

    def __init__(self, db: Database, visits: VisitService | None = None):
        self.db = db
        self.visits = visits or VisitService(db)

    def load(self, building_id: str) -> BuildingMap | None:
        with self.db.engine.connect() as conn:
            header = store.building_header(conn, building_id)
            if header is None:
                return None
            cells = store.house_cells(conn, building_id)
        overdue = self.visits.overdue_care_per_house(building_id)
        open_cases = self.visits.cases.open_cases_per_house(building_id)
        units: dict[int | None, str] = {}
        doors: dict[int | None, int] = {}
        floors: set[int] = set()
        result = BuildingMap(header, [], doors, [])
        for cell in cells:
            mapped = MapCell(cell, open_cases.get(cell.house_id, 0), overdue.get(cell.house_id, 0))
            door = _door(cell)
            units.setdefault(cell.unit, cell.unit_name or "")
            if door is None or door < 1 or cell.floor is None:
                result.unplaced.append(mapped)
                continue
            floors.add(cell.floor)
            doors[cell.unit] = max(doors.get(cell.unit, 0), door)
            result.cells[cell.unit, cell.floor, door] = mapped
        result.units = list(units.items())
        top = max([*floors, header.floors or 0]) if floors or header.floors else 0
        result.floors = list(range(top, 0, -1)) if top else []
        return result
