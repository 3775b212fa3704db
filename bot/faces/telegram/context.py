"""The services the handlers use, reached through a typed `CallbackContext`."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar
from zoneinfo import ZoneInfo

from telegram.ext import Application, CallbackContext, ExtBot

from bot.answers.history import ChatStore
from bot.answers.service import AnswerService
from bot.calendar.reminders import ReminderService
from bot.wiring import Services

T = TypeVar("T")


class RateLimiter:
    """At most `per_minute` questions per user in any 60 seconds (0 = unlimited)."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._asked: dict[int, deque[float]] = {}

    def wait(self, user_id: int) -> float:
        """Seconds the user must wait before asking again; 0 when the question may go now
        (and is then counted)."""
        if self.per_minute <= 0:
            return 0.0
        now = self.clock()
        asked = self._asked.setdefault(user_id, deque())
        while asked and now - asked[0] >= 60:
            asked.popleft()
        if len(asked) >= self.per_minute:
            return 60 - (now - asked[0])
        asked.append(now)
        return 0.0


@dataclass
class BotServices(Services):
    """The wired services and what serving Telegram adds to them: worker threads that keep
    blocking work off the event loop, the per-user rate limit, one lock per chat and a clock."""

    clock: Callable[[], dt.datetime] | None = None  # tests set the time; else the real one
    pool: ThreadPoolExecutor = field(init=False)
    limiter: RateLimiter = field(init=False)
    _locks: dict[int, asyncio.Lock] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        telegram = self.settings.telegram
        self.pool = ThreadPoolExecutor(telegram.answer_workers, thread_name_prefix="answer")
        self.limiter = RateLimiter(telegram.rate_limit)

    @classmethod
    def of(cls, services: Services) -> BotServices:
        """The services built by `bot.wiring`, ready to serve Telegram."""
        return cls(**vars(services))

    async def run(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T:
        """Run blocking work (answering, the database) off the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, functools.partial(fn, *args, **kwargs))

    def lock(self, chat_id: int) -> asyncio.Lock:
        """One question at a time per chat, so a follow-up reads the answer before it."""
        return self._locks.setdefault(chat_id, asyncio.Lock())

    def now(self) -> dt.datetime:
        """The time now in the deployment's time zone."""
        return self.clock() if self.clock else dt.datetime.now(ZoneInfo(self.settings.timezone))

    def today(self) -> dt.date:
        """Today in the deployment's time zone (anchors "năm nay")."""
        return self.now().date()

    def is_admin(self, user_id: int | None) -> bool:
        """Whether the user is one of the bot's admins (ADMIN_IDS)."""
        return user_id is not None and user_id in self.settings.telegram.admin_ids

    def allowed(self, user_id: int | None, chat_id: int | None) -> bool:
        """Whether the user (or the chat they write in) may use the bot."""
        allowed = self.settings.telegram.allowed_chat_ids
        return not allowed or self.is_admin(user_id) or bool({user_id, chat_id} & allowed)


class BotData:
    """`application.bot_data`: holds the services."""

    services: BotServices | None = None


class BotContext(CallbackContext[ExtBot[int], dict, dict, BotData]):  # type: ignore[type-arg]
    """The handlers' context: `context.services`, `context.qa`, `context.chats`."""

    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def services(self) -> BotServices:
        """The services of this application."""
        services = self.bot_data.services
        if services is None:
            raise RuntimeError("services are not attached to the application")
        return services

    @property
    def qa(self) -> AnswerService:
        """The question-answering core."""
        return self.services.qa

    @property
    def reminders(self) -> ReminderService:
        """Reminders before meetings and deadlines."""
        return self.services.reminders

    @property
    def chats(self) -> ChatStore:
        """Chat preferences, answers and feedback."""
        return self.services.chats
