"""Tokens of a sentence, and tables of phrases matched on them with or without diacritics.

A sentence is split into words and punctuation marks. Each token keeps its text as written, its
lowercase form, its key (folded: lowercase, no marks, "đ" as "d") and whether it is compared
with its marks (`exact`): by its lowercase form then ("sở" is not "số"), else by its key, so
text typed without diacritics ("so noi vu") or in capitals ("SỞ NỘI VỤ") matches too. Whoever
builds the tokens decides; a `Sentence` compares a token with its marks when it has any.

Sentences take text normalised by `bot.vi.normalize.normalize` (NFC, one tone placement);
phrase tables normalise their own phrases, so they may be written in any form.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Generic, TypeVar

from bot.vi.normalize import fold, normalize

# A sentence is typed with marks when this share of its words (of at least _MIN_WORDS) carry some.
_MARKED_SHARE: Final = 0.5
_MIN_WORDS: Final = 4
# A token: a run of word characters, or one other non-space character.
TOKEN_PATTERN: Final = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Token:
    """A word or a punctuation mark, and where it stands in its text."""

    text: str  # as written
    lower: str  # lowercase, marks kept
    key: str  # folded: lowercase, no marks, "đ" as "d"
    start: int  # character offsets in the text
    end: int
    exact: bool  # compared with its marks (by `lower`), else by `key`


class Sentence:
    """A sentence, its folded form (of the same length on NFC text) and its tokens."""

    def __init__(self, text: str, index: int = 0) -> None:
        self.text = text
        self.index = index  # its position in its document
        self.folded = _fast_fold(text)
        same = len(self.folded) == len(text)
        found = [
            (m, m.group().lower(), self.folded[m.start() : m.end()] if same else fold(m.group()))
            for m in TOKEN_PATTERN.finditer(text)
        ]
        # In text typed with marks, a word without any is written so ("du lịch" is not "dự"):
        # it is compared with its marks too. Text typed without marks is compared folded.
        words = [(lower, key) for m, lower, key in found if m.group().isalpha()]
        marked = sum(lower != key for lower, key in words)
        typed = len(words) >= _MIN_WORDS and marked >= _MARKED_SHARE * len(words)
        self.tokens = [
            Token(m.group(), lower, key, m.start(), m.end(), typed or lower != key)
            for m, lower, key in found
        ]
        self.starts = [token.start for token in self.tokens]
        # Mixed case: capitals mark names, so a name must start with one.
        self.mixed = any(c.isupper() for c in text) and any(c.islower() for c in text)

    def span(self, i: int, j: int) -> str:
        """The text of tokens i..j-1 as written."""
        return self.text[self.tokens[i].start : self.tokens[j - 1].end] if j > i else ""

    def key(self, i: int) -> str:
        """The key of token i; "" outside the sentence."""
        return self.tokens[i].key if 0 <= i < len(self.tokens) else ""

    def capital(self, i: int) -> bool:
        """Whether token i may start a name: capitalised, or the text has no case to tell."""
        return not self.mixed or self.tokens[i].text[:1].isupper()

    def token_at(self, char: int) -> int | None:
        """The first token that starts at or after character `char`; None if there is none."""
        k = bisect.bisect_left(self.starts, char)
        return k if k < len(self.tokens) else None


_FOLD_TABLE: dict[int, str] = {}


def _fast_fold(text: str) -> str:
    """`fold`, memoised per character: the same string on NFC text."""
    lowered = text.lower()
    if len(lowered) != len(text) or not unicodedata.is_normalized("NFC", text):
        return fold(text)
    for char in set(lowered):
        if ord(char) > 127 and ord(char) not in _FOLD_TABLE:
            folded = fold(char)
            _FOLD_TABLE[ord(char)] = folded if len(folded) == 1 else char
    return lowered.translate(_FOLD_TABLE)


V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class _Entry(Generic[V]):
    words: tuple[tuple[str, str], ...]  # (lowercase, key) of each word
    value: V
    needs_marks: bool  # matches only a token compared with its marks

    def fits(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether the phrase is at token i."""
        if i < 0 or i + len(self.words) > len(tokens):
            return False
        if self.needs_marks and not tokens[i].exact:
            return False
        for k, (lower, key) in enumerate(self.words):
            token = tokens[i + k]
            if (token.lower != lower) if token.exact else (token.key != key):
                return False
        return True


class PhraseTable(Generic[V]):
    """Phrases, each with a value, matched on tokens: each token by its marks or its key (see
    the module docstring); at one place, the longest phrase wins, then the first listed.

    Some words mean too many things once their marks are gone: standing alone (a phrase of one
    word), those in `needs_marks` match only a token compared with its marks.
    """

    def __init__(self, phrases: Mapping[str, V], *, needs_marks: Collection[str] = ()) -> None:
        marked = {normalize(word).lower() for word in needs_marks}
        self._by_first: dict[str, list[_Entry[V]]] = {}
        self._by_last: dict[str, list[_Entry[V]]] = {}
        for phrase, value in phrases.items():
            words = tuple((w, fold(w)) for w in TOKEN_PATTERN.findall(normalize(phrase).lower()))
            entry = _Entry(words, value, len(words) == 1 and words[0][0] in marked)
            self._by_first.setdefault(words[0][1], []).append(entry)
            self._by_last.setdefault(words[-1][1], []).append(entry)
        for entries in (*self._by_first.values(), *self._by_last.values()):
            entries.sort(key=lambda entry: -len(entry.words))

    def match(self, tokens: Sequence[Token], i: int) -> tuple[int, V] | None:
        """(length in tokens, value) of the longest phrase at token i; None if there is none."""
        if 0 <= i < len(tokens):
            for entry in self._by_first.get(tokens[i].key, ()):
                if entry.fits(tokens, i):
                    return len(entry.words), entry.value
        return None

    def ending(self, tokens: Sequence[Token], end: int) -> tuple[int, V] | None:
        """(length in tokens, value) of the longest phrase ending just before token `end`; None
        if there is none."""
        if 0 < end <= len(tokens):
            for entry in self._by_last.get(tokens[end - 1].key, ()):
                if entry.fits(tokens, end - len(entry.words)):
                    return len(entry.words), entry.value
        return None

    def scan(self, tokens: Sequence[Token]) -> list[tuple[int, int, V]]:
        """(start, end, value) of each phrase in the tokens, left to right, without overlaps."""
        found: list[tuple[int, int, V]] = []
        i = 0
        while i < len(tokens):
            hit = self.match(tokens, i)
            if hit:
                found.append((i, i + hit[0], hit[1]))
                i += hit[0]
            else:
                i += 1
        return found

    def find(self, sentence: Sentence) -> Iterator[tuple[int, int, V]]:
        """(position, length, value) of each phrase in a sentence, left to right; matches may
        overlap."""
        for i in range(len(sentence.tokens)):
            hit = self.match(sentence.tokens, i)
            if hit:
                yield i, hit[0], hit[1]

    def at(self, sentence: Sentence, i: int) -> int:
        """The length in tokens of the longest phrase at token i of a sentence; 0 if none."""
        hit = self.match(sentence.tokens, i)
        return hit[0] if hit else 0


class Phrases(PhraseTable[str]):
    """A phrase table whose values are the phrases as listed."""

    def __init__(self, phrases: Iterable[str], *, needs_marks: Collection[str] = ()) -> None:
        super().__init__({phrase: phrase for phrase in phrases}, needs_marks=needs_marks)
