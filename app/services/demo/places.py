"""Places of one community: estates of the three types, their buildings, units and houses."""

from __future__ import annotations

from typing import Any

from app.domain.addresses import building_name
from app.domain.phones import generate_phone
from app.services.demo.chunk import ChunkState
from app.services.demo.draws import chooser
from app.services.demo.names import adult_name
from app.services.demo.place_tables import (
    AREAS,
    ESTATE_TYPES,
    MIN_FLOORS,
    MIN_UNITS,
    PROPERTY_COMPANIES,
    SHOPS,
    USE_CHOOSERS,
)
from app.store.models import Building, Estate, House, Unit


class PlacesPart(ChunkState):
    """Fills estates, buildings, units and houses, and the building and house indexes the later parts
    place households and cases by."""

    def places(self) -> None:
        """Estates of the three types, buildings, units and houses, until the occupied houses (with a
        few holding two households) fit the community's household count."""
        rng, gen, comm = self.rng, self.gen, self.comm
        target = comm.households - round(comm.households * 0.03)  # occupied houses wanted
        type_choice = chooser([(t, spec[0]) for t, spec in ESTATE_TYPES.items()])
        first_types = ["老旧住宅", "商品房", "回迁安置"]
        rng.shuffle(first_types)
        taken: set[str] = set()
        occupied = 0
        # No building is larger than a grid's share, so that every grid gets buildings.
        per_grid = max(10, target // len(comm.grids))
        while occupied < target:
            index = len(self.rows[Estate])
            kind = first_types[index] if index < 3 else type_choice(rng)
            _w, (lo, hi), (y0, y1), rates = ESTATE_TYPES[kind]
            budget = rng.randint(lo, hi)
            if index < 3:  # at least three estates, one of each type, even in a small community
                budget = min(budget, max(40, int(target / 0.86 / 3)))
            name = gen.estate_name(kind, taken)
            taken.add(name)
            company = None if kind == "老旧住宅" and rng.random() < 0.6 else rng.choice(PROPERTY_COMPANIES)
            estate = {"id": self.key(), "grid_id": None, "community_id": comm.id, "name": name,
                      "estate_type": kind, "property_company": company, "built_year": rng.randint(y0, y1)}
            self.rows[Estate].append(estate)
            occ_rate = rates[0] + rates[1]
            number = 0
            while budget > 0 and occupied < target:
                number += 1
                wanted = min(budget, int((target - occupied) / occ_rate) + 2, per_grid)
                floors, units, per_floor = self._shape(kind, wanted)
                grid = comm.grids[min(len(comm.grids) - 1, occupied * len(comm.grids) // target)]
                occupied += self._building(estate, kind, number, floors, units, per_floor, grid.id)
                budget -= floors * units * per_floor
                rest = (target - occupied) / occ_rate
                if index >= 2 and budget <= 0 and 0 < rest < 150:  # too few flats left for another estate
                    budget = int(rest) + 2
        # The last building may overshoot a little: fewer flats hold two households, and what is
        # still too many stands empty.
        lived_in = [h for h in self.houses if h["use"] in ("自住", "出租")]
        for house in rng.sample(lived_in, max(0, occupied - comm.households)):
            house["use"] = "空置"
        for house in self.houses:
            if house["use"] != "自住":
                house["owner_name"] = adult_name(rng)
        self.rows[House] = self.houses

    def _shape(self, kind: str, wanted: int) -> tuple[int, int, int]:
        """(floors, units, flats per floor) of a new building of this type, made smaller (within the
        type's limits) when it would have more than ``wanted`` flats."""
        rng = self.rng
        if kind == "老旧住宅":  # walk-ups, no lift
            floors, units, per_floor = rng.choice((5, 6, 6, 6, 7)), rng.randint(2, 4), 2
        elif kind == "回迁安置":
            floors, units, per_floor = rng.randint(11, 18), rng.randint(2, 3), rng.choice((2, 2, 3, 4))
        else:
            floors = rng.choice((6, 11, 18, 26, 32, 33))
            if floors >= 26:  # towers
                units, per_floor = rng.randint(1, 2), rng.choice((2, 3, 4))
            else:  # slabs and low-rise
                units, per_floor = rng.randint(2, 6 if floors >= 11 else 4), 2
        if floors * units * per_floor > wanted:
            units = max(MIN_UNITS[kind], min(units, -(-wanted // (floors * per_floor))))
            floors = max(MIN_FLOORS[kind], min(floors, wanted // (units * per_floor)))
            per_floor = max(2, min(per_floor, wanted // (floors * units)))
        return floors, units, per_floor

    def _building(self, estate: dict[str, Any], kind: str, number: int, floors: int, units: int,
                  per_floor: int, grid_id: str) -> int:
        """One building with its units and houses; returns how many houses are lived in."""
        rng = self.rng
        building = {"id": self.key(), "grid_id": grid_id, "estate_id": estate["id"],
                    "name": building_name(number), "number": number, "floors": floors,
                    "unit_count": units, "building_type": kind, "head_name": adult_name(rng),
                    "head_phone": generate_phone(rng)}
        self.rows[Building].append(building)
        self.buildings.append(building)
        self.building_info[building["id"]] = (estate["name"], estate["property_company"], building["name"])
        houses = self.building_houses[building["id"]] = []
        shops = kind == "老旧住宅" and rng.random() < 0.3  # ground-floor shops on a street-facing block
        use_of = USE_CHOOSERS[kind]
        lo, hi = AREAS[kind]
        areas = [round(rng.uniform(lo, hi), 2) for _ in range(per_floor)]  # the same flat on every floor
        occupied = 0
        for u in range(1, units + 1):
            unit = {"id": self.key(), "grid_id": grid_id, "building_id": building["id"], "name": f"{u}单元",
                    "number": u}
            self.rows[Unit].append(unit)
            for floor in range(1, floors + 1):
                shop_floor = shops and floor == 1
                for door in range(1, per_floor + 1):
                    use = "商用" if shop_floor else use_of(rng)
                    note = None
                    if use == "商用":
                        note = f"临街商铺（{rng.choice(SHOPS)}）"
                    elif use == "空置":
                        note = rng.choice(("长期空置", "待售", "装修中")) if rng.random() < 0.3 else None
                    else:
                        occupied += 1
                    house = {"id": self.key(), "grid_id": grid_id, "building_id": building["id"],
                             "unit_id": unit["id"], "floor": floor, "room": str(floor * 100 + door),
                             "area": round(rng.uniform(30, 80), 2) if shop_floor else areas[door - 1],
                             "use": use, "owner_name": None, "note": note}
                    self.houses.append(house)
                    houses.append(house)
                    self.house_unit[house["id"]] = u
        return occupied
