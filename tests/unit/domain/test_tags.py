import pytest

from app.domain.ledger_values import tag_note_detail
from app.domain.tags import (
    DEFAULT_TAGS,
    DISABILITY_CATEGORIES,
    canonical_tag,
    normalise_tags,
    tag_by_name,
    tags_and_notes,
)


def test_default_dictionary() -> None:
    by_name = {tag.name: tag for tag in DEFAULT_TAGS}
    expected_days = {
        "独居老人": 7, "空巢老人": 14, "高龄老人": 30, "残疾人": 30, "低保户": 30, "特困人员": 14,
        "优抚对象": 90, "留守儿童": 30, "社区矫正人员": 7, "刑满释放人员": 30, "精神障碍患者": 14,
    }  # fmt: skip
    assert {name: by_name[name].visit_every_days for name in expected_days} == expected_days
    assert {"重病患者", "失独家庭"} <= set(by_name)
    codes = [tag.code for tag in DEFAULT_TAGS]
    assert len(set(codes)) == len(codes)
    assert all(code.isascii() and code == code.lower() and " " not in code for code in codes)
    assert all(tag.category and tag.description for tag in DEFAULT_TAGS)


@pytest.mark.parametrize(
    ("cell", "tags"),
    [
        ("独居", ["独居老人"]),
        ("独居、高龄", ["独居老人", "高龄老人"]),
        ("高龄老人，独居老人", ["独居老人", "高龄老人"]),
        ("残疾/低保; 五保户；空巢", sorted(["残疾人", "低保户", "特困人员", "空巢老人"])),
        ("优抚 留守\u3000社区矫正", sorted(["优抚对象", "留守儿童", "社区矫正人员"])),
        ("矫正对象、社区矫正人员", ["社区矫正人员"]),
        ("特困,特困人员,五保户", ["特困人员"]),
        ("独居、/、无", ["独居老人"]),
        ("/", []),
        (None, []),
        ("", []),
        ("独居、网格自定义", sorted(["独居老人", "网格自定义"])),
    ],
)
def test_normalise_tags(cell: object, tags: list[str]) -> None:
    assert normalise_tags(cell) == tags


def test_tag_lookup() -> None:
    assert tag_by_name("独居老人").code == "elderly_alone"
    assert tag_by_name("五保户").name == "特困人员"
    assert tag_by_name("没有这个") is None
    assert canonical_tag("空巢") == "空巢老人"


def test_disability_categories() -> None:
    assert DISABILITY_CATEGORIES[1] == "视力"
    assert DISABILITY_CATEGORIES[4] == "肢体"
    assert list(DISABILITY_CATEGORIES.values()) == ["视力", "听力", "言语", "肢体", "智力", "精神", "多重"]


@pytest.mark.parametrize(
    ("cell", "tags", "notes"),
    [("残疾人（肢体二级）、低保户(2019年起，每月500元)", ["低保户", "残疾人"],
      {"残疾人": "肢体二级", "低保户": "2019年起，每月500元"}),
     ("残疾(肢体) 残疾（二级）", ["残疾人"], {"残疾人": "肢体；二级"}),
     ("种植大户（苹果）、独居", ["独居老人", "种植大户"], {"种植大户": "苹果"}),
     ("高龄老人（）", ["高龄老人"], {})],
)  # fmt: skip
def test_an_annotation_in_parentheses_is_the_tags_note(cell: str, tags: list[str], notes: dict[str, str]) -> None:
    """It was part of a tag of its own ("残疾人(肢体二级)"), or split in two by its comma."""
    assert tags_and_notes(cell) == (tags, notes)
    assert normalise_tags(cell) == tags


@pytest.mark.parametrize(
    ("tag", "note", "detail"),
    [("残疾人", "肢体二级", {"disability": {"category": "肢体", "level": 2, "cert_no": None}}),
     ("低保户", "210112001", {"dibao_cert_no": "210112001"}),
     ("低保户", "2019年起，每月500元", {"note": "2019年起，每月500元"}),
     ("种植大户", "苹果", {"note": "苹果"})],
)  # fmt: skip
def test_what_an_annotation_says_of_its_tag(tag: str, note: str, detail: dict[str, object]) -> None:
    assert tag_note_detail(tag, note) == detail
