"""Awards: who received or was proposed for which award, for which year, from whom."""

from __future__ import annotations

import pytest

from bot.facts.model import FactKind
from tests.facts.conftest import dev_facts, facts_of, needs_corpus, of_kind


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


@needs_corpus
def test_dev_corpus_awards_of_a_summary() -> None:
    found = dev_facts("003_")
    awards = {(f.award, f.unit, f.units, f.count, f.year) for f in of_kind(found, FactKind.AWARD)}
    assert awards == {
        ("cờ dẫn đầu Khối thi đua", "Cục Hải quan", (), None, 2022),
        ("Bằng khen", None, ("Bảo hiểm xã hội", "Cục Quản lý thị trường"), 2, 2022),
    }


@needs_corpus
def test_dev_corpus_awards_of_a_summary_held_in_january() -> None:
    awards = {(f.award, f.unit, f.count) for f in of_kind(dev_facts("000_"), FactKind.AWARD)}
    assert awards == {
        ("Cờ thi đua", "Ngân hàng Nhà nước Việt Nam – Chi nhánh Tiền Giang", None),
        ("Bằng khen", None, 8),
    }


@needs_corpus
def test_dev_corpus_received_awards() -> None:
    awards = {f.unit: f for f in of_kind(dev_facts("004_"), FactKind.AWARD)}
    assert awards["Kho bạc nhà nước tỉnh Đắk Nông"].award == "Cờ thi đua của Bộ Tài chính"
    assert "Hóa đơn điện tử năm 2022" in (awards["Cục Thuế tỉnh Đắk Nông"].subject or "")
    assert {f.year for f in awards.values()} == {2022}


@needs_corpus
def test_dev_corpus_awards_of_short_reports() -> None:
    (award,) = of_kind(dev_facts("x002_"), FactKind.AWARD)
    assert (award.unit, award.year, award.granter) == (
        "Thanh tra Sở Nội vụ",
        2023,
        "Chủ tịch UBND tỉnh",
    )
    (award,) = of_kind(dev_facts("x021_"), FactKind.AWARD)
    assert (award.award, award.year, award.rule) == (
        "Cờ thi đua ngành Tư pháp",
        2024,
        "award.honoured",
    )
