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
