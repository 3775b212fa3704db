"""Dense vectors of the passages in chroma: embedded under the index folder, or on a server."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import chromadb
from tqdm import tqdm

from bot.knowledge.embeddings import ChromaEmbeddingFunction, Embedder
from bot.settings import ChromaSettings

_DELETE_BATCH = 5000


class Passage(Protocol):
    """What the vector store needs of a passage."""

    @property
    def id(self) -> str: ...
    @property
    def doc(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def position(self) -> int: ...
    @property
    def province(self) -> str | None: ...
    @property
    def bloc(self) -> str | None: ...
    @property
    def date(self) -> str | None: ...


def embedding_text(passage: Passage) -> str:
    """What is embedded: the report's title first, so a passage is found by its subject."""
    return f"{passage.title}\n{passage.text}"


class VectorStore:
    """One chroma collection per embedding model, opened on first use."""

    def __init__(
        self, settings: ChromaSettings, index_dir: Path, embedder: Embedder, batch_size: int
    ) -> None:
        self._settings = settings
        self._index_dir = index_dir
        self._embedder = embedder
        self._batch = max(1, batch_size) * 4
        self._collection: Any = None

    @property
    def collection(self) -> Any:
        """The chroma collection (embedded, or on the configured server)."""
        if self._collection is None:
            if self._settings.host:
                client = chromadb.HttpClient(host=self._settings.host, port=self._settings.port)
            else:
                self._index_dir.mkdir(parents=True, exist_ok=True)
                client = chromadb.PersistentClient(path=str(self._index_dir / "chroma"))
            digest = hashlib.sha1(self._embedder.model_name.encode()).hexdigest()[:10]
            self._collection = client.get_or_create_collection(
                f"knowledge_{digest}",
                embedding_function=ChromaEmbeddingFunction(self._embedder),  # type: ignore[arg-type]
                configuration={"hnsw": {"space": "cosine"}},
            )
        return self._collection

    def add(self, passages: Sequence[Passage], progress: bool) -> None:
        """Embed and store passages (replacing those with the same ids)."""
        bar = tqdm(
            total=len(passages),
            desc="Đang lập chỉ mục",
            unit="đoạn",
            disable=not progress or not passages,
        )
        for start in range(0, len(passages), self._batch):
            part = passages[start : start + self._batch]
            self.collection.upsert(
                ids=[p.id for p in part],
                documents=[embedding_text(p) for p in part],
                metadatas=[_metadata(p) for p in part],
            )
            bar.update(len(part))
        bar.close()

    def delete(self, ids: Sequence[str]) -> None:
        """Remove the vectors of these passage ids."""
        for start in range(0, len(ids), _DELETE_BATCH):
            self.collection.delete(ids=list(ids[start : start + _DELETE_BATCH]))

    def clear(self) -> None:
        """Remove every vector."""
        self.delete(self.collection.get(include=[])["ids"])

    def repair(self, passages: Sequence[Passage], progress: bool) -> None:
        """Re-add missing vectors and drop extra ones (e.g. a new chroma server beside an old
        manifest)."""
        if self.collection.count() == len(passages):
            return
        present = set(self.collection.get(include=[])["ids"])
        self.add([p for p in passages if p.id not in present], progress)
        extra = list(present - {p.id for p in passages})
        if extra:
            self.delete(extra)

    def search(
        self, query: str, k: int, allowed_docs: set[str] | None, positions: Mapping[str, int]
    ) -> list[tuple[int, float]]:
        """Top passages by cosine similarity: (position in `positions`, similarity)."""
        if not positions or (allowed_docs is not None and not allowed_docs):
            return []
        where = {"doc": {"$in": sorted(allowed_docs)}} if allowed_docs is not None else None
        result = self.collection.query(
            query_embeddings=[self._embedder.embed_query(query)],
            n_results=min(k, len(positions)),
            where=where,
            include=["distances"],
        )
        return _known(zip(result["ids"][0], result["distances"][0], strict=True), positions)


def _known(
    found: Iterable[tuple[str, float]], positions: Mapping[str, int]
) -> list[tuple[int, float]]:
    return [(positions[cid], 1.0 - float(dist)) for cid, dist in found if cid in positions]


def _metadata(passage: Passage) -> dict[str, str | int]:
    return {
        "doc": passage.doc,
        "title": passage.title,
        "position": passage.position,
        "province": passage.province or "",
        "bloc": passage.bloc or "",
        "date": passage.date or "",
    }
