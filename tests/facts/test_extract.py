"""Rule-based facts: roles with the right year, members, awards, meetings, documents, deadlines.

Sentences here are written in the style of bloc reports from many provinces; the dev corpus
tests check the sample documents end to end, through the same metadata the index uses.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from bot.facts.extract import DocContext, Fact, FactKind, Role, extract_facts
from bot.knowledge.metadata import infer_metadata
from bot.vi.normalize import normalize

DEV_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev_corpus"
needs_corpus = pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="dev corpus is absent")

L, D = Role.LEADER, Role.DEPUTY
SUMMARY_2023 = "Khối thi đua số 3 tổng kết công tác thi đua, khen thưởng năm 2023"


def facts_of(
    text: str,
    *,
    title: str = SUMMARY_2023,
    bloc: str | None = "Khối thi đua số 3",
    province: str | None = "Bình Dương",
    date: dt.date | None = dt.date(2024, 1, 10),
) -> list[Fact]:
    """Facts of a report whose title line is `title` and whose body is `text`."""
    context = DocContext("report.txt", title, province, bloc, date)
    return extract_facts(context, normalize(f"{title}\n\n{text}"))


def roles(found: list[Fact]) -> set[tuple[int | None, Role | None, str | None]]:
    return {(f.year, f.role, f.unit) for f in found if f.kind is FactKind.ROLE}


def of_kind(found: list[Fact], kind: FactKind) -> list[Fact]:
    return [f for f in found if f.kind is kind]


# --- schema -------------------------------------------------------------------------------------


def test_fact_round_trips_through_a_json_dict() -> None:
    fact = Fact(
        kind=FactKind.AWARD,
        doc="a.txt",
        evidence="…",
        rule="award.proposed",
        year=2022,
        units=("Bảo hiểm xã hội", "Cục Quản lý thị trường"),
        count=2,
        award="Bằng khen",
        recurring=False,
    )
    data = fact.to_dict()
    assert data["kind"] == "award"
    assert data["units"] == ["Bảo hiểm xã hội", "Cục Quản lý thị trường"]
    assert "role" not in data
    assert "recurring" not in data
    assert "person" not in data
    assert Fact.from_dict(data) == fact
    role = Fact(FactKind.ROLE, "a.txt", "…", "role.elected", role=Role.DEPUTY, year=2024)
    assert Fact.from_dict(role.to_dict()).role is Role.DEPUTY


# --- roles: the year each wording means ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hội nghị đã suy tôn Sở Y tế làm Khối trưởng Khối thi đua số 3 năm 2024.",
            {(2024, L, "Sở Y tế")},
        ),
        (
            "Năm 2023, Công ty Điện lực Bình Dương được bầu làm Trưởng khối, Báo Bình Dương "
            "làm Phó trưởng khối.",
            {(2023, L, "Công ty Điện lực Bình Dương"), (2023, D, "Báo Bình Dương")},
        ),
        (
            "Hội nghị thống nhất bầu Cục QLTT tỉnh làm Khối trưởng năm 2024 và NHNN chi nhánh "
            "tỉnh làm Khối phó năm 2024.",
            {(2024, L, "Cục QLTT tỉnh"), (2024, D, "NHNN chi nhánh tỉnh")},
        ),
        (
            "Các thành viên thống nhất chọn Viễn thông Bình Dương làm Khối trưởng năm 2024, "
            "Bưu điện tỉnh làm Khối phó.",
            {(2024, L, "Viễn thông Bình Dương"), (2024, D, "Bưu điện tỉnh")},
        ),
        # Elected at the 2023 summary without a year: for the next year.
        ("Hội nghị bầu Sở Xây dựng làm Phó Khối trưởng.", {(2024, D, "Sở Xây dựng")}),
        (
            "Sở Văn hóa, Thể thao và Du lịch được suy tôn là Khối phó năm 2025.",
            {(2025, D, "Sở Văn hóa, Thể thao và Du lịch")},
        ),
        (
            "Ngân hàng Chính sách xã hội tỉnh được giao làm Khối trưởng năm 2024.",
            {(2024, L, "Ngân hàng Chính sách xã hội tỉnh")},
        ),
        (
            "Hội nghị cũng bầu Sở Tư pháp tiếp tục làm Khối trưởng năm 2024.",
            {(2024, L, "Sở Tư pháp")},
        ),
        # The year before the role word, and the role before its holder.
        ("Khối trưởng Khối thi đua số 3 năm 2022 là Sở Nội vụ.", {(2022, L, "Sở Nội vụ")}),
        (
            "Năm 2024, Khối trưởng là Sở Công Thương, Khối phó là Sở Khoa học và Công nghệ.",
            {(2024, L, "Sở Công Thương"), (2024, D, "Sở Khoa học và Công nghệ")},
        ),
        ("Sở Y tế sẽ là Khối trưởng năm 2025.", {(2025, L, "Sở Y tế")}),
        ("Sở Y tế giữ vai trò Khối trưởng năm 2024.", {(2024, L, "Sở Y tế")}),
        (
            "Khối trưởng: Bảo hiểm xã hội tỉnh; Khối phó: Kho bạc Nhà nước tỉnh.",
            {(2023, L, "Bảo hiểm xã hội tỉnh"), (2023, D, "Kho bạc Nhà nước tỉnh")},
        ),
        # A role named beside its holder holds for the year under review.
        (
            "Đồng chí Trần Văn Bình – Giám đốc Sở Y tế, Khối trưởng chủ trì hội nghị.",
            {(2023, L, "Sở Y tế")},
        ),
        (
            "Ban Tổ chức Tỉnh ủy – Khối trưởng Khối thi đua số 3 phát biểu khai mạc.",
            {(2023, L, "Ban Tổ chức Tỉnh ủy")},
        ),
        (
            "Bảo hiểm xã hội tỉnh – đơn vị Khối trưởng năm 2022 – đã báo cáo kết quả.",
            {(2022, L, "Bảo hiểm xã hội tỉnh")},
        ),
        (
            "Sở Giáo dục và Đào tạo (Khối trưởng) chủ trì hội nghị.",
            {(2023, L, "Sở Giáo dục và Đào tạo")},
        ),
        (
            "Tham dự có Trường Chính trị tỉnh (đơn vị Khối phó), Sở Tài chính và Sở Xây dựng.",
            {(2023, D, "Trường Chính trị tỉnh")},
        ),
        # Handing over: the giver led the year reviewed, the taker leads the next.
        (
            "Cuối hội nghị, Công an tỉnh bàn giao nhiệm vụ Khối trưởng cho Trường Chính trị tỉnh.",
            {(2023, L, "Công an tỉnh"), (2024, L, "Trường Chính trị tỉnh")},
        ),
        (
            "Sở Tài chính nhận bàn giao nhiệm vụ Khối trưởng từ Sở Xây dựng.",
            {(2024, L, "Sở Tài chính"), (2023, L, "Sở Xây dựng")},
        ),
        (
            "Hội nghị bỏ phiếu suy tôn đơn vị giữ vai trò Trưởng khối, Phó Khối trưởng của năm "
            "2024: Sở Tư pháp được suy tôn làm Trưởng khối; Phó Khối trưởng là Công an tỉnh.",
            {(2024, L, "Sở Tư pháp"), (2024, D, "Công an tỉnh")},
        ),
        (
            "Năm 2022, Công ty Cổ phần Cấp thoát nước tỉnh làm Khối trưởng.",
            {(2022, L, "Công ty Cổ phần Cấp thoát nước tỉnh")},
        ),
        # No diacritics, capitals only.
        (
            "nam 2024, cuc thue tinh duoc bau lam khoi truong va kho bac nha nuoc tinh lam "
            "khoi pho.",
            {(2024, L, "cuc thue tinh"), (2024, D, "kho bac nha nuoc tinh")},
        ),
        (
            "NĂM 2024, SỞ Y TẾ ĐƯỢC BẦU LÀM KHỐI TRƯỞNG KHỐI THI ĐUA SỐ 3.",
            {(2024, L, "SỞ Y TẾ")},
        ),
        (
            "Đồng chí Lê Văn Cường, Giám đốc Kho bạc Nhà nước tỉnh được bầu làm Khối trưởng năm "
            "2024.",
            {(2024, L, "Kho bạc Nhà nước tỉnh")},
        ),
    ],
)
def test_role_and_its_year(text: str, expected: set[tuple[int, Role, str]]) -> None:
    assert roles(facts_of(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Nâng cao vai trò của Khối trưởng, Khối phó trong việc điều hành hoạt động của Khối.",
        "Ông Nguyễn Văn An được bầu làm Khối trưởng.",
        "Hội nghị đã bầu đồng chí Nguyễn Văn Ba làm Khối trưởng.",
        "Hội nghị đã tiến hành bầu Khối trưởng, Khối phó.",
        "Các đơn vị được bầu làm Khối trưởng theo hình thức luân phiên.",
        "Đơn vị Khối trưởng chịu trách nhiệm tổng hợp báo cáo.",
        "Khối trưởng là đơn vị chủ trì tổ chức hội nghị.",
        "Ông Trần Văn Hùng tặng hoa chúc mừng cho Khối trưởng năm 2023.",
        "Sở Y tế đề nghị Khối trưởng tổ chức hội nghị sơ kết.",
        "Phát biểu tại hội nghị, đại diện Khối trưởng cho biết Khối đã hoàn thành các chỉ tiêu.",
        "Tân Khối trưởng đã triển khai ký kết giao ước thi đua.",
        # "làm"/"giữ vai trò" without a year does not say which year.
        "Sở Y tế giữ vai trò Khối trưởng.",
        # A cluster's leader is not the leader of this document's bloc.
        "Tỉnh Đồng Tháp là Cụm trưởng năm 2022.",
    ],
)
def test_no_role_from_unclear_sentences(text: str) -> None:
    assert roles(facts_of(text)) == set()


def test_person_and_unit_are_told_apart() -> None:
    found = facts_of(
        "Chủ tịch UBND huyện Cần Giuộc Nguyễn Văn Tám, Cụm trưởng Cụm thi đua số 2, phát biểu "
        "khai mạc hội nghị.",
        title="Cụm thi đua số 2 tổng kết năm 2024",
        bloc="Cụm thi đua số 2",
        province="Long An",
        date=dt.date(2024, 12, 20),
    )
    (role,) = of_kind(found, FactKind.ROLE)
    assert (role.year, role.role, role.unit, role.person) == (
        2024,
        L,
        "UBND huyện Cần Giuộc",
        "Nguyễn Văn Tám",
    )
    assert role.bloc == "Cụm thi đua số 2"
    assert role.province == "Long An"


def test_role_of_another_bloc_keeps_that_bloc() -> None:
    found = facts_of("Hội nghị có đại diện Khối thi đua số 5 (Sở Nội vụ – Khối trưởng).")
    (role,) = of_kind(found, FactKind.ROLE)
    assert (role.unit, role.bloc) == ("Sở Nội vụ", "Khối thi đua số 5")


def test_roles_in_a_mid_year_review_hold_for_that_year() -> None:
    found = facts_of(
        "Ông Lê Đình Hòa – Giám đốc Sở Kế hoạch và Đầu tư – Trưởng khối chủ trì hội nghị. "
        "Hội nghị thống nhất Sở Tài chính làm Khối phó năm 2024.",
        title="Khối thi đua số 3 sơ kết công tác thi đua 6 tháng đầu năm 2024",
        date=dt.date(2024, 7, 11),
    )
    assert roles(found) == {(2024, L, "Sở Kế hoạch và Đầu tư"), (2024, D, "Sở Tài chính")}


def test_summary_held_next_year_reviews_the_year_in_its_title() -> None:
    found = facts_of(
        "Chiều ngày 15/01/2024, Cục Thống kê tỉnh – Khối trưởng Khối thi đua số 3 tổ chức "
        "tổng kết năm 2023.",
        title="Khối thi đua số 3 tổng kết công tác thi đua năm 2023",
        date=dt.date(2024, 1, 15),
    )
    assert roles(found) == {(2023, L, "Cục Thống kê tỉnh")}


def test_contradicting_roles_cancel_out() -> None:
    found = facts_of(
        "Sở Y tế – Khối trưởng chủ trì hội nghị. Sở Tài chính – Khối trưởng báo cáo kết quả."
    )
    assert roles(found) == set()


def test_written_year_wins_over_a_derived_one() -> None:
    found = facts_of(
        "Sở Y tế – Khối trưởng chủ trì hội nghị. Năm 2023, Sở Tài chính được bầu làm Khối trưởng."
    )
    assert roles(found) == {(2023, L, "Sở Tài chính")}


def test_no_role_year_without_a_known_meeting() -> None:
    found = facts_of(
        "Sở Y tế – Khối trưởng phát biểu.", title="Tin hoạt động", date=dt.date(2024, 5, 2)
    )
    assert roles(found) == set()


# --- blocs --------------------------------------------------------------------------------------


def test_members_listed_after_a_count() -> None:
    found = facts_of(
        "Khối thi đua số 3 hiện có 06 đơn vị thành viên, gồm: Liên đoàn Lao động tỉnh (Khối "
        "trưởng năm 2023), Sở Tư pháp (Khối phó năm 2023), Báo Bình Dương, Đài Phát thanh và "
        "Truyền hình tỉnh, Sở Văn hóa, Thể thao và Du lịch và Trường Chính trị tỉnh."
    )
    (members,) = of_kind(found, FactKind.BLOC)
    assert members.rule == "bloc.members"
    assert members.count == 6
    assert members.units == (
        "Liên đoàn Lao động tỉnh",
        "Sở Tư pháp",
        "Báo Bình Dương",
        "Đài Phát thanh và Truyền hình tỉnh",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Trường Chính trị tỉnh",
    )
    assert roles(found) == {(2023, L, "Liên đoàn Lao động tỉnh"), (2023, D, "Sở Tư pháp")}


def test_members_counted_when_no_number_is_written() -> None:
    found = facts_of(
        "Ngày 27/2, Cụm thi đua số 1, gồm các đơn vị: UBND huyện Cao Lộc (Cụm trưởng), UBND "
        "thành phố Lạng Sơn và UBND huyện Đình Lập tổ chức ký kết giao ước thi đua năm 2024.",
        title="Cụm thi đua số 1 ký kết giao ước thi đua năm 2024",
        bloc="Cụm thi đua số 1",
        province="Lạng Sơn",
        date=dt.date(2024, 2, 27),
    )
    (members,) = [f for f in found if f.rule == "bloc.members"]
    assert members.count == 3
    assert members.units[0] == "UBND huyện Cao Lộc"
    assert roles(found) == {(2024, L, "UBND huyện Cao Lộc")}


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Trong số 09 đơn vị thuộc Khối, có 04 đơn vị có điểm thưởng.", 9),
        ("Khối thi đua số 3 có 9 đơn vị.", 9),
        ("Tham dự có lãnh đạo 07 đơn vị thành viên Khối thi đua.", 7),
    ],
)
def test_bloc_size(text: str, count: int) -> None:
    (fact,) = of_kind(facts_of(text), FactKind.BLOC)
    assert (fact.rule, fact.count) == ("bloc.count", count)


def test_award_count_is_no_bloc_size() -> None:
    found = facts_of("Hội nghị đề nghị tặng Bằng khen cho 08 đơn vị thuộc Khối.")
    assert of_kind(found, FactKind.BLOC) == []


def test_other_names_of_the_bloc() -> None:
    found = facts_of(
        "Sáng 18/01/2024, Khối thi đua các cơ quan Trung ương đóng trên địa bàn tỉnh (Khối thi "
        "đua số 9) tổ chức tổng kết năm 2023.",
        title="Khối thi đua các cơ quan Trung ương tổng kết năm 2023",
        bloc="Khối thi đua các cơ quan Trung ương",
    )
    (names,) = [f for f in found if f.rule == "bloc.names"]
    assert names.bloc == "Khối thi đua các cơ quan Trung ương"
    assert names.subject == "Khối thi đua số 9"


# --- awards -------------------------------------------------------------------------------------


def test_proposals_with_counts() -> None:
    found = facts_of(
        "Hội nghị thống nhất đề nghị Chủ tịch UBND tỉnh tặng Cờ thi đua cho 02 tập thể và Bằng "
        "khen cho 06 tập thể, 03 cá nhân."
    )
    awards = {(f.award, f.count, f.granter, f.year) for f in of_kind(found, FactKind.AWARD)}
    assert awards == {
        ("Cờ thi đua", 2, "Chủ tịch UBND tỉnh", 2023),
        ("Bằng khen", 6, "Chủ tịch UBND tỉnh", 2023),
    }


def test_proposal_to_named_units() -> None:
    found = facts_of(
        "Khối đề nghị UBND tỉnh tặng Cờ thi đua cho Cục Thuế, Cục Hải quan và Kho bạc Nhà "
        "nước tỉnh."
    )
    (award,) = of_kind(found, FactKind.AWARD)
    assert award.units == ("Cục Thuế", "Cục Hải quan", "Kho bạc Nhà nước tỉnh")
    assert award.rule == "award.proposed"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sở Y tế vinh dự đón nhận Cờ thi đua của Chính phủ năm 2022.",
            ("Sở Y tế", "Cờ thi đua của Chính phủ", 2022, "award.received"),
        ),
        (
            "Điện lực Tây Ninh được Tổng công ty Điện lực miền Nam tặng danh hiệu Tập thể lao "
            "động xuất sắc.",
            ("Điện lực Tây Ninh", "Tập thể lao động xuất sắc", 2023, "award.received"),
        ),
        (
            "Trường Chính trị tỉnh được đề nghị tặng Cờ thi đua của UBND tỉnh.",
            ("Trường Chính trị tỉnh", "Cờ thi đua", 2023, "award.proposed"),
        ),
        (
            "HỘI NGHỊ ĐỀ NGHỊ UBND TỈNH TẶNG CỜ THI ĐUA CHO SỞ Y TẾ.",
            ("SỞ Y TẾ", "Cờ thi đua", 2023, "award.proposed"),
        ),
        (
            "Khối thống nhất đề nghị tặng cờ dẫn đầu Khối thi đua cho Sở Tài chính.",
            ("Sở Tài chính", "cờ dẫn đầu Khối thi đua", 2023, "award.proposed"),
        ),
    ],
)
def test_award_to_a_unit(text: str, expected: tuple[str, str, int, str]) -> None:
    (award,) = of_kind(facts_of(text), FactKind.AWARD)
    assert (award.unit, award.award, award.year, award.rule) == expected


def test_award_reason_and_granter() -> None:
    found = facts_of(
        "Năm 2022, Công an tỉnh được Bộ Công an tặng Bằng khen vì có thành tích xuất sắc "
        "trong công tác phòng chống tội phạm."
    )
    (award,) = of_kind(found, FactKind.AWARD)
    assert (award.unit, award.granter, award.year) == ("Công an tỉnh", "Bộ Công an", 2022)
    assert award.subject == "có thành tích xuất sắc trong công tác phòng chống tội phạm"


@pytest.mark.parametrize(
    "text",
    [
        "Ông Nguyễn Văn An nhận Bằng khen của Chủ tịch UBND tỉnh.",
        "Năm 2022, Khối đã được UBND tỉnh tặng Cờ thi đua.",
        "Các đơn vị trong Khối được tặng nhiều Bằng khen.",
        "Hội nghị đề nghị tặng Giấy khen cho các tập thể, cá nhân có thành tích xuất sắc.",
        "Các đơn vị đã đăng ký danh hiệu Cờ thi đua của UBND tỉnh.",
    ],
)
def test_no_award_without_a_collective_recipient(text: str) -> None:
    assert of_kind(facts_of(text), FactKind.AWARD) == []


# --- meetings -----------------------------------------------------------------------------------


def test_meeting_date_place_and_period() -> None:
    found = facts_of(
        "Sáng ngày 15/12/2023, tại Hội trường Sở Y tế, Khối thi đua số 3 tổ chức Hội nghị tổng "
        "kết công tác thi đua, khen thưởng năm 2023."
    )
    (meeting,) = of_kind(found, FactKind.MEETING)
    assert (meeting.meeting, meeting.date, meeting.place, meeting.period, meeting.year) == (
        "tổng kết",
        "2023-12-15",
        "Hội trường Sở Y tế",
        "năm 2023",
        2023,
    )


def test_day_without_year_is_dated_from_the_document() -> None:
    found = facts_of(
        "Chiều 12/7, tại UBND huyện Cần Giuộc, Cụm thi đua số 2 tổ chức hội nghị sơ kết 6 "
        "tháng đầu năm 2024.",
        title="Cụm thi đua số 2 sơ kết 6 tháng đầu năm 2024",
        bloc="Cụm thi đua số 2",
        date=None,
    )
    (meeting,) = of_kind(found, FactKind.MEETING)
    assert (meeting.date, meeting.period, meeting.place) == (
        "2024-07-12",
        "6 tháng đầu năm 2024",
        "UBND huyện Cần Giuộc",
    )


def test_planned_meeting_is_no_meeting() -> None:
    found = facts_of("Khối sẽ tổ chức hội thao vào ngày 2/9/2024 tại Sân vận động tỉnh.")
    assert of_kind(found, FactKind.MEETING) == []


@pytest.mark.parametrize(
    ("text", "chairs", "label"),
    [
        (
            "Dự và chỉ đạo hội nghị có đồng chí Nguyễn Văn Anh, Phó Chủ tịch UBND tỉnh; đồng "
            "chí Lê Thị Bé, Phó Giám đốc Sở Nội vụ.",
            ["Nguyễn Văn Anh, Phó Chủ tịch UBND tỉnh", "Lê Thị Bé, Phó Giám đốc Sở Nội vụ"],
            "dự và chỉ đạo",
        ),
        (
            "Hội nghị do đồng chí Trần Văn Bảy, Giám đốc Sở Y tế – Khối trưởng chủ trì.",
            ["Trần Văn Bảy, Giám đốc Sở Y tế – Khối trưởng"],
            "chủ trì",
        ),
        (
            "Kết luận hội nghị, ông Phạm Minh Đức, Cục trưởng Cục Thống kê đề nghị các đơn vị "
            "tiếp tục phát huy.",
            ["Phạm Minh Đức, Cục trưởng Cục Thống kê"],
            "kết luận",
        ),
    ],
)
def test_who_chaired(text: str, chairs: list[str], label: str) -> None:
    found = [f for f in facts_of(text) if f.rule == "meeting.chair"]
    assert [f.chair for f in found] == chairs
    assert {f.subject for f in found} == {label}
    assert {f.year for f in found} == {2023}


# --- documents and deadlines --------------------------------------------------------------------


def test_cited_document() -> None:
    found = facts_of(
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi "
        "hành Luật Thi đua, khen thưởng; Thông tư số 12/2019/TT-BNV của Bộ Nội vụ."
    )
    decree, circular = of_kind(found, FactKind.DOCUMENT)
    assert (decree.number, decree.doc_type, decree.date, decree.unit) == (
        "98/2023/NĐ-CP",
        "Nghị định",
        "2023-12-31",
        "Chính phủ",
    )
    assert decree.subject == "quy định chi tiết thi hành Luật Thi đua, khen thưởng"
    assert (circular.number, circular.unit, circular.year) == ("12/2019/TT-BNV", "Bộ Nội vụ", 2019)


def test_deadline_to_a_recipient() -> None:
    found = facts_of(
        "Các Cụm, Khối thi đua gửi báo cáo tổng kết về Sở Nội vụ (qua Ban Thi đua - Khen "
        "thưởng) trước ngày 15/11 hằng năm."
    )
    (deadline,) = of_kind(found, FactKind.DEADLINE)
    assert (deadline.date, deadline.recurring, deadline.recipient) == ("15/11", True, "Sở Nội vụ")
    assert deadline.subject == "Các Cụm, Khối thi đua gửi báo cáo tổng kết"


@pytest.mark.parametrize(
    ("text", "date", "recurring"),
    [
        (
            "Hồ sơ đề nghị khen thưởng gửi về Ban Thi đua tỉnh chậm nhất ngày 15/3 năm sau.",
            "15/3",
            True,
        ),
        ("cac khoi gui bao cao ve So Noi vu truoc ngay 15/11 hang nam", "15/11", True),
        (
            "Kết quả bầu Khối trưởng gửi về Sở Nội vụ chậm nhất ngày 31/01/2024.",
            "2024-01-31",
            False,
        ),
    ],
)
def test_deadline_dates(text: str, date: str, recurring: bool) -> None:
    (deadline,) = of_kind(facts_of(text), FactKind.DEADLINE)
    assert (deadline.date, deadline.recurring) == (date, recurring)


def test_past_event_is_no_deadline() -> None:
    assert (
        of_kind(
            facts_of("Trước ngày 1/1/2024, Khối đã hoàn thành việc chấm điểm."), FactKind.DEADLINE
        )
        == []
    )


# --- the dev corpus -----------------------------------------------------------------------------


def _dev_context(prefix: str) -> tuple[DocContext, str]:
    (path,) = DEV_CORPUS.glob(f"{prefix}*.txt")
    text = normalize(path.read_text(encoding="utf-8"))
    meta = infer_metadata(text.splitlines()[0], text, {})
    return DocContext(path.name, meta.title, meta.province, meta.bloc, meta.date), text


def _dev_facts(prefix: str) -> list[Fact]:
    return extract_facts(*_dev_context(prefix))


DEV_ROLES = {
    "000_": {
        (2022, D, "Cục Thi hành án dân sự tỉnh"),
        (2023, D, "Ngân hàng Nhà nước Việt Nam – Chi nhánh Tiền Giang"),
    },
    "001_": {(2021, L, "Cục Thống kê"), (2022, L, "Cục Thuế")},
    "002_": {(2022, L, "Cục Thi hành án dân sự"), (2022, D, "Bộ Chỉ huy Bộ đội Biên phòng Tỉnh")},
    "003_": {
        (2022, L, "Cục Quản lý thị trường Tây Ninh"),
        (2022, L, "Cục Quản lý thị trường"),
        (2022, D, "Ngân hàng Nhà nước"),
        (2023, L, "Ngân hàng Nhà nước Việt Nam chi nhánh tỉnh"),
    },
    "004_": set(),
    "x002_": {
        (2024, L, "Trung tâm Lưu trữ lịch sử"),
        (2024, D, "Phòng Xây dựng chính quyền và Công tác thanh niên"),
    },
    "x008_": {(2023, L, "Truyền tải điện Ninh Thuận")},
    "x013_": {(2017, L, "THACO")},
    "x021_": set(),
    "x026_": set(),
    "x029_": set(),
    "x032_": {(2025, L, "Ủy ban MTTQ phường Hạc Thành")},
}


@needs_corpus
@pytest.mark.parametrize("prefix", sorted(DEV_ROLES))
def test_dev_corpus_roles(prefix: str) -> None:
    context, text = _dev_context(prefix)
    found = extract_facts(context, text)
    assert roles(found) == DEV_ROLES[prefix]
    for fact in of_kind(found, FactKind.ROLE):
        # Whatever name a sentence gives the bloc, facts use the document's own name for it.
        assert fact.bloc == context.bloc
        assert fact.province == context.province
        assert fact.evidence in text


@needs_corpus
def test_dev_corpus_members_awards_and_meeting_of_a_summary() -> None:
    found = _dev_facts("003_")
    (members,) = [f for f in found if f.rule == "bloc.members"]
    assert members.count == 7
    assert len(members.units) == 7
    assert "Cục Quản lý thị trường" in members.units
    awards = {(f.award, f.unit, f.units, f.count, f.year) for f in of_kind(found, FactKind.AWARD)}
    assert awards == {
        ("cờ dẫn đầu Khối thi đua", "Cục Hải quan", (), None, 2022),
        ("Bằng khen", None, ("Bảo hiểm xã hội", "Cục Quản lý thị trường"), 2, 2022),
    }
    (meeting,) = [f for f in found if f.rule == "meeting.held"]
    assert (meeting.date, meeting.year, meeting.unit) == (
        "2023-02-24",
        2022,
        "Cục Quản lý thị trường Tây Ninh",
    )


@needs_corpus
def test_dev_corpus_mid_year_review() -> None:
    found = _dev_facts("002_")
    (meeting,) = [f for f in found if f.rule == "meeting.held"]
    assert (meeting.meeting, meeting.date, meeting.place) == (
        "sơ kết",
        "2022-07-20",
        "Bộ chỉ huy Bộ đội Biên phòng Tỉnh",
    )
    (members,) = [f for f in found if f.rule == "bloc.members"]
    assert members.count == 8
    assert members.units[-1] == "Thanh tra Tỉnh"
    documents = {(f.number, f.date, f.unit) for f in of_kind(found, FactKind.DOCUMENT)}
    assert documents == {
        ("157/QĐ-KTĐS6", "2022-03-22", None),
        ("1224/SNV-TĐKT", "2022-05-31", "Sở Nội vụ tỉnh Đồng Tháp"),
    }
    (names,) = [f for f in found if f.rule == "bloc.names"]
    assert "Khối Thi đua số 6" in (names.subject or "").split(" | ")


@needs_corpus
def test_dev_corpus_summary_held_in_january() -> None:
    found = _dev_facts("000_")
    (meeting,) = [f for f in found if f.rule == "meeting.held"]
    # The lead says "năm 2023" but a summary held on 4/1/2023 reviews 2022, as the title says.
    assert (meeting.year, meeting.date, meeting.place) == (
        2022,
        "2023-01-04",
        "Cục Thi hành án dân sự tỉnh Tiền Giang",
    )
    assert [f.count for f in found if f.rule == "bloc.count"] == [9]
    awards = {(f.award, f.unit, f.count) for f in of_kind(found, FactKind.AWARD)}
    assert awards == {
        ("Cờ thi đua", "Ngân hàng Nhà nước Việt Nam – Chi nhánh Tiền Giang", None),
        ("Bằng khen", None, 8),
    }


@needs_corpus
def test_dev_corpus_received_awards_and_regulation() -> None:
    found = _dev_facts("004_")
    awards = {f.unit: f for f in of_kind(found, FactKind.AWARD)}
    assert awards["Kho bạc nhà nước tỉnh Đắk Nông"].award == "Cờ thi đua của Bộ Tài chính"
    assert "Hóa đơn điện tử năm 2022" in (awards["Cục Thuế tỉnh Đắk Nông"].subject or "")
    assert {f.year for f in awards.values()} == {2022}
    (decision,) = of_kind(found, FactKind.DOCUMENT)
    assert (decision.number, decision.date, decision.unit) == (
        "354/QĐ-UBND",
        "2018-03-12",
        "Ủy ban nhân dân tỉnh",
    )


@needs_corpus
def test_dev_corpus_short_reports() -> None:
    x002 = _dev_facts("x002_")
    (award,) = of_kind(x002, FactKind.AWARD)
    assert (award.unit, award.year, award.granter) == (
        "Thanh tra Sở Nội vụ",
        2023,
        "Chủ tịch UBND tỉnh",
    )
    assert [f.chair for f in x002 if f.rule == "meeting.chair"] == [
        "Huỳnh Xuân Luật, Phó Giám đốc Sở Nội vụ"
    ]
    x021 = _dev_facts("x021_")
    (award,) = of_kind(x021, FactKind.AWARD)
    assert (award.award, award.year, award.rule) == (
        "Cờ thi đua ngành Tư pháp",
        2024,
        "award.honoured",
    )
    meetings = {(f.meeting, f.date, f.year) for f in of_kind(x021, FactKind.MEETING)}
    assert ("tổng kết", "2025-01-10", 2024) in meetings
    x032 = _dev_facts("x032_")
    assert [f.date for f in x032 if f.rule == "meeting.held"] == ["2025-12-13"]


@needs_corpus
def test_dev_corpus_guidance_header_and_deadlines() -> None:
    (header,) = [f for f in _dev_facts("x026_") if f.rule == "document.header"]
    assert (header.number, header.date, header.doc_type) == (
        "1479/HD-BTĐKT",
        "2016-07-25",
        "Hướng dẫn",
    )
    deadlines = {f.date: f for f in of_kind(_dev_facts("x029_"), FactKind.DEADLINE)}
    assert set(deadlines) == {"20/12", "25/12"}
    blocs = deadlines["20/12"]
    assert blocs.recurring
    assert blocs.recipient == "Thường trực Hội đồng Thi đua - Khen thưởng ngành Thanh tra"
    assert (blocs.subject or "").startswith(
        "các cụm, khối thi đua gửi hồ sơ đề nghị tặng thưởng Bằng khen"
    )


@needs_corpus
def test_dev_corpus_is_read_quickly() -> None:
    documents = sorted(DEV_CORPUS.glob("*.txt"))
    prefixes = [path.name.split("_")[0] + "_" for path in documents]
    start = time.perf_counter()
    for prefix in prefixes:
        _dev_facts(prefix)
    assert time.perf_counter() - start < 2.0
