"""Chunking of a document's sentences into retrievable passages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextChunk:
    """A passage: consecutive sentences of one document, and its position in the document."""

    position: int
    text: str


def chunk_sentences(sentences: list[str], max_chars: int) -> list[TextChunk]:
    """Pack consecutive sentences into chunks of at most `max_chars` (a longer sentence stands
    alone), never splitting a sentence, so a quoted evidence sentence stays whole. Sentences
    are joined by newlines, so `split_sentences` recovers them from a chunk."""
    chunks: list[TextChunk] = []
    current: list[str] = []
    size = 0
    for sentence in sentences:
        if current and size + 1 + len(sentence) > max_chars:
            chunks.append(TextChunk(len(chunks), "\n".join(current)))
            current, size = [], 0
        current.append(sentence)
        size += len(sentence) + (1 if size else 0)
    if current:
        chunks.append(TextChunk(len(chunks), "\n".join(current)))
    return chunks
