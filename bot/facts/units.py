"""Organisations and persons named in a sentence: where a unit's name starts and ends, who holds
it, and who grants an award.

Precision comes first: a name ends at the first word that may not belong to it, and a piece of a
sentence that can be read two ways names nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from bot.facts.words import (
    ADVERBS,
    AWARDS,
    BOUNDARY,
    DASHES,
    HONORIFICS,
    NAME_COMMAS,
    PLACES,
    ROLES,
    TITLES,
    WEAK_END,
    is_year,
)
from bot.vi import lexicon
from bot.vi.normalize import fold
from bot.vi.tokens import Phrases, Sentence

_ORG_HEADS: Final = Phrases(lexicon.ORG_HEADS)
_NOT_ORGS: Final = Phrases(lexicon.NOT_ORGS)
_SURNAMES: Final = Phrases(lexicon.SURNAMES)
_STOPS: Final = Phrases(lexicon.NAME_END_WORDS)
_CAPITAL_STOPS: Final = frozenset(lexicon.CAPITALISED_NAME_ENDS)
_CAPITAL_TITLES: Final = frozenset(lexicon.CAPITALISED_TITLE_ENDS)
_NOT_ACRONYMS: Final = frozenset(lexicon.NOT_ACRONYMS)
_SOLE_NAMES: Final = frozenset(fold(name) for name in lexicon.SOLE_ORG_NAMES)
_GRANTERS: Final = Phrases(lexicon.GRANTERS)
_MINISTRIES: Final = Phrases(lexicon.MINISTRIES)
# The longest name read, in tokens.
_MAX_UNIT: Final = 18


def _is_acronym(s: Sentence, i: int) -> bool:
    """An organisation's own abbreviation ("THACO"), told only where the text has case."""
    if not 0 <= i < len(s.tokens):
        return False
    word = s.tokens[i].text
    return (
        s.mixed
        and len(word) >= 3
        and word.isalpha()
        and word.isupper()
        and word not in _NOT_ACRONYMS
    )


def _head(s: Sentence, i: int, *, places: bool = False) -> tuple[int, bool]:
    """(length, is a place) of the word(s) an organisation's name starts with at token i."""
    n = _ORG_HEADS.at(s, i)
    if n and _NOT_ORGS.at(s, i) >= n:
        n = 0
    if n:
        return (n, False) if s.capital(i) else (0, False)
    if _is_acronym(s, i):
        return 1, False
    if places:
        n = PLACES.at(s, i)
        if n and i + n < len(s.tokens) and (s.tokens[i + n].text[:1].isupper() or not s.mixed):
            return n, True
    return 0, False


def is_stop(s: Sentence, j: int) -> bool:
    """Whether token j ends a name: a verb, a preposition, a date word or a role word."""
    stop = _STOPS.match(s.tokens, j)
    if stop is None:
        return bool(ROLES.at(s, j))
    if not (s.mixed and s.tokens[j].text[:1].isupper()):
        return True
    if stop[1] in _CAPITAL_TITLES:
        return j + 1 < len(s.tokens) and s.capital(j + 1)
    return stop[1] in _CAPITAL_STOPS


def unit_end(s: Sentence, i: int, limit: int | None = None, *, places: bool = False) -> int | None:
    """End (exclusive) of the organisation's name that starts at token i, or None if none does."""
    tokens = s.tokens
    limit = len(tokens) if limit is None else min(limit, len(tokens))
    n, place = _head(s, i, places=places)
    if not n or i + n > limit:
        return None
    j = i + n
    while j < limit and j - i < _MAX_UNIT:
        tok = tokens[j]
        kept = NAME_COMMAS.at(s, j)
        if kept:
            j += kept
            continue
        if tok.text == "." and tokens[j - 1].key == "tp":
            j += 1
            continue
        if tok.text in DASHES:
            after = j + 1
            if after >= limit or _breaks_after_dash(s, after):
                break
            j += 1
            continue
        if tok.text in ("&", "/"):
            j += 1
            continue
        if not tok.text[0].isalnum() or is_year(tok):
            break
        if tok.key == "va":
            after = j + 1
            if after >= limit or _head(s, after, places=True)[0] or is_stop(s, after):
                break
            if AWARDS.at(s, after):
                break
            j += 1
            continue
        # A place's name starts right after its head, whatever its first word ("xã Bà Điểm").
        if is_stop(s, j) and not (place and j == i + n and s.capital(j)):
            break
        j += 1
    while j > i + n and tokens[j - 1].key in WEAK_END:
        j -= 1
    if j - i < 2 and not (_is_acronym(s, i) or tokens[i].key in _SOLE_NAMES):
        return None
    if place and j - i < n + 1:
        return None
    return j


def _breaks_after_dash(s: Sentence, j: int) -> bool:
    """Whether a dash before token j separates a name from what follows (a title, a role)."""
    return bool(
        TITLES.at(s, j)
        or HONORIFICS.at(s, j)
        or ROLES.at(s, j)
        or is_stop(s, j)
        or s.tokens[j].text[:1].isdigit()
    )


def is_boundary(s: Sentence, j: int) -> bool:
    """Whether token j ends a piece of a sentence (punctuation, or a dash before a title)."""
    tok = s.tokens[j]
    if tok.text == ",":
        return not (NAME_COMMAS.at(s, j - 2) >= 3)
    if tok.text == ".":
        return s.key(j - 1) != "tp"
    if tok.text in DASHES:
        return j + 1 < len(s.tokens) and (
            bool(TITLES.at(s, j + 1) or HONORIFICS.at(s, j + 1) or ROLES.at(s, j + 1))
        )
    return tok.text in BOUNDARY


def piece_start(s: Sentence, hi: int) -> int:
    """Start of the piece of the sentence that ends at token hi."""
    j = hi - 1
    while j >= 0:
        if is_boundary(s, j):
            return j + 1
        j -= 1
    return 0


def _is_name(s: Sentence, lo: int, hi: int) -> bool:
    """Whether tokens lo..hi-1 are a person's full name ("Mai Văn Xuân")."""
    return (
        2 <= hi - lo <= 5
        and bool(_SURNAMES.at(s, lo))
        and all(s.tokens[k].text.isalpha() and s.capital(k) for k in range(lo, hi))
    )


def _person_in(s: Sentence, lo: int, hi: int) -> str | None:
    """The person named by a piece: "đồng chí Phạm Văn Hân", or a bare full name."""
    for k in range(hi - 1, lo - 1, -1):
        n = HONORIFICS.at(s, k)
        if n and k + n < hi:
            if all(s.tokens[m].text.isalpha() and s.capital(m) for m in range(k + n, hi)):
                return s.span(k + n, hi) if hi - (k + n) <= 5 else None
            return None
    return s.span(lo, hi) if _is_name(s, lo, hi) else None


def _person_before(s: Sentence, lo: int) -> str | None:
    """The person named in the pieces before token lo, skipping pieces that are only titles."""
    hi = lo - 1
    for _ in range(3):
        if hi <= 0:
            return None
        start = piece_start(s, hi)
        person = _person_in(s, start, hi)
        if person or not TITLES.at(s, start):
            return person
        hi = start - 1
    return None


@dataclass(frozen=True)
class Holder:
    """An organisation named in a sentence, the person named with it, and where its words
    start."""

    unit: str
    person: str | None
    start: int  # where the holder's words start, its title included


def holder_before(s: Sentence, hi: int, *, places: bool = False) -> Holder | None:
    """The organisation (and person) that the piece ending at token hi names.

    "Cục Quản lý thị trường Tây Ninh", "Phó Cục trưởng Cục Thi hành án dân sự" (the person in
    the piece before), "Chủ tịch Ủy ban MTTQ phường Hạc Thành Mai Văn Xuân"; the name must end
    at hi, and start at the leftmost place in the piece where one does.
    """
    lo = piece_start(s, hi)
    for j in range(lo, hi):
        title = 0 if ROLES.at(s, j) else TITLES.at(s, j)
        if title:
            found = _unit_and_person(s, j + title, hi, places)
            if found:
                name_end, person = found
                return Holder(s.span(j + title, name_end), person or _person_before(s, lo), j)
        if unit_end(s, j, hi, places=places) == hi:
            return Holder(s.span(j, hi), None, j)
    return None


def stands_alone(s: Sentence, holder: Holder) -> bool:
    """Whether a holder stands alone in its piece: no role word before it ("Khối trưởng là X,
    Khối phó" does not make X the deputy)."""
    lo = piece_start(s, holder.start)
    return not any(ROLES.at(s, k) for k in range(lo, holder.start))


def _unit_and_person(s: Sentence, i: int, hi: int, places: bool) -> tuple[int, str | None] | None:
    """After a title: (end of the unit, person named after it) when they fill tokens i..hi-1."""
    end = unit_end(s, i, hi, places=places)
    if end is None:
        return None
    for size in (3, 4):
        p = hi - size
        if p > i + 1 and _is_name(s, p, hi) and unit_end(s, i, p, places=places) == p:
            return p, s.span(p, hi)
    return (end, None) if end == hi else None


def skip_back(s: Sentence, hi: int) -> int:
    """Move hi back over adverbs before a verb ("đã", "cũng đã", "chính thức")."""
    moved = True
    while moved and hi > 0:
        moved = False
        for size in (2, 1):
            if hi - size >= 0 and ADVERBS.at(s, hi - size) == size:
                hi -= size
                moved = True
                break
    return hi


def subject_of(s: Sentence, hi: int, *, places: bool = False) -> Holder | None:
    """The organisation a verb at token hi is said of; "X, tỉnh Y" joins a place to X."""
    hi = skip_back(s, hi)
    found = holder_before(s, hi, places=places)
    if found is not None:
        return found
    lo = piece_start(s, hi)
    if lo >= 2 and s.tokens[lo - 1].text == "," and _is_place_phrase(s, lo, hi):
        before = holder_before(s, lo - 1, places=places)
        if before is not None:
            return Holder(f"{before.unit}, {s.span(lo, hi)}", before.person, before.start)
    return None


def _is_place_phrase(s: Sentence, lo: int, hi: int) -> bool:
    n = PLACES.at(s, lo)
    return bool(n) and 1 <= hi - lo - n <= 4 and all(s.capital(k) for k in range(lo + n, hi))


def unit_list(s: Sentence, j: int) -> tuple[list[str], int, bool]:
    """Organisations listed from token j ("A, B (Trưởng khối), C và D"): (names, end of the
    last one, whether the list ends cleanly at a verb or the end of the sentence)."""
    names: list[str] = []
    tokens = s.tokens
    last = j
    while True:
        end = unit_end(s, j, places=True)
        if end is None:
            return names, last, False
        names.append(s.span(j, end))
        last = end
        if s.key(last) == "(":
            close = next((m for m in range(last, len(tokens)) if tokens[m].text == ")"), None)
            if close is None:
                return names, last, False
            last = close + 1
        k = last
        if s.key(k) in (",", ";"):
            k += 1
            if s.key(k) == "va":
                k += 1
        elif s.key(k) == "va":
            k += 1
        else:
            clean = k >= len(tokens) or tokens[k].text in ".;:" or is_stop(s, k)
            return names, last, clean
        j = k


def granter_end(s: Sentence, j: int) -> int | None:
    """End of the name of who grants ("UBND tỉnh", "Chủ tịch UBND tỉnh", "Bộ Tài chính",
    "Thủ tướng Chính phủ")."""
    k = j + TITLES.at(s, j)
    end = unit_end(s, k)
    if end is not None:
        return end
    granter = _GRANTERS.match(s.tokens, k)
    if granter is None or not s.capital(k):
        return None
    n, phrase = granter
    k += n
    if phrase == "bộ" and (ministry := _MINISTRIES.at(s, k)):
        return k + ministry
    if phrase in ("chính phủ", "thủ tướng chính phủ"):
        return k
    start = k
    while k < len(s.tokens) and k - start < 6 and s.mixed and s.tokens[k].text[:1].isupper():
        k += 1
    return k if k > start else None
