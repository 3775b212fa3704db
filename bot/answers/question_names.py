"""The names a question gives: the bloc (its number, its descriptive name, khối or cụm) and
the units (organisations), read on its tokens."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from bot.answers.question_tokens import QuestionToken
from bot.vi import lexicon
from bot.vi.lexicon import NEEDS_MARKS
from bot.vi.names import number_at, roman_value
from bot.vi.normalize import fold
from bot.vi.tokens import Phrases, PhraseTable

_MAX_NAME_WORDS: Final = 12

# "X giữ vai trò gì": the role of a unit is asked.
ROLE_OF_UNIT: Final = Phrases(lexicon.ROLE_OF_UNIT, needs_marks=NEEDS_MARKS)
_NOT_BLOC: Final = Phrases(lexicon.NOT_BLOC_AFTER, needs_marks=NEEDS_MARKS)
_THI_DUA: Final = Phrases(("thi đua",), needs_marks=NEEDS_MARKS)
_OPENERS: Final = Phrases(lexicon.BLOC_OPENERS, needs_marks=NEEDS_MARKS)
_GENERIC_BEFORE: Final = Phrases(lexicon.QUESTION_GENERIC_BEFORE, needs_marks=NEEDS_MARKS)
_LIST_NOUNS: Final = Phrases(lexicon.LIST_NOUNS, needs_marks=NEEDS_MARKS)
_FILLERS: Final = Phrases(lexicon.BLOC_FILLERS, needs_marks=NEEDS_MARKS)
_NAME_PARTS: Final = Phrases(lexicon.NAME_PARTS, needs_marks=NEEDS_MARKS)
_LOCALITIES: Final = Phrases(lexicon.LOCALITIES, needs_marks=NEEDS_MARKS)
# "Cụm các tỉnh, thành phố Bắc Trung Bộ", "Khối các huyện, thị xã": the places a bloc gathers.
_GATHERED: Final = Phrases(lexicon.ADMINISTRATIVE_PLACES, needs_marks=NEEDS_MARKS)
_STOPS: Final = Phrases(lexicon.NAME_STOPS, needs_marks=NEEDS_MARKS)
_UNIT_ONLY_STOPS: Final = Phrases(lexicon.UNIT_ONLY_STOPS, needs_marks=NEEDS_MARKS)
_UNIT_HEADS: Final = PhraseTable(lexicon.UNIT_HEADS, needs_marks=NEEDS_MARKS)
_NOT_UNITS: Final = Phrases(lexicon.NOT_UNITS, needs_marks=NEEDS_MARKS)
_NOT_UNIT_AFTER: Final = Phrases(lexicon.NOT_UNIT_AFTER, needs_marks=NEEDS_MARKS)
_OWNER_BEFORE: Final = Phrases(lexicon.OWNER_BEFORE, needs_marks=NEEDS_MARKS)


@dataclass(frozen=True)
class Bloc:
    """The bloc or cluster a question names, and the spans (tokens) of its names."""

    number: int | None
    words: tuple[str, ...]
    cluster: bool
    spans: tuple[tuple[int, int], ...]
    places: tuple[str, ...] = ()  # folded names of the places it gathers ("tu mo rong")


def read_bloc(tokens: Sequence[QuestionToken], roles: Sequence[tuple[int, int]]) -> Bloc:
    """The bloc or cluster the question names: number, distinctive folded words, kind; `roles`
    are the spans of its role words ("khối trưởng").

    It is a cluster when the first bloc named is a "Cụm", else when the first "khối"/"cụm"
    outside a role word is, else when the role is a cluster's ("cụm trưởng").
    """
    role_at = {i: end for start, end in roles for i in range(start, end)}
    number: int | None = None
    words: tuple[str, ...] = ()
    heads: list[str] = []  # "khoi"/"cum" of each bloc named
    bare: list[str] = []  # of each "khối"/"cụm" outside a role word
    spans: list[tuple[int, int]] = []
    for i, token in enumerate(tokens):
        if token.key not in ("khoi", "cum") or _generic_head(tokens, i):
            continue
        j = role_at.get(i, i + 1)
        if _NOT_BLOC.match(tokens, j):
            continue
        if i not in role_at:
            bare.append(token.key)
        j += _step(tokens, j, _THI_DUA)
        found_number, j = number_at([t.text for t in tokens], j)
        if found_number is not None:  # "Khối thi đua số 6 các cơ quan nội chính"
            opens = j < len(tokens) and tokens[j].key in ("cac", "cua")
        else:
            opens = i not in role_at or bool(_OPENERS.match(tokens, j))
        name, end = _bloc_name(tokens, j) if opens else ((), j)
        if found_number is None and not name:
            continue
        heads.append(token.key)
        spans.append((i, end))
        if number is None:
            number = found_number
        words = words or name
    role_heads = [t.key for s, e in roles for t in tokens[s:e] if t.key in ("khoi", "cum")]
    kind = next(iter(heads + bare + role_heads), "khoi")
    places = tuple(
        " ".join(t.key for t in tokens[k + _locality_length(tokens, k) : k + found[0]])
        for start, end in spans
        for k in range(start, end)
        if (found := _place_named(tokens, k)) is not None
    )
    return Bloc(number, words, kind == "cum", tuple(spans), places)


def _generic_head(tokens: Sequence[QuestionToken], i: int) -> bool:
    """Whether "khối"/"cụm" at i speaks of blocs in general: "các khối", "cụm, khối"."""
    if i and _GENERIC_BEFORE.match(tokens, i - 1):
        return True
    words = [t.key for t in tokens if t.key not in (",", "/")]
    at = sum(1 for t in tokens[:i] if t.key not in (",", "/"))
    neighbours = words[max(0, at - 1) : at] + words[at + 1 : at + 2]
    return any(word in ("khoi", "cum") for word in neighbours)


def _bloc_name(tokens: Sequence[QuestionToken], j: int) -> tuple[tuple[str, ...], int]:
    """Distinctive folded words of a bloc's descriptive name starting at j, and its end."""
    words: list[str] = []
    k = j
    while k < len(tokens) and k - j < _MAX_NAME_WORDS:
        token = tokens[k]
        if token.key == ",":
            if not (_LIST_NOUNS.match(tokens, k + 1) or _GATHERED.match(tokens, k + 1)):
                break
            k += 1
            continue
        if token.key in ("-", "–", "—"):
            k += 1
            continue
        if not token.key.isalpha() or token.province:
            break
        if token.key == "so" and k + 1 < len(tokens) and tokens[k + 1].key.isdigit():
            break
        step = _step(tokens, k, _FILLERS)
        if step:
            k += step
            continue
        part = _NAME_PARTS.match(tokens, k)
        if part is None and tokens[k - 1].key in ("cac", ","):  # "Cụm các huyện, thị xã"
            part = _GATHERED.match(tokens, k)
        if part is None:  # "các xã huyện Tu Mơ Rông": the place whose units it gathers
            part = _place_named(tokens, k)
        if part is None and _STOPS.match(tokens, k):
            break
        length = part[0] if part else 1
        words.extend(t.key for t in tokens[k : k + length])
        k += length
    if set(words) <= lexicon.BLOC_WEAK:
        words = []
    return tuple(words), k


def _locality_length(tokens: Sequence[QuestionToken], k: int) -> int:
    found = _LOCALITIES.match(tokens, k)
    return found[0] if found else 0


def _place_named(tokens: Sequence[QuestionToken], k: int) -> tuple[int, str] | None:
    """A locality word and the capitalised name after it ("huyện Tu Mơ Rông") at k."""
    locality = _LOCALITIES.match(tokens, k)
    if locality is None:
        return None
    end = k + locality[0]
    while end < len(tokens) and tokens[end].text[:1].isupper() and tokens[end].key.isalpha():
        end += 1
    return (end - k, locality[1]) if end > k + locality[0] else None


def _step(tokens: Sequence[QuestionToken], k: int, table: Phrases) -> int:
    hit = table.match(tokens, k)
    return hit[0] if hit else 0


def read_units(
    tokens: Sequence[QuestionToken], skip: Sequence[tuple[int, int]]
) -> tuple[str, ...]:
    """Organisation names in the question, outside the bloc's name, as typed."""
    inside = {i for start, end in skip for i in range(start, end)}
    mostly_upper = sum(c.isupper() for t in tokens for c in t.text) > sum(
        c.islower() for t in tokens for c in t.text
    )
    found: dict[str, None] = {}
    i = 0
    while i < len(tokens):
        head = None if _NOT_UNITS.match(tokens, i) else _UNIT_HEADS.match(tokens, i)
        if i in inside or (i and _NOT_UNIT_AFTER.match(tokens, i - 1)):
            i += head[0] if head else 1
            continue
        if head is None:
            if _is_brand(tokens, i, mostly_upper):
                found.setdefault(tokens[i].text)
            i += 1
            continue
        end = _unit_end(tokens, i + head[0])
        if head[1] or end > i + head[0]:
            end = _with_locality(tokens, end)
            name = " ".join(t.text for t in tokens[i:end])
            if fold(name) not in lexicon.AUTHORITIES and not _is_owner(tokens, i):
                found.setdefault(name)
        i = max(end, i + 1)
    return tuple(found)


def _is_owner(tokens: Sequence[QuestionToken], i: int) -> bool:
    """Whether the unit at i only owns or issues what is asked about: "Trung tâm X thuộc Sở
    Nội vụ", "văn bản của Sở Nội vụ" (but "vai trò của Cục Thuế" names the unit asked)."""
    owner = _OWNER_BEFORE.ending(tokens, i)
    return owner is not None and not (
        owner[1] == "của" and ROLE_OF_UNIT.ending(tokens, i - owner[0])
    )


def _is_brand(tokens: Sequence[QuestionToken], i: int, mostly_upper: bool) -> bool:
    """An unknown name in capitals ("THACO") among ordinary words: a company."""
    text = tokens[i].text
    return (
        not mostly_upper
        and len(text) >= 3
        and text.isalpha()
        and text.isupper()
        and roman_value(text) is None
        and not tokens[i].province
        and not tokens[i].marked
        and tokens[i].key not in ("khoi", "cum")
        and _STOPS.match(tokens, i) is None
    )


def _unit_end(tokens: Sequence[QuestionToken], k: int) -> int:
    """End of a unit's name whose head ends at k."""
    start = k
    while k < len(tokens) and k - start < _MAX_NAME_WORDS:
        token = tokens[k]
        if not token.key.isalpha() or token.province:
            break
        if token.key == "va":
            after = tokens[k + 1] if k + 1 < len(tokens) else None
            if (
                after is None
                or not after.text[:1].isupper()
                or _UNIT_HEADS.match(tokens, k + 1)
                or after.province
            ):
                break
            k += 1
            continue
        part = _NAME_PARTS.match(tokens, k)
        if part is None and (_STOPS.match(tokens, k) or _UNIT_ONLY_STOPS.match(tokens, k)):
            break
        k += part[0] if part else 1
    return k


def _with_locality(tokens: Sequence[QuestionToken], end: int) -> int:
    """Extend a unit's name over its district or commune: "Chi cục ... huyện Tân Thạnh"."""
    locality = _LOCALITIES.match(tokens, end)
    if locality is None:
        return end
    k = end + locality[0]
    start = k
    while k < len(tokens) and k - start < 3 and tokens[k].key.isalpha():
        if tokens[k].province or _STOPS.match(tokens, k):
            break
        k += 1
    return k if k > start else end
