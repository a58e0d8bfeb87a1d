"""Generated people ledgers for the import benchmark (fictional people, checksum-valid generated IDs).

``people_rows`` yields ledger rows as an office keeps them: a household's members one after another,
the address repeated on every row, a little mess (ID with a lower-case x, 3栋 for 3号楼, phones written
with dashes, tags as short forms). Writers: xlsx with openpyxl write_only, xls with xlwt (test extra).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from app.domain.ids import generate_id
from app.domain.phones import generate_phone

HEADER = ("序号", "小区", "楼栋", "单元", "房号", "房屋状态", "姓名", "性别", "民族", "身份证号", "出生日期",
          "与户主关系", "联系电话", "政治面貌", "户籍类型", "特殊人群", "备注")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红梅鹏飞宇轩浩然欣怡梓涵"
_ESTATES = ("锦绣花园", "建设里", "电业", "和平里", "幸福家园", "阳光小区", "滨河湾", "丰乐苑")
_RELATIONS_AFTER_HEAD = ("配偶", "子", "女", "母亲", "父亲", "孙子", "孙女", "儿媳")
_TAGS = ("", "", "", "", "", "", "独居", "空巢老人", "高龄", "残疾人", "低保", "优抚对象")
_REFERENCE = date(2024, 3, 15)


def people_rows(count: int, seed: int = 20240315) -> Iterator[list[object]]:
    """``count`` person rows (households of 1-5 members, every row with its full address)."""
    rng = random.Random(seed)
    seen: set[str] = set()
    n = 0
    house = 0
    while n < count:
        house += 1
        estate = _ESTATES[(house // 4000) % len(_ESTATES)]
        building = 1 + (house // 120) % 33
        unit = 1 + (house // 24) % 5
        room = (2 + (house % 24) // 2) * 100 + 1 + house % 2
        building_text = rng.choice((f"{building}号楼", f"{building}栋", f"{building}#"))
        status = rng.choice(("自住", "自住", "自住", "出租"))
        surname = rng.choice(_SURNAMES)
        size = min(rng.choice((1, 2, 2, 3, 3, 3, 4, 5)), count - n)
        for member in range(size):
            male = rng.random() < 0.5
            born = date(1935, 1, 1) + timedelta(days=rng.randrange(30_000))
            id_number = generate_id(rng, "210112", born, male)
            if id_number in seen:
                continue
            seen.add(id_number)
            n += 1
            relation = "户主" if member == 0 else rng.choice(_RELATIONS_AFTER_HEAD)
            name = (surname if member == 0 or relation in ("子", "女", "孙子", "孙女") else rng.choice(_SURNAMES))
            name += rng.choice(_GIVEN) + (rng.choice(_GIVEN) if rng.random() < 0.7 else "")
            phone = generate_phone(rng)
            if rng.random() < 0.1:
                phone = f"{phone[:3]}-{phone[3:7]}-{phone[7:]}"
            yield [n, estate, building_text, f"{unit}单元", f"{room}室", status, name, "男" if male else "女",
                   "汉族", id_number.lower() if rng.random() < 0.05 else id_number, born, relation, phone,
                   rng.choice(("群众", "群众", "中共党员", "共青团员")), rng.choice(("本地户籍", "流动人口")),
                   rng.choice(_TAGS), ""]


def write_xlsx(path: Path, count: int) -> None:
    """A 100,000-row ledger in seconds: openpyxl write_only, the ID column as text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("人口信息")
    ws.append(["幸福里社区人口信息台账"])
    ws.append(list(HEADER))
    for row in people_rows(count):
        cell = WriteOnlyCell(ws, value=row[9])
        cell.number_format = "@"
        date_cell = WriteOnlyCell(ws, value=row[10])
        date_cell.number_format = "yyyy-mm-dd"
        ws.append([*row[:9], cell, date_cell, *row[11:]])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def write_xls(path: Path, count: int) -> None:
    """An Excel 97-2003 ledger (xlwt; at most 65,536 rows per sheet)."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("人口信息")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    ws.write(0, 0, "幸福里社区人口信息台账")
    for c, text in enumerate(HEADER):
        ws.write(1, c, text)
    for r, row in enumerate(people_rows(count), start=2):
        for c, value in enumerate(row):
            if c == 10:
                ws.write(r, c, value, date_style)
            elif value != "":
                ws.write(r, c, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))


REFERENCE_DATE = _REFERENCE
