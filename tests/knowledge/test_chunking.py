"""Chunking sentences into passages."""

from __future__ import annotations

from bot.knowledge.chunking import chunk_sentences
from bot.vi.sentences import split_sentences


def test_chunks_never_split_a_sentence_and_respect_the_size() -> None:
    sentences = [f"Câu số {i} nói về khối thi đua và hội nghị tổng kết." for i in range(20)]
    chunks = chunk_sentences(sentences, max_chars=120)
    assert [c.position for c in chunks] == list(range(len(chunks)))
    assert all(len(c.text) <= 120 for c in chunks)
    assert "\n".join(c.text for c in chunks) == "\n".join(sentences)
    assert split_sentences(chunks[0].text) == sentences[: len(chunks[0].text.splitlines())]
    long_sentence = "x" * 300
    assert chunk_sentences([long_sentence], 120)[0].text == long_sentence
