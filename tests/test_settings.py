"""Settings: flat environment names, nested sections, command-line overrides, .env.example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_environment_names_reach_the_nested_sections(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNOWLEDGE_DIR", "/srv/kb")
    monkeypatch.setenv("EMBEDDING_MODEL", "intfloat/multilingual-e5-small")
    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", "8123")
    monkeypatch.setenv("DENSE_WEIGHT", "0.7")
    settings = Settings()
    assert settings.paths.knowledge_dir == Path("/srv/kb")
    assert settings.embedding.model == "intfloat/multilingual-e5-small"
    assert (settings.chroma.host, settings.chroma.port) == ("127.0.0.1", 8123)
    assert settings.retrieval.dense_weight == 0.7
    assert settings.timezone == "Asia/Ho_Chi_Minh"


def test_command_line_paths_override_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INDEX_DIR", "/srv/index")
    settings = Settings().with_paths(index_dir=Path("/tmp/other"))
    assert settings.paths.index_dir == Path("/tmp/other")
    assert settings.paths.knowledge_dir == Settings().paths.knowledge_dir


def test_env_example_lists_every_setting() -> None:
    source = (ROOT / "bot" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r'_env\("([A-Z_]+)"\)', source))
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^([A-Z_]+)=", example, flags=re.MULTILINE))
    assert names == listed


def test_the_token_is_never_in_the_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:SECRET")
    assert "SECRET" not in repr(Settings())


def test_id_lists_and_lead_days_are_read_as_operators_write_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ADMIN_IDS", "11, 22")
    monkeypatch.setenv("ALLOWED_CHAT_IDS", "-1001;33")
    monkeypatch.setenv("REMINDER_LEAD_DAYS", "3,0")
    monkeypatch.setenv("WEBHOOK_URL", "")
    settings = Settings()
    assert settings.telegram.admin_ids == {11, 22}
    assert settings.telegram.allowed_chat_ids == {-1001, 33}
    assert settings.reminders.lead_days == (3, 0)
    assert settings.telegram.webhook_url is None
