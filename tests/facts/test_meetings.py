"""Meetings: when and where a bloc met, about which period, and who chaired."""

from __future__ import annotations

import pytest

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
