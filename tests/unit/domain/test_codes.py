from collections.abc import Callable

import pytest

from app.domain.codes import (
    BUILDING_TYPE,
    EDUCATION,
    EMPTY_MARKERS,
    ETHNICITY,
    GENDER,
    HOUSEHOLD_PRESENCE,
    HOUSING_USE,
    MARITAL_STATUS,
    POLITICAL_STATUS,
    REGISTRATION,
    RELATION,
    RESIDENCE_TYPE,
    Code,
    CodeList,
    UnknownCode,
    cell_text,
    is_empty,
    without_controls,
)
from app.domain.ids import check_id
from app.domain.ledger_values import free_text
from app.domain.names import normalise_name
from app.domain.phones import normalise_phones
from tests.importing.generated import generated_id

RULES_EMPTY_MARKERS = {"", "-", "--", "/", "\\", "—", "——", "不详", "待补", "无", "暂无", "－", "／"}


def test_empty_markers_are_the_rules_list() -> None:
    assert EMPTY_MARKERS == RULES_EMPTY_MARKERS


@pytest.mark.parametrize("value", [None, "", "  ", "\u3000", "/", " 无 ", "——", "待补", "－", float("nan")])
def test_is_empty(value: object) -> None:
    assert is_empty(value)


@pytest.mark.parametrize("value", [0, 0.0, "0", "无锡", "汉", False])
def test_is_not_empty(value: object) -> None:
    assert not is_empty(value)


def test_cell_text() -> None:
    assert cell_text(2.0) == cell_text(2) == "2"
    assert cell_text(" ２ 号\u3000楼 ") == "2号楼"
    assert cell_text(2.5) == "2.5"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("男", "男"), ("男性", "男"), ("1", "男"), (1, "男"), (1.0, "男"), ("M", "男"), ("m", "男"),
     ("女", "女"), ("女性", "女"), ("2", "女"), (2, "女"), ("F", "女"), (" 女 ", "女"), ("/", None)],
)  # fmt: skip
def test_gender(written: object, canonical: str | None) -> None:
    assert GENDER.normalise(written) == canonical


def test_gender_codes_follow_gb_t_2261_1() -> None:
    assert [c.code for c in GENDER] == ["0", "1", "2", "9"]
    assert GENDER.names() == ("未知的性别", "男", "女", "未说明的性别")


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("户主", "户主"), ("本人", "户主"), ("妻", "配偶"), ("妻子", "配偶"), ("夫", "配偶"), ("丈夫", "配偶"),
     ("爱人", "配偶"), ("儿子", "子"), ("之子", "子"), ("长子", "子"), ("次子", "子"), ("女儿", "女"),
     ("之女", "女"), ("长女", "女"), ("次女", "女"), ("父", "父亲"), ("母", "母亲"), ("儿媳妇", "儿媳"),
     ("女婿", "女婿"), ("孙子", "孙子"), ("孙女", "孙女"), ("租户", "其他"), ("合租", "其他"),
     ("租客", "其他")],
)  # fmt: skip
def test_relation_map_of_the_rules(written: str, canonical: str) -> None:
    assert RELATION.normalise(written) == canonical


def test_relation_codes_follow_gb_t_4761() -> None:
    expected = {"户主": "02", "配偶": "10", "子": "20", "女": "30", "父亲": "51", "母亲": "52", "其他": "80"}
    assert {name: RELATION.by_name(name).code for name in expected} == expected
    assert RELATION.by_code("41") == Code("41", "孙子")
    assert RELATION.by_code("38").name == "儿媳"
    assert RELATION.by_code("28").name == "女婿"
    canonical = {"户主", "配偶", "子", "女", "父亲", "母亲", "孙子", "孙女", "儿媳", "女婿", "其他"}
    assert canonical <= set(RELATION.names())


def test_ethnicity_has_the_56_groups_and_adds_zu() -> None:
    groups = [c for c in ETHNICITY if c.name.endswith("族")]
    assert len(groups) == 56
    assert [c.code for c in groups] == [f"{n:02d}" for n in range(1, 57)]
    assert ETHNICITY.by_code("01").name == "汉族"
    assert ETHNICITY.by_code("56").name == "基诺族"
    assert ETHNICITY.by_code("98").name == "外国血统中国籍人士"
    assert ETHNICITY.normalise("汉") == "汉族"
    assert ETHNICITY.normalise("朝鲜") == "朝鲜族"
    assert ETHNICITY.normalise("维吾尔") == "维吾尔族"
    assert ETHNICITY.normalise("蒙古族") == "蒙古族"
    assert ETHNICITY.normalise("其他") == "其他"
    assert ETHNICITY.normalise("暂无") is None
    assert ETHNICITY.normalise("火星族") is None


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("党员", "中共党员"), ("中共党员", "中共党员"), ("共产党员", "中共党员"), ("团员", "共青团员"),
     ("共青团员", "共青团员"), ("群众", "群众"), ("", None), ("无党派", "无党派人士")],
)  # fmt: skip
def test_political_status(written: str, canonical: str | None) -> None:
    assert POLITICAL_STATUS.normalise(written) == canonical


def test_political_status_codes_follow_gb_t_4762() -> None:
    assert POLITICAL_STATUS.by_name("中共党员").code == "01"
    assert POLITICAL_STATUS.by_name("共青团员").code == "03"
    assert POLITICAL_STATUS.by_name("群众").code == "13"
    assert len(POLITICAL_STATUS) == 13


def test_marital_status_and_education() -> None:
    assert MARITAL_STATUS.by_code("21").name == "初婚"
    assert MARITAL_STATUS.normalise("离异") == "离婚"
    assert EDUCATION.normalise("本科") == "大学本科"
    assert EDUCATION.normalise("大专") == "大学专科"
    assert EDUCATION.normalise("高中") == "普通高中"
    assert EDUCATION.normalise("中专") == "中等专科"
    assert EDUCATION.by_name("研究生").code == "10"


@pytest.mark.parametrize(
    ("code_list", "written", "canonical"),
    [(RESIDENCE_TYPE, "本地", "本地户籍"), (RESIDENCE_TYPE, "户籍人口", "本地户籍"),
     (RESIDENCE_TYPE, "常住户籍", "本地户籍"), (RESIDENCE_TYPE, "外来人口", "流动人口"),
     (RESIDENCE_TYPE, "流动", "流动人口"), (HOUSING_USE, "自有", "自住"), (HOUSING_USE, "业主自住", "自住"),
     (HOUSING_USE, "租住", "出租"), (HOUSING_USE, "租赁", "出租"), (HOUSING_USE, "空房", "空置"),
     (HOUSING_USE, "闲置", "空置"), (HOUSING_USE, "商铺", "商用"), (HOUSING_USE, "经营", "商用"),
     (HOUSEHOLD_PRESENCE, "人在户不在", "人在户不在"), (BUILDING_TYPE, "回迁安置", "回迁安置"),
     (REGISTRATION, "人户分离", "人户分离")],
)  # fmt: skip
def test_local_lists(code_list: CodeList, written: str, canonical: str) -> None:
    assert code_list.normalise(written) == canonical


def test_names_and_lookups() -> None:
    assert HOUSING_USE.names() == ("自住", "出租", "空置", "商用")
    assert BUILDING_TYPE.names() == ("老旧住宅", "回迁安置", "商品房")
    assert HOUSEHOLD_PRESENCE.names() == ("人户同在", "人在户不在", "户在人不在")
    assert REGISTRATION.names() == ("户籍户", "人户分离", "流动人口")
    assert HOUSING_USE.by_code("9") is None
    assert HOUSING_USE.by_name("租住") is None  # an alias is not a name


def test_normalise_strict_names_the_list() -> None:
    assert RELATION.normalise_strict("妻子") == "配偶"
    assert RELATION.normalise_strict("/") is None
    with pytest.raises(UnknownCode, match="与户主关系"):
        RELATION.normalise_strict("邻居家的猫")
    assert isinstance(UnknownCode("x"), ValueError)


def test_code_list_rejects_bad_tables() -> None:
    with pytest.raises(ValueError):
        CodeList("测试", "", [Code("1", "甲"), Code("1", "乙")], {})
    with pytest.raises(ValueError):
        CodeList("测试", "", [Code("1", "甲")], {"丙": "丁"})


@pytest.mark.parametrize(
    ("normalise", "cell", "expected"),
    [(cell_text, "1号\x01楼", "1号楼"), (normalise_name, "张\x1b三", "张三"), (normalise_name, "\x07", None),
     (free_text, "备\x08注\n第二行", "备注\n第二行"), (normalise_phones, "138\x0200000000", ["13800000000"]),
     (lambda raw: check_id(raw).value, generated_id(1) + "\x01", generated_id(1)),
     (without_controls, "\x7f\x85\t", "\t"), (without_controls, 3.0, 3.0)],
)  # fmt: skip
def test_control_characters_are_dropped(normalise: Callable[[object], object], cell: object,
                                        expected: object) -> None:
    """Invisible, and no workbook can hold them: they come with text pasted from web pages and other systems."""
    assert normalise(cell) == expected
