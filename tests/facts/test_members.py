"""A bloc's members and size, and the other names a report gives its bloc."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.facts.model import FactKind
from tests.facts.conftest import D, L, dev_facts, facts_of, needs_corpus, of_kind, roles


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


@needs_corpus
def test_dev_corpus_members_of_a_summary() -> None:
    (members,) = [f for f in dev_facts("003_") if f.rule == "bloc.members"]
    assert members.count == 7
    assert len(members.units) == 7
    assert "Cục Quản lý thị trường" in members.units


@needs_corpus
def test_dev_corpus_members_and_names_of_a_mid_year_review() -> None:
    found = dev_facts("002_")
    (members,) = [f for f in found if f.rule == "bloc.members"]
    assert members.count == 8
    assert members.units[-1] == "Thanh tra Tỉnh"
    (names,) = [f for f in found if f.rule == "bloc.names"]
    assert "Khối Thi đua số 6" in (names.subject or "").split(" | ")


@needs_corpus
def test_dev_corpus_bloc_size() -> None:
    assert [f.count for f in dev_facts("000_") if f.rule == "bloc.count"] == [9]
