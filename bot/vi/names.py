"""Names of organisations and blocs: when two names are one unit, one bloc, and a bloc's number.

One definition each, used by extraction, question analysis, the fact store and the calendar.
"Khối" is an emulation bloc, "cụm" a cluster; both are named by a number ("Khối thi đua số 6",
"Cụm thi đua số II"), by a description ("Khối các cơ quan nội chính"), or by both.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from bot.vi import lexicon
from bot.vi.normalize import expand_abbreviations, fold, normalize, tokens

_WORD = re.compile(r"\w+")
_ROMAN = re.compile(r"(?i)x{0,3}(?:ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
_BLOC_HEADS = frozenset({"khoi", "cum"})
_MAX_NUMBER_DIGITS = 3

GENERIC_BLOC_WORDS = frozenset(fold(word) for word in lexicon.GENERIC_BLOC_WORDS)
_BLOC_FILLER = frozenset(fold(word) for word in lexicon.BLOC_SIGNATURE_FILLERS)

# Words that do not identify a unit: "NHNN" and "Ngân hàng Nhà nước Việt Nam – Chi nhánh
# Tiền Giang" are one unit; so are "đơn vị Cục Thuế" and "Cục Thuế tỉnh".
_UNIT_NOISE = re.compile(r"\b(?:chi nhanh|viet nam|thanh pho|tinh|don vi|cua)\b")
# "Chi cục" is a lower level than "Cục": one token, so "Cục X" never contains "Chi cục X".
_SUB_UNIT = re.compile(r"\bchi cuc\b")
# Words of a lower administrative level: "Công an huyện X" is not "Công an tỉnh".
_LOCAL_LEVELS = frozenset({"huyen", "quan", "phuong", "xa", "thi"})


def roman_value(text: str) -> int | None:
    """The value of a Roman numeral up to 39 ("IV" → 4), None if `text` is not one."""
    low = text.lower()
    if not low or not _ROMAN.fullmatch(low):
        return None
    total = 0
    for a, b in zip(low, [*low[1:], ""], strict=True):
        value = _ROMAN_VALUES[a]
        total += -value if b and _ROMAN_VALUES[b] > value else value
    return total


def number_at(words: list[str], j: int) -> tuple[int | None, int]:
    """A bloc number at word j ("số 6", "6", "số IV", "II"), and the index after it.

    A Roman numeral counts after "số" or when written in capitals, so that the syllable "vi"
    of "đơn vị" typed without marks is never read as 6.
    """
    has_so = j < len(words) and fold(words[j]) == "so"
    k = j + 1 if has_so else j
    if k >= len(words):
        return None, j
    word = words[k]
    if word.isdigit() and len(word) <= _MAX_NUMBER_DIGITS:
        return int(word), k + 1
    if (has_so or word.isupper()) and word.isalpha():
        value = roman_value(word)
        if value:
            return value, k + 1
    return None, j


@functools.lru_cache(maxsize=8192)
def bloc_number(name: str) -> int | None:
    """The number of a bloc or cluster name: "Khối thi đua số 6" → 6, "Cụm thi đua số II" → 2,
    "Cụm 6 khối các Sở GD&ĐT" → 6; None when the name has none."""
    return next(_bloc_numbers(name), None)


def bloc_numbers(text: str) -> set[int]:
    """Every bloc or cluster number a text names ("Cụm 1 gồm …, Cụm 6: …" → {1, 6})."""
    return set(_bloc_numbers(text))


def _bloc_numbers(text: str) -> Iterator[int]:
    words = _WORD.findall(normalize(text))
    for i, word in enumerate(words):
        if fold(word) not in _BLOC_HEADS:
            continue
        j = i + 1
        if [fold(w) for w in words[j : j + 2]] == ["thi", "dua"]:
            j += 2
        number, _ = number_at(words, j)
        if number is not None:
            yield number


def distinctive_words(text: str) -> set[str]:
    """Folded words of a bloc name that tell it apart from other blocs."""
    return {w for w in tokens(fold(expand_abbreviations(text))) if w not in GENERIC_BLOC_WORDS}


@functools.lru_cache(maxsize=4096)
def bloc_signature(name: str) -> tuple[str, int | None, frozenset[str]]:
    """(kind "khoi"/"cum", number, distinctive words) of a bloc name."""
    words = _WORD.findall(fold(name))
    content = frozenset(w for w in words if w not in _BLOC_FILLER and not w.isdigit())
    return (words[0] if words else ""), bloc_number(name), content


def bloc_kind(name: str | None) -> str | None:
    """ "khoi" or "cum" for a bloc or cluster name (its first word, folded)."""
    return bloc_signature(name)[0] if name else None


def same_bloc(a: str, b: str) -> bool:
    """Whether two names are one bloc: same kind, and the same number when either has one,
    else the distinctive words of one (two at least) within the other's."""
    kind_a, number_a, words_a = bloc_signature(a)
    kind_b, number_b, words_b = bloc_signature(b)
    if kind_a != kind_b:
        return False
    if number_a is not None or number_b is not None:
        return number_a == number_b
    smaller = min(words_a, words_b, key=len)
    return bool(smaller) and (
        words_a == words_b or (len(smaller) >= 2 and (words_a <= words_b or words_b <= words_a))
    )


@functools.lru_cache(maxsize=65536)
def unit_key(name: str, province: str | None = None) -> frozenset[str]:
    """Folded words that identify a unit, without the province and the words that name none."""
    text = fold(expand_abbreviations(name))
    if province:
        text = text.replace(fold(province), " ")
    text = _SUB_UNIT.sub("chi_cuc", _UNIT_NOISE.sub(" ", text))
    return frozenset(tokens(text))


def same_unit(a: str, b: str, province: str | None = None) -> bool:
    """Whether two names are one unit: the words of one include those of the other, at the
    same administrative level ("Cục Thuế" is not "Chi cục Thuế khu vực I")."""
    key_a, key_b = unit_key(a, province), unit_key(b, province)
    if not key_a or not key_b or key_a & _LOCAL_LEVELS != key_b & _LOCAL_LEVELS:
        return False
    return key_a <= key_b or key_b <= key_a
