"""Tokens of a sentence, and tables of phrases matched on them with or without diacritics.

A sentence is split into words and punctuation marks. Each token keeps its text as written, its
lowercase form and its key (folded: lowercase, no marks, "đ" as "d"). A token is compared with a
listed word with its marks when it has any ("sở" is not "số"), and by its key when it has none,
so text typed without diacritics ("so noi vu") or in capitals ("SỞ NỘI VỤ") matches too.

Sentences take text normalised by `bot.vi.normalize.normalize` (NFC, one tone placement);
phrase tables normalise their own phrases, so they may be written in any form.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from bot.vi.normalize import fold, normalize

# A token: a run of word characters, or one other non-space character.
TOKEN_PATTERN: Final = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Token:
    """A word or a punctuation mark of a sentence, and where it stands in it."""

    text: str  # as written
    lower: str  # lowercase, marks kept
    key: str  # folded: lowercase, no marks, "đ" as "d"
    start: int  # character offsets in the sentence
    end: int


class Sentence:
    """A sentence, its folded form (of the same length on NFC text) and its tokens."""

    def __init__(self, text: str, index: int = 0) -> None:
        self.text = text
        self.index = index  # its position in its document
        self.folded = _fast_fold(text)
        same = len(self.folded) == len(text)
        self.tokens = [
            Token(
                m.group(),
                m.group().lower(),
                self.folded[m.start() : m.end()] if same else fold(m.group()),
                m.start(),
                m.end(),
            )
            for m in TOKEN_PATTERN.finditer(text)
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


def _same(token: Token, lower: str, key: str) -> bool:
    """A token equals a listed word: with marks when the token has any, folded otherwise."""
    return token.lower == lower if token.lower != token.key else token.key == key


class Phrases:
    """A table of phrases matched on tokens; at one token, the longest phrase wins."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._by_first: dict[str, list[tuple[str, tuple[tuple[str, str], ...]]]] = {}
        for phrase in phrases:
            words = tuple((w, fold(w)) for w in TOKEN_PATTERN.findall(normalize(phrase).lower()))
            self._by_first.setdefault(words[0][1], []).append((phrase, words))
        for entries in self._by_first.values():
            entries.sort(key=lambda entry: -len(entry[1]))

    def match(self, tokens: Sequence[Token], i: int) -> tuple[int, str]:
        """(length in tokens, phrase as listed) of the longest phrase at token i; (0, "") if
        none."""
        if 0 <= i < len(tokens):
            for phrase, words in self._by_first.get(tokens[i].key, ()):
                n = len(words)
                if i + n <= len(tokens) and all(
                    _same(tokens[i + k], lower, key) for k, (lower, key) in enumerate(words)
                ):
                    return n, phrase
        return 0, ""

    def at(self, sentence: Sentence, i: int) -> int:
        """The length in tokens of the longest phrase at token i of a sentence; 0 if none."""
        return self.match(sentence.tokens, i)[0]

    def find(self, sentence: Sentence) -> Iterator[tuple[int, int, str]]:
        """(position, length, phrase) of each match in a sentence, left to right; matches may
        overlap."""
        for i, token in enumerate(sentence.tokens):
            if token.key in self._by_first:
                n, phrase = self.match(sentence.tokens, i)
                if n:
                    yield i, n, phrase
