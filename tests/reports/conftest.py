"""A small hand-made community for printed-file tests, and helpers to read PDFs back.

锦绣花园 3号楼 2单元 501: 张伟 (户主), 王𠮷 (配偶; 𠮷 is CJK Extension B, missing from the fonts),
张小明 (子, 残疾人 with a certificate number that embeds his ID), a visit, an overdue dispatched case
and a dispute. 502 holds a household of 45 people (a members table that spans pages). 5号楼 lies in
the second grid.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.ids import generate_id
from app.store.db import Database
from app.store.models import (
    Building,
    Case,
    DisputeDetail,
    Estate,
    House,
    Household,
    MediationSession,
    OrgNode,
    Person,
    PersonTag,
    TagType,
    Unit,
    Visit,
)
from app.store.writes import Writer, writing

ON = date(2026, 11, 1)
RARE = "王𠮷"


@dataclass(frozen=True)
class Community:
    db: Database
    grid: str
    other_grid: str
    household: str
    big_household: str
    other_household: str
    people: dict[str, tuple[str, str]]
    """name -> (ID number, phone)."""


def _person(w: Writer, rng: random.Random, household: str, grid: str, name: str, relation: str, birth: date,
            male: bool, phone: str | None) -> tuple[str, str, str]:
    id_number = generate_id(rng, "210112", birth, male)
    pid = w.insert(Person, {"household_id": household, "grid_id": grid, "name": name, "id_number": id_number,
                            "gender": "男" if male else "女", "birth_date": birth, "phone": phone,
                            "relation": relation, "political_status": "群众"})
    return pid, id_number, phone or ""


@pytest.fixture
def community(db: Database) -> Community:
    rng = random.Random(6)
    people: dict[str, tuple[str, str]] = {}
    with writing(db) as w:
        comm = w.insert(OrgNode, {"level": "community", "name": "幸福里社区"})
        grid = w.insert(OrgNode, {"level": "grid", "name": "第一网格", "parent_id": comm, "worker_name": "刘网格"})
        other = w.insert(OrgNode, {"level": "grid", "name": "第二网格", "parent_id": comm, "worker_name": "周网格"})
        estate = w.insert(Estate, {"name": "锦绣花园", "community_id": comm})
        building = w.insert(Building, {"name": "3号楼", "number": 3, "estate_id": estate, "grid_id": grid,
                                       "floors": 6, "unit_count": 2, "head_name": "赵楼长",
                                       "head_phone": "13900001111"})
        unit = w.insert(Unit, {"name": "2单元", "number": 2, "building_id": building, "grid_id": grid})
        house = w.insert(House, {"building_id": building, "unit_id": unit, "room": "501", "floor": 5,
                                 "area": 89.5, "use": "自住", "grid_id": grid})
        household = w.insert(Household, {"house_id": house, "grid_id": grid, "presence": "人户同在",
                                         "registration": "户籍户", "contact_phone": "13812345678"})
        head, head_id, _ = _person(w, rng, household, grid, "张伟", "户主", date(1970, 3, 5), True, "13812345678")
        people["张伟"] = (head_id, "13812345678")
        _pid, wife_id, _ = _person(w, rng, household, grid, RARE, "配偶", date(1972, 8, 9), False, "13698765432")
        people[RARE] = (wife_id, "13698765432")
        son, son_id, _ = _person(w, rng, household, grid, "张小明", "子", date(2001, 1, 20), True, None)
        people["张小明"] = (son_id, "")
        w.update(Household, household, {"head_person_id": head})
        tag = w.insert(TagType, {"code": "disabled", "name": "残疾人", "visit_every_days": 30, "sort_order": 3})
        w.insert(PersonTag, {"person_id": son, "tag_id": tag, "grid_id": grid, "since": date(2020, 5, 1),
                             "detail": {"category": "肢体", "level": 3, "cert_no": f"{son_id}43"}})
        w.insert(Visit, {"household_id": household, "person_id": son, "grid_id": grid, "visitor_name": "刘网格",
                         "visited_at": datetime(2026, 10, 20, 9, 30), "method": "入户", "findings": "康复训练按时进行"})
        w.insert(Case, {"grid_id": grid, "number": "SJ2026100100001", "kind": "case", "category": "下水道堵塞",
                        "building_id": building, "house_id": house, "title": "501下水道堵塞返水",
                        "state": "dispatched", "deadline": date(2026, 10, 10), "handler": "物业公司"})
        dispute = w.insert(Case, {"grid_id": grid, "number": "TJ2026100200002", "kind": "dispute",
                                  "category": "矛盾纠纷", "building_id": building, "house_id": house,
                                  "title": "楼上漏水致楼下受损", "state": "closed"})
        w.insert(DisputeDetail, {"case_id": dispute, "grid_id": grid, "dispute_type": "漏水", "outcome": "调解成功"})
        w.insert(MediationSession, {"case_id": dispute, "grid_id": grid, "held_on": date(2026, 10, 3),
                                    "mediator": "李调解"})
        big_house = w.insert(House, {"building_id": building, "unit_id": unit, "room": "502", "floor": 5,
                                     "grid_id": grid})
        big = w.insert(Household, {"house_id": big_house, "grid_id": grid})
        for i in range(45):
            _person(w, rng, big, grid, f"钱{i:02d}号", "户主" if i == 0 else "其他", date(1950 + i, 1, 1), i % 2 == 0,
                    None)
        building5 = w.insert(Building, {"name": "5号楼", "number": 5, "estate_id": estate, "grid_id": other})
        house5 = w.insert(House, {"building_id": building5, "room": "101", "floor": 1, "grid_id": other})
        other_household = w.insert(Household, {"house_id": house5, "grid_id": other})
        _person(w, rng, other_household, other, "孙丽", "户主", date(1980, 2, 2), False, "13511112222")
    return Community(db, grid, other, household, big, other_household, people)


# --- reading PDFs back ------------------------------------------------------------------------------

def pages_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def poppler(tool: str) -> str:
    found = shutil.which(tool)
    assert found, f"{tool} 未安装：请运行 scripts/setup.sh（poppler-utils）"
    return found


def pdf_fonts(path: Path) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) of every font the PDF uses, from poppler's pdffonts."""
    out = subprocess.run([poppler("pdffonts"), str(path)], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name type [type…] encoding emb sub uni object ID: emb is the fifth field from the end.
        rows.append((parts[0], parts[-5]))
    return rows


def render_page_png(path: Path, page: int, out_dir: Path, dpi: int = 150) -> Path:
    prefix = out_dir / f"page{page}"
    subprocess.run([poppler("pdftoppm"), "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(path), str(prefix)], check=True)
    return prefix.with_suffix(".png")
