import random

import pytest

from app.domain.phones import generate_phone, normalise_phones


@pytest.mark.parametrize(
    ("cell", "phones"),
    [
        ("13812345678", ["13812345678"]),
        (13812345678, ["13812345678"]),
        (13812345678.0, ["13812345678"]),
        ("138-1234-5678", ["13812345678"]),
        ("138 1234 5678", ["13812345678"]),
        ("１３８１２３４５６７８", ["13812345678"]),
        ("13812345678/13912345678", ["13812345678", "13912345678"]),
        ("13812345678、13912345678，15012345678", ["13812345678", "13912345678", "15012345678"]),
        ("13812345678;13912345678 13812345678", ["13812345678", "13912345678"]),
        ("18874753354（女儿）", ["18874753354"]),
        ("女儿 18874753354", ["18874753354"]),
        ("12812345678", []),  # 12x is not a mobile prefix
        ("138123456789", []),  # 12 digits
        ("024-23456789", []),  # landline
        ("/", []),
        (None, []),
    ],
)
def test_normalise_phones(cell: object, phones: list[str]) -> None:
    assert normalise_phones(cell) == phones


def test_generated_phones_are_valid_mobile_numbers() -> None:
    rng = random.Random(3)
    for _ in range(500):
        phone = generate_phone(rng)
        assert normalise_phones(phone) == [phone]
    assert generate_phone(random.Random(9)) == generate_phone(random.Random(9))
