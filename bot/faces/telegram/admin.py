"""Admins teach the bot from the chat: documents sent (/themtailieu), the list of documents
(/tailieu), removal (/xoatailieu), corrections (/sua, and from an answer's 👎) and the audit log
(/nhatky). The knowledge changes through `bot.library`, off the event loop."""

from __future__ import annotations

import logging
import secrets
from html import escape
from zoneinfo import ZoneInfo

from telegram import (
    Document,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.answers.questions import Intent, ParsedQuestion, parse_question
from bot.audit import Actor
from bot.faces import audit_text
from bot.faces.corrections import (
    MANY_BLOCS,
    UNKNOWN_BLOC,
    USAGE,
    Correction,
    CorrectionError,
    parse_correction,
)
from bot.faces.telegram import admin_text, render, texts
from bot.faces.telegram.ask import deliver, quote_id, reply, send_html, send_paragraphs
from bot.faces.telegram.context import BotContext
from bot.knowledge.filetypes import UploadRejected
from bot.library import AlreadyKnown, UnknownDocument

log = logging.getLogger(__name__)

_PAGE = 8  # documents per page of /tailieu
_AUDIT_LINES = 20
_HASH = 12  # characters of a content hash naming a document in a button


def _actor(update: Update) -> Actor:
    user = update.effective_user
    if user is None:
        return Actor(None, "?")
    return Actor(user.id, user.full_name or user.username or str(user.id))


async def _admin_only(update: Update, context: BotContext, refusal: str) -> bool:
    """Whether the sender is an admin; otherwise they are told `refusal`."""
    user = update.effective_user
    if context.services.is_admin(user.id if user else None):
        return True
    if update.callback_query is not None:
        await update.callback_query.answer(refusal, show_alert=True)
    else:
        await reply(update, context, refusal)
    return False


# --- uploads -------------------------------------------------------------------------------


async def document(update: Update, context: BotContext) -> None:
    """A file sent in a private chat (or in a group with the caption /themtailieu)."""
    message = update.effective_message
    if message is None or message.document is None:
        return
    await _learn(update, context, message.document)


async def themtailieu(update: Update, context: BotContext) -> None:
    """/themtailieu as a reply to a file: learn that file."""
    message = update.effective_message
    if message is None:
        return
    target = message.reply_to_message
    if target is None or target.document is None:
        if await _admin_only(update, context, admin_text.UPLOAD_NOT_ADMIN):
            await reply(update, context, admin_text.UPLOAD_USAGE)
        return
    await _learn(update, context, target.document)


async def _learn(update: Update, context: BotContext, file: Document) -> None:
    """Download, store, index and summarise one file; refusals say what to do."""
    chat = update.effective_chat
    if chat is None or not await _admin_only(update, context, admin_text.UPLOAD_NOT_ADMIN):
        return
    name = file.file_name or "tai-lieu"
    limit = context.services.settings.telegram.upload_max_mb
    if file.file_size is not None and file.file_size > limit * 1024 * 1024:
        await reply(update, context, admin_text.TOO_BIG.format(name=escape(name), limit=limit))
        return
    await reply(update, context, admin_text.READING.format(name=escape(name)))
    try:
        remote = await deliver(lambda: context.bot.get_file(file.file_id))
        data = bytes(await remote.download_as_bytearray())
    except BadRequest as exc:
        log.warning("Cannot download %s: %s", name, exc.message)
        await reply(update, context, admin_text.DOWNLOAD_FAILED.format(name=escape(name)))
        return
    library = context.services.library
    try:
        learned = await context.services.run(
            library.add, name, data, _actor(update), limit * 1024 * 1024
        )
    except UploadRejected as exc:
        reason = escape(str(exc))
        await reply(update, context, admin_text.REJECTED.format(name=escape(name), reason=reason))
        return
    except AlreadyKnown as exc:
        await reply(update, context, admin_text.DUPLICATE.format(name=escape(exc.name)))
        return
    key = learned.doc.content_hash[:_HASH]
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(admin_text.KEEP, callback_data=f"up:k:{key}"),
                InlineKeyboardButton(admin_text.REMOVE, callback_data=f"up:r:{key}"),
            ]
        ]
    )
    summary = admin_text.learned(learned)
    await send_paragraphs(context.bot, chat.id, summary, reply_to=quote_id(update), markup=buttons)


async def upload_button(update: Update, context: BotContext) -> None:
    """ "Giữ" or "Gỡ bỏ" under an upload's summary."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    if not await _admin_only(update, context, admin_text.UPLOAD_NOT_ADMIN):
        return
    _, choice, key = query.data.split(":", 2)
    if choice == "k":
        await query.answer(admin_text.KEPT)
        await deliver(lambda: query.edit_message_reply_markup(None))
        return
    await _remove(update, context, key)


# --- the list of documents and removal -----------------------------------------------------


async def tailieu(update: Update, context: BotContext) -> None:
    """/tailieu: the documents the bot knows, a page at a time."""
    await _list(update, context, 0, removing=False)


async def xoatailieu(update: Update, context: BotContext) -> None:
    """/xoatailieu [số]: pick a document to remove (admins), then confirm."""
    if not await _admin_only(update, context, admin_text.REMOVE_NOT_ADMIN):
        return
    wanted = " ".join(context.args or []).strip()
    if not wanted:
        await _list(update, context, 0, removing=True)
        return
    documents = context.services.library.documents()
    if not wanted.isdigit() or not 1 <= int(wanted) <= len(documents):
        await reply(update, context, admin_text.NO_SUCH_NUMBER.format(value=escape(wanted)))
        return
    record = documents[int(wanted) - 1].record
    await _confirm_removal(update, context, record.content_hash[:_HASH], record.title)


async def list_button(update: Update, context: BotContext) -> None:
    """A page button of the list (`tl:<page>`, or `xt:<page>` when removing)."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    mode, page = query.data.split(":", 1)
    await query.answer()
    await _list(update, context, int(page), removing=mode == "xt")


async def remove_button(update: Update, context: BotContext) -> None:
    """`xd:<key>` asks to confirm, `xy:<key>` removes, `xn` keeps."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    if not await _admin_only(update, context, admin_text.REMOVE_NOT_ADMIN):
        return
    action, _, key = query.data.partition(":")
    if action == "xn":
        await query.answer()
        await deliver(lambda: query.edit_message_text(admin_text.NOT_REMOVED))
        return
    record = context.services.library.find(key)
    if record is None:
        await query.answer(admin_text.GONE)
        return
    if action == "xd":
        await query.answer()
        await _confirm_removal(update, context, key, record.title)
        return
    await _remove(update, context, key)


async def _list(update: Update, context: BotContext, page: int, *, removing: bool) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    documents = context.services.library.documents()
    if not documents:
        await reply(update, context, admin_text.EMPTY)
        return
    pages = (len(documents) + _PAGE - 1) // _PAGE
    page = max(0, min(page, pages - 1))
    shown = documents[page * _PAGE : (page + 1) * _PAGE]
    zone = ZoneInfo(context.services.settings.timezone)
    html = admin_text.document_list(documents, page, pages, _PAGE, zone, removing=removing)
    rows = []
    if removing:
        rows += [
            [
                InlineKeyboardButton(
                    f"🗑 {page * _PAGE + number}. {d.record.title[:40]}",
                    callback_data=f"xd:{d.record.content_hash[:_HASH]}",
                )
            ]
            for number, d in enumerate(shown, 1)
        ]
    mode = "xt" if removing else "tl"
    moves = []
    if page > 0:
        moves.append(InlineKeyboardButton(admin_text.PREVIOUS, callback_data=f"{mode}:{page - 1}"))
    if page < pages - 1:
        moves.append(InlineKeyboardButton(admin_text.NEXT, callback_data=f"{mode}:{page + 1}"))
    if moves:
        rows.append(moves)
    markup = InlineKeyboardMarkup(rows) if rows else None
    query = update.callback_query
    if query is not None and query.message is not None:
        await deliver(
            lambda: query.edit_message_text(html, parse_mode=ParseMode.HTML, reply_markup=markup)
        )
        return
    await send_html(context.bot, chat.id, html, reply_to=quote_id(update), markup=markup)


async def _confirm_removal(update: Update, context: BotContext, key: str, title: str) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(admin_text.CONFIRM_REMOVE, callback_data=f"xy:{key}"),
                InlineKeyboardButton(admin_text.CANCEL, callback_data="xn"),
            ]
        ]
    )
    html = admin_text.ASK_REMOVE.format(title=escape(title))
    await send_html(context.bot, chat.id, html, reply_to=quote_id(update), markup=buttons)


async def _remove(update: Update, context: BotContext, key: str) -> None:
    library = context.services.library
    record = library.find(key)
    query = update.callback_query
    if record is None:
        if query is not None:
            await query.answer(admin_text.GONE)
        return
    try:
        await context.services.run(library.remove, record.name, _actor(update))
    except UnknownDocument:
        if query is not None:
            await query.answer(admin_text.GONE)
        return
    html = admin_text.REMOVED.format(title=escape(record.title), name=escape(record.name))
    if query is not None:
        await query.answer()
        await deliver(lambda: query.edit_message_text(html, parse_mode=ParseMode.HTML))
    else:
        await reply(update, context, html)


# --- corrections ---------------------------------------------------------------------------


async def sua(update: Update, context: BotContext) -> None:
    """/sua <loại> [năm] [khối]: <nội dung>: a correction, confirmed with buttons."""
    if not await _admin_only(update, context, admin_text.CORRECT_NOT_ADMIN):
        return
    message = update.effective_message
    text = message.text if message is not None and message.text else ""
    await _propose(update, context, text.partition(" ")[2].strip())


async def correction_reply(update: Update, context: BotContext) -> None:
    """An admin's reply to the correction prompt sent after a 👎: the prompt's form, filled."""
    message = update.effective_message
    prompt = message.reply_to_message if message is not None else None
    if message is None or prompt is None or not message.text or not prompt.text:
        return
    if not await _admin_only(update, context, admin_text.CORRECT_NOT_ADMIN):
        return
    form = admin_text.prompt_form(prompt.text)
    await _propose(update, context, f"{form} {message.text.strip()}" if form else message.text)


async def _propose(update: Update, context: BotContext, text: str) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    if not text:
        await reply(update, context, USAGE)
        return
    qa = context.qa
    today = context.services.today()

    def find_bloc(name: str) -> tuple[str, str | None]:
        blocs = qa.facts.blocs_for(parse_question(name, today))
        if not blocs or len(blocs) == len(qa.store.blocs) > 1:
            raise CorrectionError(UNKNOWN_BLOC.format(bloc=name))
        if len(blocs) > 1:
            labels = ", ".join(b.label() for b in blocs[:5])
            raise CorrectionError(MANY_BLOCS.format(bloc=name, blocs=labels))
        return blocs[0].name, blocs[0].province

    try:
        correction = parse_correction(text, find_bloc)
    except CorrectionError as exc:
        await reply(update, context, f"{escape(str(exc))}\n\n{USAGE}")
        return
    token = secrets.token_hex(4)
    pending = context.chat_data.setdefault("corrections", {})  # type: ignore[union-attr]
    pending[token] = correction
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(admin_text.CONFIRM_CORRECT, callback_data=f"sa:y:{token}"),
                InlineKeyboardButton(admin_text.CANCEL, callback_data=f"sa:n:{token}"),
            ]
        ]
    )
    html = admin_text.ASK_CORRECT.format(correction=escape(correction.describe()))
    await send_html(context.bot, chat.id, html, reply_to=quote_id(update), markup=buttons)


async def correction_button(update: Update, context: BotContext) -> None:
    """`sa:y:<token>` records the pending correction, `sa:n:<token>` drops it."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    if not await _admin_only(update, context, admin_text.CORRECT_NOT_ADMIN):
        return
    _, choice, token = query.data.split(":", 2)
    pending = context.chat_data.get("corrections", {}) if context.chat_data else {}
    correction: Correction | None = pending.pop(token, None)
    if correction is None:
        await query.answer(admin_text.EXPIRED)
        return
    if choice == "n":
        await query.answer()
        await deliver(lambda: query.edit_message_text(admin_text.NOT_CORRECTED))
        return
    try:
        await context.services.run(
            context.services.library.correct, correction.entry, _actor(update)
        )
    except ValueError as exc:
        problem = admin_text.INVALID.format(reason=exc)
        await query.answer()
        await deliver(lambda: query.edit_message_text(problem))
        return
    await query.answer()
    html = admin_text.CORRECTED.format(correction=escape(correction.describe()))
    await deliver(lambda: query.edit_message_text(html, parse_mode=ParseMode.HTML))


async def feedback_button(update: Update, context: BotContext) -> None:
    """👍/👎 under an answer, stored with the answer for the maintainers; an admin's 👎 also
    opens the way to correct it in one reply."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or query.data is None or chat is None:
        return
    _, answer_id, rating = query.data.split(":", 2)
    services = context.services
    stored = await services.run(
        context.chats.add_feedback, int(answer_id), query.from_user.id, int(rating)
    )
    await query.answer(texts.THANKS if stored else texts.ANSWER_GONE)
    if not stored or int(rating) > 0 or not services.is_admin(query.from_user.id):
        return
    answer = await services.run(context.chats.answer, int(answer_id))
    form = _form(context, answer.understood if answer is not None else None)
    html = admin_text.prompt(form)
    await deliver(
        lambda: context.bot.send_message(
            chat.id,
            html,
            parse_mode=ParseMode.HTML,
            reply_markup=ForceReply(selective=True, input_field_placeholder=admin_text.HINT),
        )
    )


def _form(context: BotContext, understood: ParsedQuestion | None) -> str | None:
    """The start of a correction for the question understood ("khối trưởng 2023 Khối …:"),
    when it names one known bloc."""
    if understood is None:
        return None
    kinds = {
        Intent.LEADER: "khối trưởng",
        Intent.DEPUTY: "khối phó",
        Intent.MEMBERS: "thành viên",
        Intent.COUNT: "thành viên",
    }
    kind = kinds.get(understood.intent)
    blocs = context.qa.facts.blocs_for(understood) if understood.names_bloc() else []
    if kind is None or len(blocs) != 1:
        return None
    year = f" {understood.year}" if understood.year and kind != "thành viên" else ""
    province = f" {blocs[0].province}" if blocs[0].province else ""
    return f"{kind}{year} {blocs[0].name}{province}:"


# --- the audit log -------------------------------------------------------------------------


async def nhatky(update: Update, context: BotContext) -> None:
    """/nhatky: the last changes to the knowledge (admins)."""
    if not await _admin_only(update, context, admin_text.AUDIT_NOT_ADMIN):
        return
    entries = await context.services.run(context.services.library.audit.entries, _AUDIT_LINES)
    if not entries:
        await reply(update, context, audit_text.NO_AUDIT)
        return
    zone = ZoneInfo(context.services.settings.timezone)
    chat = update.effective_chat
    if chat is not None:
        paragraphs = [
            render.paragraph(render.Span(admin_text.AUDIT_HEAD, "b")),
            *(render.paragraph(audit_text.audit_line(e, zone)) for e in entries),
        ]
        await send_paragraphs(context.bot, chat.id, paragraphs, reply_to=quote_id(update))
