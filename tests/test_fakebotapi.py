"""The fake Bot API against the real python-telegram-bot client."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    EndPointNotFound,
    Forbidden,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from tests.fakebotapi import FakeBotApi, auto_entities, parse_html, utf16_len

TOKEN = "123456:" + "A" * 35


def make_bot(api: FakeBotApi) -> Bot:
    """A real PTB bot pointed at the fake server."""
    return Bot(token=TOKEN, base_url=api.base_url, base_file_url=api.base_file_url)


async def test_get_me(fake_api: FakeBotApi) -> None:
    async with make_bot(fake_api) as bot:
        me = await bot.get_me()
    assert me.id == 999
    assert me.username == "thidua_test_bot"
    assert me.is_bot
    assert fake_api.calls("getMe")[0].token == TOKEN


async def test_send_message_html_and_inline_keyboard(fake_api: FakeBotApi) -> None:
    fake_api.private_message(42, "xin chào", first_name="Lan")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Xem nguồn", callback_data="src:1")]])
    async with make_bot(fake_api) as bot:
        first = await bot.send_message(
            42, "<b>Điều 5</b> &amp; khoản 2 😀", parse_mode=ParseMode.HTML, reply_markup=markup
        )
        second = await bot.send_message(42, "tiếp", reply_to_message_id=first.message_id)

    assert first.text == "Điều 5 & khoản 2 😀"
    assert first.entities[0].type == "bold"
    assert (first.entities[0].offset, first.entities[0].length) == (0, 6)
    assert first.reply_markup == markup
    assert first.from_user.id == 999
    assert first.chat.type == "private"
    assert first.chat.first_name == "Lan"
    assert second.message_id == first.message_id + 1
    assert second.reply_to_message.message_id == first.message_id

    call = fake_api.sent(42)[0]
    assert call.params["text"] == "<b>Điều 5</b> &amp; khoản 2 😀"
    assert call.params["chat_id"] == 42
    assert call.params["reply_markup"] == {
        "inline_keyboard": [[{"text": "Xem nguồn", "callback_data": "src:1"}]]
    }
    assert fake_api.sent_texts(42)[1] == "tiếp"


async def test_long_polling_returns_pushed_update_and_honours_offset(
    fake_api: FakeBotApi,
) -> None:
    async with make_bot(fake_api) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=5))
        await fake_api.wait_for("getMe")  # the poll is (about to be) parked server-side
        await asyncio.sleep(0.05)
        assert not poll.done()
        pushed = fake_api.private_message(7, "/start@thidua_test_bot hỏi @someone")
        updates = await asyncio.wait_for(poll, timeout=5)
        assert [u.update_id for u in updates] == [pushed["update_id"]]
        message = updates[0].message
        assert message.text == "/start@thidua_test_bot hỏi @someone"
        assert [e.type for e in message.entities] == ["bot_command", "mention"]
        assert fake_api.served_at(pushed["update_id"]) is not None

        second = fake_api.private_message(7, "câu hỏi thứ hai")
        again = await bot.get_updates(offset=pushed["update_id"], timeout=0)
        assert [u.update_id for u in again] == [pushed["update_id"], second["update_id"]]
        rest = await bot.get_updates(offset=second["update_id"] + 1, timeout=0)
        assert rest == ()
    assert fake_api.pending_updates() == []


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # int retry_after
async def test_rate_limit_raises_retry_after(fake_api: FakeBotApi) -> None:
    fake_api.fail_next("sendMessage", status=429, retry_after=1)
    async with make_bot(fake_api) as bot:
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(5, "một")
        assert caught.value.retry_after == 1
        await bot.send_message(5, "hai")
    statuses = [c.status for c in fake_api.calls("sendMessage")]
    assert statuses == [429, 200]
    assert fake_api.calls("sendMessage")[0].response["parameters"] == {"retry_after": 1}
    assert fake_api.sent_texts(5) == ["hai"]


async def test_fail_fraction_is_deterministic_and_not_delivered(fake_api: FakeBotApi) -> None:
    fake_api.fail_fraction("sendMessage", 0.5, status=500, seed=3)
    outcomes: list[bool] = []
    async with make_bot(fake_api) as bot:
        for n in range(10):
            try:
                await bot.send_message(5, f"tin {n}")
                outcomes.append(True)
            except NetworkError:
                outcomes.append(False)
    assert [c.ok for c in fake_api.calls("sendMessage")] == outcomes
    assert len(fake_api.sent(5)) == outcomes.count(True)
    assert 0 < outcomes.count(True) < 10


async def test_blocked_chat_raises_forbidden(fake_api: FakeBotApi) -> None:
    fake_api.block_chat(77)
    async with make_bot(fake_api) as bot:
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await bot.send_message(77, "chào")
    assert fake_api.calls("sendMessage")[0].status == 403
    assert fake_api.sent(77) == []


async def test_too_long_and_empty_messages_raise_bad_request(fake_api: FakeBotApi) -> None:
    async with make_bot(fake_api) as bot:
        await bot.send_message(5, "ồ" * 4096)
        with pytest.raises(BadRequest, match=r"(?i)message is too long"):
            await bot.send_message(5, "ồ" * 4097)
        with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
            await bot.send_message(5, "<b> </b>", parse_mode=ParseMode.HTML)


@pytest.mark.parametrize(
    "html",
    ["<b>đậm", "<b>x</i>", "a < b", "<br>dòng", "x</b>", '<span class="x">y</span>'],
)
async def test_malformed_html_raises_bad_request(fake_api: FakeBotApi, html: str) -> None:
    async with make_bot(fake_api) as bot:
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
            await bot.send_message(5, html, parse_mode=ParseMode.HTML)


async def test_send_document_records_bytes_and_filename(fake_api: FakeBotApi) -> None:
    content = b"BEGIN:VCALENDAR\r\nSUMMARY:H\xe1\xbb\x8dp kh\xe1\xbb\x91i\r\nEND:VCALENDAR\r\n"
    async with make_bot(fake_api) as bot:
        message = await bot.send_document(
            5,
            InputFile(content, filename="lich-hop.ics"),
            caption="<i>Lịch</i>",
            parse_mode="HTML",
        )
        downloaded = await (await bot.get_file(message.document.file_id)).download_as_bytearray()

    call = fake_api.calls("sendDocument")[0]
    upload = call.params["document"]
    assert upload.filename == "lich-hop.ics"
    assert upload.content == content
    assert upload.content_type == "text/calendar"
    assert call.params["chat_id"] == 5
    assert message.document.file_name == "lich-hop.ics"
    assert message.document.file_size == len(content)
    assert message.caption == "Lịch"
    assert bytes(downloaded) == content


async def test_document_message_is_downloaded_through_get_file(fake_api: FakeBotApi) -> None:
    content = "Quy chế hoạt động Khối thi đua số 3".encode() + bytes(range(256))
    pushed = fake_api.document_message(
        42, 42, "quy-che.docx", content, caption="/themtailieu@thidua_test_bot bản mới"
    )
    async with make_bot(fake_api) as bot:
        (update,) = await bot.get_updates(timeout=1)
        message = update.message
        remote = await bot.get_file(message.document.file_id)
        downloaded = await remote.download_as_bytearray()

    assert update.update_id == pushed["update_id"]
    assert message.chat.type == "private"
    assert message.from_user.id == 42
    document = message.document
    assert document.file_name == "quy-che.docx"
    assert document.mime_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert document.file_size == len(content)
    assert document.file_unique_id
    assert message.caption == "/themtailieu@thidua_test_bot bản mới"
    assert [(e.type, e.offset, e.length) for e in message.caption_entities] == [
        ("bot_command", 0, len("/themtailieu@thidua_test_bot"))
    ]
    assert message.text is None
    assert remote.file_size == len(content)
    assert remote.file_path.endswith(".docx")
    assert bytes(downloaded) == content


async def test_group_command_replying_to_a_document_reaches_its_bytes(
    fake_api: FakeBotApi,
) -> None:
    content = b"%PDF-1.4\n% ke hoach\n"
    posted = fake_api.document_message(
        -100777, 8, "ke-hoach.pdf", content, mime_type="application/pdf", chat_type="supergroup"
    )
    fake_api.group_message(-100777, 9, "/themtailieu", reply_to=posted["message"]["message_id"])
    fake_api.group_message(-100777, 9, "/themtailieu", reply_to=posted["message"])
    async with make_bot(fake_api) as bot:
        document_update, *commands = await bot.get_updates(timeout=1)
        target = commands[0].message.reply_to_message.document
        downloaded = await (await bot.get_file(target.file_id)).download_as_bytearray()

    assert document_update.message.chat.type == "supergroup"
    assert document_update.message.document.mime_type == "application/pdf"
    assert document_update.message.caption is None
    for command in commands:
        assert command.message.text == "/themtailieu"
        assert command.message.entities[0].type == "bot_command"
        reply = command.message.reply_to_message
        assert reply.message_id == document_update.message.message_id
        assert reply.document.file_id == document_update.message.document.file_id
    assert bytes(downloaded) == content


def test_document_message_checks_the_chat_it_is_sent_in(fake_api: FakeBotApi) -> None:
    with pytest.raises(ValueError, match="private"):
        fake_api.document_message(-100777, 8, "a.txt", b"x")
    with pytest.raises(ValueError, match="supergroup"):
        fake_api.document_message(-100777, 8, "a.txt", b"x", chat_type="group")
    with pytest.raises(ValueError, match="no message 5"):
        fake_api.group_message(-100777, 8, "/themtailieu", reply_to=5)
    assert fake_api.pending_updates() == []


async def test_get_file_refuses_a_file_over_20_mb(fake_api: FakeBotApi) -> None:
    limit = 20 * 1024 * 1024
    fake_api.document_message(42, 42, "vua.txt", b"a" * limit)
    fake_api.document_message(42, 42, "lon.txt", b"a" * (limit + 1))
    async with make_bot(fake_api) as bot:
        at_limit, too_big = await bot.get_updates(timeout=1)
        assert (await bot.get_file(at_limit.message.document.file_id)).file_size == limit
        with pytest.raises(BadRequest, match=r"(?i)file is too big"):
            await bot.get_file(too_big.message.document.file_id)

    assert too_big.message.document.file_size == limit + 1
    assert [c.status for c in fake_api.calls("getFile")] == [200, 400]
    assert fake_api.calls("getFile")[1].response["description"] == ("Bad Request: file is too big")


async def test_callback_query_update_parses(fake_api: FakeBotApi) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Có", callback_data="yes")]])
    async with make_bot(fake_api) as bot:
        sent = await bot.send_message(-1001234567890, "Đồng ý?", reply_markup=markup)
        fake_api.callback_query(42, sent.to_dict(), "yes")
        (update,) = await bot.get_updates(timeout=1)
        assert isinstance(update, Update)
        assert update.callback_query.data == "yes"
        assert update.callback_query.from_user.id == 42
        assert update.callback_query.message.message_id == sent.message_id
        assert update.callback_query.message.chat.type == "supergroup"
        assert await update.callback_query.answer()
        with pytest.raises(BadRequest, match=r"(?i)query is too old"):
            await update.callback_query.answer()


async def test_edit_and_not_modified(fake_api: FakeBotApi) -> None:
    async with make_bot(fake_api) as bot:
        sent = await bot.send_message(5, "đang xử lý")
        edited = await bot.edit_message_text("xong", chat_id=5, message_id=sent.message_id)
        assert edited.text == "xong"
        with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
            await bot.edit_message_text("xong", chat_id=5, message_id=sent.message_id)
        assert await bot.delete_message(5, sent.message_id)
    assert fake_api.message(5, sent.message_id) is None


async def test_group_reply_sticker_and_raw_updates(fake_api: FakeBotApi) -> None:
    async with make_bot(fake_api) as bot:
        sent = await bot.send_message(-100777, "Báo cáo tuần")
        fake_api.group_message(-100777, 8, "trả lời", reply_to=sent.to_dict())
        fake_api.sticker_message(8)
        fake_api.push_raw({"unknown_kind": {"x": 1}})
        updates = await bot.get_updates(timeout=1)
    reply, sticker, raw = updates
    assert reply.message.chat.title == "Khối thi đua số 1"
    assert reply.message.reply_to_message.message_id == sent.message_id
    assert sticker.message.text is None
    assert sticker.message.sticker.emoji == "👍"
    assert raw.message is None
    assert raw.update_id == sticker.update_id + 1


async def test_commands_and_unknown_method(fake_api: FakeBotApi) -> None:
    async with make_bot(fake_api) as bot:
        assert await bot.set_my_commands([("hoi", "Đặt câu hỏi")])
        commands = await bot.get_my_commands()
        assert [(c.command, c.description) for c in commands] == [("hoi", "Đặt câu hỏi")]
        with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
            await bot.set_my_commands([("Hỏi", "sai")])
        assert await bot.send_chat_action(5, "typing")
        chat = await bot.get_chat(5)
        assert chat.type == "private"
        with pytest.raises(EndPointNotFound):
            await bot.do_api_request("noSuchMethod")
    assert fake_api.calls("nosuchmethod")[0].status == 404


def test_entities_use_utf16_offsets() -> None:
    text = "/hoi 😀 hỏi @nguyen_van_a nhé"
    entities = auto_entities(text)
    assert entities[0] == {"type": "bot_command", "offset": 0, "length": 4}
    mention = entities[1]
    assert mention["type"] == "mention"
    assert mention["offset"] == utf16_len("/hoi 😀 hỏi ") == 12
    assert mention["length"] == len("@nguyen_van_a")
    plain, html_entities = parse_html('😀 <a href="https://x.vn/?a=1&amp;b=2">Điều 1</a>')
    assert plain == "😀 Điều 1"
    assert html_entities == [
        {"type": "text_link", "offset": 3, "length": 6, "url": "https://x.vn/?a=1&b=2"}
    ]


async def test_application_echo_round_trip(fake_api: FakeBotApi) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text(f"echo: {update.message.text}")

    app: Application = ApplicationBuilder().token(TOKEN).base_url(fake_api.base_url).build()
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        pushed = fake_api.private_message(42, "thi đua là gì?")
        (call,) = await fake_api.wait_for("sendMessage", chat_id=42, timeout=5)
        await app.updater.stop()
        await app.stop()

    assert call.params["text"] == "echo: thi đua là gì?"
    assert fake_api.served_at(pushed["update_id"]) is not None
    assert fake_api.pending_updates() == []  # the final getUpdates confirmed the update
    assert fake_api.calls("deleteWebhook")


async def test_delay_times_out_and_bad_gateway(fake_api: FakeBotApi) -> None:
    fake_api.delay("sendChatAction", 0.5)
    fake_api.fail_next("getChat", status=502)
    async with make_bot(fake_api) as bot:
        with pytest.raises(TimedOut):
            await bot.send_chat_action(5, "typing", read_timeout=0.1)
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.get_chat(5)
        fake_api.delay("sendChatAction", 0)
        assert await bot.send_chat_action(5, "typing")
    assert [c.status for c in fake_api.calls("getChat")] == [502]
    # The timed-out call is still answered server-side after its sleep (answer order).
    calls = await fake_api.wait_for("sendChatAction", 2, timeout=5)
    assert [c.ok for c in calls] == [True, True]
