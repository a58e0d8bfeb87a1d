import time

import pytest

from app.domain.names import name_initials, name_pieces, names_initials, normalise_name


@pytest.mark.parametrize(
    ("text", "name"),
    [("王芳", "王芳"), (" 王　芳 ", "王芳"), ("王  芳", "王芳"), ("王\t芳\n", "王芳"),
     ("阿依古丽·买买提", "阿依古丽·买买提"), ("阿依古丽•买买提", "阿依古丽·买买提"), ("ＴＯＭ", "TOM"),
     ("", None), ("/", None), (None, None)],
)  # fmt: skip
def test_normalise_name(text: object, name: str | None) -> None:
    assert normalise_name(text) == name


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        # surnames that pypinyin reads wrongly unless told they are surnames
        ("曾国强", "zgq"),
        ("单田芳", "stf"),
        ("解晓东", "xxd"),
        ("仇英", "qy"),
        ("区志航", "ozh"),
        ("查良镛", "zly"),
        ("朴树", "ps"),
        ("盖丽丽", "gll"),
        ("缪杰", "mj"),
        ("种师道", "csd"),
        ("万里", "wl"),
        ("覃海", "qh"),
        ("翟志刚", "zzg"),
        ("阚丽", "kl"),
        # compound surnames
        ("欧阳娜娜", "oynn"),
        ("司马光", "smg"),
        ("诸葛亮", "zgl"),
        ("上官婉儿", "sgwe"),
        ("令狐冲", "lhc"),
        ("长孙无忌", "zswj"),
        # ordinary names
        ("张伟", "zw"),
        ("王芳", "wf"),
        ("李娜", "ln"),
    ],
)
def test_surnames_read_as_surnames(name: str, initials: str) -> None:
    assert name_initials(name) == [initials]
    assert names_initials([name]) == [(initials,)]


def test_polyphonic_given_names_give_alternatives_most_common_first() -> None:
    assert name_initials("张乐") == ["zl", "zy"]
    assert name_initials("李长江") == ["lcj", "lzj"]
    assert name_initials("乐嘉") == ["yj", "lj"]  # 乐 as a surname: yuè first, lè too
    assert name_initials("曾乐") == ["zl", "zy"]  # the surname is fixed, the given name varies
    many = name_initials("王长乐行重")
    assert len(many) == 4
    assert many[0] == "wclxz"
    assert len(set(many)) == 4


def test_non_chinese_characters() -> None:
    assert name_initials("阿依古丽·买买提") == ["ayglmmt"]
    assert name_initials("Tom张") == ["tomz"]
    assert name_initials("张3") == ["z"]
    assert name_initials("") == []
    assert name_initials("·") == []
    assert names_initials(["", "·"]) == [(), ()]


def test_batch_matches_single() -> None:
    names = ["张伟", "曾乐", "欧阳娜娜", "李长江", "Tom张", "区志航", "王芳芳", "长孙无忌"]
    assert names_initials(names) == [tuple(name_initials(name)) for name in names]


def test_initials_are_fast_for_many_names() -> None:
    # DESIGN section 8: with a per-character cache 1M names take about 0.5 s (here 100k, generous bound).
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚"
    names = [surnames[i % 20] + given[i % 23] + given[(i * 7) % 23] for i in range(100_000)]
    names_initials(names[:1000])
    start = time.perf_counter()
    names_initials(names)
    assert time.perf_counter() - start < 1.0


def test_name_pieces_and_ranks() -> None:
    assert name_pieces("张三丰") == {("张", 1), ("张三", 1), ("三", 2), ("三丰", 2), ("丰", 2)}
    assert name_pieces("张三") == {("张", 1), ("三", 2), ("张三", 0)}
    assert name_pieces("张") == {("张", 0)}
    assert name_pieces("乐乐") == {("乐", 1), ("乐乐", 0)}  # the lowest rank wins
    assert name_pieces("欧阳娜娜") == {("欧", 1), ("欧阳", 1), ("阳", 2), ("阳娜", 2), ("娜", 2), ("娜娜", 2)}
    assert name_pieces("") == set()
    assert ("·", 2) not in name_pieces("阿依·买买提")
