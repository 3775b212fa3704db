"""Names of units and blocs: one definition, shared by extraction, questions, the store and the
calendar (each case here is one where two copies used to disagree)."""

from __future__ import annotations

import unicodedata

import pytest

from bot.vi.names import bloc_number, roman_value, same_bloc, same_unit


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("Khối thi đua số 6", 6),
        ("Khối thi đua số IV", 4),
        ("Cụm thi đua số II", 2),
        ("cum thi dua so ii", 2),
        ("Cụm II các huyện miền núi", 2),
        ("Cụm 6 khối các Sở GD&ĐT", 6),
        ("Cụm thi đua 6 LĐLĐ các tỉnh Bắc Trung Bộ", 6),
        (unicodedata.normalize("NFD", "Khối thi đua số 12"), 12),
        ("Khối các cơ quan nội chính", None),
        # Without marks "vị" is "vi": not a Roman six unless after "số" or in capitals.
        ("khoi don vi su nghiep", None),
        ("Khối thi đua vi phạm", None),
    ],
)
def test_bloc_number_reads_digits_and_roman_numerals(name: str, number: int | None) -> None:
    assert bloc_number(name) == number


def test_roman_values() -> None:
    assert [roman_value(t) for t in ("I", "iv", "IX", "XIV", "XXXIX")] == [1, 4, 9, 14, 39]
    assert roman_value("vì") is None
    assert roman_value("") is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Cục Thuế", "Chi cục Thuế khu vực I", False),
        ("Cục Thuế tỉnh", "đơn vị Cục Thuế", True),
        ("NHNN", "Ngân hàng Nhà nước Việt Nam – Chi nhánh Tiền Giang", True),
        ("Cục QLTT", "Cục Quản lý thị trường Tây Ninh", True),
        ("Công an huyện Châu Thành", "Công an tỉnh", False),
    ],
)
def test_same_unit(a: str, b: str, same: bool) -> None:
    assert same_unit(a, b) is same
    assert same_unit(b, a) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Cụm thi đua số II", "Cụm thi đua số 2", True),
        ("Khối thi đua số 6", "Khối thi đua số 7", False),
        ("Khối thi đua số 6", "Cụm thi đua số 6", False),
        ("Khối các cơ quan nội chính", "Khối thi đua các cơ quan nội chính tỉnh", True),
        ("Khối Nội chính", "Khối Kinh tế tổng hợp", False),
    ],
)
def test_same_bloc(a: str, b: str, same: bool) -> None:
    assert same_bloc(a, b) is same
