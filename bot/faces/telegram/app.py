"""Where the Telegram bot is wired: services, the `Application` and every handler, and `serve`."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import urlparse

from telegram import BotCommand, Message, Update
from telegram.error import InvalidToken, NetworkError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ExtBot,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.answers.llm import LLMUnavailable
from bot.faces.telegram import admin, admin_text, ask, chats, guards, reminders, texts
from bot.faces.telegram.context import BotContext, BotData, BotServices
from bot.settings import Settings, TelegramSettings
from bot.wiring import Parts, Services, open_services

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")
_CONCURRENT_UPDATES = 64
_CONNECTIONS = 128


class MessageRateLimiter(AIORateLimiter):
    """Telegram's flood limits are about messages: "typing…" actions pass unthrottled, so they
    do not delay answers (a refused action is simply not shown)."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        if endpoint == "sendChatAction":
            return await callback(*args, **kwargs)
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )


class TolerantBot(ExtBot[int]):
    """An ExtBot that survives an update it cannot read.

    python-telegram-bot parses a batch of updates at once; one malformed update fails the
    batch, which is then fetched again forever. Here such an update is logged and replaced by
    an empty one with the same id, so the offset moves past it and the others are handled.
    """

    async def _post(self, endpoint: str, *args: Any, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, *args, **kwargs)
        if endpoint != "getUpdates" or not isinstance(result, list):
            return result
        readable = []
        for data in result:
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                log.warning("Bỏ qua cập nhật không có update_id: %r", data)
                continue
            try:
                Update.de_json(dict(data), self)
            except Exception:
                log.warning("Bỏ qua cập nhật không đọc được: %r", data, exc_info=True)
                data = {"update_id": data["update_id"]}
            readable.append(data)
        return readable


class CorrectionPrompt(filters.MessageFilter):
    """A reply to the bot's correction prompt (sent to an admin after a 👎)."""

    def filter(self, message: Message) -> bool:
        prompt = message.reply_to_message
        return bool(
            prompt is not None
            and prompt.from_user is not None
            and prompt.from_user.id == message.get_bot().id
            and prompt.text
            and prompt.text.startswith(admin_text.PROMPT_HEAD)
        )


class ConfigError(RuntimeError):
    """The bot cannot start as configured; the message (Vietnamese) says what to fix."""


def bot_token(telegram: TelegramSettings) -> str:
    """The configured token, checked for its form (never echoed in the error)."""
    secret = telegram.token
    token = secret.get_secret_value().strip() if secret else ""
    if not token:
        raise ConfigError(texts.TOKEN_MISSING)
    if not _TOKEN.match(token):
        raise ConfigError(texts.TOKEN_MALFORMED)
    return token


def make_bot(telegram: TelegramSettings) -> TolerantBot:
    """The bot: its Bot API server, a connection pool for many chats at once, the rate limit;
    ConfigError for a missing or malformed token."""
    base_url = telegram.base_url.rstrip("/")
    return TolerantBot(
        bot_token(telegram),
        base_url=base_url,
        base_file_url=telegram.base_file_url or re.sub(r"/bot$", "/file/bot", base_url),
        request=HTTPXRequest(connection_pool_size=_CONNECTIONS, pool_timeout=5),
        get_updates_request=HTTPXRequest(),
        # Flood control (429) is waited out and retried, three times, before giving up.
        rate_limiter=MessageRateLimiter(overall_max_rate=telegram.max_rate, max_retries=3),
    )


def build_application(settings: Settings, services: Services) -> Application:  # type: ignore[type-arg]
    """The Telegram `Application` over the services built by `bot.wiring`, with every handler
    registered."""
    bot = make_bot(settings.telegram)
    application = (
        ApplicationBuilder()
        .bot(bot)
        .context_types(ContextTypes(context=BotContext, bot_data=BotData))
        .concurrent_updates(_CONCURRENT_UPDATES)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    application.bot_data.services = BotServices.of(services)
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    groups = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE
    # Group -1 runs first: a refused user reaches no other handler.
    application.add_handler(TypeHandler(Update, guards.access), group=-1)
    application.add_handlers(
        [
            MessageHandler(filters.StatusUpdate.MIGRATE, chats.migrate),
            CommandHandler("start", ask.start),
            CommandHandler("help", ask.help_command),
            CommandHandler("hoi", ask.hoi),
            CommandHandler("khoi", ask.khoi),
            CommandHandler("nguon", ask.nguon),
            CommandHandler("tailieu", admin.tailieu),
            CommandHandler("xoatailieu", admin.xoatailieu),
            CommandHandler("themtailieu", admin.themtailieu),
            CommandHandler("sua", admin.sua),
            CommandHandler("nhatky", admin.nhatky),
            CommandHandler("nhacnho", reminders.nhacnho),
            CommandHandler("lich", reminders.lich),
            CommandHandler("themlich", reminders.themlich),
            CommandHandler("sualich", reminders.sualich),
            CommandHandler("huylich", reminders.huylich),
            CallbackQueryHandler(reminders.reminder_button, pattern=r"^rm:(on|[bsl]:\d+)$"),
            CallbackQueryHandler(ask.bloc_button, pattern=r"^bl:\d+:\w+$"),
            CallbackQueryHandler(admin.feedback_button, pattern=r"^fb:\d+:-?1$"),
            CallbackQueryHandler(ask.khoi_button, pattern=r"^kb:(\w+|-)$"),
            CallbackQueryHandler(admin.upload_button, pattern=r"^up:[kr]:[0-9a-f]+$"),
            CallbackQueryHandler(admin.list_button, pattern=r"^(tl|xt):\d+$"),
            CallbackQueryHandler(admin.remove_button, pattern=r"^(xd:[0-9a-f]+|xy:[0-9a-f]+|xn)$"),
            CallbackQueryHandler(admin.correction_button, pattern=r"^sa:[yn]:[0-9a-f]+$"),
            MessageHandler(private & filters.Document.ALL, admin.document),
            MessageHandler(
                groups & filters.Document.ALL & filters.CaptionRegex(r"^/themtailieu(@\w+)?\b"),
                admin.document,
            ),
            MessageHandler(
                filters.REPLY & filters.TEXT & ~filters.COMMAND & CorrectionPrompt(),
                admin.correction_reply,
            ),
            MessageHandler(private & filters.TEXT & ~filters.COMMAND, ask.private_text),
            MessageHandler(groups & filters.TEXT & ~filters.COMMAND, ask.group_text),
            MessageHandler(
                private & ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL,
                ask.not_text,
            ),
            # Last: only commands that no handler above took.
            MessageHandler(filters.COMMAND & filters.UpdateType.MESSAGE, guards.unknown_command),
        ]
    )
    application.add_error_handler(guards.on_error)
    # Reminders: a scan now (what was missed while down goes out, marked late), then every few
    # minutes; the state is in the database, the JobQueue only wakes the scan.
    assert application.job_queue is not None
    application.job_queue.run_repeating(
        reminders.reminder_job,
        interval=settings.reminders.check_minutes * 60,
        first=0,
        name="reminders",
    )
    return application


async def _post_init(application: Application) -> None:  # type: ignore[type-arg]
    await application.bot.set_my_commands(
        [BotCommand(name, text) for name, text in texts.COMMANDS.items()]
    )
    log.warning(texts.SERVING.format(username=application.bot.username))


async def _post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
    services = application.bot_data.services
    if services is not None:
        services.pool.shutdown(wait=False, cancel_futures=True)
        services.chats.engine.dispose()


async def _reachable(bot: TolerantBot) -> None:
    async with bot:  # initialize() asks getMe: the token and the server both answer
        pass


def check_api(settings: Settings) -> None:
    """Fail fast, with a clear message, when the Bot API server is unreachable or refuses the
    token (before the index and the model are loaded)."""
    try:
        asyncio.run(_reachable(make_bot(settings.telegram)))
    except InvalidToken as exc:
        raise ConfigError(texts.TOKEN_REJECTED) from exc
    except NetworkError as exc:
        raise ConfigError(
            texts.API_UNREACHABLE.format(url=settings.telegram.base_url, error=exc.message)
        ) from exc


def serve(settings: Settings, parts: Parts) -> None:
    """Run the bot: long polling, or a webhook when WEBHOOK_URL is set. Blocks until stopped.
    The services are wired (with `parts`) once the Bot API server has answered."""
    token = bot_token(settings.telegram)
    for handler in logging.getLogger().handlers:
        handler.addFilter(guards.RedactSecrets(token))
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its request lines carry the token
    check_api(settings)
    log.warning(texts.STARTING)
    try:
        services = open_services(settings, parts)
    except LLMUnavailable as exc:
        raise ConfigError(str(exc)) from exc
    services.qa.answer("khởi động")  # load the model and warm caches before the first question
    application = build_application(settings, services)
    if settings.telegram.webhook_url:
        application.run_webhook(**webhook_options(settings.telegram))
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)


def webhook_options(telegram: TelegramSettings) -> dict[str, Any]:
    """Where the webhook listens (behind the operator's TLS proxy) and what it tells Telegram."""
    assert telegram.webhook_url is not None
    secret = telegram.webhook_secret
    return {
        "listen": telegram.webhook_listen,
        "port": telegram.webhook_port,
        "url_path": urlparse(telegram.webhook_url).path.lstrip("/"),
        "webhook_url": telegram.webhook_url,
        "secret_token": secret.get_secret_value() if secret else None,
        "allowed_updates": Update.ALL_TYPES,
    }
