"""Infer a document's metadata (province, bloc, date, type, source) from its text.

Front matter always wins; what it leaves out is read from the title and the text the way a
reader would: the province a report names most (or its web address), the bloc it is about, the
date printed under the title or the date of the meeting it reports.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from bot.vi import lexicon
from bot.vi.normalize import DateMatch, find_dates, fold, has_diacritics, normalize
from bot.vi.provinces import canonical_province, province_mentions, provinces_in_url

DOC_TYPES: Final = ("report", "guidance", "regulation", "plan", "other")


@dataclass(frozen=True)
class DocMeta:
    """What the index stores about a document besides its text."""

    title: str
    province: str | None  # canonical name
    bloc: str | None  # as written: "Khối thi đua số 6", "Cụm thi đua số 1"
    date: dt.date | None  # publication or meeting date
    doc_type: str  # one of DOC_TYPES
    source: str | None  # source URL


def infer_metadata(title: str, text: str, front_matter: Mapping[str, Any]) -> DocMeta:
    """Metadata from front matter keys (title, province, bloc, date, type, source) where present,
    else inferred from the title and text. A key present with an empty value means "none"."""
    fm = front_matter
    title = normalize(_given_text(fm.get("title")) or " ".join(title.split()))
    text = normalize(text)
    province = (
        _given_province(fm["province"]) if "province" in fm else _infer_province(title, text)
    )
    bloc = _given_text(fm["bloc"]) if "bloc" in fm else _infer_bloc(title, text)
    date = _given_date(fm["date"], title, text) if "date" in fm else _infer_date(title, text)
    doc_type = (
        _given_type(fm["type"], title, text) if "type" in fm else _infer_doc_type(title, text)
    )
    source = _given_text(fm["source"]) if "source" in fm else _infer_source(text)
    return DocMeta(title, province, bloc, date, doc_type, source)


def _given_text(value: Any) -> str | None:
    """A front-matter value as one line of text; None when empty."""
    if value is None:
        return None
    return " ".join(str(value).split()) or None


def _given_province(value: Any) -> str | None:
    """A front-matter province in canonical form; a name the gazetteer lacks is kept as given."""
    given = _given_text(value)
    if given is None:
        return None
    return canonical_province(given) or given


def _given_date(value: Any, title: str, text: str) -> dt.date | None:
    """A front-matter date (a date, or text like 2023-01-05 or 05/01/2023); inferred when
    the text is no date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    given = _given_text(value)
    if given is None:
        return None
    parsed = next((d for match in find_dates(given) if (d := match.to_date())), None)
    return parsed or _infer_date(title, text)


def _given_type(value: Any, title: str, text: str) -> str:
    """A front-matter type: one of DOC_TYPES, or Vietnamese words ("hướng dẫn") for one."""
    given = _given_text(value) or ""
    if given.lower() in DOC_TYPES:
        return given.lower()
    given = normalize(given)
    kind = _type_of_words(given, start=True) or _type_of_words(given, start=False)
    return kind or _infer_doc_type(title, text)


# --- province ---------------------------------------------------------------------------------

# "Hà Nội, ngày 25 tháng 07 năm 2016": the place where a document was signed, not its subject.
_SIGNING_LINE: Final = re.compile(
    r"^[^\S\n]*[^\W\d_][^\W\d_ .-]*(?:[ .-]+[^\W\d_]+){0,4},[^\S\n]*ngày[^\S\n]+\d{1,2}"
    r"[^\S\n]+tháng[^\S\n]+\d{1,2}[^\S\n]+năm[^\S\n]+\d{4}[^\S\n]*\.?[^\S\n]*$",
    re.IGNORECASE | re.MULTILINE,
)


_MANY_PROVINCES: Final = 5
_MOST: Final = 0.5


def _infer_province(title: str, text: str) -> str | None:
    """The province the document is about: among those the title names (else the text), the one
    named most often, ties to the first named; else the one its web address names. A document
    whose title names none while its text names many, none of them most of the time, is about
    a region or the whole country (a ministry's clusters of provinces): it has none."""
    in_title = province_mentions(title)
    mentions = in_title + province_mentions(_SIGNING_LINE.sub("", text))
    if mentions:
        counts = Counter(mentions)
        top = max(dict.fromkeys(in_title or mentions), key=counts.__getitem__)
        national = len(counts) >= _MANY_PROVINCES and counts[top] < _MOST * len(mentions)
        return None if national and not in_title else top
    in_urls = provinces_in_url(text)
    return in_urls[0] if in_urls else None


# --- bloc -------------------------------------------------------------------------------------

_BLOC_TOKEN: Final = re.compile(r"\w+|[^\w\s]")
_NUMBER: Final = re.compile(r"\d{1,3}|[IVX]+")
_STOPS: Final = frozenset(tuple(phrase.split()) for phrase in lexicon.BLOC_NAME_STOPS)
_MAX_STOP: Final = max(len(stop) for stop in _STOPS)
_PLACE_UNITS: Final = frozenset(tuple(unit.split()) for unit in lexicon.PLACE_UNITS)
_UNIT_NOUNS: Final = frozenset(tuple(noun.split()) for noun in lexicon.MEMBER_UNIT_NOUNS)
_PROVINCIAL_ORGANS: Final = frozenset(tuple(organ.split()) for organ in lexicon.PROVINCIAL_ORGANS)
_GENERIC_BEFORE: Final = frozenset((*lexicon.GENERIC_DETERMINERS, "cụm", "khối"))
_WEAK_ENDINGS: Final = frozenset(lexicon.WEAK_ENDINGS)
_MAX_NAME_WORDS: Final = 15


def _infer_bloc(title: str, text: str) -> str | None:
    """The first bloc or cluster named in the title, else in the text, as written."""
    return first_bloc(title) or first_bloc(text)


def first_bloc(text: str) -> str | None:
    """The first bloc name in the text; a name never runs over a line break."""
    for line in text.splitlines():
        tokens = [(m.group(), m.start(), m.end()) for m in _BLOC_TOKEN.finditer(line)]
        words = [t[0].lower() for t in tokens]
        for i, (word, start, _) in enumerate(tokens):
            if words[i] in ("khối", "cụm") and not _generic(words, i):
                last = _bloc_end(tokens, words, i, word[0].isupper())
                if last is not None:
                    return line[start : tokens[last][2]]
    return None


def _generic(words: list[str], head: int) -> bool:
    """Whether the head word speaks of blocs in general: "các Khối thi đua", "Cụm, Khối"."""
    before = [w for w in words[max(0, head - 2) : head] if w != ","]
    return bool(before) and before[-1] in _GENERIC_BEFORE


def _bloc_end(
    tokens: list[tuple[str, int, int]], words: list[str], head: int, capital: bool
) -> int | None:
    """Index of the last token of the bloc name starting at `head`, or None if it is none.

    "Khối thi đua số 6" and "Cụm 2" end at their number; a descriptive name ("Khối thi đua
    các cơ quan Trung ương", "Khối các cơ quan nội chính") needs a capital K and ends before
    the predicate, a place or punctuation.
    """
    j = head + 1
    thi_dua = words[j : j + 2] == ["thi", "đua"]
    if thi_dua:
        j += 2
    number = j + 1 if j < len(words) and words[j] == "số" else j
    if number < len(words) and _NUMBER.fullmatch(tokens[number][0]) and (thi_dua or capital):
        return number
    if not capital or not (thi_dua or words[j : j + 1] == ["các"]):
        return None
    last = None
    k = j
    while k < len(words) and k - j < _MAX_NAME_WORDS:
        if _stops_at(tokens, words, k, first=k == j):
            break
        word = tokens[k][0]
        if word == ",":
            noun = next(
                (n for n in _UNIT_NOUNS if tuple(words[k + 1 : k + 1 + len(n)]) == n), None
            )
            if noun is None:
                break
            last = k + len(noun)  # the noun itself may be a stop word: "thành phố"
            k = last + 1
            continue
        if word in ("-", "–", "—"):
            pass  # "Văn hóa - Xã hội"; a predicate after a dash is caught by the stops
        elif not word[0].isalpha():
            break
        elif words[k] not in _WEAK_ENDINGS:
            last = k
        k += 1
    return last


def _stops_at(
    tokens: list[tuple[str, int, int]], words: list[str], k: int, *, first: bool
) -> bool:
    """Whether a bloc's descriptive name ends before token k."""
    if tuple(words[k : k + 2]) in _PROVINCIAL_ORGANS:
        return False
    for length in range(_MAX_STOP, 0, -1):
        if tuple(words[k : k + length]) in _STOPS and not (first and words[k] == "của"):
            return True
    for unit in _PLACE_UNITS:
        after = k + len(unit)
        if (
            tuple(words[k:after]) == unit
            and after < len(tokens)
            and tokens[after][0][:1].isupper()
        ):
            return True
    return tokens[k][0][:1].isupper() and any(
        canonical_province(" ".join(t[0] for t in tokens[k : k + length]))
        for length in range(1, 6)
    )


# --- date -------------------------------------------------------------------------------------

_HEAD_LINES: Final = 15
# What may stand before the date of a date line, folded: "(15:32 | ", "Thứ Hai, ", "Cập nhật:",
# "date ", and the time of day of a news lead: "Chiều ngày ".
_DATE_LEAD: Final = re.compile(
    r"(?:[\W_]|\b(?:date|ngay|dang|cap nhat|luc|thoi gian|published|posted|updated|sang|chieu"
    r"|trua|toi|dem|hom|nay|thu (?:hai|ba|tu|nam|sau|bay)|chu nhat|gmt)\b|\d{1,2}:\d{2}"
    r"(?::\d{2})?)*"
)
# Before a date that belongs to a cited document or a deadline, folded:
# "Quyết định số 354/QĐ-UBND ngày 12/3/2018", "trước ngày 15/11/2023", "(11/6/1948 - ...".
_REFERENCE_BEFORE: Final = re.compile(
    r"(?:\d+/[\w./-]*[a-z][\w./-]*\s+(?:\w+\s+){0,3}|\b(?:truoc|sau|tu|den|han|cham nhat)\s+"
    r"|\(\s*)(?:ngay\s+)?$"
)
_YEAR_RANGE: Final = re.compile(r"\b\d{4}\s*[-–—]\s*\d{4}\b")
_YEAR: Final = re.compile(r"(?<![\d/.-])(?:19|20)\d\d(?![\d/])")


def _infer_date(title: str, text: str) -> dt.date | None:
    """The document's date: a date line near the top ("05/01/2023", "(15:32 | 22/01/2024)",
    "Hà Nội, ngày 25 tháng 07 năm 2016", "Chiều ngày 24/2/2023, ..."), else a news lead
    without a year ("Chiều 10/1, ...") dated by the years the document names, else the first
    complete date that is not a cited document's or a deadline, else the date its source
    address writes."""
    head = [line for line in text.splitlines() if line.strip()][:_HEAD_LINES]
    leads = [match for line in head if (match := _line_date(line))]
    for match in leads:
        if match.year is not None:
            return match.to_date()
    for match in leads:
        year = _year_for(match.month, title, text)
        if year is not None:
            return _date(match.day, match.month, year)
    folded = fold(text)
    for match in find_dates(text):
        if match.year is not None and not _REFERENCE_BEFORE.search(
            folded[max(0, match.start - 60) : match.start]
        ):
            return match.to_date()
    return _url_date(_infer_source(text))


# The date a news site writes in its article addresses: ".../2022/01/06/...",
# "...-20220326193229968.htm" (a timestamp after the slug).
_URL_DATE: Final = re.compile(
    r"/((?:19|20)\d\d)/(\d\d)/(\d\d)(?:/|$)|-((?:19|20)\d\d)(\d\d)(\d\d)\d{0,11}\.\w+$"
)


def _url_date(url: str | None) -> dt.date | None:
    """The publication date a source address writes, if any."""
    match = _URL_DATE.search(url or "")
    if match is None:
        return None
    year, month, day = (g for g in match.groups() if g is not None)
    return _date(int(day), int(month), int(year))


def _line_date(line: str) -> DateMatch | None:
    """The date a line opens with (after a label or time of day), or of a signing-place line."""
    dates = find_dates(line)
    if not dates:
        return None
    first = dates[0]
    if _DATE_LEAD.fullmatch(fold(normalize(line))[: first.start]) or _SIGNING_LINE.fullmatch(
        normalize(line)
    ):
        return first
    return None


def _year_for(month: int, title: str, text: str) -> int | None:
    """The year of a day/month date, when the years the document names make it unambiguous.

    Years come from the title, else the text; they must be one year or two consecutive ones
    (a review of one year and the plan for the next): the later one. A year-end summary of
    that year ("tổng kết ... năm 2024") held in the first half-year is held the year after.
    """
    years = _years(title) or _years(text)
    if not years or max(years) - min(years) > 1:
        return None
    year = max(years)
    summary = re.compile(rf"tong ket[^.\n\d]{{0,80}}\bnam {year}\b")
    if month <= 6 and summary.search(fold(f"{title}\n{text}")):
        return year + 1
    return year


def _years(text: str) -> set[int]:
    """Years named in the text outside complete dates and spans such as "2020-2025"."""
    text = _YEAR_RANGE.sub(" ", text)
    for match in find_dates(text):
        if match.year is not None:
            text = text[: match.start] + " " * (match.end - match.start) + text[match.end :]
    return {int(year) for year in _YEAR.findall(text)}


def _date(day: int, month: int, year: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --- type and source --------------------------------------------------------------------------

# Words a document's title (or a header line) starts with, and the type they announce.
_TYPE_OPENINGS: Final = (
    ("guidance", ("hướng dẫn",)),
    (
        "regulation",
        (
            "quyết định",
            "quy định",
            "quy chế",
            "luật",
            "nghị định",
            "nghị quyết",
            "thông tư",
            "chỉ thị",
        ),
    ),
    ("plan", ("kế hoạch",)),
    ("report", ("báo cáo",)),
)
# Official letters and notices: their subject words, not their meeting words, give the type.
_LETTER_OPENINGS: Final = ("công văn", "văn bản", "thông báo")
# Symbols of documents: "1479/HD-BTĐKT", "354/QĐ-UBND", "4134/KH-UBND".
_TYPE_SYMBOLS: Final = (
    ("guidance", re.compile(r"\d/HD-")),
    ("regulation", re.compile(r"\d/(?:QD|ND|TT|NQ|CT|QC)-")),
    ("plan", re.compile(r"\d/KH-")),
    ("report", re.compile(r"\d/BC-")),
)
# Words of news about a bloc's meetings.
_REPORT_WORDS: Final = (
    "tổng kết",
    "sơ kết",
    "hội nghị",
    "họp",
    "ký kết",
    "giao ước",
    "hội thao",
    "bàn giao",
    "tọa đàm",
    "gặp mặt",
    "báo cáo",
)
_TYPE_LINES: Final = 4


def _infer_doc_type(title: str, text: str) -> str:
    """report, guidance, regulation, plan or other, from the title, then the first lines."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:_TYPE_LINES]
    symbols = fold(title).upper()
    if _contains(title, _LETTER_OPENINGS, start=True):
        return _type_of_words(title, start=False) or "other"
    found = (
        _type_of_words(title, start=True)
        or next((kind for kind, symbol in _TYPE_SYMBOLS if symbol.search(symbols)), None)
        or ("report" if _contains(title, _REPORT_WORDS) else None)
        or _type_of_words(title, start=False)
        or next((kind for line in lines if (kind := _type_of_words(line, start=True))), None)
        or ("report" if any(_contains(line, _REPORT_WORDS) for line in lines) else None)
    )
    return found or "other"


def _type_of_words(text: str, *, start: bool) -> str | None:
    """The type a text announces by its first words (`start`) or by words anywhere in it."""
    return next(
        (kind for kind, words in _TYPE_OPENINGS if _contains(text, words, start=start)), None
    )


def _contains(text: str, phrases: tuple[str, ...], *, start: bool = False) -> bool:
    """Whether the text has one of the phrases as whole words, compared with marks unless the
    text was typed without them ("họp" is not "hợp")."""
    marked = has_diacritics(text)
    haystack = normalize(text).lower() if marked else fold(text)
    anchor = r"^\W*" if start else r"(?<!\w)"
    return any(
        re.search(anchor + re.escape(phrase if marked else fold(phrase)) + r"(?!\w)", haystack)
        for phrase in phrases
    )


_SOURCE: Final = re.compile(r"(?:nguồn|source)\s*:\s*(https?://\S+)", re.IGNORECASE)
_ANY_URL: Final = re.compile(r"https?://\S+")


def _infer_source(text: str) -> str | None:
    """The URL after the first "Nguồn:" (or "Source:"), else the first URL in the text."""
    match = _SOURCE.search(text) or _ANY_URL.search(text)
    if match is None:
        return None
    return match.group(match.lastindex or 0).rstrip(".,;)”\"'")
