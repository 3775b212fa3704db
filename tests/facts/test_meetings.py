"""Meetings: when and where a bloc met, about which period, and who chaired."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.facts.meetings import meeting_title
from bot.facts.model import FactKind
from tests.facts.conftest import dev_facts, facts_of, needs_corpus, of_kind


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


def _dated(found: list) -> set[tuple[str | None, str | None, bool]]:
    """(kind, date, yearly) of the dated meetings held."""
    return {
        (f.meeting, f.date, f.recurring)
        for f in of_kind(found, FactKind.MEETING)
        if f.date and not f.chair
    }


@pytest.mark.parametrize(
    ("text", "title", "date", "held"),
    [
        # A news lead with its source; the year is the one the meeting reviews (November).
        (
            "(Báo Quảng Ngãi) - Chiều 28/11, Khối thi đua các cơ quan Đảng tổ chức đánh giá "
            "công tác thi đua năm 2019 và bàn nhiệm vụ năm 2020.",
            "Khối các cơ quan Đảng hoàn thành nhiệm vụ",
            None,
            ("tổng kết", "2019-11-28"),
        ),
        # A review of a year held in January of the next one.
        (
            "Chiều 12/1, Cụm thi đua số 4 tiến hành hội nghị tổng kết phong trào thi đua năm "
            "2021.",
            "Cụm thi đua số 4",
            None,
            ("tổng kết", "2022-01-12"),
        ),
        # Several days: the first; no verb of meeting, the sentence opens with the date.
        (
            "Trong hai ngày 5 và 6/9/2023, các đơn vị tham gia Hội thao Khối thi đua Nội chính.",
            "Hội thao Khối thi đua Nội chính",
            None,
            ("hội thao", "2023-09-05"),
        ),
        # A meeting named, then its date.
        (
            "Sở Tư pháp được biểu dương tại Hội nghị sơ kết 6 tháng đầu năm của Khối vào ngày "
            "18/7/2022.",
            "Kết quả thi đua",
            dt.date(2022, 7, 20),
            ("sơ kết", "2022-07-18"),
        ),
        # A day alone in brackets after "sáng nay"; the year from the document's date.
        (
            "Hội nghị Ban Chấp hành Liên đoàn Lao động tỉnh diễn ra sáng nay (9/12) tại Hội "
            "trường tỉnh.",
            "Tin hoạt động",
            dt.date(2021, 12, 9),
            ("hội nghị", "2021-12-09"),
        ),
        # Without a date of its own, the year is the only one the document names.
        (
            "Ngày 3/4, tại Trường Cao đẳng Y tế, Khối thi đua các trường tổ chức ký kết giao "
            "ước thi đua.",
            "Các trường ký kết giao ước thi đua năm 2023",
            None,
            ("ký kết giao ước", "2023-04-03"),
        ),
    ],
)
def test_dates_of_meetings_held(
    text: str, title: str, date: dt.date | None, held: tuple[str, str]
) -> None:
    found = facts_of(text, title=title, bloc=None, date=date)
    assert {(kind, day) for kind, day, _ in _dated(found)} == {held}


def test_each_clause_holds_its_own_meeting() -> None:
    found = facts_of(
        "Tại Hội nghị tổng kết Khối diễn ra chiều nay (20/12), Khối trưởng cho biết: căn cứ "
        "kết quả chấm điểm; theo đề nghị của Hội đồng thi đua Khối họp ngày 15/12/2023, Khối "
        "đề nghị tặng Cờ thi đua cho 2 đơn vị.",
        date=dt.date(2023, 12, 20),
    )
    assert {(kind, day) for kind, day, _ in _dated(found)} == {
        ("tổng kết", "2023-12-20"),
        ("họp", "2023-12-15"),
    }


def test_a_yearly_ceremony() -> None:
    found = facts_of(
        "Chương trình sẽ được tiến hành thường niên và Lễ tuyên dương được tổ chức vào dịp "
        "kỷ niệm ngày Doanh nhân Việt Nam (13/10) hằng năm.",
        date=dt.date(2022, 8, 1),
    )
    assert _dated(found) == {("lễ tuyên dương", "13/10", True)}


@pytest.mark.parametrize(
    "text",
    [
        # The date of a cited plan, even with a dash in its number.
        "Khối trưởng thông qua trước Hội nghị Kế hoạch số 12-KH/ĐU ngày 05/01/2024 của Đảng ủy.",
        # An invitation sent on a day is no meeting held that day.
        "Ngày 10/12/2023, Khối trưởng gửi giấy mời dự Hội nghị tổng kết đến các đơn vị.",
        # A meeting planned.
        "Hội nghị tổng kết Khối dự kiến vào ngày 20/12/2023 tại Sở Tư pháp.",
    ],
)
def test_dates_that_are_no_meeting_held(text: str) -> None:
    assert _dated(facts_of(text)) == set()


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


@needs_corpus
def test_dev_corpus_meeting_of_a_summary() -> None:
    (meeting,) = [f for f in dev_facts("003_") if f.rule == "meeting.held"]
    assert (meeting.date, meeting.year, meeting.unit) == (
        "2023-02-24",
        2022,
        "Cục Quản lý thị trường Tây Ninh",
    )


@needs_corpus
def test_dev_corpus_mid_year_review() -> None:
    (meeting,) = [f for f in dev_facts("002_") if f.rule == "meeting.held"]
    assert (meeting.meeting, meeting.date, meeting.place) == (
        "sơ kết",
        "2022-07-20",
        "Bộ chỉ huy Bộ đội Biên phòng Tỉnh",
    )


@needs_corpus
def test_dev_corpus_summary_held_in_january() -> None:
    (meeting,) = [f for f in dev_facts("000_") if f.rule == "meeting.held"]
    # The lead says "năm 2023" but a summary held on 4/1/2023 reviews 2022, as the title says.
    assert (meeting.year, meeting.date, meeting.place) == (
        2022,
        "2023-01-04",
        "Cục Thi hành án dân sự tỉnh Tiền Giang",
    )


@needs_corpus
def test_dev_corpus_meetings_of_short_reports() -> None:
    assert [f.chair for f in dev_facts("x002_") if f.rule == "meeting.chair"] == [
        "Huỳnh Xuân Luật, Phó Giám đốc Sở Nội vụ"
    ]
    meetings = {(f.meeting, f.date, f.year) for f in of_kind(dev_facts("x021_"), FactKind.MEETING)}
    assert ("tổng kết", "2025-01-10", 2024) in meetings
    assert [f.date for f in dev_facts("x032_") if f.rule == "meeting.held"] == ["2025-12-13"]


def test_meeting_kinds_are_named_as_people_say_them() -> None:
    assert meeting_title("tổng kết") == "Hội nghị tổng kết"
    assert meeting_title("hội nghị") == "Hội nghị"
    assert meeting_title("họp") == "Cuộc họp"
    assert meeting_title("lễ trao tặng") == "Lễ trao tặng"
    assert meeting_title(None) == "Hội nghị"
