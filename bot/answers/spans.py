"""Typed spans of a sentence: the organisations, persons, dates, numbers, documents, awards and
places that a question may ask for, each with where it stands (in tokens)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from bot.facts.units import granter_end, is_stop, unit_end
from bot.facts.words import AWARDS
from bot.vi import lexicon
from bot.vi.normalize import find_dates
from bot.vi.provinces import canonical_province
from bot.vi.tokens import Phrases, Sentence

# "18", "03", "10.500", "2,5": a number with its thousands or decimal separators, standing alone.
_QUANTITY: Final = re.compile(
    r"(?<![\w/.,-])(?:\d{1,3}(?:[.,]\d{3})+(?![\w/]|[.,]\d)|\d+(?:,\d+)?(?![\w/]|[.,-]\d))"
)
_DOCUMENT_NUMBER: Final = re.compile(
    r"\d{1,5}\s*/\s*[\w.]*[A-ZĐ][\w/.-]*|\d{1,5}\s*-\s*[A-ZĐ]+/[\w/.-]+"
)
_DOCUMENT_KINDS: Final = Phrases(lexicon.DOCUMENT_KINDS)
_QUALIFIERS: Final = Phrases(lexicon.QUANTITY_QUALIFIERS)
_PLACE_LEADS: Final = Phrases(("tại", "ở"))
_SURNAMES: Final = Phrases(lexicon.SURNAMES)
_MAX_PROVINCE_WORDS: Final = 4
_MAX_TAIL: Final = 6  # words a name may run on after the chunker's end
_MAX_PLACE: Final = 12  # words of a place, at most
_MAX_PERSON_WORDS: Final = 5
_MAX_AWARD_TAIL: Final = 16
# "Huân chương Lao động hạng Nhất".
_AWARD_RANKS: Final = frozenset({"hang", "nhat", "nhi", "ba"})


class SpanKind(StrEnum):
    """What a span names."""

    UNIT = "unit"
    PERSON = "person"
    DATE = "date"
    NUMBER = "number"
    PERCENT = "percent"
    DOCUMENT = "document"
    AWARD = "award"
    PLACE = "place"


@dataclass(frozen=True)
class Span:
    """A typed piece of a sentence: tokens start..end-1, and its text as written."""

    kind: SpanKind
    start: int
    end: int
    text: str


# A finder of one kind of span.
Finder = Callable[[Sentence], list[Span]]


def units(s: Sentence) -> list[Span]:
    """The organisations (and named places: "xã Tê Xăng", "thành phố Huế") of a sentence, left
    to right, the longest at each place."""
    found: list[Span] = []
    i = 0
    while i < len(s.tokens):
        end = unit_end(s, i, places=True) or _province_end(s, i)
        if end is None:
            i += 1
            continue
        end = _named_tail(s, end)
        found.append(Span(SpanKind.UNIT, i, end, s.span(i, end)))
        i = end
    return found


def _named_tail(s: Sentence, end: int) -> int:
    """A name's end moved over lowercase words that lead to its proper name: "Ban quản lý Khu"
    + "du lịch hồ Tuyền Lâm"."""
    last = end
    for k in range(end, min(end + _MAX_TAIL, len(s.tokens))):
        token = s.tokens[k]
        if not token.text.isalpha() or token.key == "va" or is_stop(s, k):
            break
        if unit_end(s, k, places=True) is not None:  # another name starts here
            break
        if token.text[:1].isupper() and s.mixed:
            last = k + 1
    return last


def _province_end(s: Sentence, i: int) -> int | None:
    """End of a province's bare name written at token i ("Quảng Trị", "TP Hồ Chí Minh")."""
    if not s.tokens[i].text[:1].isupper():
        return None
    for n in range(_MAX_PROVINCE_WORDS, 0, -1):
        end = i + n
        words = s.tokens[i:end]
        fits = end <= len(s.tokens) and all(t.text.isalpha() for t in words)
        if fits and canonical_province(s.span(i, end)):
            return end
    return None


def _token_of(s: Sentence, char: int) -> int:
    """The token that holds character `char`."""
    return max(0, bisect.bisect_right(s.starts, char) - 1)


def persons(s: Sentence) -> list[Span]:
    """Persons' full names: a family name and up to four more capitalised words ("Nguyễn Thị
    Kim Chi", "đại tá Bùi Hoài Thanh"), with no honorific or rank kept."""
    found: list[Span] = []
    for start in range(len(s.tokens)):
        if not _SURNAMES.at(s, start) or not (s.mixed and s.tokens[start].text[:1].isupper()):
            continue
        end = start
        while (
            end < len(s.tokens)
            and end - start < _MAX_PERSON_WORDS
            and s.tokens[end].text.isalpha()
            and s.tokens[end].text[:1].isupper()
        ):
            end += 1
        if end - start >= 3 and not (found and found[-1].end > start):
            found.append(Span(SpanKind.PERSON, start, end, s.span(start, end)))
    return found


def dates(s: Sentence) -> list[Span]:
    """The dates of a sentence ("26/5/2016", "ngày 21 tháng 3 năm 2017", "chiều 10/7")."""
    found = []
    for match in find_dates(s.text):
        start, end = _token_of(s, match.start), _token_of(s, match.end - 1) + 1
        found.append(Span(SpanKind.DATE, start, end, s.text[match.start : match.end]))
    return found


def documents(s: Sentence) -> list[Span]:
    """References to documents: "Quyết định số 563/QĐ-UBND ngày 21/3/2017", "Công văn
    5249/BGDĐT-TĐKT", "Kế hoạch số 105-KH/ĐUK"; a date right after belongs to it."""
    return _documents(s, dates(s))


def _documents(s: Sentence, found_dates: list[Span]) -> list[Span]:
    found = []
    for match in _DOCUMENT_NUMBER.finditer(s.text):
        lo, last = _token_of(s, match.start()), _token_of(s, match.end() - 1)
        if s.key(lo - 1) == "so":
            lo -= 1
        kind = next((k for k in range(max(0, lo - 3), lo) if _DOCUMENT_KINDS.at(s, k)), None)
        lo = kind if kind is not None else lo
        end = last + 1
        after = [d for d in found_dates if d.start in (end, end + 1)]
        if after:
            end = after[0].end
        found.append(Span(SpanKind.DOCUMENT, lo, end, s.span(lo, end)))
    return found


def numbers(s: Sentence) -> list[Span]:
    """Numbers that count something ("18 cơ quan", "03 tập thể", "gần 10.500 tỷ đồng", "không
    quá 10 cán bộ"), not parts of dates, years or document numbers; a qualifier before ("ít
    nhất") is kept, and a percent sign after makes it a percentage."""
    found_dates = dates(s)
    cited = _documents(s, found_dates)
    taken = {k for span in (*found_dates, *cited) for k in range(span.start, span.end)}
    found = []
    for match in _QUANTITY.finditer(s.text):
        i, last = _token_of(s, match.start()), _token_of(s, match.end() - 1)
        if i in taken or _is_year(match.group()):
            continue
        lo = i
        for k in range(max(0, i - 3), i):
            if _QUALIFIERS.at(s, k) == i - k:
                lo = k
                break
        end = last + 1
        kind = SpanKind.PERCENT if s.key(end) == "%" else SpanKind.NUMBER
        end += kind is SpanKind.PERCENT
        found.append(Span(kind, lo, end, s.span(lo, end)))
    return found


def awards(s: Sentence) -> list[Span]:
    """Award forms with who grants them: "Cờ thi đua của UBND tỉnh", "Bằng khen UBND tỉnh Kon
    Tum", "Huân chương Lao động hạng Nhất"."""
    found = []
    i = 0
    while i < len(s.tokens):
        n = AWARDS.at(s, i)
        if not n:
            i += 1
            continue
        end = i + n
        granter = end + 1 if s.key(end) == "cua" else end
        end = granter_end(s, granter) or end if granter < len(s.tokens) else end
        while end < len(s.tokens) and end - i < _MAX_AWARD_TAIL and s.key(end) in _AWARD_RANKS:
            end += 1
        found.append(Span(SpanKind.AWARD, i, end, s.span(i, end)))
        i = end
    return found


def places(s: Sentence) -> list[Span]:
    """Where something happens: the words after "tại"/"ở", up to punctuation or a verb."""
    found = []
    for i in range(len(s.tokens)):
        n = _PLACE_LEADS.at(s, i)
        start = end = i + n
        if not n:
            continue
        while (
            end < len(s.tokens)
            and end - start < _MAX_PLACE
            and s.tokens[end].text[0].isalnum()
            and (end == start or not is_stop(s, end))
        ):
            end += 1
        if end > start:
            found.append(Span(SpanKind.PLACE, start, end, s.span(start, end)))
    return found


def _is_year(text: str) -> bool:
    return len(text) == 4 and text[:2] in ("19", "20")
