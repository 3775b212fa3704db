"""Hybrid retrieval: dense (chroma) and lexical (BM25) rankings fused by weighted RRF."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.knowledge.index import Chunk, KnowledgeIndex
from bot.settings import RetrievalSettings
from bot.vi import normalize as vt
from bot.vi.provinces import related_provinces


class Mode(StrEnum):
    """Which rankings a search uses."""

    HYBRID = "hybrid"
    DENSE = "dense"
    LEXICAL = "lexical"


@dataclass(frozen=True)
class Filters:
    """Restrictions on the documents searched; None = no restriction."""

    provinces: frozenset[str] | None = None
    bloc: str | None = None
    year: int | None = None
    docs: frozenset[str] | None = None  # only these documents


@dataclass(frozen=True)
class Hit:
    """A retrieved passage and its fused score."""

    chunk: Chunk
    score: float


class HybridRetriever:
    """Searches the knowledge index with dense, lexical or fused rankings."""

    def __init__(self, index: KnowledgeIndex, settings: RetrievalSettings) -> None:
        self.index = index
        self.settings = settings

    def allowed_docs(self, filters: Filters) -> set[str] | None:
        """Documents that pass the filters (None when nothing is filtered).

        A document whose province is unknown passes a province filter: it may be a national
        guidance or a report that never names its province.
        """
        if filters == Filters():
            return None
        provinces = (
            {p for name in filters.provinces for p in related_provinces(name)}
            if filters.provinces
            else None
        )
        bloc = vt.fold(filters.bloc) if filters.bloc else None
        return {
            name
            for name, doc in self.index.docs.items()
            if (provinces is None or doc.province is None or doc.province in provinces)
            and (bloc is None or (doc.bloc is not None and bloc in vt.fold(doc.bloc)))
            and (filters.year is None or filters.year in doc.years)
            and (filters.docs is None or name in filters.docs)
        }

    def search(
        self,
        query: str,
        k: int = 5,
        mode: Mode = Mode.HYBRID,
        filters: Filters | None = None,
        stating: frozenset[str] = frozenset(),
    ) -> list[Hit]:
        """The best `k` passages for the query. `stating` holds the ids of passages known to
        state the kind of fact asked (a role, an award…): in hybrid search they rank as one
        more list, so the sentence that says who led the bloc beats look-alike passages."""
        query = vt.normalize(query)
        allowed = self.allowed_docs(filters or Filters())
        depth = max(k, self.settings.candidates)
        rankings: list[tuple[float, list[tuple[int, float]]]] = []
        folded = not vt.has_diacritics(query)
        extra = " ".join(vt.expansions(query))
        tokens = vt.lexical_tokens(f"{query}\n{extra}", folded=folded)
        if mode in (Mode.HYBRID, Mode.LEXICAL):
            lexical = self.index.lexical.search(
                tokens, folded, depth, self.index.lexical.doc_mask(allowed)
            )
            rankings.append((self.settings.lexical_weight, lexical))
        if mode in (Mode.HYBRID, Mode.DENSE):
            dense = self.index.dense_search(vt.expand_abbreviations(query), depth, allowed)
            rankings.append((self.settings.dense_weight, dense))
        fused: dict[int, float] = {}
        for weight, ranking in rankings:
            self._fuse(fused, weight, [position for position, _ in ranking])
        if mode is Mode.HYBRID and stating:
            ranked = sorted(fused, key=lambda p: -fused[p])
            preferred = [p for p in ranked if self.index.chunks[p].id in stating]
            self._fuse(fused, self.settings.fact_weight, preferred)
        best = sorted(fused.items(), key=lambda item: -item[1])[:k]
        return [Hit(self.index.chunks[position], score) for position, score in best]

    def _fuse(self, fused: dict[int, float], weight: float, ranked: list[int]) -> None:
        """Add one ranking (best first) to the fused scores: weighted reciprocal rank fusion."""
        for rank, position in enumerate(ranked):
            fused[position] = fused.get(position, 0.0) + weight / (self.settings.rrf_k + rank + 1)
