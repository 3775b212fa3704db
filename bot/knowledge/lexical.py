"""BM25 over our own tokens, in two fields: with diacritics and folded."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import bm25s
import numpy as np

from bot.vi import normalize as vt


class LexicalIndex:
    """BM25 models over passages' tokens (accented and folded), searchable per document set."""

    def __init__(
        self, passages: Sequence[Sequence[str]], docs: Sequence[str], *, bigrams: bool
    ) -> None:
        """`passages` are the token lists of the passages and `docs` their documents, in the
        same order; `bigrams` adds pairs of neighbouring syllables to the terms."""
        self._bigrams = bigrams
        self._doc_ids = {name: i for i, name in enumerate(sorted(set(docs)))}
        self._passage_doc = np.array([self._doc_ids[d] for d in docs], dtype=np.int32)
        self._models: Mapping[bool, bm25s.BM25] = (
            {folded: self._model(passages, folded) for folded in (False, True)} if passages else {}
        )

    def _model(self, passages: Sequence[Sequence[str]], folded: bool) -> bm25s.BM25:
        model = bm25s.BM25()
        model.index([self.terms(t, folded) for t in passages], show_progress=False)
        return model

    def terms(self, tokens: Sequence[str], folded: bool) -> list[str]:
        """The BM25 terms of a token list: folded or not, with syllable pairs if configured."""
        terms = [vt.fold(t) for t in tokens] if folded else list(tokens)
        return vt.with_bigrams(terms) if self._bigrams else terms

    def doc_mask(self, allowed_docs: set[str] | None) -> np.ndarray | None:
        """A boolean mask over passages for a set of allowed documents (None = all)."""
        if allowed_docs is None:
            return None
        ids = [self._doc_ids[d] for d in allowed_docs if d in self._doc_ids]
        return np.isin(self._passage_doc, np.array(ids, dtype=np.int32))

    def search(
        self, query_tokens: list[str], folded: bool, k: int, mask: np.ndarray | None
    ) -> list[tuple[int, float]]:
        """Top passages by BM25 over accented (or folded) tokens: (passage index, score)."""
        model = self._models.get(folded)
        if model is None or not query_tokens:
            return []
        scores = model.get_scores(self.terms(query_tokens, folded))
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        ranked = sorted(((int(i), float(scores[i])) for i in top), key=lambda x: -x[1])
        return [(i, s) for i, s in ranked if s > 0]
