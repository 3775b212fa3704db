"""Shared fixtures: each test has its knowledge, index and database in a temporary folder."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import shutil
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import typer
from sqlalchemy import Engine

from bot.calendar.events import Event, EventKind
from bot.db import open_database
from bot.faces.cli import build_cli
from bot.knowledge.embeddings import Embedder
from bot.settings import Settings
from bot.vi import normalize as vt
from bot.wiring import Parts
from tests import pg

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


@pytest.fixture
def cli(fake_embedder: FakeEmbedder) -> typer.Typer:
    """The command line wired with the fake embedder (`bot.faces.cli.app` has the real one)."""
    return build_cli(Parts(embedder=fake_embedder))


# --- the calendar --------------------------------------------------------------------------------

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
K5 = "Khối thi đua số 5"

# A calendar file with two good entries and six malformed ones.
GOOD_AND_BAD = """\
- id: tong-ket
  kind: meeting
  title: Hội nghị tổng kết năm 2026
  bloc: Khối thi đua số 5
  date: 15/12/2026
  time: 8:00
- id: sai-ngay
  kind: meeting
  title: Hội nghị sơ kết
  date: 31/02/2026
- kind: deadline
  date: 20/12
  recurring: true
- id: thoi-tiet
  kind: weather
  title: Mưa
  date: 01/12/2026
- kind: deadline
  title: Gửi hồ sơ khen thưởng
  date: 20/12
  recurring: hằng năm
- id: tong-ket
  kind: meeting
  title: Trùng mã
  date: 16/12/2026
- kind: deadline
  title: Báo cáo quý
  date: 15/1
- kind: meeting
  title: Họp khối
  date: 2026-12-01
  plcae: Cục Thuế
"""

# Entries that are not tables of single values, and one good one.
NOT_TABLES = (
    "- Họp khối ngày 15/12/2026\n"
    "- id: hai-ten\n  kind: meeting\n  title: [Họp, Hội nghị]\n  date: 15/12/2026\n"
    "- {kind: meeting, title: Họp khối, date: 16/12/2026}\n"
)


def meeting(**fields: object) -> Event:
    """Khối 5's year-end meeting (15/12/2026 08:00, from the calendar file), `fields` changed."""
    values: dict[str, object] = {
        "id": "tong-ket",
        "kind": EventKind.MEETING,
        "title": "Hội nghị tổng kết năm 2026",
        "date": dt.date(2026, 12, 15),
        "time": dt.time(8, 0),
        "bloc": K5,
        "place": "Cục Thuế tỉnh",
        "source": "calendar.yaml",
    }
    values.update(fields)
    return Event(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def postgres() -> Iterator[pg.PostgresServer]:
    """One throwaway PostgreSQL server for the whole test session."""
    reason = pg.missing_reason()
    if reason is not None:
        pytest.skip(f"PostgreSQL state tests skipped: {reason}")
    with pg.PostgresServer() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty state database of each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state.sqlite3'}"
    server: pg.PostgresServer = request.getfixturevalue("postgres")
    return server.create_database()


@pytest.fixture
def state_engine(tmp_path: Path) -> Iterator[Engine]:
    """An empty SQLite state database."""
    engine = open_database(f"sqlite:///{tmp_path / 'state.sqlite3'}")
    yield engine
    engine.dispose()
