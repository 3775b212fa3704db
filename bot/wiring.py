"""The one place that builds the services from the settings.

The settings choose each backend: the embedding model (`EMBEDDING_MODEL`), the database
(`DATABASE_URL`, SQLite or PostgreSQL: `bot.db`) and the optional language model
(`LLM_PROVIDER`: `bot.answers.llm`). `Parts` replaces any of them with one built elsewhere: the
faces pass none, tests pass a fake embedder, a fake chat model or their own engine, through the
same functions.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from langchain_core.language_models import BaseChatModel
from sqlalchemy import Engine

from bot.answers.history import ChatStore
from bot.answers.llm import GroundedWriter, build_chat_model
from bot.answers.service import AnswerService
from bot.audit import AuditLog
from bot.calendar.blocs import BlocNames
from bot.calendar.reminders import ReminderService
from bot.calendar.schedule import Calendar
from bot.calendar.sources import CalendarError, load_events
from bot.db import open_database
from bot.facts.curated import load_all_curated
from bot.knowledge.embeddings import Embedder
from bot.knowledge.index import KnowledgeIndex, SyncReport
from bot.library import Library
from bot.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Parts:
    """Parts built elsewhere, used instead of those the settings name (tests pass fakes)."""

    embedder: Embedder | None = None
    chat_model: BaseChatModel | None = None  # used even when LLM_PROVIDER is none
    engine: Engine | None = None


@dataclass
class Services:
    """What a long-running face serves from: the knowledge as admins change it (and the
    question-answering core over it), the chats' state, the reminders and the writer that
    phrases answers when a language model is configured."""

    settings: Settings
    library: Library
    chats: ChatStore
    reminders: ReminderService
    writer: GroundedWriter | None

    @property
    def qa(self) -> AnswerService:
        """The question-answering core over the last complete state of the knowledge."""
        return self.library.qa


def open_answers(
    settings: Settings, parts: Parts = Parts(), *, progress: bool = False
) -> tuple[AnswerService, SyncReport]:
    """The question-answering core over the index (built or updated as needed) and the curated
    facts; the report lists bad files and malformed curated entries."""
    embedder = parts.embedder or Embedder(settings.embedding.model, settings.embedding.batch_size)
    index = KnowledgeIndex(settings, embedder)
    report = index.sync(progress=progress)
    curated, errors = load_all_curated(settings.paths.knowledge_dir)
    report.curated_errors = errors
    return AnswerService(settings, index, curated), report


def open_writer(settings: Settings, parts: Parts = Parts()) -> GroundedWriter | None:
    """The writer over the configured language model, None without one; `LLMUnavailable` when
    the model cannot be used (a package or a setting is missing)."""
    model = parts.chat_model or build_chat_model(settings.llm)
    return GroundedWriter(model, settings.llm) if model is not None else None


def open_chats(settings: Settings, parts: Parts = Parts()) -> ChatStore:
    """The chats' preferences, answers and feedback, in the state database."""
    return ChatStore(_engine(settings, parts))


def open_reminders(
    settings: Settings, qa: AnswerService | None = None, parts: Parts = Parts()
) -> tuple[ReminderService, list[CalendarError]]:
    """The reminders over the calendar file's events and, given the core, the documents' ones
    (the core then answers calendar questions from this calendar); the errors name the
    calendar file's malformed entries."""
    engine = _engine(settings, parts)
    zone = ZoneInfo(settings.timezone)
    calendar = Calendar(engine, zone)
    errors = _read_events(calendar, settings, qa)
    if qa is not None:
        qa.calendar = calendar
    service = ReminderService(
        engine, calendar, settings.reminders, zone, settings.default_province
    )
    return service, errors


def _read_events(
    calendar: Calendar, settings: Settings, qa: AnswerService | None
) -> list[CalendarError]:
    """Give the calendar the file's events and, given the core, its documents' ones (the
    calendar file is the one of the core's knowledge folder)."""
    store, docs = (qa.store, qa.index.docs) if qa is not None else (None, None)
    events, errors = load_events(qa.settings if qa is not None else settings, store, docs)
    calendar.reload(events, BlocNames.of_store(store) if store is not None else None)
    return errors


def open_library(settings: Settings, qa: AnswerService, parts: Parts = Parts()) -> Library:
    """The knowledge as admins change it, over the core `qa` (and its folders); each change
    builds the core anew with the model already loaded, over the same calendar."""
    reuse = replace(parts, embedder=qa.index.embedder)

    def reopen() -> AnswerService:
        fresh, report = open_answers(qa.settings, reuse)
        for error in [*report.errors, *report.curated_errors]:
            log.warning("%s", error)
        fresh.calendar = qa.calendar
        return fresh

    return Library(qa, AuditLog(_engine(settings, parts)), reopen)


def open_services(
    settings: Settings, parts: Parts = Parts(), *, qa: AnswerService | None = None
) -> Services:
    """Every service, over one database engine; `qa` is a core already open (tests share one).
    Bad files and malformed entries are logged. `LLMUnavailable` comes first, before the slow
    part, when the configured language model cannot be used."""
    writer = open_writer(settings, parts)
    if qa is None:
        qa, report = open_answers(settings, parts)
        for error in [*report.errors, *report.curated_errors]:
            log.warning("%s", error)
    parts = replace(parts, engine=_engine(settings, parts))
    reminders, errors = open_reminders(settings, qa, parts)
    for calendar_error in errors:
        log.warning("%s", calendar_error)
    library = open_library(settings, qa, parts)
    library.subscribe(lambda fresh: _log_all(_read_events(reminders.calendar, settings, fresh)))
    return Services(settings, library, open_chats(settings, parts), reminders, writer)


def _log_all(errors: list[CalendarError]) -> None:
    for error in errors:
        log.warning("%s", error)


def _engine(settings: Settings, parts: Parts) -> Engine:
    return parts.engine or open_database(settings.database_url)
