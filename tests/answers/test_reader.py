"""The reader end to end: composed documents in wordings the fact rules were not written for,
a question per answer type, the year and scope traps; real index, fake embedder."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bot.answers.questions import parse_question
from bot.answers.reader import AnswerType, ask_of
from bot.answers.service import AnswerService, Kind
from bot.settings import Settings
from bot.vi import normalize as vt
from bot.wiring import Parts, open_answers
from tests.conftest import FakeEmbedder

TODAY = dt.date(2025, 6, 1)

CLUSTER = """---
title: Cụm thi đua số III các xã miền núi tổng kết năm 2024
province: Quảng Ngãi
date: 2025-01-17
---
Chiều ngày 16/01/2025, tại Hội trường UBND xã Nghĩa Kỳ, Cụm thi đua số III các xã miền núi tổ
chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2024.

Cụm thi đua số III gồm: xã Nghĩa Kỳ, xã Nghĩa Thọ, xã Nghĩa Sơn và xã Nghĩa Lâm.

Đồng chí Phạm Văn Tâm, Chủ tịch UBND xã Nghĩa Kỳ (cụm trưởng năm 2024) chủ trì hội nghị.

Hội nghị thống nhất đề nghị UBND tỉnh tặng Bằng khen cho xã Nghĩa Thọ.

Xã Nghĩa Sơn, xã Nghĩa Lâm và xã Nghĩa Kỳ được đề nghị UBND tỉnh tặng Cờ thi đua năm 2024.
"""
SECTOR = """---
title: Phân công cụm thi đua các Sở Y tế năm 2025
date: 2025-02-10
---
Bộ Y tế phân công các cụm thi đua năm 2025 như sau.

Cụm 4 gồm Sở Y tế Bình Định (cụm trưởng), Sở Y tế Phú Yên (cụm phó); Cụm 5: Sở Y tế Đắk Lắk
(cụm trưởng), Sở Y tế Gia Lai (cụm phó).
"""
# A ministry's clusters of a school year, their members named by their province alone; no
# province of its own (it names many), no date.
SCHOOL_YEAR = """---
title: Bộ Giáo dục và Đào tạo phân công các cụm thi đua năm học 2024-2025
---
Bộ Giáo dục và Đào tạo phân công các cụm thi đua của khối các sở giáo dục và đào tạo.

Phân công: Cụm 2 gồm Thành phố Cần Thơ (cụm trưởng), Vĩnh Long (cụm phó); Cụm 6: Kon Tum
(cụm trưởng), Đắk Nông (cụm phó).

Ngày 14/3, tại thành phố Cần Thơ, Cụm 2 tổ chức hội nghị tổng kết công tác thi đua năm 2024.
"""
RULES = """---
title: Quy chế thi đua, khen thưởng của Cụm thi đua số III
province: Quảng Ngãi
date: 2025-03-01
---
Quy chế này có hiệu lực kể từ ngày 15/3/2025.

Tỷ lệ tập thể được xét tặng Bằng khen không quá 20% số tập thể của cụm.

Hồ sơ đề nghị khen thưởng gửi về Ban Thi đua - Khen thưởng chậm nhất ngày 20/10 hằng năm.

Năm 2024 có 12 tập thể được tặng Giấy khen của Chủ tịch UBND huyện.
"""


@pytest.fixture
def service(tmp_path: Path, settings: Settings) -> AnswerService:
    root = tmp_path / "knowledge"
    root.mkdir()
    for name, text in (
        ("cum.md", CLUSTER),
        ("yte.md", SECTOR),
        ("quyche.md", RULES),
        ("namhoc.md", SCHOOL_YEAR),
    ):
        (root / name).write_text(text, encoding="utf-8")
    answers, _ = open_answers(settings, Parts(embedder=FakeEmbedder()))
    return answers


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Ai là khối trưởng năm 2023?", AnswerType.UNIT),
        ("Sở Y tế Phú Yên giữ vai trò gì trong cụm năm 2025?", AnswerType.ROLE),
        ("Quy chế có hiệu lực từ ngày nào?", AnswerType.DATE),
        ("ty le tap the duoc tang bang khen toi da bao nhieu phan tram", AnswerType.PERCENT),
        ("Có bao nhiêu tập thể được tặng Giấy khen?", AnswerType.NUMBER),
        ("Hội nghị tổng kết họp ở đâu, ngày nào?", AnswerType.DATE_PLACE),
        ("Cụm thi đua số III gồm những xã nào?", AnswerType.UNITS),
        ("Phong trào thi đua năm nay có điểm gì mới?", AnswerType.PHRASE),
        ("Khối trưởng có vai trò gì trong khối?", AnswerType.PHRASE),
    ],
)
def test_the_answer_type_a_question_asks_for(question: str, expected: AnswerType) -> None:
    assert ask_of(parse_question(vt.normalize(question), TODAY)).type is expected


@pytest.mark.parametrize(
    ("question", "wanted", "unwanted"),
    [
        ("Cụm 5 năm 2025 do sở nào làm cụm trưởng?", "Đắk Lắk", "Bình Định"),
        ("cum pho cum 4 nam 2025 la don vi nao", "Phú Yên", "Gia Lai"),
        ("Cụm trưởng Cụm thi đua số 3 năm 2024 là ai?", "Nghĩa Kỳ", None),
        ("Quy chế của Cụm thi đua số III có hiệu lực từ ngày nào?", "15/3/2025", None),
        ("ty le tap the duoc tang bang khen toi da bao nhieu phan tram", "20%", None),
        ("Năm 2024 có bao nhiêu tập thể được tặng Giấy khen?", "12 tập thể", None),
        ("Hồ sơ đề nghị khen thưởng gửi chậm nhất ngày nào?", "20/10", None),
        ("Năm 2025, Sở Y tế Phú Yên giữ vai trò gì trong cụm thi đua?", "cụm phó", "cụm trưởng"),
        # A school year is both its years; a member named by its province alone.
        (
            "Năm học 2024-2025 cụm phó Cụm 6 khối các sở GD&ĐT là đơn vị nào?",
            "Đắk Nông",
            "Kon Tum",
        ),
        ("nam hoc 2024 - 2025 cum truong cum 2 nganh giao duc la ai", "Cần Thơ", "Vĩnh Long"),
        (
            "Sở GD&ĐT Vĩnh Long giữ vai trò gì trong cụm thi đua năm học 2024-2025?",
            "cụm phó",
            None,
        ),
    ],
)
def test_the_reader_answers_from_the_sentence_that_states_it(
    service: AnswerService, question: str, wanted: str, unwanted: str | None
) -> None:
    answer = service.answer(question, TODAY)
    assert answer.kind in {Kind.FACT, Kind.PASSAGE}, answer.text
    assert vt.fold(wanted) in vt.fold(answer.text)
    assert unwanted is None or vt.fold(unwanted) not in vt.fold(answer.text)
    assert answer.sources[0].evidence


def test_a_review_held_early_in_a_year_is_dated_the_year_after_the_one_it_reviews(
    service: AnswerService,
) -> None:
    answer = service.answer("Cụm 2 tổng kết năm 2024 họp ngày nào, ở đâu?", TODAY)
    assert re.search(r"14/0?3/2025", answer.text)
    assert "Cần Thơ" in answer.text


def test_a_place_and_a_date_are_read_together(service: AnswerService) -> None:
    answer = service.answer("Hội nghị tổng kết của Cụm thi đua số III họp ở đâu, ngày nào?", TODAY)
    assert "16/01/2025" in answer.text
    assert "Nghĩa Kỳ" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        # The documents name the 2024 leader only.
        "Cụm trưởng Cụm thi đua số III năm 2025 là ai?",
        "Năm 2023 cụm 5 do sở nào làm cụm trưởng?",
        # A province that no document is about.
        "Cụm trưởng cụm thi đua số III tỉnh Cà Mau năm 2024 là ai?",
    ],
)
def test_a_year_or_a_province_the_documents_do_not_state_is_not_answered(
    service: AnswerService, question: str
) -> None:
    assert service.answer(question, TODAY).kind is Kind.UNANSWERABLE


def test_a_scope_no_document_covers_is_said_so(service: AnswerService) -> None:
    sector = service.answer("Cụm trưởng cụm thi đua LĐLĐ các tỉnh năm 2025 là đơn vị nào?", TODAY)
    assert sector.kind is Kind.UNANSWERABLE
    assert "ngành công đoàn" in sector.text
    province = service.answer("Khối trưởng khối thi đua số 5 tỉnh Cà Mau năm 2025?", TODAY)
    assert province.kind is Kind.UNANSWERABLE
    assert "Cà Mau" in province.text


def test_another_sectors_cluster_of_the_same_number_never_answers(service: AnswerService) -> None:
    answer = service.answer("Cụm 5 ngành công đoàn năm 2025 do đơn vị nào làm cụm trưởng?", TODAY)
    assert answer.kind is Kind.UNANSWERABLE
    assert "Đắk Lắk" not in answer.text


def test_a_school_year_the_documents_do_not_state_is_not_answered(service: AnswerService) -> None:
    for question in (
        "Năm học 2025-2026 cụm trưởng Cụm 6 khối các sở GD&ĐT là đơn vị nào?",
        "nam hoc 2023-2024 cum pho cum 2 nganh giao duc la ai",
    ):
        assert service.answer(question, TODAY).kind is Kind.UNANSWERABLE, question


def test_a_question_asking_for_several_gets_the_whole_list(service: AnswerService) -> None:
    answer = service.answer("Những xã nào được đề nghị tặng Cờ thi đua năm 2024?", TODAY)
    assert "Xã Nghĩa Sơn, xã Nghĩa Lâm và xã Nghĩa Kỳ" in answer.text


def test_the_kind_of_unit_asked_is_the_kind_answered(service: AnswerService) -> None:
    answer = service.answer("Xã nào được đề nghị UBND tỉnh tặng Bằng khen năm 2024?", TODAY)
    assert "Nghĩa Thọ" in answer.text
    assert "UBND tỉnh" not in answer.text


@pytest.mark.parametrize(
    "question",
    [
        # Named province: a document of no province (a ministry's) is not of it.
        "Tỉnh Quảng Ngãi năm học 2024-2025 ai làm cụm trưởng Cụm 2?",
        # Another cluster number than the documents' own.
        "Cụm thi đua số IX gồm những đơn vị nào?",
        # A list of another kind than the one asked (Cụm 4 gathers health departments).
        "Cụm 4 gồm những cục nào?",
        # A bloc of the communes of a district no document names.
        "Cụm thi đua các xã huyện Ba Tơ năm 2024 ai là cụm trưởng?",
    ],
)
def test_a_scope_the_documents_do_not_cover_is_not_answered_from_others(
    service: AnswerService, question: str
) -> None:
    answer = service.answer(question, TODAY)
    assert answer.kind is Kind.UNANSWERABLE, answer.text


def test_a_document_of_no_province_answers_a_province_it_does_not_name_not(
    service: AnswerService,
) -> None:
    # The ministry's clusters (no province) name Cần Thơ, not Quảng Ngãi.
    other = service.answer("Tỉnh Quảng Ngãi năm học 2024-2025 cụm trưởng Cụm 2 là ai?", TODAY)
    named = service.answer("Thành phố Cần Thơ năm học 2024-2025 cụm trưởng Cụm 2 là ai?", TODAY)
    assert other.kind is Kind.UNANSWERABLE
    assert "Cần Thơ" in named.text


def test_another_years_meeting_is_never_the_answer(service: AnswerService) -> None:
    answer = service.answer("Hội nghị tổng kết năm 2022 của Cụm thi đua số III họp ở đâu?", TODAY)
    assert answer.kind is Kind.UNANSWERABLE, answer.text
