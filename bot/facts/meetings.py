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
from bot.vi.normalize import DateMatch, find_dates, fold
from bot.vi.tokens import Phrases, Sentence

_FUTURE: Final = Phrases(lexicon.FUTURE_WORDS)
_WEAK_KINDS: Final = frozenset(lexicon.WEAK_MEETING_PHRASES)
_NOUNS: Final = Phrases(lexicon.MEETING_NOUNS)
_NOT_HELD: Final = Phrases(lexicon.NOT_HELD_WORDS)
_SUBJECT_FIRST: Final = Phrases(lexicon.SUBJECT_FIRST_VERBS)
_YEARLY_AFTER: Final = re.compile(
    r"\s*\)?\s*(?:" + "|".join(fold(w) for w in lexicon.YEARLY_WORDS) + r")\b"
)
# What may stand before a news lead's date, folded: "(Baonghean.vn) - Chiều ngày ", "Vào tối ",
# "Trong hai ngày ".
_LEAD_BEFORE: Final = re.compile(
    r"^\W*(?:\([^)]{0,40}\)\s*[-–—]\s*)?(?:vao\s+|trong\s+(?:\w+\s+)?)?"
    r"(?:(?:sang|chieu|trua|toi|dem)\s+)?(?:(?:ngay|cac ngay|hom)\s+)?$"
)
# Before a date that follows its meeting: "Hội nghị … vào ngày 06/8/2019", "họp ngày 14/12".
_NAMED_DATE_BEFORE: Final = re.compile(r"\b(?:vao\s+(?:ngay\s+)?|ngay\s+)$")
_AT: Final = Phrases(lexicon.AT_WORDS)
_NOT_PLACES: Final = Phrases(lexicon.NOT_MEETING_PLACES)
_CHAIR_CUES: Final = Phrases(lexicon.CHAIR_LABELS)
_MEETING_WORDS: Final = Phrases(lexicon.MEETING_WORDS)
_CHAIR_STOPS: Final = Phrases(lexicon.CHAIR_STOPS)
# Before a date that is a cited document's or a deadline, folded.
_NOT_MEETING_DATE: Final = re.compile(
    r"(?:\d+[/-][\w./-]*[a-z][\w./-]*\s+(?:\w+\s+){0,3}|\b(?:truoc|sau|tu|den|han|cham nhat)\s+)"
    r"(?:ngay\s+)?$"
)
# What looks like a date, folded: "12/7", "ngay 4 thang 1".
_DATE_HINT: Final = re.compile(r"\d{1,2}\s?[/.-]\s?\d{1,2}|\bngay\s+\d{1,2}\s+thang\b")


def meeting_title(kind: str | None) -> str:
    """How a kind of meeting is named: "Hội nghị tổng kết", "Cuộc họp", "Lễ trao tặng"."""
    if not kind:
        return "Hội nghị"
    if kind in lexicon.MEETING_TITLES:
        return lexicon.MEETING_TITLES[kind]
    if kind.startswith(lexicon.MEETING_STANDALONE):
        return kind[:1].upper() + kind[1:]
    return f"Hội nghị {kind}"


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
    """The meetings a sentence says were held, clause by clause (clauses end at ";"): the
    first with the sentence's date, the others with a date of their own clause."""
    held: list[Found] = []
    bounds = [k for k, tok in enumerate(s.tokens) if tok.text == ";"]
    for lo, hi in zip([0, *(k + 1 for k in bounds)], [*bounds, len(s.tokens)], strict=True):
        found = _held_in(doc, s, lo, hi, own_clause=bool(held))
        if found and not any(f.fact.date == found[0].fact.date for f in held):
            held += found
    return held


def _held_in(doc: Document, s: Sentence, lo: int, hi: int, own_clause: bool) -> list[Found]:
    """The meetings of the clause between tokens lo and hi: after the first verb of meeting
    that is not in the future ("sẽ được tiến hành …, Lễ trao tặng được tổ chức …"), else
    named as an event on a date."""
    for v in [k for k, _, _ in ORGANISE.find(s) if lo <= k < hi]:
        if not any(_FUTURE.at(s, k) for k in range(max(lo, v - 3), v)) and (
            found := _held_at(doc, s, lo, hi, v, own_clause)
        ):
            return found
    return _held_at(doc, s, lo, hi, None, own_clause)


def _held_at(
    doc: Document, s: Sentence, lo: int, hi: int, v: int | None, own_clause: bool
) -> list[Found]:
    """ "Chiều ngày 04/01/2023, tại X, Khối … đã tổ chức hội nghị tổng kết … năm 2022" (the
    verb at token v); without a verb, a meeting named as an event on a date ("Ngày 23 và
    24/8/2014, Quỹ … tham gia Hội thao", "tại Hội nghị tổng kết … vào ngày 06/8/2019")."""
    tokens = s.tokens
    first = v if v is not None else lo
    if v is not None and (PASSIVE.at(s, skip_back(s, v) - 1) or _SUBJECT_FIRST.at(s, v)):
        first = lo
    # (kind, start, end) of each meeting phrase, the first of each kind; a weak phrase
    # gives way to a strong one of its kind ("đánh giá công tác …" then "tổng kết").
    kinds: list[tuple[str, int, int]] = []
    for k in range(first, hi):
        hit = MEETING_KINDS.match(tokens, k)
        if hit is None:
            continue
        kind = lexicon.MEETING_KINDS[hit[1]]
        known = next((item for item in kinds if item[0] == kind), None)
        if known is None or (_weak(s, known[1]) and hit[1] not in _WEAK_KINDS):
            kinds = [item for item in kinds if item is not known]
            kinds.append((kind, k, k + hit[0]))
    strong = [item for item in kinds if not _weak(s, item[1])]
    kinds = strong or kinds[:1]
    if not kinds:
        return []
    chars = (tokens[lo].start, tokens[hi - 1].end) if own_clause else (0, len(s.text))
    date = _meeting_date(s, *chars)
    if v is None and not _named_event(s, lo, hi, date, kinds[0][1]):
        return []
    place = _place(s, lo if own_clause else 0)
    if date is None and place is None:
        return []
    host: str | None = None
    named = doc.context.bloc
    if v is not None:
        end = skip_back(s, v)
        start = piece_start(s, end)
        found = (
            holder_before(s, start - 1) if ROLES.at(s, start) and start >= 2
            else holder_before(s, end)
        )  # fmt: skip
        host = found.unit if found and (found.start == start or ROLES.at(s, start)) else None
        named = next((doc.blocs.canonical(n) for n, a, _ in doc.blocs.mentions[s.index]
                      if start <= a < end), doc.context.bloc)  # fmt: skip
    yearly = date is not None and bool(_YEARLY_AFTER.match(s.folded, date.end))
    held: list[Found] = []
    for kind, _, at in kinds:
        period, year = _meeting_period(doc, s, kind, at, date)
        held.append(
            doc.fact(
                s,
                FactKind.MEETING,
                "meeting.held" if v is not None else "meeting.dated",
                bloc=named,
                meeting=kind,
                year=year,
                period=period,
                date=_date_text(doc, date, kind, year),
                place=place,
                unit=host,
                recurring=yearly,
            )
        )
    return held


def _weak(s: Sentence, k: int) -> bool:
    """Whether the meeting phrase at token k names a meeting only when no other one does."""
    hit = MEETING_KINDS.match(s.tokens, k)
    return hit is not None and hit[1] in _WEAK_KINDS


def _named_event(s: Sentence, lo: int, hi: int, date: DateMatch | None, k: int) -> bool:
    """Whether a clause without a verb of meeting names a meeting as an event on its date: a
    meeting noun, no invitation or plan before it, and the date opening the sentence or
    following the meeting ("… vào ngày 06/8/2019")."""
    if date is None or not (_NOUNS.at(s, k) or _NOUNS.ending(s.tokens, k)):
        return False
    until = s.token_at(date.start) or hi
    if any(_NOT_HELD.at(s, j) or _FUTURE.at(s, j) for j in range(lo, max(k, until))):
        return False
    if _LEAD_BEFORE.match(s.folded[: date.start]):
        return True
    return date.start > s.tokens[k].start and bool(
        _NAMED_DATE_BEFORE.search(s.folded, 0, date.start)
    ) and date.end <= s.tokens[hi - 1].end  # fmt: skip


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
    """ISO date when its year is written or known from the document (its date, the period of
    its meeting, else the one year it names), else "d/m"."""
    if date is None:
        return None
    full = date.to_date()
    if full is None:
        known = doc.context.date
        if known is None and year is None:
            year = doc.period.named
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
        lo = max(0, hint.start() - 24)
        for match in find_dates(s.text[lo : hint.end() + 16]):
            if not found or match.start + lo >= found[-1].end:
                found.append(
                    DateMatch(match.day, match.month, match.year, match.start + lo, match.end + lo)
                )
    return found


def _meeting_date(s: Sentence, lo: int, hi: int) -> DateMatch | None:
    """The date between characters lo and hi that a sentence says a meeting was held: not a
    cited document's date, not a deadline, not inside parentheses ("(19/8/1945-19/8/2022)")
    unless alone there ("sáng nay (17/12)")."""
    for match in _dates(s):
        if not lo <= match.start < hi:
            continue
        before = s.folded[max(0, match.start - 60) : match.start]
        alone = before.rstrip().endswith("(") and s.folded[match.end :].lstrip().startswith(")")
        if s.text[: match.start].count("(") > s.text[: match.start].count(")") and not alone:
            continue
        if _NOT_MEETING_DATE.search(before) or s.folded[match.end : match.end + 2].strip() == "-":
            continue
        return match
    return None


def _place(s: Sentence, lo: int = 0) -> str | None:
    """Where a meeting was held: "tại Bộ chỉ huy Bộ đội Biên phòng Tỉnh", "tại tỉnh Long An";
    from token lo on."""
    for t, _, _ in _AT.find(s):
        if t < lo:
            continue
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
