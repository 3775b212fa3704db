"""Deadlines: what to send, to whom, by which date, and whether every year."""

from __future__ import annotations

import pytest

from bot.facts.model import FactKind
from tests.facts.conftest import dev_facts, facts_of, needs_corpus, of_kind


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


@needs_corpus
def test_dev_corpus_deadlines_of_a_guidance() -> None:
    deadlines = {f.date: f for f in of_kind(dev_facts("x029_"), FactKind.DEADLINE)}
    assert set(deadlines) == {"20/12", "25/12"}
    blocs = deadlines["20/12"]
    assert blocs.recurring
    assert blocs.recipient == "Thường trực Hội đồng Thi đua - Khen thưởng ngành Thanh tra"
    assert (blocs.subject or "").startswith(
        "các cụm, khối thi đua gửi hồ sơ đề nghị tặng thưởng Bằng khen"
    )


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Các đơn vị gửi hồ sơ về Liên đoàn Lao động tỉnh trước ngày 30-6.", "30/6"),
        ("Các khối nộp báo cáo cho Ban Thi đua trước 10/12.", "10/12"),
        ("Hồ sơ gửi về Sở Nội vụ đến hết ngày 15 tháng 11 năm 2024.", "2024-11-15"),
    ],
)
def test_deadline_date_forms(text: str, date: str) -> None:
    (deadline,) = of_kind(facts_of(text), FactKind.DEADLINE)
    assert deadline.date == date


def test_several_deadlines_of_one_sentence_and_whom_each_concerns() -> None:
    found = facts_of(
        "Các đơn vị gửi báo cáo thành tích về Sở Giáo dục và Đào tạo trước ngày 15/6 hằng năm "
        "đối với các trường tổng kết theo năm học và trước ngày 20/12 hằng năm đối với các "
        "đơn vị tổng kết theo năm dương lịch."
    )
    deadlines = of_kind(found, FactKind.DEADLINE)
    assert [(d.date, d.recurring, d.units) for d in deadlines] == [
        ("15/6", True, ("các trường tổng kết theo năm học",)),
        ("20/12", True, ("các đơn vị tổng kết theo năm dương lịch",)),
    ]
    assert {d.recipient for d in deadlines} == {"Sở Giáo dục và Đào tạo"}
    assert {d.subject for d in deadlines} == {"Các đơn vị gửi báo cáo thành tích"}


def test_deadlines_per_award_type_under_a_lead() -> None:
    found = facts_of(
        "Hồ sơ đề nghị khen thưởng gửi về Ban Thi đua - Khen thưởng tỉnh theo thời hạn sau:\n"
        "- Cờ thi đua của UBND tỉnh: trước ngày 15/01 năm sau;\n"
        "- Bằng khen của Chủ tịch UBND tỉnh: chậm nhất ngày 31/01 năm sau."
    )
    deadlines = of_kind(found, FactKind.DEADLINE)
    assert [(d.date, d.recurring, d.recipient) for d in deadlines] == [
        ("15/1", True, "Ban Thi đua - Khen thưởng tỉnh"),
        ("31/1", True, "Ban Thi đua - Khen thưởng tỉnh"),
    ]
    assert "Cờ thi đua của UBND tỉnh" in (deadlines[0].subject or "")
    assert "Bằng khen" in (deadlines[1].subject or "")


def test_bullet_naming_whom_it_concerns() -> None:
    (deadline,) = of_kind(
        facts_of("- Đối với các huyện, thị xã: gửi hồ sơ về Sở Nội vụ trước ngày 5/12 hằng năm."),
        FactKind.DEADLINE,
    )
    assert deadline.units == ("các huyện, thị xã",)


def test_date_of_a_cited_document_is_no_deadline() -> None:
    found = facts_of(
        "Thực hiện Quyết định số 12/QĐ-UBND ngày 15/3/2023, các khối gửi báo cáo về Sở Nội vụ."
    )
    assert of_kind(found, FactKind.DEADLINE) == []
