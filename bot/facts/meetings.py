"""Meetings: which meeting a bloc held, when, where, hosted by whom and about which period; and
who chaired, directed or concluded it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from bot.facts.document import Document, Found
from bot.facts.model import Fact, FactKind
from bot.facts.period import safe_date
from bot.facts.units import holder_before, is_stop, piece_start, skip_back
from bot.facts.words import (
    BOUNDARY,
    HONORIFICS,
    MEETING_KINDS,
    ORGANISE,
    PASSIVE,
    PLACES,
    ROLES,
    TITLES,
    WEAK_END,
    is_year,
)
from bot.vi import lexicon
from bot.vi.normalize import DateMatch, find_dates
from bot.vi.tokens import Phrases, Sentence

_FUTURE: Final = Phrases(lexicon.FUTURE_WORDS)
_AT: Final = Phrases(lexicon.AT_WORDS)
_NOT_PLACES: Final = Phrases(lexicon.NOT_MEETING_PLACES)
_CHAIR_CUES: Final = Phrases(lexicon.CHAIR_LABELS)
_MEETING_WORDS: Final = Phrases(lexicon.MEETING_WORDS)
_CHAIR_STOPS: Final = Phrases(lexicon.CHAIR_STOPS)
# Before a date that is a cited document's or a deadline, folded.
_NOT_MEETING_DATE: Final = re.compile(
    r"(?:\d+/[\w./-]*[a-z][\w./-]*\s+(?:\w+\s+){0,3}|\b(?:truoc|sau|tu|den|han|cham nhat)\s+)"
    r"(?:ngay\s+)?$"
)
# What looks like a date, folded: "12/7", "ngay 4 thang 1".
_DATE_HINT: Final = re.compile(r"\d{1,2}\s?[/.-]\s?\d{1,2}|\bngay\s+\d{1,2}\s+thang\b")


def extract(doc: Document) -> Iterator[Found]:
    """The meetings a report says were held, sentence by sentence."""
    for s in doc.sentences:
        yield from _held(doc, s)


def chairs(doc: Document, meeting: Fact | None) -> Iterator[Found]:
    """Who chaired, directed or concluded the report's main meeting (the first held), sentence
    by sentence; without one, the meeting the report is about."""
    for s in doc.sentences:
        yield from _chairs(doc, s, meeting)


def _held(doc: Document, s: Sentence) -> list[Found]:
    """ "Chiều ngày 04/01/2023, tại X, Khối … đã tổ chức hội nghị tổng kết … năm 2022"."""
    tokens = s.tokens
    v = next((k for k, _, _ in ORGANISE.find(s)), None)
    if v is None or any(_FUTURE.at(s, k) for k in range(max(0, v - 3), v)):
        return []
    kinds: list[tuple[str, int]] = []
    first = 0 if PASSIVE.at(s, skip_back(s, v) - 1) else v
    for k in range(first, len(tokens)):
        if tokens[k].text == ";":
            break
        hit = MEETING_KINDS.match(tokens, k)
        if hit and lexicon.MEETING_KINDS[hit[1]] not in [kind for kind, _ in kinds]:
            kinds.append((lexicon.MEETING_KINDS[hit[1]], k + hit[0]))
    if len(kinds) > 1:
        kinds = [(kind, at) for kind, at in kinds if kind != "họp"]
    if not kinds:
        return []
    date = _meeting_date(s)
    place = _place(s)
    if date is None and place is None:
        return []
    hi = skip_back(s, v)
    lo = piece_start(s, hi)
    found = holder_before(s, lo - 1) if ROLES.at(s, lo) and lo >= 2 else holder_before(s, hi)
    host = found.unit if found and (found.start == lo or ROLES.at(s, lo)) else None
    named = next((doc.blocs.canonical(n) for n, a, _ in doc.blocs.mentions[s.index]
                  if lo <= a < hi), doc.context.bloc)  # fmt: skip
    held: list[Found] = []
    for kind, at in kinds:
        period, year = _meeting_period(doc, s, kind, at, date)
        held.append(
            doc.fact(
                s,
                FactKind.MEETING,
                "meeting.held",
                bloc=named,
                meeting=kind,
                year=year,
                period=period,
                date=_date_text(doc, date, kind, year),
                place=place,
                unit=host,
            )
        )
    return held


def _meeting_period(
    doc: Document, s: Sentence, kind: str, j: int, date: DateMatch | None
) -> tuple[str | None, int | None]:
    """(period as written, year) a meeting is about: "6 tháng đầu năm 2022", "năm 2022"."""
    tokens = s.tokens
    for k in range(j, min(len(tokens), j + 20)):
        if MEETING_KINDS.at(s, k) and k > j:
            break
        if not is_year(tokens[k]):
            continue
        start = k - 1 if s.key(k - 1) == "nam" else k
        if s.key(start - 1) in ("dau", "cuoi") and s.key(start - 2) == "thang":
            start -= 3
        year = int(tokens[k].text)
        if kind == "tổng kết" and date and date.year == year and date.month <= 6:
            if doc.period.summary != year - 1:
                return None, None
            return f"năm {year - 1}", year - 1
        return s.span(start, k + 1), year
    defaults = {
        "tổng kết": doc.period.summary,
        "sơ kết": doc.period.midyear,
        "ký kết giao ước": doc.period.opening,
        "triển khai": doc.period.opening,
    }
    return None, defaults.get(kind, doc.period.current)


def _date_text(
    doc: Document, date: DateMatch | None, kind: str | None, year: int | None
) -> str | None:
    """ISO date when its year is written or known from the document, else "d/m"."""
    if date is None:
        return None
    full = date.to_date()
    if full is None:
        known = doc.context.date
        if known and (known.day, known.month) == (date.day, date.month):
            full = known
        elif year is not None:
            after_summary = kind == "tổng kết" and date.month <= 6
            full = safe_date(year + after_summary, date.month, date.day)
    return full.isoformat() if full else f"{date.day}/{date.month}"


def _dates(s: Sentence) -> list[DateMatch]:
    """find_dates on a sentence, run only on windows around what looks like a date (fast)."""
    found: list[DateMatch] = []
    for hint in _DATE_HINT.finditer(s.folded):
        if found and hint.start() < found[-1].end:
            continue
        lo = max(0, hint.start() - 10)
        for match in find_dates(s.text[lo : hint.end() + 16]):
            if not found or match.start + lo >= found[-1].end:
                found.append(
                    DateMatch(match.day, match.month, match.year, match.start + lo, match.end + lo)
                )
    return found


def _meeting_date(s: Sentence) -> DateMatch | None:
    """The date a sentence says a meeting was held: not a cited document's date, not a
    deadline, not inside parentheses ("(19/8/1945-19/8/2022)")."""
    for match in _dates(s):
        before = s.folded[max(0, match.start - 60) : match.start]
        if s.text[: match.start].count("(") > s.text[: match.start].count(")"):
            continue
        if _NOT_MEETING_DATE.search(before) or s.folded[match.end : match.end + 2].strip() == "-":
            continue
        return match
    return None


def _place(s: Sentence) -> str | None:
    """Where a meeting was held: "tại Bộ chỉ huy Bộ đội Biên phòng Tỉnh", "tại tỉnh Long An"."""
    for t, _, _ in _AT.find(s):
        if _NOT_PLACES.at(s, t + 1):
            continue
        j = t + 1
        if not (s.capital(j) or PLACES.at(s, j)) or j >= len(s.tokens):
            continue
        end = j
        while end < len(s.tokens) and end - j < 12:
            tok = s.tokens[end]
            if tok.text in BOUNDARY or (end > j and (is_stop(s, end) or is_year(tok))):
                break
            end += 1
        while end > j and s.tokens[end - 1].key in WEAK_END:
            end -= 1
        if end > j:
            return s.span(j, end)
    return None


def _chair_text(s: Sentence, j: int) -> tuple[str, str, int] | None:
    """(name and titles, name, end) of a person named from token j ("đồng chí X, T1, T2")."""
    j += HONORIFICS.at(s, j)
    name_end = j
    while (
        name_end < len(s.tokens)
        and name_end - j < 5
        and s.tokens[name_end].text.isalpha()
        and s.capital(name_end)
        and TITLES.at(s, name_end) < 2
    ):
        name_end += 1
    if name_end - j < 2:
        return None
    end = name_end
    while end < len(s.tokens):
        tok = s.tokens[end]
        if tok.text in ";.)" or _CHAIR_STOPS.at(s, end):
            break
        if tok.text == "," and HONORIFICS.at(s, end + 1):
            break
        if tok.key == "va" and HONORIFICS.at(s, end + 1):
            break
        end += 1
    while end > name_end and s.tokens[end - 1].text in ",-–—":
        end -= 1
    return s.span(j, end), s.span(j, name_end), end


def _chair_list(s: Sentence, j: int) -> list[tuple[str, str]]:
    """Everyone named from token j: "đồng chí A – T và đồng chí B – T2"."""
    found: list[tuple[str, str]] = []
    while (person := _chair_text(s, j)) is not None:
        found.append(person[:2])
        j = person[2]
        if s.key(j) in ("va", ";", ","):
            j += 1
            if s.key(j) in ("va",):
                j += 1
        if not HONORIFICS.at(s, j):
            break
    return found


def _chair_before(s: Sentence, c: int) -> tuple[str, str] | None:
    """The person named just before a cue at token c: "(Ông X, Phó Giám đốc Sở Nội vụ chủ
    trì", "Hội nghị do đồng chí X, … chủ trì"."""
    end = skip_back(s, c)
    for k in range(end - 1, -1, -1):
        if HONORIFICS.at(s, k) and not HONORIFICS.at(s, k - 1):
            person = _chair_text(s, k)
            return (person[0], person[1]) if person and person[2] == end else None
    return None


def _chairs(doc: Document, s: Sentence, meeting: Fact | None) -> list[Found]:
    """Who chaired, directed or concluded: "Tới dự và chỉ đạo Hội nghị có đồng chí X, …",
    "Kết luận Hội nghị, đồng chí X, …", "(Ông X, Phó Giám đốc Sở Nội vụ chủ trì hội nghị)"."""
    tokens = s.tokens
    for c, n, cue in _CHAIR_CUES.find(s):
        label = lexicon.CHAIR_LABELS[cue]
        j = c + n
        j += _MEETING_WORDS.at(s, j)
        if s.key(j) == "tai":
            j += 1 + _MEETING_WORDS.at(s, j + 1)
        people: list[tuple[str, str]] = []
        if s.key(j) in ("co", ","):
            people = _chair_list(s, j + 1)
        elif (
            c > 0
            and (found := _chair_before(s, c))
            and (j >= len(tokens) or tokens[j].text in ").;" or _MEETING_WORDS.at(s, c + n))
        ):
            people = [found]
        if people:
            return [_chair_fact(doc, s, text, person, label, meeting) for text, person in people]
    return []


def _chair_fact(
    doc: Document, s: Sentence, text: str, person: str, label: str, meeting: Fact | None
) -> Found:
    return doc.fact(
        s,
        FactKind.MEETING,
        "meeting.chair",
        meeting=meeting.meeting if meeting else doc.period.kind,
        year=meeting.year if meeting else doc.period.current,
        date=meeting.date if meeting else None,
        chair=text,
        person=person,
        subject=label,
    )
