"""The whole extractor over a corpus."""

from __future__ import annotations

import time

from tests.conftest import DEV_CORPUS
from tests.facts.conftest import dev_facts, needs_corpus


@needs_corpus
def test_dev_corpus_is_read_quickly() -> None:
    documents = sorted(DEV_CORPUS.glob("*.txt"))
    prefixes = [path.name.split("_")[0] + "_" for path in documents]
    start = time.perf_counter()
    for prefix in prefixes:
        dev_facts(prefix)
    assert time.perf_counter() - start < 2.0
