"""Reminders in Telegram: /nhacnho (subscription with buttons, and what it will bring), /lich
(agenda and .ics), the admins' /themlich, /sualich, /huylich, and the JobQueue job that delivers
what is due."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from html import escape

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.error import BadRequest, ChatMigrated, Forbidden

from bot.calendar.errors import InputError
from bot.calendar.reminders import (
    LEAD_CHOICES,
    DeliveryReport,
    RecipientGone,
    Reminder,
    ReminderService,
)
from bot.chat_migration import move_chat
from bot.faces.calendar_text import agenda_text, lead_label, problem, reminder_message
from bot.faces.ics import to_ics
from bot.faces.telegram import calendar_commands, render, texts
from bot.faces.telegram.ask import deliver, reply, send_html, send_paragraphs
from bot.faces.telegram.calendar_commands import AdminCommand
from bot.faces.telegram.context import BotContext, BotServices
from bot.vi.lexicon import SECTORS

log = logging.getLogger(__name__)

_PANEL_BLOCS = 20  # bloc buttons under /nhacnho
_SECTOR_ROW = 3  # sector buttons per row
_SECTORS = list(SECTORS)  # a sector button's number is its place here


def _panel(
    service: ReminderService, chat_id: int, now: dt.datetime
) -> tuple[str, InlineKeyboardMarkup]:
    """The chat's subscription and what it will be reminded of in the next 60 days, with
    buttons: on/off (which confirms), each bloc, each sector, each lead time."""
    subscription = service.subscription(chat_id)
    rows = [
        [
            InlineKeyboardButton(
                texts.BUTTON_OFF if subscription.enabled else texts.BUTTON_ON,
                callback_data="rm:on",
            )
        ]
    ]
    for number, name in enumerate(service.calendar.bloc_choices()[:_PANEL_BLOCS]):
        followed = any(service.calendar.blocs.same(b, name) for b in subscription.blocs)
        mark = "✅" if followed else "▫️"
        rows.append([InlineKeyboardButton(f"{mark} {name}", callback_data=f"rm:b:{number}")])
    sectors = [
        InlineKeyboardButton(
            f"{'✅' if sector in subscription.sectors else '▫️'} {texts.SECTOR_NAMES[sector]}",
            callback_data=f"rm:s:{number}",
        )
        for number, sector in enumerate(_SECTORS)
    ]
    rows += [sectors[i : i + _SECTOR_ROW] for i in range(0, len(sectors), _SECTOR_ROW)]
    rows.append(
        [
            InlineKeyboardButton(
                f"{'✅' if days in subscription.leads else '▫️'} {lead_label(days)}",
                callback_data=f"rm:l:{days}",
            )
            for days in LEAD_CHOICES
        ]
    )
    status = calendar_commands.status(subscription, service.settings.send_hour, service.province)
    coming = calendar_commands.preview(service.agenda(chat_id, now), subscription.enabled)
    text = "\n\n".join((status, coming, texts.PREVIEW_HINT))
    return text, InlineKeyboardMarkup(rows)


async def nhacnho(update: Update, context: BotContext) -> None:
    """/nhacnho [tỉnh <tên>]: this chat's reminders (province, blocs, sectors, lead times,
    on/off) and what they will bring in the next 60 days, with buttons to change them."""
    chat = update.effective_chat
    if chat is None:
        return
    service, now = context.reminders, context.services.now()
    if context.args:
        try:
            province = calendar_commands.parse_province(" ".join(context.args))
        except calendar_commands.ArgumentError as exc:
            await reply(update, context, escape(str(exc)))
            return
        await context.services.run(service.set_province, chat.id, province, now)
    text, markup = await context.services.run(_panel, service, chat.id, now)
    await send_html(context.bot, chat.id, escape(text), markup=markup)


async def reminder_button(update: Update, context: BotContext) -> None:
    """A button under /nhacnho: apply it and show the panel again."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or query.data is None or chat is None:
        return
    service = context.reminders
    now = context.services.now()
    _, what, *value = query.data.split(":")
    try:
        if what == "on":
            await context.services.run(service.toggle, chat.id, now)
        elif what == "l":
            await context.services.run(service.toggle_lead, chat.id, int(value[0]), now)
        elif what == "s":
            sector = _SECTORS[int(value[0])]
            await context.services.run(service.toggle_sector, chat.id, sector, now)
        else:
            names = service.calendar.bloc_choices()
            index = int(value[0])
            if index >= len(names):
                await query.answer(texts.BLOC_GONE)
                return
            await context.services.run(service.toggle_bloc, chat.id, names[index], now)
    except InputError as exc:
        await query.answer(problem(exc), show_alert=True)
        return
    await query.answer()
    text, markup = await context.services.run(_panel, service, chat.id, now)
    try:
        await deliver(lambda: query.edit_message_text(escape(text), reply_markup=markup))
    except BadRequest:
        log.info("Bảng nhắc lịch không đổi", exc_info=True)


async def lich(update: Update, context: BotContext) -> None:
    """/lich: the next 60 days' events of the chat's blocs, and the same as an .ics file."""
    chat = update.effective_chat
    if chat is None:
        return
    service = context.reminders
    now = context.services.now()
    agenda = await context.services.run(service.agenda, chat.id, now)
    ics = await context.services.run(to_ics, agenda)
    await send_paragraphs(context.bot, chat.id, [render.paragraph(agenda_text(agenda))])
    await deliver(
        lambda: context.bot.send_document(
            chat.id,
            InputFile(ics, filename=texts.ICS_FILE_NAME),
            caption=texts.ICS_CAPTION,
        )
    )


async def _admin_change(
    update: Update, context: BotContext, usage: str, change: calendar_commands.Command
) -> None:
    """Run an admin's calendar change from the command's raw text (line breaks kept)."""
    chat = update.effective_chat
    user = update.effective_user
    message = update.effective_message
    if chat is None or message is None or message.text is None:
        return
    if not context.services.is_admin(user.id if user else None):
        await reply(update, context, texts.ADMIN_ONLY)
        return
    parts = message.text.split(maxsplit=1)
    if len(parts) < 2:
        await reply(update, context, escape(usage))
        return
    command = AdminCommand(chat.id, parts[1], user.id if user else None, context.services.now())
    done = await context.services.run(change, context.reminders, command)
    await reply(update, context, escape(done))


async def themlich(update: Update, context: BotContext) -> None:
    """/themlich <ngày> [giờ] <tên>; khối: …: an admin adds an event."""
    await _admin_change(update, context, texts.USAGE_ADD, calendar_commands.add)


async def sualich(update: Update, context: BotContext) -> None:
    """/sualich <mã> <ngày mới> [giờ]: an admin moves an event (its reminders re-arm)."""
    await _admin_change(update, context, texts.USAGE_MOVE, calendar_commands.move)


async def huylich(update: Update, context: BotContext) -> None:
    """/huylich <mã> [lý do]: an admin cancels an event (reminded chats are told)."""
    await _admin_change(update, context, texts.USAGE_CANCEL, calendar_commands.cancel)


async def deliver_reminders(services: BotServices, bot: Bot) -> DeliveryReport:
    """Send every due reminder once; a chat that blocked the bot is unsubscribed."""
    return await send_reminders(services.reminders, bot, services.now())


async def send_reminders(service: ReminderService, bot: Bot, now: dt.datetime) -> DeliveryReport:
    """Send what `service` has due at `now` through `bot` (a 403 means the chat is gone). A
    group upgraded to a supergroup while the bot did not see it (Telegram answers with the new
    id) gets its reminders at the new id, and its state moves there once they are sent."""
    moved: dict[int, int] = {}

    async def send(reminder: Reminder) -> None:
        text = escape(reminder_message(reminder))
        try:
            try:
                await send_html(bot, moved.get(reminder.chat_id, reminder.chat_id), text)
            except ChatMigrated as exc:
                moved[reminder.chat_id] = exc.new_chat_id
                await send_html(bot, exc.new_chat_id, text)
        except Forbidden as exc:
            raise RecipientGone(reminder.chat_id) from exc

    report = await service.deliver(send, now=now)
    for old, new in moved.items():
        log.warning("Nhóm %s đã lên siêu nhóm %s: chuyển đăng ký nhắc lịch", old, new)
        await asyncio.to_thread(move_chat, service.engine, old, new)
    if report.sent or report.failed or report.gone:
        log.info(
            "Nhắc lịch: %d đã gửi (%d muộn), %d lỗi, %d chat đã chặn bot",
            report.sent,
            report.late,
            report.failed,
            len(report.gone),
        )
    return report


async def reminder_job(context: BotContext) -> None:
    """The JobQueue job (every REMINDER_CHECK_MINUTES, and once at start for missed ones)."""
    await deliver_reminders(context.services, context.bot)
