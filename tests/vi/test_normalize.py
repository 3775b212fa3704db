"""The Vietnamese text layer."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from bot.vi import normalize as vt


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("hoà", "hòa"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("thuỷ", "thủy"),
        ("THUỶ LỢI", "THỦY LỢI"),
        ("khoẻ", "khỏe"),
        ("tuỳ", "tùy"),
        ("hoàng", "hoàng"),
        ("huỳnh", "huỳnh"),
        ("người", "người"),
        ("quý", "quý"),
        ("giữ", "giữ"),
        ("ngoài", "ngoài"),
        ("Quyết định", "Quyết định"),
        ("THACO", "THACO"),
    ],
)
def test_normalize_canonical_tone_placement(raw: str, canonical: str) -> None:
    assert vt.normalize(raw) == canonical
    assert vt.normalize(unicodedata.normalize("NFD", raw)) == canonical


def test_normalize_keeps_length_and_case_of_nfc_text() -> None:
    sentence = "Cục Quản lý thị trường bàn giao Khối trưởng cho NHNN, Khánh Hoà."
    assert len(vt.normalize(sentence)) == len(sentence)
    assert vt.normalize(sentence).startswith("Cục Quản lý")


def test_fold_removes_marks_and_d_is_a_separate_step() -> None:
    assert vt.strip_marks("Đồng Tháp") == "Đong Thap"
    assert vt.fold_d("Đong") == "Dong"
    assert vt.fold("Khối Thi đua số 6 ĐỒNG THÁP") == "khoi thi dua so 6 dong thap"
    assert vt.fold(unicodedata.normalize("NFD", "Khối trưởng")) == "khoi truong"


def test_fold_is_length_preserving_on_nfc() -> None:
    text = unicodedata.normalize("NFC", "Hội nghị sơ kết 6 tháng đầu năm ở Đắk Nông")
    assert len(vt.fold(text)) == len(text)


def test_has_diacritics() -> None:
    assert not vt.has_diacritics("khoi truong nam 2023 la ai")
    assert vt.has_diacritics("khối trưởng")
    assert vt.has_diacritics("đơn")
    assert vt.has_diacritics(unicodedata.normalize("NFD", "hòa"))


def test_abbreviations_both_ways() -> None:
    assert vt.expand_abbreviations("NHNN tỉnh") == "Ngân hàng Nhà nước tỉnh"
    assert (
        vt.expand_abbreviations("ubnd tinh, tdkt") == "Ủy ban nhân dân tinh, thi đua khen thưởng"
    )
    assert vt.expand_abbreviations("BĐBP và BDBP") == "Bộ đội Biên phòng và Bộ đội Biên phòng"
    assert vt.abbreviate("Ngân hàng nhà nước chi nhánh") == "NHNN chi nhánh"
    assert vt.abbreviate("Uỷ ban nhân dân tỉnh") == "UBND tỉnh"


def test_tokens_keep_one_letter_syllables_and_vietnamese_stopword_lookalikes() -> None:
    assert vt.tokens("Ý kiến ở Khối, do an toàn") == ["ý", "kiến", "ở", "khối", "do", "an", "toàn"]


def test_lexical_tokens_add_long_forms_of_abbreviations() -> None:
    assert vt.lexical_tokens("NHNN", folded=True) == ["nhnn", "ngan", "hang", "nha", "nuoc"]
    assert vt.lexical_tokens("Khối", folded=False) == ["khối"]


@pytest.mark.parametrize(
    "written",
    [
        "24/2/2023",
        "24/02/2023",
        "24-2-2023",
        "2023-02-24",
        "ngày 24 tháng 2 năm 2023",
        "ngay 24 thang 02 nam 2023",
        "24 / 02 / 2023",
    ],
)
def test_parse_date_forms(written: str) -> None:
    assert vt.parse_date(f"Chiều {written}, tại hội trường") == dt.date(2023, 2, 24)


def test_find_dates_without_year_and_not_numbers() -> None:
    found = vt.find_dates("Chiều 10/1, tại tỉnh Long An; thu 10.500 tỷ; văn bản 1224/SNV-TĐKT")
    assert [(m.day, m.month, m.year) for m in found] == [(10, 1, None)]
    assert vt.parse_date("ngày 31/2/2023") is None


def test_iter_years() -> None:
    assert list(vt.iter_years("năm 2022 và 2023, mã 120235")) == [2022, 2023]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Ngày 5 và 6/9/2023, các đơn vị tham gia hội thao", [(5, 9, 2023), (6, 9, 2023)]),
        ("trong hai ngày 5-6/9/2023 tại sân vận động", [(5, 9, 2023), (6, 9, 2023)]),
        ("các ngày 5, 6/9 tại tỉnh", [(5, 9, None), (6, 9, None)]),
        ("từ ngày 5 đến ngày 6 tháng 9 năm 2023", [(5, 9, 2023), (6, 9, 2023)]),
        ("Sáng nay (9/12), hội nghị diễn ra", [(9, 12, None)]),
        ("nộp hồ sơ trước 10/12; trước ngày 31-5", [(10, 12, None), (31, 5, None)]),
        ("tỷ lệ (1/2 số phiếu), mã 12-3/QĐ", []),
    ],
)
def test_find_dates_of_several_days_brackets_and_deadlines(
    text: str, days: list[tuple[int, int, int | None]]
) -> None:
    assert [(m.day, m.month, m.year) for m in vt.find_dates(text)] == days


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("năm học 2022-2023", [2022]),
        ("Năm học 2024 - 2025 và năm học 2025–2026", [2024, 2025]),
        ("nam hoc 2019/2020", [2019]),
        ("giai đoạn 2021-2025", []),
        ("năm 2023", []),
    ],
)
def test_school_years(text: str, years: list[int]) -> None:
    assert vt.school_years(text) == years
