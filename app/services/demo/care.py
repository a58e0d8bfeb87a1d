"""Care of one community: special-group tags (独居老人, 低保户, 残疾人, …) from each household's make-up,
and the visits a grid worker paid them over the last 90 days on each tag's schedule."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from app.domain.tags import DEFAULT_TAGS
from app.domain.visiting import revisit_due
from app.services.demo.chunk import ChunkState
from app.services.demo.draws import chooser
from app.store.models import Household, PersonTag, Visit

VISIT_WINDOW_DAYS = 90

_DISABILITY = chooser([("肢体", 45), ("视力", 12), ("听力", 15), ("言语", 3), ("智力", 8), ("精神", 10),
                       ("多重", 7)])
_DISABILITY_DIGIT = {"视力": 1, "听力": 2, "言语": 3, "肢体": 4, "智力": 5, "精神": 6, "多重": 7}
_ENTITLED = chooser([("退役军人（在乡复员）", 50), ("伤残军人", 25), ("烈属", 10), ("因公牺牲军人遗属", 5),
                     ("带病回乡退伍军人", 10)])
_ILLNESS = ("尿毒症", "恶性肿瘤", "脑卒中后遗症", "重症肌无力", "白血病", "心脏搭桥术后")

_FINDINGS = {
    "老年人": ("老人身体状况良好，生活能够自理", "血压偏高，已提醒按时服药", "检查了燃气灶和烟感报警器，使用正常",
            "子女每周回来探望，精神状态不错", "老人腿脚不便，已联系志愿者帮忙购买生活用品",
            "提醒老人防范电信诈骗和保健品推销", "协助老人完成高龄津贴资格认证", "天气转凉，提醒注意保暖、用电安全"),
    "残疾人": ("了解康复情况，已告知残疾人两项补贴政策", "轮椅老化，已登记申请辅具适配", "家属照料到位，情况稳定"),
    "困难群众": ("核实家庭收入情况，无明显变化", "提醒按时参加低保年审", "送去米面油等慰问物资",
             "了解就医需求，已告知医疗救助办理流程"),
    "优抚对象": ("走访慰问，送去节日慰问品", "了解身体和生活情况，无特殊困难"),
    "未成年人": ("孩子学习情况正常，祖辈照顾较好", "提醒监护人注意假期防溺水安全", "与学校老师沟通了孩子近况"),
    "重点人员": ("按时报到，思想情绪稳定", "参加公益活动情况良好", "家属配合，按时服药，情绪稳定",
             "了解就业情况，已推荐社区公益岗位"),
    "健康": ("按时复查，病情稳定", "了解医保报销情况，协助申请大病救助"),
    "家庭": ("情绪平稳，社区志愿者定期陪伴", "节日走访慰问，了解生活需求"),
}
_PHONE_FINDINGS = ("电话联系，本人表示一切正常", "电话回访，家属称近况良好", "电话联系，提醒近期注意用电用气安全")
_NOBODY_HOME = ("敲门无人应答，电话未接通，已在门上留下联系卡", "家中无人，邻居称老人去子女家小住",
                "无人应答，已与家属电话联系，约定改日再访")
_PATROL = ("入户安全检查：燃气、电线无异常", "楼道消防通道畅通，灭火器在有效期内", "核对家庭成员信息，无变化",
           "宣传防诈骗知识，发放宣传单", "了解出租房屋居住人员情况，已登记")


class CarePart(ChunkState):
    """Fills person tags from the households and people that ``PeoplePart`` made, then the visits to
    the tagged people and the routine patrols."""

    def special_groups(self) -> None:
        rng, today = self.rng, self.today
        tags = self.gen.tags
        rows = self.rows[PersonTag]
        today_ord = self.gen.today_ord

        def add(person: dict[str, Any], name: str, since: date, until: date | None = None,
                detail: dict[str, Any] | None = None) -> None:
            tag = tags.get(name)
            if tag is None:
                return
            rows.append({"id": self.key(), "grid_id": person["grid_id"], "person_id": person["id"],
                         "tag_id": tag[0], "since": since, "until": until, "detail": detail})
            if until is None or until >= today:
                self.tagged.setdefault(person["id"], []).append(name)

        def recent(years: int, birth: date, at_age: int = 0) -> date:
            earliest = max(birth.toordinal() + at_age * 365 + at_age // 4 + 1, today_ord - years * 365)
            return date.fromordinal(rng.randint(min(earliest, today_ord - 1), today_ord - 1))

        # Household-level facts: all elderly? any parent of the children at home? 低保 households.
        by_household: dict[str, list[tuple[dict[str, Any], int]]] = {}
        for person, age, household in self.people:
            by_household.setdefault(household["id"], []).append((person, age))
        households = {h["id"]: h for h in self.rows[Household]}
        # A flat where two households live: nobody there lives alone.
        present = Counter(h["house_id"] for h in households.values() if h["presence"] != "户在人不在")
        dibao_seq = 0
        for hid, members in by_household.items():
            household = households[hid]
            away = household["presence"] == "户在人不在"
            local = household["registration"] != "流动人口"
            ages = [age for _p, age in members]
            all_elderly = min(ages) >= 60
            alone = len(members) == 1 and present[household["house_id"]] == 1
            no_parents = not any(p["relation"] in ("子", "女", "儿媳", "女婿") and a >= 18 for p, a in members)
            dibao_p = 0.015 + (0.015 if all_elderly else 0)
            if local and rng.random() < dibao_p:
                dibao_seq += 1
                start = recent(8, date(1900, 1, 1))
                cert = f"MC{start.year}{self.comm.index + 1:03d}{dibao_seq:04d}"
                ended = rng.random() < 0.06
                until = date.fromordinal(rng.randint(start.toordinal(), today_ord - 1)) if ended else None
                for person, _age in members:
                    add(person, "低保户", start, until, {"cert_no": cert})
            for person, age in members:
                birth = person["birth_date"]
                male = person["gender"] == "男"
                if age >= 60 and alone and not away:  # the tag's definition: 60周岁以上、独自居住
                    add(person, "独居老人", recent(6, birth, 60))
                    if rng.random() < 0.05:
                        add(person, "特困人员", recent(8, birth, 60), detail={"support": "分散供养"})
                elif age >= 60 and all_elderly and not away:
                    add(person, "空巢老人", recent(6, birth, 60))
                if age >= 80:
                    add(person, "高龄老人", recent(20, birth, 80))
                disabled_p = 0.005 if age < 18 else 0.015 if age < 60 else 0.03 if age < 80 else 0.06
                if rng.random() < disabled_p:
                    category = _DISABILITY(rng)
                    level = rng.choice((1, 2, 2, 3, 3, 3, 4, 4))
                    add(person, "残疾人", recent(15, birth, 1),
                        detail={"category": category, "level": level,
                                "cert_no": f"{person['id_number']}{_DISABILITY_DIGIT[category]}{level}"})
                    if alone and age >= 18 and rng.random() < 0.2:
                        add(person, "特困人员", recent(8, birth, 18), detail={"support": "分散供养"})
                if age < 16 and no_parents and local and person["relation"] in ("孙子", "孙女"):
                    add(person, "留守儿童", recent(max(1, age), birth),
                        detail={"guardian": members[0][0]["name"], "parents": "外出务工"})
                if 20 <= age < 56 and rng.random() < 0.0006:
                    start = recent(2, birth, 20)
                    add(person, "社区矫正人员", start, date.fromordinal(start.toordinal() + rng.randint(180, 1095)),
                        detail={"term": "缓刑"})
                if 25 <= age < 62 and rng.random() < (0.002 if male else 0.0004):
                    add(person, "刑满释放人员", recent(5, birth, 20))
                if age >= 18 and rng.random() < 0.003:
                    add(person, "精神障碍患者", recent(10, birth, 16),
                        detail={"risk_level": rng.choice((0, 0, 1, 1, 2, 3)), "guardian": members[0][0]["name"]
                                if members[0][0] is not person else None})
                if age >= 40 and male and rng.random() < 0.012:
                    add(person, "退役军人", recent(30, birth, 22))
                    if rng.random() < 0.4:
                        add(person, "优抚对象", recent(20, birth, 22), detail={"type": _ENTITLED(rng)})
                if age >= 30 and rng.random() < 0.004:
                    add(person, "重病患者", recent(4, birth, 18), detail={"illness": rng.choice(_ILLNESS)})
            if all_elderly and not away and len(members) <= 2 and min(ages) >= 55 and rng.random() < 0.004:
                for person, _age in members:
                    add(person, "失独家庭", recent(10, person["birth_date"], 50))

    # -- visits ----------------------------------------------------------------------------------

    def visits(self) -> None:
        """Visits to tagged people over the last 90 days on their care schedule (some overdue), with
        revisits after nobody was home (白加黑: the same evening, or the next day off), and patrols."""
        rng, gen = self.rng, self.gen
        rows = self.rows[Visit]
        today_ord = gen.today_ord
        start = today_ord - VISIT_WINDOW_DAYS
        tags = gen.tags
        calendar = gen.calendar
        categories = {t.name: t.category for t in DEFAULT_TAGS}
        people = {p["id"]: (p, h) for p, _age, h in self.people}

        def at(day: date, evening: bool = False) -> datetime:
            hour = rng.randint(17, 19) if evening else rng.randint(8, 16)
            return datetime(day.year, day.month, day.day, hour, rng.randrange(60))

        def visit(person: dict[str, Any] | None, household: dict[str, Any], when: datetime, method: str,
                  findings: str, due: date | None = None) -> None:
            rows.append({"id": self.key(), "grid_id": household["grid_id"], "household_id": household["id"],
                         "person_id": person["id"] if person else None,
                         "visitor_name": self.worker[household["grid_id"]], "visited_at": when,
                         "method": method, "findings": findings, "nobody_home": due is not None,
                         "revisit_due": due})

        for pid, names in self.tagged.items():
            every = [days for n in names if (days := tags[n][1])]
            if not every:
                continue
            freq = min(every)
            main = min(names, key=lambda n: tags[n][1] or 10_000)
            texts = _FINDINGS.get(categories.get(main, ""), _FINDINGS["老年人"])
            person, household = people[pid]
            if rng.random() < 0.15:  # overdue: the last visit is older than the schedule allows
                day = today_ord - freq - rng.randint(1, max(3, freq // 2 + 10))
            else:
                day = today_ord - rng.randint(1, freq)
            while day >= start:
                x = rng.random()
                when = at(date.fromordinal(day))
                if household["presence"] == "户在人不在" or x < 0.25:
                    visit(person, household, when, "电话", rng.choice(_PHONE_FINDINGS))
                elif x < 0.32:
                    due = revisit_due(when, calendar)
                    visit(person, household, when, "入户", rng.choice(_NOBODY_HOME), due)
                    if due.toordinal() < today_ord and rng.random() < 0.85:
                        visit(person, household, at(due, calendar.is_workday(due)), "补访", rng.choice(texts))
                else:
                    visit(person, household, when, "入户", rng.choice(texts))
                day -= max(1, freq + rng.randint(-(freq // 5), freq // 5))
        # Routine patrols of ordinary households.
        for household in self.rows[Household]:
            if household["presence"] != "户在人不在" and rng.random() < 0.05:
                on = date.fromordinal(today_ord - rng.randint(1, VISIT_WINDOW_DAYS))
                visit(None, household, at(on), "巡查", rng.choice(_PATROL))
