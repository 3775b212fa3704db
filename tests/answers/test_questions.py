"""Question understanding: intent, year, province, bloc, units, meeting, award, as typed."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
import yaml

from bot.answers.questions import (
    Intent,
    MeetingAsk,
    ParsedQuestion,
    follow_up,
    is_follow_up,
    parse_question,
)

TODAY = dt.date(2024, 5, 20)
DEV_QUESTIONS = Path(__file__).resolve().parents[3] / "shared/eval/dev_questions.yaml"


def parse(question: str) -> ParsedQuestion:
    return parse_question(question, TODAY)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- intents ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Đơn vị nào làm khối trưởng Khối thi đua số 3 tỉnh Bến Tre năm nay?",
        "truong khoi nam ngoai cua khoi cac co quan TW Quang Ngai la ai",
        "Năm 2021 ai được suy tôn làm Cụm trưởng Cụm thi đua số 2?",
        nfd("Khối trưởng KTĐ số 4 tỉnh Khánh Hoà năm 2024 là đơn vị nào?"),
        "Cục Thống kê bàn giao khối trưởng cho đơn vị nào?",
        "ai duoc bau lam khoi truong tai hoi nghi tong ket nam 2023",
        "KHỐI TRƯỞNG NĂM 2023 LÀ AI",
        "khoi truong khoi doanh nghiep binh duong 2022",
        "NHNN làm khối trưởng năm nào?",
        "Hội nghị tổng kết năm 2022 bầu ai làm khối trưởng?",
    ],
)
def test_leader(question: str) -> None:
    assert parse(question).intent is Intent.LEADER


@pytest.mark.parametrize(
    "question",
    [
        "khoi pho khoi kinh te tong hop nam 2024 la don vi nao",
        "Phó khối năm nay của Khối các cơ quan Đảng tỉnh Cà Mau là ai?",
        "Đơn vị nào được bầu làm khối phó KTĐ số 2 Hà Giang năm 2023?",
        "cum pho cum thi dua so 4 nam 2022",
        nfd("Phó cụm thi đua số 3 năm 2025 là huyện nào?"),
        "Cục Thi hành án dân sự là trưởng khối năm 2022, còn khối phó là ai?",
    ],
)
def test_deputy(question: str) -> None:
    assert parse(question).intent is Intent.DEPUTY


@pytest.mark.parametrize(
    "question",
    [
        "Khối thi đua số 2 tỉnh Quảng Bình gồm các đơn vị nào?",
        "thanh vien khoi cac doanh nghiep tinh binh duong",
        "Những cơ quan nào thuộc Khối nội chính tỉnh Lạng Sơn?",
        "BHXH tỉnh Phú Yên thuộc khối thi đua nào?",
        "khoi van hoa xa hoi an giang co nhung don vi nao",
        "Xin cho biết thành phần Khối thi đua số 6?",
        nfd("KHỐI THI ĐUA SỐ 3 GỒM NHỮNG ĐƠN VỊ NÀO"),
    ],
)
def test_members(question: str) -> None:
    assert parse(question).intent is Intent.MEMBERS


@pytest.mark.parametrize(
    "question",
    [
        "Khối thi đua các cơ quan TW tỉnh Hậu Giang có bao nhiêu đơn vị?",
        "khoi so 5 gom may co quan",
        "Tỉnh Sóc Trăng có mấy khối thi đua?",
        "Cụm thi đua số 3 có bao nhiêu huyện thành viên?",
        "so don vi thanh vien cua khoi nganh doc la bao nhieu",
        "khoi noi chinh co bn dv",
    ],
)
def test_count(question: str) -> None:
    parsed = parse(question)
    assert parsed.intent is Intent.COUNT
    assert parsed.asks_count


@pytest.mark.parametrize(
    "question",
    [
        "Năm ngoái khối nội chính Bình Phước đề nghị tặng bằng khen cho những tập thể nào?",
        "don vi nao dat co dan dau khoi 3 nam 2023",
        "Cục Thuế được tặng danh hiệu gì năm 2022?",
        "Kho bạc Nhà nước nhận giấy khen vì thành tích gì?",
        "KBNN co duoc tang co thi dua nam 2023 khong",
        nfd("Huân chương Lao động hạng Ba được trao cho đơn vị nào?"),
        "Khối trưởng năm 2022 có được tặng cờ thi đua không?",
        "Tại hội nghị tổng kết, đơn vị nào được đề nghị tặng cờ thi đua?",
    ],
)
def test_award(question: str) -> None:
    assert parse(question).intent is Intent.AWARD


@pytest.mark.parametrize(
    ("question", "meeting", "ask"),
    [
        (
            "Hội nghị ký kết giao ước thi đua năm 2024 của khối TW Đắk Lắk tổ chức ngày nào?",
            "ký kết giao ước",
            MeetingAsk.DATE,
        ),
        ("hoi thao khoi 7 nam nay to chuc o dau", "hội thao", MeetingAsk.PLACE),
        ("Ai chủ trì hội nghị sơ kết 6 tháng đầu năm 2023 của Cụm 1?", "sơ kết", MeetingAsk.CHAIR),
        ("tong ket khoi nganh doc nam 2023 dien ra khi nao", "tổng kết", MeetingAsk.DATE),
        ("Hội nghị tổng kết của khối do đơn vị nào đăng cai?", "tổng kết", MeetingAsk.PLACE),
        (
            nfd("Đồng chí nào phát biểu chỉ đạo tại hội nghị tổng kết?"),
            "tổng kết",
            MeetingAsk.CHAIR,
        ),
        ("Khối trưởng tổ chức hội nghị sơ kết ở đâu?", "sơ kết", MeetingAsk.PLACE),
        ("Buổi họp của khối diễn ra lúc mấy giờ?", None, MeetingAsk.DATE),
        ("so ket khoi 2 nam 2023 hop o dau va ai chu tri", "sơ kết", MeetingAsk.ANY),
        ("hoi nghi so ket khoi 6 nam 2023", "sơ kết", MeetingAsk.ANY),
        ("Địa điểm tổ chức hội nghị sơ kết khối 6?", "sơ kết", MeetingAsk.PLACE),
        ("Thời gian tổ chức hội nghị tổng kết khối TW", "tổng kết", MeetingAsk.DATE),
    ],
)
def test_meeting(question: str, meeting: str | None, ask: MeetingAsk) -> None:
    parsed = parse(question)
    assert parsed.intent is Intent.MEETING
    assert (parsed.meeting, parsed.meeting_ask) == (meeting, ask)


@pytest.mark.parametrize(
    "question",
    [
        "Quy chế hoạt động của khối được ban hành kèm theo quyết định nào?",
        "Kế hoạch tổng kết năm 2023 của UBND tỉnh là kế hoạch số mấy?",
        "cong van huong dan tong ket nam 2022 cua so noi vu la van ban so may",
        "Chỉ thị 01/CT-UBND năm 2024 ban hành ngày nào?",
        "Văn bản nào quy định về tổ chức cụm, khối thi đua?",
        "Công văn 1224/SNV-TĐKT do cơ quan nào ban hành?",
        nfd("Theo quy định thì thời hạn nộp hồ sơ nằm trong văn bản nào?"),
    ],
)
def test_document(question: str) -> None:
    assert parse(question).intent is Intent.DOCUMENT


@pytest.mark.parametrize(
    "question",
    [
        "Hạn nộp hồ sơ đề nghị khen thưởng tổng kết năm 2023 là ngày nào?",
        "khoi truong phai gui bao cao tong ket ve so noi vu truoc ngay nao",
        "Thời hạn gửi hồ sơ đề nghị Cờ thi đua của Chính phủ?",
        "Chậm nhất ngày nào phải nộp báo cáo sơ kết 6 tháng?",
        "bao cao tong ket gui so noi vu khi nao",
        "Theo Công văn 1224/SNV-TĐKT, hạn gửi báo cáo sơ kết là ngày nào?",
        "Thời gian gửi hồ sơ khen thưởng tổng kết?",
        "Báo cáo sơ kết nộp trước ngày 15/6 phải không?",
    ],
)
def test_deadline(question: str) -> None:
    assert parse(question).intent is Intent.DEADLINE


@pytest.mark.parametrize(
    "question",
    [
        "Khối trưởng có nhiệm vụ gì?",
        "Nhiệm vụ của khối phó là gì?",
        "Khối trưởng được bầu như thế nào?",
        "khoi truong co vai tro gi",
        "Quy định về khối trưởng",
        "Tiêu chuẩn xét tặng cờ thi đua của UBND tỉnh là gì?",
        "Khối các cơ quan TW năm 2023 phát động phong trào gì?",
        "Hồ sơ đề nghị tặng bằng khen gồm những gì?",
        "Hội nghị tổng kết khối 6 năm 2022 có những nội dung gì?",
        "Khối ngành dọc có những hạn chế nào?",
        "Giá vàng hôm nay là bao nhiêu?",
        "Cục Thuế thu ngân sách năm 2023 được bao nhiêu tỷ?",
        "Hội nghị có bao nhiêu đại biểu tham dự?",
        "Xin chào",
    ],
)
def test_open(question: str) -> None:
    assert parse(question).intent is Intent.OPEN


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # what is asked last wins over what is mentioned before
        ("Trưởng khối là ai và khối gồm những đơn vị nào?", Intent.MEMBERS),
        ("Khối có mấy đơn vị và ai là khối trưởng?", Intent.LEADER),
        ("Ai là khối trưởng, hội nghị tổng kết diễn ra ngày nào?", Intent.MEETING),
        ("Năm 2023 BHXH ở khối nào và ai làm trưởng khối?", Intent.LEADER),
        ("Hội nghị tổng kết bầu khối trưởng vào ngày nào?", Intent.MEETING),
    ],
)
def test_mixed_questions_follow_the_last_ask(question: str, intent: Intent) -> None:
    assert parse(question).intent is intent


def test_any_typing_gives_the_same_understanding() -> None:
    accented = "Khối phó năm 2023 của Khối thi đua các cơ quan Trung ương tỉnh Khánh Hòa là ai?"
    old_tones = accented.replace("Hòa", "Hoà")
    assert parse(nfd(accented)) == parse(accented) == parse(old_tones)
    plain = parse("khoi pho nam 2023 cua khoi thi dua cac co quan trung uong tinh khanh hoa la ai")
    assert (plain.intent, plain.year, plain.provinces, plain.bloc_words) == (
        Intent.DEPUTY,
        2023,
        ("Khánh Hòa",),
        ("trung", "uong"),
    )


def test_marks_typed_are_respected() -> None:
    # "có" (has) is no "cờ" (flag) when the question is typed with marks
    assert parse("Khối 6 có bao nhiêu đơn vị?").award is None
    assert parse("khoi 6 duoc tang co thi dua nam nao").award == "cờ thi đua"
    # "Tư pháp" is no "TƯ" (Trung ương)
    assert parse("Sở Tư pháp thuộc khối thi đua nào?").units == ("Sở Tư pháp",)


# --- year ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("Khối trưởng năm nay là ai?", 2024),
        ("khoi truong nam nay la ai", 2024),
        ("Khối phó năm ngoái?", 2023),
        ("khoi pho nam truoc la don vi nao", 2023),
        ("Ai làm khối trưởng năm rồi?", 2023),
        ("khoi truong nam sau la ai", 2025),
        ("Khối trưởng năm tới là đơn vị nào?", 2025),
        ("Hội nghị tổng kết năm 2022 diễn ra ngày nào?", 2022),
        ("Hội nghị ngày 24/2/2023 do ai chủ trì?", 2023),
        ("khoi truong nam 22 la ai", 2022),
        ("Khối trưởng năm 2024 (bầu tại tổng kết năm 2023) là ai?", 2024),
        ("Nghị định 91/2017/NĐ-CP quy định gì về khối trưởng?", None),
        ("Ai là khối trưởng?", None),
    ],
)
def test_year(question: str, year: int | None) -> None:
    assert parse(question).year == year


def test_relative_year_counts_from_today() -> None:
    assert parse_question("Khối trưởng năm ngoái là ai?", dt.date(2026, 1, 3)).year == 2025


# --- provinces ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "provinces"),
    [
        ("Khối trưởng khối TW tỉnh Khánh Hoà năm 2024?", ("Khánh Hòa",)),
        ("khoi 5 dak nong co may don vi", ("Đắk Nông",)),
        ("Khối thi đua số 1 tỉnh Thừa Thiên Huế", ("Huế",)),
        ("Khối trưởng khối ngành dọc Lâm Đồng năm 2026?", ("Lâm Đồng",)),
        ("khoi chi cuc thads long an vinh long tong ket o dau", ("Long An", "Vĩnh Long")),
        ("Ai là khối trưởng năm 2023?", ()),
    ],
)
def test_provinces(question: str, provinces: tuple[str, ...]) -> None:
    assert parse(question).provinces == provinces


# --- bloc ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "number", "words", "cluster"),
    [
        ("Khối thi đua số 6 Đồng Tháp có mấy đơn vị?", 6, (), False),
        ("khoi 9 dong nai: ai la khoi truong", 9, (), False),
        ("KTĐ số 4 gồm những đơn vị nào?", 4, (), False),
        ("Cụm thi đua số 1 tổng kết ngày nào?", 1, (), True),
        ("Cụm trưởng cụm thi đua số II năm 2024?", 2, (), True),
        ("Ai là cụm trưởng năm 2024?", None, (), True),
        ("khoi nganh doc tien giang", None, ("nganh", "doc"), False),
        ("Khối trưởng khối TW Tây Ninh?", None, ("trung", "uong"), False),
        ("Khối phó của các cơ quan Trung ương tỉnh Tây Ninh?", None, ("trung", "uong"), False),
        (
            "Khối thi đua các cơ quan, đơn vị Trung ương tỉnh Nam Định",
            None,
            ("trung", "uong"),
            False,
        ),
        ("khoi pho khoi noi chinh dong thap 2022", None, ("noi", "chinh"), False),
        (
            "Khối thi đua các phòng, ban, đơn vị trực thuộc Sở Nội vụ tỉnh Kiên Giang",
            None,
            ("phong", "ban", "truc", "thuoc", "so", "noi", "vu"),
            False,
        ),
        ("Khối các cơ quan Đảng và đoàn thể có mấy đơn vị?", None, ("dang", "doan", "the"), False),
        (
            "Cụm thi đua các huyện phía Bắc có bao nhiêu đơn vị?",
            None,
            ("huyen", "phia", "bac"),
            True,
        ),
        ("Quy định tổ chức và hoạt động của Cụm, Khối là quyết định nào?", None, (), False),
        ("Khối trưởng có nhiệm vụ gì?", None, (), False),
    ],
)
def test_bloc(question: str, number: int | None, words: tuple[str, ...], cluster: bool) -> None:
    parsed = parse(question)
    assert (parsed.bloc_number, parsed.bloc_words, parsed.cluster) == (number, words, cluster)


# --- units --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "units"),
    [
        ("Năm 2023 BHXH tỉnh Ninh Thuận ở khối thi đua nào?", ("Bảo hiểm xã hội",)),
        ("NHNN chi nhánh tỉnh giữ vai trò gì trong khối?", ("Ngân hàng Nhà nước",)),
        ("Cục QLTT có phải khối trưởng không?", ("Cục Quản lý thị trường",)),
        ("cuc thue dak nong nhan giay khen vi thanh tich gi", ("cuc thue",)),
        ("Cục Thuế và Cục Hải quan được tặng gì?", ("Cục Thuế", "Cục Hải quan")),
        # the owner or issuer of what is asked is not the unit asked about
        (
            "Trung tâm Lưu trữ lịch sử thuộc Sở Nội vụ tỉnh giữ vai trò gì?",
            ("Trung tâm Lưu trữ lịch sử",),
        ),
        ("Tập thể nào của Sở Nội vụ được tặng cờ thi đua?", ()),
        ("Vai trò của Cục Thuế trong khối là gì?", ("Cục Thuế",)),
        ("BCH BĐBP tỉnh là khối phó năm nào?", ("Bộ Chỉ huy Bộ đội Biên phòng",)),
        (
            "Chi cục THADS huyện Tân Thạnh được tặng cờ gì?",
            ("Chi cục Thi hành án dân sự huyện Tân Thạnh",),
        ),
        ("THACO được bầu làm khối trưởng năm nào?", ("THACO",)),
        (
            "Phòng Xây dựng chính quyền và Công tác thanh niên làm khối phó?",
            ("Phòng Xây dựng chính quyền và Công tác thanh niên",),
        ),
        # the bloc's own name, the awarding authority and ordinary words are no units
        ("Khối thi đua các Chi cục THADS có mấy đơn vị?", ()),
        ("Đơn vị nào được Chủ tịch UBND tỉnh tặng cờ thi đua?", ()),
        ("Khối phát động phong trào thi đua gì?", ()),
        ("Cụm, khối thi đua ngành Thanh tra gửi hồ sơ trước ngày nào?", ()),
    ],
)
def test_units(question: str, units: tuple[str, ...]) -> None:
    assert parse(question).units == units


# --- award, count, role of a unit ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "award", "asks_count"),
    [
        ("Đơn vị nào được đề nghị tặng cờ dẫn đầu khối năm 2022?", "cờ dẫn đầu", False),
        ("Khối đề nghị tặng Cờ thi đua cho bao nhiêu tập thể?", "cờ thi đua", True),
        ("co may don vi duoc tang bang khen nam 2023", "bằng khen", True),
        ("Ai được tặng giấy khen năm nay?", "giấy khen", False),
        ("Năm 2023 UBND tỉnh tặng bao nhiêu cờ cho khối?", "cờ thi đua", True),
    ],
)
def test_award_named_and_counted(question: str, award: str, asks_count: bool) -> None:
    parsed = parse(question)
    assert parsed.intent is Intent.AWARD
    assert (parsed.award, parsed.asks_count) == (award, asks_count)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("NHNN giữ vai trò gì trong khối TW Bình Định năm 2022?", Intent.LEADER),
        ("Kho bạc Nhà nước tỉnh Gia Lai là gì trong khối thi đua năm 2023?", Intent.LEADER),
        ("truyen tai dien giu vai tro gi trong khoi nam 2023", Intent.LEADER),
        ("Cục Thuế là khối trưởng hay khối phó năm 2022?", Intent.LEADER),
        ("Cục Hải quan có phải là khối phó năm 2023 không?", Intent.DEPUTY),
    ],
)
def test_role_of_a_given_unit(question: str, intent: Intent) -> None:
    parsed = parse(question)
    assert parsed.intent is intent
    assert parsed.asks_role_of_unit


@pytest.mark.parametrize(
    "question",
    ["Ai là khối trưởng năm 2023?", "Khối trưởng có vai trò gì?", "Cục Thuế thuộc khối nào?"],
)
def test_no_role_of_unit_asked(question: str) -> None:
    assert not parse(question).asks_role_of_unit


def test_text_is_normalised() -> None:
    assert parse(nfd("  Khối Khánh Hoà  ")).text == "Khối Khánh Hòa"


# --- the development question set ---------------------------------------------------------------

_BY_CATEGORY = {
    "leader": Intent.LEADER,
    "deputy": Intent.DEPUTY,
    "members": Intent.MEMBERS,
    "count": Intent.COUNT,
    "award": Intent.AWARD,
    "meeting": Intent.MEETING,
    "deadline": Intent.DEADLINE,
}
# Where the intent is not the category: "rule" questions ask for a document or an explanation,
# "unanswerable" ones keep their natural intent, and a few are filed under a neighbour topic.
_BY_ID = {
    "d09": Intent.OPEN,  # "thu ngân sách được bao nhiêu": an amount, not a count of units
    "d10": Intent.DOCUMENT,
    "d20": Intent.DOCUMENT,  # "Văn bản nào ... hướng dẫn sơ kết"
    "d21": Intent.DOCUMENT,
    "d22": Intent.OPEN,
    "d28": Intent.OPEN,
    "d29": Intent.DOCUMENT,
    "d32": Intent.LEADER,
    "d33": Intent.LEADER,
    "d34": Intent.LEADER,
    "d35": Intent.AWARD,
    "d38": Intent.OPEN,  # "Khối trưởng có vai trò gì": duties, not who
    "d39": Intent.DOCUMENT,
    "dx011": Intent.LEADER,
    "dx059": Intent.DEPUTY,
    "dx086": Intent.LEADER,
    "dx099": Intent.OPEN,
    "dx100": Intent.DOCUMENT,
}


def _dev_questions() -> list[dict[str, str]]:
    if not DEV_QUESTIONS.exists():
        return []
    return list(yaml.safe_load(DEV_QUESTIONS.read_text(encoding="utf-8")))


@pytest.mark.skipif(not DEV_QUESTIONS.exists(), reason="shared/eval/dev_questions.yaml absent")
@pytest.mark.parametrize("item", _dev_questions(), ids=lambda item: str(item["id"]))
def test_dev_question_intent(item: dict[str, str]) -> None:
    expected = _BY_ID.get(item["id"]) or _BY_CATEGORY[item["category"]]
    assert parse(item["question"]).intent is expected


@pytest.mark.skipif(not DEV_QUESTIONS.exists(), reason="shared/eval/dev_questions.yaml absent")
def test_dev_question_details() -> None:
    by_id = {item["id"]: parse(item["question"]) for item in _dev_questions()}
    assert by_id["dx039"].units == ("Bảo hiểm xã hội",)
    assert by_id["dx009"].asks_role_of_unit
    assert by_id["dx041"].asks_role_of_unit
    assert by_id["d13"].asks_count
    assert not by_id["d09"].asks_count
    assert by_id["dx012"].meeting_ask is MeetingAsk.ANY
    assert by_id["d40"].meeting_ask is MeetingAsk.CHAIR
    assert by_id["dx008"].bloc_words == ("phong", "ban", "truc", "thuoc", "so", "noi", "vu")
    assert (by_id["dx115"].bloc_number, by_id["dx115"].cluster) == (1, True)


@pytest.mark.parametrize(
    ("follow", "intent", "year", "number"),
    [
        ("còn năm 2022 thì sao?", Intent.LEADER, 2022, 5),
        ("con nam 2022 thi sao", Intent.LEADER, 2022, 5),
        ("khối phó thì sao?", Intent.DEPUTY, 2023, 5),
        ("thế còn Khối 6?", Intent.LEADER, 2023, 6),
    ],
)
def test_a_follow_up_takes_what_it_leaves_out_from_the_previous_question(
    follow: str, intent: Intent, year: int, number: int
) -> None:
    today = dt.date(2026, 1, 1)
    previous = parse_question("Khối trưởng Khối 5 Đắk Nông năm 2023 là ai?", today)
    assert is_follow_up(follow)
    merged = follow_up(previous, parse_question(follow, today))
    assert (merged.intent, merged.year, merged.bloc_number) == (intent, year, number)
    assert merged.provinces == ("Đắk Nông",)
    assert ParsedQuestion.from_dict(merged.to_dict()) == merged


def test_a_full_question_is_not_a_follow_up() -> None:
    assert not is_follow_up("Khối 6 năm 2022 có bao nhiêu đơn vị?")
    assert not is_follow_up("Hội nghị sơ kết tổ chức ở đâu?")


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Cụm thi đua các tỉnh, thành phố Tây Nguyên tổng kết ở đâu?", {"tay", "nguyen"}),
        ("cum thi dua cac tinh Tay Bac hop o dau", {"tay", "bac"}),
        ("Khối thi đua các huyện, thị xã tổng kết khi nào?", {"huyen", "thi", "xa"}),
    ],
)
def test_a_bloc_gathering_provinces_or_districts_keeps_its_region(
    question: str, words: set[str]
) -> None:
    assert words <= set(parse_question(question, TODAY).bloc_words)


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("Sau hội nghị tổng kết năm 2021, đơn vị nào làm khối trưởng Khối 3?", 2022),
        ("khoi pho duoc bau tai hoi nghi tong ket 2023 la ai", 2024),
        ("Khối trưởng năm 2021 là đơn vị nào?", 2021),
        ("Đơn vị nào chủ trì hội nghị tổng kết năm 2021?", 2021),
    ],
)
def test_a_role_named_at_a_years_summary_serves_the_year_after(question: str, year: int) -> None:
    assert parse_question(question, TODAY).year == year
