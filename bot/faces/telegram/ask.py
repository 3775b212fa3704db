"""Questions and answers: /start, /help, /hoi, plain messages, follow-ups, bloc buttons,
/khoi and /nguon."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import math
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from html import escape
from typing import TypeVar

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, NetworkError, TelegramError

from bot.answers.llm import WRITTEN_KINDS, Turn
from bot.answers.questions import ParsedQuestion, parse_question
from bot.answers.service import Answer
from bot.faces.telegram import render, texts
from bot.faces.telegram.context import BotContext, BotServices

log = logging.getLogger(__name__)

QUESTION_LIMIT = 1000  # characters: longer text is a pasted document, not a question
_KEYBOARD_BLOCS = 40  # Telegram allows 100 buttons; more than this is unreadable anyway
_TYPING_EVERY = 4.5  # seconds: Telegram shows "typing" for about 5
_ATTEMPTS = 4
_EDIT_EVERY = 1.0  # seconds between two edits of a streamed draft (Telegram's pace)
T = TypeVar("T")


# --- delivery ------------------------------------------------------------------------------


async def deliver(call: Callable[[], Awaitable[T]]) -> T:
    """Call the Bot API, retrying timeouts and network errors with backoff; a bad request or a
    refusal is not retried. Flood control (429) is the bot's rate limiter's to wait out and
    retry (`MessageRateLimiter`, configured in `app.make_bot`)."""
    for attempt in range(_ATTEMPTS):
        try:
            return await call()
        except BadRequest:
            raise
        except NetworkError:
            if attempt == _ATTEMPTS - 1:
                raise
            await asyncio.sleep(0.5 * 2**attempt)
    raise AssertionError("unreachable")


async def send_html(
    bot: Bot,
    chat_id: int,
    html: str,
    *,
    reply_to: int | None = None,
    markup: InlineKeyboardMarkup | None = None,
) -> Message:
    """Send one HTML message, retried as `deliver` says."""
    reply = (
        ReplyParameters(message_id=reply_to, allow_sending_without_reply=True)
        if reply_to is not None
        else None
    )
    return await deliver(
        lambda: bot.send_message(
            chat_id,
            html,
            parse_mode=ParseMode.HTML,
            reply_parameters=reply,
            reply_markup=markup,
            link_preview_options=None,
        )
    )


async def send_paragraphs(
    bot: Bot,
    chat_id: int,
    paragraphs: list[render.Paragraph],
    *,
    reply_to: int | None = None,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Send paragraphs as as few messages as the length limit allows; buttons go on the last."""
    messages = render.to_messages(paragraphs)
    for number, html in enumerate(messages, 1):
        last = number == len(messages)
        await send_html(
            bot,
            chat_id,
            html,
            reply_to=reply_to if number == 1 else None,
            markup=markup if last else None,
        )


async def reply(update: Update, context: BotContext, html: str) -> None:
    """A short HTML reply in the update's chat (quoting the message in groups)."""
    chat = update.effective_chat
    if chat is None:
        return
    await send_html(context.bot, chat.id, html, reply_to=quote_id(update))


def quote_id(update: Update) -> int | None:
    """In groups a reply quotes the message it answers; in private chats it needs not."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or chat.type == ChatType.PRIVATE:
        return None
    return message.message_id


@contextlib.asynccontextmanager
async def typing(bot: Bot, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" in the chat while the block runs."""

    async def keep_typing() -> None:
        while True:
            with contextlib.suppress(NetworkError):
                await bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.sleep(_TYPING_EVERY)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


# --- questions -----------------------------------------------------------------------------


def _core_answer(
    services: BotServices,
    chat_id: int,
    question: str,
    bloc: str | None,
    understood: ParsedQuestion | None,
) -> Answer:
    """The core's answer, read in the light of the chat's last question, chosen bloc and
    province (the one its reminders follow)."""
    last, default_bloc = services.chats.state(chat_id)
    return services.qa.answer(
        question,
        today=services.today(),
        previous=last.understood if last else None,
        understood=understood,
        bloc=bloc,
        default_bloc=default_bloc,
        province=services.reminders.subscription(chat_id).province,
    )


async def answer_question(
    update: Update,
    context: BotContext,
    question: str,
    *,
    bloc: str | None = None,
    understood: ParsedQuestion | None = None,
) -> None:
    """Answer one question in the update's chat: limits first, then the core off the event
    loop while "typing…" shows (and the language model, when one is set, streaming into an
    edited message), then the answer with its sources and buttons."""
    chat = update.effective_chat
    user = update.effective_user
    if chat is None:
        return
    if len(question) > QUESTION_LIMIT:
        await reply(update, context, texts.TOO_LONG.format(limit=f"{QUESTION_LIMIT:,}"))
        return
    wait = context.services.limiter.wait(user.id if user else chat.id)
    if wait:
        await reply(update, context, texts.RATE_LIMITED.format(seconds=math.ceil(wait)))
        return
    services = context.services
    draft: Message | None = None
    async with services.lock(chat.id):
        async with typing(context.bot, chat.id):
            answer = await services.run(
                _core_answer, services, chat.id, question, bloc, understood
            )
        if services.writer is not None and answer.kind in WRITTEN_KINDS and answer.sources:
            answer, draft = await _written(context, chat.id, answer, quote_id(update))
        answer_id = await services.run(
            services.chats.record, chat.id, user.id if user else None, answer
        )
    paragraphs = render.answer_paragraphs(answer)
    markup = render.answer_keyboard(answer_id, answer.blocs)
    if draft is not None:
        await _replace(context.bot, draft, paragraphs, markup)
        return
    await send_paragraphs(
        context.bot, chat.id, paragraphs, reply_to=quote_id(update), markup=markup
    )


async def _written(
    context: BotContext, chat_id: int, answer: Answer, reply_to: int | None
) -> tuple[Answer, Message | None]:
    """The answer phrased by the language model, streamed into one message edited about once
    a second; the checked final answer (the core's own when the model's fails the checks)."""
    writer = context.services.writer
    assert writer is not None
    turns = await context.services.run(
        context.chats.recent_turns, chat_id, context.services.settings.llm.history_turns
    )
    history = [Turn(q, a) for q, a in turns]
    message: Message | None = None
    shown = 0.0
    async for draft in writer.astream(answer, history):
        if draft.final is not None:
            return draft.final, message
        now = time.monotonic()
        if not draft.text.strip() or now - shown < _EDIT_EVERY:
            continue
        html = escape(draft.text[: render.MESSAGE_LIMIT - 10], quote=False) + " ▌"
        try:
            if message is None:
                message = await send_html(context.bot, chat_id, html, reply_to=reply_to)
            else:
                await context.bot.edit_message_text(
                    html, chat_id=chat_id, message_id=message.message_id, parse_mode=ParseMode.HTML
                )
        except TelegramError:  # a draft may be skipped; the final answer is delivered
            log.info("Bỏ qua một lần cập nhật bản nháp", exc_info=True)
        shown = now
    return answer, message


async def _replace(
    bot: Bot,
    draft: Message,
    paragraphs: list[render.Paragraph],
    markup: InlineKeyboardMarkup,
) -> None:
    """Turn the streamed draft into the final answer: its first part edited in, the rest sent."""
    messages = render.to_messages(paragraphs)
    for number, html in enumerate(messages, 1):
        last = number == len(messages)
        if number == 1:
            await deliver(
                functools.partial(
                    bot.edit_message_text,
                    html,
                    chat_id=draft.chat_id,
                    message_id=draft.message_id,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup if last else None,
                )
            )
        else:
            await send_html(bot, draft.chat_id, html, markup=markup if last else None)


async def start(update: Update, context: BotContext) -> None:
    """/start: what the bot does, with three example questions."""
    await reply(update, context, texts.START)


async def help_command(update: Update, context: BotContext) -> None:
    """/help: how to ask, in private chats and groups, and the commands."""
    commands = "\n".join(f"/{name} — {escape(text)}" for name, text in texts.COMMANDS.items())
    await reply(
        update,
        context,
        texts.HELP.format(username=escape(context.bot.username or ""), commands=commands),
    )


async def hoi(update: Update, context: BotContext) -> None:
    """/hoi <câu hỏi>: the way to ask in a group (works in private chats too)."""
    question = " ".join(context.args or []).strip()
    if not question:
        await reply(update, context, texts.ASK_USAGE)
        return
    await answer_question(update, context, question)


async def private_text(update: Update, context: BotContext) -> None:
    """In a private chat every text message is a question."""
    message = update.effective_message
    if message is not None and message.text is not None:
        await answer_question(update, context, message.text)


async def group_text(update: Update, context: BotContext) -> None:
    """In a group only messages addressed to the bot are questions: a reply to one of its
    messages, or an @mention; other chatter is ignored."""
    message = update.effective_message
    if message is None:
        return
    question = addressed_question(message, context.bot)
    if question is not None:
        await answer_question(update, context, question)


def addressed_question(message: Message, bot: Bot) -> str | None:
    """The question of a group message addressed to the bot (its @mention removed), else None."""
    text = message.text or ""
    replied = message.reply_to_message
    to_bot = (
        replied is not None and replied.from_user is not None and replied.from_user.id == bot.id
    )
    handle = f"@{bot.username}".casefold() if bot.username else None
    mentions = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    ours = [
        part
        for entity, part in mentions.items()
        if (entity.type == MessageEntity.MENTION and part.casefold() == handle)
        or (entity.user is not None and entity.user.id == bot.id)
    ]
    if not to_bot and not ours:
        return None
    for part in ours:
        text = text.replace(part, " ")
    return " ".join(text.split())


async def not_text(update: Update, context: BotContext) -> None:
    """A sticker, photo or voice note in a private chat: say what the bot can read."""
    await reply(update, context, texts.NOT_TEXT)


async def bloc_button(update: Update, context: BotContext) -> None:
    """A bloc picked under an answer covering several: answer that question for the bloc."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    _, answer_id, key = query.data.split(":", 2)
    stored = await context.services.run(context.chats.answer, int(answer_id))
    if stored is None or context.qa.store.bloc_by_key(key) is None:
        await query.answer(texts.ANSWER_GONE if stored is None else texts.BLOC_GONE)
        return
    await query.answer()
    await answer_question(update, context, stored.question, bloc=key, understood=stored.understood)


# --- the chat's bloc, sources, documents ---------------------------------------------------


async def khoi(update: Update, context: BotContext) -> None:
    """/khoi [tên]: choose the chat's default bloc from buttons (narrowed by a name)."""
    chat = update.effective_chat
    if chat is None:
        return
    blocs = context.qa.store.blocs
    wanted = " ".join(context.args or []).strip()
    if wanted:
        parsed = parse_question(wanted, context.services.today())
        blocs = (
            context.qa.facts.blocs_for(parsed) if parsed.names_bloc() or parsed.provinces else []
        )
        if not blocs:
            await reply(update, context, texts.KHOI_NO_MATCH.format(text=escape(wanted)))
            return
    if not blocs:
        await reply(update, context, texts.KHOI_EMPTY)
        return
    current_key = await context.services.run(context.chats.default_bloc, chat.id)
    current = context.qa.store.bloc_by_key(current_key) if current_key else None
    lines = [
        texts.KHOI_CURRENT.format(bloc=escape(current.label())) if current else texts.KHOI_NONE
    ]
    ordered = sorted(blocs, key=lambda b: (b.province or "", b.name))
    if len(ordered) > _KEYBOARD_BLOCS:
        lines.append(texts.KHOI_TOO_MANY.format(count=len(ordered), shown=_KEYBOARD_BLOCS))
    lines.append(texts.KHOI_PROMPT)
    rows = [
        [InlineKeyboardButton(b.label(), callback_data=f"kb:{b.key}")]
        for b in ordered[:_KEYBOARD_BLOCS]
    ]
    if current:
        rows.append([InlineKeyboardButton(texts.KHOI_CLEAR_BUTTON, callback_data="kb:-")])
    await send_html(
        context.bot,
        chat.id,
        "\n".join(lines),
        reply_to=quote_id(update),
        markup=InlineKeyboardMarkup(rows),
    )


async def khoi_button(update: Update, context: BotContext) -> None:
    """A bloc pressed under /khoi: it becomes the chat's default."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or query.data is None or chat is None:
        return
    key = query.data.removeprefix("kb:")
    bloc = None if key == "-" else context.qa.store.bloc_by_key(key)
    if key != "-" and bloc is None:
        await query.answer(texts.BLOC_GONE)
        return
    await context.services.run(context.chats.set_default_bloc, chat.id, bloc.key if bloc else None)
    await query.answer()
    text = texts.KHOI_SET.format(bloc=escape(bloc.label())) if bloc else texts.KHOI_CLEARED
    await deliver(lambda: query.edit_message_text(text, parse_mode=ParseMode.HTML))


async def nguon(update: Update, context: BotContext) -> None:
    """/nguon: the full sources of the chat's last answer."""
    chat = update.effective_chat
    if chat is None:
        return
    last = await context.services.run(context.chats.last_answer, chat.id)
    if last is None:
        await reply(update, context, texts.NO_LAST_ANSWER)
        return
    await send_paragraphs(
        context.bot,
        chat.id,
        render.full_sources(last.question, last.sources),
        reply_to=quote_id(update),
    )
