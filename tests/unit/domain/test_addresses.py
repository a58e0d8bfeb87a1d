import pytest

from app.domain.addresses import (
    Address,
    building_name,
    building_number,
    normalise_building,
    normalise_estate,
    normalise_room,
    normalise_unit,
    parse_address,
    parse_address_query,
    split_room,
    unit_number,
)

KEY = "锦绣花园|3号楼|2单元|501"


@pytest.mark.parametrize(
    "cell",
    ["3号楼", "3栋", "3幢", "3#", "3#楼", "3号", "三号楼", "3", 3, 3.0, " 3 号楼 ", "３号楼", "第3栋",
     "3号栋"],
)  # fmt: skip
def test_building_forms(cell: object) -> None:
    assert building_number(cell) == 3
    assert normalise_building(cell) == "3号楼"


@pytest.mark.parametrize(
    ("cell", "number"),
    [("十号楼", 10), ("十二号楼", 12), ("二十栋", 20), ("二十三栋", 23), ("九十九号楼", 99),
     ("一百零五号楼", 105), ("两栋", 2), ("一〇一号楼", 101), ("12#", 12)],
)  # fmt: skip
def test_chinese_numerals(cell: str, number: int) -> None:
    assert building_number(cell) == number


def test_named_buildings_are_kept() -> None:
    assert building_number("A座") is None
    assert normalise_building(" A座 ") == "A座"
    assert normalise_building("/") is None
    assert building_name(7) == "7号楼"


@pytest.mark.parametrize("cell", ["12345678901234567890", 1e20, "100000号楼", "一〇一〇一〇一〇一〇号楼"])
def test_a_long_number_is_no_building_number_but_kept_as_written(cell: object) -> None:
    """An ID number or phone typed or pasted into the 楼栋 or 单元 column is no building 1.2e19 (a number
    SQLite cannot even store): it is kept as written, as a named building is."""
    assert building_number(cell) is None and unit_number(cell) is None
    written = normalise_building(cell)
    assert written is not None and written == normalise_unit(cell)
    assert building_number("9999号楼") == 9999


@pytest.mark.parametrize("cell", ["2单元", "二单元", "第2单元", "2", 2, 2.0, "２单元"])
def test_unit_forms(cell: object) -> None:
    assert unit_number(cell) == 2
    assert normalise_unit(cell) == "2单元"


def test_unit_empty_and_named() -> None:
    assert normalise_unit(None) is None
    assert normalise_unit("—") is None
    assert normalise_unit("东单元") == "东单元"


@pytest.mark.parametrize(
    ("cell", "room"),
    [("501", "501"), ("501室", "501"), ("501号", "501"), ("0501", "501"), (501, "501"), (501.0, "501"),
     ("5楼1号", "501"), ("5层1号", "501"), ("11楼2号", "1102"), ("5楼01", "501"), ("B101", "B101"),
     ("/", None)],
)  # fmt: skip
def test_room_forms(cell: object, room: str | None) -> None:
    assert normalise_room(cell) == room


@pytest.mark.parametrize(
    ("cell", "parts"),
    [("2-501", ("2单元", "501")), ("2单元501室", ("2单元", "501")), ("2单元501", ("2单元", "501")),
     ("二单元501", ("2单元", "501")), ("2－501", ("2单元", "501")), ("2单元5楼1号", ("2单元", "501")),
     ("501", (None, "501")), (501, (None, "501")), ("5楼1号", (None, "501")), (None, (None, None))],
)  # fmt: skip
def test_split_room(cell: object, parts: tuple[str | None, str | None]) -> None:
    assert split_room(cell) == parts


def test_estate() -> None:
    assert normalise_estate("和平里小区") == "和平里"
    assert normalise_estate(" 锦绣花园 ") == "锦绣花园"
    assert normalise_estate("小区") == "小区"
    assert normalise_estate("无") is None


def test_address_key_and_floor() -> None:
    address = Address("锦绣花园", "3号楼", "2单元", "501")
    assert address.key == KEY
    assert address.floor == 5
    assert Address("锦绣花园", "3号楼", "2单元", "1102").floor == 11
    assert Address("锦绣花园", "3号楼", "2单元", "B101").floor is None
    assert Address("锦绣花园", "3号楼", "2单元", "100000000000000000000").floor is None  # a stray number
    assert Address("锦绣花园", "3号楼").key == "锦绣花园|3号楼||"
    assert Address.from_key(KEY) == address
    assert Address.from_key("锦绣花园|3号楼") == Address("锦绣花园", "3号楼")
    with pytest.raises(ValueError):
        Address.from_key("a|b|c|d|e")


@pytest.mark.parametrize(
    "text",
    [
        "锦绣花园3号楼2单元501室",
        "锦绣花园3号楼2单元501",
        "锦绣花园小区3栋2单元501",
        "锦绣花园3幢2单元501号",
        "锦绣花园3#2单元501",
        "锦绣花园3-2-501",
        "锦绣花园小区3-2-501",
        "锦绣花园 3号楼 2单元 501室",
        "锦绣花园三号楼二单元501",
        "锦绣花园3号楼2单元5楼1号",
        "锦绣花园3号楼2-501",
    ],
)
def test_parse_address_with_estate(text: str) -> None:
    assert parse_address(text).key == KEY
    assert parse_address(text, ["锦绣花园", "电业"]).key == KEY


@pytest.mark.parametrize("text", ["3号楼2单元501", "3-2-501", "3栋2单元501室", "三号楼二单元501"])
def test_parse_address_without_estate(text: str) -> None:
    assert parse_address(text) == Address(None, "3号楼", "2单元", "501")


def test_parse_address_known_estates_win() -> None:
    # Without the list, an estate ending in digits cannot be told from the building number.
    assert parse_address("阳光1003号楼2单元501", ["阳光100"]) == Address("阳光100", "3号楼", "2单元", "501")
    assert parse_address("十里堡3号楼2单元501") == Address("十里堡", "3号楼", "2单元", "501")
    # A known name that is only the start of another estate does not capture it.
    assert parse_address("电业局3号楼2单元501", ["电业"]) == Address("电业局", "3号楼", "2单元", "501")


@pytest.mark.parametrize("text", ["", "锦绣花园", "张三", "501", "2024-03-15", "138-1234-5678", "3号楼"])
def test_parse_address_rejects_partial_or_foreign_text(text: str) -> None:
    assert parse_address(text) is None


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("3-2", Address(None, "3号楼", "2单元")),
        ("3号楼", Address(None, "3号楼")),
        ("3栋", Address(None, "3号楼")),
        ("三号楼", Address(None, "3号楼")),
        ("3号楼2单元", Address(None, "3号楼", "2单元")),
        ("2单元501", Address(None, None, "2单元", "501")),
        ("3-2-501", Address(None, "3号楼", "2单元", "501")),
        ("锦绣花园3-2", Address("锦绣花园", "3号楼", "2单元")),
        ("锦绣花园3号楼2单元501室", Address("锦绣花园", "3号楼", "2单元", "501")),
    ],
)
def test_parse_address_query(text: str, address: Address) -> None:
    assert parse_address_query(text) == address


@pytest.mark.parametrize(
    "text", ["张三", "zs", "501", "1234", "3号", "2024-03-15", "138-1234-5678", "王一号", ""]
)
def test_parse_address_query_rejects_non_addresses(text: str) -> None:
    assert parse_address_query(text) is None


def test_parse_address_query_known_estate_alone() -> None:
    assert parse_address_query("锦绣花园", ["锦绣花园"]) == Address("锦绣花园")
    assert parse_address_query("锦绣花园小区", ["锦绣花园"]) == Address("锦绣花园")
    assert parse_address_query("锦绣花园") is None
