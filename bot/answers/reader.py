"""The reader: any question's answer read from one sentence of the retrieved passages.

A question asks for a type of answer (an organisation, a date, a number, a document …). The
reader scores the sentences of the best passages by how much of the question they hold (rarer
words weigh more) and keeps those that hold a span of the asked type; the answer is that span
in one short sentence, the sentence itself its evidence. A question about a role in a year is
answered only from a sentence whose year (written, or the year its meeting reviews) is that
year: the genre's trap is a leader named in early 2023 at the meeting about 2022.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from bot.answers import spans, wording
from bot.answers.questions import Intent, MeetingAsk, ParsedQuestion
from bot.answers.replies import folded_words, shorten
from bot.answers.spans import Span
from bot.facts.period import Period
from bot.knowledge.index import Chunk, DocRecord, KnowledgeIndex
from bot.knowledge.retrieval import Hit
from bot.vi import lexicon
from bot.vi import normalize as vt
from bot.vi.names import bloc_number, bloc_numbers
from bot.vi.provinces import canonical_province, find_provinces
from bot.vi.sentences import split_sentences
from bot.vi.tokens import Phrases, Sentence

_ROLES: Final = Phrases(lexicon.ROLE_WORDS)
_ROLE_OF: Final = {vt.fold(p): role for p, (role, _) in lexicon.ROLE_WORDS.items()}
_ROLE_KEYS: Final = frozenset(w for p in _ROLE_OF for w in p.split()) | {"thi", "dua"}
_UNIT_ASKS: Final = Phrases(lexicon.UNIT_ASK_NOUNS)
_PERCENT_ASKS: Final = Phrases(lexicon.PERCENT_ASKS)
_EFFECT: Final = Phrases(lexicon.EFFECT_WORDS)
_HANDOVER: Final = Phrases(lexicon.HANDOVER_VERBS)
_CLAUSE_ENDS: Final = frozenset({";", ".", "!", "?"})
_YEAR: Final = re.compile(r"(?<![\d/.-])(?:19|20)\d\d(?![\d/])")
_PASSAGES: Final = 8  # passages read per question
_TOP_DOCUMENTS: Final = 2  # documents read whole besides those passages
_MIN_COVERAGE: Final = 0.34  # share of the question's weighted words a sentence must hold
_MIN_ROLE_COVERAGE: Final = 0.2  # the same for a role question, whose sentence holds a role word
_YEAR_REACH: Final = 8  # tokens around a role word where its year may be written
_HOLDER_REACH: Final = 12  # tokens between a role word and the unit it names, at most
_ELECT: Final = Phrases(lexicon.ELECT_VERBS)
_SEVERAL: Final = Phrases(lexicon.SEVERAL_ASKS)
_GRANT: Final = Phrases(lexicon.GRANT_VERBS)
_PLACE_KINDS: Final = frozenset(vt.fold(p) for p in lexicon.ADMINISTRATIVE_PLACES)
_GRANTERS: Final = Phrases(lexicon.GRANTERS)
_INCLUDES: Final = Phrases(lexicon.INCLUDE_VERBS)
_DEADLINE_ASKS: Final = Phrases(lexicon.DEADLINE_CUES)
_BY_DATE: Final = Phrases(
    (*lexicon.DEADLINE_DATE_CUES, "hạn", "thời hạn", "đến ngày", "đến hết ngày", "hết ngày")
)
_SEND: Final = Phrases(lexicon.SEND_VERBS)
_ROLE_ASKS: Final = Phrases(
    (
        *(
            f"{verb} {noun}"
            for verb in ("giữ", "có", "đảm nhận", "là")
            for noun in lexicon.ROLE_OF_UNIT
        ),
        *lexicon.ROLE_OF_UNIT,
    )
)
_MEETING_WORDS: Final = Phrases(
    (*lexicon.MEETINGS, *lexicon.MEETING_WORDS, *lexicon.ORGANISE_VERBS, "hội thao", "đại hội")
)
_FUNCTION: Final = frozenset(vt.fold(w) for w in lexicon.FUNCTION_WORDS)
_ANSWER_CHARS: Final = 240
_LIST_CHARS: Final = 1200
_CONTEXT_WORDS: Final = 10  # words kept on each side of a date in its answer
_BLOC_SHARE: Final = 0.6  # share of a named bloc's words a document must hold
_DAY_MONTH: Final = re.compile(r"(\d{1,2})[/-](\d{1,2})")
_REVIEW_MONTHS: Final = 6  # a year's "tổng kết" held in January to June is of the year before
_ASKED_SHARE: Final = 0.6  # share of an asked unit's words a sentence's unit must hold
_OPENING_CHARS: Final = 1500  # where a document names its bloc
_LEAD_CHARS: Final = 3000  # where a document says which year its meeting is about


class AnswerType(StrEnum):
    """What a question asks for."""

    UNIT = "unit"  # an organisation or a person
    ROLE = "role"  # the role a named unit holds
    UNITS = "units"  # a list of units
    DATE = "date"
    PLACE = "place"
    DATE_PLACE = "date_place"
    NUMBER = "number"
    PERCENT = "percent"
    DOCUMENT = "document"
    AWARD = "award"
    PHRASE = "phrase"  # anything else: the sentence itself


@dataclass(frozen=True)
class Ask:
    """A question as the reader needs it."""

    type: AnswerType
    role: str | None  # "leader" or "deputy" for role questions
    year: int | None
    terms: tuple[str, ...]  # folded content words
    bloc_number: int | None
    counted: str | None = None  # the folded noun a "bao nhiêu" question counts ("tap the")
    deadline: bool = False  # the question asks by when something is due
    bloc_words: tuple[str, ...] = ()  # folded words of the bloc the question names
    school: bool = False  # the year asked is a school year's first ("năm học 2022-2023")
    kind: str | None = None  # the folded kind of unit asked: "xa" for "xã nào", "truong"…
    places: tuple[str, ...] = ()  # folded names of the places the asked bloc gathers


@dataclass(frozen=True)
class Reading:
    """An answer read from a sentence."""

    text: str
    sentence: str
    hit: Hit
    coverage: float


@functools.lru_cache(maxsize=8192)
def _sentences(passage: str, title: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The sentences of a passage with their folded words, its title line left out (cached:
    passages recur across questions)."""
    return tuple(
        (text, folded_words(text))
        for text in split_sentences(passage)
        if text.strip() != title.strip()
    )


def _initials(text: str) -> frozenset[str]:
    """The initials of each run of two to four words ("chính trị" → "ct"), folded."""
    letters = [w[0] for w in vt.fold(text).split() if w[:1].isalpha()]
    return frozenset(
        "".join(letters[i : i + n]) for n in range(2, 5) for i in range(len(letters) - n + 1)
    )


def ask_of(parsed: ParsedQuestion) -> Ask:
    """What the question asks for: its answer type, role, year and words."""
    s = Sentence(vt.normalize(parsed.text))
    terms = tuple(w for w in vt.content_words(parsed.text, folded=True) if w not in _FUNCTION)
    role = next((_ROLE_OF.get(vt.fold(p)) for _, _, p in _ROLES.find(s)), None)
    if parsed.intent in (Intent.LEADER, Intent.DEPUTY):
        role = str(parsed.intent)
    kind = _type_of(parsed, s, role)
    deadline = parsed.intent is Intent.DEADLINE or any(True for _ in _DEADLINE_ASKS.find(s))
    return Ask(
        kind,
        role,
        parsed.year,
        terms,
        parsed.bloc_number,
        _counted_noun(s),
        deadline,
        tuple(vt.fold(w) for w in parsed.bloc_words),
        parsed.year is not None and parsed.year in vt.school_years(parsed.text),
        _kind_asked(s),
        parsed.bloc_places,
    )


def _kind_asked(s: Sentence) -> str | None:
    """The kind of unit a "<noun> nào" question asks for ("xã nào", "trường nào"), folded;
    None for a noun that names no kind ("đơn vị nào")."""
    for i, n, noun in _UNIT_ASKS.find(s):
        if s.key(i + n) == "nao" and noun not in lexicon.GENERIC_UNIT_ASKS:
            return vt.fold(noun)
    return None


def _of_kind(ask: Ask, holder: Span) -> bool:
    """Whether a unit is of the kind asked: its name holds the noun ("xã Phong An" for "xã
    nào"); for a province asked, a province's name."""
    if ask.kind is None:
        return True
    if ask.kind == "tinh" and canonical_province(holder.text):
        return True
    return ask.kind in folded_words(holder.text)


def _counted_noun(s: Sentence) -> str | None:
    """The noun after "bao nhiêu"/"mấy" ("bao nhiêu tập thể" → "tap"), folded."""
    for i, token in enumerate(s.tokens):
        after = i + 2 if token.key == "bao" and s.key(i + 1) == "nhieu" else i + 1
        if (token.key == "may" or after == i + 2) and s.key(after).isalpha():
            return s.key(after)
    return None


def _type_of(parsed: ParsedQuestion, s: Sentence, role: str | None) -> AnswerType:
    folded = f" {' '.join(t.key for t in s.tokens)} "
    asks_which = any(w in folded for w in (" nao ", " ai ", " gi "))
    if role and parsed.asks_role_of_unit and any(w - _ROLE_KEYS for w in _asked_units(parsed)):
        return AnswerType.ROLE  # a unit is named: its role is asked, not a role's duties
    if role and (" ai " in folded or " nao " in folded):
        return AnswerType.UNIT
    if parsed.intent is Intent.MEMBERS or (asks_which and any(True for _ in _INCLUDES.find(s))):
        return AnswerType.UNITS
    if any(True for _ in _PERCENT_ASKS.find(s)):
        return AnswerType.PERCENT
    if parsed.asks_count or " bao nhieu " in folded or " may " in folded:
        return AnswerType.NUMBER
    if parsed.intent is Intent.MEETING:
        return {
            MeetingAsk.DATE: AnswerType.DATE,
            MeetingAsk.PLACE: AnswerType.PLACE,
            MeetingAsk.CHAIR: AnswerType.UNIT,
        }.get(parsed.meeting_ask or MeetingAsk.ANY, AnswerType.DATE_PLACE)
    asks_when = any(w in folded for w in (" ngay nao ", " khi nao ", " bao gio ", " thoi han "))
    if parsed.intent is Intent.DEADLINE or asks_when or any(True for _ in _EFFECT.find(s)):
        return AnswerType.DATE
    if parsed.intent is Intent.DOCUMENT:
        return AnswerType.DOCUMENT
    if any(w in folded for w in (" o dau ", " tai dau ", " dia diem ")):
        return AnswerType.PLACE
    unit_asks = [i for i, n, _ in _UNIT_ASKS.find(s) if s.key(i + n) == "nao"]
    if any(s.key(i - 1) in ("o", "tai") for i in unit_asks):
        return AnswerType.PLACE  # "họp ở sở nào"
    if " ai " in folded or unit_asks:
        return AnswerType.UNIT
    if parsed.intent is Intent.AWARD:
        return AnswerType.AWARD
    return AnswerType.PHRASE


class Reader:
    """Reads answers from the sentences of retrieved passages of one index."""

    def __init__(self, index: KnowledgeIndex) -> None:
        self._docs = index.docs
        self._opening_words: dict[str, frozenset[str]] = {}
        self._chunks: dict[str, list[Chunk]] = {}
        for chunk in index.chunks:
            self._chunks.setdefault(chunk.doc, []).append(chunk)
        counts: Counter[str] = Counter()
        for chunk in index.chunks:  # the index's own tokens, folded: no text read again
            counts.update({vt.fold(token) for token in chunk.tokens})
        self._df = counts
        self._passages = max(1, len(index.chunks))

    def _weight(self, word: str) -> float:
        return math.log(1 + self._passages / (1 + self._df.get(word, 0)))

    def read(self, parsed: ParsedQuestion, ask: Ask, hits: Sequence[Hit]) -> Reading | None:
        """The best typed answer in the passages, or None when no sentence holds one."""
        best: tuple[float, int, Reading] | None = None
        for rank, hit in enumerate(self._candidates(ask, hits)):
            doc = self._docs.get(hit.chunk.doc)
            if doc is None or not self._readable(ask, doc):
                continue
            for text, words in _sentences(hit.chunk.text, hit.chunk.title):
                coverage = self._coverage(ask, words, doc)
                if coverage < (_MIN_ROLE_COVERAGE if ask.role else _MIN_COVERAGE):
                    continue
                answer = _answer(ask, Sentence(text), doc, parsed)
                if answer is None:
                    continue
                reading = Reading(answer, text, hit, coverage)
                key = (coverage, -rank)
                if best is None or key > (best[0], best[1]):
                    best = (coverage, -rank, reading)
        return best[2] if best else None

    def coverage(self, ask: Ask, sentence: str, doc: str) -> float:
        """How much of the question a sentence of a document holds (as the reader weighs it)."""
        record = self._docs.get(doc)
        return self._coverage(ask, folded_words(sentence), record) if record else 0.0

    def _coverage(self, ask: Ask, words: frozenset[str], doc: DocRecord) -> float:
        # Words of the document's title say which document, not which sentence: they count
        # as held by every sentence of it.
        header = folded_words(f"{doc.title} {doc.province or ''}")
        total = sum(self._weight(t) for t in ask.terms) or 1.0
        return sum(self._weight(t) for t in ask.terms if t in words or t in header) / total

    def _readable(self, ask: Ask, doc: DocRecord) -> bool:
        """Whether a document may answer: of the year and the bloc asked."""
        return self._in_period(ask, doc) and self._of_bloc(ask, doc)

    def _candidates(self, ask: Ask, hits: Sequence[Hit]) -> list[Hit]:
        """The best passages, then the other passages of the best documents that may answer
        (a document found first often states the answer in a passage that ranks lower)."""
        chosen = list(hits[:_PASSAGES])
        seen = {h.chunk.id for h in chosen}
        readable = (
            h.chunk.doc
            for h in chosen
            if (record := self._docs.get(h.chunk.doc)) is not None and self._readable(ask, record)
        )
        top_docs = list(dict.fromkeys(readable))[:_TOP_DOCUMENTS]
        for doc in top_docs:
            for chunk in self._chunks.get(doc, ()):
                if chunk.id not in seen:
                    seen.add(chunk.id)
                    chosen.append(Hit(chunk, 0.0))
        return chosen

    def _of_bloc(self, ask: Ask, doc: DocRecord) -> bool:
        """A question naming a bloc by its words is read in documents whose bloc, title or
        opening hold most of those words, written out or as initials ("CT-XH" is "chính trị -
        xã hội"): the bloc's name matched loosely, never a gate on its exact spelling. A
        document whose opening numbers blocs, none the one asked, is about others."""
        opening = f"{doc.bloc or ''} {doc.title} {doc.text[:_OPENING_CHARS]}"
        if ask.bloc_number is not None:
            numbers = bloc_numbers(opening)
            if numbers and ask.bloc_number not in numbers:
                return False
        if not ask.bloc_words:
            return True
        words = self._opening_words.get(doc.name)
        if words is None:
            words = folded_words(opening) | _initials(opening)
            self._opening_words[doc.name] = words
        if ask.places:  # the places it gathers are named whole ("huyện Tu Mơ Rông")
            folded = f" {' '.join(vt.lexical_tokens(opening, folded=True))} "
            if not all(f" {place} " in folded for place in ask.places):
                return False
        return sum(w in words for w in ask.bloc_words) >= _BLOC_SHARE * len(ask.bloc_words)

    @staticmethod
    def _in_period(ask: Ask, doc: DocRecord) -> bool:
        """A question about a year is read only in documents that speak of that year."""
        return ask.year is None or ask.year in doc.years


def _answer(ask: Ask, s: Sentence, doc: DocRecord, parsed: ParsedQuestion) -> str | None:
    """The answer of the asked type in one sentence, worded; None when the sentence has none."""
    if parsed.intent is Intent.MEETING and not _of_meeting(s, doc, parsed.meeting):
        return None
    match ask.type:
        case AnswerType.UNIT if ask.role:
            return _role_holder(ask, s, doc, parsed)
        case AnswerType.ROLE:
            return _role_of_unit(ask, s, doc, parsed)
        case AnswerType.UNIT:
            return _unit(ask, s, parsed)
        case AnswerType.UNITS:
            return _members(ask, s, parsed)

        case AnswerType.DATE:
            cited = {k for d in spans.documents(s) for k in range(d.start, d.end)}
            found = [d for d in spans.dates(s) if d.start not in cited]  # not a document's date
            if ask.deadline:
                # A due date has its cue near it ("trước ngày", "chậm nhất đến hết ngày",
                # "trước 17 giờ ngày"); a sentence that only speaks of sending may do too.
                cued = [
                    d for d in found if any(_BY_DATE.at(s, k) for k in range(d.start - 6, d.start))
                ]
                found = cued or (found if any(True for _ in _SEND.find(s)) else [])
            dated = _dated(found[0].text, doc, parsed) if found else ""
            return _in_context(s, found[0], dated) if found else None
        case AnswerType.PLACE:
            found = spans.places(s)
            return wording.READ_PLACE.format(place=found[0].text) if found else None
        case AnswerType.DATE_PLACE:
            return _date_place(s, doc, parsed)
        case AnswerType.NUMBER:
            found = [
                n
                for n in spans.numbers(s)
                if n.kind is spans.SpanKind.NUMBER
                and (ask.counted is None or ask.counted in {s.key(n.end), s.key(n.end + 1)})
            ]
            return _say(_counted(s, found[0])) if found else None
        case AnswerType.PERCENT:
            found = [n for n in spans.numbers(s) if n.kind is spans.SpanKind.PERCENT]
            return _say("; ".join(p.text for p in found)) if found else None
        case AnswerType.DOCUMENT:
            found = _outside(spans.documents(s), parsed)
            return _say(found[0].text) if found else None
        case AnswerType.AWARD:
            granters = _granters(parsed)
            found = [
                a
                for a in _outside(spans.awards(s), parsed)
                if all(g in vt.fold(a.text) for g in granters)
            ]
            return _say(found[0].text) if found else None
    return None


def _of_meeting(s: Sentence, doc: DocRecord, meeting: str | None) -> bool:
    """Whether a sentence speaks of the meeting asked: it names that kind of meeting ("sơ kết",
    "ký kết giao ước"), or names a meeting in a document whose title does."""
    if not any(True for _ in _MEETING_WORDS.find(s)):
        return False
    if not meeting:
        return True
    kind = set(vt.fold(meeting).split()[-2:])
    return kind <= folded_words(s.text) or kind <= folded_words(doc.title)


def _unit(ask: Ask, s: Sentence, parsed: ParsedQuestion) -> str | None:
    """The unit a sentence names for the question, of the kind asked; for an award question,
    the unit nearest the award asked (of the granter asked), never the granter itself."""
    holders = [h for h in _outside(spans.units(s) + spans.persons(s), parsed) if _of_kind(ask, h)]
    if parsed.award:
        asked = vt.fold(parsed.award)
        granters = _granters(parsed)
        awards = [
            a
            for a in spans.awards(s)
            if asked in vt.fold(a.text) and all(g in vt.fold(a.text) for g in granters)
        ]
        if not awards:
            return None
        award = awards[0]
        # "tặng Cờ thi đua cho X": after the award behind "cho"; "X được tặng …": before it.
        given = [
            h
            for h in holders
            if h.start >= award.end and "cho" in {s.key(k) for k in range(h.start - 3, h.start)}
        ]
        # Not the one who grants it: "đề nghị UBND tỉnh tặng …".
        before = [h for h in holders if h.end <= award.start and not _GRANT.at(s, h.end)]
        holders = given[:1] or before[::-1]
    if not holders:
        return None
    chosen = _coordinated(s, holders[0], holders) if _asks_several(parsed) else [holders[0]]
    return _say(s.span(chosen[0].start, chosen[-1].end))


def _asks_several(parsed: ParsedQuestion) -> bool:
    """Whether the question asks for several ("những đơn vị nào", "các sở nào")."""
    return any(True for _ in _SEVERAL.find(Sentence(vt.normalize(parsed.text))))


def _coordinated(s: Sentence, chosen: Span, holders: list[Span]) -> list[Span]:
    """The unit with those listed beside it ("A, B và C"), in their order."""
    ordered = sorted(holders, key=lambda h: h.start)
    at = ordered.index(chosen)
    first = last = at
    while first > 0 and _joined(s, ordered[first - 1], ordered[first]):
        first -= 1
    while last + 1 < len(ordered) and _joined(s, ordered[last], ordered[last + 1]):
        last += 1
    return ordered[first : last + 1]


def _joined(s: Sentence, left: Span, right: Span) -> bool:
    """Whether two units are listed together: only commas or "và" between them."""
    between = [s.key(k) for k in range(left.end, right.start)]
    return left.end <= right.start and bool(between) and all(w in (",", "va") for w in between)


def _granters(parsed: ParsedQuestion) -> list[str]:
    """Who grants the award a question names ("Chính phủ", "Bộ …"), folded."""
    return [vt.fold(p) for _, _, p in _GRANTERS.find(Sentence(vt.normalize(parsed.text)))]


def _members(ask: Ask, s: Sentence, parsed: ParsedQuestion) -> str | None:
    """The list a sentence gives after "gồm"/"bao gồm", else its units when it names several;
    a list without a unit of the kind asked ("những xã nào") is not the one asked."""
    for i in range(len(s.tokens) - 1):
        n = _INCLUDES.at(s, i)
        if n and i + n < len(s.tokens):
            rest = s.text[s.tokens[i + n].start :].strip(" :.;")
            if len(rest.split()) >= 3:
                if not _list_of_kind(ask, rest):
                    return None
                return wording.READ_LIST.format(units=shorten(rest, _LIST_CHARS))
    found = [u for u in _outside(spans.units(s), parsed) if _of_kind(ask, u)]
    if len(found) < 2:
        return None
    return wording.READ_LIST.format(units=", ".join(u.text for u in found))


def _list_of_kind(ask: Ask, text: str) -> bool:
    """Whether a list may be of the kind of unit asked: places are listed by their bare names
    ("Đức Linh, Tánh Linh và Hàm Tân"), a province's by a province's; an organisation's kind
    ("những sở nào") is written in the list."""
    if ask.kind is None or ask.kind in _PLACE_KINDS:
        return ask.kind != "tinh" or ask.kind in folded_words(text) or bool(find_provinces(text))
    return ask.kind in folded_words(text)


def _say(text: str) -> str:
    return wording.READ.format(answer=shorten(text, _ANSWER_CHARS))


def _outside(found: list[Span], parsed: ParsedQuestion) -> list[Span]:
    """Spans that the question does not itself name (its units, its document)."""
    named = vt.fold(parsed.text)
    return [f for f in found if vt.fold(f.text) not in named]


def _in_context(s: Sentence, span: Span, text: str) -> str:
    """A span with the words around it in its clause ("gửi về Sở Nội vụ trước ngày 15/11"), so
    that several dates of one sentence are told apart; the span itself is `text`."""
    lo, hi = _clause(s, span.start)
    lo, hi = max(lo, span.start - _CONTEXT_WORDS), min(hi, span.end + _CONTEXT_WORDS)
    before, after = s.span(lo, span.start), s.span(span.end, hi)
    return _say(" ".join(p for p in (before, text, after) if p).strip(" ,"))


def _dated(text: str, doc: DocRecord, parsed: ParsedQuestion) -> str:
    """A date without a year takes the year of the document's own date; in a document without
    one, the year the question asks of (a "tổng kết" of a year held by June is held the year
    after: the review comes after the year it reviews)."""
    day_month = _DAY_MONTH.fullmatch(text.strip())
    if day_month is None:
        return text
    if doc.date:
        return f"{text}/{doc.date[:4]}"
    if parsed.year is None:
        return text
    after = parsed.meeting == "tổng kết" and int(day_month.group(2)) <= _REVIEW_MONTHS
    return f"{text}/{parsed.year + after}"


def _date_place(s: Sentence, doc: DocRecord, parsed: ParsedQuestion) -> str | None:
    found_dates, found_places = spans.dates(s), spans.places(s)
    if not found_dates:
        return None
    date = _dated(found_dates[0].text, doc, parsed)
    if not found_places:
        return _say(date)
    return wording.READ_DATE_PLACE.format(date=date, place=found_places[0].text)


def _counted(s: Sentence, number: Span) -> str:
    """A number with the noun it counts ("18 cơ quan đơn vị")."""
    end = number.end
    while end < len(s.tokens) and end - number.end < 4 and s.tokens[end].text.isalpha():
        end += 1
    return s.span(number.start, end)


# --- roles ------------------------------------------------------------------------------------


def _clause(s: Sentence, i: int) -> tuple[int, int]:
    """The clause around token i: between the nearest ";" or "." on either side."""
    lo = i
    while lo > 0 and s.tokens[lo - 1].text not in _CLAUSE_ENDS:
        lo -= 1
    hi = i
    while hi < len(s.tokens) and s.tokens[hi].text not in _CLAUSE_ENDS:
        hi += 1
    return lo, hi


def _when(ask: Ask) -> str:
    """The year asked, as an answer says it: " năm 2024", " năm học 2024-2025"."""
    if ask.year is None:
        return ""
    return f" năm học {ask.year}-{ask.year + 1}" if ask.school else f" năm {ask.year}"


def _year_fits(ask: Ask, s: Sentence, near: tuple[int, int], doc: DocRecord, elects: bool) -> bool:
    """Whether a role named in tokens near[0]..near[1]-1 holds for the year asked. A school
    year asked is matched against the school years the sentence, else its document, names;
    only where neither names one, against the calendar years the role holds for."""
    if ask.year is None:
        return True
    if ask.school:
        named = vt.school_years(s.text) or vt.school_years(f"{doc.title} {doc.text[:_LEAD_CHARS]}")
        if named:
            return ask.year in named
    return ask.year in _role_years(s, *near, doc, elects)


def _role_years(s: Sentence, lo: int, hi: int, doc: DocRecord, elects: bool) -> set[int]:
    """The years a role named in tokens lo..hi-1 holds for: the years written there, else the
    year the document's meeting reviews (the next one when the sentence elects or hands over)."""
    written = {int(y) for y in _YEAR.findall(s.span(max(lo, 0), min(hi, len(s.tokens))))}
    if written:
        return written
    year = _doc_year(doc)
    if year is None:
        return set()
    return {year + 1 if elects else year}


def _doc_year(doc: DocRecord) -> int | None:
    return _doc_year_of(doc.title, doc.text[:_LEAD_CHARS], doc.date)


@functools.lru_cache(maxsize=1024)
def _doc_year_of(title: str, lead: str, date: str | None) -> int | None:
    """The year a document's meeting is about: read from its title and lead, else the first
    year its title or lead names, else the year of its date."""
    sentences = split_sentences(lead)
    period = Period.read(
        vt.normalize(title),
        [Sentence(t) for t in sentences[:8]],
        dt.date.fromisoformat(date) if date else None,
    )
    if period.current is not None:
        return period.current
    years = _YEAR.findall(" ".join([title, *sentences[:3]]))
    if years:
        return int(years[0])
    return int(date[:4]) if date else None


def _bloc_fits(ask: Ask, s: Sentence, lo: int, hi: int, doc: DocRecord) -> bool:
    """The clause names the asked bloc's number, or names none in a document of that bloc."""
    if ask.bloc_number is None:
        return True
    named = bloc_numbers(s.span(lo, hi))
    if named:
        return ask.bloc_number in named
    number = bloc_number(doc.bloc or "")
    return number is None or number == ask.bloc_number


def _role_words(s: Sentence) -> list[tuple[int, int, str]]:
    """(token, length, role) of each role word, none inside a longer one ("Phó Trưởng Cụm")."""
    found: list[tuple[int, int, str]] = []
    for i, n, phrase in _ROLES.find(s):
        if found and i < found[-1][0] + found[-1][1]:
            continue
        found.append((i, n, _ROLE_OF[vt.fold(phrase)]))
    return found


def _role_holder(ask: Ask, s: Sentence, doc: DocRecord, parsed: ParsedQuestion) -> str | None:
    """The unit (or person) the sentence gives the asked role, in the asked year; of several
    role words ("công nhận Khối trưởng …, X là Khối trưởng"), the one closest to its holder."""
    roles = _role_words(s)
    holders = [h for h in _outside(spans.units(s) + spans.persons(s), parsed) if _of_kind(ask, h)]
    best: tuple[int, str] | None = None
    for i, n, role in roles:
        if role != ask.role:
            continue
        lo, hi = _clause(s, i)
        if not _bloc_fits(ask, s, lo, hi, doc):
            continue
        handover = next((k for k in range(lo, i) if _HANDOVER.at(s, k)), None)
        holder = _nearest(s, i, n, [h for h in holders if lo <= h.start and h.end <= hi], roles)
        if holder is None:
            continue
        elects = (handover is not None and holder.start > handover) or any(
            _ELECT.at(s, k) for k in range(lo, i)
        )
        near = (max(lo, i - _YEAR_REACH), min(hi, i + n + _YEAR_REACH))
        if not _year_fits(ask, s, near, doc, elects):
            continue
        distance = _distance(s, holder, i, n) or 0
        if best is None or distance < best[0]:
            when = _when(ask)
            name = s.span(i, i + n)
            unit = _holder_text(s, holder, hi)
            text = wording.READ_ROLE.format(role=name[:1].upper() + name[1:], when=when, unit=unit)
            best = (distance, text)
    return best[1] if best else None


def _holder_text(s: Sentence, holder: Span, hi: int) -> str:
    """A unit as written; a person with the unit their title names after them ("Nguyễn Thị
    Kim Chi (Giám đốc Sở Giáo dục)")."""
    if holder.kind is not spans.SpanKind.PERSON:
        return holder.text
    after = [u for u in spans.units(s) if holder.end <= u.start < min(hi, holder.end + 8)]
    if not after:
        return holder.text
    return wording.READ_PERSON.format(
        person=holder.text, title=s.span(holder.end, after[0].end).strip(" ,–-")
    )


def _nearest(
    s: Sentence, i: int, n: int, holders: list[Span], roles: list[tuple[int, int, str]]
) -> Span | None:
    """The holder a role word at token i names: "X (cụm trưởng)", the respective one in "A và
    B … Trưởng khối và Phó Trưởng khối", else the nearest one whose own nearest role word this
    is (a holder after the role word only with no punctuation between)."""
    if s.key(i - 1) == "(":
        before = [h for h in holders if h.end == i - 1]
        if before:
            return before[-1]
    ahead = [r for r in roles if r[0] != i]
    before = [h for h in holders if h.end <= i]
    joined = [r for r in ahead if abs(r[0] - i) <= n + 6]
    if joined and len(before) >= 2:
        order = sorted([i, *(r[0] for r in joined)])
        pair = before[-len(order) :] if len(before) >= len(order) else before
        return pair[min(order.index(i), len(pair) - 1)]
    scored = [
        (d, h)
        for h in holders
        if (d := _distance(s, h, i, n)) is not None
        and d <= _HOLDER_REACH
        and all((other := _distance(s, h, r[0], r[1])) is None or other >= d for r in ahead)
    ]
    return min(scored, key=lambda x: x[0])[1] if scored else None


def _distance(s: Sentence, holder: Span, i: int, n: int) -> int | None:
    """Tokens between a holder and a role word at i (length n); None when a holder after the
    role word is cut from it by punctuation."""
    if holder.end <= i:
        return i - holder.end
    if holder.start < i + n:
        return None
    between = s.tokens[i + n : holder.start]
    if any(not t.text[0].isalnum() and t.text not in (":", "(") for t in between):
        return None
    return holder.start - (i + n) + 1


def _role_of_unit(ask: Ask, s: Sentence, doc: DocRecord, parsed: ParsedQuestion) -> str | None:
    """The role a unit the question names holds, as the sentence words it. A sector's
    clusters name their members by their province ("Cụm 3: Phú Yên (cụm trưởng)"): a place
    named alone stands for the asked unit of that province ("Sở Giáo dục và Đào tạo Phú
    Yên")."""
    asked = _asked_units(parsed)
    places = {p for u in parsed.units for p in find_provinces(u)} | set(parsed.provinces)
    scored = [
        (
            1.0
            if canonical_province(u.text) in places
            else max((_named(u.text, a) for a in asked), default=0.0),
            u,
        )
        for u in spans.units(s)
    ]
    scored = [(share, u) for share, u in scored if share >= _ASKED_SHARE]
    if not scored:
        return None
    unit = max(scored, key=lambda x: x[0])[1]  # the unit holding most of the asked words
    roles = _role_words(s)
    for i, n, _ in sorted(roles, key=lambda r: abs(r[0] - unit.end)):
        holder = _nearest(s, i, n, [u for u in spans.units(s) + spans.persons(s)], roles)
        if holder is None or holder.start != unit.start:
            continue
        lo, hi = _clause(s, i)
        near = (max(lo, i - _YEAR_REACH), min(hi, i + n + _YEAR_REACH))
        if not _year_fits(ask, s, near, doc, False):
            continue
        when = _when(ask)
        role = s.span(i, i + n)
        return wording.READ_ROLE_OF.format(role=role[:1].upper() + role[1:], when=when)
    return None


def _asked_units(parsed: ParsedQuestion) -> list[frozenset[str]]:
    """The words of the unit a question asks the role of: the words before its "giữ vai trò
    gì" ("Năm 2021, TT Lưu trữ quốc gia IV giữ vai trò gì …"), else the units it names."""
    s = Sentence(vt.normalize(parsed.text))
    ask = next((i for i in range(len(s.tokens)) if _ROLE_ASKS.at(s, i)), None)
    words = _content(s.span(0, ask)) - {"nam"} if ask is not None else frozenset()
    # The words before the ask keep the unit's province ("Sở Y tế Phú Yên"), which question
    # analysis reads apart from the unit.
    return [words] if words else [_content(u) for u in parsed.units]


def _content(text: str) -> frozenset[str]:
    return frozenset(w for w in folded_words(text) if w.isalpha() and w not in _FUNCTION)


def _named(text: str, asked: frozenset[str]) -> float:
    """The share of a unit's asked words that a unit of a sentence holds."""
    return sum(w in folded_words(text) for w in asked) / len(asked) if asked else 0.0
