"""Which bloc an event is about, across the ways people spell a bloc's name."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.facts.store import FactStore
from bot.vi.names import bloc_number, distinctive_words
from bot.vi.normalize import fold


def _group_kind(folded: str) -> str | None:
    """ "khoi" or "cum" when a name says which; blocs and clusters are never one another."""
    found = re.search(r"\b(khoi|cum)\b", folded)
    return found.group(1) if found else None


def _name_words(name: str) -> frozenset[str]:
    return frozenset(w for w in distinctive_words(name) if not w.isdigit())


def same_bloc_name(a: str, b: str) -> bool:
    """Whether two bloc names may name one bloc: the same number ("Khối 5", "khối thi đua số
    5"), else the distinctive words of one include the other's ("Khối Nội chính", "Khối thi
    đua số 6 (các cơ quan nội chính)")."""
    kind_a, kind_b = _group_kind(fold(a)), _group_kind(fold(b))
    if kind_a and kind_b and kind_a != kind_b:
        return False
    number_a, number_b = bloc_number(a), bloc_number(b)
    if number_a is not None and number_b is not None:
        return number_a == number_b
    words_a, words_b = _name_words(a), _name_words(b)
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


class BlocNames:
    """Bloc identity across spellings: a name matches another directly (`same_bloc_name`) or
    through the aliases the documents give one bloc (the FactStore's groups), so "Khối 5"
    matches the bloc's descriptive name when a report states both."""

    def __init__(self, groups: Iterable[Iterable[str]] = ()) -> None:
        self._groups = [frozenset(group) for group in groups]
        self._aliases: dict[str, frozenset[str]] = {}
        self._same: dict[tuple[str, str], bool] = {}

    @classmethod
    def of_store(cls, store: FactStore) -> BlocNames:
        """The bloc groups of a FactStore."""
        return cls({bloc.name, *bloc.names} for bloc in store.blocs)

    def aliases(self, name: str) -> frozenset[str]:
        """The name and every name of the known blocs it matches."""
        if name not in self._aliases:
            found = {name}
            for group in self._groups:
                if any(same_bloc_name(name, alias) for alias in group):
                    found |= group
            self._aliases[name] = frozenset(found)
        return self._aliases[name]

    def same(self, a: str, b: str) -> bool:
        """Whether `a` and `b` are one bloc."""
        key = (a, b)
        if key not in self._same:
            self._same[key] = any(
                same_bloc_name(x, y) for x in self.aliases(a) for y in self.aliases(b)
            )
        return self._same[key]

    def covers(self, wanted: Sequence[str], bloc: str | None) -> bool:
        """Whether an event of `bloc` concerns a chat following `wanted` (no bloc = all)."""
        return not wanted or bloc is None or any(self.same(w, bloc) for w in wanted)
