"""Recognition without a template: the deployed platform's real templates, CSV encodings, odd layouts."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from app.services.importing.layout import analyse
from app.services.importing.readers import decode_text, read_book
from tests.importing.conftest import TEMPLATES, needs_templates

EXPECTED = {
    # file: (sheet, kind, header rows, {column letter: field} that must be recognised)
    "HOUSEHOLDSTAFF.xls": ("户籍人口登记表", "people", [5, 6],
                           {"A": "name", "B": "grid", "C": "gender", "D": "birth_date", "E": "id_number",
                            "F": "household_no", "G": "relation", "I": "hukou_province", "L": "ethnicity",
                            "M": "political_status", "Y": "phone", "Z": "phone", "AN": "note"}),
    "ELDERLYPEOPLE.xls": ("老年人登记表", "people", [5, 6],
                          {"A": "name", "B": "grid", "C": "gender", "E": "id_number", "K": "address",
                           "O": "phone", "P": "phone", "R": "ethnicity", "S": "political_status"}),
    "HANDICAPPED.xls": ("残疾人登记表", "people", [5, 6],
                        {"A": "name", "E": "id_number", "G": "disability_type", "M": "address",
                         "AC": "disability_level", "AE": "disability_cert"}),
    "ACTUALHOUSE.xls": ("房屋信息登记表", "houses", [5],
                        {"A": "grid", "B": "address", "C": "h_rental", "L": "h_owner", "Q": "h_area",
                         "S": "h_use", "BB": "note"}),
    "cortana_person_tpl.xlsx": ("Person", "people", [1],
                                {"A": "name", "B": "relation", "C": "id_number", "D": "gender", "E": "birth_date",
                                 "F": "phone", "G": "estate", "H": "address", "I": "grid", "L": "tags",
                                 "O": "household_no"}),
}


@needs_templates
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_templates_are_recognised_without_mapping(name: str) -> None:
    sheet_name, kind, header_rows, fields = EXPECTED[name]
    layouts = [analyse(sheet) for sheet in read_book(TEMPLATES / name).sheets]
    data = [lay for lay in layouts if lay.kind]
    assert [lay.name for lay in data] == [sheet_name]  # hidden lookup/bean sheets and 注意事项 are not data
    layout = data[0]
    assert (layout.kind, layout.header_rows) == (kind, header_rows)
    found = {c.letter: c.field for c in layout.columns}
    assert {letter: found.get(letter) for letter in fields} == fields
    assert not layout.data_rows  # instruction rows (填写注意事项, "必填，18位身份证号") are not records
    assert all(not lay.sheet.visible for lay in layouts if lay.role == "hidden")


def test_csv_encodings_are_detected(tmp_path: Path) -> None:
    text = "姓名,身份证号,楼栋,房号\r\n张三,110101199003077777,3栋,501\r\n"
    for encoding in ("utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        sheet = read_book(path).sheets[0]
        assert sheet.rows[1][:2] == ["张三", "110101199003077777"], encoding
        assert sheet.name is None and sheet.row_number(1) == 2
    assert decode_text("赵钱孙李".encode("gbk")) == "赵钱孙李"


def test_a_renamed_xlsx_reads_as_xlsx(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["姓名", "身份证号"])
    wb.active.append(["张三", "110101199003077777"])
    path = tmp_path / "旧表.xls"
    wb.save(path)
    book = read_book(path)
    assert book.format == "xlsx" and book.sheets[0].rows[1][0] == "张三"


def test_numeric_id_cells_come_back_as_numbers(tmp_path: Path) -> None:
    """The reader must keep a numeric ID a number, so the normaliser can tell it lost its last digits."""
    wb = Workbook()
    wb.active.append(["姓名", "身份证号"])
    wb.active.append(["张三", 110101199003077777])
    path = tmp_path / "数字.xlsx"
    wb.save(path)
    value = read_book(path).sheets[0].rows[1][1]
    assert isinstance(value, float) and value > 1e17


def test_data_starting_below_empty_rows_keeps_excel_row_numbers(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws["C4"] = "姓名"
    ws["D4"] = "身份证号"
    ws["C5"] = "张三"
    ws["D5"] = "110101199003077777"
    path = tmp_path / "偏移.xlsx"
    wb.save(path)
    layout = analyse(read_book(path).sheets[0])
    assert layout.header_rows == [4]
    assert [layout.sheet.row_number(r) for r in layout.data_rows] == [5]
    assert [c.letter for c in layout.columns if c.field] == ["C", "D"]


def test_blank_rows_and_columns_after_a_stray_far_cell_are_not_read(tmp_path: Path) -> None:
    """A space typed far down or right makes the sheet that big; the ledger is what is filled in."""
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "备注"])
    ws.append(["张三", "110101199003077777", ""])
    ws.merge_cells("C1:C9")  # a merged note column running into the blank rows
    ws.cell(row=20_000, column=3, value=" ")
    ws.cell(row=5, column=300, value="\u3000")  # a full-width space
    path = tmp_path / "远处空格.xlsx"
    wb.save(path)
    sheet = read_book(path).sheets[0]
    assert len(sheet.rows) == 2 and {len(row) for row in sheet.rows} == {3}
    assert sheet.merged == [(0, 2, 1, 2)]
    assert [sheet.row_number(r) for r in analyse(sheet).data_rows] == [2]


def test_a_real_value_far_away_is_kept_with_its_row_number(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号"])
    ws.cell(row=3_000, column=1, value="李四")
    path = tmp_path / "远处一行.xlsx"
    wb.save(path)
    sheet = read_book(path).sheets[0]
    assert len(sheet.rows) == 3_000 and sheet.rows[-1][0] == "李四"
