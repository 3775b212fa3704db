"""The question-answering core: question in, sourced answer out. Knows nothing of Telegram."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from bot import messages
from bot import text as vt
from bot.chunking import split_sentences
from bot.embeddings import Embedder
from bot.index import KnowledgeIndex, SyncReport
from bot.provinces import find_provinces
from bot.retrieval import Filters, Hit, HybridRetriever, Mode
from bot.settings import Settings

_ANSWER_CHARS = 240


class Kind(StrEnum):
    """What sort of reply an answer is."""

    FACT = "fact"
    PASSAGE = "passage"
    CLARIFY = "clarify"
    UNANSWERABLE = "unanswerable"


@dataclass(frozen=True)
class Source:
    """A cited passage."""

    doc: str
    title: str
    date: str | None
    text: str
    score: float


@dataclass
class Answer:
    """The core's reply: the short text a person reads first, its kind and its sources."""

    question: str
    text: str
    kind: Kind
    sources: list[Source] = field(default_factory=list)
    elapsed_ms: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `ask`."""
        return {
            "question": self.question,
            "answer": self.text,
            "kind": str(self.kind),
            "sources": [asdict(s) for s in self.sources],
            "elapsed_ms": round(self.elapsed_ms, 1),
        }


def coverage(words: list[str], tokens: list[str]) -> float:
    """Share of `words` present among `tokens` (both folded)."""
    if not words:
        return 0.0
    present = set(tokens)
    return sum(w in present for w in words) / len(words)


def _shorten(sentence: str, limit: int = _ANSWER_CHARS) -> str:
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0] + "…"


class AnswerService:
    """Answers questions from the knowledge index, with sources, or says it does not know."""

    def __init__(self, settings: Settings, index: KnowledgeIndex) -> None:
        self.settings = settings
        self.index = index
        self.retriever = HybridRetriever(index, settings.retrieval)

    @classmethod
    def open(cls, settings: Settings, progress: bool = True) -> tuple[AnswerService, SyncReport]:
        """Load the embedding model and the index, building or updating it as needed."""
        embedder = Embedder(settings.embedding.model, settings.embedding.batch_size)
        index = KnowledgeIndex(settings, embedder)
        report = index.sync(progress=progress)
        return cls(settings, index), report

    def answer(
        self, question: str, today: dt.date | None = None, mode: Mode = Mode.HYBRID
    ) -> Answer:
        """Answer one question; `today` anchors relative years ("năm nay")."""
        started = time.perf_counter()
        result = self._answer(vt.normalize(question).strip(), mode)
        result.question = question
        result.elapsed_ms = (time.perf_counter() - started) * 1000
        return result

    def _answer(self, question: str, mode: Mode) -> Answer:
        words = [vt.fold(w) for w in vt.content_words(question, folded=False)]
        if not words:
            return Answer(question, messages.EMPTY_QUESTION, Kind.CLARIFY)
        provinces = find_provinces(question) or (
            [self.settings.default_province] if self.settings.default_province else []
        )
        filters = Filters(provinces=frozenset(provinces)) if provinces else Filters()
        hits = self.retriever.search(question, k=5, mode=mode, filters=filters)
        if not hits and provinces:
            nearest = self.retriever.search(question, k=5, mode=mode)
            text = messages.PROVINCE_NOT_COVERED.format(province=", ".join(provinces))
            return Answer(question, text, Kind.UNANSWERABLE, self._sources(nearest))
        if not hits:
            return Answer(question, messages.UNANSWERABLE, Kind.UNANSWERABLE)
        best = max(hits[:3], key=lambda h: coverage(words, [vt.fold(t) for t in h.chunk.tokens]))
        if (
            coverage(words, [vt.fold(t) for t in best.chunk.tokens])
            < self.settings.retrieval.min_coverage
        ):
            text = f"{messages.UNANSWERABLE_NEAREST} “{_shorten(best.chunk.text)}”"
            return Answer(question, text, Kind.UNANSWERABLE, self._sources(hits))
        return Answer(
            question, self._best_sentence(words, hits), Kind.PASSAGE, self._sources(hits)
        )

    @staticmethod
    def _best_sentence(words: list[str], hits: list[Hit]) -> str:
        """The sentence of the top passages that holds most of the question's words."""
        candidates = [
            (coverage(words, vt.lexical_tokens(sentence, folded=True)), -rank, sentence)
            for rank, hit in enumerate(hits[:3])
            for sentence in split_sentences(hit.chunk.text)
        ]
        return _shorten(max(candidates)[2])

    @staticmethod
    def _sources(hits: list[Hit]) -> list[Source]:
        return [
            Source(h.chunk.doc, h.chunk.title, h.chunk.date, h.chunk.text, round(h.score, 5))
            for h in hits
        ]
