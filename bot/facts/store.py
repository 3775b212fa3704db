"""What the bot believes: facts grouped by bloc, and the blocs a question may be about.

A bloc is known by several names ("Khối thi đua số 6", "Khối Nội chính"); documents of one
province whose bloc names share their number or their distinctive words are one bloc.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.facts.model import Fact, FactKind
from bot.vi import normalize as vt
from bot.vi.names import GENERIC_BLOC_WORDS, bloc_number, distinctive_words
from bot.vi.provinces import related_provinces


@dataclass(eq=False)
class Bloc:
    """One emulation bloc (or cluster) of one province, under all its names."""

    name: str
    province: str | None
    names: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    vocabulary: set[str] = field(default_factory=set)

    @property
    def numbers(self) -> set[int]:
        """The numbers among its names."""
        return {n for n in map(bloc_number, self.names) if n is not None}

    def label(self) -> str:
        """The name people read, with its province."""
        return f"{self.name} ({self.province})" if self.province else self.name

    @property
    def key(self) -> str:
        """A short stable id (from its label), for buttons and saved chat preferences."""
        return hashlib.sha1(self.label().encode()).hexdigest()[:12]

    def same_kind(self, name: str, province: str | None) -> bool:
        """Whether `name` may be another name of this bloc: same province, both blocs (khối)
        or both clusters (cụm), and no different numbers."""
        if province not in (None, self.province):
            return False
        if vt.fold(name).startswith("cum") != vt.fold(self.name).startswith("cum"):
            return False
        number = bloc_number(name)
        return number is None or not self.numbers or number in self.numbers

    def accepts(self, name: str, province: str | None) -> bool:
        """Whether a bloc name seen in a document of `province` is this bloc."""
        if province != self.province:
            return False
        number = bloc_number(name)
        if number is not None and self.numbers:
            return number in self.numbers
        words = distinctive_words(name)
        return bool(words) and any(words == distinctive_words(n) for n in self.names)


@dataclass(frozen=True)
class BlocQuery:
    """How a question names a bloc: provinces, a number, words, member units."""

    provinces: tuple[str, ...] = ()
    number: int | None = None
    words: tuple[str, ...] = ()
    units: tuple[str, ...] = ()


class FactStore:
    """All facts (extracted and curated), grouped by bloc."""

    def __init__(self, facts: Iterable[Fact], doc_blocs: dict[str, tuple[str | None, str | None]]):
        """`doc_blocs` maps each document to its (bloc, province) from its metadata."""
        self.facts = list(facts)
        self.blocs: list[Bloc] = []
        self._bloc_of: dict[int, Bloc] = {}
        self._by_kind: dict[FactKind, list[Fact]] = {}
        self._by_bloc: dict[tuple[int, FactKind], list[Fact]] = {}
        doc_bloc: dict[str, Bloc] = {}
        for doc, (name, province) in sorted(doc_blocs.items()):
            if name:
                doc_bloc[doc] = self._add(name, province, doc)
        for fact in self.facts:
            name = fact.bloc or doc_blocs.get(fact.doc, (None, None))[0]
            if not name:
                continue
            own = doc_bloc.get(fact.doc)
            if own is not None and own.same_kind(name, fact.province):
                # Another name of the report's own bloc ("Khối thi đua số 9" in a report on
                # "Khối thi đua các cơ quan Trung ương"): an alias, not a second bloc.
                self._bloc_of[id(fact)] = self._add(name, fact.province, fact.doc, fact, own)
            else:
                self._bloc_of[id(fact)] = self._add(name, fact.province, fact.doc, fact)
        # Built here, not on first use: answers run in several threads at once.
        for fact in self.facts:
            self._by_kind.setdefault(fact.kind, []).append(fact)
            bloc = self._bloc_of.get(id(fact))
            if bloc is not None:
                self._by_bloc.setdefault((id(bloc), fact.kind), []).append(fact)

    def _add(
        self,
        name: str,
        province: str | None,
        doc: str,
        fact: Fact | None = None,
        bloc: Bloc | None = None,
    ) -> Bloc:
        bloc = bloc or next((b for b in self.blocs if b.accepts(name, province)), None)
        if bloc is None:
            bloc = Bloc(name=name, province=province)
            self.blocs.append(bloc)
        bloc.names.add(name)
        bloc.docs.add(doc)
        bloc.vocabulary |= distinctive_words(name)
        if fact is not None and fact.kind is FactKind.BLOC:
            for alias in (fact.subject or "").split(" | "):
                if alias.strip():
                    bloc.names.add(alias.strip())
                    bloc.vocabulary |= distinctive_words(alias)
            for unit in fact.units:
                bloc.vocabulary |= {vt.fold(t) for t in vt.tokens(unit)}
        return bloc

    def bloc_by_key(self, key: str) -> Bloc | None:
        """The bloc with this `Bloc.key`, if it is still known."""
        return next((b for b in self.blocs if b.key == key), None)

    def bloc_of(self, fact: Fact) -> Bloc | None:
        """The bloc a fact is about."""
        return self._bloc_of.get(id(fact))

    def match(self, query: BlocQuery) -> list[Bloc]:
        """The blocs the question may be about, best first (all blocs when it names none)."""
        provinces = {p for name in query.provinces for p in related_provinces(name)}
        candidates = [
            b for b in self.blocs if not provinces or (b.province and b.province in provinces)
        ]
        if query.number is not None:
            numbered = [b for b in candidates if query.number in b.numbers]
            candidates = numbered or [b for b in candidates if not b.numbers]
        words = set(query.words) - GENERIC_BLOC_WORDS
        if words:
            scored = [(len(words & b.vocabulary) / len(words), b) for b in candidates]
            best = max((s for s, _ in scored), default=0.0)
            if best < 0.5:
                return []
            candidates = [b for s, b in scored if s == best]
        if query.units:
            wanted = [{vt.fold(t) for t in vt.tokens(u)} - GENERIC_BLOC_WORDS for u in query.units]
            with_units = [b for b in candidates if any(w and w <= b.vocabulary for w in wanted)]
            candidates = with_units or candidates
        return candidates

    def select(
        self,
        kind: FactKind,
        blocs: list[Bloc] | None = None,
        year: int | None = None,
        **fields: object,
    ) -> list[Fact]:
        """Facts of a kind, about the given blocs and year, with the given field values."""
        pool = (
            self._by_kind.get(kind, [])
            if blocs is None
            else [f for b in blocs for f in self._by_bloc.get((id(b), kind), [])]
        )
        return [
            fact
            for fact in pool
            if (year is None or fact.year == year)
            and all(getattr(fact, k) == v for k, v in fields.items())
        ]
