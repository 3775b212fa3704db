"""Shared fixtures: each test has its knowledge, index and database in a temporary folder."""

from __future__ import annotations

import hashlib
import math
import shutil
from pathlib import Path

import pytest

from bot.knowledge.embeddings import Embedder
from bot.settings import Settings
from bot.vi import normalize as vt

pytest_plugins = ["tests.fakebotapi"]
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV_CORPUS = SHARED / "eval" / "dev_corpus"


class FakeEmbedder(Embedder):
    """Deterministic bag-of-folded-words vectors: a stand-in for the model in fast tests."""

    dimensions = 64

    def __init__(self) -> None:
        super().__init__("fake-embedder")

    def _vector(self, text: str) -> list[float]:
        vector = [0.0] * self.dimensions
        for token in vt.lexical_tokens(text, folded=True):
            digest = hashlib.md5(token.encode()).digest()
            vector[digest[0] % self.dimensions] += 1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every path setting at tmp_path and keep the developer's .env out of tests."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KNOWLEDGE_DIR", str(tmp_path / "knowledge"))
    monkeypatch.setenv("INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.sqlite3'}")
    for name in ("CHROMA_HOST", "EMBEDDING_MODEL", "TELEGRAM_BOT_TOKEN", "DEFAULT_PROVINCE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    """A copy of the project's sample knowledge."""
    target = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", target)
    return target


@pytest.fixture
def dev_corpus(tmp_path: Path) -> Path:
    """A copy of the shared development corpus (skips when shared/ is absent)."""
    if not DEV_CORPUS.is_dir():
        pytest.skip("../shared/eval/dev_corpus is not present")
    target = tmp_path / "knowledge"
    shutil.copytree(DEV_CORPUS, target)
    return target


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings of an isolated deployment."""
    return Settings()


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    """The deterministic test embedder."""
    return FakeEmbedder()
