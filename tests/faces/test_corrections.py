"""The /sua grammar: each kind, with and without diacritics, and what is missing."""

from __future__ import annotations

import pytest

from bot.faces.corrections import CorrectionError, parse_correction

BLOC = ("Khối thi đua số 6", "Tây Ninh")


def found(name: str) -> tuple[str, str | None]:
    if "6" not in name:
        raise CorrectionError(f"Không tìm thấy “{name}”")
    return BLOC


@pytest.mark.parametrize(
    "text",
    [
        "khối trưởng 2025 Khối thi đua số 6: Cục Thuế tỉnh",
        "khoi truong nam 2025 khoi 6: Cục Thuế tỉnh",
        "Cụm trưởng Khối 6 2025: Cục Thuế tỉnh",
        "TRƯỞNG KHỐI 2025 khối số 6 : Cục Thuế tỉnh",
    ],
)
def test_a_leader_in_several_wordings(text: str) -> None:
    correction = parse_correction(text, found)

    assert correction.entry == {
        "kind": "role",
        "bloc": "Khối thi đua số 6",
        "province": "Tây Ninh",
        "year": 2025,
        "role": "leader",
        "unit": "Cục Thuế tỉnh",
    }
    assert correction.describe() == (
        "Khối trưởng năm 2025 của Khối thi đua số 6 (Tây Ninh): Cục Thuế tỉnh"
    )


def test_a_deputy_members_and_a_flag() -> None:
    deputy = parse_correction("pho khoi 2024 khoi 6: Sở Tư pháp", found)
    members = parse_correction(
        "thành viên Khối 6: Cục Thuế; Kho bạc Nhà nước, chi nhánh; Sở Y tế", found
    )
    flag = parse_correction("cờ thi đua 2024 Khối 6: Cục Hải quan", found)

    assert deputy.entry["role"] == "deputy"
    assert members.entry["units"] == ["Cục Thuế", "Kho bạc Nhà nước, chi nhánh", "Sở Y tế"]
    assert members.entry["count"] == 3
    assert (flag.entry["kind"], flag.entry["award"], flag.entry["unit"]) == (
        "award",
        "Cờ thi đua",
        "Cục Hải quan",
    )


def test_a_meeting_and_a_deadline_take_their_dates() -> None:
    meeting = parse_correction("họp Khối 6: tổng kết 20/01/2026 tại Hội trường Cục Thuế", found)
    deadline = parse_correction("han: nộp hồ sơ khen thưởng trước ngày 15/12/2025", found)

    assert meeting.entry["meeting"] == "tổng kết"
    assert meeting.entry["date"] == "2026-01-20"
    assert meeting.entry["place"] == "Hội trường Cục Thuế"
    assert deadline.entry == {
        "kind": "deadline",
        "subject": "nộp hồ sơ khen thưởng",
        "date": "2025-12-15",
    }


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("khối trưởng 2025 Khối 6 Cục Thuế", "hai chấm"),
        ("khối trưởng 2025 Khối 6:", "Thiếu nội dung"),
        ("giám đốc 2025 Khối 6: Cục Thuế", "loại"),
        ("khối trưởng Khối 6: Cục Thuế", "năm"),
        ("khối trưởng 2025: Cục Thuế", "khối"),
        ("họp Khối 6: tổng kết tháng 1", "ngày"),
        ("khối trưởng 2025 Khối 9: Cục Thuế", "Không tìm thấy"),
    ],
)
def test_what_is_missing_is_said(text: str, problem: str) -> None:
    with pytest.raises(CorrectionError, match=problem):
        parse_correction(text, found)
