"""The knowledge as admins change it: uploads, removals, corrections and the audit log, over a
real index (fake embeddings), a real knowledge folder and a real SQLite database."""

from __future__ import annotations

import io
import shutil
import threading
from pathlib import Path

import docx
import pytest

from bot.audit import Action, Actor
from bot.knowledge.filetypes import UploadRejected
from bot.library import AlreadyKnown, Library, UnknownDocument, safe_name
from bot.settings import PathSettings, Settings
from bot.wiring import Parts, open_answers, open_library
from tests.conftest import ROOT, FakeEmbedder
from tests.knowledge.test_loaders import pdf_bytes

ADMIN = Actor(4242, "Nguyễn Văn An")
MAX = 20 * 1024 * 1024
REPORT = (
    "Khối thi đua số 3 tỉnh Lâm Đồng tổng kết công tác thi đua năm 2025\n\n"
    "Sáng ngày 16/01/2026, tại Hội trường Sở Y tế, Khối thi đua số 3 tỉnh Lâm Đồng tổ chức "
    "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2025.\n\n"
    "Khối thi đua số 3 gồm 6 đơn vị: Sở Y tế, Sở Giáo dục và Đào tạo, Sở Lao động, "
    "Sở Văn hóa, Sở Du lịch và Đài Phát thanh tỉnh.\n\n"
    "Hội nghị đã bầu Sở Y tế làm Khối trưởng và Sở Giáo dục và Đào tạo làm Khối phó "
    "Khối thi đua số 3 năm 2026.\n"
)


def _settings(root: Path) -> Settings:
    return Settings(
        paths=PathSettings(knowledge_dir=root / "knowledge", index_dir=root / "index"),
        database_url=f"sqlite:///{root / 'state.sqlite3'}",
    )


@pytest.fixture
def library(tmp_path: Path) -> Library:
    """A library over a copy of the sample knowledge."""
    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    settings = _settings(tmp_path)
    qa = open_answers(settings, Parts(embedder=FakeEmbedder()))[0]
    return open_library(settings, qa)


def snapshot(library: Library) -> dict[str, bytes]:
    """Every file of the knowledge folder and the index's manifest and passages, by path."""
    index_dir = library.qa.index.index_dir
    files = {
        f"knowledge/{p.relative_to(library.knowledge_dir)}": p.read_bytes()
        for p in sorted(library.knowledge_dir.rglob("*"))
        if p.is_file()
    }
    for name in ("manifest.json", "chunks.jsonl"):
        files[f"index/{name}"] = (index_dir / name).read_bytes()
    files["vectors"] = str(library.qa.index.collection.count()).encode()
    return files


def docx_report(text: str) -> bytes:
    document = docx.Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_an_uploaded_report_is_stored_indexed_and_summarised(library: Library) -> None:
    before = set(library.qa.index.docs)

    learned = library.add("Báo cáo Khối 3 Lâm Đồng.txt", REPORT.encode(), ADMIN, MAX)

    assert learned.doc.name == "uploads/Báo cáo Khối 3 Lâm Đồng.txt"
    assert (library.knowledge_dir / learned.doc.name).read_text(encoding="utf-8") == REPORT
    assert set(library.qa.index.docs) == before | {learned.doc.name}
    assert learned.doc.province == "Lâm Đồng"
    roles = {(f.role, f.unit) for f in learned.facts if f.kind == "role"}
    assert ("leader", "Sở Y tế") in {(str(r), u) for r, u in roles}
    assert any(e.date.isoformat() == "2026-01-16" for e in learned.events)
    answer = library.qa.answer("Khối trưởng Khối thi đua số 3 Lâm Đồng năm 2026 là đơn vị nào?")
    assert "Sở Y tế" in answer.text
    assert answer.sources[0].doc == learned.doc.name
    entry = library.audit.entries()[0]
    assert (entry.action, entry.target, entry.actor) == (Action.ADD, learned.doc.name, ADMIN)
    assert entry.content_hash == learned.doc.content_hash


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bao-cao.docx", docx_report(REPORT)),
        ("bao-cao.pdf", pdf_bytes([REPORT])),
        ("bao-cao.html", f"<html><body><h1>Báo cáo</h1><p>{REPORT}</p></body></html>".encode()),
        ("bao-cao.md", f"# Báo cáo\n\n{REPORT}".encode()),
    ],
)
def test_each_supported_type_is_learned(library: Library, name: str, data: bytes) -> None:
    learned = library.add(name, data, ADMIN, MAX)

    assert learned.doc.name == f"uploads/{name}"
    assert learned.doc.chunk_ids


def test_the_same_content_twice_is_not_added_again(library: Library) -> None:
    library.add("khoi3.txt", REPORT.encode(), ADMIN, MAX)
    before = snapshot(library)

    with pytest.raises(AlreadyKnown) as found:
        library.add("ban-sao.txt", REPORT.encode(), ADMIN, MAX)

    assert found.value.name == "uploads/khoi3.txt"
    assert snapshot(library) == before


def test_a_different_file_of_the_same_name_is_kept_beside_it(library: Library) -> None:
    first = library.add("bao-cao.txt", REPORT.encode(), ADMIN, MAX)
    other = REPORT.replace("Sở Y tế làm Khối trưởng", "Sở Du lịch làm Khối trưởng")

    second = library.add("bao-cao.txt", other.encode(), ADMIN, MAX)

    assert second.doc.name == "uploads/bao-cao (2).txt"
    assert (library.knowledge_dir / first.doc.name).read_text(encoding="utf-8") == REPORT


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("rong.txt", b"", "rỗng"),
        ("hong.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "PDF"),
        ("scan.pdf", pdf_bytes(["", ""]), "scan"),
        ("virus.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "PDF"),
        ("cu.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, "docx"),
        ("tcvn3.txt", "Uû ban nh©n d©n tØnh. Khèi thi ®ua n¨m 2023 ".encode() * 10, "TCVN3"),
        ("bang-tinh.xlsx", b"PK\x03\x04" + b"\x00" * 100, "định dạng"),
    ],
)
def test_a_bad_file_changes_nothing(library: Library, name: str, data: bytes, reason: str) -> None:
    before = snapshot(library)

    with pytest.raises(UploadRejected) as refused:
        library.add(name, data, ADMIN, MAX)

    assert reason.casefold() in str(refused.value).casefold()
    assert snapshot(library) == before
    assert library.audit.entries() == []


def test_an_oversized_file_is_refused(library: Library) -> None:
    before = snapshot(library)

    with pytest.raises(UploadRejected, match="MB"):
        library.add("lon.txt", REPORT.encode() * 100, ADMIN, 1024)

    assert snapshot(library) == before


def test_removal_takes_passages_facts_and_file_away_but_keeps_a_copy(library: Library) -> None:
    learned = library.add("khoi3.txt", REPORT.encode(), ADMIN, MAX)

    removed = library.remove(learned.doc.name, ADMIN)

    assert removed.name == learned.doc.name
    assert learned.doc.name not in library.qa.index.docs
    assert not any(f.doc == learned.doc.name for f in library.qa.store.facts)
    assert not (library.knowledge_dir / learned.doc.name).exists()
    kept = list((library.knowledge_dir / ".removed").iterdir())
    assert [p.read_text(encoding="utf-8") for p in kept] == [REPORT]
    answer = library.qa.answer("Khối trưởng Khối thi đua số 3 Lâm Đồng năm 2026 là đơn vị nào?")
    assert "Sở Y tế" not in answer.text
    assert [e.action for e in library.audit.entries()] == [Action.REMOVE, Action.ADD]
    with pytest.raises(UnknownDocument):
        library.remove(learned.doc.name, ADMIN)


def test_a_correction_wins_and_is_cited_as_the_admins(library: Library) -> None:
    question = "Năm 2022 đơn vị nào được bầu làm Khối trưởng khối Trung ương Tây Ninh?"
    assert "Cục Quản lý thị trường" in library.qa.answer(question).text
    bloc = next(b for b in library.qa.store.blocs if b.province == "Tây Ninh")
    entry = {
        "kind": "role",
        "bloc": bloc.name,
        "province": "Tây Ninh",
        "year": 2022,
        "role": "leader",
        "unit": "Cục Thuế tỉnh",
    }

    library.correct(entry, ADMIN)

    answer = library.qa.answer(question)
    assert "Cục Thuế tỉnh" in answer.text
    assert "Đính chính của quản trị viên Nguyễn Văn An (ID 4242)" in answer.sources[0].text
    assert (library.knowledge_dir / "corrections.yaml").exists()
    assert library.audit.entries()[0].action is Action.CORRECT


def test_an_invalid_correction_writes_nothing(library: Library) -> None:
    with pytest.raises(ValueError, match="year"):
        library.correct({"kind": "role", "bloc": "Khối 1", "role": "leader", "unit": "X"}, ADMIN)

    assert not (library.knowledge_dir / "corrections.yaml").exists()
    assert library.audit.entries() == []


def test_concurrent_uploads_and_questions(library: Library) -> None:
    texts = [REPORT.replace("số 3", f"số {n}") for n in (7, 8)]
    errors: list[BaseException] = []
    answered: list[str] = []
    done = threading.Event()

    def upload(number: int) -> None:
        try:
            library.add(f"khoi-{number}.txt", texts[number].encode(), ADMIN, MAX)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def ask() -> None:
        while not done.is_set():
            answered.append(library.qa.answer("Khối thi đua Tây Ninh gồm những đơn vị nào?").text)

    asker = threading.Thread(target=ask)
    asker.start()
    uploads = [threading.Thread(target=upload, args=(n,)) for n in (0, 1)]
    for thread in uploads:
        thread.start()
    for thread in uploads:
        thread.join()
    done.set()
    asker.join()

    assert errors == []
    assert {"uploads/khoi-0.txt", "uploads/khoi-1.txt"} <= set(library.qa.index.docs)
    assert answered
    assert all("Cục Thuế" in text for text in answered)
    reopened = open_answers(library.qa.settings, Parts(embedder=FakeEmbedder()))[0]
    assert set(reopened.index.docs) == set(library.qa.index.docs)
    assert reopened.index.collection.count() == len(reopened.index.chunks)


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\an\\Báo cáo.docx", "Báo cáo.docx"),
        ("  .ẩn.md", "ẩn.md"),
        ("a\x00b?.pdf", "a b.pdf"),
    ],
)
def test_a_sent_name_becomes_a_safe_file_name(sent: str, stored: str) -> None:
    assert safe_name(sent) == stored
