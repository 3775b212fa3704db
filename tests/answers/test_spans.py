"""Typed spans on composed sentences: what each finder reads, and where it stops."""

from __future__ import annotations

import pytest

from bot.answers import spans
from bot.vi.normalize import normalize
from bot.vi.tokens import Sentence


def _texts(finder: spans.Finder, text: str) -> list[str]:
    return [span.text for span in finder(Sentence(normalize(text)))]


def test_units_run_to_their_proper_name_and_stop_at_the_next_one() -> None:
    text = "Ban quản lý Khu du lịch hồ Tuyền Lâm và huyện Phong Điền được bầu làm Khối phó."
    assert _texts(spans.units, text) == [
        "Ban quản lý Khu du lịch hồ Tuyền Lâm",
        "huyện Phong Điền",
    ]
    assert _texts(spans.units, "Cụm 6: Quảng Trị (cụm trưởng), Quảng Bình (cụm phó)") == [
        "Quảng Trị",
        "Quảng Bình",
    ]


def test_persons_are_full_names_without_their_title() -> None:
    text = "Đồng chí Khối trưởng Trần Thị Mai, Giám đốc Sở Tư pháp chủ trì."
    assert _texts(spans.persons, text) == ["Trần Thị Mai"]


def test_dates_documents_numbers_and_awards() -> None:
    text = (
        "Ngày 05/3/2025, theo Quyết định số 120/QĐ-UBND ngày 01/3/2025, UBND tỉnh tặng "
        "Cờ thi đua của Ủy ban nhân dân tỉnh cho 04 tập thể, không quá 15% số đơn vị."
    )
    assert _texts(spans.dates, text)[0] == "05/3/2025"
    assert _texts(spans.documents, text) == ["Quyết định số 120/QĐ-UBND ngày 01/3/2025"]
    assert _texts(spans.numbers, text) == ["04", "không quá 15%"]
    assert _texts(spans.awards, text) == ["Cờ thi đua của Ủy ban nhân dân tỉnh"]
    assert _texts(spans.numbers, "Thu ngân sách gần 12.400 tỷ đồng.") == ["gần 12.400"]


def test_places_follow_tai() -> None:
    text = "Sáng 14/02/2025, tại Hội trường UBND huyện Sơn Hà, Cụm tổ chức hội nghị."
    assert _texts(spans.places, text) == ["Hội trường UBND huyện Sơn Hà"]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Năm 2024, UBND xã Đắk Rơ Ông làm Cụm trưởng Cụm thi đua các xã.", "xã Đắk Rơ Ông"),
        ("Cụm trưởng năm 2023 là xã Bà Rá Ông phụ trách vùng.", "xã Bà Rá Ông"),
    ],
)
def test_a_place_name_ending_in_ong_or_ba_keeps_it(text: str, unit: str) -> None:
    found = [u.text for u in spans.units(Sentence(text))]
    assert any(name.endswith(unit) for name in found), found


def test_a_title_before_a_persons_name_still_ends_a_unit() -> None:
    found = [u.text for u in spans.units(Sentence("Đại diện Sở Y tế Ông Nguyễn Văn An phát biểu"))]
    assert found == ["Sở Y tế"]
