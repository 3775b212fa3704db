"""Fact answers end to end: composed reports → index → facts → answers, with a fake embedder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.answers.service import AnswerService, Kind
from bot.settings import Settings
from bot.vi import normalize as vt
from bot.wiring import Parts, open_answers
from tests.conftest import FakeEmbedder

TODAY = dt.date(2024, 11, 23)
CA_MAU = """Khối thi đua số 3 tỉnh Cà Mau tổng kết công tác thi đua, khen thưởng năm 2023

Sáng ngày 12/01/2024, tại Sở Tài chính, Khối thi đua số 3 tổ chức hội nghị tổng kết công tác thi
đua, khen thưởng năm 2023.

Khối thi đua số 3 gồm 05 đơn vị: Sở Y tế, Sở Tài chính, Sở Tư pháp, Sở Giáo dục và Đào tạo và Sở
Nội vụ.

Hội nghị thống nhất đề nghị UBND tỉnh tặng Cờ thi đua cho Sở Tư pháp và Bằng khen cho 02 tập thể.

Sở Tài chính (Trưởng khối năm 2023) đã bàn giao nhiệm vụ Khối trưởng cho Sở Y tế.
Hội nghị đã suy tôn Sở Y tế làm Khối trưởng năm 2024 và Sở Giáo dục và Đào tạo làm Khối phó năm
2024.
"""
LAO_CAI = """Khối thi đua các cơ quan Trung ương tỉnh Lào Cai sơ kết 6 tháng đầu năm 2024

Ngày 15/7/2024, tại Kho bạc Nhà nước tỉnh, Khối thi đua các cơ quan Trung ương tổ chức hội nghị sơ
kết công tác thi đua 6 tháng đầu năm 2024.

Năm 2024, Cục Thuế tỉnh được bầu làm Khối trưởng và Kho bạc Nhà nước tỉnh làm Khối phó.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    root.mkdir()
    (root / "camau.txt").write_text(CA_MAU, encoding="utf-8")
    (root / "laocai.txt").write_text(LAO_CAI, encoding="utf-8")
    return root


def _service(settings: Settings) -> AnswerService:
    service, report = open_answers(settings, Parts(embedder=FakeEmbedder()))
    assert report.curated_errors == []
    return service


@pytest.mark.usefixtures("folder")
@pytest.mark.parametrize(
    "question",
    [
        "Ai là khối trưởng Khối thi đua số 3 tỉnh Cà Mau năm 2024?",
        "khoi truong khoi 3 ca mau nam 2024 la don vi nao",
        "Trưởng khối năm nay của khối số 3 Cà Mau?",
    ],
)
def test_leader_of_the_year_with_its_evidence(settings: Settings, question: str) -> None:
    answer = _service(settings).answer(question, today=TODAY)
    assert answer.kind is Kind.FACT
    assert "Sở Y tế" in answer.text
    assert len(answer.text) <= 250
    assert answer.sources[0].doc == "camau.txt"
    assert "Sở Y tế" in answer.sources[0].text


@pytest.mark.usefixtures("folder")
def test_year_rules_and_deputy(settings: Settings) -> None:
    service = _service(settings)
    assert "Sở Tài chính" in service.answer("Khối trưởng khối 3 Cà Mau năm 2023?", TODAY).text
    deputy = service.answer("Khối phó năm 2024 của khối thi đua số 3 Cà Mau là ai?", TODAY)
    assert deputy.kind is Kind.FACT
    assert "Giáo dục" in deputy.text


@pytest.mark.usefixtures("folder")
def test_unknown_year_abstains_and_shows_what_is_known(settings: Settings) -> None:
    answer = _service(settings).answer("Khối trưởng khối số 3 Cà Mau năm 2025?", TODAY)
    assert answer.kind is Kind.UNANSWERABLE
    assert answer.text.startswith("Tài liệu hiện có không nêu")
    assert "2024" in answer.text  # the nearest known fact


@pytest.mark.usefixtures("folder")
def test_question_without_a_bloc_answers_for_each_bloc(settings: Settings) -> None:
    answer = _service(settings).answer("khoi truong nam 2024 la ai", TODAY)
    assert answer.kind is Kind.FACT
    assert "Sở Y tế" in answer.text
    assert "Cục Thuế" in answer.text


@pytest.mark.usefixtures("folder")
def test_members_count_award_meeting(settings: Settings) -> None:
    service = _service(settings)
    members = service.answer("Khối thi đua số 3 Cà Mau gồm những đơn vị nào?", TODAY)
    assert members.kind is Kind.FACT
    assert all(u in members.text for u in ("Sở Y tế", "Sở Tư pháp", "Sở Nội vụ"))
    assert "05" in service.answer("khoi so 3 ca mau co may don vi", TODAY).text
    award = service.answer(
        "Năm 2023 đơn vị nào của khối 3 Cà Mau được đề nghị tặng cờ thi đua?", TODAY
    )
    assert "Sở Tư pháp" in award.text
    meeting = service.answer("Hội nghị sơ kết khối Trung ương Lào Cai tổ chức ngày nào?", TODAY)
    assert "15/07/2024" in meeting.text


@pytest.mark.usefixtures("folder")
def test_award_the_documents_do_not_mention_is_unanswerable(settings: Settings) -> None:
    answer = _service(settings).answer("Cờ thi đua của Chính phủ năm 2023 khối 3 Cà Mau?", TODAY)
    assert answer.kind is Kind.UNANSWERABLE


def test_curated_fact_wins_and_is_cited(folder: Path, settings: Settings) -> None:
    (folder / "facts.yaml").write_text(
        "- kind: role\n  bloc: Khối thi đua số 3\n  province: Cà Mau\n  year: 2024\n"
        "  role: leader\n  unit: Sở Nội vụ\n  note: Công văn điều chỉnh của Khối\n",
        encoding="utf-8",
    )
    answer = _service(settings).answer("Khối trưởng khối số 3 Cà Mau năm 2024?", TODAY)
    assert "Sở Nội vụ" in answer.text
    assert "Sở Y tế" not in answer.text
    assert answer.sources[0].text == "Công văn điều chỉnh của Khối"


def test_facts_follow_a_changed_or_deleted_document(folder: Path, settings: Settings) -> None:
    question = "Khối trưởng khối số 3 Cà Mau năm 2024?"
    assert "Sở Y tế" in _service(settings).answer(question, TODAY).text
    (folder / "camau.txt").write_text(CA_MAU.replace("Sở Y tế", "Sở Công Thương"), "utf-8")
    assert "Sở Công Thương" in _service(settings).answer(question, TODAY).text
    (folder / "camau.txt").unlink()
    assert _service(settings).answer(question, TODAY).kind is Kind.UNANSWERABLE


@pytest.mark.usefixtures("folder")
def test_open_question_falls_back_to_a_passage(settings: Settings) -> None:
    answer = _service(settings).answer("Hội nghị tổng kết của khối 3 Cà Mau họp ở sở nào?", TODAY)
    assert answer.kind in {Kind.FACT, Kind.PASSAGE}
    assert vt.fold("Sở Tài chính") in vt.fold(answer.text)


def test_too_many_blocs_for_a_question_naming_none_asks_which(
    tmp_path: Path, settings: Settings
) -> None:
    root = tmp_path / "knowledge"
    root.mkdir()
    provinces = ["Cà Mau", "Lào Cai", "Gia Lai", "Nghệ An", "Sơn La", "Hà Tĩnh", "Phú Thọ"]
    for number, province in enumerate(provinces, start=1):
        (root / f"r{number}.txt").write_text(
            f"Khối thi đua số {number} tỉnh {province} tổng kết năm 2023\n\n"
            f"Khối thi đua số {number} đã suy tôn Sở Y tế làm Khối trưởng năm 2024.\n",
            encoding="utf-8",
        )
    service = _service(settings)
    answer = service.answer("Ai là khối trưởng năm 2024?", TODAY)
    assert answer.kind is Kind.CLARIFY
    assert "Khối thi đua số 1 (Cà Mau)" in answer.text
    named = service.answer("Ai là khối trưởng năm 2024 của khối số 7 Phú Thọ?", TODAY)
    assert named.kind is Kind.FACT


@pytest.mark.usefixtures("folder")
def test_follow_up_and_picked_bloc(settings: Settings) -> None:
    service = _service(settings)
    first = service.answer("Khối trưởng năm 2024 của Khối thi đua số 3 Cà Mau là ai?", TODAY)
    assert "Sở Y tế" in first.text
    (source, quotes), *_ = first.documents()  # each document once, with its evidence
    assert source.doc == "camau.txt"
    assert any("Sở Y tế" in quote for quote in quotes)
    assert len({s.doc for s, _ in first.documents()}) == len(first.documents())
    follow = service.answer("khối phó thì sao?", TODAY, previous=first.understood)
    assert follow.kind is Kind.FACT
    assert "Sở Giáo dục và Đào tạo" in follow.text
    unrelated = service.answer("khối phó thì sao?", TODAY)
    assert "Kho bạc" in unrelated.text  # without the previous question: every bloc
    several = service.answer("Ai là khối trưởng năm 2024?", TODAY)
    assert len(several.blocs) == 2
    key = next(k for k, label in several.blocs if "Lào Cai" in label)
    picked = service.answer(several.question, TODAY, understood=several.understood, bloc=key)
    assert "Cục Thuế" in picked.text
    assert "Sở Y tế" not in picked.text
    default = service.answer("Ai là khối trưởng năm 2024?", TODAY, default_bloc=key)
    assert default.text == picked.text
    named = service.answer("Khối trưởng Khối 3 Cà Mau năm 2024?", TODAY, default_bloc=key)
    assert "Sở Y tế" in named.text  # a bloc the question names beats the chat's default
