"""A report read once for every rule family: its sentences, the years its meeting is about and
its bloc names; and the shape of a family."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bot.facts.blocs import Blocs
from bot.facts.model import DocContext, Fact, FactKind
from bot.facts.period import Period
from bot.vi.normalize import normalize
from bot.vi.sentences import split_sentences
from bot.vi.tokens import Sentence


@dataclass(frozen=True)
class Found:
    """A fact a rule read, the index of its sentence, and how sure the rule is of its year
    (tier 2: written; 1: derived from the meeting)."""

    fact: Fact
    sentence: int
    tier: int = 2


@dataclass(frozen=True)
class Document:
    """What every family reads a report with, computed once and never changed."""

    context: DocContext
    sentences: tuple[Sentence, ...]
    period: Period
    blocs: Blocs

    @classmethod
    def read(cls, context: DocContext, text: str) -> Document:
        """Split a report (normalised by `bot.vi.normalize.normalize`) and read its time and
        blocs."""
        sentences = tuple(Sentence(t, i) for i, t in enumerate(split_sentences(text)))
        return cls(
            context,
            sentences,
            Period.read(normalize(context.title), sentences, context.date),
            Blocs(context.bloc, sentences),
        )

    def fact(self, s: Sentence, kind: FactKind, rule: str, tier: int = 2, **values: Any) -> Found:
        """A fact read from sentence s by a rule; its bloc is the document's unless given."""
        values.setdefault("bloc", self.context.bloc)
        fact = Fact(kind=kind, doc=self.context.doc, evidence=s.text, rule=rule, **values)
        return Found(fact, s.index, tier)


# A rule family: every fact of its kind in a document, sentence by sentence.
Family = Callable[[Document], Iterable[Found]]
