"""Households and people of one community: who lives in each occupied house, their names, ID numbers,
schooling, work, marriage and party, and each person's stay in the household (memberships)."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.domain.ids import generate_id
from app.domain.phones import generate_phone
from app.services.demo.chunk import ChunkState
from app.services.demo.household_tables import (
    EDUCATION_BY_ERA,
    EDUCATION_MIGRANT,
    JOBS_LOCAL,
    JOBS_MIGRANT,
    LOCAL_REGIONS,
    MINORITY_ORIGINS,
    ORIGIN,
    PARTIES,
    ROOMMATES,
    SIZE_OWNER,
    SIZE_RENTER,
    TEMPLATE,
)
from app.services.demo.names import ETHNICITY, HAN, household_names
from app.services.demo.place_tables import COMMUNITY_WORDS, DISTRICT_NAME, SUBDISTRICTS
from app.store.models import Household, Membership, Person


def _age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


class PeoplePart(ChunkState):
    """Fills households, people and memberships in the lived-in houses that ``PlacesPart`` made, and
    the indexes of residents and people that care and casework draw on."""

    def households(self) -> None:
        rng = self.rng
        occupied = [h for h in self.houses if h["use"] in ("自住", "出租")]
        extra = self.comm.households - len(occupied)
        second = set(range(len(occupied))) if extra >= len(occupied) else (
            set(rng.sample(range(len(occupied)), max(0, extra))))
        for i, house in enumerate(occupied):
            renter = house["use"] == "出租"
            head = self._household(house, renter, first=True)
            if house["use"] == "自住":
                house["owner_name"] = head
            if i in second:
                other = self._household(house, renter, first=False)
                if renter:  # the owner's family, registered here, lets the flat
                    house["owner_name"] = other

    def _household(self, house: dict[str, Any], renter: bool, *, first: bool) -> str:
        """One household in ``house``; returns the head's name."""
        rng = self.rng
        x = rng.random()
        if first and renter:
            registration = "流动人口" if x < 0.75 else "人户分离" if x < 0.95 else "户籍户"
            presence = "人户同在" if registration == "户籍户" else "人在户不在"
        elif first:
            registration = "户籍户" if x < 0.80 else "人户分离" if x < 0.97 else "流动人口"
            presence = ("人户同在" if rng.random() < 0.95 else "户在人不在") if registration == "户籍户" \
                else "人在户不在"
        elif renter:  # the owner's family keeps its 户口 here but lives elsewhere
            registration = "户籍户" if x < 0.6 else "人户分离"
            presence = "户在人不在"
        else:  # a separately registered family under the same roof (grandparents, a married child)
            registration, presence = "户籍户", "人户同在"
        migrant = registration == "流动人口"
        size = (SIZE_RENTER if renter else SIZE_OWNER)(rng) if first else rng.choice((1, 1, 2, 2, 3))
        ethnicity, style = ETHNICITY(rng)
        if migrant:
            origin = MINORITY_ORIGINS.get(ethnicity) if style != HAN or rng.random() < 0.3 else None
            origin = origin or ORIGIN(rng)
        else:
            origin = None
        members = self._compose(size, renter and migrant and size > 1 and rng.random() < 0.25)
        hid = self.key()
        grid_id = house["grid_id"]
        estate, _company, building = self.building_info[house["building_id"]]
        if registration == "户籍户" or presence == "户在人不在":
            hukou = (f"{DISTRICT_NAME}{self.comm.subdistrict}{self.comm.name}{estate}{building}"
                     f"{self.house_unit[house['id']]}单元{house['room']}")
        elif origin is not None:
            hukou = origin[1]
        else:
            hukou = f"{DISTRICT_NAME}{rng.choice(SUBDISTRICTS)}{rng.choice(COMMUNITY_WORDS)}社区"
        household = {"id": hid, "grid_id": grid_id, "house_id": house["id"], "head_person_id": None,
                     "registration": registration, "presence": presence, "hukou_address": hukou,
                     "contact_phone": None, "moved_out_on": None, "note": None}
        if presence == "户在人不在":
            household["note"] = rng.choice(("全家常住外地", "在子女处居住", "房屋已出租，户口未迁出"))
        self.rows[Household].append(household)
        people = self._people(household, members, ethnicity, style, origin, migrant)
        household["head_person_id"] = people[0]["id"]
        household["contact_phone"] = next((p["phone"] for p in people if p["phone"]), None)
        if presence != "户在人不在":
            self.residents.setdefault(house["id"], []).extend(
                (p["id"], p["name"], age) for p, age in zip(people, (m[1] for m in members), strict=True)
                if age >= 18)
        return people[0]["name"]

    def _compose(self, size: int, roommates: bool) -> list[list[Any]]:
        """[relation, age, male, role, link] per member, head first; ``link`` is the index of the
        member's parent (grandchildren) or spouse (儿媳, 女婿) when that member lives here."""
        rng = self.rng
        (lo, hi), roles = ROOMMATES[size] if roommates else TEMPLATE[size](rng)
        # Old heads: more in their sixties and seventies than in their nineties.
        head_age = lo + int((hi - lo + 1) * rng.random() ** (1.8 if lo >= 55 else 1.0))
        if "spouse" in roles:
            head_male = rng.random() < 0.72
        elif size == 1 and head_age >= 65:
            head_male = rng.random() < 0.35  # more widows than widowers
        else:
            head_male = rng.random() < 0.5
        members: list[list[Any]] = [["户主", head_age, head_male, "head", None]]
        last_child: int | None = None
        last_grandchild: int | None = None
        heir: int | None = None  # an adult child living here with a spouse
        for role in roles:
            if role == "spouse":
                gap = min(6, max(-2, round(rng.gauss(2, 2))))
                age = head_age - gap if head_male else head_age + gap
                members.append(["配偶", max(20, age), not head_male, "spouse", 0])
            elif role in ("child", "son", "daughter"):
                adult = role != "child"
                if last_child is None:
                    age = head_age - (rng.randint(24, 34) if adult else rng.randint(22, 38))
                else:
                    gap = rng.randint(2, 8)
                    age = last_child - gap if last_child >= gap else last_child + gap
                age = last_child = max(22 if adult else 0, age)
                male = role == "son" or (role == "child" and rng.random() < 0.515)
                members.append(["子" if male else "女", age, male, "child", 0])
                if adult:
                    heir = len(members) - 1
            elif role == "child_spouse":
                assert heir is not None, "a template names the son or daughter before their spouse"
                partner = members[heir]
                age = partner[1] + (-1 if partner[2] else 1) * rng.randint(-2, 4)
                members.append(["儿媳" if partner[2] else "女婿", max(20, age), not partner[2], "child_spouse",
                                heir])
            elif role == "parent":
                have = {m[0] for m in members}
                male = "父亲" not in have and ("母亲" in have or rng.random() < 0.35)
                age = min(100, head_age + rng.randint(22, 34) + (2 if male else 0))
                members.append(["父亲" if male else "母亲", age, male, "parent", None])
            elif role == "grandchild":
                if last_grandchild is None:
                    base = members[heir][1] if heir is not None else head_age - rng.randint(26, 34)
                    age = max(0, min(base - rng.randint(23, 33), 15 if heir is None else 40))
                else:
                    gap = rng.randint(2, 6)
                    age = last_grandchild - gap if last_grandchild >= gap else last_grandchild + gap
                last_grandchild = age
                male = rng.random() < 0.515
                members.append(["孙子" if male else "孙女", age, male, "grandchild", heir])
            else:  # roommate
                members.append(["其他", max(18, head_age + rng.randint(-6, 6)), rng.random() < 0.6, "other",
                                None])
        return members

    def _id_number(self, region: str, birth: date, male: bool) -> str:
        """A checksum-valid ID number not used before in this demo."""
        used = self.gen.used_ids
        while True:
            id_number = generate_id(self.rng, region, birth, male)
            key = int(id_number[:17])
            if key not in used:
                used.add(key)
                return id_number

    def _people(self, household: dict[str, Any], members: list[list[Any]], ethnicity: str, style: int,
                origin: tuple[str, str] | None, migrant: bool) -> list[dict[str, Any]]:
        rng, gen, today = self.rng, self.gen, self.today
        today_ord = gen.today_ord
        roles = [m[3] for m in members]
        has_spouse = "spouse" in roles
        parents_both = sum(role == "parent" for role in roles) == 2
        births = [date.fromordinal(today_ord - m[1] * 365 - m[1] // 4 - rng.randrange(1, 365)) for m in members]
        eras = [0 if b.year < 1955 else 1 if b.year < 1975 else 2 if b.year < 1995 else 3 for b in births]
        names = household_names(rng, members, eras, style)
        away = household["presence"] == "户在人不在"
        people: list[dict[str, Any]] = []
        for i, (relation, _age, male, role, _link) in enumerate(members):
            birth = births[i]
            age = _age_on(birth, today)
            members[i][1] = age
            if migrant:
                region = origin[0] if origin else ORIGIN(rng)[0]
            elif role in ("spouse", "child_spouse", "other") and rng.random() < 0.15:
                region = ORIGIN(rng)[0]  # married in from another province
            else:
                region = LOCAL_REGIONS(rng)
            if age < 6:
                education, employment = None, "学龄前儿童" if age < 3 else "幼儿园"
            elif age < 18:
                education = "小学" if age < 12 else "初中" if age < 15 else (
                    "普通高中" if rng.random() < 0.8 else "中等专科")
                employment = "学生"
            elif age < 23 and rng.random() < 0.6:
                education, employment = ("大学本科" if rng.random() < 0.6 else "大学专科"), "学生"
            else:
                education = (EDUCATION_MIGRANT if migrant and age < 60 else EDUCATION_BY_ERA[eras[i]])(rng)
                if age >= (60 if male else 55):
                    employment = "退休" if not migrant or rng.random() < 0.7 else "务工"
                else:
                    employment = (JOBS_MIGRANT if migrant else JOBS_LOCAL)(rng)
            married_here = (role in ("head", "spouse") and has_spouse) or role == "child_spouse" or (
                role == "child" and any(m[4] == i and m[3] == "child_spouse" for m in members))
            y = rng.random()
            if age < 20:
                marital = "未婚"
            elif married_here:
                marital = "已婚"
            elif role == "parent":
                marital = "已婚" if parents_both else "丧偶" if y < 0.85 else "离婚"
            elif age >= 60:
                marital = "丧偶" if y < 0.7 else "离婚" if y < 0.85 else "已婚" if y < 0.95 else "未婚"
            elif age >= 30:
                marital = "离婚" if y < 0.3 else "已婚" if y < 0.55 else "未婚"
            else:
                marital = "未婚" if y < 0.95 else "已婚"
            y = rng.random()
            if age < 14:
                political = None
            elif age < 29:
                political = "共青团员" if y < 0.4 else "中共党员" if y < 0.45 and age >= 18 else "群众"
            else:
                party = 0.09 + (0.04 if male and age >= 60 else 0)
                political = ("中共党员" if y < party else "中共预备党员" if y < party + 0.003
                             else PARTIES(rng) if y < party + 0.01 else "群众")
            phone = generate_phone(rng) if age >= 16 and rng.random() < (0.55 if age >= 80 else 0.96) else None
            people.append({
                "id": self.key(), "grid_id": household["grid_id"], "household_id": household["id"],
                "name": names[i], "id_number": self._id_number(region, birth, male), "gender": "男" if male else "女",
                "birth_date": birth, "ethnicity": ethnicity, "phone": phone, "relation": relation,
                "political_status": political, "marital_status": marital, "education": education,
                "residence_type": "流动人口" if migrant else "本地户籍", "employment": employment,
                "note": "常住外地" if away else "合租" if role == "other" else None,
            })
        self.rows[Person].extend(people)
        self._memberships(household, people, members, migrant)
        return people

    def _memberships(self, household: dict[str, Any], people: list[dict[str, Any]], members: list[list[Any]],
                     migrant: bool) -> None:
        """Each person's current stay; a few adults moved here from another household of the community."""
        rng, today_ord = self.rng, self.gen.today_ord
        rows = self.rows[Membership]
        households = self.rows[Household]
        for person, (relation, age, _male, role, _link) in zip(people, members, strict=True):
            birth = person["birth_date"].toordinal()
            if age < 18 and role in ("child", "grandchild") and rng.random() < 0.7:
                joined, reason = birth, "出生"
            else:
                moved = rng.randint(30, (8 if migrant else 30) * 365)
                joined = min(max(birth + 18 * 365, today_ord - moved), today_ord - 1)
                reason = "租住" if migrant else "婚入" if role in ("spouse", "child_spouse") else "迁入"
            if age >= 25 and len(households) > 1 and rng.random() < 0.03:
                before = households[int(rng.random() * (len(households) - 1))]
                came = max(birth + 18 * 365, joined - rng.randint(200, 4000))
                if came < joined:
                    rows.append({"id": self.key(), "grid_id": before["grid_id"], "person_id": person["id"],
                                 "household_id": before["id"], "relation": "其他",
                                 "joined_on": date.fromordinal(came), "left_on": date.fromordinal(joined),
                                 "reason": "迁出"})
            rows.append({"id": self.key(), "grid_id": household["grid_id"], "person_id": person["id"],
                         "household_id": household["id"], "relation": relation,
                         "joined_on": date.fromordinal(joined), "left_on": None, "reason": reason})
            self.people.append((person, age, household))
