"""What runs around every handler: access control, unknown commands and the error handler."""

from __future__ import annotations

import logging
import re

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot.faces.telegram import texts
from bot.faces.telegram.ask import reply
from bot.faces.telegram.context import BotContext

log = logging.getLogger(__name__)


async def access(update: Update, context: BotContext) -> None:
    """Refuse users and chats outside ALLOWED_CHAT_IDS, politely, before any other handler.

    In a group a refused user is told only when pressing a button; chatter stays unanswered.
    """
    user = update.effective_user
    chat = update.effective_chat
    if context.services.allowed(user.id if user else None, chat.id if chat else None):
        return
    if update.callback_query is not None:
        await update.callback_query.answer(texts.NOT_ALLOWED, show_alert=True)
    elif chat is not None and chat.type == ChatType.PRIVATE and update.effective_message:
        await reply(update, context, texts.NOT_ALLOWED)
    raise ApplicationHandlerStop


async def unknown_command(update: Update, context: BotContext) -> None:
    """A command no handler took: a hint, in private chats or when addressed to this bot."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or message.text is None:
        return
    command = message.text.split()[0]
    to_us = bool(context.bot.username) and command.casefold().endswith(
        f"@{context.bot.username}".casefold()
    )
    if chat.type == ChatType.PRIVATE or to_us:
        await reply(update, context, texts.UNKNOWN_COMMAND)


class RedactSecrets(logging.Filter):
    """Removes the given secrets (the bot token) from every record, traceback included."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self._pattern = re.compile("|".join(re.escape(s) for s in secrets if s))

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._pattern.pattern:
            return True
        record.msg = self._pattern.sub("<token>", record.getMessage())
        record.args = ()
        if record.exc_info:
            record.exc_text = self._pattern.sub(
                "<token>", logging.Formatter().formatException(record.exc_info)
            )
            record.exc_info = None
        return True


async def on_error(update: object, context: BotContext) -> None:
    """Log the traceback (the token is redacted by `RedactSecrets`) and apologise briefly."""
    log.error("Lỗi khi xử lý cập nhật", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await reply(update, context, texts.ERROR)
        except Exception:
            log.warning("Không gửi được lời xin lỗi", exc_info=True)
