"""Roles: which unit led or deputised a bloc, in the year each wording means."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.facts.extract import extract_facts
from bot.facts.model import FactKind, Role
from tests.facts.conftest import D, L, dev_context, facts_of, needs_corpus, of_kind, roles


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
    context, text = dev_context(prefix)
    found = extract_facts(context, text)
    assert roles(found) == DEV_ROLES[prefix]
    for fact in of_kind(found, FactKind.ROLE):
        # Whatever name a sentence gives the bloc, facts use the document's own name for it.
        assert fact.bloc == context.bloc
        assert fact.province == context.province
        assert fact.evidence in text


def test_pho_khoi_names_a_deputy_in_reports_as_in_questions() -> None:
    found = facts_of(
        "Hội nghị đã bầu Sở Tư pháp làm Khối trưởng và Ban Dân tộc làm phó khối năm 2024."
    )
    assert roles(found) == {(2024, L, "Sở Tư pháp"), (2024, D, "Ban Dân tộc")}


def test_a_sub_department_is_not_its_department_when_roles_are_checked() -> None:
    found = facts_of(
        "Hội nghị thống nhất bầu Cục Thuế tỉnh làm Khối trưởng năm 2024. "
        "Chi cục Thuế khu vực I được bầu làm Khối phó năm 2024."
    )
    assert roles(found) == {(2024, L, "Cục Thuế tỉnh"), (2024, D, "Chi cục Thuế khu vực I")}
