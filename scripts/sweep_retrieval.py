"""Measure retrieval settings on a question set: the figures behind the fusion weights.

    python scripts/sweep_retrieval.py ../shared/eval/dev_questions.yaml \
        --knowledge ../shared/eval/dev_corpus --chunk-chars 300 500 800
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
from pathlib import Path

from bot.answers.evaluation import Report, evaluate, load_questions
from bot.knowledge.retrieval import HybridRetriever, Mode
from bot.settings import PathSettings, RetrievalSettings, Settings
from bot.wiring import open_answers


def main() -> None:
    """Print one JSON line per configuration, with and without diacritics in the questions."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("questions", type=Path)
    parser.add_argument("--knowledge", type=Path, required=True)
    parser.add_argument("--chunk-chars", type=int, nargs="+", default=[500])
    parser.add_argument("--dense", type=float, nargs="+", default=[0.5, 1.0])
    parser.add_argument("--lexical", type=float, nargs="+", default=[1.0])
    parser.add_argument("--bigrams", choices=["on", "off", "both"], default="both")
    args = parser.parse_args()
    questions = load_questions(args.questions)
    bigram_options = {"on": [True], "off": [False], "both": [True, False]}[args.bigrams]
    for chunk_chars, bigrams in itertools.product(args.chunk_chars, bigram_options):
        with tempfile.TemporaryDirectory() as index_dir:
            base = RetrievalSettings(chunk_chars=chunk_chars, bigrams=bigrams)
            settings = Settings(
                paths=PathSettings(knowledge_dir=args.knowledge, index_dir=Path(index_dir)),
                retrieval=base,
            )
            service, _ = open_answers(settings)
            grid = itertools.product(args.dense, args.lexical)
            configs = [(Mode.DENSE, 1.0, 0.0), (Mode.LEXICAL, 0.0, 1.0)] + [
                (Mode.HYBRID, *weights) for weights in grid
            ]
            for mode, dense, lexical in configs:
                service.retriever = HybridRetriever(
                    service.index,
                    base.model_copy(
                        update={
                            "dense_weight": dense,
                            "lexical_weight": lexical,
                        }
                    ),
                )
                row: dict[str, object] = {
                    "chunk_chars": chunk_chars,
                    "bigrams": bigrams,
                    "mode": str(mode),
                    "dense": dense,
                    "lexical": lexical,
                }
                for label, strip in (("accented", False), ("unaccented", True)):
                    results = evaluate(service, questions, mode=mode, strip_diacritics=strip)
                    summary = Report(results, 0, 0, 0, str(mode)).summary()
                    row[label] = {
                        k: summary[k] for k in ("doc_hit@1", "doc_hit@5", "evidence_hit@5")
                    }
                print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
