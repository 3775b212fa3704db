"""What happens to a chat itself: a group upgraded to a supergroup keeps its state."""

from __future__ import annotations

import logging

from telegram import Update

from bot.chat_migration import move_chat
from bot.faces.telegram.context import BotContext

log = logging.getLogger(__name__)


async def migrate(update: Update, context: BotContext) -> None:
    """Telegram's service message of a group upgraded to a supergroup, sent in the old group
    (`migrate_to_chat_id`) and in the new supergroup (`migrate_from_chat_id`): whichever
    arrives first moves the chat's state to the new id, the other finds nothing left."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id is not None:
        old, new = message.chat_id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id is not None:
        old, new = message.migrate_from_chat_id, message.chat_id
    else:
        return
    services = context.services
    if await services.run(move_chat, services.chats.engine, old, new):
        log.info("Nhóm %s đã nâng cấp thành siêu nhóm %s: đã chuyển trạng thái", old, new)
