"""Lexical-only retrieval with three tokenisations: syllables, syllables + pairs, pyvi words.

    pip install -e '.[segmentation]'
    python scripts/compare_tokenizers.py ../shared/eval/dev_questions.yaml \
        --knowledge ../shared/eval/dev_corpus
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import bm25s
import numpy as np
from pyvi import ViTokenizer

from bot.answers.evaluation import load_questions
from bot.settings import PathSettings, Settings
from bot.vi import normalize as vt
from bot.wiring import open_answers


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", vt.fold(text)).strip()


def _pyvi(text: str) -> list[str]:
    words = ViTokenizer.tokenize(vt.normalize(text).lower()).split()
    return [w for w in words if any(ch.isalnum() for ch in w)]


TOKENIZERS: dict[str, Callable[[str], list[str]]] = {
    "syllables": lambda t: vt.lexical_tokens(t),
    "syllables+pairs": lambda t: vt.with_bigrams(vt.lexical_tokens(t)),
    "pyvi-words": _pyvi,
}


def main() -> None:
    """Print evidence hit@5 and doc hit@1 of BM25 for each tokenisation."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("questions", type=Path)
    parser.add_argument("--knowledge", type=Path, required=True)
    args = parser.parse_args()
    questions = load_questions(args.questions)
    with tempfile.TemporaryDirectory() as index_dir:
        settings = Settings(
            paths=PathSettings(knowledge_dir=args.knowledge, index_dir=Path(index_dir))
        )
        index = open_answers(settings)[0].index
    docs = {name: _key(doc.text) for name, doc in index.docs.items()}
    for name, tokenize in TOKENIZERS.items():
        started = time.perf_counter()
        model = bm25s.BM25()
        model.index([tokenize(c.text) for c in index.chunks], show_progress=False)
        build = time.perf_counter() - started
        doc_hits, evidence_hits, evidence_total = 0, 0, 0
        for q in questions:
            scores = model.get_scores(tokenize(q.question))
            top = [index.chunks[i] for i in np.argsort(-scores)[:5]]
            doc_hits += bool(q.docs) and top[0].doc in q.docs
            wanted = [
                e for e in map(_key, q.evidence) if e and any(e in docs.get(d, "") for d in q.docs)
            ]
            if wanted:
                evidence_total += 1
                evidence_hits += any(e in _key(c.text) for e in wanted for c in top)
        answerable = sum(bool(q.docs) for q in questions)
        print(
            json.dumps(
                {
                    "tokenizer": name,
                    "doc_hit@1": round(100 * doc_hits / answerable, 1),
                    "evidence_hit@5": round(100 * evidence_hits / evidence_total, 1),
                    "index_seconds": round(build, 2),
                }
            )
        )


if __name__ == "__main__":
    main()
