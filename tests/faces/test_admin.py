"""Admins teach the bot from Telegram, end to end: the real `Application` against the fake Bot
API server (getFile and the file download served on 127.0.0.1), a real index over a knowledge
folder of the test's own, and a real SQLite database."""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from bot.answers.service import AnswerService
from bot.calendar.events import Event
from bot.faces.cli import app as cli_app
from bot.faces.telegram import admin_text
from bot.faces.telegram.context import BotServices
from bot.settings import PathSettings, Settings
from bot.wiring import Parts, open_answers
from tests.conftest import ROOT, FakeEmbedder
from tests.faces.test_telegram import ADMIN, GROUP, USER, _buttons, _reply, _text, running
from tests.fakebotapi import FakeBotApi
from tests.knowledge.test_loaders import pdf_bytes
from tests.test_library import REPORT, docx_report, snapshot

ADMINS = frozenset({ADMIN, ADMIN + 1})
QUESTION = "Khối trưởng Khối thi đua số 3 Lâm Đồng năm 2026 là đơn vị nào?"
EXTRA_PROVINCES = ("Bình Phước", "Cà Mau", "Hà Giang", "Yên Bái", "Sơn La")


@pytest.fixture
def fresh(tmp_path: Path) -> AnswerService:
    """A core of its own (uploads change it): the sample knowledge and five small reports,
    ten documents in all (two pages of /tailieu)."""
    folder = tmp_path / "own" / "knowledge"
    shutil.copytree(ROOT / "knowledge", folder)
    for number, province in enumerate(EXTRA_PROVINCES, 1):
        text = REPORT.replace("Lâm Đồng", province).replace("số 3", f"số {number + 10}")
        (folder / f"bao-cao-{number}.txt").write_text(text, encoding="utf-8")
    settings = Settings(
        paths=PathSettings(knowledge_dir=folder, index_dir=tmp_path / "own" / "index")
    )
    return open_answers(settings, Parts(embedder=FakeEmbedder()))[0]


async def test_an_admin_sends_a_docx_sees_what_was_learned_and_can_take_it_back(
    fake_api: FakeBotApi, fresh: AnswerService
) -> None:
    async with running(fake_api, fresh, admin_ids=ADMINS) as services:
        sent = time.perf_counter()
        fake_api.document_message(ADMIN, ADMIN, "Báo cáo khối 3.docx", docx_report(REPORT))
        summary = await _reply(fake_api, ADMIN, 2)
        seconds = time.perf_counter() - sent
        text = _text(summary)
        assert admin_text.READING.split("“")[0] in _text(await _reply(fake_api, ADMIN, 1))
        assert "Đã học tài liệu" in text
        assert "Lâm Đồng" in text
        assert "Khối trưởng" in text
        assert "Sở Y tế" in text
        assert "16/01/2026" in text
        assert "<i>“" in text  # evidence sentences are quoted
        assert seconds < 30
        fake_api.private_message(USER, QUESTION)
        answer = await _reply(fake_api, USER)
        assert "Sở Y tế" in _text(answer)
        assert "uploads/Báo cáo khối 3.docx" in services.qa.index.docs
        assert _events_of(services, "uploads/Báo cáo khối 3.docx")
        remove = next(b for b in _buttons(summary) if b["callback_data"].startswith("up:r:"))
        fake_api.callback_query(ADMIN, summary.result, remove["callback_data"])
        edited = await fake_api.wait_for("editMessageText", chat_id=ADMIN)
        assert "Đã gỡ bỏ" in str(edited[0].params["text"])
        assert "uploads/Báo cáo khối 3.docx" not in services.qa.index.docs
        assert not _events_of(services, "uploads/Báo cáo khối 3.docx")
        fake_api.private_message(USER, QUESTION)
        assert "Sở Y tế" not in _text(await _reply(fake_api, USER, 2))


def _events_of(services: BotServices, name: str) -> list[Event]:
    return [
        e for e in services.reminders.calendar.events() if (e.source or "").endswith(f"[{name}]")
    ]


BUILDERS: dict[str, Callable[[str], bytes]] = {
    "pdf": lambda text: pdf_bytes([text]),
    "docx": docx_report,
    "html": lambda text: f"<html><body><p>{text}</p></body></html>".encode(),
    "txt": str.encode,
    "md": lambda text: f"# Báo cáo\n\n{text}".encode(),
}


@pytest.mark.parametrize("suffix", sorted(BUILDERS))
async def test_each_type_is_learned_once_and_a_namesake_kept_beside_it(
    fake_api: FakeBotApi, fresh: AnswerService, suffix: str
) -> None:
    name, build = f"bao-cao.{suffix}", BUILDERS[suffix]
    data = build(REPORT)
    async with running(fake_api, fresh, admin_ids=ADMINS) as services:
        fake_api.document_message(ADMIN, ADMIN, name, data, caption="/themtailieu")
        assert "Sở Y tế" in _text(await _reply(fake_api, ADMIN, 2))
        fake_api.document_message(ADMIN, ADMIN, f"ban-sao-{name}", data)
        assert "đã có trong kho" in _text(await _reply(fake_api, ADMIN, 4))
        other = build(REPORT.replace("Sở Y tế làm", "Sở Du lịch làm"))
        fake_api.document_message(ADMIN, ADMIN, name, other)
        await _reply(fake_api, ADMIN, 6)
        assert {f"uploads/{name}", f"uploads/bao-cao (2).{suffix}"} <= set(services.qa.index.docs)


async def test_a_non_admin_upload_is_refused_and_nothing_is_stored(
    fake_api: FakeBotApi, fresh: AnswerService
) -> None:
    async with running(fake_api, fresh, admin_ids=ADMINS) as services:
        before = snapshot(services.library)
        fake_api.document_message(USER, USER, "bao-cao.txt", REPORT.encode())
        assert _text(await _reply(fake_api, USER)) == admin_text.UPLOAD_NOT_ADMIN
        assert fake_api.calls("getFile") == []
        assert snapshot(services.library) == before


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("bao-cao.pdf", b"MZ\x90\x00\x03" + b"\x00" * 300, "PDF"),
        ("rong.docx", b"", "rỗng"),
        ("tcvn3.txt", "Uû ban nh©n d©n tØnh. Khèi thi ®ua n¨m 2023 ".encode() * 10, "TCVN3"),
    ],
)
async def test_a_bad_file_gets_a_reason_and_changes_nothing(
    fake_api: FakeBotApi, fresh: AnswerService, name: str, data: bytes, reason: str
) -> None:
    async with running(fake_api, fresh, admin_ids=ADMINS) as services:
        before = snapshot(services.library)
        fake_api.document_message(ADMIN, ADMIN, name, data)
        refusal = _text(await _reply(fake_api, ADMIN, 2))
        assert "Không thêm tệp" in refusal
        assert reason.casefold() in refusal.casefold()
        assert snapshot(services.library) == before


async def test_an_oversized_file_is_refused_before_it_is_downloaded(
    fake_api: FakeBotApi, fresh: AnswerService
) -> None:
    async with running(fake_api, fresh, admin_ids=ADMINS, upload_max_mb=1):
        fake_api.document_message(ADMIN, ADMIN, "lon.txt", b"x" * (1024 * 1024 + 1))
        assert "1 MB" in _text(await _reply(fake_api, ADMIN))
        assert fake_api.calls("getFile") == []


async def test_in_a_group_an_admin_replies_to_a_file_with_the_command(
    fake_api: FakeBotApi, fresh: AnswerService
) -> None:
    async with running(fake_api, fresh, admin_ids=ADMINS) as services:
        posted = fake_api.document_message(
            GROUP, USER, "khoi3.txt", REPORT.encode(), chat_type="supergroup"
        )
        fake_api.group_message(GROUP, ADMIN, "/themtailieu", reply_to=posted["message"])
        summary = await _reply(fake_api, GROUP, 2)
        assert "Đã học tài liệu" in _text(summary)
        assert "uploads/khoi3.txt" in services.qa.index.docs
        fake_api.group_message(GROUP, ADMIN, "/themtailieu")
        assert _text(await _reply(fake_api, GROUP, 3)) == admin_text.UPLOAD_USAGE


async def test_the_list_is_paged_and_an_admin_removes_a_document_by_its_number(
    fake_api: FakeBotApi, fresh: AnswerService
) -> None:
    async with running(fake_api, fresh, admin_ids=ADMINS) as services:
        fake_api.private_message(USER, "/tailieu")
        first = await _reply(fake_api, USER)
        assert "trang 1/2" in _text(first)
        assert "có sẵn trong thư mục tài liệu" in _text(first)
        following = next(b for b in _buttons(first) if b["callback_data"] == "tl:1")
        fake_api.callback_query(USER, first.result, following["callback_data"])
        second = await fake_api.wait_for("editMessageText", chat_id=USER)
        assert "trang 2/2" in str(second[0].params["text"])
        fake_api.private_message(USER, "/xoatailieu 1")
        assert _text(await _reply(fake_api, USER, 2)) == admin_text.REMOVE_NOT_ADMIN
        target = services.library.documents()[0].record
        fake_api.private_message(ADMIN, "/xoatailieu 1")
        confirm = await _reply(fake_api, ADMIN)
        assert target.title in _text(confirm)
        yes = next(b for b in _buttons(confirm) if b["callback_data"].startswith("xy:"))
        fake_api.callback_query(ADMIN, confirm.result, yes["callback_data"])
        done = await fake_api.wait_for("editMessageText", chat_id=ADMIN)
        assert "Đã gỡ bỏ" in str(done[0].params["text"])
        assert target.name not in services.qa.index.docs
        fake_api.private_message(ADMIN, "/nhatky")
        log = _text(await _reply(fake_api, ADMIN, 2))
        assert "gỡ bỏ" in log
        assert target.name in log
        assert "sha256" in log
    listed = CliRunner().invoke(cli_app, ["audit", "--json"])
    assert listed.exit_code == 0, listed.output
    entry = json.loads(listed.output.splitlines()[0])
    assert (entry["action"], entry["target"], entry["actor"]["id"]) == (
        "remove",
        target.name,
        ADMIN,
    )
    assert entry["content_hash"] == target.content_hash


async def test_a_correction_is_confirmed_then_answers_with_its_citation(
    fake_api: FakeBotApi, fresh: AnswerService
) -> None:
    question = "Năm 2022 đơn vị nào được bầu làm Khối trưởng khối Trung ương Tây Ninh?"
    async with running(fake_api, fresh, admin_ids=ADMINS):
        fake_api.private_message(ADMIN, "/sua")
        assert "Cách dùng: /sua" in _text(await _reply(fake_api, ADMIN))
        fake_api.private_message(
            ADMIN, "/sua khoi truong 2022 Khoi thi dua cac co quan Trung uong Tay Ninh: Cục Thuế"
        )
        confirm = await _reply(fake_api, ADMIN, 2)
        assert "Khối trưởng năm 2022" in _text(confirm)
        yes = next(b for b in _buttons(confirm) if b["callback_data"].startswith("sa:y:"))
        fake_api.callback_query(ADMIN, confirm.result, yes["callback_data"])
        await fake_api.wait_for("editMessageText", chat_id=ADMIN)
        fake_api.private_message(USER, question)
        answer = _text(await _reply(fake_api, USER))
        assert "Cục Thuế" in answer
        assert "Đính chính của quản trị viên" in answer


async def test_an_admins_thumbs_down_leads_to_a_correction_in_one_reply(
    fake_api: FakeBotApi, fresh: AnswerService
) -> None:
    question = "Năm 2022 đơn vị nào được bầu làm Khối trưởng khối Trung ương Tây Ninh?"
    async with running(fake_api, fresh, admin_ids=ADMINS):
        fake_api.private_message(ADMIN, question)
        answer = await _reply(fake_api, ADMIN)
        down = next(b for b in _buttons(answer) if b["text"] == "👎")
        fake_api.callback_query(ADMIN, answer.result, down["callback_data"])
        prompt = await _reply(fake_api, ADMIN, 2)
        assert "khối trưởng 2022" in _text(prompt)
        assert prompt.params["reply_markup"]["force_reply"] is True
        fake_api.private_message(ADMIN, "Cục Thuế tỉnh", reply_to=prompt.result)
        confirm = await _reply(fake_api, ADMIN, 3)
        yes = next(b for b in _buttons(confirm) if b["callback_data"].startswith("sa:y:"))
        fake_api.callback_query(ADMIN, confirm.result, yes["callback_data"])
        await fake_api.wait_for("editMessageText", chat_id=ADMIN)
        fake_api.private_message(ADMIN, question)
        assert "Cục Thuế tỉnh" in _text(await _reply(fake_api, ADMIN, 4))


async def test_two_uploads_at_once_while_questions_are_answered(
    fake_api: FakeBotApi, fresh: AnswerService
) -> None:
    async with running(fake_api, fresh, admin_ids=ADMINS) as services:
        for number, admin in enumerate(sorted(ADMINS)):
            text = REPORT.replace("số 3", f"số {number + 30}")
            fake_api.document_message(admin, admin, f"khoi-{number}.txt", text.encode())
        for _ in range(10):
            fake_api.private_message(USER, "Khối thi đua Tây Ninh gồm những đơn vị nào?")
            await asyncio.sleep(0.05)
        answers = await fake_api.wait_for("sendMessage", 10, chat_id=USER, timeout=60)
        assert all("Cục Thuế" in _text(a) for a in answers)
        for admin in sorted(ADMINS):
            assert "Đã học tài liệu" in _text(await _reply(fake_api, admin, 2))
        assert {"uploads/khoi-0.txt", "uploads/khoi-1.txt"} <= set(services.qa.index.docs)


def test_ask_with_only_an_index_uses_the_folder_it_was_built_from(
    fresh: AnswerService, tmp_path: Path, cli: typer.Typer
) -> None:
    index = fresh.index.index_dir
    manifest = (index / "manifest.json").read_bytes()
    (tmp_path / "knowledge").mkdir(exist_ok=True)  # the default folder: another one

    question = "Khối trưởng Khối thi đua số 11 Bình Phước năm 2026 là đơn vị nào?"
    found = CliRunner().invoke(cli, ["ask", question, "--index", str(index)])
    assert found.exit_code == 0, found.output
    assert "Sở Y tế" in found.output
    other = str(tmp_path / "knowledge")
    refused = CliRunner().invoke(
        cli, ["ask", question, "--index", str(index), "--knowledge", other]
    )

    assert refused.exit_code == 2
    assert "được lập từ thư mục tài liệu" in refused.output
    assert (index / "manifest.json").read_bytes() == manifest
