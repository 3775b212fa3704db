"""The province gazetteer: spellings, the 2025 merger, mentions in text and in web addresses."""

from __future__ import annotations

import unicodedata

import pytest

from bot.vi.normalize import fold
from bot.vi.provinces import (
    NEW_PROVINCES,
    OLD_PROVINCES,
    SUCCESSOR,
    canonical_province,
    find_provinces,
    province_mentions,
    provinces_in_url,
    related_provinces,
)


def test_63_old_and_34_new_provinces() -> None:
    assert len(OLD_PROVINCES) == len(set(OLD_PROVINCES)) == 63
    assert len(NEW_PROVINCES) == len(set(NEW_PROVINCES)) == 34
    assert set(NEW_PROVINCES) <= set(OLD_PROVINCES)
    assert set(SUCCESSOR.values()) == set(NEW_PROVINCES)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Tiền Giang", "Đồng Tháp"),
        ("Long An", "Tây Ninh"),
        ("Đắk Nông", "Lâm Đồng"),
        ("Bình Thuận", "Lâm Đồng"),
        ("Nam Định", "Ninh Bình"),
        ("Hà Nam", "Ninh Bình"),
        ("Kiên Giang", "An Giang"),
        ("Ninh Thuận", "Khánh Hòa"),
        ("Bến Tre", "Vĩnh Long"),
        ("Trà Vinh", "Vĩnh Long"),
        ("Bình Dương", "Thành phố Hồ Chí Minh"),
        ("Bà Rịa - Vũng Tàu", "Thành phố Hồ Chí Minh"),
        ("Quảng Nam", "Đà Nẵng"),
        ("Hải Dương", "Hải Phòng"),
        ("Hòa Bình", "Phú Thọ"),
        ("Bình Định", "Gia Lai"),
        ("Hà Giang", "Tuyên Quang"),
        ("Thanh Hóa", "Thanh Hóa"),
        ("Cao Bằng", "Cao Bằng"),
        ("Huế", "Huế"),
    ],
)
def test_merger_of_2025(old: str, new: str) -> None:
    assert SUCCESSOR[old] == new


@pytest.mark.parametrize("name", OLD_PROVINCES)
def test_every_province_is_found_by_its_own_name_typed_any_way(name: str) -> None:
    assert canonical_province(name) == name
    assert canonical_province(fold(name).upper()) == name
    assert find_provinces(f"Khối thi đua tỉnh {name}") == [name]
    assert find_provinces(f"khoi thi dua {fold(name)}") == [name]


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("Đồng Tháp", "Đồng Tháp"),
        ("dong thap", "Đồng Tháp"),
        ("ĐỒNG THÁP", "Đồng Tháp"),
        (unicodedata.normalize("NFD", "Đồng Tháp"), "Đồng Tháp"),
        ("tỉnh Tiền Giang", "Tiền Giang"),
        ("TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
        ("TP.HCM", "Thành phố Hồ Chí Minh"),
        ("HCM", "Thành phố Hồ Chí Minh"),
        ("Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
        ("Thừa Thiên Huế", "Huế"),
        ("hue", "Huế"),
        ("Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("BR-VT", "Bà Rịa - Vũng Tàu"),
        ("Đắc Lắc", "Đắk Lắk"),
        ("Dak Nong", "Đắk Nông"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("thanh hoá", "Thanh Hóa"),
        ("kiengiang", "Kiên Giang"),
        ("tayninh", "Tây Ninh"),
    ],
)
def test_canonical_province_for_any_spelling(spelling: str, canonical: str) -> None:
    assert canonical_province(spelling) == canonical


@pytest.mark.parametrize("name", ["", "tỉnh", "Việt Nam", "Sở Nội vụ", "Hà Lan", "Nam"])
def test_canonical_province_of_other_names_is_none(name: str) -> None:
    assert canonical_province(name) is None


def test_find_provinces_in_order_of_first_mention() -> None:
    text = "Khối thi đua tỉnh Long An làm việc với Tây Ninh; Long An đăng cai năm sau."
    assert find_provinces(text) == ["Long An", "Tây Ninh"]
    assert province_mentions(text) == ["Long An", "Tây Ninh", "Long An"]


@pytest.mark.parametrize(
    "question",
    [
        "Khối trưởng Khối thi đua số 6 tỉnh Đồng Tháp năm 2022?",
        "khoi thi dua so 6 dong thap nam 2022",
        "KHỐI THI ĐUA SỐ 6 ĐỒNG THÁP",
        "khối trưởng đồng tháp năm 2022 là ai",
        unicodedata.normalize("NFD", "Khối thi đua số 6 Đồng Tháp"),
    ],
)
def test_find_provinces_with_and_without_marks(question: str) -> None:
    assert find_provinces(question) == ["Đồng Tháp"]


def test_variants_in_running_text() -> None:
    text = (
        "Đoàn công tác của TP.HCM, Thừa Thiên Huế, tỉnh BR-VT, Đắc Lắc và Khánh Hoà "
        "làm việc tại TP. Hồ Chí Minh."
    )
    assert find_provinces(text) == [
        "Thành phố Hồ Chí Minh",
        "Huế",
        "Bà Rịa - Vũng Tàu",
        "Đắk Lắk",
        "Khánh Hòa",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc",
        "Các đơn vị thi đua vì hòa bình, ổn định",
        "đường lên cao bằng đường xuống",
        "tàu vượt Thái Bình Dương",
        "tại trụ sở UBND phường Hòa Bình",
        "bà Nguyễn Thị Huế, đ/c Huế và chị Huế phát biểu",
        "ông Trần Long An được khen thưởng",
        "tại Hà Lan",
        "bảo đảm an ninh, an toàn",
        "bản tin tỉnh Long.\nAn toàn lao động",
    ],
)
def test_no_false_positives(text: str) -> None:
    assert find_provinces(text) == []


def test_ordinary_phrase_names_count_when_capitalised_or_after_tinh() -> None:
    assert find_provinces("Khối thi đua số 2 tỉnh Hòa Bình") == ["Hòa Bình"]
    assert find_provinces("khối thi đua tỉnh hòa bình") == ["Hòa Bình"]
    assert find_provinces("khoi thi dua hoa binh") == ["Hòa Bình"]


def test_units_named_after_their_province_count() -> None:
    text = (
        "Cục Thuế Đắk Nông, Kho bạc Nhà nước Việt Nam – Chi nhánh Tiền Giang "
        "và Chi cục Hải quan Ninh Thuận"
    )
    assert find_provinces(text) == ["Đắk Nông", "Tiền Giang", "Ninh Thuận"]


def test_web_addresses_are_not_running_text() -> None:
    text = "Nguồn: https://la34.com.vn/chi-cuc-thads-long-an-vinh-long-ky-ket.html"
    assert find_provinces(text) == []


@pytest.mark.parametrize(
    ("text", "provinces"),
    [
        ("Nguồn: https://snv.kiengiang.gov.vn/trang/TinTuc/18/1969/Hop.html", ["Kiên Giang"]),
        ("baotayninh.vn, baobinhduong.vn", ["Tây Ninh", "Bình Dương"]),
        ("https://baoninhthuan.com.vn/news/136135p1c25/hoi-nghi.htm", ["Ninh Thuận"]),
        ("https://baothanhhoa.vn/cum-thi-dua-so-1-271683.htm", ["Thanh Hóa"]),
        ("http://www.baria-vungtau.gov.vn/", ["Bà Rịa - Vũng Tàu"]),
        ("https://tphcm.gov.vn và hanoimoi.vn", ["Thành phố Hồ Chí Minh", "Hà Nội"]),
        ("https://vietnam.vn/longan/?p=596734", []),
        ("https://thuvienphapluat.vn/van-ban/dong-thap", []),
        ("không có địa chỉ nào ở Đồng Tháp", []),
    ],
)
def test_provinces_in_url_read_the_host(text: str, provinces: list[str]) -> None:
    assert provinces_in_url(text) == provinces


@pytest.mark.parametrize(
    ("name", "related"),
    [
        ("Đồng Tháp", {"Đồng Tháp", "Tiền Giang"}),
        ("tien giang", {"Tiền Giang", "Đồng Tháp"}),
        ("Ninh Bình", {"Ninh Bình", "Hà Nam", "Nam Định"}),
        ("Nam Định", {"Nam Định", "Ninh Bình"}),
        ("TP.HCM", {"Thành phố Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"}),
        ("Thanh Hóa", {"Thanh Hóa"}),
        ("Bộ Tư pháp", {"Bộ Tư pháp"}),
    ],
)
def test_related_provinces(name: str, related: set[str]) -> None:
    assert related_provinces(name) == related
