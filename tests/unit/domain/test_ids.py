import random
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.ids import (
    IdCheck,
    IdProblem,
    check_char,
    check_id,
    convert_15_to_18,
    generate_id,
    is_valid_id,
    mask_id,
    mask_phone,
)

REF = date(2024, 3, 15)
# Fictional IDs built here: region 110101, born 1990-03-07, sequence 123 (odd: male).
FIRST17 = "11010119900307123"
VALID = FIRST17 + check_char(FIRST17)
WRONG_CHECK = FIRST17 + "10X98765432"[("10X98765432".index(VALID[-1]) + 1) % 11]


def with_x_check() -> str:
    """A fictional ID whose check character is X (found by varying the sequence)."""
    for seq in range(1000):
        first17 = f"21011219850612{seq:03d}"
        if check_char(first17) == "X":
            return first17 + "X"
    raise AssertionError("no X check character in 1000 sequences")


@given(first17=st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_char_follows_gb11643(first17: str) -> None:
    # weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum mod 11 indexes "10X98765432"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    assert check_char(first17) == "10X98765432"[total % 11]


@pytest.mark.parametrize("bad", ["123", "1101051949123100_", " 1101051949123100", "110105194912310a2"])
def test_check_char_wants_17_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        check_char(bad)


def test_valid_id_gives_birth_date_and_gender() -> None:
    result = check_id(VALID, REF)
    assert result == IdCheck(VALID, None, date(1990, 3, 7), "男")
    assert result.ok
    assert is_valid_id(VALID)


def test_even_sequence_digit_is_female() -> None:
    first17 = "11010119900307124"
    assert check_id(first17 + check_char(first17), REF).gender == "女"


def test_wrong_checksum() -> None:
    result = check_id(WRONG_CHECK, REF)
    assert result.problem is IdProblem.CHECKSUM
    assert not result.ok and result.value is None
    assert not is_valid_id(WRONG_CHECK)


def test_fifteen_digit_old_id_converts() -> None:
    old = "110101900307123"  # 6 + YYMMDD + 3
    assert convert_15_to_18(old) == VALID
    result = check_id(old, REF)
    assert result.value == VALID
    assert result.birth_date == date(1990, 3, 7)


def test_fifteen_digit_numeric_cell_is_fine() -> None:
    assert check_id(110101900307123, REF).value == VALID
    assert check_id(110101900307123.0, REF).value == VALID
    assert check_id(Decimal("110101900307123"), REF).value == VALID
    assert check_id("110101900307123.0", REF).value == VALID


@pytest.mark.parametrize(
    "raw",
    [
        "１１０１０１１９９００３０７１２３" + VALID[-1],  # full-width digits
        f" {VALID} ",
        f"{VALID[:6]} {VALID[6:14]} {VALID[14:]}",
        f"{VALID}\u3000",
        f"\t{VALID}\n",
    ],
)
def test_width_and_whitespace_are_normalised(raw: str) -> None:
    assert check_id(raw, REF).value == VALID


def test_lowercase_x_is_upper_cased() -> None:
    id_x = with_x_check()
    assert check_id(id_x.lower(), REF).value == id_x
    assert check_id(id_x[:-1] + "ｘ", REF).value == id_x


@pytest.mark.parametrize(
    "raw",
    [
        2.10112199001011e17,  # what openpyxl/calamine return for a numeric 18-digit cell
        float(VALID),
        int(float(VALID)),  # the same number as an int: still only 15 significant digits
        210112199001011234,  # any 18-digit number came from a numeric cell
        Decimal("2.10112199001011E+17"),
        "2.10112E+17",  # what Excel writes to CSV
        "2.10112e17",
        "2.10112199001011e+17",
        "210112199001011234.0",
    ],
)
def test_precision_lost(raw: object) -> None:
    assert check_id(raw, REF).problem is IdProblem.PRECISION_LOST


def test_precision_lost_even_when_the_number_passes_the_checksum() -> None:
    # An ID whose last three characters are "000" survives a numeric cell unchanged, and is still
    # rejected: a number with 16+ digits can never be trusted.
    first17 = next(
        first17
        for day in range(1, 29)
        for digit in range(10)
        if check_char(first17 := f"210112199001{day:02d}{digit}00") == "0"
    )
    assert check_id(first17 + "0", REF).ok
    assert check_id(float(first17 + "0"), REF).problem is IdProblem.PRECISION_LOST


@pytest.mark.parametrize("raw", [None, "", "   ", "/", "无", "——", "待补", "不详", "－", float("nan")])
def test_missing(raw: object) -> None:
    assert check_id(raw, REF).problem is IdProblem.MISSING


@pytest.mark.parametrize(
    "raw",
    [
        "12345",
        "11010119900307123",
        "1101011990030712345",
        "11010119900307123Y",
        "11010119900307X123",
        12345,
        True,
    ],
)
def test_format(raw: object) -> None:
    assert check_id(raw, REF).problem is IdProblem.FORMAT


@pytest.mark.parametrize(
    "first17",
    [
        "11010119900230123",  # 30 February
        "11010119901301123",  # month 13
        "11010118991231123",  # before 1900
        "11010120240316123",  # after the reference date
    ],
)
def test_invalid_date_is_checked_before_checksum(first17: str) -> None:
    assert check_id(first17 + check_char(first17), REF).problem is IdProblem.INVALID_DATE
    assert check_id(first17 + "0", REF).problem is IdProblem.INVALID_DATE


def test_reference_date_defaults_to_today() -> None:
    first17 = f"110101{date.today():%Y%m%d}123"
    assert check_id(first17 + check_char(first17)).ok


def test_problem_codes_and_messages() -> None:
    assert [p.value for p in IdProblem] == [
        "id_missing",
        "id_precision_lost",
        "id_format",
        "id_invalid_date",
        "id_checksum",
    ]
    assert IdProblem.PRECISION_LOST == "id_precision_lost"
    assert IdProblem.PRECISION_LOST.message.startswith("身份证号以数字格式保存，后几位已丢失")
    assert all(problem.message for problem in IdProblem)


def test_masking() -> None:
    assert mask_id(VALID) == VALID[:6] + "********" + VALID[-4:]
    assert mask_id("110101900307123") == "110101*****7123"
    assert mask_id("12345678") == "****5678"
    assert mask_id("123") == "***"
    assert mask_id(None) == mask_id("") == ""
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("12345") == "***45"
    assert mask_phone(None) == ""


def test_generate_id_is_valid_and_keeps_gender_and_birth() -> None:
    rng = random.Random(42)
    for male in (True, False):
        for _ in range(200):
            born = date(1930, 1, 1) + (date(2020, 1, 1) - date(1930, 1, 1)) * rng.random()
            id_number = generate_id(rng, "210112", born, male)
            result = check_id(id_number, REF)
            assert result.ok
            assert result.birth_date == born
            assert result.gender == ("男" if male else "女")
    with pytest.raises(ValueError):
        generate_id(rng, "21011", date(1990, 1, 1), True)
