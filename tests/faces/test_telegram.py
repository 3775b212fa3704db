"""The Telegram bot end to end: the real `Application` against the fake Bot API server."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import shutil
import socket
import unicodedata
import urllib.error
import urllib.request
from collections.abc import AsyncIterator
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from telegram import Bot
from typer.testing import CliRunner

from bot.answers.service import AnswerService
from bot.answers.wording import EMPTY_QUESTION
from bot.faces.cli import app as cli_app
from bot.faces.telegram import render, texts
from bot.faces.telegram.app import (
    ConfigError,
    bot_token,
    build_application,
    check_api,
    webhook_options,
)
from bot.faces.telegram.ask import send_paragraphs
from bot.faces.telegram.context import BotServices
from bot.faces.telegram.reminders import deliver_reminders
from bot.settings import LLMSettings, PathSettings, Settings, TelegramSettings
from bot.wiring import Parts, open_answers, open_services
from tests.conftest import ROOT, FakeEmbedder
from tests.fakebotapi import ApiCall, FakeBotApi

TOKEN = "123456:" + "A" * 35
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
ADMIN = 4242
USER = 1001
GROUP = -100200300
LEADER_Q = "Năm 2022 đơn vị nào được bầu làm Khối trưởng khối Trung ương Tây Ninh?"


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    """The core over the sample knowledge, built once for the module (fake embeddings)."""
    root = tmp_path_factory.mktemp("core")
    shutil.copytree(ROOT / "knowledge", root / "knowledge")
    settings = Settings(
        paths=PathSettings(knowledge_dir=root / "knowledge", index_dir=root / "index")
    )
    return open_answers(settings, Parts(embedder=FakeEmbedder()))[0]


class Clock:
    """A settable time for the bot."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def _settings(api: FakeBotApi, **telegram: Any) -> Settings:
    return Settings(
        telegram=TelegramSettings(token=TOKEN, base_url=api.base_url, **telegram),
        llm=LLMSettings(model="fake"),  # names the fake chat model that tests may pass
    )


@contextlib.asynccontextmanager
async def running(
    api: FakeBotApi,
    core: AnswerService,
    chat_model: BaseChatModel | None = None,
    clock: Clock | None = None,
    **telegram: Any,
) -> AsyncIterator[BotServices]:
    """The bot polling the fake server; stopped cleanly at the end."""
    settings = _settings(api, **telegram)
    services = open_services(settings, Parts(chat_model=chat_model), qa=core)
    application = build_application(settings, services)
    served = application.bot_data.services
    assert served is not None
    served.clock = clock
    async with application:
        assert application.post_init is not None
        await application.post_init(application)  # as run_polling does
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=1)
        try:
            yield served
        finally:
            await application.updater.stop()
            await application.stop()


def _text(call: ApiCall) -> str:
    return str(call.params["text"])


def _buttons(call: ApiCall) -> list[dict[str, Any]]:
    markup = call.params.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


async def _reply(api: FakeBotApi, chat_id: int, count: int = 1) -> ApiCall:
    """The `count`-th message sent to the chat, once it is there."""
    return (await api.wait_for("sendMessage", count, chat_id=chat_id))[count - 1]


async def test_private_question_gets_the_answer_with_sources_and_feedback_is_stored(
    fake_api: FakeBotApi, core: AnswerService
) -> None:
    async with running(fake_api, core):
        fake_api.private_message(USER, LEADER_Q)
        answer = await _reply(fake_api, USER)
        text = _text(answer)
        assert text.startswith("Khối trưởng năm 2022")
        assert "Quản lý thị trường" in text
        assert "<b>Nguồn:</b>" in text
        assert "Tây Ninh" in text
        assert "“" in text
        assert answer.params["parse_mode"] == "HTML"
        assert fake_api.calls("sendChatAction")[0].params["action"] == "typing"
        commands = fake_api.calls("setMyCommands")[0].params["commands"]
        assert {c["command"] for c in commands} >= {"hoi", "khoi", "nguon", "tailieu"}
        thumbs_down = next(b for b in _buttons(answer) if b["text"] == "👎")
        fake_api.callback_query(USER, answer.result, thumbs_down["callback_data"])
        thanks = await fake_api.wait_for("answerCallbackQuery")
        assert thanks[0].params.get("text") == texts.THANKS
    listed = CliRunner().invoke(cli_app, ["feedback", "--negative"])
    assert listed.exit_code == 0, listed.output
    assert "👎" in listed.output
    assert LEADER_Q in listed.output


async def test_group_chatter_is_ignored_unless_the_bot_is_addressed(
    fake_api: FakeBotApi, core: AnswerService
) -> None:
    async with running(fake_api, core):
        fake_api.group_message(GROUP, USER, "Chào cả nhà, chiều nay họp nhé")
        fake_api.group_message(GROUP, USER, "Khối trưởng năm 2022 là ai vậy mọi người?")
        asked = fake_api.group_message(GROUP, USER, f"@thidua_test_bot {LEADER_Q}")
        first = await _reply(fake_api, GROUP)
        assert "Quản lý thị trường" in _text(first)
        assert first.params["reply_parameters"]["message_id"] == asked["message"]["message_id"]
        fake_api.group_message(GROUP, USER, "khối phó thì sao?", reply_to=first.result)
        second = await _reply(fake_api, GROUP, 2)
        assert "Ngân hàng Nhà nước" in _text(second)
        fake_api.group_message(GROUP, USER, "/hoi Khối 6 Đồng Tháp có bao nhiêu đơn vị?")
        third = await _reply(fake_api, GROUP, 3)
        assert "08" in _text(third) or "8" in _text(third)
        assert len(fake_api.sent(GROUP)) == 3  # the two chatter messages got nothing


async def test_follow_up_reuses_the_previous_bloc_and_survives_a_restart(
    fake_api: FakeBotApi, core: AnswerService
) -> None:
    async with running(fake_api, core):
        fake_api.private_message(USER, LEADER_Q)
        await _reply(fake_api, USER)
        fake_api.private_message(USER, "khối phó thì sao?")
        deputy = await _reply(fake_api, USER, 2)
        assert "Khối phó năm 2022" in _text(deputy)
        assert "Ngân hàng Nhà nước" in _text(deputy)
    async with running(fake_api, core):  # a restart: the chat's state is in the database
        fake_api.private_message(USER, "còn năm 2021 thì sao?")
        earlier = await _reply(fake_api, USER, 3)
        assert "Khối phó năm 2021" in _text(earlier)
        fake_api.private_message(USER, "/nguon")
        sources = await _reply(fake_api, USER, 4)
        assert "còn năm 2021 thì sao?" in _text(sources)
        assert "<blockquote>" in _text(sources)


async def test_ambiguous_question_offers_blocs_and_a_press_answers_for_that_bloc(
    fake_api: FakeBotApi, core: AnswerService
) -> None:
    async with running(fake_api, core):
        fake_api.private_message(USER, "Ai là khối trưởng năm 2022?")
        several = await _reply(fake_api, USER)
        blocs = [b for b in _buttons(several) if b["callback_data"].startswith("bl:")]
        assert len(blocs) >= 2
        assert texts.CHOOSE_BLOC in _text(several)
        tay_ninh = next(b for b in blocs if "Tây Ninh" in b["text"])
        fake_api.callback_query(USER, several.result, tay_ninh["callback_data"])
        one = await _reply(fake_api, USER, 2)
        assert "Quản lý thị trường" in _text(one)
        assert "theo từng khối" not in _text(one)


async def test_chosen_bloc_applies_to_questions_naming_none(
    fake_api: FakeBotApi, core: AnswerService
) -> None:
    async with running(fake_api, core):
        fake_api.private_message(USER, "/khoi Tây Ninh")
        menu = await _reply(fake_api, USER)
        choice = next(b for b in _buttons(menu) if b["callback_data"].startswith("kb:"))
        fake_api.callback_query(USER, menu.result, choice["callback_data"])
        await fake_api.wait_for("editMessageText")
        fake_api.private_message(USER, "Ai là khối trưởng năm 2022?")
        answer = await _reply(fake_api, USER, 2)
        assert "Quản lý thị trường" in _text(answer)
        assert "theo từng khối" not in _text(answer)


async def test_odd_messages_get_sensible_replies(
    fake_api: FakeBotApi, core: AnswerService
) -> None:
    async with running(fake_api, core):
        fake_api.sticker_message(USER)
        assert _text(await _reply(fake_api, USER)) == texts.NOT_TEXT
        fake_api.private_message(USER, "thi đua " * 1250)
        assert "dài quá" in _text(await _reply(fake_api, USER, 2))
        fake_api.private_message(USER, "🤔🤔🎉")
        assert EMPTY_QUESTION in _text(await _reply(fake_api, USER, 3))
        fake_api.private_message(USER, "/lenhla")
        assert _text(await _reply(fake_api, USER, 4)) == texts.UNKNOWN_COMMAND
        fake_api.private_message(USER, unicodedata.normalize("NFD", LEADER_Q))
        assert "Quản lý thị trường" in _text(await _reply(fake_api, USER, 5))
        fake_api.private_message(USER, "/tailieu")
        overview = _text(await _reply(fake_api, USER, 6))
        assert "Tài liệu trợ lý đang biết (5)" in overview
        assert "Khối thi đua" in overview


async def test_unauthorised_user_is_refused_and_a_fast_one_is_told_when_to_retry(
    fake_api: FakeBotApi, core: AnswerService
) -> None:
    async with running(fake_api, core, allowed_chat_ids=frozenset({USER}), rate_limit=1):
        fake_api.private_message(7, LEADER_Q)
        assert _text(await _reply(fake_api, 7)) == texts.NOT_ALLOWED
        fake_api.private_message(USER, LEADER_Q)
        fake_api.private_message(USER, LEADER_Q)
        replies = await fake_api.wait_for("sendMessage", 2, chat_id=USER)
        notices = [c for c in replies if "thử lại sau" in _text(c)]
        assert len(notices) == 1


async def test_flood_control_and_a_malformed_update_lose_nothing(
    fake_api: FakeBotApi, core: AnswerService
) -> None:
    async with running(fake_api, core):
        fake_api.push_raw({"message": {"text": "không có chat, không có người gửi"}})
        fake_api.fail_next("sendMessage", 1, status=429, retry_after=1)
        fake_api.private_message(USER, LEADER_Q)
        answer = await _reply(fake_api, USER)
        assert "Quản lý thị trường" in _text(answer)
        refused = [c for c in fake_api.calls("sendMessage") if c.status == 429]
        assert len(refused) == 1
        fake_api.fail_next("sendMessage", 1, status=502)  # a proxy's hiccup: retried
        fake_api.private_message(USER, "khối phó thì sao?")
        await _reply(fake_api, USER, 2)
        assert len(fake_api.sent(USER)) == 2  # delivered once each, after the 429 and the 502


async def test_a_failing_handler_apologises_and_logs_without_the_token(
    fake_api: FakeBotApi, core: AnswerService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    async with running(fake_api, core):
        fake_api.fail_next("sendMessage", 1, status=400, description="Bad Request: hỏng")
        fake_api.private_message(USER, LEADER_Q)
        apology = await _reply(fake_api, USER)
        assert _text(apology) == texts.ERROR
    assert "BadRequest" in caplog.text
    assert TOKEN not in caplog.text


async def test_long_replies_are_split_on_paragraphs_into_valid_html(
    fake_api: FakeBotApi,
) -> None:
    paragraphs = [
        render.paragraph(render.Span(f"Mục {n} <quan trọng> & “trích dẫn”", "b"), " chữ" * 400)
        for n in range(12)
    ]
    paragraphs.append(render.paragraph(render.Span("x " * 6000, "i")))  # one huge paragraph
    async with Bot(TOKEN, base_url=fake_api.base_url) as bot:
        await send_paragraphs(bot, USER, paragraphs)  # type: ignore[arg-type]
    sent = fake_api.sent(USER)
    assert len(sent) > 3
    assert all(len(_text(c)) <= render.MESSAGE_LIMIT for c in sent)
    assert all(c.ok for c in fake_api.calls("sendMessage"))  # the server parsed every tag
    assert sum(_text(c).count("<b>Mục") for c in sent) == 12


def test_token_is_checked_at_start_without_being_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN"):
        bot_token(Settings().telegram)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "not-a-token-SECRET")
    with pytest.raises(ConfigError) as error:
        bot_token(Settings().telegram)
    assert "SECRET" not in str(error.value)
    result = CliRunner().invoke(cli_app, ["serve"])
    assert result.exit_code == 1
    assert "không đúng dạng" in result.output
    assert "SECRET" not in result.output


def _model(reply: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([AIMessage(content=reply)]))


async def test_a_language_model_answer_streams_into_one_edited_message(
    fake_api: FakeBotApi, core: AnswerService
) -> None:
    written = (
        "Năm 2022, Khối trưởng của Khối thi đua các cơ quan Trung ương đóng trên địa bàn tỉnh "
        "(Tây Ninh) là Cục Quản lý thị trường Tây Ninh [1]."
    )
    async with running(fake_api, core, chat_model=_model(written)):
        fake_api.private_message(USER, LEADER_Q)
        draft = await _reply(fake_api, USER)
        assert _text(draft).endswith("▌")
        final = (await fake_api.wait_for("editMessageText"))[-1]
        assert "[1]" in _text(final)
        assert "mô hình ngôn ngữ fake" in _text(final)
        assert any(b["text"] == "👍" for b in _buttons(final))


async def test_a_language_model_answer_without_citation_falls_back_to_the_core(
    fake_api: FakeBotApi, core: AnswerService
) -> None:
    async with running(fake_api, core, chat_model=_model("Chắc là Cục Thuế, tôi nghĩ vậy.")):
        fake_api.private_message(USER, LEADER_Q)
        final = (await fake_api.wait_for("editMessageText"))[-1]
        assert _text(final).startswith("Khối trưởng năm 2022")
        assert "Quản lý thị trường" in _text(final)
        assert "Cục Thuế" not in _text(final).split("Nguồn")[0]


async def test_reminders_from_subscription_buttons_to_delivery_once_at_each_lead_time(
    fake_api: FakeBotApi, core: AnswerService
) -> None:
    clock = Clock(dt.datetime(2026, 12, 1, 9, 0, tzinfo=ZONE))
    async with running(fake_api, core, clock=clock, admin_ids=frozenset({ADMIN})) as services:
        fake_api.group_message(GROUP, USER, "/themlich 20/12/2026 08:00 Hội thao khối")
        refused = await _reply(fake_api, GROUP)
        assert _text(refused) == texts.ADMIN_ONLY
        fake_api.group_message(GROUP, ADMIN, "/themlich 31/02/2026 Họp khối")
        assert "dd/mm/yyyy" in _text(await _reply(fake_api, GROUP, 2))
        fake_api.group_message(
            GROUP, ADMIN, "/themlich 20/12/2026 08:00 Hội thao khối; tại: Sở Y tế"
        )
        assert "Đã thêm" in _text(await _reply(fake_api, GROUP, 3))
        fake_api.group_message(GROUP, USER, "/nhacnho")
        panel = await _reply(fake_api, GROUP, 4)
        assert "đang tắt" in _text(panel)
        # Before it confirms, the chat sees what it will be reminded of.
        assert "Khi bật, trong 60 ngày tới sẽ nhắc " in _text(panel)
        assert "• Chủ nhật 20/12/2026: Hội thao khối (Tất cả các khối)" in _text(panel)
        turn_on = next(b for b in _buttons(panel) if b["callback_data"] == "rm:on")
        fake_api.callback_query(USER, panel.result, turn_on["callback_data"])
        edited = await fake_api.wait_for("editMessageText")
        assert "đang bật" in _text(edited[-1])
        fake_api.group_message(GROUP, USER, "/lich")
        await fake_api.wait_for("sendDocument")
        document = fake_api.calls("sendDocument")[0].files["document"]
        events = icalendar.Calendar.from_ical(document.content).walk("VEVENT")
        assert any("Hội thao khối" in str(e["SUMMARY"]) for e in events)

        fake_api.clear_calls()
        bot = Bot(TOKEN, base_url=fake_api.base_url)
        for moment, lead in [
            (dt.datetime(2026, 12, 13, 7, 1), "còn 7 ngày"),
            (dt.datetime(2026, 12, 19, 7, 2), "ngày mai"),
        ]:
            clock.now = moment.replace(tzinfo=ZONE)
            assert (await deliver_reminders(services, bot)).sent >= 1
            assert lead in fake_api.sent_texts(GROUP)[-1]
            again = await deliver_reminders(services, bot)
            assert again.sent == 0  # the same scan twice sends nothing twice
        reminders = [t for t in fake_api.sent_texts(GROUP) if "Hội thao khối" in t]
        assert len(reminders) == 2

    async with running(fake_api, core, clock=clock) as services:  # a restart
        bot = Bot(TOKEN, base_url=fake_api.base_url)
        assert (await deliver_reminders(services, bot)).sent == 0
        fake_api.block_chat(GROUP)
        clock.now = dt.datetime(2026, 12, 20, 7, 3, tzinfo=ZONE)
        report = await deliver_reminders(services, bot)
        assert report.gone == [GROUP]
        assert not services.reminders.subscription(GROUP).enabled


async def test_a_group_upgraded_to_a_supergroup_keeps_its_state(
    fake_api: FakeBotApi, core: AnswerService
) -> None:
    old, new = -4_000_123, -100_4_000_123
    clock = Clock(dt.datetime(2026, 12, 1, 9, 0, tzinfo=ZONE))
    async with running(fake_api, core, clock=clock, admin_ids=frozenset({ADMIN})) as services:
        fake_api.group_message(
            old, ADMIN, "/themlich 20/12/2026 08:00 Hội thao khối; khối: Khối 5"
        )
        await _reply(fake_api, old)
        fake_api.group_message(old, USER, "/nhacnho tỉnh Tây Ninh")
        panel = await _reply(fake_api, old, 2)
        assert "Tỉnh: Tây Ninh" in _text(panel)
        health = next(b for b in _buttons(panel) if b["text"].endswith("Y tế"))
        fake_api.callback_query(USER, panel.result, health["callback_data"])
        await fake_api.wait_for("editMessageText")
        fake_api.callback_query(USER, panel.result, "rm:on")
        await fake_api.wait_for("editMessageText", 2)
        await services.run(services.chats.set_default_bloc, old, "k5")
        bot = Bot(TOKEN, base_url=fake_api.base_url)
        clock.now = dt.datetime(2026, 12, 13, 7, 1, tzinfo=ZONE)
        assert (await deliver_reminders(services, bot)).sent == 1

        fake_api.group_migration(old, new, USER)
        for _ in range(200):
            if services.reminders.subscription(new).enabled:
                break
            await asyncio.sleep(0.01)
        moved = services.reminders.subscription(new)
        assert moved.enabled
        assert (moved.province, moved.sectors) == ("Tây Ninh", ("y tế",))
        assert services.chats.default_bloc(new) == "k5"
        assert not services.reminders.subscription(old).enabled
        assert services.chats.default_bloc(old) is None
        # What the group was sent is not sent again to the supergroup; the next lead time is.
        assert (await deliver_reminders(services, bot)).sent == 0
        clock.now = dt.datetime(2026, 12, 19, 7, 1, tzinfo=ZONE)
        assert (await deliver_reminders(services, bot)).sent == 1
        assert "ngày mai" in fake_api.sent_texts(new)[-1]


async def test_a_group_upgraded_while_the_bot_did_not_see_it_gets_its_reminders(
    fake_api: FakeBotApi, core: AnswerService
) -> None:
    old, new = -4_000_321, -100_4_000_321
    clock = Clock(dt.datetime(2026, 12, 1, 9, 0, tzinfo=ZONE))
    async with running(fake_api, core, clock=clock, admin_ids=frozenset({ADMIN})) as services:
        fake_api.group_message(
            old, ADMIN, "/themlich 20/12/2026 08:00 Hội thao khối; khối: Khối 5"
        )
        await _reply(fake_api, old)
        await services.run(services.reminders.subscribe, old)
        fake_api.upgrade_group(old, new)  # no update reaches the bot
        bot = Bot(TOKEN, base_url=fake_api.base_url)
        clock.now = dt.datetime(2026, 12, 13, 7, 1, tzinfo=ZONE)

        sent = (await deliver_reminders(services, bot)).sent
        assert sent >= 1
        assert len(fake_api.sent_texts(new)) == sent
        assert any("Hội thao khối" in text for text in fake_api.sent_texts(new))
        assert services.reminders.subscription(new).enabled
        assert not services.reminders.subscription(old).enabled
        assert (await deliver_reminders(services, bot)).sent == 0  # not again, at either id


def test_an_unreachable_server_or_a_refused_token_is_a_clear_error(fake_api: FakeBotApi) -> None:
    settings = _settings(fake_api)
    check_api(settings)  # answers
    fake_api.fail_next("getMe", 1, status=401)
    with pytest.raises(ConfigError, match="từ chối token"):
        check_api(settings)
    gone = Settings(telegram=TelegramSettings(token=TOKEN, base_url="http://127.0.0.1:9/bot"))
    with pytest.raises(ConfigError, match="Không kết nối được") as error:
        check_api(gone)
    assert TOKEN not in str(error.value)


async def test_webhook_mode_takes_updates_with_the_secret_and_refuses_others(
    fake_api: FakeBotApi, core: AnswerService
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    telegram = TelegramSettings(
        token=TOKEN,
        base_url=fake_api.base_url,
        webhook_url="https://bot.example.gov.vn/telegram/hook",
        webhook_port=port,
        webhook_secret="s3cret",
    )
    settings = Settings(telegram=telegram)
    application = build_application(settings, open_services(settings, qa=core))
    options = webhook_options(telegram)
    options.pop("allowed_updates")
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_webhook(**options)
        try:
            hooks = fake_api.calls("setWebhook")
            assert hooks[-1].params["url"] == telegram.webhook_url
            assert hooks[-1].params["secret_token"] == "s3cret"
            update = {
                "update_id": 1,
                "message": {
                    "message_id": 1,
                    "date": 1_700_000_000,
                    "chat": {"id": USER, "type": "private"},
                    "from": {"id": USER, "is_bot": False, "first_name": "A"},
                    "text": LEADER_Q,
                },
            }

            def post(secret: str) -> int:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/telegram/hook",
                    data=json.dumps(update).encode(),
                    headers={
                        "Content-Type": "application/json",
                        "X-Telegram-Bot-Api-Secret-Token": secret,
                    },
                )
                try:
                    with urllib.request.urlopen(request, timeout=5) as response:
                        return int(response.status)
                except urllib.error.HTTPError as error:
                    return int(error.code)

            assert await asyncio.to_thread(post, "wrong") == 403
            assert await asyncio.to_thread(post, "s3cret") == 200
            answer = await _reply(fake_api, USER)
            assert "Quản lý thị trường" in _text(answer)
        finally:
            await application.updater.stop()
            await application.stop()


async def test_what_is_due_next_is_answered_from_the_calendar_with_the_chats_today(
    fake_api: FakeBotApi, core: AnswerService
) -> None:
    clock = Clock(dt.datetime(2026, 12, 10, 9, 0, tzinfo=ZONE))
    async with running(fake_api, core, clock=clock) as services:
        fake_api.private_message(USER, "tuần sau có lịch gì không?")
        listed = _text(await _reply(fake_api, USER))
        assert "Lịch từ 14/12/2026 đến 20/12/2026" in listed
        assert "• 15/12/2026 — Hội nghị tổng kết" in listed
        fake_api.private_message(USER, "han nop bao cao tong ket")
        deadline = _text(await _reply(fake_api, USER, 2))
        assert "05/12/2027" in deadline
        assert "năm nay đã hết hạn ngày 05/12/2026" in deadline
        # A chat following Tây Ninh (its reminders' province) is told Tây Ninh's calendar only.
        await services.run(services.reminders.set_province, USER, "Tây Ninh")
        fake_api.private_message(USER, "sắp tới có lịch gì không?")
        own = _text(await _reply(fake_api, USER, 3))
        assert "08/01/2027" in own
        assert "15/12/2026" not in own
