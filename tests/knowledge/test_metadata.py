"""Document metadata: front matter first, else province, bloc, date and type read from the text."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.knowledge.metadata import infer_metadata
from tests.conftest import DEV_CORPUS

D = dt.date

# file prefix → (province, bloc, date, doc_type), as a reader of each document would say.
DEV_EXPECTED = {
    "000_": ("Tiền Giang", "Khối thi đua các đơn vị ngành dọc quản lý", D(2023, 1, 5), "report"),
    "001_": ("Nam Định", "Khối thi đua các cơ quan, đơn vị Trung ương", None, "report"),
    "002_": ("Đồng Tháp", "Khối thi đua Các cơ quan nội chính", D(2022, 7, 20), "report"),
    "003_": ("Tây Ninh", "Khối thi đua các cơ quan Trung ương", D(2023, 2, 24), "report"),
    "004_": ("Đắk Nông", "Khối thi đua số 5", None, "report"),
    "x002_": (
        "Kiên Giang",
        "Khối thi đua các phòng, ban và đơn vị trực thuộc Sở",
        D(2024, 1, 22),
        "report",
    ),
    "x008_": ("Ninh Thuận", "Khối thi đua các cơ quan Trung ương", D(2023, 2, 27), "report"),
    "x013_": ("Đồng Nai", "Khối thi đua số 9", None, "report"),
    "x021_": ("Long An", "Khối thi đua các Chi cục Thi hành án dân sự", D(2025, 1, 10), "report"),
    "x026_": (None, None, D(2016, 7, 25), "guidance"),
    "x029_": (None, None, None, "other"),
    "x032_": ("Thanh Hóa", "Cụm thi đua số 1", D(2025, 12, 13), "report"),
}


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="shared/eval/dev_corpus is absent")
@pytest.mark.parametrize("prefix", sorted(DEV_EXPECTED))
def test_dev_corpus_metadata(prefix: str) -> None:
    (path,) = DEV_CORPUS.glob(f"{prefix}*.txt")
    text = path.read_text(encoding="utf-8")
    meta = infer_metadata(text.splitlines()[0], text, {})
    assert (meta.province, meta.bloc, meta.date, meta.doc_type) == DEV_EXPECTED[prefix]


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="shared/eval/dev_corpus is absent")
def test_dev_corpus_source_is_the_first_nguon_link() -> None:
    (path,) = DEV_CORPUS.glob("x021_*.txt")
    text = path.read_text(encoding="utf-8")
    meta = infer_metadata(text.splitlines()[0], text, {})
    assert meta.source is not None
    assert meta.source.startswith("https://la34.com.vn/chi-cuc-thi-hanh-an-dan-su")


def _meta(title: str, body: str) -> tuple[str | None, str | None, dt.date | None, str]:
    meta = infer_metadata(title, f"{title}\n\n{body}", {})
    return meta.province, meta.bloc, meta.date, meta.doc_type


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (  # a January summary of 2023: the year-less date is in 2024
            "Khối thi đua các cơ quan Đảng, Mặt trận và đoàn thể tỉnh Bình Phước tổng kết 2023",
            "Sáng 12/1, tại Hội trường Tỉnh ủy, Khối thi đua các cơ quan Đảng, Mặt trận và đoàn "
            "thể tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2023.",
            (
                "Bình Phước",
                "Khối thi đua các cơ quan Đảng, Mặt trận và đoàn thể",
                D(2024, 1, 12),
                "report",
            ),
        ),
        (  # a December summary stays in its year
            "Cụm thi đua số 2 tổng kết phong trào thi đua năm 2024",
            "Chiều 20/12, tại UBND huyện Mèo Vạc, tỉnh Hà Giang, Cụm thi đua số 2 tổ chức hội "
            "nghị tổng kết năm 2024.",
            ("Hà Giang", "Cụm thi đua số 2", D(2024, 12, 20), "report"),
        ),
        (  # a pledge signing names one year
            "Cụm thi đua số 3 các huyện miền núi tỉnh Quảng Nam ký kết giao ước thi đua năm 2024",
            "Ngày 5/3, tại huyện Nam Giang, các huyện trong Cụm đã ký kết giao ước thi đua.",
            ("Quảng Nam", "Cụm thi đua số 3", D(2024, 3, 5), "report"),
        ),
        (  # a dated header line with weekday and time; "Khối" without "thi đua"
            "Khối các cơ quan nội chính tỉnh Bắc Giang ký kết giao ước thi đua năm 2024",
            "Thứ Hai, 08/01/2024 - 14:30\nSáng nay, Khối các cơ quan nội chính đã ký kết.",
            ("Bắc Giang", "Khối các cơ quan nội chính", D(2024, 1, 8), "report"),
        ),
        (  # a numbered bloc written "Khối 4", a province written without "tỉnh"
            "Hội thao Khối 4 năm 2023",
            "Cập nhật lúc: 18/11/2023 09:15\nKhối 4 gồm các doanh nghiệp nhà nước của thành phố "
            "Cần Thơ. Sáng 18/11, các đơn vị Khối 4 tham gia hội thao tại Cần Thơ.",
            ("Cần Thơ", "Khối 4", D(2023, 11, 18), "report"),
        ),
        (  # a dash then the predicate ends the name; the date is only a cited plan's
            "Khối thi đua các doanh nghiệp - Ký kết giao ước thi đua năm 2023",
            "Thực hiện Kế hoạch số 45/KH-UBND ngày 10/2/2023 của UBND tỉnh, các doanh nghiệp "
            "trong Khối đã ký kết giao ước thi đua.\nNguồn: https://baobinhduong.vn/ky-ket.html",
            ("Bình Dương", "Khối thi đua các doanh nghiệp", None, "report"),
        ),
        (  # a provincial plan: the signing-place line dates it, the header names the province
            "Kế hoạch tổ chức Hội nghị tổng kết Khối thi đua Văn hóa - Xã hội năm 2024",
            "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nSỞ NỘI VỤ\nSố: 210/KH-SNV\n"
            "Quảng Ngãi, ngày 02 tháng 12 năm 2024\nKẾ HOẠCH",
            ("Quảng Ngãi", "Khối thi đua Văn hóa - Xã hội", D(2024, 12, 2), "plan"),
        ),
        (  # a central regulation: Hà Nội is where it was signed; blocs in general
            "Quyết định ban hành Quy chế hoạt động của các Cụm, Khối thi đua thuộc Bộ Tài chính",
            "BỘ TÀI CHÍNH\nSố: 412/QĐ-BTC\nHà Nội, ngày 15 tháng 3 năm 2023\nQUYẾT ĐỊNH",
            (None, None, D(2023, 3, 15), "regulation"),
        ),
        (  # a guidance with a deadline: the deadline is not the document's date
            "Hướng dẫn tổng kết công tác thi đua, khen thưởng năm 2024",
            "Các cụm, khối thi đua gửi báo cáo về Sở Nội vụ trước ngày 15/11/2024.",
            (None, None, None, "guidance"),
        ),
        (  # a person named Huế, the province named often in the text
            "Khối thi đua số 7 sơ kết 6 tháng đầu năm 2023",
            "Sáng ngày 14/7/2023, tại Công an tỉnh Phú Yên, Khối thi đua số 7 tổ chức sơ kết. "
            "Bà Nguyễn Thị Huế, Phó Trưởng Ban Thi đua - Khen thưởng, dự. Phú Yên đề nghị...",
            ("Phú Yên", "Khối thi đua số 7", D(2023, 7, 14), "report"),
        ),
        (  # a year-less date with no year anywhere stays unknown
            "Khối thi đua các trường đại học, cao đẳng họp mặt",
            "Chiều 10/1, Khối thi đua các trường đại học, cao đẳng trên địa bàn họp mặt.",
            (None, "Khối thi đua các trường đại học, cao đẳng", None, "report"),
        ),
    ],
)
def test_metadata_of_reports_in_the_genre(
    title: str, body: str, expected: tuple[str | None, str | None, dt.date | None, str]
) -> None:
    assert _meta(title, body) == expected


@pytest.mark.parametrize(
    ("title", "bloc"),
    [
        (
            "Khối thi đua các ngân hàng thương mại trên địa bàn tỉnh Hậu Giang họp",
            "Khối thi đua các ngân hàng thương mại",
        ),
        (
            "Cụm thi đua các huyện, thị xã, thành phố phía Nam tỉnh Bến Tre tổng kết",
            "Cụm thi đua các huyện, thị xã, thành phố phía Nam",
        ),
        (
            "Khối thi đua các Ban Đảng, Văn phòng Tỉnh ủy và Đảng ủy Khối ký giao ước",
            "Khối thi đua các Ban Đảng, Văn phòng Tỉnh ủy và Đảng ủy Khối",
        ),
        (
            "KHỐI THI ĐUA CÁC CƠ QUAN KHỐI KINH TẾ TỔNG KẾT NĂM 2023",
            "KHỐI THI ĐUA CÁC CƠ QUAN KHỐI KINH TẾ",
        ),
        ("Khối thi đua số 02 tỉnh Lạng Sơn bàn giao Khối trưởng", "Khối thi đua số 02"),
        ("Hội nghị Khối thi đua V tỉnh Thừa Thiên Huế", "Khối thi đua V"),
        ("Tuyên dương học sinh khối 10 và khối 11", None),
        ("Các Khối thi đua thuộc Sở Tài chính bình xét", None),
    ],
)
def test_bloc_names_as_written(title: str, bloc: str | None) -> None:
    assert infer_metadata(title, title, {}).bloc == bloc


def test_title_province_wins_over_a_more_frequent_one_in_the_text() -> None:
    body = "Vĩnh Long đăng cai. Đoàn Vĩnh Long phát biểu. Chi cục Vĩnh Long và Long An ký kết."
    province, *_ = _meta("Khối Thi hành án dân sự Long An – Vĩnh Long ký kết", body)
    assert province == "Vĩnh Long"
    province, *_ = _meta("Chi cục Thi hành án dân sự Long An ký kết giao ước", body)
    assert province == "Long An"


def test_a_document_naming_many_provinces_none_mostly_has_no_province() -> None:
    text = (
        "Bộ phân công các cụm: Cụm 1 gồm Hà Nội (cụm trưởng), Hải Phòng (cụm phó); Cụm 2: "
        "Quảng Ninh (cụm trưởng), Bắc Ninh (cụm phó); Cụm 3: Phú Yên (cụm trưởng), Lâm Đồng "
        "(cụm phó). Ảnh: nguồn Ủy ban nhân dân thành phố Hà Nội."
    )
    assert infer_metadata("Phân công các cụm thi đua năm học 2024-2025", text, {}).province is None
    assert infer_metadata("Phân công cụm thi đua tỉnh Phú Yên", text, {}).province == "Phú Yên"


def test_most_frequent_province_when_the_title_names_none() -> None:
    body = "Quảng Nam học tập Đà Nẵng. Đà Nẵng đăng cai hội thao; Đà Nẵng dẫn đầu."
    province, *_ = _meta("Hội thao Khối thi đua số 1", body)
    assert province == "Đà Nẵng"


def test_front_matter_wins() -> None:
    front_matter = {
        "title": "Tổng kết Khối 6",
        "province": "dong thap",
        "bloc": "Khối thi đua số 6 (các cơ quan nội chính)",
        "date": "05/01/2023",
        "type": "hướng dẫn",
        "source": "https://example.org/x",
    }
    meta = infer_metadata(
        "Tây Ninh: Khối thi đua các cơ quan Trung ương", "Ngày 1/2/2020", front_matter
    )
    assert meta.title == "Tổng kết Khối 6"
    assert meta.province == "Đồng Tháp"
    assert meta.bloc == "Khối thi đua số 6 (các cơ quan nội chính)"
    assert meta.date == D(2023, 1, 5)
    assert meta.doc_type == "guidance"
    assert meta.source == "https://example.org/x"


@pytest.mark.parametrize("value", [D(2023, 1, 5), dt.datetime(2023, 1, 5, 8, 30), "2023-01-05"])
def test_front_matter_date_forms(value: object) -> None:
    assert infer_metadata("Tiêu đề", "", {"date": value}).date == D(2023, 1, 5)


def test_empty_front_matter_values_mean_none() -> None:
    text = "Khối thi đua số 2 tỉnh Cà Mau\nChiều ngày 12/01/2024, Khối thi đua số 2 họp."
    meta = infer_metadata("Khối thi đua số 2 tỉnh Cà Mau", text, {"province": "", "date": None})
    assert (meta.province, meta.date, meta.bloc) == (None, None, "Khối thi đua số 2")


@pytest.mark.parametrize(
    ("title", "doc_type"),
    [
        ("Luật Thi đua, khen thưởng 2022", "regulation"),
        ("Nghị định 98/2023/NĐ-CP quy định chi tiết Luật Thi đua, khen thưởng", "regulation"),
        ("Quy định tổ chức và hoạt động của Cụm, Khối thi đua", "regulation"),
        ("Kế hoạch tổ chức hội thao Khối thi đua số 4 năm 2024", "plan"),
        ("Báo cáo tổng kết công tác thi đua năm 2023 của Khối 5", "report"),
        ("Khối thi đua số 3 họp thông qua quy chế hoạt động", "report"),
        ("Công văn 1224/SNV-TĐKT về hướng dẫn sơ kết 6 tháng", "guidance"),
        ("Sở Nội vụ phối hợp tổng hợp số liệu", "other"),
    ],
)
def test_doc_type_from_the_title(title: str, doc_type: str) -> None:
    assert infer_metadata(title, title, {}).doc_type == doc_type
