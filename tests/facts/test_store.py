"""Blocs under several names, unit spellings, and which blocs a question is about."""

from __future__ import annotations

from bot.facts.model import Fact, FactKind, Role
from bot.facts.store import BlocQuery, FactStore
from bot.vi.names import bloc_number, same_unit


def _role(doc: str, bloc: str, province: str, year: int, unit: str) -> Fact:
    return Fact(
        kind=FactKind.ROLE,
        doc=doc,
        evidence=f"{unit} làm Khối trưởng năm {year}.",
        rule="test",
        bloc=bloc,
        province=province,
        year=year,
        role=Role.LEADER,
        unit=unit,
    )


def test_bloc_numbers() -> None:
    assert bloc_number("Khối thi đua số 6") == 6
    assert bloc_number("cum thi dua so 12") == 12
    assert bloc_number("Khối 9") == 9
    assert bloc_number("Khối các cơ quan nội chính") is None


def test_unit_spellings_are_one_unit() -> None:
    assert same_unit("NHNN", "Ngân hàng Nhà nước Việt Nam – Chi nhánh Tiền Giang", "Tiền Giang")
    assert same_unit("Cục Quản lý thị trường Tây Ninh", "Cục QLTT", "Tây Ninh")
    assert same_unit("Cục Thuế", "Cục Thuế tỉnh")
    assert not same_unit("Cục Thuế", "Cục Thống kê")
    assert not same_unit("Cục Thi hành án dân sự", "Chi cục Thi hành án dân sự huyện Tân Thạnh")


def test_a_report_naming_its_bloc_two_ways_is_one_bloc() -> None:
    facts = [_role("qn.txt", "Khối thi đua số 9", "Quảng Nam", 2024, "Cục Thống kê tỉnh")]
    store = FactStore(facts, {"qn.txt": ("Khối thi đua các cơ quan Trung ương", "Quảng Nam")})
    assert len(store.blocs) == 1
    by_words = store.match(BlocQuery(provinces=("Quảng Nam",), words=("trung", "uong")))
    by_number = store.match(BlocQuery(number=9))
    assert by_words == by_number == store.blocs
    assert store.select(FactKind.ROLE, by_number, year=2024)[0].unit == "Cục Thống kê tỉnh"


def test_same_number_in_two_provinces_is_two_blocs_and_provinces_filter() -> None:
    facts = [
        _role("a.txt", "Khối thi đua số 6", "Đồng Tháp", 2022, "Cục Thi hành án dân sự"),
        _role("b.txt", "Khối thi đua số 6", "Lạng Sơn", 2022, "Sở Tư pháp"),
    ]
    store = FactStore(facts, {"a.txt": (None, "Đồng Tháp"), "b.txt": (None, "Lạng Sơn")})
    assert len(store.blocs) == 2
    # Tiền Giang merged into Đồng Tháp in 2025: either name finds the bloc.
    for province in ("Đồng Tháp", "Tiền Giang"):
        (bloc,) = store.match(BlocQuery(provinces=(province,), number=6))
        assert bloc.province == "Đồng Tháp"
    assert store.match(BlocQuery(provinces=("Cà Mau",))) == []


def test_a_district_unit_is_not_the_provincial_one() -> None:
    assert not same_unit("Công an tỉnh", "Công an huyện Cao Lộc")
    assert same_unit("Chi cục THADS huyện Tân Thạnh", "Chi cục Thi hành án dân sự huyện Tân Thạnh")
