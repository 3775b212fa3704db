"""What every fact reply shares: its shape and the helpers that word and rank facts."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from bot.answers.questions import Intent, ParsedQuestion
from bot.facts.model import Fact, FactKind, Role
from bot.facts.store import Bloc, FactStore
from bot.vi import normalize as vt

KIND_OF_INTENT = {
    Intent.LEADER: FactKind.ROLE,
    Intent.DEPUTY: FactKind.ROLE,
    Intent.MEMBERS: FactKind.BLOC,
    Intent.COUNT: FactKind.BLOC,
    Intent.AWARD: FactKind.AWARD,
    Intent.MEETING: FactKind.MEETING,
    Intent.DOCUMENT: FactKind.DOCUMENT,
    Intent.DEADLINE: FactKind.DEADLINE,
}
ROLE_OF_INTENT = {Intent.LEADER: Role.LEADER, Intent.DEPUTY: Role.DEPUTY}


@dataclass(frozen=True)
class FactReply:
    """A reply from facts: its text, whether it answers (or abstains), and the facts cited."""

    text: str
    answered: bool
    facts: tuple[Fact, ...]
    ambiguous_blocs: tuple[Bloc, ...] = ()
    no_bloc: bool = False  # the question's bloc is not known at all
    clarify: bool = False  # too many blocs fit: the reply asks which one


def date_text(value: str | None) -> str:
    """An ISO date as people write it (24/02/2023); other text as it is."""
    if not value:
        return ""
    try:
        return vt.format_date(dt.date.fromisoformat(value))
    except ValueError:
        return value


@functools.lru_cache(maxsize=65536)
def folded_words(text: str) -> frozenset[str]:
    """Folded lexical tokens of a text (cached: evidence sentences recur across questions)."""
    return frozenset(vt.lexical_tokens(text, folded=True))


@functools.lru_cache(maxsize=4096)
def question_words(text: str) -> frozenset[str]:
    """Folded content words of a question (cached)."""
    return frozenset(vt.content_words(text, folded=True))


def share(question: ParsedQuestion, text: str) -> float:
    """Share of the question's words found in a text."""
    words = question_words(question.text)
    return len(words & folded_words(text)) / len(words) if words else 0.0


def overlap(question: ParsedQuestion, fact: Fact) -> float:
    """Share of the question's words in a fact's evidence sentence."""
    return share(question, fact.evidence)


def distinct(values: Iterable[str | None]) -> list[str]:
    """The non-empty values, once each, in order."""
    seen: dict[str, None] = {}
    for value in values:
        if value:
            seen.setdefault(str(value))
    return list(seen)


def prefer_curated(facts: list[Fact]) -> list[Fact]:
    """The curated facts when there are any, else all."""
    curated = [f for f in facts if f.curated]
    return curated or facts


def shorten(text: str, limit: int) -> str:
    """The text cut at a word boundary within `limit` characters, an ellipsis added."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def clip(text: str, limit: int) -> str:
    """The text cut at a word boundary to at most `limit` characters, the ellipsis included."""
    return text if len(text) <= limit else shorten(text, limit - 1)


def unique(facts: Iterable[Fact]) -> list[Fact]:
    """The facts once each (by identity), in order."""
    return list({id(f): f for f in facts}.values())


def group(store: FactStore, facts: list[Fact]) -> dict[Bloc, list[Fact]]:
    """The facts grouped by the bloc each is about."""
    grouped: dict[Bloc, list[Fact]] = {}
    for fact in facts:
        bloc = store.bloc_of(fact)
        if bloc is not None:
            grouped.setdefault(bloc, []).append(fact)
    return grouped
