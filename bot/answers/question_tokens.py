"""The words of a question, as `bot.vi.tokens` tables match them.

Staff type in Vietnamese with or without marks, NFC or NFD, with abbreviations. Every keyword is
written with its marks and matched word by word. In a question typed with marks, words must
carry the same marks ("cờ" is not "có", "quan" is not "quận"); in one typed without, a word
matches by its folded form ("co thi dua" is "cờ thi đua"), and a word typed with marks still
must carry them. A few short words mean too many things once their marks are gone; standing
alone, they match only when typed with marks (`lexicon.NEEDS_MARKS`, passed to the tables as
`needs_marks`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from bot.vi import lexicon
from bot.vi.normalize import ABBREVIATIONS, fold, has_diacritics
from bot.vi.provinces import canonical_province
from bot.vi.tokens import Token

# A document symbol or a date stays one token: "1479/HD-BTĐKT", "24/2/2023".
_TOKEN_RE: Final = re.compile(r"\d+(?:[/.\-]\w+)+|\w+|[^\w\s]")
_SHORT_FORMS: Final = {fold(k): v for k, v in {**ABBREVIATIONS, **lexicon.CHAT_SHORTHAND}.items()}
_WORD_RE: Final = re.compile(r"[^\W\d_]+")
_MARKED_SHARE: Final = 0.5


@dataclass(frozen=True, slots=True)
class QuestionToken(Token):
    """A token of a question; an abbreviation's expansion is compared with its marks and
    stands where the abbreviation does."""

    marked: bool  # carries marks itself
    province: int  # length in tokens of the province name starting here, 0 if none


def question_tokens(text: str) -> list[QuestionToken]:
    """Tokens of normalised text, abbreviations expanded ("BHXH" → "Bảo hiểm xã hội")."""
    typed_exact = _typed_with_marks(text)
    words: list[tuple[str, bool, int, int]] = []  # (word, compared with its marks, where)
    for found in _TOKEN_RE.finditer(text):
        raw, start, end = found.group(), found.start(), found.end()
        key = _key(raw)
        long_form = _SHORT_FORMS.get(key)
        if long_form and (key not in lexicon.CAPITALS_ONLY or raw.isupper()):
            words.extend((word, True, start, end) for word in long_form.split())
        else:
            words.append((raw, typed_exact, start, end))
    keys = [_key(word) for word, *_ in words]
    tokens = []
    for i, (word, exact, start, end) in enumerate(words):
        marked = _marked(word)
        tokens.append(
            QuestionToken(
                text=word,
                lower=word.lower(),
                key=keys[i],
                start=start,
                end=end,
                exact=exact or marked,
                marked=marked,
                province=_province_length(keys, i),
            )
        )
    return tokens


def _typed_with_marks(text: str) -> bool:
    """Whether the question was typed with marks: most of its words (capitals aside) carry
    some, as Vietnamese words mostly do."""
    words = [w for w in _WORD_RE.findall(text) if not w.isupper()]
    return sum(map(_marked, words)) >= _MARKED_SHARE * len(words) > 0


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    return fold(word)


@lru_cache(maxsize=1 << 16)
def _marked(word: str) -> bool:
    return has_diacritics(word)


@lru_cache(maxsize=1 << 14)
def _is_province(name: str) -> bool:
    return canonical_province(name) is not None


def _province_length(keys: Sequence[str], i: int) -> int:
    """Length in words of a province name starting at word i ("dong thap"), 0 if none."""
    for n in range(min(4, len(keys) - i), 0, -1):
        span = keys[i : i + n]
        if all(k.isalpha() for k in span) and _is_province(" ".join(span)):
            return n
    return 0
